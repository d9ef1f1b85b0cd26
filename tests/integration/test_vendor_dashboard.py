"""The vendor's dashboard: sales and orders of the last 30 days (only its own sub-orders, neither cancelled
nor waiting for a card payment), a sparkline by day that runs in the reading direction, the sub-orders
waiting to be shipped with links to them, the offers running low, the shop's status and commission;
the same few queries whatever the shop's size."""
import re
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select, update

from app.orders.models import Order, SubOrder
from app.vendors.dashboard import SalesDay, SalesPeriod, sparkline
from tests.backoffice import sign_in_as, text_of
from tests.offers import count_queries, offer_world, set_vendor_status  # noqa: F401  (fixture)
from tests.shop import make_bag, place


def sub_order_of(app, db, order_id: int, vendor_id: int) -> int:
    with app.app_context():
        return db.session.scalar(select(SubOrder.id).where(SubOrder.order_id == order_id,
                                                           SubOrder.vendor_id == vendor_id))


def change_sub_order(app, db, sub_order_id: int, **values) -> None:
    with app.app_context():
        db.session.execute(update(SubOrder).where(SubOrder.id == sub_order_id).values(**values))
        db.session.commit()


def order_of(app, offer_id: int, quantity: int = 1, payment_method: str = "cod") -> int:
    """An order of one of the shop's offers, placed through the checkout service (cash on delivery: confirmed)."""
    made = type("Made", (), {"offer_id": offer_id})
    return place(app, make_bag(app, (made, quantity)), payment_method=payment_method)


def test_the_dashboard_sums_the_shops_sales_of_30_days_and_lists_what_to_do(app, db, client, offer_world):
    musk = offer_world.shop.offer(price="120", stock=30, name_en="Rose Water", name_ar="ماء الورد", vendor="souq-a")
    own = offer_world.own_vendor
    today = [order_of(app, musk.offer_id, 2), order_of(app, offer_world.royal_oud)]
    unpaid = order_of(app, musk.offer_id, payment_method="card")
    cancelled = order_of(app, musk.offer_id)
    old = order_of(app, musk.offer_id)
    others = order_of(app, offer_world.others_offer)
    shipped = order_of(app, musk.offer_id, 3)
    change_sub_order(app, db, sub_order_of(app, db, cancelled, own), status="cancelled")
    change_sub_order(app, db, sub_order_of(app, db, old, own), status="delivered",
                     created_at=datetime.now(timezone.utc) - timedelta(days=40))
    change_sub_order(app, db, sub_order_of(app, db, shipped, own), status="shipped")
    processing = sub_order_of(app, db, today[1], own)
    change_sub_order(app, db, processing, status="processing")
    with app.app_context():
        numbers = dict(db.session.execute(select(Order.id, Order.number)).all())

    sign_in_as(client, offer_world.users["vendor"])
    page = client.get("/vendor")
    html, text = page.get_data(as_text=True), text_of(page)
    # 240 + 450 + 360 (shipped still counts); not the unpaid card order, the cancelled one, the old one, souq-b's
    assert "AED 1,050.00" in text and re.search(r"Orders\s*</dt>\s*<dd[^>]*>3<", html)
    assert "2 orders wait for you, oldest first." in text
    assert f"/vendor/orders/{processing}" in html and numbers[today[1]] in text and numbers[today[0]] in text
    for hidden in (unpaid, cancelled, old, others, shipped):
        assert numbers[hidden] not in text
    assert "Being prepared" in text and "Confirmed" in text
    assert html.count('class="sparkline__bar') == 30
    assert "Best day:" in text

    # Royal Oud had 5 and sold 1: 4 left; Amber Night is sold out; White Musk is paused (not listed)
    assert "2 offers for sale have 5 or fewer in stock." in text
    assert "4 left" in text and "Sold out" in text and "White Musk" not in text
    assert f"/vendor/offers/{offer_world.royal_oud}/edit" in html
    assert "Approved" in text and "15%" in text


def test_an_empty_shop_and_a_suspended_one(app, db, client, offer_world):
    set_vendor_status(app, db, offer_world.other_vendor, "suspended")
    sign_in_as(client, offer_world.users["other_vendor"])
    text = text_of(client.get("/vendor"))
    assert "AED 0.00" in text and "Nothing to ship." in text and "Your shop is suspended" in text
    assert "Every offer for sale has more than 5 in stock." in text


def test_the_dashboard_runs_the_same_queries_for_a_busy_shop(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    musk = offer_world.shop.offer(price="120", stock=200, name_en="Rose Water", name_ar="ماء الورد")
    order_of(app, musk.offer_id)
    client.get("/vendor")
    with count_queries(app) as quiet:
        assert client.get("/vendor").status_code == 200
    for number in range(8):
        order_of(app, musk.offer_id)
        offer_world.shop.offer(price="50", stock=1, name_en=f"Tiny {number}", name_ar="صغير")
    with count_queries(app) as busy:
        assert client.get("/vendor").status_code == 200
    assert busy[0] == quiet[0] <= 12


def test_the_sparkline_runs_in_the_reading_direction():
    first = date(2026, 11, 1)
    period = SalesPeriod([SalesDay(first + timedelta(days=n), Decimal(n * 10), n) for n in range(30)])
    english, arabic = sparkline(period, rtl=False), sparkline(period, rtl=True)
    assert english[0].x < english[-1].x and arabic[0].x > arabic[-1].x
    assert english[-1].height == arabic[-1].height == 60.0  # the best day fills the height
    assert english[0].height == 1.0  # a day without sales is a hairline
    assert period.sales == Decimal(4350) and period.orders == 435 and period.best_day.day == date(2026, 11, 30)
