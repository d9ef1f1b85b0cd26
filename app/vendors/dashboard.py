"""What the vendor's dashboard shows: sales and orders of the last 30 days by day, the sub-orders waiting
to be shipped, the offers running low. One query per part, whatever the shop's size."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from sqlalchemy import Date, cast, func, select

from app.catalog.models import Offer
from app.extensions import db
from app.orders.models import Order, OrderLine, SubOrder
from app.vendors.offer_queries import offers_with_products

UAE_TIME = ZoneInfo("Asia/Dubai")
PERIOD_DAYS = 30
# A sub-order counts as a sale once the customer is committed to it: not while a card payment is still
# pending, and not once cancelled.
NOT_SALES = ("pending_payment", "cancelled")
TO_SHIP = ("confirmed", "processing")
SHOWN = 10  # sub-orders and low-stock offers listed on the dashboard; the rest are counted


@dataclass(frozen=True)
class SalesDay:
    day: date
    sales: Decimal
    orders: int


@dataclass(frozen=True)
class SalesPeriod:
    days: list[SalesDay]

    @property
    def sales(self) -> Decimal:
        return sum((day.sales for day in self.days), Decimal("0.00"))

    @property
    def orders(self) -> int:
        return sum(day.orders for day in self.days)

    @property
    def best_day(self) -> SalesDay | None:
        best = max(self.days, key=lambda day: day.sales, default=None)
        return best if best is not None and best.sales > 0 else None


@dataclass(frozen=True)
class SparkBar:
    """One day's bar of the sparkline, in a viewBox of SPARK_WIDTH × SPARK_HEIGHT."""

    x: float
    y: float
    width: float
    height: float
    day: SalesDay


SPARK_WIDTH, SPARK_HEIGHT = 300, 64


def sparkline(period: SalesPeriod, rtl: bool) -> list[SparkBar]:
    """A bar per day, scaled to the best day; time runs in the reading direction (from the right in Arabic)."""
    count = len(period.days)
    highest = max((day.sales for day in period.days), default=Decimal("0")) or Decimal("1")
    slot = SPARK_WIDTH / max(count, 1)
    bars = []
    for index, day in enumerate(period.days):
        position = count - 1 - index if rtl else index
        height = float(day.sales / highest) * (SPARK_HEIGHT - 4)
        height = max(height, 2.0 if day.sales > 0 else 1.0)  # a sale always shows; an empty day is a hairline
        bars.append(SparkBar(round(position * slot + slot * 0.15, 1), round(SPARK_HEIGHT - height, 1),
                             round(slot * 0.7, 1), round(height, 1), day))
    return bars


def today_in_uae(now: datetime | None = None) -> date:
    return (now or datetime.now(UAE_TIME)).astimezone(UAE_TIME).date()


def sales_by_day(vendor_id: int, today: date, days: int = PERIOD_DAYS) -> SalesPeriod:
    """The vendor's sales (sub-order totals) and sub-orders per UAE day, the `days` days up to `today`."""
    first = today - timedelta(days=days - 1)
    day = cast(func.timezone("Asia/Dubai", SubOrder.created_at), Date).label("day")
    rows = db.session.execute(
        select(day, func.sum(SubOrder.total), func.count())
        .where(SubOrder.vendor_id == vendor_id, SubOrder.status.not_in(NOT_SALES),
               SubOrder.created_at >= datetime.combine(first, datetime.min.time(), UAE_TIME),
               SubOrder.created_at < datetime.combine(today + timedelta(days=1), datetime.min.time(), UAE_TIME))
        .group_by(day))
    found = {row[0]: (row[1], row[2]) for row in rows}
    return SalesPeriod([SalesDay(first + timedelta(days=offset), *found.get(first + timedelta(days=offset),
                                                                             (Decimal("0.00"), 0)))
                        for offset in range(days)])


@dataclass(frozen=True)
class WaitingSubOrder:
    id: int
    order_number: str
    status: str
    created_at: datetime
    total: Decimal
    items: int


def sub_orders_to_ship(vendor_id: int) -> tuple[list[WaitingSubOrder], int]:
    """The oldest sub-orders waiting to be shipped (confirmed or processing), and how many wait in all."""
    items = (select(func.coalesce(func.sum(OrderLine.quantity), 0)).where(OrderLine.sub_order_id == SubOrder.id)
             .correlate(SubOrder).scalar_subquery())
    rows = db.session.execute(
        select(SubOrder.id, Order.number, SubOrder.status, SubOrder.created_at, SubOrder.total, items,
               func.count().over())
        .join(Order, Order.id == SubOrder.order_id)
        .where(SubOrder.vendor_id == vendor_id, SubOrder.status.in_(TO_SHIP))
        .order_by(SubOrder.created_at, SubOrder.id).limit(SHOWN)).all()
    return [WaitingSubOrder(*row[:6]) for row in rows], (rows[0][6] if rows else 0)


def low_stock_offers(vendor_id: int, threshold: int) -> tuple[list[Offer], int]:
    """The vendor's active offers with `threshold` or fewer in stock, emptiest first, and how many in all."""
    total = func.count().over().label("total")
    rows = db.session.execute(
        offers_with_products().add_columns(total)
        .where(Offer.vendor_id == vendor_id, Offer.is_active.is_(True), Offer.stock <= threshold)
        .order_by(Offer.stock, Offer.id).limit(SHOWN)).all()
    return [row[0] for row in rows], (rows[0][1] if rows else 0)
