"""What a product card does besides opening the product page: its "Add to bag" puts one of the perfume's
cheapest offer in stock in the bag (with htmx or as a plain form), and its heart shows and toggles what the
customer wished for — on listings, without a query per card. A card's forms are never inside another form (a
browser would drop them), and its actions' addresses opened directly show the site's error page."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from tests.integration.test_product_cards import counted_statements
from tests.integration.test_wishlist import signed_in, toggle  # noqa: F401  (fixture and helper)
from tests.shop import HTMX, badge, page_text, shop  # noqa: F401  (fixture and helpers)


@pytest.fixture
def listed(app, shop):
    """Three perfumes in the store: one sold by two shops, one sold out, one sold by one shop."""
    from app.extensions import db as database
    from app.search.listing import bump_listing_version, rebuild_listing

    two_shops = shop.offer(price="450", stock=5, name_en="Royal Oud")
    cheaper = shop.offer(price="390", stock=2, vendor="souq-b", product_id=two_shops.product_id, size=50)
    sold_out = shop.offer(price="300", stock=0, name_en="Amber Night")
    single = shop.offer(price="120", stock=9, name_en="Rose Mist")
    with app.app_context():
        rebuild_listing()
        database.session.commit()
        bump_listing_version()
    return {"two_shops": two_shops, "cheaper": cheaper, "sold_out": sold_out, "single": single}


def card_of(page: str, product_id: int) -> str:
    for card in re.findall(r'<article class="product-card.*?</article>', page, re.S):
        if f"/cart/products/{product_id}\"" in card or f"/wishlist/{product_id}\"" in card:
            return card
    raise AssertionError(f"no card for product {product_id}")


def add_from_card(client, product_id: int, htmx=False, next_path="/products"):
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/products").get_data(as_text=True)).group(1)
    return client.post(f"/cart/products/{product_id}", data={"csrf_token": token, "next": next_path},
                       headers=HTMX if htmx else {})


def test_cards_have_a_heart_and_add_to_bag_only_when_in_stock(client, listed):
    page = client.get("/products").get_data(as_text=True)
    royal = card_of(page, listed["two_shops"].product_id)
    assert 'class="product-card__add"' in royal and 'data-hx-post="/cart/products/' in royal
    assert 'aria-pressed="false"' in royal and "Save to wishlist: <bdi>Royal Oud</bdi>" in re.sub(r"\s+", " ", royal)
    amber = card_of(page, listed["sold_out"].product_id)
    assert "product-card__add" not in amber and 'class="wishlist-toggle"' in amber


def test_add_to_bag_from_a_card_takes_the_cheapest_offer_in_stock(app, client, listed):
    response = add_from_card(client, listed["two_shops"].product_id, next_path="/products?family=oud")
    assert response.status_code == 303 and response.location == "/products?family=oud"
    bag = page_text(client.get("/cart"))
    assert "Royal Oud" in bag and "Souq B" in bag and "AED 390.00" in bag
    add_from_card(client, listed["two_shops"].product_id)  # again: the same line, one more
    assert badge(client.get("/cart")) == 2


def test_with_htmx_the_card_gets_the_bag_events(client, listed):
    response = add_from_card(client, listed["single"].product_id, htmx=True)
    events = json.loads(response.headers["HX-Trigger"])
    assert response.status_code == 200 and events["cart-changed"]["count"] == 1
    assert events["showToast"]["message"] == "Added to your bag."


@pytest.mark.parametrize("which", ["sold_out", "unknown", "pending"])
def test_a_card_that_cannot_be_added_says_why_and_changes_nothing(app, client, shop, listed, which):
    product_id = {"sold_out": listed["sold_out"].product_id, "unknown": 2_000_000_000,
                  "pending": shop.offer(status="pending").product_id}[which]
    response = add_from_card(client, product_id, htmx=True)
    assert response.status_code == 422
    assert json.loads(response.headers["HX-Trigger"])["showToast"]["kind"] == "error"
    assert badge(client.get("/cart")) == 0


def test_hearts_show_the_customers_wishlist_with_one_query(app, signed_in, listed):
    toggle(signed_in, listed["single"].product_id)
    signed_in.get("/products")
    with counted_statements() as statements:
        page = signed_in.get("/products").get_data(as_text=True)
    assert 'aria-pressed="true"' in card_of(page, listed["single"].product_id)
    assert 'aria-pressed="false"' in card_of(page, listed["two_shops"].product_id)
    assert sum("wishlist_item" in statement for statement in statements) == 1


class FormNesting(HTMLParser):
    """The forms of a page as written, and those opened while another was still open."""

    def __init__(self):
        super().__init__()
        self.open_forms, self.forms, self.nested = [], [], []

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            attributes = dict(attrs)
            form = attributes.get("id") or attributes.get("action")
            if self.open_forms:
                self.nested.append((self.open_forms[-1], form))
            self.open_forms.append(form)
            self.forms.append(form)

    def handle_endtag(self, tag):
        if tag == "form" and self.open_forms:
            self.open_forms.pop()


def forms_of(page: str) -> FormNesting:
    parser = FormNesting()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("path", ["/products", "/products?family=oud&sort=price_asc", "/search?q=oud",
                                  "/brands/ajmal", "/categories/perfume", "/v/souq-a"])
def test_no_card_form_sits_inside_the_filter_form(client, listed, path):
    forms = forms_of(client.get(path).get_data(as_text=True))
    assert forms.nested == []
    product_id = listed["single"].product_id
    assert "listing" in forms.forms and f"/wishlist/{product_id}" in forms.forms
    assert f"/cart/products/{product_id}" in forms.forms


def test_cards_come_back_to_the_listing_as_its_url_says(client, listed):
    page = client.get("/products?sort=price_asc&family=oud&page=1").get_data(as_text=True)
    card = card_of(page, listed["single"].product_id)
    assert card.count('name="next" value="/products?family=oud&amp;sort=price_asc"') == 2  # heart and bag


def test_the_sort_belongs_to_the_filter_form_from_beside_the_results(client, listed):
    page = client.get("/products").get_data(as_text=True)
    assert re.search(r'<select id="sort" name="sort" form="listing">', page)
    assert page.index('id="listing-results"') > page.index("</form>", page.index('<form id="listing"'))


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("action", ["/cart/products/{}", "/wishlist/{}", "/cart/lines"])
def test_a_card_actions_address_opened_directly_is_the_sites_error_page(client, listed, language, action):
    """What a reload showed when htmx had pushed a card action's address: the site's page, header included."""
    response = client.get(action.format(listed["single"].product_id), headers={"Accept-Language": language})
    page = response.get_data(as_text=True)
    assert response.status_code == 405 and "POST" in response.headers["Allow"]
    assert 'class="site-header"' in page and 'class="error-panel"' in page and 'id="cart-badge"' in page
    assert f'lang="{language}"' in page
