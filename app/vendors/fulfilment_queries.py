"""Reading a vendor's sub-orders: its own only, whatever id a URL carries; the list's filters and sort."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import contains_eager, selectinload

from app.extensions import db
from app.orders.models import Order, OrderEvent, OrderLine, SubOrder
from app.orders.pricing import UAE_TIME
from app.vendors.models import Vendor
from app.vendors.payouts import parse_day, split_pro_rata

ITEM_COUNT = (select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(OrderLine.sub_order_id == SubOrder.id)
              .correlate(SubOrder).scalar_subquery())
SUB_ORDER_SORT_COLUMNS = {
    "placed": Order.created_at,
    "number": Order.number,
    "status": SubOrder.status,
    "total": SubOrder.total,
    "items": ITEM_COUNT,
}


def get_sub_order_for_vendor_or_404(sub_order_id: int, vendor: Vendor) -> SubOrder:
    """The vendor's own part of an order (its lines and order loaded); another shop's is answered 404."""
    sub_order = db.session.scalar(
        select(SubOrder).join(Order, Order.id == SubOrder.order_id)
        .where(SubOrder.id == sub_order_id, SubOrder.vendor_id == vendor.id)
        .options(contains_eager(SubOrder.order), selectinload(SubOrder.lines)))
    if sub_order is None:
        abort(404)
    return sub_order


def sub_orders_matching(vendor: Vendor, filters: dict[str, str]):
    """SELECT of the vendor's sub-orders (orders loaded), by status, order date (UAE) and order number or customer."""
    query = (select(SubOrder).join(Order, Order.id == SubOrder.order_id)
             .where(SubOrder.vendor_id == vendor.id).options(contains_eager(SubOrder.order)))
    if "status" in filters:
        query = query.where(SubOrder.status == filters["status"])
    if (start := parse_day(filters.get("from"))) is not None:
        query = query.where(Order.created_at >= datetime.combine(start, time(0), UAE_TIME))
    if (end := parse_day(filters.get("to"))) is not None:
        query = query.where(Order.created_at < datetime.combine(end + timedelta(days=1), time(0), UAE_TIME))
    if "q" in filters:
        text = filters["q"]
        pattern = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Order.number.ilike(pattern) | Order.contact_name.ilike(pattern)
                            | Order.delivery_address["recipient_name"].astext.ilike(pattern))
    return query


def item_counts(sub_order_ids) -> dict[int, int]:
    """How many items each of these sub-orders holds, in one query."""
    return dict(db.session.execute(
        select(OrderLine.sub_order_id, func.sum(OrderLine.quantity)).where(OrderLine.sub_order_id.in_(list(sub_order_ids)))
        .group_by(OrderLine.sub_order_id)).all())


def count_sub_orders_by_status(vendor: Vendor) -> dict[str, int]:
    return dict(db.session.execute(select(SubOrder.status, func.count()).where(SubOrder.vendor_id == vendor.id)
                                   .group_by(SubOrder.status)).all())


def events_of_sub_order(sub_order: SubOrder) -> list[OrderEvent]:
    """The order's own status changes and this part's, oldest first (never another shop's part)."""
    return list(db.session.scalars(
        select(OrderEvent).where(OrderEvent.order_id == sub_order.order_id,
                                 OrderEvent.sub_order_id.is_(None) | (OrderEvent.sub_order_id == sub_order.id))
        .order_by(OrderEvent.id)))


@dataclass(frozen=True)
class CashToCollect:
    """For a cash-on-delivery order: what this parcel's courier collects (its goods and its share of the fees)."""

    goods: Decimal
    fees: Decimal

    @property
    def total(self) -> Decimal:
        return self.goods + self.fees


def cash_to_collect(sub_order: SubOrder) -> CashToCollect | None:
    """None unless the order is paid in cash on delivery and not paid yet; the delivery and COD fees are
    shared by the parts' totals (to the fils, the remainder on the last part), so the parcels add up to the order."""
    order = sub_order.order
    if order.payment_method != "cod" or order.paid_at is not None:
        return None
    parts = list(db.session.execute(select(SubOrder.id, SubOrder.total).where(SubOrder.order_id == order.id)
                                    .order_by(SubOrder.id)))
    fees = split_pro_rata(order.delivery_fee + order.cod_fee, [total for _id, total in parts])
    share = dict(zip([part_id for part_id, _total in parts], fees))
    return CashToCollect(sub_order.total, share[sub_order.id])
