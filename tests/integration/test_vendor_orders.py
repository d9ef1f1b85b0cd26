"""The vendor's orders in the portal: its own sub-orders only, the list's filters, the detail, preparing and
shipping (with the rules that refuse), the customer told and shown the tracking number, the packing slip."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.extensions import db as database
from app.notifications.models import Notification
from app.orders.models import Order, OrderEvent, SubOrder
from app.orders.status import TransitionRefused, cancel_order, move_order, prepare_sub_order, ship_sub_order
from app.vendors.models import Vendor
from app.vendors.payouts import this_month
from tests.backoffice import post_form, sign_in_as, text_of
from tests.integration.test_stock_concurrency import run_together
from tests.shop import UAE_ADDRESS, Shop, committed_shop, make_bag, place  # noqa: F401  (fixture and helpers)

HTMX = {"HX-Request": "true"}


class Fulfilment:
    """Two shops (souq-a run by `vendor`, souq-b by `other`) and a customer; orders placed for real."""

    def __init__(self, app, db, create_user):
        self.app = app
        self.shop = Shop(app, db)
        self.customer = create_user(email="noor@example.com", full_name="Noor Haddad")
        self.vendor = create_user(email="hessa@example.com", roles=("customer", "vendor"))
        self.other = create_user(email="omar@example.com", roles=("customer", "vendor"))
        with app.app_context():
            for slug, owner in (("souq-a", self.vendor), ("souq-b", self.other)):
                database.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=owner.id))
            database.session.commit()
        self.oud = self.shop.offer(price="450", stock=20, vendor="souq-a", name_en="Royal Oud")
        self.amber = self.shop.offer(price="200", stock=20, vendor="souq-b", name_en="Amber Night",
                                     name_ar="ليلة العنبر")

    def order(self, payment_method="cod", both=True, **details) -> int:
        lines = [(self.oud, 2)] + ([(self.amber, 1)] if both else [])
        return place(self.app, make_bag(self.app, *lines, user_id=self.customer.id), payment_method=payment_method,
                     user_id=self.customer.id, **details)

    def parts(self, order_id: int) -> dict[str, int]:
        """{"mine": souq-a's sub-order id, "theirs": souq-b's} of an order."""
        with self.app.app_context():
            rows = database.session.execute(select(SubOrder.vendor_id, SubOrder.id).where(SubOrder.order_id == order_id))
            ids = dict(rows.all())
        return {"mine": ids.get(self.shop.vendor_ids["souq-a"]), "theirs": ids.get(self.shop.vendor_ids["souq-b"])}

    def get(self, model, id_):
        with self.app.app_context():
            row = database.session.get(model, id_)
            database.session.expunge_all()
            return row


@pytest.fixture
def world(app, db, redis_client, create_user):
    return Fulfilment(app, db, create_user)


def prepare(client, sub_order_id):
    return post_form(client, f"/vendor/orders/{sub_order_id}/processing", f"/vendor/orders/{sub_order_id}")


def ship(client, sub_order_id, carrier="aramex", tracking="AWB 4471 2290", **extra):
    return post_form(client, f"/vendor/orders/{sub_order_id}/shipped", f"/vendor/orders/{sub_order_id}",
                     carrier=carrier, tracking_number=tracking, **extra)


# The list ------------------------------------------------------------------------------------


def test_the_list_shows_only_the_vendors_own_parts(app, client, world):
    order_id = world.order()
    only_theirs = place(app, make_bag(app, (world.amber, 1)), payment_method="cod")
    sign_in_as(client, world.vendor)
    page = client.get("/vendor/orders")
    assert page.status_code == 200
    text = text_of(page)
    number = world.get(Order, order_id).number
    assert number in text and world.get(Order, only_theirs).number not in text
    assert "1 order" in text
    assert f'/vendor/orders/{world.parts(order_id)["mine"]}"' in page.get_data(as_text=True)


def test_the_list_filters_by_status_dates_and_search(app, client, world):
    first = world.order()
    second = world.order(contact_name="Salma Khan", address={**UAE_ADDRESS, "recipient_name": "Salma Khan"})
    with app.app_context():
        database.session.execute(update(Order).where(Order.id == first)
                                 .values(created_at=datetime(2026, 10, 3, 9, 0, tzinfo=timezone.utc)))
        database.session.commit()
    numbers = {order_id: world.get(Order, order_id).number for order_id in (first, second)}
    sign_in_as(client, world.vendor)
    prepare(client, world.parts(second)["mine"])

    def listed(query: str) -> set[int]:
        text = text_of(client.get(f"/vendor/orders?{query}"))
        return {order_id for order_id, number in numbers.items() if number in text}

    assert listed("") == {first, second}
    assert listed("status=processing") == {second}
    assert listed("status=confirmed") == {first}
    assert listed("from=2026-10-01&to=2026-10-31") == {first}
    assert listed("q=salma") == {second}
    assert listed(f"q={numbers[first][-6:]}") == {first}
    assert listed("status=nonsense&from=yesterday&sort=evil&page=-4") == {first, second}  # nonsense ignored


def test_the_list_sorts_pages_and_answers_htmx_with_the_table_only(app, client, world):
    ids = [world.order(both=False) for _ in range(3)]
    sign_in_as(client, world.vendor)
    whole = client.get("/vendor/orders?sort=placed").get_data(as_text=True)
    numbers = [world.get(Order, order_id).number for order_id in ids]
    assert whole.index(numbers[0]) < whole.index(numbers[2])
    fragment = client.get("/vendor/orders?sort=-placed", headers=HTMX)
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and 'id="order-table"' in body and body.index(numbers[2]) < body.index(numbers[0])
    assert "HX-Request" in fragment.headers["Vary"]


# Ownership ------------------------------------------------------------------------------------


def test_another_vendors_part_is_answered_404_everywhere(client, world):
    parts = world.parts(world.order())
    sign_in_as(client, world.vendor)
    theirs = parts["theirs"]
    assert client.get(f"/vendor/orders/{theirs}").status_code == 404
    assert client.get(f"/vendor/orders/{theirs}/packing-slip").status_code == 404
    assert prepare(client, theirs).status_code == 404
    assert ship(client, theirs).status_code == 404
    assert client.get("/vendor/orders/999999").status_code == 404
    assert world.get(SubOrder, theirs).status == "confirmed"


def test_the_detail_shows_only_the_vendors_lines_and_what_to_collect(client, world):
    parts = world.parts(world.order(gift_wrap=True, gift_message="Eid Mubarak, Sara"))
    sign_in_as(client, world.vendor)
    text = text_of(client.get(f"/vendor/orders/{parts['mine']}"))
    assert "Royal Oud" in text and "Amber Night" not in text
    assert "Noor Haddad" in text and "Villa 7" in text and "Standard delivery" in text
    assert "Cash on delivery, to collect" in text and "Eid Mubarak, Sara" in text
    # Items 900 + 200; delivery is free from AED 200 in Dubai, the COD fee is shared 900 : 200.
    order = world.get(Order, world.get(SubOrder, parts["mine"]).order_id)
    fees = order.delivery_fee + order.cod_fee
    mine = (fees * Decimal(900) / Decimal(1100)).quantize(Decimal("0.01"))
    assert f"AED {Decimal(900) + mine:,.2f}" in text


# Preparing and shipping ---------------------------------------------------------------------------


def test_preparing_then_shipping_moves_the_part_and_then_the_order(app, client, world):
    order_id = world.order()
    parts = world.parts(order_id)
    sign_in_as(client, world.vendor)
    assert prepare(client, parts["mine"]).status_code == 303
    assert world.get(SubOrder, parts["mine"]).status == "processing"
    assert world.get(Order, order_id).status == "confirmed"  # the other shop has not started
    response = ship(client, parts["mine"], carrier="dhl", tracking="jd01 4600 0012")
    assert response.status_code == 303
    shipped = world.get(SubOrder, parts["mine"])
    assert (shipped.status, shipped.carrier, shipped.tracking_number) == ("shipped", "dhl", "JD0146000012")
    assert shipped.shipped_at is not None
    assert world.get(Order, order_id).status == "confirmed"

    sign_in_as(client, world.other)
    prepare(client, parts["theirs"])
    assert world.get(Order, order_id).status == "processing"  # every part is at least being prepared
    ship(client, parts["theirs"], carrier="other", other_carrier="Speedy Souq Couriers", tracking="SSC-99812")
    assert world.get(Order, order_id).status == "shipped"
    assert world.get(SubOrder, parts["theirs"]).carrier == "Speedy Souq Couriers"
    with app.app_context():
        events = database.session.execute(select(OrderEvent.sub_order_id, OrderEvent.to_status, OrderEvent.actor_user_id)
                                          .where(OrderEvent.order_id == order_id).order_by(OrderEvent.id)).all()
        audited = database.session.scalars(select(AuditEntry.action).where(AuditEntry.subject_type == "sub_order")
                                           .order_by(AuditEntry.id)).all()
    assert events[1:] == [(parts["mine"], "processing", world.vendor.id), (parts["mine"], "shipped", world.vendor.id),
                          (parts["theirs"], "processing", world.other.id), (None, "processing", world.other.id),
                          (parts["theirs"], "shipped", world.other.id), (None, "shipped", world.other.id)]
    assert audited == ["sub_order.processing", "sub_order.shipped", "sub_order.processing", "sub_order.shipped"]


def test_shipping_tells_the_customer_and_shows_on_their_order_page(app, client, world):
    order_id = world.order()
    parts = world.parts(order_id)
    sign_in_as(client, world.vendor)
    prepare(client, parts["mine"])
    ship(client, parts["mine"], carrier="aramex", tracking="44712290331")
    with app.app_context():
        messages = database.session.scalars(select(Notification).where(Notification.kind == "order_shipped")).all()
        assert {message.channel for message in messages} == {"email", "in_app"}  # no mobile on this account: no SMS
        assert {message.user_id for message in messages} == {world.customer.id}
        assert messages[0].payload["carrier"]["en"] == "Aramex" and messages[0].payload["tracking_number"] == "44712290331"
    number = world.get(Order, order_id).number
    sign_in_as(client, world.customer)
    text = text_of(client.get(f"/account/orders/{number}"))
    assert "Shipped with Aramex, tracking number 44712290331" in text
    assert "On its way" in text


@pytest.mark.parametrize("carrier, tracking, other, problem", [
    ("", "AWB1234567", "", "Choose the carrier that has the parcel."),
    ("pigeon", "AWB1234567", "", "Choose the carrier that has the parcel."),
    ("aramex", "", "", "Enter the tracking number from the waybill."),
    ("aramex", "12/34", "", "A tracking number has 6 to 40 letters, digits or dashes"),
    ("aramex", "A1", "", "A tracking number has 6 to 40 letters, digits or dashes"),
    ("other", "AWB1234567", "", "Write the carrier’s name."),
])
def test_a_bad_shipping_form_comes_back_with_its_error_and_input(client, world, carrier, tracking, other, problem):
    parts = world.parts(world.order())
    sign_in_as(client, world.vendor)
    prepare(client, parts["mine"])
    response = ship(client, parts["mine"], carrier=carrier, tracking=tracking, other_carrier=other)
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert problem in text_of(response)
    if tracking:
        assert tracking.replace(" ", "").upper() in html
    assert world.get(SubOrder, parts["mine"]).status == "processing"


def test_the_status_rules_refuse_with_a_reason(app, client, world):
    parts = world.parts(world.order())
    sign_in_as(client, world.vendor)
    response = ship(client, parts["mine"])  # not prepared yet
    assert response.status_code == 303
    assert "cannot be changed that way" in text_of(client.get(response.headers["Location"]))
    prepare(client, parts["mine"])
    again = prepare(client, parts["mine"])
    assert "cannot be changed that way" in text_of(client.get(again.headers["Location"]))
    assert world.get(SubOrder, parts["mine"]).status == "processing"


def test_an_unpaid_card_order_cannot_be_prepared(app, client, world):
    order_id = world.order(payment_method="card")
    parts = world.parts(order_id)
    with app.app_context():  # confirmed by mistake without the payment: the rule still holds
        database.session.execute(update(SubOrder).where(SubOrder.order_id == order_id).values(status="confirmed"))
        database.session.execute(update(Order).where(Order.id == order_id).values(status="confirmed"))
        database.session.commit()
    sign_in_as(client, world.vendor)
    page = text_of(client.get(f"/vendor/orders/{parts['mine']}"))
    assert "Card, waiting for payment" in page
    response = prepare(client, parts["mine"])
    assert "not paid yet" in text_of(client.get(response.headers["Location"]))
    assert world.get(SubOrder, parts["mine"]).status == "confirmed"


def test_a_cancelled_order_cannot_be_shipped_and_a_shipped_part_stops_cancelling(app, client, world):
    order_id = world.order()
    parts = world.parts(order_id)
    sign_in_as(client, world.vendor)
    prepare(client, parts["mine"])
    with app.test_request_context():
        cancel_order(database.session.get(Order, order_id))
        database.session.commit()
    assert world.get(SubOrder, parts["mine"]).status == "cancelled"  # the part being prepared is cancelled too
    ship(client, parts["mine"])
    assert world.get(SubOrder, parts["mine"]).status == "cancelled"

    second = world.order()
    parts = world.parts(second)
    prepare(client, parts["mine"])
    ship(client, parts["mine"])
    with app.test_request_context():
        order = database.session.get(Order, second)
        assert not order.can_be_cancelled()
        with pytest.raises(TransitionRefused):
            cancel_order(order)
        database.session.rollback()


def test_an_admin_shipping_the_whole_order_dates_every_part(app, world):
    order_id = world.order()
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        move_order(order, "processing")
        move_order(order, "shipped")
        database.session.commit()
        assert all(part.shipped_at is not None for part in order.sub_orders)


# The packing slip -----------------------------------------------------------------------------------


def test_the_packing_slip_is_bilingual_with_the_gift_message_and_no_prices(client, world):
    parts = world.parts(world.order(gift_wrap=True, gift_message="For Sara, with love"))
    sign_in_as(client, world.vendor)
    response = client.get(f"/vendor/orders/{parts['mine']}/packing-slip")
    assert response.status_code == 200
    text = text_of(response)
    assert "Packing slip" in text and "Royal Oud" in text and "العود الملكي" in text
    assert "For Sara, with love" in text and "Amber Night" not in text
    assert "450" not in text  # the price of a gift never travels with it
    assert "Cash to collect on delivery" in text


# The demo -------------------------------------------------------------------------------------------------


def test_the_demo_vendor_has_parts_to_prepare_ship_and_a_payout(app, client, demo_data):
    with app.app_context():
        vendor_user = database.session.scalar(select(User).where(User.email == "vendor@example.com"))
        shop = database.session.scalar(select(Vendor).where(Vendor.owner_id == vendor_user.id))
        statuses = set(database.session.scalars(select(SubOrder.status).where(SubOrder.vendor_id == shop.id)))
        gift = database.session.scalar(
            select(SubOrder.id).join(Order, Order.id == SubOrder.order_id)
            .where(SubOrder.vendor_id == shop.id, SubOrder.status == "confirmed", Order.gift_message.is_not(None)))
        database.session.expunge_all()
    assert {"confirmed", "processing", "shipped", "delivered"} <= statuses
    sign_in_as(client, vendor_user)
    assert "Eid Mubarak, Mariam" in text_of(client.get(f"/vendor/orders/{gift}/packing-slip"))
    last_month = text_of(client.get(f"/vendor/payouts?month={this_month().previous_month().month_key}"))
    assert "Payouts received" in last_month and "No payout recorded for this period yet." not in last_month


# Two shops at once -----------------------------------------------------------------------------------------


def test_two_shops_shipping_at_the_same_moment_move_the_order_once(make_app, committed_shop, committed_db):
    """Each shop ships its part in its own thread and connection: the order row's lock makes the second
    see the first's part, so the order reaches "shipped" exactly once."""
    app = make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": 4, "max_overflow": 0})
    oud = committed_shop.offer(price="450", stock=5, vendor="souq-a")
    amber = committed_shop.offer(price="200", stock=5, vendor="souq-b", name_en="Amber Night")
    order_id = place(app, make_bag(app, (oud, 1), (amber, 1)), payment_method="cod")
    with app.test_request_context():
        parts = database.session.scalars(select(SubOrder).where(SubOrder.order_id == order_id)
                                         .order_by(SubOrder.id)).all()
        for part in parts:
            prepare_sub_order(part, None)
        database.session.commit()
        part_ids = [part.id for part in parts]

    def ship(index):
        with app.test_request_context():
            ship_sub_order(database.session.get(SubOrder, part_ids[index]), None, "aramex", f"AWB00000{index}")
            database.session.commit()

    assert run_together(2, ship) == [None, None]
    with app.app_context():
        assert database.session.get(Order, order_id).status == "shipped"
        order_events = database.session.scalars(select(OrderEvent.to_status).where(
            OrderEvent.order_id == order_id, OrderEvent.sub_order_id.is_(None))).all()
        assert order_events.count("shipped") == 1


# The tax invoice ---------------------------------------------------------------------------------------------


def test_the_tax_invoice_shows_each_sellers_own_trn(app, client, world):
    order_id = world.order()
    with app.app_context():
        database.session.execute(update(Vendor).where(Vendor.slug == "souq-a").values(trn="100123456700003"))
        database.session.commit()
    sign_in_as(client, world.customer)
    text = text_of(client.get(f"/account/orders/{world.get(Order, order_id).number}/invoice"))
    assert text.count("Seller’s TRN") == 1 and "100123456700003" in text  # souq-b gave none: no line for it
    assert "الرقم الضريبي للبائع" in text
