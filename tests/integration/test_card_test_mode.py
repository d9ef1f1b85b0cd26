"""Card payments in test mode (`make run`'s localstripe, or Stripe's test keys): the checkout's payment step and
the card page say so and give the test card, in both languages; with no card processor they say nothing."""
from __future__ import annotations

import re

import pytest

from tests.conftest import csrf_token_from
from tests.payments_fixtures import localstripe, stripe_configured  # noqa: F401  (fixtures)
from tests.shop import add, page_text, shop  # noqa: F401  (fixture and helpers)

CONTACT = {"email": "noor@example.com", "name": "Noor Haddad", "mobile": "050 123 4567"}
ADDRESS = {"recipient_name": "Noor Haddad", "mobile": "050 123 4567", "country": "AE", "region": "Dubai",
           "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": "", "landmark": ""}
ARABIC = {"Accept-Language": "ar"}
TEST_CARD = '<bdi class="test-mode-ribbon__card" dir="ltr">4242 4242 4242 4242</bdi>'


def text_of(response) -> str:
    """The page's text, without the space a tag leaves before a comma."""
    return re.sub(r" ([,،])", r"\1", page_text(response))


def up_to_payment(client, shop) -> str:
    """A guest's bag with one perfume, contact, address and delivery given; returns the CSRF token."""
    token = csrf_token_from(client, "/cart")
    add(client, shop.offer(price="120", stock=5).offer_id, token=token)
    for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"})):
        assert client.post(f"/checkout/{step}", data={"csrf_token": token, **data}).status_code == 303
    return token


def place_card_order(client, token) -> str:
    """Choose card, place the order from the review; return the card page's path."""
    assert client.post("/checkout/payment", data={"csrf_token": token, "method": "card"}).status_code == 303
    html = client.get("/checkout").get_data(as_text=True)
    form = {name: re.search(rf'id="{name}" name="{name}" type="hidden" value="([^"]+)"', html).group(1)
            for name in ("key", "expected_total")}
    placed = client.post("/checkout/place", data={"csrf_token": token, **form})
    assert placed.status_code == 303 and "/checkout/pay/" in placed.headers["Location"]
    return placed.headers["Location"]


@pytest.mark.parametrize("headers, ribbon", [
    ({}, "Test mode No real money moves: pay with the test card 4242 4242 4242 4242, any future expiry date and "
         "any CVC."),
    (ARABIC, "وضع التجربة لا تُدفع أموال حقيقية: ادفع ببطاقة التجربة 4242 4242 4242 4242، بأي تاريخ انتهاء في "
             "المستقبل وأي رمز تحقق."),
])
def test_the_payment_steps_say_test_mode_and_give_the_test_card(client, shop, stripe_configured, headers, ribbon):
    token = up_to_payment(client, shop)
    step = client.get("/checkout?step=payment", headers=headers)
    assert ribbon in text_of(step) and TEST_CARD in step.get_data(as_text=True)
    card_page = client.get(place_card_order(client, token), headers=headers)
    assert card_page.status_code == 200 and ribbon in text_of(card_page)
    assert TEST_CARD in card_page.get_data(as_text=True)


def test_without_a_card_processor_there_is_no_test_mode(client, shop):
    up_to_payment(client, shop)
    step = client.get("/checkout?step=payment")
    assert "Cash on delivery" in page_text(step) and "Test mode" not in page_text(step)
    assert "4242" not in step.get_data(as_text=True)
