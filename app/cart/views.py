"""The bag and the wishlist pages, and the endpoints that change them.

Every change works as a plain form (POST → 303 back, with a flash message) and with htmx: the bag's line
and totals swap, the header's badge is swapped out of band, and `HX-Trigger` carries `cart-changed`
(with the new count) and a toast.
"""
from __future__ import annotations

import json

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.cart import bp, services
from app.cart.forms import AddToCartForm, BackForm, QuantityForm
from app.cart.queries import (
    cart_item_count,
    current_cart,
    get_line_for_cart_or_404,
    get_wishlist_item_or_404,
    summarise_bag,
    wished_product_ids,
    wishlist_for,
)
from app.cart.services import CartRefused
from app.core.rendering import render_page_or_block, wants_fragment
from app.core.urls import safe_next_path
from app.extensions import db

BAG_PAGE = "cart/cart.html"
WISHLIST_PAGE = "cart/wishlist.html"
CART_CHANGED = "cart-changed"

bp.add_app_template_global(cart_item_count)
bp.add_app_template_global(wished_product_ids)


@bp.app_template_global()
def checkout_url() -> str:
    """Where "Check out" goes."""
    return url_for("checkout.show_checkout")


# The bag ------------------------------------------------------------------------------------


@bp.get("/cart")
def show_cart():
    """Show the bag: its lines with what changed since they were added, and the totals."""
    return render_page_or_block(BAG_PAGE, "bag", summary=summarise_bag(current_cart()))


@bp.post("/cart/lines")
def add_cart_line():
    """Put an offer in the bag (from a product page: a size, a seller and a quantity)."""
    form = AddToCartForm()

    def add() -> None:
        if not form.validate_on_submit():
            raise CartRefused(form.first_error())
        services.add_to_cart(services.cart_for_request(), form.offer_id.data, form.quantity.data)

    return bag_addition_response(add, form.next.data)


@bp.post("/cart/products/<id:product_id>")
def add_product_to_cart(product_id: int):
    """Put one of a perfume's cheapest offer in stock in the bag (a card's "Add to bag")."""
    form = BackForm()
    return bag_addition_response(lambda: services.add_cheapest_offer_to_cart(services.cart_for_request(), product_id),
                                 form.next.data)


def bag_addition_response(add, next_path: str | None):
    """Run `add`; answer htmx with the "added" fragment and the bag's events, plain forms with a redirect."""
    back = safe_next_path(next_path, url_for("cart.show_cart"))
    try:
        add()
    except CartRefused as refusal:
        db.session.rollback()
        if not wants_fragment():
            flash(refusal.message, "error")
            return redirect(back, code=303)
        return bag_event_response(render_template("cart/_added.html", error=refusal.message), refusal.message,
                                  "error", status=422)
    db.session.commit()
    message = _("Added to your bag.")
    if not wants_fragment():
        flash(message, "success")
        return redirect(back, code=303)
    return bag_event_response(render_template("cart/_added.html", error=None), message, "success")


@bp.post("/cart/lines/<id:line_id>")
def change_cart_line(line_id: int):
    """Change a line's quantity (the stepper's − and +)."""
    line = get_line_for_cart_or_404(line_id, current_cart())
    form = QuantityForm()
    try:
        if not form.validate_on_submit():
            raise CartRefused(form.quantity.errors[0] if form.quantity.errors else _("Choose a quantity of at least 1."))
        services.change_quantity(line, form.quantity.data)
    except CartRefused as refusal:
        db.session.rollback()
        if not wants_fragment():
            flash(refusal.message, "error")
            return redirect(url_for("cart.show_cart"), code=303)
        return line_response(line_id, error=refusal.message, status=422)
    db.session.commit()
    if not wants_fragment():
        return redirect(url_for("cart.show_cart"), code=303)
    return line_response(line_id)


@bp.post("/cart/lines/<id:line_id>/remove")
def remove_cart_line(line_id: int):
    """Take a line out of the bag."""
    line = get_line_for_cart_or_404(line_id, current_cart())
    services.remove_line(line)
    db.session.commit()
    return bag_changed(_("Removed from your bag."))


@bp.post("/cart/lines/<id:line_id>/save")
def save_cart_line_for_later(line_id: int):
    """Move a line to the wishlist (customers; guests are asked to sign in)."""
    line = get_line_for_cart_or_404(line_id, current_cart())
    if not current_user.is_authenticated:
        return ask_to_sign_in(url_for("cart.show_cart"))
    services.move_line_to_wishlist(line, current_user)
    db.session.commit()
    return bag_changed(_("Moved to your wishlist."))


def bag_changed(message: str):
    """After a line left the bag: the whole bag again (htmx) or back to it (303)."""
    if not wants_fragment():
        flash(message, "success")
        return redirect(url_for("cart.show_cart"), code=303)
    body = render_page_or_block(BAG_PAGE, "bag", summary=summarise_bag(current_cart()), badge_count=cart_item_count())
    return with_bag_events(body, message, "success")


def line_response(line_id: int, error: str | None = None, status: int = 200):
    """One line (with its error, if any), and the totals and badge out of band."""
    summary = summarise_bag(current_cart())
    bag_line = next((entry for entry in summary.lines if entry.line.id == line_id), None)
    body = render_template("cart/_line_update.html", bag_line=bag_line, summary=summary, error=error,
                           count=cart_item_count())
    return with_bag_events(make_response(body, status), error, "error" if error else None)


def bag_event_response(body: str, message: str | None, kind: str | None, status: int = 200):
    body += render_template("cart/_badge.html", count=cart_item_count(), oob=True)
    return with_bag_events(make_response(body, status), message, kind)


def with_bag_events(response, message: str | None, kind: str | None):
    """Tell the page the bag changed (the new count) and, with a message, show it as a toast."""
    events = {CART_CHANGED: {"count": cart_item_count()}}
    if message:
        events["showToast"] = {"message": message, "kind": kind}
    response.headers["HX-Trigger"] = json.dumps(events)
    response.vary.add("HX-Request")
    return response


def ask_to_sign_in(back: str):
    """Guests have no wishlist: send them to sign in and come back."""
    if wants_fragment():
        response = make_response("", 401)
        response.headers["HX-Redirect"] = url_for("accounts.sign_in", next=back)
        return response
    flash(_("Sign in to save perfumes to your wishlist."), "info")
    return redirect(url_for("accounts.sign_in", next=back), code=303)


# The wishlist -------------------------------------------------------------------------------


@bp.get("/wishlist")
@login_required
def show_wishlist():
    """Show the customer's wishlist with each perfume's best price in stock."""
    return render_page_or_block(WISHLIST_PAGE, "wishlist", wished=wishlist_for(current_user))


@bp.post("/wishlist/<id:product_id>")
def toggle_wishlist_item(product_id: int):
    """The heart on cards and product pages: save the perfume, or forget it."""
    back = safe_next_path(request.form.get("next"), url_for("cart.show_wishlist"))
    if not current_user.is_authenticated:
        return ask_to_sign_in(back)
    try:
        saved = services.toggle_wishlist(current_user, product_id)
    except CartRefused as refusal:
        db.session.rollback()
        if not wants_fragment():
            flash(refusal.message, "error")
            return redirect(back, code=303)
        return with_toast(make_response("", 422), refusal.message, "error")
    db.session.commit()
    message = _("Saved to your wishlist.") if saved else _("Removed from your wishlist.")
    if not wants_fragment():
        flash(message, "success")
        return redirect(back, code=303)
    body = render_template("cart/_wishlist_button.html", product_id=product_id, in_wishlist=saved, next_path=back)
    return with_toast(make_response(body), message, "success")


@bp.post("/wishlist/<id:product_id>/remove")
@login_required
def remove_wishlist_item(product_id: int):
    """Take a perfume off the wishlist."""
    services.remove_from_wishlist(get_wishlist_item_or_404(product_id, current_user))
    db.session.commit()
    return wishlist_changed(_("Removed from your wishlist."))


@bp.post("/wishlist/<id:product_id>/move")
@login_required
def move_wishlist_item_to_cart(product_id: int):
    """Put the perfume's cheapest offer in stock in the bag and take it off the wishlist."""
    item = get_wishlist_item_or_404(product_id, current_user)
    try:
        services.move_wishlist_item_to_cart(item, services.cart_for_request())
    except CartRefused as refusal:
        db.session.rollback()
        return wishlist_changed(refusal.message, "error", status=422)
    db.session.commit()
    return wishlist_changed(_("Moved to your bag."))


def wishlist_changed(message: str, kind: str = "success", status: int = 200):
    if not wants_fragment():
        flash(message, kind)
        return redirect(url_for("cart.show_wishlist"), code=303)
    body = render_page_or_block(WISHLIST_PAGE, "wishlist", status=status, wished=wishlist_for(current_user),
                                badge_count=cart_item_count())
    return with_bag_events(body, message, kind)


def with_toast(response, message: str, kind: str):
    response.headers["HX-Trigger"] = json.dumps({"showToast": {"message": message, "kind": kind}})
    response.vary.add("HX-Request")
    return response
