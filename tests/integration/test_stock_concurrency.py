"""Stock under contention: many buyers of the last units, each in its own thread with its own connection.
Exactly the stock is sold, it never goes below zero, every other buyer is told clearly; carts sharing
offers in opposite orders never deadlock; a cancelled order returns its stock once, however many cancel."""
from __future__ import annotations

import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from app.orders.models import Order
from app.orders.pricing import OrderRefused
from app.orders.status import TransitionRefused, cancel_order
from tests.shop import committed_shop, make_bag, place  # noqa: F401  (fixture and helpers)

BUYERS = 24


@pytest.fixture
def buyers_app(make_app):
    """The app with a connection pool large enough for every buyer at once."""
    return make_app(SQLALCHEMY_ENGINE_OPTIONS={"pool_size": BUYERS + 2, "max_overflow": 0})


def run_together(count: int, work) -> list:
    """Start `count` threads at the same moment; return what each returned or raised."""
    results = [None] * count
    start = threading.Barrier(count)

    def run(index):
        start.wait()
        try:
            results[index] = work(index)
        except Exception as error:  # collected: the test decides what is expected
            results[index] = error

    threads = [threading.Thread(target=run, args=(index,)) for index in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not any(thread.is_alive() for thread in threads), "a buyer is stuck"
    return results


def test_twenty_four_buyers_for_the_last_three_units(buyers_app, committed_shop, committed_db):
    last_units = committed_shop.offer(price="450", stock=3)
    carts = [make_bag(buyers_app, (last_units, 1)) for _ in range(BUYERS)]

    results = run_together(BUYERS, lambda index: place(buyers_app, carts[index], key=f"buyer-{index}"))

    orders = [result for result in results if isinstance(result, int)]
    refusals = [result for result in results if isinstance(result, OrderRefused)]
    assert len(orders) == 3 and len(refusals) == BUYERS - 3, Counter(type(result).__name__ for result in results)
    assert {refusal.reason for refusal in refusals} == {"out_of_stock"}
    assert all("has just sold out" in refusal.message for refusal in refusals)
    assert committed_shop.stock_of(last_units.offer_id) == 0
    with buyers_app.app_context():
        assert committed_db.session.scalar(select(func.count()).select_from(Order)) == 3


def test_carts_sharing_offers_in_opposite_orders_never_deadlock(buyers_app, committed_shop, committed_db):
    first = committed_shop.offer(stock=100)
    second = committed_shop.offer(stock=100, name_en="Taif Rose")
    pairs = 10
    carts = [make_bag(buyers_app, (first, 1), (second, 1)) if index % 2 else
             make_bag(buyers_app, (second, 1), (first, 1)) for index in range(2 * pairs)]

    results = run_together(2 * pairs, lambda index: place(buyers_app, carts[index], key=f"cart-{index}"))

    assert all(isinstance(result, int) for result in results), results
    assert committed_shop.stock_of(first.offer_id) == committed_shop.stock_of(second.offer_id) == 100 - 2 * pairs


def test_a_cancelled_order_returns_its_stock_once_however_many_cancel(buyers_app, committed_shop, committed_db):
    oud = committed_shop.offer(stock=5)
    order_id = place(buyers_app, make_bag(buyers_app, (oud, 2)), payment_method="cod")
    assert committed_shop.stock_of(oud.offer_id) == 3

    def cancel(_index):
        with buyers_app.test_request_context():
            try:
                cancel_order(committed_db.session.get(Order, order_id), note="changed my mind")
                committed_db.session.commit()
                return "cancelled"
            except TransitionRefused:
                committed_db.session.rollback()
                raise

    results = run_together(12, cancel)
    assert results.count("cancelled") == 1
    assert all(isinstance(result, TransitionRefused) for result in results if result != "cancelled")
    assert committed_shop.stock_of(oud.offer_id) == 5
