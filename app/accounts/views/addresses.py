"""The address book: list, add, edit, delete and choose the default — in place with htmx, and without JavaScript.

Without htmx every change is POST → 303 → the book, with a flash message. With htmx the forms swap
in place of their card; a change that touches other cards (a new address, a new default, a deletion)
answers with the whole book, retargeted to it; every success carries a toast in `HX-Trigger`.
"""
from __future__ import annotations

import json

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.accounts import address_book, bp
from app.accounts.address_book import country_name, get_address_for_user_or_404, is_delivered_to, region_name
from app.accounts.address_forms import AddressForm
from app.accounts.phones import format_mobile_for_display
from app.core.rendering import render_page_or_block, wants_fragment
from app.extensions import db

PAGE = "accounts/addresses.html"
BOOK_TARGET = "#address-book"


@bp.context_processor
def address_display_helpers() -> dict:
    """Names in the page's language for the address templates."""
    return {"country_name": country_name, "region_name": region_name, "display_mobile": format_mobile_for_display,
            "is_delivered_to": is_delivered_to}


@bp.get("/account/addresses")
@login_required
def list_addresses():
    """Show the address book."""
    return render_page_or_block(PAGE, "address_book", addresses=address_book.addresses_for(current_user))


@bp.get("/account/addresses/<id:address_id>")
@login_required
def show_address(address_id: int):
    """One address card (what "Cancel" on an in-place edit form brings back); without htmx, the book."""
    address = get_address_for_user_or_404(address_id, current_user)
    if not wants_fragment():
        return redirect(url_for("accounts.list_addresses", _anchor=f"address-{address.id}"))
    return _fragment("accounts/_address_card.html", address=address, focus_edit=True)


@bp.route("/account/addresses/new", methods=["GET", "POST"])
@login_required
def add_address():
    """Add an address to the book."""
    form = AddressForm()  # one add form at most on a page: plain ids (#label, #mobile…); edit forms are prefixed
    if form.validate_on_submit():
        address_book.add_address(current_user, **form.address_fields())
        db.session.commit()
        return _saved(_("Address added."))
    return _form(form, address=None)


@bp.route("/account/addresses/<id:address_id>/edit", methods=["GET", "POST"])
@login_required
def edit_address(address_id: int):
    """Change an address."""
    address = get_address_for_user_or_404(address_id, current_user)
    form = AddressForm(obj=address, id_prefix=f"address-{address.id}-")
    if form.validate_on_submit():
        was_default = address.is_default
        address_book.update_address(address, **form.address_fields())
        db.session.commit()
        # A new default changes two cards: answer with the book; otherwise the card replaces its form.
        return _saved(_("Address saved."), card=None if address.is_default != was_default else address)
    return _form(form, address=address)


@bp.route("/account/addresses/<id:address_id>/delete", methods=["GET", "POST"])
@login_required
def delete_address(address_id: int):
    """Ask "Delete this address?" (GET, the path without JavaScript), then delete it (POST)."""
    address = get_address_for_user_or_404(address_id, current_user)
    if request.method == "GET":
        return render_template("accounts/address_delete.html", address=address)
    address_book.delete_address(address)
    db.session.commit()
    return _saved(_("Address deleted."))


@bp.post("/account/addresses/<id:address_id>/default")
@login_required
def set_default_address(address_id: int):
    """Make an address the default for deliveries."""
    address = get_address_for_user_or_404(address_id, current_user)
    address_book.make_default_address(address)
    db.session.commit()
    return _saved(_("Your default address is now “%(label)s”.", label=address.label))


def _form(form: AddressForm, address):
    """The form: in place (htmx, 422 with its errors) or on the book's page (without JavaScript)."""
    form.focus_first()
    status = 422 if form.errors else 200
    return render_page_or_block(PAGE, "address_form", status=status, form=form, address=address,
                                in_place=wants_fragment())


def _saved(message: str, card=None):
    """After a change: the card or the whole book with a toast (htmx), or 303 to the book with a flash."""
    if not wants_fragment():
        flash(message, "success")
        return redirect(url_for("accounts.list_addresses"), code=303)
    if card is not None:
        response = _fragment("accounts/_address_card.html", address=card, focus_edit=True)
    else:
        response = render_page_or_block(PAGE, "address_book", addresses=address_book.addresses_for(current_user),
                                        focus_book=True)
        response.headers["HX-Retarget"] = BOOK_TARGET
        response.headers["HX-Reswap"] = "outerHTML"
    response.headers["HX-Trigger"] = json.dumps({"showToast": {"message": message, "kind": "success"}})
    return response


def _fragment(template: str, **context):
    response = make_response(render_template(template, **context))
    response.vary.add("HX-Request")
    return response
