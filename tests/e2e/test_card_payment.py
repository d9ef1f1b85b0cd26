"""A signed-in customer pays an order by card through localstripe's Stripe.js stand-in, lands on the result
page, and sees the order paid once Stripe's webhook has arrived — in English on a desktop and in Arabic on
a phone; a declined card ends on the same page with the order cancelled and a way to try again."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.extensions import db as database
from app.orders.models import Order
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll
from tests.payments_fixtures import DECLINED, VISA, card_live_server, localstripe  # noqa: F401  (fixtures)
from tests.shop import committed_shop, make_bag, place  # noqa: F401  (fixture and helpers)

PAID = {"en": "Paid — thank you!", "ar": "تم الدفع، شكرًا لك!"}
FAILED = {"en": "Your payment did not go through", "ar": "لم تتم عملية الدفع"}


@pytest.fixture(scope="session")
def live_server(card_live_server):
    """This module's pages come from the server with card payments on (localstripe's webhooks reach it)."""
    return card_live_server


def order_for(app, shop, user) -> tuple[str, int]:
    offer = shop.offer(price="245.50", stock=4, name_en="Amber Oud", name_ar="عود العنبر")
    order_id = place(app, make_bag(app, (offer, 2), user_id=user.id), payment_method="card", user_id=user.id)
    with app.app_context():
        return database.session.scalar(select(Order.number).where(Order.id == order_id)), offer.offer_id


def fill_card(page, number: str) -> None:
    """localstripe's stand-in draws five plain inputs: number, month, year (YY), CVC and postcode."""
    card = page.locator("[data-payment-element] input")
    expect(card).to_have_count(5)
    for index, value in enumerate((number, "12", "30", "123", "00000")):
        card.nth(index).fill(value)


@pytest.mark.parametrize("language, viewport", [("en", DESKTOP), ("ar", PHONE)])
def test_a_customer_pays_by_card_and_sees_the_order_paid(app, committed_shop, signed_in_page, language, viewport):
    page, user = signed_in_page("customer", language, viewport)
    number, offer_id = order_for(app, committed_shop, user)

    page.goto(f"/checkout/pay/{number}")
    expect(page.locator("html")).to_have_attribute("dir", "rtl" if language == "ar" else "ltr")
    expect(page.locator("[data-pay-button]")).to_be_enabled()
    assert_accessible(page)
    assert has_no_horizontal_scroll(page)
    fill_card(page, VISA)
    page.locator("[data-pay-button]").click()

    page.wait_for_url(f"**/checkout/paid/{number}", timeout=15_000)
    status = page.locator("#payment-status")
    expect(status).to_have_attribute("data-payment-state", "paid", timeout=15_000)  # htmx polls until the webhook
    expect(status).to_contain_text(PAID[language])
    assert_accessible(page)
    assert has_no_horizontal_scroll(page)
    with app.app_context():
        order = database.session.scalar(select(Order).where(Order.number == number))
        assert order.status == "confirmed" and order.paid_at is not None
    assert committed_shop.stock_of(offer_id) == 2


def test_a_declined_card_cancels_the_order_and_offers_to_try_again(app, committed_shop, signed_in_page):
    page, user = signed_in_page("customer", "en", DESKTOP)
    number, offer_id = order_for(app, committed_shop, user)
    page.goto(f"/checkout/pay/{number}")
    fill_card(page, DECLINED)
    page.locator("[data-pay-button]").click()

    page.wait_for_url(f"**/checkout/paid/{number}", timeout=15_000)
    status = page.locator("#payment-status")
    expect(status).to_have_attribute("data-payment-state", "failed", timeout=15_000)
    expect(status).to_contain_text(FAILED["en"])
    assert committed_shop.stock_of(offer_id) == 4
    status.get_by_role("button", name="Try again").click()  # the order's items go back in the bag
    page.wait_for_url("**/cart")
    expect(page.locator(".bag-line")).to_have_count(1)
