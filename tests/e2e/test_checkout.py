"""A signed-in customer's checkout in a real browser, every control clicked the four ways (Arabic on a phone,
English on a desktop, with JavaScript and without): a mistake in the contact step comes back with the reason and
what was typed, a new address instead of the saved one, gift wrap with a card, cash on delivery, a coupon
(unknown, applied, removed), "Change" on a finished step, and "Place order" — then the order in the database is what was chosen."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db as database
from app.orders.models import Order
from tests.e2e.clicking import Visit, say, way  # noqa: F401  (fixtures)
from tests.e2e.conftest import fill_checkout_address, has_no_horizontal_scroll
from tests.shop import UAE_ADDRESS, add_coupon, committed_shop, make_bag  # noqa: F401  (fixture and helpers)

DUBAI = {"ar": "دبي", "en": "Dubai"}


@pytest.fixture
def customer_with_a_bag(app, committed_db, committed_shop, signed_in_page, way):
    """(page, user, offer): a customer with a saved address in Sharjah and two of a perfume in the bag; a coupon
    WELCOME10 (10 %) exists."""
    from app.accounts.address_book import add_address
    from app.accounts.models import User

    oud = committed_shop.offer(price="450", stock=5)
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    make_bag(app, (oud, 2), user_id=user.id)
    add_coupon(app, code="WELCOME10")
    with app.app_context():
        add_address(database.session.get(User, user.id), label="Office",
                    **{**UAE_ADDRESS, "region": "sharjah", "area": "Al Majaz"})
        database.session.commit()
    return page, user, oud


def step_is_open(page, name: str) -> None:
    expect(page.locator(f'#step-{name}[aria-current="step"]')).to_be_visible()


def test_every_control_of_the_checkout(app, committed_shop, customer_with_a_bag, way, say):
    page, user, oud = customer_with_a_bag
    visit = Visit(page, way)
    visit.goto("/checkout")
    step_is_open(page, "contact")

    # A mobile number that is not one: the step comes back with the reason, and what was typed is kept.
    page.locator("#name").fill("Noor Haddad")
    page.locator("#mobile").fill("5012")
    page.locator("#step-contact button[type=submit]").click()
    expect(page.locator("#mobile-error")).to_be_visible()
    step_is_open(page, "contact")
    expect(page.locator("#name")).to_have_value("Noor Haddad")
    expect(page.locator("#mobile")).to_have_value("5012")
    page.locator("#mobile").fill("050 123 4567")
    page.locator("#step-contact button[type=submit]").click()

    # The saved address is chosen; a new one is typed instead.
    step_is_open(page, "address")
    expect(page.locator("#step-address input[name=choice]").first).to_be_checked()
    page.locator("#address-new").check()
    fill_checkout_address(page, DUBAI[way.language])

    step_is_open(page, "delivery")
    expect(page.locator("#option-standard")).to_be_checked()
    page.locator("#gift_wrap").check()
    page.locator("#gift_message").fill("Happy Eid, Mariam!")
    page.locator("#step-delivery button[type=submit]").click()

    step_is_open(page, "payment")
    page.locator("#method-cod").check()
    page.locator("#step-payment button[type=submit]").click()

    step_is_open(page, "review")
    expect(page.locator(".checkout-line")).to_have_count(1)
    expect(page.locator(".checkout-line")).to_contain_text("العود الملكي" if way.language == "ar" else "Royal Oud")
    expect(page.locator(".checkout-review__gift")).to_contain_text("Happy Eid, Mariam!")

    # A coupon from the summary: an unknown code says so and stays typed; a known one applies (the review stays
    # open with the new total); "Remove" takes it off again, and it goes back on.
    coupon = page.locator(".coupon-form")
    coupon.locator("input[name=code]").fill("WELCOME99")
    coupon.locator("button[type=submit]").click()
    expect(coupon.locator(".field__error")).to_be_visible()
    expect(coupon.locator("input[name=code]")).to_have_value("WELCOME99")
    coupon.locator("input[name=code]").fill("welcome10")
    coupon.locator("button[type=submit]").click()
    expect(coupon.locator(".coupon-form__applied")).to_contain_text("WELCOME10")
    expect(page.locator(".checkout-totals__row--discount")).to_be_visible()
    step_is_open(page, "review")
    coupon.locator("button[type=submit]").click()
    visit.expect_told(say("Coupon removed."))
    expect(page.locator(".checkout-totals__row--discount")).to_have_count(0)
    coupon.locator("input[name=code]").fill("WELCOME10")
    coupon.locator("button[type=submit]").click()
    expect(coupon.locator(".coupon-form__applied")).to_contain_text("WELCOME10")

    # "Change" on a finished step opens it with its choices; saving it comes back to the review.
    page.locator("#step-delivery .checkout-step__change").click()
    step_is_open(page, "delivery")
    expect(page.locator("#gift_wrap")).to_be_checked()
    expect(page.locator("#gift_message")).to_have_value("Happy Eid, Mariam!")
    page.locator("#step-delivery button[type=submit]").click()
    step_is_open(page, "review")
    visit.expect_in_place()
    assert has_no_horizontal_scroll(page)

    page.locator(".checkout-place button[type=submit]").click()
    page.wait_for_url(re.compile(r"/orders/AS-\d{4}-\d{6}/confirmation$"))
    number = page.url.split("/")[-2]
    expect(page.locator(".order-confirmation")).to_contain_text(number)
    visit.expect_badge(0)
    with app.app_context():
        order = database.session.scalar(select(Order).where(Order.number == number))
        assert order.user_id == user.id and order.payment_method == "cod" and order.delivery_option == "standard"
        assert (order.contact_name, order.mobile) == ("Noor Haddad", "+971501234567")
        assert (order.delivery_emirate, order.delivery_address["area"]) == ("dubai", "Al Barsha")
        assert order.gift_wrap and order.gift_message == "Happy Eid, Mariam!"
        assert order.coupon_code == "WELCOME10" and order.discount_total == Decimal("90.00")
        assert [(line.offer_id, line.quantity) for line in order.lines] == [(oud.offer_id, 2)]
    assert committed_shop.stock_of(oud.offer_id) == 3
