"""Back office: every order, filtered and exported; one order's file with its guarded status changes,
cancellation and refunds (of the whole order or of one vendor's part)."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.accounts.address_book import country_name, region_name
from app.accounts.phones import format_mobile_for_display
from app.admin import bp
from app.admin.commerce_forms import CancelForm, RefundForm, StatusChangeForm
from app.admin.commerce_services import (
    AlreadyChanged,
    cancel_order_as_admin,
    change_order_status,
    moves_offered,
    refund_as_admin,
)
from app.admin.exports import csv_download
from app.admin.queries import audit_entries_for
from app.admin.order_queries import (
    ORDER_SORT_COLUMNS,
    PAID_FILTERS,
    OrderFile,
    events_newest_first,
    get_order_file_or_404,
    get_sub_order_of_order_or_404,
    orders_matching,
    selected_orders,
    shops_of_orders,
    vendor_choices,
)
from app.admin.tables import PER_PAGE, TableState
from app.core.input import database_id
from app.core.money import format_money
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.orders.history import status_label
from app.orders.models import ORDER_STATUSES, PAYMENT_METHODS, Order
from app.orders.status import TransitionRefused
from app.payments.services import PaymentRefused

MOVE_LABELS = {"processing": _l("Mark as being prepared"), "shipped": _l("Mark as shipped"),
               "delivered": _l("Mark as delivered")}
PAYMENT_LABELS = {"cod": _l("Cash on delivery"), "card": _l("Card")}
PAYMENT_STATUS_LABELS = {"open": _l("Waiting for the customer"), "succeeded": _l("Received"), "failed": _l("Failed"),
                         "canceled": _l("Abandoned"), "mismatched": _l("Needs checking: amount differs")}
SELECTED_AT_MOST = 500


@bp.app_template_global()
def order_status_label(status: str) -> str:
    return status_label(status) if status in ORDER_STATUSES else status


@bp.app_template_global()
def payment_method_label(method: str) -> str:
    return str(PAYMENT_LABELS.get(method, method))


@bp.app_template_global()
def payment_status_label(status: str) -> str:
    return str(PAYMENT_STATUS_LABELS.get(status, status))


def arabic_page() -> bool:
    locale = get_locale()
    return locale is not None and locale.language == "ar"


def order_table(endpoint: str = "admin.list_orders", vendors=None) -> TableState:
    vendors = vendor_choices() if vendors is None else vendors
    return TableState.from_args(
        endpoint, request.args,
        {"status": ORDER_STATUSES, "payment": PAYMENT_METHODS, "paid": PAID_FILTERS,
         "vendor": tuple(vendor_id for vendor_id, *_names in vendors), "since": None, "until": None, "q": None},
        tuple(ORDER_SORT_COLUMNS), "-placed")


def ordered(query, table: TableState):
    return query.order_by(*table.order_by(ORDER_SORT_COLUMNS, Order.id))


@bp.get("/orders")
def list_orders():
    """Every order, newest first, filtered by status, dates, shop, payment and number or email."""
    vendors = vendor_choices()
    table = order_table(vendors=vendors)
    page = db.paginate(ordered(orders_matching(table.filters), table), page=table.page, per_page=PER_PAGE,
                       error_out=False, count=True)
    return render_page_or_block("admin/orders.html", "order_table", table=table, page=page,
                                shops=shops_of_orders([order.id for order in page.items]), vendors=vendors,
                                statuses=ORDER_STATUSES, payment_methods=PAYMENT_METHODS)


@bp.get("/orders.csv")
def export_orders():
    """The orders of the current filters and sort (or only those ticked), every page, as CSV."""
    chosen = [number for number in map(database_id, request.args.getlist("order")) if number][:SELECTED_AT_MOST]
    if request.args.get("selected") and not chosen:
        flash(_("Tick the orders to download first."), "info")
        return redirect(url_for("admin.list_orders"), code=303)
    table = order_table("admin.export_orders")
    query = selected_orders(chosen) if chosen else ordered(orders_matching(table.filters), table)
    orders = list(db.session.scalars(query))
    shops = shops_of_orders([order.id for order in orders])
    rows = ((order.number, order.created_at.isoformat(), order.status, order.email, order.contact_name, order.mobile,
             order.delivery_emirate, order.delivery_option, order.payment_method,
             order.paid_at.isoformat() if order.paid_at else "", order.items_total, order.discount_total,
             order.coupon_code or "", order.delivery_fee, order.cod_fee, order.vat_included, order.grand_total,
             " | ".join(name_en for name_en, _name_ar in shops.get(order.id, [])))
            for order in orders)
    header = ["number", "placed_at", "status", "email", "contact_name", "mobile", "emirate", "delivery_option",
              "payment_method", "paid_at", "items_total", "discount_total", "coupon_code", "delivery_fee", "cod_fee",
              "vat_included", "grand_total", "shops"]
    return csv_download("orders.csv", header, rows)


@bp.get("/orders/<number>")
def show_order(number: str):
    """One order: customer, address, each shop's lines, payments and refunds, the timeline, what may change."""
    return render_order(get_order_file_or_404(number))


def sub_order_name(order_file: OrderFile):
    def name(sub_order) -> str:
        vendor = order_file.vendors.get(sub_order.vendor_id)
        shop = (vendor.name_ar if arabic_page() else vendor.name_en) if vendor else str(sub_order.vendor_id)
        return _("%(shop)s's part", shop=shop)
    return name


def render_order(order_file: OrderFile, status: int = 200, **forms):
    order = order_file.order
    refund_form = forms.get("refund_form") or RefundForm(formdata=None, prefix="refund")
    refund_form.offer_parts(order_file, sub_order_name(order_file))
    return render_template(
        "admin/order.html", file=order_file, order=order, events=events_newest_first(order),
        moves=[(move, MOVE_LABELS[move]) for move in moves_offered(order)],
        status_form=forms.get("status_form") or StatusChangeForm(formdata=None),
        cancel_form=forms.get("cancel_form") or CancelForm(formdata=None, prefix="cancel"),
        refund_form=refund_form, region_name=region_name, country_name=country_name,
        display_mobile=format_mobile_for_display, history=audit_entries_for("customer_order", order.id),
    ), status


def back_to(order: Order, message: str, category: str):
    flash(message, category)
    return redirect(url_for("admin.show_order", number=order.number), code=303)


def carry_out(order: Order, change, done_message: str):
    """Make a change the order services may refuse: the reason, an "already changed" note, or done."""
    try:
        change()
    except (TransitionRefused, PaymentRefused) as refusal:
        db.session.rollback()
        return back_to(order, refusal.message, "error")
    except AlreadyChanged as changed:
        db.session.rollback()
        return back_to(order, _("Nothing was changed: the order is already “%(status)s”.",
                                status=order_status_label(changed.status)), "info")
    db.session.commit()
    return back_to(order, done_message, "success")


@bp.post("/orders/<number>/status", endpoint="move_order")
def move(number: str):
    """Move the order on to being prepared, shipped or delivered, as its status allows."""
    order_file = get_order_file_or_404(number)
    form = StatusChangeForm()
    if not form.validate_on_submit():
        return render_order(order_file, 422, status_form=form)
    order = order_file.order
    return carry_out(order, lambda: change_order_status(order, form.to_status.data, current_user,
                                                        form.seen_status.data, form.note.data or ""),
                     _("The order is now “%(status)s”.", status=order_status_label(form.to_status.data)))


@bp.post("/orders/<number>/cancel", endpoint="cancel_order")
def cancel(number: str):
    """Cancel the order before it ships (a paid one is refunded in full); its stock goes back once."""
    order_file = get_order_file_or_404(number)
    form = CancelForm(prefix="cancel")
    if not form.validate_on_submit():
        return render_order(order_file, 422, cancel_form=form)
    order = order_file.order
    return carry_out(order, lambda: cancel_order_as_admin(order, current_user, form.seen_status.data,
                                                          form.reason.data),
                     _("The order is cancelled, its stock is back on the shelf and the customer has been told."))


@bp.post("/orders/<number>/refund", endpoint="refund_order")
def refund(number: str):
    """Refund all or part of the order, or of one shop's part, by card through Stripe or as cash recorded."""
    order_file = get_order_file_or_404(number)
    form = RefundForm(prefix="refund").offer_parts(order_file, sub_order_name(order_file))
    if not form.validate_on_submit():
        return render_order(order_file, 422, refund_form=form)
    order = order_file.order
    sub_order = None if form.part.data == "order" else \
        get_sub_order_of_order_or_404(order, int(form.part.data))
    try:
        made, new = refund_as_admin(order, current_user, amount=form.amount.parsed, reason=form.reason.data,
                                    sub_order=sub_order, request_key=form.request_key.data)
    except PaymentRefused as refusal:
        db.session.rollback()
        form.amount.errors = [refusal.message]
        return render_order(get_order_file_or_404(number), 422, refund_form=form)
    db.session.commit()
    if not new:
        return back_to(order, _("This refund was already made; nothing more was refunded."), "info")
    return back_to(order, _("%(amount)s refunded. The customer has been told.",
                            amount=format_money(made.amount, "AED")), "success")
