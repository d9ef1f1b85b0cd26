"""Vendor portal: the shop's offers. A table (sort, filters, pages) whose rows are edited in place with htmx
and on a page of their own without it; adding an offer to a catalog perfume; prices and stock in bulk by
CSV (download, upload, check, confirm). Every change goes through `offer_services` / `offer_import`."""
from __future__ import annotations

import json
from decimal import Decimal

from babel.numbers import format_decimal
from flask import abort, current_app, flash, make_response, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.access import role_required
from app.admin.tables import PER_PAGE, TableState
from app.catalog.product_labels import DELIVERY_PROMISE_LABELS
from app.core.money import format_money
from app.core.rendering import render_page_or_block, wants_fragment
from app.core.urls import safe_next_path
from app.extensions import db
from app.vendors.offer_forms import OfferImportForm, edit_offer_form, new_offer_form
from app.vendors.offer_import import (
    EXPORT_COLUMNS,
    ImportRefused,
    apply_import,
    check_import,
    decode_csv,
    export_rows,
    read_upload,
)
from app.vendors.offer_queries import (
    ACTIVE_STATES,
    OFFER_SORTS,
    STOCK_STATES,
    catalog_products_matching,
    get_catalog_variant_or_404,
    get_offer_for_vendor_or_404,
    offer_sort_columns,
    offers_of_vendor_matching,
    vendor_sells_variant,
)
from app.vendors.offer_services import SHOP_NOT_SELLING, OfferChangeRefused, add_offer, update_offer
from app.vendors.portal import bp
from app.vendors.queries import vendor_of_owner


def portal_vendor():
    """The signed-in vendor's shop (approved or suspended); anyone else goes to the dashboard, which knows where."""
    vendor = vendor_of_owner(current_user)
    if vendor is None or vendor.status not in ("approved", "suspended"):
        abort(redirect(url_for("vendor_portal.show_dashboard"), code=303))
    return vendor


def low_stock_threshold() -> int:
    return current_app.config["LOW_STOCK_THRESHOLD"]


def offer_table() -> TableState:
    return TableState.from_args("vendor_portal.list_offers", request.args,
                                {"q": None, "stock": STOCK_STATES, "active": ACTIVE_STATES}, OFFER_SORTS, "product")


def offers_list_url() -> str:
    return safe_next_path(request.values.get("next"), url_for("vendor_portal.list_offers"))


def shop_closed():
    """A suspended shop tried to change something: told so, nothing changed."""
    if wants_fragment():
        return render_template("vendors/_offer_refusal.html", message=SHOP_NOT_SELLING), 403
    flash(str(SHOP_NOT_SELLING), "error")
    return redirect(url_for("vendor_portal.list_offers"), code=303)


# The table ------------------------------------------------------------------------------------


@bp.get("/offers")
@role_required("vendor")
def list_offers():
    """The shop's offers, filtered by perfume, stock and sale state, sorted and a page at a time."""
    vendor = portal_vendor()
    table = offer_table()
    columns = offer_sort_columns(str(get_locale()))
    query = (offers_of_vendor_matching(vendor.id, table.filters, low_stock_threshold())
             .order_by(*table.order_by(columns, columns["sku"])))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("vendors/offers.html", "offer_table", vendor=vendor, table=table, page=page,
                                low_stock=low_stock_threshold())


@bp.get("/offers/<id:offer_id>")
@role_required("vendor")
def show_offer(offer_id: int):
    """One row of the table (htmx: "Cancel" puts it back); without htmx, the offer's edit page."""
    vendor = portal_vendor()
    offer = get_offer_for_vendor_or_404(offer_id, vendor)
    if not wants_fragment():
        response = redirect(url_for("vendor_portal.edit_offer", offer_id=offer.id), code=303)
        response.vary.add("HX-Request")
        return response
    return offer_row(vendor, offer)


def offer_row(vendor, offer, focus: bool = True, toast: str | None = None):
    response = render_page_or_block("vendors/_offer_row.html", "row", vendor=vendor, offer=offer, focus=focus,
                                    low_stock=low_stock_threshold())
    if toast:
        response.headers["HX-Trigger"] = json.dumps({"showToast": {"message": toast, "kind": "success"}})
    return response


@bp.get("/offers/<id:offer_id>/edit")
@role_required("vendor")
def edit_offer(offer_id: int):
    """The offer's form: in its table row with htmx, on a page of its own without."""
    vendor = portal_vendor()
    offer = get_offer_for_vendor_or_404(offer_id, vendor)
    if not vendor.is_selling:
        return shop_closed()
    return render_offer_form(vendor, offer, edit_offer_form(offer))


def render_offer_form(vendor, offer, form, status: int = 200):
    """The row's form for htmx, the offer's page otherwise (one URL, two renderings: Vary on HX-Request)."""
    context = {"vendor": vendor, "offer": offer, "form": form, "next": offers_list_url()}
    if wants_fragment():
        return render_page_or_block("vendors/_offer_row_form.html", "row", status, **context)
    response = make_response(render_template("vendors/offer_edit.html", **context), status)
    response.vary.add("HX-Request")
    return response


@bp.post("/offers/<id:offer_id>")
@role_required("vendor")
def update_offer_values(offer_id: int):
    """Save the offer's price, stock and details; errors come back in the row (or the page), as typed."""
    vendor = portal_vendor()
    offer = get_offer_for_vendor_or_404(offer_id, vendor)
    if not vendor.is_selling:
        return shop_closed()
    form = edit_offer_form(offer, sent=True)
    if form.validate_on_submit():
        try:
            changed = update_offer(offer, vendor, form.values(), current_user)
        except OfferChangeRefused as refusal:
            db.session.rollback()
            if refusal.field is None:
                return shop_closed()
            form.show_refusal(refusal)
        else:
            db.session.commit()
            message = _("The offer is saved.") if changed else _("Nothing changed.")
            if wants_fragment():
                return offer_row(vendor, offer, toast=message)
            flash(message, "success")
            return redirect(offers_list_url(), code=303)
    return render_offer_form(vendor, offer, form, 422)


@bp.get("/offers.csv")
@role_required("vendor")
def export_offers():
    """Every offer of the shop as CSV: the file to edit and upload again."""
    from app.admin.exports import csv_download  # late: the back office imports the vendor portal

    vendor = portal_vendor()
    return csv_download(f"offers-{vendor.slug}.csv", EXPORT_COLUMNS, export_rows(vendor.id))


# Adding an offer to a catalog perfume -----------------------------------------------------------


@bp.get("/offers/new")
@role_required("vendor")
def find_catalog_product():
    """Search the approved catalog by perfume or house name (either script) and pick a size to sell."""
    vendor = portal_vendor()
    q = (request.args.get("q") or "").strip()[:100]
    products = catalog_products_matching(q, vendor.id) if q else []
    return render_page_or_block("vendors/offer_new.html", "catalog_results", vendor=vendor, q=q, products=products)


@bp.route("/offers/new/<id:variant_id>", methods=["GET", "POST"])
@role_required("vendor")
def add_offer_to_variant(variant_id: int):
    """The new offer's price, stock and SKU for one size of a catalog perfume."""
    vendor = portal_vendor()
    variant = get_catalog_variant_or_404(variant_id)
    if request.method == "POST" and not vendor.is_selling:
        return shop_closed()
    form = new_offer_form(sent=request.method == "POST")
    already_sold = vendor_sells_variant(vendor.id, variant.id)
    if request.method == "POST" and form.validate_on_submit():
        try:
            add_offer(vendor, variant, form.values(), current_user)
        except OfferChangeRefused as refusal:
            db.session.rollback()
            form.show_refusal(refusal)
        else:
            db.session.commit()
            flash(_("Your offer is added. It shows in the store within a minute."), "success")
            return redirect(url_for("vendor_portal.list_offers", sort="-updated"), code=303)
    status = 422 if form.is_submitted() else 200
    return render_template("vendors/offer_add.html", vendor=vendor, variant=variant, form=form,
                           already_sold=already_sold), status


# Prices and stock in bulk, by CSV ---------------------------------------------------------------


@bp.route("/offers/import", methods=["GET", "POST"])
@role_required("vendor")
def import_offers():
    """Upload the CSV; every row is checked and the changes shown to confirm, or the problems by row."""
    vendor = portal_vendor()
    form = OfferImportForm()
    if request.method == "GET" or not form.validate_on_submit():
        return render_import(vendor, form, status=400 if form.is_submitted() else 200)
    if not vendor.is_selling:
        return shop_closed()
    try:
        text = read_upload(form.file.data)
        check = check_import(vendor.id, text)
    except ImportRefused as refusal:
        form.file.errors = [refusal.message]
        return render_import(vendor, form, status=422)
    return render_import(vendor, form, check=check, text=text, status=200 if check.ok else 422)


@bp.post("/offers/import/apply")
@role_required("vendor")
def apply_offer_import():
    """Apply the checked file: every change in one transaction, or nothing if a row went wrong meanwhile."""
    vendor = portal_vendor()
    form = OfferImportForm()
    if not form.validate_on_submit():
        return render_import(vendor, form, status=400)
    if not vendor.is_selling:
        return shop_closed()
    try:
        text = decode_csv((request.form.get("text") or "").encode("utf-8"))
        check = apply_import(vendor, text, current_user)
    except ImportRefused as refusal:
        db.session.rollback()
        form.file.errors = [refusal.message]
        return render_import(vendor, form, status=422)
    except OfferChangeRefused:
        db.session.rollback()
        return shop_closed()
    if not check.ok:
        db.session.rollback()
        return render_import(vendor, form, check=check, text=text, status=422)
    db.session.commit()
    return render_import(vendor, OfferImportForm(formdata=None), check=check, applied=True)


def render_import(vendor, form, check=None, text: str = "", applied: bool = False, status: int = 200):
    return render_template("vendors/offers_import.html", vendor=vendor, form=form, check=check, text=text,
                           applied=applied), status


@bp.app_template_global()
def offer_delivery_label(promise: str) -> str:
    return str(DELIVERY_PROMISE_LABELS.get(promise, promise))


IMPORT_FIELD_LABELS = {"price": _l("Price"), "compare_at_price": _l("Earlier price"), "stock": _l("Stock"),
                       "is_active": _l("For sale")}


@bp.app_template_global()
def import_field_label(name: str) -> str:
    return str(IMPORT_FIELD_LABELS.get(name, name))


@bp.app_template_global()
def import_value(name: str, value) -> str:
    """A value of the CSV check (as the audit log keeps it) as the vendor reads it."""
    if value is None:
        return "—"
    if name == "is_active":
        return _("For sale") if value else _("Paused")
    if name == "stock":
        return format_decimal(int(value), locale=get_locale())
    return format_money(Decimal(value), "AED")
