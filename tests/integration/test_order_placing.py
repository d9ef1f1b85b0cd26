"""Placing an order: totals and VAT, coupons and their reasons, delivery by zone, the COD limit, same-day
cut-off, the snapshot and split per vendor, refusals, and idempotency (also under concurrent calls)."""
from __future__ import annotations

import threading
from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.cart.models import CartLine
from app.catalog.models import Offer
from app.extensions import db as database
from app.orders.models import CouponRedemption, Order, OrderEvent
from app.orders.pricing import UAE_TIME, vat_included_in
from tests.shop import MORNING, UAE_ADDRESS, add_coupon, committed_shop, make_bag, place, refusal, shop  # noqa: F401  (fixtures and helpers)

EVENING = datetime(2026, 11, 25, 15, 0, tzinfo=UAE_TIME)  # after Dubai's same-day cut-off (14:00)


def test_an_order_totals_items_delivery_cod_and_the_vat_included(app, shop):
    small = shop.offer(price="120", stock=5)
    order_id = place(app, make_bag(app, (small, 1)), payment_method="cod")
    with app.app_context():
        order = database.session.get(Order, order_id)
        assert (order.items_total, order.discount_total, order.delivery_fee, order.cod_fee, order.grand_total) == (
            Decimal("120.00"), Decimal("0.00"), Decimal("15.00"), Decimal("10.00"), Decimal("145.00"))
        # 120 × 5/105 = 5.714 → 5.71; 15 → 0.714 → 0.71; 10 → 0.476 → 0.48: each rounded half up to the fils.
        assert order.vat_included == Decimal("6.90")
        assert order.status == "confirmed"  # cash on delivery is confirmed at once


def test_standard_delivery_is_free_from_the_zones_threshold_but_faster_options_are_not(app, shop):
    oud = shop.offer(price="250", stock=9)
    free = place(app, make_bag(app, (oud, 1)))
    next_day = place(app, make_bag(app, (oud, 1)), delivery_option="next-day")
    far = place(app, make_bag(app, (oud, 1)), address={**UAE_ADDRESS, "region": "fujairah"})
    with app.app_context():
        fees = {order_id: database.session.get(Order, order_id).delivery_fee for order_id in (free, next_day, far)}
    assert fees == {free: Decimal("0.00"), next_day: Decimal("25.00"), far: Decimal("25.00")}  # Fujairah: from 300


def test_vat_is_rounded_half_up_per_line_never_half_to_even(app):
    assert vat_included_in(Decimal("10.50")) == Decimal("0.50")
    assert vat_included_in(Decimal("0.21")) == Decimal("0.01")  # 0.01 exactly
    assert vat_included_in(Decimal("52.50")) == Decimal("2.50")
    assert vat_included_in(Decimal("1.05")) == Decimal("0.05")
    assert vat_included_in(Decimal("0.63")) == Decimal("0.03")  # 0.03 exactly
    assert vat_included_in(Decimal("0.525")) == Decimal("0.03")  # 0.025 → 0.03 (half to even would say 0.02)


def test_the_order_keeps_a_snapshot_split_per_vendor(app, shop, customer):
    oud = shop.offer(price="450", stock=5)
    rose = shop.offer(price="99.50", stock=5, vendor="souq-b", name_en="Taif Rose", name_ar="وردة الطائف",
                      brand="maison-x")
    cart_id = make_bag(app, (oud, 2), (rose, 1), user_id=customer.id)
    order_id = place(app, cart_id, user_id=customer.id, gift_wrap=True, gift_message="Eid Mubarak",
                     language="ar", now=MORNING)
    shop.change_offer(oud.offer_id, price=Decimal("500"))  # later changes do not touch the order
    with app.app_context():
        order = database.session.get(Order, order_id)
        assert order.number.startswith("AS-2026-") and len(order.number) == len("AS-2026-000123")
        assert order.email == "noor@example.com" and order.gift_wrap and order.gift_message == "Eid Mubarak"
        assert order.delivery_address["area"] == "Al Barsha" and order.delivery_emirate == "dubai"
        lines = {line.product_name_en: line for line in order.lines}
        assert lines["Royal Oud"].unit_price == Decimal("450.00") and lines["Royal Oud"].line_total == Decimal("900.00")
        assert lines["Taif Rose"].product_name_ar == "وردة الطائف" and lines["Taif Rose"].brand_name_en == "Maison X"
        assert lines["Taif Rose"].vendor_name_ar == "سوق ب" and lines["Royal Oud"].size_ml == Decimal("100.0")
        assert {(sub.vendor_id, sub.items_total, sub.total) for sub in order.sub_orders} == {
            (oud.vendor_id, Decimal("900.00"), Decimal("900.00")), (rose.vendor_id, Decimal("99.50"), Decimal("99.50"))}
        assert all(sub.status == "pending_payment" for sub in order.sub_orders)
        assert order.vat_included == sum(line.vat_included for line in order.lines)  # free delivery, card
        assert [(event.from_status, event.to_status, event.actor_user_id) for event in order.events] == [
            (None, "pending_payment", customer.id)]
        assert database.session.scalar(select(func.count()).select_from(CartLine)) == 0  # the bag is empty
        assert database.session.get(Offer, oud.offer_id).stock == 3


def test_numbers_follow_one_another(app, shop):
    oud = shop.offer(stock=9)
    first = place(app, make_bag(app, (oud, 1)))
    second = place(app, make_bag(app, (oud, 1)))
    with app.app_context():
        a, b = (int(database.session.get(Order, order_id).number[-6:]) for order_id in (first, second))
    assert b == a + 1


def test_cash_on_delivery_is_refused_above_the_limit_with_card_offered(app, shop):
    bottle = shop.offer(price="2500", stock=9)
    cart_id = make_bag(app, (bottle, 2))  # 5,000 + the COD fee is over 5,000
    refused = refusal(app, cart_id, payment_method="cod")
    assert refused.reason == "cod_limit"
    assert refused.message == "Cash on delivery is available for orders up to AED\u00a05,000.00. Please pay this order by card."
    assert shop.stock_of(bottle.offer_id) == 9
    place(app, cart_id, payment_method="card")
    assert shop.stock_of(bottle.offer_id) == 7


def test_the_cod_limit_is_a_setting(app, shop, monkeypatch):
    monkeypatch.setitem(app.config, "COD_MAX_TOTAL", Decimal("100"))
    oud = shop.offer(price="120", stock=5)
    refused = refusal(app, make_bag(app, (oud, 1)), payment_method="cod")
    assert "AED\u00a0100.00" in refused.message


def test_same_day_delivery_only_before_the_zones_cut_off(app, shop):
    oud = shop.offer(price="250", stock=9)
    cart_id = make_bag(app, (oud, 1))
    late = refusal(app, cart_id, delivery_option="same-day", now=EVENING)
    assert late.reason == "same_day_closed"
    assert late.message == ("Same-day delivery must be ordered before 2:00\u202fPM (UAE time). "
                            "Choose next-day or standard delivery.")
    order_id = place(app, cart_id, delivery_option="same-day", now=MORNING)
    with app.app_context():
        assert database.session.get(Order, order_id).delivery_fee == Decimal("35.00")
    no_same_day = refusal(app, make_bag(app, (oud, 1)), delivery_option="same-day",
                          address={**UAE_ADDRESS, "region": "fujairah"})
    assert no_same_day.reason == "delivery_option_unavailable"


def test_addresses_outside_the_zones_are_refused(app, shop):
    oud = shop.offer()
    refused = refusal(app, make_bag(app, (oud, 1)), address={**UAE_ADDRESS, "country": "SA", "region": "Riyadh"})
    assert refused.reason == "no_delivery_zone" and "United Arab Emirates" in refused.message


def test_stock_or_availability_that_changed_since_adding_is_refused_clearly(app, shop):
    oud = shop.offer(stock=5)
    cart_id = make_bag(app, (oud, 3))
    shop.change_offer(oud.offer_id, stock=2)
    assert refusal(app, cart_id).message == "Sorry, only 2 of Royal Oud 100 ml are left. Lower the quantity in your bag."
    shop.change_offer(oud.offer_id, stock=0)
    assert refusal(app, cart_id).message == "Sorry, Royal Oud 100 ml has just sold out. Remove it from your bag."
    shop.change_offer(oud.offer_id, stock=5, is_active=False)
    assert refusal(app, cart_id).reason == "unavailable"
    assert refusal(app, make_bag(app)).reason == "empty_cart"


def test_a_price_change_between_review_and_placing_is_refused(app, shop):
    oud = shop.offer(price="450", stock=5)
    cart_id = make_bag(app, (oud, 1))
    shop.change_offer(oud.offer_id, price=Decimal("480"))
    refused = refusal(app, cart_id, expected_total=Decimal("450.00"))
    assert refused.reason == "prices_changed" and "AED\u00a0480.00" in refused.message
    assert shop.stock_of(oud.offer_id) == 5
    place(app, cart_id, expected_total=Decimal("480.00"))


# Coupons -------------------------------------------------------------------------------------


@pytest.mark.parametrize("coupon, spend, message", [
    (None, "450", "There is no coupon with the code NOPE."),
    (dict(is_active=False), "450", "There is no coupon with the code NOPE."),
    (dict(ends_at=MORNING - timedelta(days=1)), "450", "The coupon NOPE expired on Nov 24, 2026."),
    (dict(starts_at=MORNING + timedelta(days=2)), "450", "The coupon NOPE can be used from Nov 27, 2026."),
    (dict(min_spend=Decimal("500")), "450", "Add AED\u00a050.00 more to use NOPE: it needs a spend of AED\u00a0500.00."),
    (dict(brand_slug="maison-x"), "450", "The coupon NOPE is not for the items in your bag."),
    (dict(vendor_slug="souq-b"), "450", "The coupon NOPE is not for the items in your bag."),
])
def test_a_coupon_that_does_not_apply_says_why(app, shop, coupon, spend, message):
    oud = shop.offer(price=spend, stock=5)
    if coupon is not None:
        coupon = dict(coupon)
        if "brand_slug" in coupon:
            coupon["brand_id"] = shop.brand_ids[coupon.pop("brand_slug")]
        if "vendor_slug" in coupon:
            coupon["vendor_id"] = shop.vendor_ids[coupon.pop("vendor_slug")]
        add_coupon(app, code="NOPE", **coupon)
    refused = refusal(app, make_bag(app, (oud, 1)), coupon_code=" nope ")
    assert refused.reason == "coupon" and refused.message == message


def test_percent_and_fixed_coupons_discount_only_the_items_in_their_scope(app, shop):
    ajmal = shop.offer(price="300", stock=9)
    maison = shop.offer(price="200", stock=9, vendor="souq-b", brand="maison-x", name_en="Blue Breeze")
    add_coupon(app, code="AJMAL20", value=Decimal("20"), brand_id=shop.brand_ids["ajmal"])
    add_coupon(app, code="SOUQB500", kind="fixed", value=Decimal("500"), vendor_id=shop.vendor_ids["souq-b"])
    with_percent = place(app, make_bag(app, (ajmal, 1), (maison, 1)), coupon_code="ajmal20")
    with_fixed = place(app, make_bag(app, (ajmal, 1), (maison, 1)), coupon_code="SOUQB500")
    with app.app_context():
        percent = database.session.get(Order, with_percent)
        assert percent.discount_total == Decimal("60.00") and percent.grand_total == Decimal("440.00")
        assert {line.product_name_en: line.discount for line in percent.lines} == {
            "Royal Oud": Decimal("60.00"), "Blue Breeze": Decimal("0.00")}
        assert percent.coupon_code == "AJMAL20"
        fixed = database.session.get(Order, with_fixed)
        assert fixed.discount_total == Decimal("200.00")  # never more than the items in scope
        assert fixed.vat_included == vat_included_in(Decimal("300"))  # the discounted line carries no VAT


def test_coupon_limits_in_all_and_per_customer(app, shop, customer):
    oud = shop.offer(price="100", stock=20)
    add_coupon(app, code="ONCE", per_customer_limit=1)
    add_coupon(app, code="TWICE", usage_limit=2)
    place(app, make_bag(app, (oud, 1), user_id=customer.id), user_id=customer.id, coupon_code="ONCE")
    again = refusal(app, make_bag(app, (oud, 1), user_id=customer.id), user_id=customer.id, coupon_code="ONCE")
    assert again.message == "You have already used the coupon ONCE as often as it allows."
    # A guest with the customer's email is the same customer.
    assert refusal(app, make_bag(app, (oud, 1)), email="NOOR@example.com", coupon_code="ONCE").reason == "coupon"
    place(app, make_bag(app, (oud, 1)), email="someone@example.com", coupon_code="ONCE")

    place(app, make_bag(app, (oud, 1)), coupon_code="TWICE")
    place(app, make_bag(app, (oud, 1)), email="other@example.com", coupon_code="TWICE")
    used_up = refusal(app, make_bag(app, (oud, 1)), email="third@example.com", coupon_code="TWICE")
    assert used_up.message == "The coupon TWICE has been used up."
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(CouponRedemption)) == 4


# Idempotency ---------------------------------------------------------------------------------


def test_the_same_key_twice_makes_one_order_and_takes_stock_once(app, shop):
    oud = shop.offer(stock=5)
    cart_id = make_bag(app, (oud, 2))
    first = place(app, cart_id, key="checkout-1")
    second = place(app, cart_id, key="checkout-1")  # the bag is empty by now: the key still finds the order
    assert first == second and shop.stock_of(oud.offer_id) == 3
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(Order)) == 1


def test_two_concurrent_calls_with_the_same_key_make_one_order(app, committed_shop, committed_db):
    oud = committed_shop.offer(stock=5)
    cart_id = make_bag(app, (oud, 2))
    results, errors = [], []
    start = threading.Barrier(2)

    def checkout():
        try:
            start.wait()
            results.append(place(app, cart_id, key="double-click"))
        except Exception as error:  # any failure is the test's failure
            errors.append(error)

    threads = [threading.Thread(target=checkout) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert not errors and len(results) == 2 and results[0] == results[1]
    assert committed_shop.stock_of(oud.offer_id) == 3
    with app.app_context():
        assert committed_db.session.scalar(select(func.count()).select_from(Order)) == 1
        assert committed_db.session.scalar(select(func.count()).select_from(OrderEvent)) == 1
