"""What AromaSouQ owes each vendor for a period, and the payouts admins record against it.

The rules, as the statement page states them:
- A sale counts in the period its parcel was handed to the carrier (the sub-order's `shipped_at`, in UAE
  time), for the sub-order's total: its items less its share of any coupon, VAT included. Parts cancelled
  before shipping never count.
- A refund counts against a shipped part in the period it was made (or, if it was made before the part
  shipped, in the period the part shipped). A refund of one part is that vendor's in full; a refund of
  the whole order is charged to the goods first (up to their value: the rest was delivery and cash-on-
  delivery fees, which AromaSouQ keeps and refunds) and shared by the parts' totals, to the fils, the
  remainder on the last part.
- Commission is the vendor's current rate on sales less refunds, rounded half up to the fils.
- Net due = sales − refunds − commission; payouts recorded for periods inside the chosen one are
  subtracted to give the balance still unpaid.
"""
from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, or_, select
from sqlalchemy.orm import contains_eager

from app.audit.services import record_change, snapshot
from app.extensions import db
from app.orders.models import Order, SubOrder
from app.orders.pricing import UAE_TIME, to_fils, uae_now
from app.payments.models import Refund
from app.vendors.models import Vendor, VendorPayout

ZERO = Decimal("0.00")
PAYOUT_FIELDS = ("vendor_id", "period_start", "period_end", "amount", "paid_on", "reference", "note")


# Periods ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """Calendar days from `start` to `end`, both included, in UAE time."""

    start: date
    end: date

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))

    @property
    def is_month(self) -> bool:
        return self == Period.month(self.start.year, self.start.month)

    @property
    def month_key(self) -> str:
        return f"{self.start:%Y-%m}"

    @property
    def starts_at(self) -> datetime:
        return datetime.combine(self.start, time(0), UAE_TIME)

    @property
    def ends_before(self) -> datetime:
        return datetime.combine(self.end + timedelta(days=1), time(0), UAE_TIME)

    def holds(self, moment: datetime) -> bool:
        return self.starts_at <= moment < self.ends_before

    def previous_month(self) -> Period:
        before = self.start - timedelta(days=1)
        return Period.month(before.year, before.month)

    def next_month(self) -> Period:
        after = self.end + timedelta(days=1)
        return Period.month(after.year, after.month)


def this_month(now: datetime | None = None) -> Period:
    today = uae_now(now).date()
    return Period.month(today.year, today.month)


def parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat((text or "").strip()[:10])
    except ValueError:
        return None


def period_from_args(args, now: datetime | None = None) -> Period:
    """`from`/`to` (a custom range, days in order, at most a year) or `month` (YYYY-MM); this month otherwise.

    Never raises: a nonsense value gives this month."""
    start, end = parse_day(args.get("from")), parse_day(args.get("to"))
    if start and end and start <= end and (end - start).days <= 366:
        return Period(start, end)
    month = (args.get("month") or "").strip()
    try:
        year, number = (int(part) for part in month.split("-"))
        if 2000 <= year <= 2100 and 1 <= number <= 12:
            return Period.month(year, number)
    except ValueError:
        pass
    return this_month(now)


def recent_months(count: int = 12, now: datetime | None = None) -> list[Period]:
    """This month and the ones before it, newest first (the month chooser's options)."""
    months = [this_month(now)]
    while len(months) < count:
        months.append(months[-1].previous_month())
    return months


# Money ----------------------------------------------------------------------------------------


def split_pro_rata(amount: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """`amount` shared by `weights`, each part rounded half up to the fils, the remainder on the last part."""
    if not weights:
        return []
    total = sum(weights, ZERO)
    if total <= 0:
        return [ZERO] * (len(weights) - 1) + [amount]
    parts = [to_fils(amount * weight / total) for weight in weights[:-1]]
    return parts + [amount - sum(parts, ZERO)]


# Statements -----------------------------------------------------------------------------------


@dataclass
class Statement:
    """One vendor's figures for one period."""

    vendor: Vendor
    period: Period
    sales_count: int = 0
    gross: Decimal = ZERO
    refunds: Decimal = ZERO
    paid: Decimal = ZERO
    payouts: list[VendorPayout] = field(default_factory=list)

    @property
    def rate(self) -> Decimal:
        return self.vendor.commission_rate

    @property
    def commission(self) -> Decimal:
        return to_fils((self.gross - self.refunds) * self.rate)

    @property
    def net_due(self) -> Decimal:
        return self.gross - self.refunds - self.commission

    @property
    def balance(self) -> Decimal:
        return self.net_due - self.paid

    @property
    def has_activity(self) -> bool:
        return bool(self.sales_count or self.refunds or self.payouts)


def statement_for(vendor: Vendor, period: Period) -> Statement:
    return statements_for([vendor], period)[vendor.id]


def statements_for(vendors: list[Vendor], period: Period) -> dict[int, Statement]:
    """Each vendor's statement for the period, in a handful of queries whatever the number of vendors."""
    statements = {vendor.id: Statement(vendor, period) for vendor in vendors}
    ids = list(statements)
    if not ids:
        return statements
    sales = db.session.execute(
        select(SubOrder.vendor_id, func.count(), func.coalesce(func.sum(SubOrder.total), 0))
        .where(SubOrder.vendor_id.in_(ids), SubOrder.shipped_at >= period.starts_at,
               SubOrder.shipped_at < period.ends_before)
        .group_by(SubOrder.vendor_id))
    for vendor_id, count, gross in sales:
        statements[vendor_id].sales_count, statements[vendor_id].gross = count, Decimal(gross)
    for vendor_id, share in refund_shares(ids, period):
        statements[vendor_id].refunds += share.amount
    for payout in payouts_within(ids, period):
        statements[payout.vendor_id].payouts.append(payout)
        statements[payout.vendor_id].paid += payout.amount
    return statements


@dataclass(frozen=True)
class RefundShare:
    """The part of one refund a vendor bears, and when it counts."""

    refund_id: int
    order_number: str
    sub_order_id: int
    amount: Decimal
    counts_at: datetime
    whole_order: bool


def refund_shares(vendor_ids: list[int], period: Period) -> list[tuple[int, RefundShare]]:
    """(vendor id, share) of every refund counting in the period against those vendors' shipped parts."""
    # Orders with a refund that may count now: made in the period, or made earlier on a part shipped in it.
    orders = (select(Refund.order_id).join(SubOrder, SubOrder.order_id == Refund.order_id)
              .where(SubOrder.vendor_id.in_(vendor_ids), SubOrder.shipped_at < period.ends_before,
                     Refund.created_at < period.ends_before,
                     or_(Refund.created_at >= period.starts_at, SubOrder.shipped_at >= period.starts_at)))
    refunds = db.session.execute(
        select(Refund.id, Refund.order_id, Refund.sub_order_id, Refund.amount, Refund.created_at)
        .where(Refund.order_id.in_(orders), Refund.created_at < period.ends_before).order_by(Refund.id)).all()
    if not refunds:
        return []
    parts = db.session.execute(
        select(SubOrder.id, SubOrder.order_id, SubOrder.vendor_id, SubOrder.total, SubOrder.shipped_at, Order.number)
        .join(Order, Order.id == SubOrder.order_id)
        .where(SubOrder.order_id.in_({row.order_id for row in refunds})).order_by(SubOrder.id)).all()
    parts_of = defaultdict(list)
    for part in parts:
        parts_of[part.order_id].append(part)
    refunds_of = defaultdict(list)
    for refund in refunds:
        refunds_of[refund.order_id].append(refund)
    wanted = set(vendor_ids)
    shares = []
    for order_id, order_refunds in refunds_of.items():
        for part, share in shares_of_order(parts_of[order_id], order_refunds):
            if part.vendor_id in wanted and part.shipped_at is not None and period.holds(share.counts_at):
                shares.append((part.vendor_id, share))
    return shares


def shares_of_order(parts, refunds) -> list[tuple[object, RefundShare]]:
    """Each refund of one order shared among its parts (see the module's rules), oldest refund first."""
    goods_left = sum((part.total for part in parts), ZERO)
    by_id = {part.id: part for part in parts}
    shares = []
    for refund in refunds:
        if refund.sub_order_id in by_id:
            amounts = [(by_id[refund.sub_order_id], refund.amount)]
            goods_left -= refund.amount
        else:
            goods = min(refund.amount, max(goods_left, ZERO))
            goods_left -= goods
            amounts = list(zip(parts, split_pro_rata(goods, [part.total for part in parts])))
        for part, amount in amounts:
            if amount:
                counts_at = max(refund.created_at, part.shipped_at) if part.shipped_at else refund.created_at
                shares.append((part, RefundShare(refund.id, part.number, part.id, amount, counts_at,
                                                 refund.sub_order_id is None)))
    return shares


def payouts_within(vendor_ids: list[int], period: Period) -> list[VendorPayout]:
    """Payouts recorded for periods that lie inside `period`, oldest first."""
    return list(db.session.scalars(
        select(VendorPayout).where(VendorPayout.vendor_id.in_(vendor_ids), VendorPayout.period_start >= period.start,
                                   VendorPayout.period_end <= period.end)
        .order_by(VendorPayout.paid_on, VendorPayout.id)))


# The vendor's own statement: its sales and refunds line by line ----------------------------------


@dataclass(frozen=True)
class SaleLine:
    sub_order_id: int
    order_number: str
    shipped_at: datetime
    total: Decimal


def sale_lines(vendor: Vendor, period: Period) -> list[SaleLine]:
    rows = db.session.execute(
        select(SubOrder.id, Order.number, SubOrder.shipped_at, SubOrder.total).join(Order, Order.id == SubOrder.order_id)
        .where(SubOrder.vendor_id == vendor.id, SubOrder.shipped_at >= period.starts_at,
               SubOrder.shipped_at < period.ends_before).order_by(SubOrder.shipped_at, SubOrder.id))
    return [SaleLine(*row) for row in rows]


def refund_lines(vendor: Vendor, period: Period) -> list[RefundShare]:
    return sorted((share for _vendor, share in refund_shares([vendor.id], period)),
                  key=lambda share: (share.counts_at, share.refund_id))


# Recording a payout -------------------------------------------------------------------------------


class PayoutRefused(Exception):
    """The payout cannot be recorded as given; `message` says why, in the reader's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def payable_vendors() -> list[Vendor]:
    """Shops that have sold (approved or suspended), by English name."""
    return list(db.session.scalars(select(Vendor).where(Vendor.status.in_(("approved", "suspended")))
                                   .order_by(Vendor.name_en, Vendor.id)))


def record_payout(vendor: Vendor, period: Period, amount: Decimal, paid_on: date, reference: str, note: str,
                  actor, allow_more_than_due: bool = False) -> VendorPayout:
    """Record money paid to the vendor for the period (audited); PayoutRefused when it is more than
    the balance and the admin did not confirm it, or the payment date is still ahead."""
    if amount <= 0:
        raise PayoutRefused(_("Enter an amount above zero."))
    if paid_on > uae_now().date():
        raise PayoutRefused(_("The payment date cannot be in the future."))
    balance = statement_for(vendor, period).balance
    if amount > balance and not allow_more_than_due:
        raise PayoutRefused(_("This is more than the balance due for the period. Tick the box to confirm it."))
    payout = VendorPayout(vendor_id=vendor.id, period_start=period.start, period_end=period.end, amount=amount,
                          paid_on=paid_on, reference=reference, note=note, recorded_by_id=getattr(actor, "id", None))
    db.session.add(payout)
    db.session.flush()
    record_change("payout.recorded", payout, None, snapshot(payout, PAYOUT_FIELDS), actor=actor)
    return payout


def recorded_payouts(filters: dict[str, str]):
    """SELECT of payouts (vendors loaded) by vendor, payment dates and reference text."""
    query = (select(VendorPayout).join(Vendor, Vendor.id == VendorPayout.vendor_id)
             .options(contains_eager(VendorPayout.vendor)))
    if "vendor" in filters:
        query = query.where(VendorPayout.vendor_id == int(filters["vendor"]))
    if (start := parse_day(filters.get("from"))) is not None:
        query = query.where(VendorPayout.paid_on >= start)
    if (end := parse_day(filters.get("to"))) is not None:
        query = query.where(VendorPayout.paid_on <= end)
    if "q" in filters:
        pattern = "%" + filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(VendorPayout.reference.ilike(pattern) | VendorPayout.note.ilike(pattern))
    return query


PAYOUT_SORT_COLUMNS = {
    "paid_on": VendorPayout.paid_on,
    "amount": VendorPayout.amount,
    "vendor": Vendor.name_en,
    "period": VendorPayout.period_start,
}
