"""Back-office reads of orders, coupons and delivery zones: the filtered orders table, one order with
everything its page shows (in a fixed handful of queries), coupons with their redemptions, the zones."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.address_book import EMIRATES
from app.accounts.models import User
from app.admin.queries import UAE_TIME, parse_day
from app.catalog.models import Brand
from app.extensions import db
from app.orders.models import Coupon, CouponRedemption, DeliveryZone, Order, OrderEvent, SubOrder
from app.payments.models import Payment, Refund
from app.vendors.models import Vendor

ORDER_SORT_COLUMNS = {"placed": Order.created_at, "total": Order.grand_total,
                      "status": Order.status, "email": Order.email}
COUPON_SORT_COLUMNS = {"created": Coupon.created_at, "code": Coupon.code, "ends": Coupon.ends_at}
PAID_FILTERS = ("paid", "unpaid")
ORDER_NUMBER = re.compile(r"^[A-Z]{2}-\d{4}-\d{6,10}$")  # AS-2026-000123


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def orders_matching(filters: dict[str, str]):
    """SELECT of orders by status, UAE dates (inclusive), vendor, payment method, paid or not, and number or email."""
    query = select(Order)
    if "status" in filters:
        query = query.where(Order.status == filters["status"])
    if "payment" in filters:
        query = query.where(Order.payment_method == filters["payment"])
    if filters.get("paid") == "paid":
        query = query.where(Order.paid_at.is_not(None))
    elif filters.get("paid") == "unpaid":
        query = query.where(Order.paid_at.is_(None))
    if "vendor" in filters:
        query = query.where(Order.sub_orders.any(SubOrder.vendor_id == int(filters["vendor"])))
    start, end = parse_day(filters.get("since")), parse_day(filters.get("until"))
    if start:
        query = query.where(Order.created_at >= datetime.combine(start, time.min, UAE_TIME))
    if end:
        query = query.where(Order.created_at < datetime.combine(end + timedelta(days=1), time.min, UAE_TIME))
    if "q" in filters:
        pattern = like_pattern(filters["q"])
        query = query.where(Order.number.ilike(pattern) | Order.email.ilike(pattern))
    return query


def selected_orders(order_ids: list[int]):
    """SELECT of the orders an admin ticked, newest first."""
    return select(Order).where(Order.id.in_(order_ids)).order_by(Order.created_at.desc(), Order.id.desc())


def vendor_choices() -> list[tuple[str, str, str]]:
    """(id, English name, Arabic name) of every shop that has sold something or may sell, by name."""
    return [(str(vendor_id), name_en, name_ar) for vendor_id, name_en, name_ar in db.session.execute(
        select(Vendor.id, Vendor.name_en, Vendor.name_ar).where(Vendor.status.in_(("approved", "suspended")))
        .order_by(Vendor.name_en))]


def shops_of_orders(order_ids: list[int]) -> dict[int, list[tuple[str, str]]]:
    """The English and Arabic names of each order's shops, in one query."""
    rows = db.session.execute(
        select(SubOrder.order_id, Vendor.name_en, Vendor.name_ar).join(Vendor, Vendor.id == SubOrder.vendor_id)
        .where(SubOrder.order_id.in_(order_ids)).order_by(SubOrder.order_id, SubOrder.id)) if order_ids else []
    shops: dict[int, list[tuple[str, str]]] = {}
    for order_id, name_en, name_ar in rows:
        shops.setdefault(order_id, []).append((name_en, name_ar))
    return shops


# One order ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class OrderFile:
    """Everything the order's back-office page shows, loaded at once."""

    order: Order
    customer: User | None
    vendors: dict[int, Vendor]
    payments: list[Payment]
    refunds: list[Refund]
    actors: dict[int, User]
    paid: Decimal  # received, all payments
    refunded: Decimal

    @property
    def refundable(self) -> Decimal:
        return max(self.paid - self.refunded, Decimal("0.00"))

    def refunded_on(self, sub_order: SubOrder) -> Decimal:
        return sum((refund.amount for refund in self.refunds if refund.sub_order_id == sub_order.id), Decimal("0.00"))

    def refundable_on(self, sub_order: SubOrder) -> Decimal:
        return max(min(sub_order.total - self.refunded_on(sub_order), self.refundable), Decimal("0.00"))


def get_order_file_or_404(number: str) -> OrderFile:
    """The order by its number, with its sub-orders, lines, events, payments, refunds and the people involved."""
    if not ORDER_NUMBER.match(number):
        abort(404)
    order = db.session.scalar(
        select(Order).where(Order.number == number)
        .options(selectinload(Order.sub_orders).selectinload(SubOrder.lines), selectinload(Order.events),
                 selectinload(Order.lines)))
    if order is None:
        abort(404)
    payments = list(db.session.scalars(select(Payment).where(Payment.order_id == order.id).order_by(Payment.id)))
    refunds = list(db.session.scalars(select(Refund).where(Refund.order_id == order.id).order_by(Refund.id)))
    people = {event.actor_user_id for event in order.events} | {refund.actor_user_id for refund in refunds} \
        | {payment.recorded_by_user_id for payment in payments} | {order.user_id}
    people.discard(None)
    actors = {user.id: user for user in db.session.scalars(select(User).where(User.id.in_(people)))} if people else {}
    vendor_ids = {sub_order.vendor_id for sub_order in order.sub_orders}
    vendors = {vendor.id: vendor for vendor in db.session.scalars(select(Vendor).where(Vendor.id.in_(vendor_ids)))} \
        if vendor_ids else {}
    paid = sum(((payment.amount_received or payment.amount) for payment in payments if payment.status == "succeeded"),
               Decimal("0.00"))
    return OrderFile(order=order, customer=actors.get(order.user_id), vendors=vendors, payments=payments,
                     refunds=refunds, actors=actors, paid=paid,
                     refunded=sum((refund.amount for refund in refunds), Decimal("0.00")))


def get_sub_order_of_order_or_404(order: Order, sub_order_id: int) -> SubOrder:
    """One of the order's sub-orders; another order's answers 404."""
    sub_order = next((part for part in order.sub_orders if part.id == sub_order_id), None)
    if sub_order is None:
        abort(404)
    return sub_order


def events_newest_first(order: Order) -> list[OrderEvent]:
    return sorted(order.events, key=lambda event: (event.created_at, event.id), reverse=True)


# Coupons ------------------------------------------------------------------------------------


def coupons_matching(filters: dict[str, str]):
    """SELECT of coupons by code and active or not."""
    query = select(Coupon)
    if filters.get("state") == "active":
        query = query.where(Coupon.is_active)
    elif filters.get("state") == "inactive":
        query = query.where(Coupon.is_active.is_(False))
    if "q" in filters:
        query = query.where(Coupon.code.ilike(like_pattern(filters["q"].upper())))
    return query


@dataclass(frozen=True)
class CouponRow:
    coupon: Coupon
    redemptions: int
    vendor: Vendor | None
    brand: Brand | None


def coupon_rows(coupons: list[Coupon]) -> list[CouponRow]:
    """Each coupon with how many orders used it and the shop or brand it is for (three queries in all)."""
    ids = [coupon.id for coupon in coupons]
    used = dict(db.session.execute(select(CouponRedemption.coupon_id, func.count(CouponRedemption.id))
                                   .where(CouponRedemption.coupon_id.in_(ids))
                                   .group_by(CouponRedemption.coupon_id)).all()) if ids else {}
    vendor_ids = {coupon.vendor_id for coupon in coupons} - {None}
    brand_ids = {coupon.brand_id for coupon in coupons} - {None}
    vendors = {vendor.id: vendor for vendor in db.session.scalars(select(Vendor).where(Vendor.id.in_(vendor_ids)))} \
        if vendor_ids else {}
    brands = {brand.id: brand for brand in db.session.scalars(select(Brand).where(Brand.id.in_(brand_ids)))} \
        if brand_ids else {}
    return [CouponRow(coupon, used.get(coupon.id, 0), vendors.get(coupon.vendor_id), brands.get(coupon.brand_id))
            for coupon in coupons]


def get_coupon_or_404(coupon_id: int) -> Coupon:
    coupon = db.session.get(Coupon, coupon_id)
    if coupon is None:
        abort(404)
    return coupon


def redemptions_count(coupon: Coupon) -> int:
    return db.session.scalar(select(func.count(CouponRedemption.id)).where(CouponRedemption.coupon_id == coupon.id))


def brand_choices() -> list[tuple[str, str, str]]:
    return [(str(brand_id), name_en, name_ar) for brand_id, name_en, name_ar in
            db.session.execute(select(Brand.id, Brand.name_en, Brand.name_ar).order_by(Brand.name_en))]


# Delivery zones -----------------------------------------------------------------------------


def delivery_zones() -> list[DeliveryZone]:
    """Every zone with its rates, in the order the checkout lists them."""
    return list(db.session.scalars(select(DeliveryZone).options(selectinload(DeliveryZone.rates))
                                   .order_by(DeliveryZone.position, DeliveryZone.id)))


def get_delivery_zone_or_404(emirate: str) -> DeliveryZone:
    if emirate not in EMIRATES:
        abort(404)
    zone = db.session.scalar(select(DeliveryZone).where(DeliveryZone.emirate == emirate)
                             .options(selectinload(DeliveryZone.rates)))
    if zone is None:
        abort(404)
    return zone
