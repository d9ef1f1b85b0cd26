"""The bag: adding from cards and product pages, the page with its notices and totals, htmx and plain forms,
tampered values, and the guest's bag joining the customer's on sign-in."""
from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cart.models import Cart, CartLine
from app.extensions import db as database
from tests.conftest import csrf_token_from
from tests.shop import HTMX, add, badge, line_ids, page_text, shop  # noqa: F401  (fixtures and helpers)

def lines_in_db(app) -> dict[int, int]:
    with app.app_context():
        return dict(database.session.execute(select(CartLine.offer_id, CartLine.quantity)).all())


def test_a_guest_fills_the_bag_and_sees_names_sizes_sellers_totals_and_vat(client, shop):
    oud = shop.offer(price="450", stock=5)
    bakhoor = shop.offer(price="120", stock=9, vendor="souq-b", size=50, name_en="Bakhoor Sultan",
                         name_ar="بخور السلطان", category="bakhoor")
    assert add(client, oud.offer_id, 2).status_code == 303
    assert add(client, bakhoor.offer_id).status_code == 303

    page = client.get("/cart")
    text = page_text(page)
    assert page.status_code == 200 and badge(page) == 3
    for words in ("Royal Oud", "Ajmal", "100 ml", "Sold by Souq A", "Bakhoor Sultan", "50 g", "Sold by Souq B",
                  "AED 450.00 each", "AED 900.00", "Items (3)", "AED 1,020.00"):
        assert words in text, words
    # VAT per line, half up to the fils: 900 × 5/105 = 42.857… → 42.86; 120 × 5/105 = 5.714… → 5.71.
    assert re.search(r"Including VAT \(5%\) AED 48\.57", text)

    arabic = client.get("/cart", headers={"Accept-Language": "ar"})
    arabic_text = page_text(arabic)
    assert 'dir="rtl"' in arabic.get_data(as_text=True)
    assert "العود الملكي" in arabic_text and "بخور السلطان" in arabic_text and "سوق ب" in arabic_text


def test_the_same_offer_twice_adds_up_within_the_stock_and_the_cap(client, shop):
    few = shop.offer(stock=5)
    many = shop.offer(stock=50, name_en="Taif Rose")
    token = csrf_token_from(client, "/cart")
    add(client, few.offer_id, 3, token=token)
    refused = add(client, few.offer_id, 3, htmx=True, token=token)
    assert refused.status_code == 422
    assert "Only 5 left, and your bag already holds 3." in refused.get_data(as_text=True)
    assert json.loads(refused.headers["HX-Trigger"])["showToast"]["kind"] == "error"
    assert add(client, few.offer_id, 2, htmx=True, token=token).status_code == 200
    assert lines_in_db(client.application)[few.offer_id] == 5

    add(client, many.offer_id, 10, token=token)
    capped = add(client, many.offer_id, 1, htmx=True, token=token)
    assert "You can have at most 10 of one item in your bag." in capped.get_data(as_text=True)
    assert lines_in_db(client.application)[many.offer_id] == 10


@pytest.mark.parametrize("offer_kind, quantity, message", [
    ("pending product", 1, "Sorry, this perfume is not available."),
    ("suspended vendor", 1, "Sorry, this perfume is not available."),
    ("inactive offer", 1, "Sorry, this perfume is not available."),
    ("no such offer", 1, "Sorry, this perfume is not available."),
    ("beyond the database's range", 1, "Sorry, this perfume is not available."),
    ("text", 1, "Sorry, this perfume is not available."),
    ("visible", 0, "Choose a quantity of at least 1."),
    ("visible", -1, "Choose a quantity of at least 1."),
    ("visible", 10**9, "You can have at most 10 of one item in your bag."),
    ("visible", "two", "Choose a quantity of at least 1."),
    ("visible", "", "Choose a quantity of at least 1."),
    ("visible", 6, "Only 5 left."),
])
def test_tampered_values_are_refused_with_a_clear_message_never_a_500(client, shop, offer_kind, quantity, message):
    offers = {
        "visible": shop.offer(stock=5).offer_id,
        "pending product": shop.offer(status="pending").offer_id,
        "suspended vendor": shop.offer(vendor="closed").offer_id,
        "inactive offer": shop.offer(active=False).offer_id,
        "no such offer": 999_999,
        "beyond the database's range": 2**40,
        "text": "royal-oud",
    }
    with_htmx = add(client, offers[offer_kind], quantity, htmx=True)
    assert with_htmx.status_code == 422 and message in with_htmx.get_data(as_text=True)
    without = add(client, offers[offer_kind], quantity, next_path="/products?q=oud")
    assert without.status_code == 303 and without.location.endswith("/products?q=oud")
    assert message in page_text(client.get("/cart"))  # the flash shows on the next page
    assert lines_in_db(client.application) == {}


def test_a_foreign_next_is_ignored(client, shop):
    oud = shop.offer()
    response = add(client, oud.offer_id, next_path="https://evil.example/")
    assert response.status_code == 303 and response.location.endswith("/cart")


def test_every_post_needs_the_csrf_token(client, shop):
    oud = shop.offer()
    assert client.post("/cart/lines", data={"offer_id": oud.offer_id, "quantity": 1}).status_code == 400
    add(client, oud.offer_id)
    line = line_ids(client.get("/cart"))[0]
    assert client.post(f"/cart/lines/{line}", data={"quantity": 2}).status_code == 400
    assert client.post(f"/cart/lines/{line}/remove").status_code == 400


def test_the_stepper_with_htmx_swaps_the_line_the_totals_and_the_badge(client, shop):
    oud = shop.offer(price="450", stock=5)
    add(client, oud.offer_id)
    line = line_ids(client.get("/cart"))[0]
    token = csrf_token_from(client, "/cart")

    response = client.post(f"/cart/lines/{line}", data={"quantity": 2, "csrf_token": token}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert json.loads(response.headers["HX-Trigger"]) == {"cart-changed": {"count": 2}}
    assert html.lstrip().startswith(f'<li class="bag-line" id="bag-line-{line}">')
    assert 'id="bag-totals" aria-labelledby="bag-totals-title" data-hx-swap-oob="true"' in html
    assert 'id="cart-badge" href="/cart" data-hx-swap-oob="true"' in html and badge(response) == 2
    assert "AED 900.00" in page_text(response)

    too_many = client.post(f"/cart/lines/{line}", data={"quantity": 6, "csrf_token": token}, headers=HTMX)
    assert too_many.status_code == 422 and "Only 5 left." in too_many.get_data(as_text=True)
    assert lines_in_db(client.application)[oud.offer_id] == 2


def test_without_javascript_every_change_comes_back_to_the_bag(client, shop):
    oud = shop.offer(stock=5)
    rose = shop.offer(name_en="Taif Rose")
    add(client, oud.offer_id)
    add(client, rose.offer_id)
    first, second = line_ids(client.get("/cart"))
    token = csrf_token_from(client, "/cart")

    changed = client.post(f"/cart/lines/{first}", data={"quantity": 3, "csrf_token": token})
    assert changed.status_code == 303 and changed.location.endswith("/cart")
    removed = client.post(f"/cart/lines/{second}/remove", data={"csrf_token": token})
    assert removed.status_code == 303
    page = client.get("/cart")
    assert "Removed from your bag." in page_text(page) and line_ids(page) == [first] and badge(page) == 3

    client.post(f"/cart/lines/{first}/remove", data={"csrf_token": token})
    empty = client.get("/cart")
    assert "Your bag is empty" in page_text(empty) and badge(empty) == 0


def test_removing_with_htmx_answers_with_the_bag_and_the_new_count(client, shop):
    oud, rose = shop.offer(), shop.offer(name_en="Taif Rose")
    add(client, oud.offer_id)
    add(client, rose.offer_id, 2)
    first, _second = line_ids(client.get("/cart"))
    response = client.post(f"/cart/lines/{first}/remove", data={"csrf_token": csrf_token_from(client, "/cart")},
                           headers=HTMX)
    events = json.loads(response.headers["HX-Trigger"])
    assert events["cart-changed"] == {"count": 2} and events["showToast"]["message"] == "Removed from your bag."
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div class="bag" id="bag">') and "Taif Rose" in html and "Royal Oud" not in html


def test_another_browsers_line_does_not_exist_here(app, client, shop):
    oud = shop.offer()
    add(client, oud.offer_id)
    line = line_ids(client.get("/cart"))[0]
    stranger = app.test_client()
    token = csrf_token_from(stranger, "/cart")
    assert stranger.post(f"/cart/lines/{line}", data={"quantity": 2, "csrf_token": token}).status_code == 404
    assert stranger.post(f"/cart/lines/{line}/remove", data={"csrf_token": token}).status_code == 404
    assert lines_in_db(app) == {oud.offer_id: 1}


def test_the_bag_tells_what_changed_since_each_line_was_added(client, shop):
    cheaper = shop.offer(price="450", stock=9)
    scarce = shop.offer(stock=9, name_en="Taif Rose")
    gone = shop.offer(name_en="Blue Breeze")
    sold_out = shop.offer(name_en="Musk Attar")
    for made, quantity in ((cheaper, 1), (scarce, 3), (gone, 1), (sold_out, 1)):
        add(client, made.offer_id, quantity)
    shop.change_offer(cheaper.offer_id, price=Decimal("400"), stock=2)
    shop.change_offer(scarce.offer_id, stock=2)
    shop.change_product(gone.product_id, status="archived")
    shop.change_offer(sold_out.offer_id, stock=0)

    text = page_text(client.get("/cart"))
    assert "The price changed since you added it: it was AED 450.00, it is now AED 400.00." in text
    assert "Only 2 left." in text
    assert "Only 2 left: lower the quantity to check out." in text
    assert "No longer available. Remove it to check out." in text
    assert "Sold out. Remove it to check out." in text
    assert "Some items need your attention before you can check out." in text
    assert "Items (6) AED 400.00" in text  # only what can be bought now is totalled


def test_the_header_badge_counts_the_bag_on_every_page(client, shop):
    oud = shop.offer(stock=9)
    assert badge(client.get("/")) == 0
    add(client, oud.offer_id, 4)
    assert badge(client.get("/")) == 4
    assert "Bag, 4 items" in client.get("/").get_data(as_text=True)


def test_the_guest_bag_joins_the_customers_on_sign_in(app, client, shop, create_user):
    both = shop.offer(stock=9)
    guest_only = shop.offer(name_en="Taif Rose")
    customer_only = shop.offer(name_en="Blue Breeze")
    user = create_user()
    with app.app_context():
        cart = Cart(user_id=user.id)
        database.session.add(cart)
        database.session.flush()
        database.session.add_all([CartLine(cart_id=cart.id, offer_id=both.offer_id, quantity=1,
                                           price_when_added=both.price, stock_when_added=9),
                                  CartLine(cart_id=cart.id, offer_id=customer_only.offer_id, quantity=1,
                                           price_when_added=customer_only.price, stock_when_added=5)])
        database.session.commit()
    add(client, both.offer_id, 2)
    add(client, guest_only.offer_id)

    signed_in = client.post("/sign-in", data={"email": "layla@example.com", "password": "correct horse battery",
                                              "csrf_token": csrf_token_from(client, "/sign-in")})
    assert signed_in.status_code == 303
    with app.app_context():
        carts = database.session.execute(select(Cart.user_id, Cart.token)).all()
        assert carts == [(user.id, None)]  # the guest's cart is gone
    assert lines_in_db(app) == {both.offer_id: 3, guest_only.offer_id: 1, customer_only.offer_id: 1}
    assert badge(client.get("/cart")) == 5


def test_guests_are_asked_to_sign_in_to_save_a_line_for_later(client, shop):
    oud = shop.offer()
    add(client, oud.offer_id)
    line = line_ids(client.get("/cart"))[0]
    assert "Sign in to save it for later" in page_text(client.get("/cart"))
    response = client.post(f"/cart/lines/{line}/save", data={"csrf_token": csrf_token_from(client, "/cart")})
    assert response.status_code == 303 and "/sign-in?next=/cart" in response.location
    assert lines_in_db(client.application) == {oud.offer_id: 1}
