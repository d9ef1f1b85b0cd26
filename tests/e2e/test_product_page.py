"""The product page in a real browser, in English and Arabic: open a perfume from the listing, switch its
size with htmx (price, sellers and URL change without a reload), read the scent DNA, write a review as a
signed-in customer; axe finds nothing serious and a phone never scrolls sideways."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, text

from app.catalog.models import Offer, Product
from tests.conftest import restore_demo_data
from tests.e2e.clicking import Visit, say, way  # noqa: F401  (fixtures)
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll
from tests.shop import committed_shop  # noqa: F401  (fixture)


@pytest.fixture
def demo_store(app, committed_db, demo_snapshot):
    """The demo catalog in the live server's database; returns a perfume with several sizes and reviews."""
    with app.test_request_context():
        restore_demo_data(app, committed_db, demo_snapshot)
        row = committed_db.session.execute(text("""
            SELECT l.slug, l.name_en, l.name_ar FROM product_listing l
            WHERE l.rating_count >= 5 AND l.in_stock
              AND (SELECT count(DISTINCT o.price) FROM variant va JOIN offer o ON o.variant_id = va.id
                   WHERE va.product_id = l.product_id AND o.is_active AND o.stock > 0) >= 3
            ORDER BY l.rating_count DESC, l.product_id LIMIT 1""")).one()
    return {"slug": row.slug, "en": row.name_en, "ar": row.name_ar}


@pytest.mark.parametrize("language", ["en", "ar"])
def test_open_a_perfume_switch_its_size_and_read_its_scent_dna(open_page, demo_store, language):
    page = open_page(language, PHONE)
    name = demo_store[language]
    page.goto(f"/products?q={demo_store['en']}")
    page.locator(".product-card").filter(has_text=name).first.get_by_role("link").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    assert page.url.endswith(f"/p/{demo_store['slug']}")

    page.evaluate("window.stillTheSamePage = true")
    price = page.locator(".price-box__price").inner_text()
    sizes = page.locator(".size-picker__size")
    current = page.locator('.size-picker__size[aria-current="true"]').get_attribute("id")
    other = next(sizes.nth(index) for index in range(sizes.count())
                 if sizes.nth(index).get_attribute("id") != current)
    other_id = other.get_attribute("id")
    other.click()
    expect(page.locator(f'#{other_id}[aria-current="true"]')).to_be_visible()
    assert re.search(r"\?size=\d+$", page.url)
    assert page.locator(".price-box__price").inner_text() != price
    expect(page.locator(".sellers__list .seller").first).to_be_visible()
    assert page.evaluate("window.stillTheSamePage === true"), "the size switch reloaded the page"

    dna = page.locator("#scent-dna")
    dna.scroll_into_view_if_needed()
    expect(dna.locator(".pyramid__layer").first).to_be_visible()
    expect(dna.locator(".accords .chart__row").first).to_be_visible()
    expect(dna.locator(".vote-chart").first).to_be_visible()
    assert dna.locator(".vote-chart").count() >= 4
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_signed_in_customer_writes_a_review(signed_in_page, demo_store, language):
    page, _user = signed_in_page("customer", language, DESKTOP)
    page.goto(f"/p/{demo_store['slug']}")
    form = page.locator("#review-form")
    form.scroll_into_view_if_needed()
    assert_accessible(page)
    form.locator('input[name="rating"][value="4"]').check()
    form.locator("textarea[name=body]").fill("Rich oud, soft saffron.\nPerfect for winter evenings.")
    form.locator("select[name=longevity]").select_option("5")
    form.locator('input[name="seasons"][value="winter"]').check()
    form.get_by_role("button").click()
    expect(page.locator("#reviews .flash--success")).to_be_visible()
    review = page.locator(".review").filter(has_text="Rich oud, soft saffron.")
    expect(review).to_be_visible()
    assert page.url.endswith(f"/p/{demo_store['slug']}")  # htmx swapped the section in place
    expect(page.locator("#review-form textarea[name=body]")).to_have_value(
        "Rich oud, soft saffron.\nPerfect for winter evenings.")
    assert has_no_horizontal_scroll(page)


# Every control of the product page, the four ways ----------------------------------------------------------


@pytest.fixture
def perfume_with_sellers(app, committed_shop):
    """A perfume in two sizes (50 ml from one shop; 100 ml from two) with nine reviews by others, two pages."""
    from datetime import datetime, timedelta, timezone

    from app.catalog.models import Review

    small = committed_shop.offer(price="300", stock=6, size=50)
    large = committed_shop.offer(price="450", stock=5, size=100, product_id=small.product_id)
    other_shop = committed_shop.offer(price="470", stock=3, size=100, product_id=small.product_id, vendor="souq-b")
    long_ago = datetime.now(timezone.utc) - timedelta(days=30)
    with app.app_context():
        session = committed_shop.db.session
        session.add_all(Review(product_id=small.product_id, author_name=f"Reviewer {number}", rating=5,
                               body=f"Older review number {number}.", created_at=long_ago + timedelta(hours=number))
                        for number in range(1, 10))
        session.commit()
        slug = session.scalar(select(Product.slug).where(Product.id == small.product_id))
        large_size = session.scalar(select(Offer.variant_id).where(Offer.id == large.offer_id))
    return {"slug": slug, "large_size": large_size, "large": large, "other_shop": other_shop}


def bag_lines(app, database, user_id) -> dict[int, int]:
    """The customer's bag in the database: {offer id: quantity}."""
    from app.cart.models import Cart, CartLine

    with app.app_context():
        return dict(database.session.execute(
            select(CartLine.offer_id, CartLine.quantity).join(Cart).where(Cart.user_id == user_id)).all())


def reviews_by(app, database, user_id) -> list[tuple[int, str]]:
    from app.catalog.models import Review

    with app.app_context():
        return [tuple(row) for row in database.session.execute(
            select(Review.rating, Review.body).where(Review.user_id == user_id)).all()]


def wished(app, database, user_id) -> list[int]:
    from app.cart.models import WishlistItem

    with app.app_context():
        return list(database.session.scalars(select(WishlistItem.product_id).where(WishlistItem.user_id == user_id)))


def test_every_control_of_the_product_page(app, committed_db, signed_in_page, perfume_with_sellers, way, say):
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    visit = Visit(page, way)
    perfume = perfume_with_sellers
    visit.goto(f"/p/{perfume['slug']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("العود الملكي" if way.language == "ar" else "Royal Oud")

    # A size: the link shows that size's sellers (with htmx in place, the URL following).
    page.locator(f"#size-{perfume['large_size']}").click()
    expect(page.locator(f'#size-{perfume["large_size"]}[aria-current="true"]')).to_be_visible()
    expect(page).to_have_url(re.compile(rf"/p/{perfume['slug']}\?size={perfume['large_size']}$"))
    sellers = page.locator(".sellers__list .seller")
    expect(sellers).to_have_count(2)
    visit.expect_in_place()

    # A seller's own offer goes in the bag, and the page stays on the chosen size.
    second_shop = "سوق ب" if way.language == "ar" else "Souq B"
    sellers.filter(has_text=second_shop).locator("form.seller__add button").click()
    visit.expect_badge(1)
    visit.expect_told(say("Added to your bag."))
    assert bag_lines(app, committed_db, user.id) == {perfume["other_shop"].offer_id: 1}
    expect(page.locator(f'#size-{perfume["large_size"]}[aria-current="true"]')).to_be_visible()

    # A quantity, then "Add to bag": the best offer of the size, twice.
    page.locator("form.add-to-cart select[name=quantity]").select_option("2")
    page.locator("form.add-to-cart button[type=submit]").click()
    visit.expect_badge(3)
    assert bag_lines(app, committed_db, user.id) == {perfume["other_shop"].offer_id: 1, perfume["large"].offer_id: 2}

    # The heart fills, and the perfume is on the wishlist.
    heart = page.locator(".product__title-row .wishlist-toggle__button")
    heart.click()
    expect(heart).to_have_attribute("aria-pressed", "true")
    visit.expect_told(say("Saved to your wishlist."))
    assert wished(app, committed_db, user.id) == [perfume["large"].product_id]

    # The review form: without stars it comes back with the reason and the text kept; then it posts.
    form = page.locator("#review-form")
    form.locator("textarea[name=body]").fill("Smoky oud, a little sweet.")
    form.locator("button[type=submit]").click()
    expect(page.locator("#review-form")).to_contain_text(say("Choose a rating from 1 to 5 stars."))
    expect(page.locator("#review-form textarea[name=body]")).to_have_value("Smoky oud, a little sweet.")
    assert reviews_by(app, committed_db, user.id) == []
    page.locator('#review-form input[name="rating"][value="4"]').check()
    page.locator("#review-form button[type=submit]").click()
    expect(page.locator("#reviews .flash--success, .flashes .flash--success").first).to_have_text(
        say("Thank you! Your review has been saved."))
    expect(page.locator("#review-list .review").first).to_contain_text("Smoky oud, a little sweet.")
    assert reviews_by(app, committed_db, user.id) == [(4, "Smoky oud, a little sweet.")]

    # Editing it: the form says so, holds the review, and saves the change over it.
    form = page.locator("#review-form")
    expect(form.locator(".review-form__title")).to_have_text(say("Edit your review"))
    expect(form.locator('input[name="rating"][value="4"]')).to_be_checked()
    form.locator('input[name="rating"][value="2"]').check()
    form.locator("textarea[name=body]").fill("Too smoky for me after all.")
    form.get_by_role("button", name=say("Save my review")).click()
    expect(page.locator("#review-list .review").first).to_contain_text("Too smoky for me after all.")
    assert reviews_by(app, committed_db, user.id) == [(2, "Too smoky for me after all.")]
    expect(page.locator("#review-list .review")).to_have_count(8)
    visit.expect_in_place()

    # The review pages: "More reviews" appends the next page (without JavaScript it opens it), and the page
    # links lead to each page of reviews.
    page.locator(".review-pager__more").click()
    if way.javascript:
        expect(page.locator("#review-list .review")).to_have_count(10)
        visit.expect_in_place()
    else:
        expect(page).to_have_url(re.compile(rf"/p/{perfume['slug']}/reviews\?page=2$"))
        expect(page.locator("#review-list .review")).to_have_count(2)
    expect(page.locator(".review-pager__more")).to_have_count(0)
    page.locator(".review-pager__pages a").filter(has_text="1").click()
    expect(page).to_have_url(re.compile(rf"/p/{perfume['slug']}/reviews\?page=1$"))
    expect(page.locator("#review-list .review")).to_have_count(8)
    expect(page.locator("#review-list .review").first).to_contain_text("Too smoky for me after all.")
    assert has_no_horizontal_scroll(page)
