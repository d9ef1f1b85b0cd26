"""The payouts statement, worked out by hand: sales when shipped, refunds (a part's own, and whole orders'
shared by the parts' totals), commission, payouts and the balance; recording a payout in the back office,
its refusals and its CSV."""
from __future__ import annotations

import csv
import io
from datetime import date, datetime
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from app.audit.models import AuditEntry
from app.extensions import db as database
from app.orders.models import Order, SubOrder
from app.orders.pricing import UAE_TIME
from app.payments.models import Payment, Refund
from app.vendors.models import Vendor, VendorPayout
from app.vendors.payouts import Period, period_from_args, split_pro_rata, statement_for
from tests.backoffice import post_form, sign_in_as, text_of
from tests.shop import Shop, make_bag, place

NOVEMBER = Period.month(2026, 11)


def uae(day: int, hour: int = 12, month: int = 11, minute: int = 0) -> datetime:
    return datetime(2026, month, day, hour, minute, tzinfo=UAE_TIME)


class Ledger:
    """Orders placed for real, then shipped and refunded on the dates a test needs."""

    def __init__(self, app, db):
        self.app, self.shop = app, Shop(app, db)
        self.oud = self.shop.offer(price="450", stock=50, vendor="souq-a")
        self.amber = self.shop.offer(price="200", stock=50, vendor="souq-b", name_en="Amber Night")
        self.refunds = 0

    def order(self, *lines) -> int:
        return place(self.app, make_bag(self.app, *lines), payment_method="cod")

    def part(self, order_id: int, vendor: str = "souq-a") -> int:
        with self.app.app_context():
            return database.session.scalar(select(SubOrder.id).where(
                SubOrder.order_id == order_id, SubOrder.vendor_id == self.shop.vendor_ids[vendor]))

    def ship(self, order_id: int, when: datetime, vendor: str = "souq-a") -> None:
        with self.app.app_context():
            database.session.execute(update(SubOrder).where(SubOrder.id == self.part(order_id, vendor))
                                     .values(status="shipped", shipped_at=when, carrier="aramex",
                                             tracking_number="AWB123456"))
            database.session.commit()

    def refund(self, order_id: int, amount: str, when: datetime, vendor: str | None = None) -> None:
        """A refund of `amount` on the order (of one shop's part when `vendor` is given), paid in cash."""
        with self.app.app_context():
            order = database.session.get(Order, order_id)
            payment = database.session.scalar(select(Payment).where(Payment.order_id == order_id))
            if payment is None:
                payment = Payment(order_id=order_id, provider="cod", amount=order.grand_total, status="succeeded",
                                  idempotency_key=f"{order.number}-cod-1")
                database.session.add(payment)
                database.session.flush()
            self.refunds += 1
            database.session.add(Refund(order_id=order_id, payment_id=payment.id, amount=Decimal(amount),
                                        sub_order_id=self.part(order_id, vendor) if vendor else None,
                                        idempotency_key=f"{order.number}-refund-{self.refunds}", created_at=when))
            database.session.commit()

    def grand_total(self, order_id: int) -> Decimal:
        with self.app.app_context():
            return database.session.get(Order, order_id).grand_total

    def statement(self, vendor: str, period: Period = NOVEMBER):
        with self.app.app_context():
            return statement_for(database.session.get(Vendor, self.shop.vendor_ids[vendor]), period)

    def pay(self, vendor: str, amount: str, start: date, end: date) -> None:
        with self.app.app_context():
            database.session.add(VendorPayout(vendor_id=self.shop.vendor_ids[vendor], period_start=start,
                                              period_end=end, amount=Decimal(amount), paid_on=end,
                                              reference="FT-OLD"))
            database.session.commit()


@pytest.fixture
def ledger(app, db, redis_client):
    return Ledger(app, db)


@pytest.fixture
def november(ledger):
    """The month worked out by hand in the tests below (souq-a at 15 %, souq-b at 15 %).

    A: souq-a 2 × 450, shipped 5 Nov                                       sale 900.00
    B: souq-a 450 + souq-b 200, both shipped 10 Nov; 12 Nov a refund of 100.00 of the whole order:
       souq-a 100 × 450/650 = 69.2307… → 69.23, souq-b the remainder 30.77      sale 450.00, refund 69.23
    C: souq-a 450 shipped 28 Oct; 2 Nov a refund of 50.00 of its part               (October), refund 50.00
    D: souq-a 450, never shipped; 3 Nov refunded in full                            nothing
    E: souq-a 450 (+ 10.00 COD fee) shipped 20 Nov; 21 Nov the whole 460.00 refunded: the goods' 450.00 are
       souq-a's, the fee AromaSouQ's                                                sale 450.00, refund 450.00
    F: souq-a 450; 30 Oct a refund of 20.00 of its part before it shipped on 1 Nov: counts in November
                                                                                    sale 450.00, refund 20.00
    souq-a: sales 2250.00, refunds 589.23, commission 15 % × 1660.77 = 249.1155 → 249.12, net 1411.65.
    souq-b: sales 200.00, refunds 30.77, commission 15 % × 169.23 = 25.3845 → 25.38, net 143.85.
    """
    a = ledger.order((ledger.oud, 2))
    ledger.ship(a, uae(5))
    b = ledger.order((ledger.oud, 1), (ledger.amber, 1))
    ledger.ship(b, uae(10))
    ledger.ship(b, uae(10), vendor="souq-b")
    ledger.refund(b, "100.00", uae(12))
    c = ledger.order((ledger.oud, 1))
    ledger.ship(c, uae(28, month=10))
    ledger.refund(c, "50.00", uae(2), vendor="souq-a")
    d = ledger.order((ledger.oud, 1))
    ledger.refund(d, "460.00", uae(3))
    e = ledger.order((ledger.oud, 1))
    assert ledger.grand_total(e) == Decimal("460.00")
    ledger.ship(e, uae(20))
    ledger.refund(e, "460.00", uae(21))
    f = ledger.order((ledger.oud, 1))
    ledger.refund(f, "20.00", uae(30, month=10), vendor="souq-a")
    ledger.ship(f, uae(1, hour=9))
    return ledger


def test_the_statement_adds_up_by_hand(november):
    mine = november.statement("souq-a")
    assert (mine.sales_count, mine.gross, mine.refunds) == (4, Decimal("2250.00"), Decimal("589.23"))
    assert (mine.commission, mine.net_due, mine.paid, mine.balance) == (
        Decimal("249.12"), Decimal("1411.65"), Decimal("0.00"), Decimal("1411.65"))
    theirs = november.statement("souq-b")
    assert (theirs.gross, theirs.refunds, theirs.commission, theirs.net_due) == (
        Decimal("200.00"), Decimal("30.77"), Decimal("25.38"), Decimal("143.85"))


def test_october_holds_only_octobers_sale(november):
    october = november.statement("souq-a", Period.month(2026, 10))
    assert (october.sales_count, october.gross, october.refunds) == (1, Decimal("450.00"), Decimal("0.00"))
    assert october.commission == Decimal("67.50") and october.net_due == Decimal("382.50")


def test_a_later_month_carries_nothing_of_november(november):
    december = november.statement("souq-a", Period.month(2026, 12))
    assert (december.sales_count, december.gross, december.refunds, december.net_due) == (
        0, Decimal("0.00"), Decimal("0.00"), Decimal("0.00"))


def test_payouts_inside_the_period_are_subtracted(november):
    november.pay("souq-a", "1000.00", date(2026, 11, 1), date(2026, 11, 15))
    november.pay("souq-a", "382.50", date(2026, 10, 1), date(2026, 10, 31))  # October's: not this month's
    mine = november.statement("souq-a")
    assert (mine.paid, mine.balance) == (Decimal("1000.00"), Decimal("411.65"))


def test_a_sale_counts_by_the_day_in_the_uae(ledger):
    late = ledger.order((ledger.oud, 1))
    ledger.ship(late, uae(30, hour=23, minute=30))  # 19:30 UTC, still November in Dubai
    later = ledger.order((ledger.oud, 1))
    ledger.ship(later, uae(1, hour=0, minute=30, month=12))  # 20:30 UTC on 30 Nov, but December in Dubai
    assert ledger.statement("souq-a").gross == Decimal("450.00")
    assert ledger.statement("souq-a", Period.month(2026, 12)).gross == Decimal("450.00")


@pytest.mark.parametrize("amount, weights, parts", [
    ("100.00", ["450", "200"], ["69.23", "30.77"]),
    ("100.00", ["1", "1", "1"], ["33.33", "33.33", "33.34"]),
    ("0.05", ["1", "1"], ["0.03", "0.02"]),  # half a fils rounds up, the remainder follows
    ("10.00", ["0", "0"], ["0.00", "10.00"]),
])
def test_sharing_pro_rata_to_the_fils(amount, weights, parts):
    shared = split_pro_rata(Decimal(amount), [Decimal(weight) for weight in weights])
    assert shared == [Decimal(part) for part in parts] and sum(shared) == Decimal(amount)


@pytest.mark.parametrize("args, period", [
    ({}, Period.month(2026, 11)),
    ({"month": "2026-02"}, Period(date(2026, 2, 1), date(2026, 2, 28))),
    ({"from": "2026-11-03", "to": "2026-11-09"}, Period(date(2026, 11, 3), date(2026, 11, 9))),
    ({"from": "2026-11-09", "to": "2026-11-03"}, Period.month(2026, 11)),  # backwards: this month
    ({"month": "2026-13"}, Period.month(2026, 11)),
    ({"month": "<script>", "from": "yesterday"}, Period.month(2026, 11)),
])
def test_the_period_from_the_url_never_raises(args, period):
    assert period_from_args(args, now=uae(25)) == period


def test_the_vendor_reads_its_statement_and_only_its_own(app, client, november, create_user):
    owner = create_user(email="hessa@example.com", roles=("customer", "vendor"))
    with app.app_context():
        database.session.execute(update(Vendor).where(Vendor.slug == "souq-a").values(owner_id=owner.id))
        database.session.commit()
    sign_in_as(client, owner)
    text = text_of(client.get("/vendor/payouts?month=2026-11")).replace("\xa0", "")
    for figure in ("AED 2,250.00", "AED 589.23", "AED 249.12", "AED 1,411.65"):
        assert figure in text
    assert "AED 30.77" not in text and "AED 143.85" not in text  # souq-b's share and net are not shown
    assert "A sale counts in the period you handed its parcel to the carrier" in text
    custom = text_of(client.get("/vendor/payouts?from=2026-11-01&to=2026-11-09")).replace("\xa0", "")
    assert "AED 1,350.00" in custom  # A and F only


# Recording a payout in the back office ---------------------------------------------------------------


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", roles=("admin",))


def record(client, ledger, **fields):
    data = {"vendor": str(ledger.shop.vendor_ids["souq-a"]), "period_start": "2026-11-01",
            "period_end": "2026-11-30", "amount": "1000.00", "paid_on": "2026-11-20", "reference": "FT26112001",
            "note": ""}
    data.update(fields)
    return post_form(client, "/admin/payouts/new", "/admin/payouts/new", **data)


def test_the_balances_page_lists_each_shop_with_a_link_to_pay(client, november, admin):
    sign_in_as(client, admin, second_factor=True)
    page = client.get("/admin/payouts?month=2026-11")
    text = text_of(page).replace("\xa0", "")
    assert "AED 1,411.65" in text and "AED 143.85" in text
    assert "vendor=" in page.get_data(as_text=True)
    form = client.get(f"/admin/payouts/new?vendor={november.shop.vendor_ids['souq-a']}&month=2026-11")
    assert 'value="1411.65"' in form.get_data(as_text=True)  # the balance, ready to record
    assert 'value="2026-11-01"' in form.get_data(as_text=True)


def test_recording_a_payout_is_saved_and_audited(app, client, november, admin):
    sign_in_as(client, admin, second_factor=True)
    response = record(client, november, amount="1,000.00", note="First half of November")
    assert response.status_code == 303
    with app.app_context():
        payout = database.session.scalar(select(VendorPayout))
        assert (payout.amount, payout.period_start, payout.reference, payout.recorded_by_id) == (
            Decimal("1000.00"), date(2026, 11, 1), "FT26112001", admin.id)
        entry = database.session.scalar(select(AuditEntry).where(AuditEntry.action == "payout.recorded"))
        assert entry.actor_id == admin.id and entry.after["amount"] == "1000.00"
    assert november.statement("souq-a").balance == Decimal("411.65")


@pytest.mark.parametrize("fields, problem", [
    ({"amount": "0"}, "Enter an amount above zero."),
    ({"amount": "-5"}, "Enter an amount above zero."),
    ({"amount": "12.345"}, "Enter the amount paid in dirhams"),
    ({"amount": "lots"}, "Enter the amount paid in dirhams"),
    ({"amount": "1411.66"}, "more than the balance due"),
    ({"period_end": "2026-10-01"}, "The period must end on or after the day it starts."),
    ({"paid_on": "2031-01-01"}, "The payment date cannot be in the future."),
    ({"reference": ""}, "Enter the bank transfer’s reference."),
    ({"vendor": "0"}, "Choose the vendor that was paid."),
    ({"vendor": "999999"}, "Not a valid choice"),
    ({"period_start": "yesterday"}, "Not a valid date value."),
])
def test_a_bad_payout_comes_back_with_its_error_and_input(app, client, november, admin, fields, problem):
    sign_in_as(client, admin, second_factor=True)
    response = record(client, november, **{"reference": "FT-KEEP-ME", **fields})
    assert response.status_code == 422
    assert problem in text_of(response)
    if "reference" not in fields:
        assert 'value="FT-KEEP-ME"' in response.get_data(as_text=True)  # the input is kept
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(VendorPayout)) == 0


def test_more_than_due_needs_the_confirmation(app, client, november, admin):
    sign_in_as(client, admin, second_factor=True)
    assert record(client, november, amount="1500.00").status_code == 422
    assert record(client, november, amount="1500.00", more_than_due="y").status_code == 303
    assert november.statement("souq-a").balance == Decimal("-88.35")


def test_the_payouts_recorded_filter_and_export_as_csv(app, client, november, admin):
    november.pay("souq-a", "382.50", date(2026, 10, 1), date(2026, 10, 31))
    november.pay("souq-b", "143.85", date(2026, 11, 1), date(2026, 11, 30))
    sign_in_as(client, admin, second_factor=True)
    record(client, november, reference="=HYPERLINK(1)")
    listed = text_of(client.get(f"/admin/payouts/recorded?vendor={november.shop.vendor_ids['souq-b']}"))
    assert "1 payout" in listed and "143.85" in listed
    assert "3 payouts" in text_of(client.get("/admin/payouts/recorded?vendor=nonsense&sort=evil"))
    assert "1 payout" in text_of(client.get("/admin/payouts/recorded?q=hyperlink"))
    export = client.get("/admin/payouts.csv?sort=amount&from=2026-11-01")
    assert export.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(export.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "vendor_id", "vendor_en"]
    assert [row[6] for row in rows[1:]] == ["143.85", "1000.00"]
    assert rows[2][8] == "'=HYPERLINK(1)"  # stays text in a spreadsheet
