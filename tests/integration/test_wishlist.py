"""The wishlist: the heart (htmx and plain), the page with each perfume's best price in stock, moving to and
from the bag, and guests asked to sign in."""
from __future__ import annotations

import json
import re

import pytest
from sqlalchemy import select

from app.cart.models import CartLine, WishlistItem
from app.extensions import db as database
from tests.conftest import csrf_token_from
from tests.shop import HTMX, add, badge, line_ids, page_text, shop  # noqa: F401  (fixture and helpers)


@pytest.fixture
def signed_in(client, customer):
    response = client.post("/sign-in", data={"email": customer.email, "password": "correct horse battery",
                                             "csrf_token": csrf_token_from(client, "/sign-in")})
    assert response.status_code == 303
    return client


def wished(app) -> set[int]:
    with app.app_context():
        return set(database.session.scalars(select(WishlistItem.product_id)))


def toggle(client, product_id, htmx=False, next_path="/products"):
    return client.post(f"/wishlist/{product_id}", data={"csrf_token": csrf_token_from(client, "/cart"),
                                                        "next": next_path}, headers=HTMX if htmx else {})


def test_guests_are_asked_to_sign_in_and_come_back(client, shop):
    oud = shop.offer()
    plain = toggle(client, oud.product_id, next_path="/products?q=oud")
    assert plain.status_code == 303 and "/sign-in?next=/products?q%3Doud" in plain.location
    with_htmx = toggle(client, oud.product_id, htmx=True)
    assert with_htmx.status_code == 401 and with_htmx.headers["HX-Redirect"].startswith("/sign-in?next=")
    assert client.get("/wishlist").status_code == 302
    assert wished(client.application) == set()


def test_the_heart_saves_and_forgets_with_htmx_and_without(signed_in, shop):
    oud = shop.offer()
    saved = toggle(signed_in, oud.product_id, htmx=True)
    assert saved.status_code == 200 and 'aria-pressed="true"' in saved.get_data(as_text=True)
    assert json.loads(saved.headers["HX-Trigger"])["showToast"]["message"] == "Saved to your wishlist."
    assert wished(signed_in.application) == {oud.product_id}

    forgotten = toggle(signed_in, oud.product_id, next_path="/products?q=oud")
    assert forgotten.status_code == 303 and forgotten.location.endswith("/products?q=oud")
    assert wished(signed_in.application) == set()
    assert "Removed from your wishlist." in page_text(signed_in.get("/products"))


def test_hidden_or_unknown_products_cannot_be_saved(signed_in, shop):
    pending = shop.offer(status="pending")
    refused = toggle(signed_in, pending.product_id, htmx=True)
    assert refused.status_code == 422
    assert json.loads(refused.headers["HX-Trigger"])["showToast"]["message"] == "Sorry, this perfume is not available."
    assert toggle(signed_in, 999_999).status_code == 303
    assert signed_in.post("/wishlist/99999999999", data={"csrf_token": csrf_token_from(signed_in, "/cart")}) \
        .status_code == 404
    assert wished(signed_in.application) == set()


def test_the_page_shows_each_perfumes_cheapest_offer_in_stock(signed_in, shop):
    oud = shop.offer(price="450", stock=3)
    shop.offer(price="300", stock=0, vendor="souq-b", product_id=oud.product_id, size=50)  # cheaper, sold out
    shop.offer(price="380", stock=2, vendor="souq-b", product_id=oud.product_id)
    gone = shop.offer(stock=0, name_en="Musk Attar")
    toggle(signed_in, oud.product_id)
    toggle(signed_in, gone.product_id)
    text = page_text(signed_in.get("/wishlist"))
    assert "Royal Oud" in text and "AED 380.00 · 100 ml" in text
    assert "Musk Attar" in text and "Out of stock" in text


def test_move_to_bag_takes_the_cheapest_offer_in_stock_and_leaves_the_wishlist(signed_in, shop):
    oud = shop.offer(price="450", stock=3)
    cheapest = shop.offer(price="380", stock=2, vendor="souq-b", product_id=oud.product_id)
    toggle(signed_in, oud.product_id)
    response = signed_in.post(f"/wishlist/{oud.product_id}/move",
                              data={"csrf_token": csrf_token_from(signed_in, "/wishlist")}, headers=HTMX)
    assert response.status_code == 200
    assert json.loads(response.headers["HX-Trigger"])["cart-changed"] == {"count": 1}
    assert "Your wishlist is empty" in page_text(response) and badge(response) == 1
    with signed_in.application.app_context():
        assert database.session.scalars(select(CartLine.offer_id)).all() == [cheapest.offer_id]
    assert wished(signed_in.application) == set()


@pytest.mark.parametrize("action", ["move", "remove"])
def test_the_wishlist_answers_htmx_with_the_perfumes_left(signed_in, shop, action):
    oud = shop.offer(price="450", stock=3)
    rose = shop.offer(price="99.50", stock=4, size=50, name_en="Taif Rose", vendor="souq-b")
    toggle(signed_in, oud.product_id)
    toggle(signed_in, rose.product_id)
    response = signed_in.post(f"/wishlist/{oud.product_id}/{action}",
                              data={"csrf_token": csrf_token_from(signed_in, "/wishlist")}, headers=HTMX)
    assert response.status_code == 200
    text = page_text(response)
    assert "Taif Rose" in text and "50 ml" in text and "Royal Oud" not in text
    assert wished(signed_in.application) == {rose.product_id}


def test_move_to_bag_of_a_sold_out_perfume_says_so(signed_in, shop):
    gone = shop.offer(stock=0)
    toggle(signed_in, gone.product_id)
    response = signed_in.post(f"/wishlist/{gone.product_id}/move",
                              data={"csrf_token": csrf_token_from(signed_in, "/wishlist")})
    assert response.status_code == 303
    assert "Sorry, this perfume is out of stock at every shop." in page_text(signed_in.get("/wishlist"))
    assert wished(signed_in.application) == {gone.product_id}


def test_a_bag_line_moves_to_the_wishlist(signed_in, shop):
    oud, rose = shop.offer(), shop.offer(name_en="Taif Rose")
    add(signed_in, oud.offer_id)
    add(signed_in, rose.offer_id)
    first, second = line_ids(signed_in.get("/cart"))
    response = signed_in.post(f"/cart/lines/{first}/save", data={"csrf_token": csrf_token_from(signed_in, "/cart")},
                              headers=HTMX)
    assert json.loads(response.headers["HX-Trigger"])["showToast"]["message"] == "Moved to your wishlist."
    assert line_ids(response) == [second]
    assert wished(signed_in.application) == {oud.product_id}


def test_removing_from_the_wishlist_only_touches_ones_own(app, signed_in, shop, create_user):
    oud = shop.offer()
    toggle(signed_in, oud.product_id)
    other = app.test_client()
    create_user(email="sara@example.com")
    other.post("/sign-in", data={"email": "sara@example.com", "password": "correct horse battery",
                                 "csrf_token": csrf_token_from(other, "/sign-in")})
    token = csrf_token_from(other, "/wishlist")
    assert other.post(f"/wishlist/{oud.product_id}/remove", data={"csrf_token": token}).status_code == 404
    assert wished(app) == {oud.product_id}
    mine = signed_in.post(f"/wishlist/{oud.product_id}/remove",
                          data={"csrf_token": csrf_token_from(signed_in, "/wishlist")})
    assert mine.status_code == 303 and wished(app) == set()
    assert re.search(r"Removed from your wishlist\.", page_text(signed_in.get("/wishlist")))
