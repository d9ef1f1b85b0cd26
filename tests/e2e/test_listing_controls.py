"""Every kind of control on the home page and the listing pages (all fragrances, search, a brand, a category, a
shop), clicked once in a real browser by a signed-in customer: in Arabic on a phone and in English on a desktop,
with JavaScript on and off. What the person sees afterwards (the heart filled, the toast or message, the bag's
count, other results, the URL keeping filters, sort and page) and what changed in the database (the wishlist
row, the bag's line) are checked after each click.

A card's forms (heart, "Add to bag") once sat inside the listing's filter form: browsers do not nest forms, so
the heart submitted the filters and "Add to bag" left the page. These tests click them where shoppers do."""
from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, update

from tests.conftest import restore_demo_data
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible


@dataclass(frozen=True)
class ListingPage:
    """A listing page to try: its address, and a filter of its panel that still leaves several pages (the
    input's id and the URL parameter it sets); `grows_a_house` when its house needs more than a page."""
    path: str
    filter_id: str
    filter_param: str
    grows_a_house: bool = False


BIG_HOUSE = "dar-al-oud"
LISTING_PAGES = {
    "products": ListingPage("/products", "f-family-oud", "family=oud"),
    "search": ListingPage("/search?q=oud", "f-gender-men", "gender=men"),
    "brand": ListingPage(f"/brands/{BIG_HOUSE}", "f-family-oud", "family=oud", grows_a_house=True),
    "category": ListingPage("/categories/perfume", "f-family-oud", "family=oud"),
    "shop": ListingPage("/v/marina-scent-gallery", "f-gender-women", "gender=women"),
}
READERS = [pytest.param(("ar", PHONE), id="ar-phone"), pytest.param(("en", DESKTOP), id="en-desktop")]
JAVASCRIPT = [pytest.param(True, id="js"), pytest.param(False, id="no-js")]
ARABIC_INDIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")


@pytest.fixture
def demo_store(app, committed_db, demo_snapshot):
    """The demo catalog in the live server's database."""
    with app.test_request_context():
        restore_demo_data(app, committed_db, demo_snapshot)


def grow_the_big_house(app, database) -> None:
    """No demo house has more than a page of perfumes: move the demo's oud perfumes to Dar Al Oud, so its page
    has "Load more" and page links like the others."""
    from app.catalog.models import Brand, Product
    from app.search.listing import bump_listing_version, rebuild_listing

    with app.test_request_context():
        house = database.session.scalar(select(Brand.id).where(Brand.slug == BIG_HOUSE))
        database.session.execute(update(Product).where(Product.family == "oud").values(brand_id=house))
        rebuild_listing()
        database.session.commit()
        bump_listing_version()


def translated(app, language: str, message: str) -> str:
    """The message as the store says it in that language."""
    from flask_babel import force_locale, gettext

    with app.test_request_context(), force_locale(language):
        return gettext(message)


def wished_product_ids_of(app, database, user_id: int) -> set[int]:
    from app.cart.models import WishlistItem

    with app.app_context():
        return set(database.session.scalars(select(WishlistItem.product_id).where(WishlistItem.user_id == user_id)))


def bagged_product_ids_of(app, database, user_id: int) -> set[int]:
    from app.cart.models import Cart, CartLine
    from app.catalog.models import Offer, Variant

    with app.app_context():
        return set(database.session.scalars(
            select(Variant.product_id).join(Offer, Offer.variant_id == Variant.id)
            .join(CartLine, CartLine.offer_id == Offer.id).join(Cart, Cart.id == CartLine.cart_id)
            .where(Cart.user_id == user_id)))


class Shopper:
    """A signed-in customer's browser tab, with or without JavaScript, and what they can check on it."""

    def __init__(self, app, database, page, user, language: str, viewport: dict, javascript: bool):
        self.app, self.database, self.page, self.user = app, database, page, user
        self.language, self.on_phone, self.javascript = language, viewport is PHONE, javascript

    def says(self, message: str) -> str:
        return translated(self.app, self.language, message)

    def open(self, path: str) -> None:
        self.page.goto(path)
        self.mark_the_page()

    def mark_the_page(self) -> None:
        if self.javascript:
            # A marker that only survives while htmx changes the page in place.
            self.page.evaluate("window.stillTheSamePage = true")

    def assert_not_reloaded(self) -> None:
        if self.javascript:
            assert self.page.evaluate("window.stillTheSamePage === true"), "the page was reloaded"

    def shown_count(self) -> int:
        text = self.page.locator(".listing__count").inner_text()
        return int(re.sub(r"[^\d]", "", text.translate(ARABIC_INDIC_DIGITS)))

    def cards(self):
        return self.page.locator("#product-grid > li")

    def first_card_to_buy(self) -> int:
        """The product id of the first card in stock (it has both a heart and "Add to bag")."""
        action = self.page.locator(".product-card__add").first.get_attribute("action")
        return int(action.rsplit("/", 1)[1])

    def wait_for_new_url(self, before: str, contains: str) -> None:
        """Wait for the URL to change and, with htmx, for every request of the change to be answered (a phone's
        tick and "Apply" send two; a person waits for the results before the next choice)."""
        self.page.wait_for_url(lambda url: url != before and contains in url)
        if self.javascript:
            self.page.wait_for_function("() => !document.querySelector('.htmx-request')")

    def expect_message(self, message: str) -> None:
        """The toast (with JavaScript) or the flash message after the redirect (without)."""
        place = "#toasts .toast" if self.javascript else ".flashes .flash"
        expect(self.page.locator(place, has_text=self.says(message))).to_be_visible()

    # The controls --------------------------------------------------------------------------------------

    def save_to_wishlist(self, product_id: int) -> None:
        url = self.page.url
        heart = self.page.locator(f"form[action='/wishlist/{product_id}'] button")
        expect(heart).to_have_attribute("aria-pressed", "false")
        heart.click()
        self.expect_message("Saved to your wishlist.")
        heart = self.page.locator(f"form[action='/wishlist/{product_id}']")  # with htmx, a new one took its place
        expect(heart.locator("button")).to_have_attribute("aria-pressed", "true")
        expect(heart.locator("path")).to_have_attribute("fill", "currentColor")  # filled
        assert self.page.url == url, "the heart left the page"
        self.assert_not_reloaded()
        assert product_id in wished_product_ids_of(self.app, self.database, self.user.id)

    def add_to_bag(self, product_id: int) -> None:
        url = self.page.url
        badge = self.page.locator("#cart-badge .cart-badge__count")
        expect(badge).to_have_text("0")
        self.page.locator(f"form[action='/cart/products/{product_id}'] button").click()
        self.expect_message("Added to your bag.")
        expect(badge).to_have_text("1")
        assert self.page.url == url, '"Add to bag" left the page'
        self.assert_not_reloaded()
        assert bagged_product_ids_of(self.app, self.database, self.user.id) == {product_id}

    def open_filters(self) -> None:
        """On a phone the filters are a drawer behind the "Filters" button; on a desktop a sidebar."""
        panel = self.page.locator("#filters")
        if self.on_phone:
            expect(panel).to_be_hidden()
            self.page.locator("#filters-open").click()
        expect(panel).to_be_visible()

    def apply_filters(self) -> None:
        self.page.locator("#filters .filters__actions button[type=submit]").click()

    def choose_filter(self, listing: ListingPage) -> None:
        before, everything = self.page.url, self.shown_count()
        self.open_filters()
        self.page.locator(f"label[for='{listing.filter_id}']").click()
        if not self.javascript or self.on_phone:
            self.apply_filters()  # without JavaScript it sends the form; on a phone it also closes the drawer
        self.wait_for_new_url(before, listing.filter_param)
        expect(self.page.locator(f"#{listing.filter_id}")).to_be_checked()
        expect(self.page.locator(".chip")).to_have_count(1)
        if self.on_phone:
            expect(self.page.locator("#filters")).to_be_hidden()
            expect(self.page.locator("#filters-open")).to_contain_text("1")
        assert 24 < self.shown_count() < everything
        self.assert_not_reloaded()

    def sort_by(self, sort: str) -> None:
        before = self.page.url
        self.page.locator("#sort").select_option(sort)
        if not self.javascript:
            self.page.locator(".listing-sort__apply").click()
        self.wait_for_new_url(before, f"sort={sort}")
        expect(self.page.locator("#sort")).to_have_value(sort)
        if self.javascript:  # the sort's own Apply is for browsers without JavaScript, after htmx swaps too
            expect(self.page.locator(".listing-sort__apply")).to_be_hidden()
        self.assert_not_reloaded()

    def go_to_the_next_page(self) -> None:
        """The next page's number among the page links (a plain link, with JavaScript or without)."""
        before = self.page.url
        self.page.locator("#pagination .pagination__page[rel=next]").click()
        self.wait_for_new_url(before, "page=2")
        expect(self.page.locator("#pagination [aria-current=page]")).to_contain_text("2")
        self.mark_the_page()

    def remove_chip(self, listing: ListingPage) -> None:
        before, filtered = self.page.url, self.shown_count()
        self.page.locator(".chip").click()
        self.page.wait_for_url(lambda url: url != before and listing.filter_param not in url)
        expect(self.page.locator(".chip")).to_have_count(0)
        assert self.shown_count() > filtered
        self.mark_the_page()  # a chip is a plain link

    def load_more(self) -> None:
        expect(self.cards()).to_have_count(24)
        first = self.cards().first.inner_text()
        self.page.locator("#load-more a").click()
        self.page.wait_for_url(re.compile(r"page=2"))
        if self.javascript:
            expect(self.cards()).to_have_count(48)  # the next page is added below the first
            assert self.cards().first.inner_text() == first
            self.assert_not_reloaded()
        else:
            expect(self.cards()).to_have_count(24)  # a plain link to the next page
            assert self.cards().first.inner_text() != first
        expect(self.page.locator("#pagination [aria-current=page]")).to_contain_text("2")

    def search_from_the_header(self, words: str) -> None:
        search = self.page.locator("#site-search")
        search.fill(words)
        search.press("Enter")
        self.page.wait_for_url(re.compile(r"/search\?q=" + words))
        expect(self.page.locator("#site-search")).to_have_value(words)
        assert self.shown_count() > 0
        expect(self.cards().first).to_be_visible()


@pytest.fixture
def shopper(app, committed_db, demo_store, signed_in_page):
    """Factory: shopper(reader, javascript) → a signed-in customer's Shopper."""
    def factory(reader: tuple[str, dict], javascript: bool) -> Shopper:
        language, viewport = reader
        page, user = signed_in_page("customer", language, viewport, javascript=javascript)
        return Shopper(app, committed_db, page, user, language, viewport, javascript)

    return factory


@pytest.mark.parametrize("javascript", JAVASCRIPT)
@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("name", list(LISTING_PAGES))
def test_every_control_of_a_listing_page(shopper, name, reader, javascript):
    listing, person = LISTING_PAGES[name], shopper(reader, javascript)
    if listing.grows_a_house:
        grow_the_big_house(person.app, person.database)
    person.open(listing.path)
    person.choose_filter(listing)  # on a phone, through the filter drawer
    person.sort_by("price_asc")
    person.go_to_the_next_page()
    kept = person.page.url
    assert listing.filter_param in kept and "sort=price_asc" in kept and "page=2" in kept
    if javascript:
        assert_accessible(person.page)
    product_id = person.first_card_to_buy()
    person.save_to_wishlist(product_id)
    person.add_to_bag(product_id)
    assert person.page.url == kept  # without JavaScript both came back to the same listing: filters, sort, page
    person.remove_chip(listing)
    assert "sort=price_asc" in person.page.url
    person.load_more()
    person.search_from_the_header("rose")


@pytest.mark.parametrize("javascript", JAVASCRIPT)
@pytest.mark.parametrize("reader", READERS)
def test_the_home_pages_cards_and_search(shopper, reader, javascript):
    person = shopper(reader, javascript)
    person.open("/")
    product_id = person.first_card_to_buy()
    person.save_to_wishlist(product_id)
    person.add_to_bag(product_id)
    assert person.page.url.endswith("/")
    person.search_from_the_header("rose")
