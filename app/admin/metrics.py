"""The business in figures for the back office's dashboard: a period of UAE days, its sales, customers,
visitors and refunds beside the period of the same length before it, the best sellers and a daily series.

A sale is an order that is neither cancelled nor still waiting for its card payment; its date is the UAE
day it was placed. GMV is the sum of those orders' totals (VAT, delivery and cash-on-delivery fees included,
refunds not taken off: refunds are a figure of their own, by the day they were made). Every block is one
SQL query that aggregates in the database.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import String, and_, case, cast, func, select, true, tuple_

from app.accounts.models import User
from app.admin.models import StoreTrafficDay
from app.admin.traffic import UAE_TIME, counted_traffic
from app.extensions import db
from app.orders.models import Order, OrderLine
from app.payments.models import Refund

NOT_SALES = ("cancelled", "pending_payment")
PRESETS = {"7d": 7, "30d": 30, "90d": 90}
PERIOD_CHOICES = {
    "7d": _l("Last 7 days"),
    "30d": _l("Last 30 days"),
    "90d": _l("Last 90 days"),
    "this_month": _l("This month"),
    "last_month": _l("Last month"),
    "custom": _l("Custom dates"),
}
DEFAULT_PERIOD = "30d"
LONGEST_CUSTOM_PERIOD = 366
EARLIEST_DAY = date(2020, 1, 1)
TOP_COUNT = 10
ZERO = Decimal("0.00")


@dataclass(frozen=True)
class Period:
    """UAE calendar days from `first` to `last`, both included."""

    first: date
    last: date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.first, time.min, UAE_TIME)

    @property
    def ends_at(self) -> datetime:
        """Midnight after the last day (excluded)."""
        return datetime.combine(self.last + timedelta(days=1), time.min, UAE_TIME)

    def previous(self) -> Period:
        """The period of the same length just before this one."""
        return Period(self.first - timedelta(days=self.days), self.first - timedelta(days=1))

    def each_day(self) -> list[date]:
        return [self.first + timedelta(days=offset) for offset in range(self.days)]


@dataclass(frozen=True)
class PeriodChoice:
    """What the admin asked for (kept as typed, for the form) and the period it means; `error` when the
    custom dates could not be used (the default period is shown instead)."""

    key: str
    period: Period
    raw_from: str = ""
    raw_to: str = ""
    error: str | None = None


def choose_period(args, today: date) -> PeriodChoice:
    """The period from the URL (`period`, and `from`/`to` for custom dates); nonsense falls back to 30 days, as
    does "custom" before its dates are given."""
    key = args.get("period", DEFAULT_PERIOD)
    raw_from, raw_to = (args.get("from") or "").strip()[:10], (args.get("to") or "").strip()[:10]
    if key == "custom" and not (raw_from or raw_to):  # just chosen: the dates come next
        return PeriodChoice(key, preset_period(DEFAULT_PERIOD, today))
    if key == "custom":
        period, error = custom_period(raw_from, raw_to, today)
        if error is None:
            return PeriodChoice(key, period, raw_from, raw_to)
        return PeriodChoice(key, preset_period(DEFAULT_PERIOD, today), raw_from, raw_to, error)
    if key not in PERIOD_CHOICES:
        key = DEFAULT_PERIOD
    return PeriodChoice(key, preset_period(key, today))


def preset_period(key: str, today: date) -> Period:
    """"Last n days" end today; this month runs from its 1st to today; last month is the whole month."""
    if key in PRESETS:
        return Period(today - timedelta(days=PRESETS[key] - 1), today)
    if key == "this_month":
        return Period(today.replace(day=1), today)
    if key == "last_month":
        last = today.replace(day=1) - timedelta(days=1)
        return Period(last.replace(day=1), last)
    raise ValueError(f"unknown period {key!r}")


def custom_period(raw_from: str, raw_to: str, today: date) -> tuple[Period | None, str | None]:
    """The custom dates as a period, or why they cannot be one (a translated sentence)."""
    try:
        first, last = date.fromisoformat(raw_from), date.fromisoformat(raw_to)
    except ValueError:
        return None, str(_l("Enter both dates of the custom period as dates (year-month-day)."))
    if first > last:
        return None, str(_l("The custom period must start before it ends."))
    if last > today:
        return None, str(_l("The custom period cannot end after today."))
    if first < EARLIEST_DAY:
        return None, str(_l("The custom period cannot start before 2020."))
    if (last - first).days + 1 > LONGEST_CUSTOM_PERIOD:
        return None, str(_l("The custom period can be at most 366 days long."))
    return Period(first, last), None


# Figures ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Figures:
    """One period's headline figures."""

    gmv: Decimal
    orders: int
    new_customers: int
    visitors: int
    refunds: Decimal
    refund_count: int

    @property
    def average_order_value(self) -> Decimal:
        return (self.gmv / self.orders).quantize(Decimal("0.01"), ROUND_HALF_UP) if self.orders else ZERO

    @property
    def conversion(self) -> float | None:
        """Orders ÷ visitors; None when nobody was counted."""
        return self.orders / self.visitors if self.visitors else None


@dataclass(frozen=True)
class Comparison:
    current: Figures
    previous: Figures

    def change(self, name: str) -> float | None:
        """The relative change of a figure against the previous period; None when there is nothing to compare."""
        now, before = getattr(self.current, name), getattr(self.previous, name)
        if now is None or before is None or not before:
            return None
        return float((Decimal(str(now)) - Decimal(str(before))) / Decimal(str(before)))


def is_sale():
    return Order.status.not_in(NOT_SALES)


def within(column, period: Period):
    return and_(column >= period.starts_at, column < period.ends_at)


def compare_figures(period: Period, today: date) -> Comparison:
    """The period's figures and the previous period's, in one query (today's visitors come from Redis)."""
    previous = period.previous()
    both = Period(previous.first, period.last)
    orders = select(
        *[func.count().filter(within(Order.created_at, part)).label(f"orders_{name}")
          for name, part in (("now", period), ("before", previous))],
        *[func.coalesce(func.sum(Order.grand_total).filter(within(Order.created_at, part)), 0).label(f"gmv_{name}")
          for name, part in (("now", period), ("before", previous))],
    ).where(is_sale(), within(Order.created_at, both)).subquery()
    customers = select(
        *[func.count().filter(within(User.created_at, part)).label(f"customers_{name}")
          for name, part in (("now", period), ("before", previous))],
    ).where(User.roles.any("customer"), within(User.created_at, both)).subquery()
    refunds = select(
        *[func.count().filter(within(Refund.created_at, part)).label(f"refund_count_{name}")
          for name, part in (("now", period), ("before", previous))],
        *[func.coalesce(func.sum(Refund.amount).filter(within(Refund.created_at, part)), 0).label(f"refunds_{name}")
          for name, part in (("now", period), ("before", previous))],
    ).where(within(Refund.created_at, both)).subquery()
    traffic = select(
        *[func.coalesce(func.sum(StoreTrafficDay.visitors).filter(
            StoreTrafficDay.day.between(part.first, part.last), StoreTrafficDay.day != today), 0)
          .label(f"visitors_{name}") for name, part in (("now", period), ("before", previous))],
        func.coalesce(func.max(StoreTrafficDay.visitors).filter(StoreTrafficDay.day == today), 0).label("saved_today"),
    ).where(StoreTrafficDay.day.between(both.first, both.last)).subquery()
    row = db.session.execute(
        select(orders, customers, refunds, traffic)
        .select_from(orders.join(customers, true()).join(refunds, true()).join(traffic, true()))).one()._mapping
    today_visitors = max(counted_traffic(today).visitors, row["saved_today"]) if period.first <= today <= period.last \
        else 0

    def figures(name: str, extra_visitors: int) -> Figures:
        return Figures(gmv=Decimal(row[f"gmv_{name}"]), orders=row[f"orders_{name}"],
                       new_customers=row[f"customers_{name}"], visitors=row[f"visitors_{name}"] + extra_visitors,
                       refunds=Decimal(row[f"refunds_{name}"]), refund_count=row[f"refund_count_{name}"])

    return Comparison(figures("now", today_visitors), figures("before", 0))


# Best sellers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seller:
    """A product, brand or vendor among the best sellers: its names, item sales, units and share of all item sales."""

    key: str
    name_en: str
    name_ar: str
    sales: Decimal
    units: int
    share: float
    vendor_id: int | None = None

    def name(self, language: str) -> str:
        return (self.name_ar if language == "ar" else self.name_en) or self.name_en


# What the lines are grouped by for each list (copied onto the line when the order was placed).
SELLER_DIMENSIONS = {
    "products": OrderLine.product_slug,
    "brands": OrderLine.brand_name_en,
    "vendors": OrderLine.vendor_id,
}


def top_sellers(period: Period, limit: int = TOP_COUNT) -> dict[str, list[Seller]]:
    """The best products, brands and vendors by item sales (lines less their coupon share), with their share of all
    item sales: one query and one pass over the period's lines (GROUPING SETS), ranked in the database."""
    sets = SELLER_DIMENSIONS.values()
    dimension = case(*[(func.grouping(column) == 0, name) for name, column in SELLER_DIMENSIONS.items()])
    sales = func.sum(OrderLine.line_total - OrderLine.discount)
    grouped = (
        select(dimension.label("dimension"),
               func.coalesce(*[cast(column, String) for column in sets]).label("key"),
               func.max(OrderLine.product_name_en).label("product_en"), func.max(OrderLine.product_name_ar).label("product_ar"),
               func.max(OrderLine.brand_name_ar).label("brand_ar"), func.max(OrderLine.vendor_name_en).label("vendor_en"),
               func.max(OrderLine.vendor_name_ar).label("vendor_ar"),
               sales.label("sales"), func.sum(OrderLine.quantity).label("units"))
        .join(Order, Order.id == OrderLine.order_id)
        .where(is_sale(), within(Order.created_at, period))
        .group_by(func.grouping_sets(*[tuple_(column) for column in sets]))
    ).subquery()
    ranked = select(
        grouped, func.row_number().over(partition_by=grouped.c.dimension,
                                        order_by=(grouped.c.sales.desc(), grouped.c.key)).label("rank"),
        func.sum(grouped.c.sales).over(partition_by=grouped.c.dimension).label("all_sales"),
    ).subquery()
    sellers: dict[str, list[Seller]] = {name: [] for name in SELLER_DIMENSIONS}
    for row in db.session.execute(select(ranked).where(ranked.c.rank <= limit).order_by(ranked.c.dimension,
                                                                                        ranked.c.rank)):
        sellers[row.dimension].append(seller_of(row))
    return sellers


def seller_of(row) -> Seller:
    names = {"products": (row.product_en, row.product_ar), "brands": (row.key, row.brand_ar),
             "vendors": (row.vendor_en, row.vendor_ar)}[row.dimension]
    return Seller(row.key, *names, Decimal(row.sales), int(row.units),
                  float(row.sales / row.all_sales) if row.all_sales else 0.0,
                  vendor_id=int(row.key) if row.dimension == "vendors" else None)


# The daily series -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DayFigures:
    day: date
    gmv: Decimal
    orders: int


def daily_sales(period: Period) -> list[DayFigures]:
    """GMV and orders of every UAE day of the period (days without sales as zeros), in one query."""
    day = func.date(func.timezone(str(UAE_TIME), Order.created_at))
    rows = db.session.execute(
        select(day.label("day"), func.count().label("orders"), func.sum(Order.grand_total).label("gmv"))
        .where(is_sale(), within(Order.created_at, period)).group_by(day))
    by_day = {row.day: (Decimal(row.gmv), row.orders) for row in rows}
    return [DayFigures(each, *by_day.get(each, (ZERO, 0))) for each in period.each_day()]


@dataclass(frozen=True)
class Report:
    choice: PeriodChoice
    comparison: Comparison
    sellers: dict[str, list[Seller]]
    days: list[DayFigures]


def dashboard_report(choice: PeriodChoice, today: date) -> Report:
    """Everything the dashboard shows for the chosen period: three queries whatever the store's size."""
    period = choice.period
    return Report(choice, compare_figures(period, today), top_sellers(period), daily_sales(period))
