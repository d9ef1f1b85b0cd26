"""The order's status machine: only the allowed transitions, each recorded with who and when; cancelling
before shipping returns the stock and the coupon; unpaid card orders are cancelled by the scheduled job."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError

from app.extensions import db as database
from app.orders.jobs import cancel_expired_card_orders
from app.orders.models import ORDER_STATUSES, ORDER_TRANSITIONS, CouponRedemption, Order
from app.orders.status import TransitionRefused, cancel_order, move_order
from tests.shop import add_coupon, make_bag, place, shop  # noqa: F401  (fixture and helpers)

ALLOWED = {(start, end) for start, ends in ORDER_TRANSITIONS.items() for end in ends}


PATHS = {  # how an order placed for card payment reaches each status
    "pending_payment": [],
    "confirmed": ["confirmed"],
    "processing": ["confirmed", "processing"],
    "shipped": ["confirmed", "processing", "shipped"],
    "delivered": ["confirmed", "processing", "shipped", "delivered"],
    "partially_refunded": ["confirmed", "partially_refunded"],
    "cancelled": ["cancelled"],
    "refunded": ["cancelled", "refunded"],
}


def order_in(app, shop, status: str, payment_method="card"):
    """An order of 2 (stock 5) placed for real, then moved along the allowed path to `status`."""
    oud = shop.offer(stock=5)
    order_id = place(app, make_bag(app, (oud, 2)), payment_method=payment_method)
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        for step in PATHS[status]:
            if step == order.status:
                continue  # cash on delivery starts confirmed
            cancel_order(order) if step == "cancelled" else move_order(order, step)
        database.session.commit()
    return order_id, oud


@pytest.mark.parametrize("start", ORDER_STATUSES)
def test_only_the_allowed_transitions_happen(app, shop, start):
    order_id, _offer = order_in(app, shop, start)
    for end in ORDER_STATUSES:
        with app.test_request_context():
            order = database.session.get(Order, order_id)
            if (start, end) in ALLOWED:
                move_order(order, end)
                assert order.status == end
            else:
                with pytest.raises(TransitionRefused):
                    move_order(order, end)
            database.session.rollback()  # back to `start` for the next target


def test_each_transition_is_recorded_with_who_and_when(app, shop, create_user):
    admin = create_user(email="admin.ops@example.com", roles=("admin",))
    order_id, _offer = order_in(app, shop, "confirmed", payment_method="cod")
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        move_order(order, "processing", admin, "packed")
        move_order(order, "shipped", note="handed to the courier")
        database.session.commit()
        events = [(event.from_status, event.to_status, event.actor, event.note) for event in order.events]
        assert events == [(None, "confirmed", "system", "placed"), ("confirmed", "processing", str(admin.id), "packed"),
                          ("processing", "shipped", "system", "handed to the courier")]
        assert all(event.created_at is not None for event in order.events)
        assert {sub.status for sub in order.sub_orders} == {"shipped"}


@pytest.mark.parametrize("status", ["pending_payment", "confirmed", "processing"])
def test_cancelling_before_shipping_returns_the_stock_and_the_coupon(app, shop, status):
    add_coupon(app, code="TENOFF", per_customer_limit=1)
    oud = shop.offer(stock=5)
    order_id = place(app, make_bag(app, (oud, 2)), coupon_code="TENOFF",
                     payment_method="card" if status == "pending_payment" else "cod")
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        if status == "processing":
            move_order(order, "processing")
        cancel_order(order, note="changed my mind")
        database.session.commit()
        assert order.status == "cancelled" and order.stock_returned_at is not None
        assert database.session.scalar(select(func.count()).select_from(CouponRedemption)) == 0
        with pytest.raises(TransitionRefused):
            cancel_order(order)  # a second cancel is refused and returns nothing
    assert shop.stock_of(oud.offer_id) == 5
    place(app, make_bag(app, (oud, 1)), coupon_code="TENOFF")  # the coupon can be used again


@pytest.mark.parametrize("status", ["shipped", "delivered"])
def test_shipped_orders_cannot_be_cancelled(app, shop, status):
    order_id, oud = order_in(app, shop, status)
    with app.test_request_context():
        with pytest.raises(TransitionRefused) as refused:
            cancel_order(database.session.get(Order, order_id))
        assert refused.value.message == "This order has shipped and can no longer be cancelled."
    assert shop.stock_of(oud.offer_id) == 3


def test_the_job_cancels_card_orders_left_unpaid_and_returns_their_stock(app, shop, monkeypatch):
    monkeypatch.setitem(app.config, "CARD_PAYMENT_TIMEOUT_MINUTES", 30)
    stale_card, stale_offer = order_in(app, shop, "pending_payment")
    fresh_card, fresh_offer = order_in(app, shop, "pending_payment")
    cash, cash_offer = order_in(app, shop, "confirmed", payment_method="cod")
    with app.app_context():
        long_ago = datetime.now(timezone.utc) - timedelta(minutes=31)
        database.session.execute(update(Order).where(Order.id.in_([stale_card, cash])).values(created_at=long_ago))
        database.session.commit()
        assert cancel_expired_card_orders() == 1
        assert cancel_expired_card_orders() == 0  # nothing left to do: stock is not returned twice
        statuses = dict(database.session.execute(select(Order.id, Order.status)).all())
    assert statuses == {stale_card: "cancelled", fresh_card: "pending_payment", cash: "confirmed"}
    assert shop.stock_of(stale_offer.offer_id) == 5
    assert shop.stock_of(fresh_offer.offer_id) == shop.stock_of(cash_offer.offer_id) == 3


def test_totals_in_the_database_always_add_up(app, shop):
    order_id, _offer = order_in(app, shop, "confirmed")
    with app.app_context():
        with pytest.raises(IntegrityError, match="total_adds_up"):
            database.session.execute(update(Order).where(Order.id == order_id).values(grand_total=Decimal("1")))
            database.session.flush()
        database.session.rollback()
