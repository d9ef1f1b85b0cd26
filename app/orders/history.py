"""The customer's side of their orders: which orders are theirs, the list and one order with its timeline,
the tax invoice's figures, cancelling, reordering, and guest orders joining the account that owns their email.

An order belongs to its account, and also, while it has none, to the account that has verified the email
address it was placed with: a guest who registers later finds it in My orders once the address is proven.
Signing in attaches such orders for good (`attach_guest_orders`).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask import abort
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import and_, or_, select, update
from sqlalchemy.orm import selectinload

from app.cart.services import CartRefused, add_to_cart
from app.catalog.sizes import size_text
from app.checkout.state import placed_here
from app.extensions import db
from app.orders.models import Order, OrderLine, SubOrder
from app.orders.pricing import UAE_TIME, vat_included_in
from app.orders.status import cancel_order
from app.payments.refunds import refund_order
from app.vendors.models import Vendor

logger = logging.getLogger(__name__)

ORDERS_PER_PAGE = 10
STATUS_LABELS = {
    "pending_payment": _l("Waiting for payment"),
    "confirmed": _l("Confirmed"),
    "processing": _l("Being prepared"),
    "shipped": _l("On its way"),
    "delivered": _l("Delivered"),
    "cancelled": _l("Cancelled"),
    "refunded": _l("Refunded"),
    "partially_refunded": _l("Partly refunded"),
}
# The road an order travels when all goes well; the timeline shows the stops still ahead.
MAIN_ROAD = ("confirmed", "processing", "shipped", "delivered")


def either_language(english: str, arabic: str) -> str:
    """The Arabic of a snapshot in an Arabic page, its English otherwise."""
    locale = get_locale()
    return arabic if locale is not None and locale.language == "ar" else english


# Whose orders -------------------------------------------------------------------------------


def owned_by(user):
    """The condition for `user`'s orders: their own, and guest orders with their verified email."""
    mine = Order.user_id == user.id
    if not user.is_email_verified:
        return mine
    return or_(mine, and_(Order.user_id.is_(None), Order.email == user.email))


def orders_page(user, page: int = 1) -> Pagination:
    """One page of the customer's orders, newest first, with their lines (two queries)."""
    query = (select(Order).where(owned_by(user)).order_by(Order.created_at.desc(), Order.id.desc())
             .options(selectinload(Order.lines)))
    return db.paginate(query, page=max(page, 1), per_page=ORDERS_PER_PAGE, error_out=False, count=True)


def find_order(number: str, *conditions) -> Order | None:
    return db.session.scalar(
        select(Order).where(Order.number == number, *conditions)
        .options(selectinload(Order.sub_orders).selectinload(SubOrder.lines), selectinload(Order.events),
                 selectinload(Order.lines))
    )


def get_order_for_customer_or_404(number: str, user) -> Order:
    """The customer's order; anyone else's answers 404, as if it did not exist."""
    order = find_order(number, owned_by(user)) if user.is_authenticated else None
    if order is None:
        abort(404)
    return order


def get_order_for_viewer_or_404(number: str, user) -> Order:
    """The order, for its customer or for the browser that placed it (a guest's confirmation and invoice)."""
    if user.is_authenticated:
        order = find_order(number, owned_by(user))
        if order is not None:
            return order
    if placed_here(number):
        order = find_order(number)
        if order is not None:
            return order
    abort(404)


def attach_guest_orders(user) -> int:
    """Give the account the guest orders placed with its verified email; returns how many."""
    if not user.is_email_verified:
        return 0
    result = db.session.execute(update(Order).where(Order.user_id.is_(None), Order.email == user.email)
                                .values(user_id=user.id).execution_options(synchronize_session=False))
    return result.rowcount


def attach_guest_orders_on_sign_in(sender, user, **extra) -> None:
    """Flask-Login's `user_logged_in`: the sign-in has committed, so this commits by itself; a failure is
    logged and the orders stay visible through the verified email all the same."""
    try:
        if attach_guest_orders(user):
            db.session.commit()
    except Exception:
        db.session.rollback()
        logger.exception("could not attach guest orders to user %s", user.id)


# One order ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineEntry:
    label: str
    at: datetime | None  # None: still ahead
    note: str = ""

    @property
    def done(self) -> bool:
        return self.at is not None


def timeline(order: Order) -> list[TimelineEntry]:
    """What happened to the order, oldest first, then the stops still ahead on the main road. Each shop's
    own steps are named after it when the order comes from several shops; with one shop they are the
    order's steps, so each is said once."""
    sellers = {sub_order.id: either_language(sub_order.lines[0].vendor_name_en, sub_order.lines[0].vendor_name_ar)
               for sub_order in order.sub_orders if sub_order.lines}
    one_shop = len(order.sub_orders) == 1
    order_steps = {event.to_status for event in order.events if event.sub_order_id is None}
    entries = []
    for event in order.events:
        if one_shop and event.sub_order_id is not None and event.to_status in order_steps:
            continue  # the order's own event says the same
        label = _("Order placed") if event.from_status is None else str(STATUS_LABELS[event.to_status])
        if event.sub_order_id in sellers and not one_shop:
            label = _("%(seller)s: %(status)s", seller=sellers[event.sub_order_id], status=label)
        entries.append(TimelineEntry(label, event.created_at.astimezone(UAE_TIME)))
    if order.status in MAIN_ROAD:
        ahead = MAIN_ROAD[MAIN_ROAD.index(order.status) + 1:]
        entries.extend(TimelineEntry(str(STATUS_LABELS[status]), None) for status in ahead)
    return entries


def status_label(status: str) -> str:
    return str(STATUS_LABELS[status])


# The tax invoice ----------------------------------------------------------------------------


@dataclass(frozen=True)
class VatFigures:
    """An amount that includes VAT, split into the amount before VAT and the VAT."""

    total: Decimal
    vat: Decimal

    @property
    def before_vat(self) -> Decimal:
        return self.total - self.vat


@dataclass(frozen=True)
class InvoiceLine:
    line: OrderLine
    figures: VatFigures


@dataclass(frozen=True)
class InvoiceSection:
    """One seller's part of the invoice."""

    seller_en: str
    seller_ar: str
    lines: tuple[InvoiceLine, ...]
    figures: VatFigures
    seller_trn: str | None = None  # the vendor's own VAT registration, when it has one


@dataclass(frozen=True)
class Invoice:
    order: Order
    sections: tuple[InvoiceSection, ...]
    delivery: VatFigures
    cod: VatFigures
    figures: VatFigures  # the whole order: total before VAT, VAT 5 %, total


def invoice_for(order: Order) -> Invoice:
    """The invoice's figures: each line after its discount, per seller, the fees, and the order's VAT."""
    sections = []
    trns = dict(db.session.execute(select(Vendor.id, Vendor.trn).where(
        Vendor.id.in_([sub_order.vendor_id for sub_order in order.sub_orders]), Vendor.trn.is_not(None))).all())
    for sub_order in order.sub_orders:
        lines = tuple(InvoiceLine(line, VatFigures(line.line_total - line.discount, line.vat_included))
                      for line in sub_order.lines)
        first = sub_order.lines[0]
        sections.append(InvoiceSection(first.vendor_name_en, first.vendor_name_ar, lines,
                                       VatFigures(sub_order.total, sub_order.vat_included),
                                       trns.get(sub_order.vendor_id)))
    return Invoice(order=order, sections=tuple(sections),
                   delivery=VatFigures(order.delivery_fee, vat_included_in(order.delivery_fee)),
                   cod=VatFigures(order.cod_fee, vat_included_in(order.cod_fee)),
                   figures=VatFigures(order.grand_total, order.vat_included))


INVOICE_WORDS = {
    "title": _l("Tax invoice"),
    "invoice_number": _l("Invoice number"),
    "date": _l("Date of supply"),
    "customer": _l("Customer"),
    "deliver_to": _l("Delivered to"),
    "seller": _l("Seller"),
    "sold_through": _l("Sold through AromaSouQ"),
    "trn": _l("TRN"),
    "seller_trn": _l("Seller’s TRN"),
    "item": _l("Item"),
    "quantity": _l("Qty"),
    "unit_price": _l("Unit price"),
    "discount": _l("Discount"),
    "before_vat": _l("Amount before VAT"),
    "vat": _l("VAT 5%"),
    "total": _l("Total"),
    "delivery": _l("Delivery"),
    "cod_fee": _l("Cash on delivery fee"),
    "order_total": _l("Total of the order"),
    "prices_note": _l("Prices include VAT at 5%. Amounts in UAE dirhams (AED)."),
}


def invoice_words() -> dict[str, tuple[str, str]]:
    """Every heading of the invoice in English and in Arabic: a UAE tax invoice is read in both."""
    words = {}
    for key, text in INVOICE_WORDS.items():
        with force_locale("en"):
            english = str(text)
        with force_locale("ar"):
            arabic = str(text)
        words[key] = (english, arabic)
    return words


# Changing an order --------------------------------------------------------------------------


def cancel_order_for_customer(order: Order, user) -> Order:
    """The customer cancels before shipping: stock back once, the coupon freed, a message sent. A paid order
    is refunded in full, which cancels it first (TransitionRefused or PaymentRefused say why not)."""
    if order.paid_at is not None:
        refund_order(order, actor=user, reason="cancelled by the customer")
        return order
    cancel_order(order, actor=user, note="cancelled by the customer", tell_customer=True)
    return order


@dataclass(frozen=True)
class Reordered:
    added: tuple[str, ...]
    missing: tuple[tuple[str, str], ...]  # (name, why)


def reorder(order: Order, cart) -> Reordered:
    """Put the order's items back in the bag at today's prices; those that cannot be bought say why."""
    added, missing = [], []
    for line in order.lines:
        name = _("%(name)s, %(size)s", name=either_language(line.product_name_en, line.product_name_ar),
                 size=size_text(line.size_ml, line.size_unit))
        if line.offer_id is None:
            missing.append((name, _("Sorry, this perfume is not available.")))
            continue
        try:
            with db.session.begin_nested():
                add_to_cart(cart, line.offer_id, line.quantity)
        except CartRefused as refusal:
            missing.append((name, refusal.message))
        else:
            added.append(name)
    return Reordered(tuple(added), tuple(missing))
