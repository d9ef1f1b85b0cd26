"""The back office's dashboard: the figures of a period of UAE days against the period before, the best
sellers, the daily series, and what nonsense in the URL does (nothing worse than the default period)."""
import re
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import event, update

from app.accounts.models import User
from app.admin.metrics import Period, choose_period, compare_figures, daily_sales, preset_period, top_sellers
from app.admin.models import StoreTrafficDay
from app.admin.traffic import UAE_TIME, record_visit, uae_day
from app.orders.models import Order
from app.payments.models import Refund
from app.payments.refunds import refund_order
from app.payments.services import record_cod_collection
from tests.backoffice import sign_in_as, text_of
from tests.shop import Shop, make_bag, place

TODAY = uae_day()


def uae(day: date, hour: int = 12, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), UAE_TIME)


def days_ago(days: int) -> date:
    return TODAY - timedelta(days=days)


class Sales:
    """Orders placed through the checkout's service (cash on delivery), then dated and moved as a test needs."""

    def __init__(self, app, db):
        self.app, self.db, self.shop = app, db, Shop(app, db)
        # AED 450 and AED 200: free delivery, plus the AED 10 cash-on-delivery fee.
        self.oud = self.shop.offer(price="450", stock=100, vendor="souq-a", brand="ajmal", name_en="Royal Oud",
                                   name_ar="العود الملكي")
        self.rose = self.shop.offer(price="200", stock=100, vendor="souq-b", brand="maison-x", name_en="Rose Noir",
                                    name_ar="الورد الأسود")

    def order(self, placed_at: datetime, made=None, quantity: int = 1, status: str | None = None) -> int:
        cart = make_bag(self.app, (made or self.oud, quantity))
        order_id = place(self.app, cart, payment_method="cod")
        with self.app.app_context():
            values = {"created_at": placed_at} | ({"status": status} if status else {})
            self.db.session.execute(update(Order).where(Order.id == order_id).values(**values))
            self.db.session.commit()
        return order_id

    def refund(self, order_id: int, amount: str, made_at: datetime) -> None:
        with self.app.test_request_context():
            order = self.db.session.get(Order, order_id)
            record_cod_collection(order)
            refund = refund_order(order, Decimal(amount), reason="Broken bottle")
            refund.created_at = made_at
            self.db.session.commit()


@pytest.fixture
def sales(app, db, redis_client):
    return Sales(app, db)


@pytest.fixture
def admin_client(client, create_user):
    sign_in_as(client, create_user(email="aisha@example.com", roles=("admin",)), second_factor=True)
    return client


def figures(app, period: Period):
    with app.test_request_context():
        return compare_figures(period, TODAY)


def card(response, key: str) -> str:
    html = response.get_data(as_text=True)
    block = re.search(rf'<li [^>]*id="figure-{key}"[^>]*>(.*?)</li>', html, re.S).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", block)).strip()


# Periods ----------------------------------------------------------------------------------------


def test_presets_are_uae_days_ending_today_and_months_are_calendar_months():
    today = date(2026, 3, 15)
    assert preset_period("7d", today) == Period(date(2026, 3, 9), today)
    assert preset_period("90d", today).days == 90
    assert preset_period("this_month", today) == Period(date(2026, 3, 1), today)
    assert preset_period("last_month", today) == Period(date(2026, 2, 1), date(2026, 2, 28))
    assert preset_period("last_month", date(2026, 1, 5)) == Period(date(2025, 12, 1), date(2025, 12, 31))
    assert Period(date(2026, 2, 1), date(2026, 2, 28)).previous() == Period(date(2026, 1, 4), date(2026, 1, 31))


def test_a_period_starts_and_ends_at_midnight_in_dubai():
    period = Period(date(2026, 3, 9), date(2026, 3, 15))
    assert period.starts_at.isoformat() == "2026-03-09T00:00:00+04:00"
    assert period.ends_at.isoformat() == "2026-03-16T00:00:00+04:00"


@pytest.mark.parametrize("args, error", [
    ({"period": "custom", "from": "2026-03-10", "to": "2026-03-01"}, "must start before it ends"),
    ({"period": "custom", "from": "2026-02-30", "to": "2026-03-01"}, "as dates"),
    ({"period": "custom", "from": "", "to": "2026-03-01"}, "as dates"),
    ({"period": "custom", "from": "2026-03-01", "to": "2026-03-16"}, "cannot end after today"),
    ({"period": "custom", "from": "2019-12-31", "to": "2020-01-02"}, "before 2020"),
    ({"period": "custom", "from": "2024-01-01", "to": "2026-03-01"}, "at most 366 days"),
])
def test_custom_dates_that_cannot_be_a_period_say_why_and_fall_back_to_30_days(app, args, error):
    with app.test_request_context():
        choice = choose_period(args, date(2026, 3, 15))
        assert error in choice.error
        assert choice.period == preset_period("30d", date(2026, 3, 15))
        assert (choice.raw_from, choice.raw_to) == (args["from"], args["to"])


def test_an_unknown_period_is_the_last_30_days_without_complaint(app):
    with app.test_request_context():
        choice = choose_period({"period": "fortnight"}, date(2026, 3, 15))
    assert (choice.key, choice.error, choice.period.days) == ("30d", None, 30)


def test_custom_chosen_before_its_dates_shows_30_days_and_waits_for_them(app):
    with app.test_request_context():
        choice = choose_period({"period": "custom", "from": "", "to": ""}, date(2026, 3, 15))
    assert (choice.key, choice.error, choice.period.days) == ("custom", None, 30)


# Figures ----------------------------------------------------------------------------------------


def test_sales_count_in_the_uae_day_they_were_placed_and_compare_with_the_week_before(app, db, sales):
    first = days_ago(6)
    sales.order(uae(first, 0, 0))  # the first minute of the period, in Dubai (20:00 UTC the day before)
    sales.order(uae(days_ago(1)), quantity=2)  # AED 900 + 10
    sales.order(uae(TODAY, 0, 1), made=sales.rose)  # AED 200 + 10
    sales.order(uae(days_ago(2)), status="cancelled")  # not sales
    sales.order(uae(days_ago(2)), status="pending_payment")
    sales.order(uae(days_ago(7), 23, 59))  # the previous period's last minute
    sales.order(uae(days_ago(13)), made=sales.rose)  # the previous period's first day
    sales.order(uae(days_ago(14), 23, 59))  # before both

    comparison = figures(app, preset_period("7d", TODAY))
    assert (comparison.current.orders, comparison.current.gmv) == (3, Decimal("1580.00"))
    assert comparison.current.average_order_value == Decimal("526.67")
    assert (comparison.previous.orders, comparison.previous.gmv) == (2, Decimal("670.00"))
    assert comparison.change("orders") == pytest.approx(0.5)
    assert comparison.change("gmv") == pytest.approx(1580 / 670 - 1)


def test_the_page_shows_the_figures_their_change_and_how_they_are_counted(app, admin_client, sales):
    sales.order(uae(days_ago(1)))
    sales.order(uae(days_ago(8)), made=sales.rose)
    page = admin_client.get("/admin?period=7d")
    assert page.status_code == 200
    assert "AED 460.00" in card(page, "gmv") and "+119% on the previous period (AED 210.00)" in card(page, "gmv")
    assert card(page, "orders").startswith("Orders 1 ")
    assert "not cancelled" in text_of(page) and "Asia/Dubai" in text_of(page)
    assert "0 vendor applications to review" in text_of(page) and "products to approve" in text_of(page)


def test_new_customers_are_customer_accounts_created_in_the_period(app, db, create_user):
    created = [create_user(email=f"c{n}@example.com") for n in range(3)]
    create_user(email="admin9@example.com", roles=("admin",))
    with app.app_context():
        db.session.execute(update(User).where(User.id == created[2].id).values(created_at=uae(days_ago(9))))
        db.session.commit()
    comparison = figures(app, preset_period("7d", TODAY))
    assert (comparison.current.new_customers, comparison.previous.new_customers) == (2, 1)


def test_conversion_divides_orders_by_the_saved_days_visitors_and_todays_count_in_redis(app, db, sales):
    sales.order(uae(days_ago(1)))
    sales.order(uae(days_ago(2)))
    sales.order(uae(TODAY, 0, 5))
    with app.app_context():
        db.session.add_all([StoreTrafficDay(day=days_ago(1), visitors=40, product_views=90),
                            StoreTrafficDay(day=days_ago(2), visitors=56, product_views=100),
                            StoreTrafficDay(day=days_ago(9), visitors=500, product_views=0),
                            StoreTrafficDay(day=TODAY, visitors=1, product_views=1)])  # an earlier copy
        db.session.commit()
    with app.test_request_context():
        for visitor in ("a", "b", "c", "d"):
            record_visit(visitor, product_page=False, day=TODAY)
    comparison = figures(app, preset_period("7d", TODAY))
    assert comparison.current.visitors == 100
    assert comparison.current.conversion == pytest.approx(0.03)
    assert comparison.previous.visitors == 500 and comparison.previous.conversion == 0


def test_refunds_count_on_the_day_they_were_made(app, db, sales):
    old_order = sales.order(uae(days_ago(20)))
    sales.refund(old_order, "100.00", uae(days_ago(3)))
    sales.refund(sales.order(uae(days_ago(10))), "460.00", uae(days_ago(9)))
    comparison = figures(app, preset_period("7d", TODAY))
    assert (comparison.current.refunds, comparison.current.refund_count) == (Decimal("100.00"), 1)
    assert (comparison.previous.refunds, comparison.previous.refund_count) == (Decimal("460.00"), 1)
    with app.app_context():
        assert db.session.query(Refund).count() == 2


def test_best_sellers_rank_products_brands_and_vendors_by_item_sales_with_their_share(app, sales):
    sales.order(uae(days_ago(1)), quantity=2)  # Royal Oud: AED 900
    sales.order(uae(days_ago(2)), made=sales.rose)  # Rose Noir: AED 400 in all
    sales.order(uae(days_ago(3)), made=sales.rose)
    sales.order(uae(days_ago(3)), made=sales.rose, quantity=3, status="cancelled")
    with app.test_request_context():
        period = preset_period("7d", TODAY)
        sellers = top_sellers(period)
        only_the_best = top_sellers(period, limit=1)
    assert [len(best) for best in only_the_best.values()] == [1, 1, 1]
    assert only_the_best["brands"][0].key == "Ajmal" and only_the_best["vendors"][0].key == str(sales.oud.vendor_id)
    products, brands, vendors = sellers["products"], sellers["brands"], sellers["vendors"]
    assert [(seller.name("en"), seller.sales, seller.units) for seller in products] == [
        ("Royal Oud", Decimal("900.00"), 2), ("Rose Noir", Decimal("400.00"), 2)]
    assert [seller.share for seller in products] == pytest.approx([900 / 1300, 400 / 1300])
    assert [seller.name("ar") for seller in brands] == ["أجمل", "ميزون إكس"]
    assert [seller.vendor_id for seller in vendors] == [sales.oud.vendor_id, sales.rose.vendor_id]


def test_the_daily_series_has_every_day_of_the_period_with_zeros_for_quiet_days(app, sales):
    sales.order(uae(days_ago(2), 23, 30))
    sales.order(uae(days_ago(2), 0, 10), made=sales.rose)
    with app.test_request_context():
        days = daily_sales(preset_period("7d", TODAY))
    assert [day.day for day in days] == [days_ago(offset) for offset in range(6, -1, -1)]
    assert (days[4].orders, days[4].gmv) == (2, Decimal("670.00"))
    assert sum(day.orders for day in days) == 2


def test_the_page_draws_both_charts_and_the_numbers_behind_them(admin_client, sales):
    sales.order(uae(days_ago(1)))
    html = admin_client.get("/admin?period=7d").get_data(as_text=True)
    assert html.count('role="img"') == 2 and "GMV per day (AED)" in html and "Orders per day" in html
    assert html.count("<rect x=") == 7  # one bar a day
    table = re.search(r'class="dashboard-chart__data".*?</details>', html, re.S).group(0)
    assert table.count('<th scope="row">') == 7 and "AED\u00a0460.00" in table
    assert not re.search(r'\sstyle="', html)


def test_the_page_in_arabic_runs_its_charts_from_the_right(admin_client, sales):
    sales.order(uae(days_ago(1)))
    admin_client.set_cookie("lang", "ar")
    html = admin_client.get("/admin?period=7d").get_data(as_text=True)
    assert 'dir="rtl"' in html and html.count('direction="rtl"') == 2
    bars = [float(x) for x in re.findall(r'<rect x="([\d.]+)"', html)]
    assert bars == sorted(bars, reverse=True)
    assert "إجمالي قيمة المبيعات" in html


def test_an_empty_period_shows_zeros_and_says_so(admin_client, sales):
    sales.order(uae(days_ago(1)))
    page = admin_client.get("/admin?period=custom&from=2021-01-01&to=2021-01-31")
    assert page.status_code == 200
    assert card(page, "gmv").startswith("GMV AED 0.00") and card(page, "orders").startswith("Orders 0")
    assert card(page, "conversion").startswith("Conversion —")
    assert text_of(page).count("No sales in this period.") == 3
    assert "Sales from 1 Jan 2021 to 31 Jan 2021" in text_of(page)


@pytest.mark.parametrize("query", [
    "period=custom&from=2026-99-01&to=x", "period=custom&from=<script>&to=1", "period=%00", "from=2026-01-01",
    "period=custom&from=2000-01-01&to=2099-01-01", "period=custom&from=" + "9" * 500,
])
def test_nonsense_in_the_url_never_costs_the_page(admin_client, query):
    page = admin_client.get("/admin?" + query)
    assert page.status_code == 200
    assert "Last 30 days" in text_of(page) and "<script>" not in page.get_data(as_text=True)


def test_bad_custom_dates_come_back_with_the_reason_and_the_dates_kept(admin_client):
    page = admin_client.get("/admin?period=custom&from=2026-03-10&to=2026-03-01", headers={"HX-Request": "true"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "<html" not in html and html.lstrip().startswith('<div id="dashboard-report"')
    assert "The custom period must start before it ends. Showing the last 30 days instead." in text_of(page)
    assert 'value="2026-03-10"' in html and 'value="2026-03-01"' in html and 'aria-invalid="true"' in html
    assert "HX-Request" in page.headers["Vary"]


def test_the_dashboard_asks_the_database_the_same_few_queries_however_many_orders(app, db, admin_client, sales):
    def queries_for_page() -> int:
        statements = []
        with app.app_context():
            engine = db.engine  # the test's connection, inside its rolled-back transaction
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        event.listen(engine, "before_cursor_execute", listener)
        try:
            assert admin_client.get("/admin?period=30d").status_code == 200
        finally:
            event.remove(engine, "before_cursor_execute", listener)
        return len(statements)

    sales.order(uae(days_ago(1)))
    few = queries_for_page()
    for offset in range(2, 12):
        sales.order(uae(days_ago(offset)), made=sales.rose if offset % 2 else sales.oud)
    assert queries_for_page() == few
