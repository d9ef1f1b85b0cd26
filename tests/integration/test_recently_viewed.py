"""Recently viewed: the product page remembers what a shopper opened, newest first, in the session for
guests and under the account for customers (so it follows them to another device), and shows it as a
strip of cards that any page can include."""
from __future__ import annotations

import re

import pytest
from flask import render_template_string

from tests.integration.product_page_data import make_perfume


@pytest.fixture
def perfumes(app, db, redis_client):
    return [make_perfume(app, db) for _ in range(3)]


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


def strip(body: str) -> list[str]:
    """The slugs of the "Recently viewed" cards, in order."""
    if 'id="recently-viewed-title"' not in body:
        return []
    section = body.split('id="recently-viewed-title"')[1].split("</section>")[0]
    return re.findall(r'href="/p/([^"?]+)"', section)


def test_a_guest_sees_what_they_viewed_newest_first_without_the_current_product(client, perfumes):
    first, second, third = perfumes
    assert strip(client.get(f"/p/{first.slug}").get_data(as_text=True)) == []
    client.get(f"/p/{second.slug}")
    body = client.get(f"/p/{third.slug}").get_data(as_text=True)
    assert strip(body) == [second.slug, first.slug]
    cards = body.split('id="recently-viewed-title"')[1]
    assert "Layali Oud" in cards and "from AED\u00a0180.00" in cards  # as on listing cards: the lowest active offer
    # Viewing an earlier one again moves it to the front.
    assert strip(client.get(f"/p/{first.slug}").get_data(as_text=True)) == [third.slug, second.slug]


def test_the_list_is_kept_short(app, db, client, redis_client):
    from app.catalog.recently_viewed import KEEP

    made = [make_perfume(app, db) for _ in range(KEEP + 2)]
    for perfume in made:
        client.get(f"/p/{perfume.slug}")
    with client.session_transaction() as session:
        assert session["recently_viewed"] == [perfume.id for perfume in reversed(made)][:KEEP]


def test_a_product_that_left_the_store_leaves_the_strip(app, db, client, perfumes):
    first, second, third = perfumes
    client.get(f"/p/{first.slug}")
    client.get(f"/p/{second.slug}")
    with app.app_context():
        from app.catalog.models import Product

        from app.search.backend import get_search_backend

        db.session.get(Product, first.id).status = "archived"
        db.session.commit()
        get_search_backend().index_products([first.id])  # what the search job does after the change
        db.session.commit()
    assert strip(client.get(f"/p/{third.slug}").get_data(as_text=True)) == [second.slug]


def test_a_customers_list_follows_them_to_another_device(app, db, client, customer, perfumes):
    first, second, third = perfumes
    sign_in(client, customer)
    client.get(f"/p/{first.slug}")
    client.get(f"/p/{second.slug}")
    other_device = app.test_client()
    sign_in(other_device, customer)
    assert strip(other_device.get(f"/p/{third.slug}").get_data(as_text=True)) == [second.slug, first.slug]


def test_what_a_guest_viewed_joins_the_account_at_sign_in(app, db, client, customer, perfumes, redis_client):
    first, second, third = perfumes
    client.get(f"/p/{first.slug}")
    client.get(f"/p/{second.slug}")
    page = client.get("/sign-in").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/sign-in", data={"csrf_token": token, "email": customer.email,
                                             "password": "correct horse battery"})
    assert response.status_code == 303
    other_device = app.test_client()
    sign_in(other_device, customer)
    assert strip(other_device.get(f"/p/{third.slug}").get_data(as_text=True)) == [second.slug, first.slug]


def test_any_page_can_include_the_strip(app, client, perfumes):
    first, second, _ = perfumes
    client.get(f"/p/{first.slug}")
    client.get(f"/p/{second.slug}")
    with client.session_transaction() as session:
        viewed = session["recently_viewed"]
    with app.test_request_context("/"):
        from flask import session

        session["recently_viewed"] = viewed
        html = render_template_string('{% include "catalog/_recently_viewed.html" ignore missing %}',
                                      html_lang="ar", html_dir="rtl")
    assert strip(html) == [second.slug, first.slug] and "ليالي العود" in html


def test_the_home_page_shows_nothing_for_a_new_visitor(app, client, perfumes):
    with app.test_request_context("/"):
        html = render_template_string('{% include "catalog/_recently_viewed.html" ignore missing %}',
                                      html_lang="en", html_dir="ltr")
    assert html.strip() == ""
