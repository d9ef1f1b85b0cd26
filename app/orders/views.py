"""The customer's order pages: the confirmation, My orders, one order with its timeline, cancelling,
reordering and the printable tax invoice.

The blueprint lives here rather than in app/orders/__init__.py: the bag imports the order's pricing, and
these pages import the bag, so the package itself must stay free of views.
"""
from __future__ import annotations

from babel.dates import format_datetime
from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required, user_logged_in

from app.accounts.address_book import country_name, region_name
from app.accounts.phones import format_mobile_for_display
from app.cart.services import cart_for_request
from app.core.rendering import render_page_or_block
from app.core.text import sentence_with_isolated
from app.extensions import db
from app.orders.carriers import tracking_link
from app.orders.history import (
    cancel_order_for_customer,
    get_order_for_customer_or_404,
    get_order_for_viewer_or_404,
    invoice_for,
    invoice_words,
    orders_page,
    reorder,
    status_label,
    timeline,
)
from app.orders.pricing import UAE_TIME
from app.orders.status import TransitionRefused
from app.payments.services import PaymentRefused

bp = Blueprint("orders", __name__)


@bp.record_once
def attach_guest_orders_on_sign_in(state) -> None:
    from app.orders.history import attach_guest_orders_on_sign_in as attach

    user_logged_in.connect(attach, sender=state.app, weak=False)


@bp.context_processor
def order_helpers() -> dict:
    return {"status_label": status_label, "region_name": region_name, "country_name": country_name,
            "display_mobile": format_mobile_for_display, "uae_time": uae_time, "tracking_link": tracking_link}


def uae_time(moment, format: str = "medium") -> str:
    """A moment as the UAE reads it (orders live in Gulf time, whatever the server's zone)."""
    return format_datetime(moment, format, tzinfo=UAE_TIME, locale=get_locale())


@bp.get("/orders/<number>/confirmation")
def show_confirmation(number: str):
    """Thank the shopper and show what they ordered (the customer's order, or the guest's who placed it)."""
    order = get_order_for_viewer_or_404(number, current_user)
    return render_template("orders/confirmation.html", order=order)


@bp.get("/account/orders")
@login_required
def list_my_orders():
    """My orders, newest first, a page at a time."""
    page = orders_page(current_user, request.args.get("page", 1, type=int))
    return render_page_or_block("orders/my_orders.html", "order_list", page=page)


@bp.get("/account/orders/<number>")
@login_required
def show_my_order(number: str):
    """One order: its timeline, each shop's part, the address, the payment and the totals."""
    order = get_order_for_customer_or_404(number, current_user)
    return render_template("orders/order.html", order=order, timeline=timeline(order))


@bp.route("/account/orders/<number>/cancel", methods=["GET", "POST"])
@login_required
def cancel_my_order(number: str):
    """Ask "Cancel this order?" (GET), then cancel it before it ships (POST): its stock goes back once."""
    order = get_order_for_customer_or_404(number, current_user)
    if not order.can_be_cancelled():
        flash(why_not_cancellable(order), "error")
        return redirect(url_for("orders.show_my_order", number=number), code=303)
    if request.method == "GET":
        return render_template("orders/cancel.html", order=order)
    try:
        cancel_order_for_customer(order, current_user)
    except (TransitionRefused, PaymentRefused) as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
    else:
        db.session.commit()
        flash(sentence_with_isolated(_("Your order %(number)s is cancelled."), number=order.number), "success")
    return redirect(url_for("orders.show_my_order", number=number), code=303)


def why_not_cancellable(order) -> str:
    if order.status == "cancelled":
        return _("This order is already cancelled.")
    return _("This order has shipped and can no longer be cancelled.")


@bp.post("/account/orders/<number>/reorder")
@login_required
def reorder_my_order(number: str):
    """Put this order's items in the bag again, and say which can no longer be bought."""
    order = get_order_for_customer_or_404(number, current_user)
    outcome = reorder(order, cart_for_request())
    db.session.commit()
    if outcome.added:
        flash(ngettext("%(num)d item is back in your bag.", "%(num)d items are back in your bag.",
                       len(outcome.added)), "success")
    for name, why in outcome.missing:
        flash(_("%(name)s was not added: %(reason)s", name=name, reason=why), "error")
    return redirect(url_for("cart.show_cart"), code=303)


@bp.get("/account/orders/<number>/invoice")
def show_invoice(number: str):
    """The printable bilingual tax invoice (the customer's, or the guest's who placed the order)."""
    order = get_order_for_viewer_or_404(number, current_user)
    return render_template("orders/invoice.html", invoice=invoice_for(order), words=invoice_words(),
                           platform_trn=current_app.config["PLATFORM_TRN"])
