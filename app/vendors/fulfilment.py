"""The vendor portal's orders and payouts: the shop's own sub-orders (list, detail, preparing, shipping,
packing slip) and its payouts statement. Routes on the portal's blueprint."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import force_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.access import role_required
from app.accounts.address_book import country_name, region_name
from app.admin.tables import PER_PAGE, TableState
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.orders.carriers import carrier_name
from app.orders.history import STATUS_LABELS, either_language
from app.orders.models import ORDER_STATUSES, SubOrder
from app.orders.status import TransitionRefused, prepare_sub_order, ship_sub_order
from app.vendors.fulfilment_forms import PrepareForm, ShipForm
from app.vendors.fulfilment_queries import (
    SUB_ORDER_SORT_COLUMNS,
    cash_to_collect,
    count_sub_orders_by_status,
    events_of_sub_order,
    get_sub_order_for_vendor_or_404,
    item_counts,
    sub_orders_matching,
)
from app.vendors.payouts import period_from_args, recent_months, refund_lines, sale_lines, statement_for
from app.vendors.portal import bp
from app.vendors.queries import vendor_of_owner


def selling_vendor_or_404():
    """The signed-in vendor's shop, once approved (a suspended shop still fulfils and is paid)."""
    vendor = vendor_of_owner(current_user)
    if vendor is None or vendor.status not in ("approved", "suspended"):
        abort(404)
    return vendor


def sub_order_table() -> TableState:
    return TableState.from_args("vendor_portal.list_orders", request.args,
                                {"status": ORDER_STATUSES, "from": None, "to": None, "q": None},
                                tuple(SUB_ORDER_SORT_COLUMNS), "-placed")


@bp.get("/orders")
@role_required("vendor")
def list_orders():
    """The shop's parts of orders, filtered, sorted and a page at a time."""
    vendor = selling_vendor_or_404()
    table = sub_order_table()
    query = sub_orders_matching(vendor, table.filters).order_by(*table.order_by(SUB_ORDER_SORT_COLUMNS, SubOrder.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("vendors/orders.html", "order_table", vendor=vendor, table=table, page=page,
                                items=item_counts(sub_order.id for sub_order in page.items),
                                counts=count_sub_orders_by_status(vendor), statuses=ORDER_STATUSES)


@bp.get("/orders/<id:sub_order_id>")
@role_required("vendor")
def show_order(sub_order_id: int):
    """One part of an order: what to send, where, how it is paid, its progress and what to do next."""
    vendor = selling_vendor_or_404()
    return render_sub_order(vendor, get_sub_order_for_vendor_or_404(sub_order_id, vendor))


def render_sub_order(vendor, sub_order: SubOrder, status: int = 200, ship_form: ShipForm | None = None):
    return render_template(
        "vendors/orders_detail.html", vendor=vendor, sub_order=sub_order, order=sub_order.order,
        events=events_of_sub_order(sub_order), cash=cash_to_collect(sub_order), prepare_form=PrepareForm(),
        ship_form=ship_form or ShipForm(formdata=None),
    ), status


@bp.post("/orders/<id:sub_order_id>/processing")
@role_required("vendor")
def prepare_order(sub_order_id: int):
    """Mark the part as being prepared."""
    vendor = selling_vendor_or_404()
    sub_order = get_sub_order_for_vendor_or_404(sub_order_id, vendor)
    if not PrepareForm().validate_on_submit():
        return render_sub_order(vendor, sub_order, 400)
    return carry_out(sub_order, lambda: prepare_sub_order(sub_order, current_user),
                     _("Marked as being prepared. Ship it when it is packed."))


@bp.post("/orders/<id:sub_order_id>/shipped")
@role_required("vendor")
def ship_order(sub_order_id: int):
    """Mark the part as shipped with its carrier and tracking number: the customer is told."""
    vendor = selling_vendor_or_404()
    sub_order = get_sub_order_for_vendor_or_404(sub_order_id, vendor)
    form = ShipForm()
    if not form.validate_on_submit():
        return render_sub_order(vendor, sub_order, 422, ship_form=form)
    return carry_out(sub_order, lambda: ship_sub_order(sub_order, current_user, form.chosen_carrier,
                                                       form.tracking_number.data),
                     _("Marked as shipped. The customer has been sent the tracking number."))


def carry_out(sub_order: SubOrder, change, done_message: str):
    """Make a change the status rules may refuse: the reason, or the change done, on the part's page."""
    try:
        change()
    except TransitionRefused as refusal:
        db.session.rollback()
        flash(refusal.message, "error")
    else:
        db.session.commit()
        flash(done_message, "success")
    return redirect(url_for("vendor_portal.show_order", sub_order_id=sub_order.id), code=303)


@bp.get("/orders/<id:sub_order_id>/packing-slip")
@role_required("vendor")
def show_packing_slip(sub_order_id: int):
    """The printable packing slip, in English and Arabic, without prices (parcels are often gifts)."""
    vendor = selling_vendor_or_404()
    sub_order = get_sub_order_for_vendor_or_404(sub_order_id, vendor)
    return render_template("vendors/packing_slip.html", vendor=vendor, sub_order=sub_order, order=sub_order.order,
                           words=packing_slip_words(), cash=cash_to_collect(sub_order))


@bp.get("/payouts")
@role_required("vendor")
def show_payouts():
    """The payouts statement for a month (this one unless chosen) or a custom range."""
    vendor = selling_vendor_or_404()
    period = period_from_args(request.args)
    return render_template("vendors/payouts.html", vendor=vendor, period=period,
                           statement=statement_for(vendor, period), sales=sale_lines(vendor, period),
                           refunds=refund_lines(vendor, period), months=recent_months())


PACKING_SLIP_WORDS = {
    "title": _l("Packing slip"),
    "order_number": _l("Order number"),
    "date": _l("Order date"),
    "seller": _l("Seller"),
    "ship_to": _l("Ship to"),
    "delivery": _l("Delivery"),
    "item": _l("Item"),
    "size": _l("Size"),
    "sku": _l("SKU"),
    "quantity": _l("Qty"),
    "packed": _l("Packed"),
    "gift": _l("This parcel is a gift"),
    "gift_message": _l("Gift message"),
    "cash": _l("Cash to collect on delivery"),
    "thanks": _l("Thank you for shopping on AromaSouQ."),
}


def packing_slip_words() -> dict[str, tuple[str, str]]:
    """The slip's headings in English and in Arabic, like the tax invoice's: couriers and customers read either."""
    words = {}
    for key, text in PACKING_SLIP_WORDS.items():
        with force_locale("en"):
            english = str(text)
        with force_locale("ar"):
            arabic = str(text)
        words[key] = (english, arabic)
    return words


# A shop reads its parts by what it has to do; the customer's words (STATUS_LABELS) for the rest.
FULFILMENT_STATUS_WORDS = {"confirmed": _l("To prepare"), "processing": _l("Being prepared"), "shipped": _l("Shipped")}


@bp.app_template_global()
def fulfilment_status_label(status: str) -> str:
    return str(FULFILMENT_STATUS_WORDS.get(status) or STATUS_LABELS.get(status, status))


DELIVERY_OPTION_WORDS = {
    "standard": _l("Standard delivery"),
    "next-day": _l("Next-day delivery"),
    "same-day": _l("Same-day delivery"),
}


@bp.app_template_global()
def delivery_option_words(option: str) -> str:
    return str(DELIVERY_OPTION_WORDS.get(option, option))


@bp.app_template_global()
def payment_words(order) -> str:
    """How the order is paid and whether the money is in."""
    if order.payment_method == "cod":
        return _("Cash on delivery, collected") if order.paid_at else _("Cash on delivery, to collect")
    return _("Card, paid") if order.paid_at else _("Card, waiting for payment")


@bp.context_processor
def address_helpers() -> dict:
    return {"region_name": region_name, "country_name": country_name}


bp.add_app_template_global(carrier_name, "carrier_name")
bp.add_app_template_global(either_language, "either_language")
