"""The product page in a real browser, in English and Arabic: open a perfume from the listing, switch its
size with htmx (price, sellers and URL change without a reload), read the scent DNA, write a review as a
signed-in customer; axe finds nothing serious and a phone never scrolls sideways."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import text

from tests.conftest import restore_demo_data
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll


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
