"""A guest's whole purchase in a real browser, in English and Arabic on a phone: filter the listing by a scent
family in the phone's filter drawer, open the first perfume, put two of
its sizes in the bag, check out step by step with htmx and pay cash on delivery, see the confirmation,
register with the same email, confirm it, and find the order in My orders. Axe finds nothing serious
and the page never scrolls sideways."""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect
from sqlalchemy import select, text

from tests.conftest import restore_demo_data
from tests.e2e.conftest import PHONE, assert_accessible, fill_checkout_address, has_no_horizontal_scroll

WORDS = {
    "en": {"thanks": "Thank you, Noor!", "region": "Dubai", "orders": "My orders"},
    "ar": {"thanks": "شكرًا لك يا Noor!", "region": "دبي", "orders": "طلباتي"},
}


@pytest.fixture
def demo_store(app, committed_db, demo_snapshot):
    """The demo data in the live server's database; returns (scent family, the perfume listed first in that
    family's listing) for a family whose first perfume has two sizes in stock."""
    with app.test_request_context():
        restore_demo_data(app, committed_db, demo_snapshot)
        family, slug = committed_db.session.execute(text("""
            SELECT family, slug FROM (
                SELECT DISTINCT ON (l.family) l.family, l.slug, l.product_id FROM product_listing l
                ORDER BY l.family, l.popularity DESC, l.product_id) AS first_of_family
            WHERE (SELECT count(DISTINCT va.id) FROM variant va JOIN offer o ON o.variant_id = va.id
                   WHERE va.product_id = first_of_family.product_id AND o.is_active AND o.stock >= 5) >= 2
            ORDER BY (SELECT count(*) FROM product_listing WHERE family = first_of_family.family) DESC, family
            LIMIT 1""")).one()  # a big family, among the first shown in its facet
    return family, slug


def step_is_open(page, name: str) -> None:
    expect(page.locator(f'#step-{name}[aria-current="step"]')).to_be_visible()


def verification_link(app, committed_db, email: str) -> str:
    from app.notifications.models import Notification

    with app.app_context():
        payload = committed_db.session.scalar(
            select(Notification.payload).where(Notification.kind == "verify_email", Notification.recipient == email))
    return urlsplit(payload["verify_url"]).path


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_guest_buys_two_sizes_with_cash_on_delivery_and_finds_the_order_after_registering(
        app, committed_db, open_page, demo_store, language):
    words = WORDS[language]
    email = f"noor.{language}@example.com"
    family, slug = demo_store
    page = open_page(language, PHONE)
    page.goto("/products")
    page.locator("#filters-open").click()
    page.locator(f"label[for='f-family-{family}']").click()
    page.wait_for_url(re.compile(f"family={family}"))
    page.locator("#filters .filters__actions button[type=submit]").click()
    page.locator(".product-card__link").first.click()
    page.wait_for_url(re.compile(f"/p/{slug}"))
    page.wait_for_function("() => window.htmx !== undefined")
    badge = page.locator("#cart-badge .cart-badge__count")

    page.locator("form.add-to-cart button[type=submit]").click()
    expect(badge).to_have_text("1")
    current = page.locator('.size-picker__size[aria-current="true"]').get_attribute("id")
    page.locator(f'.size-picker__size:not([id="{current}"]):not(.size-picker__size--out)').first.click()
    expect(page.locator(f'.size-picker__size[aria-current="true"]:not([id="{current}"])')).to_be_visible()
    page.locator("form.add-to-cart button[type=submit]").click()
    expect(badge).to_have_text("2")

    page.goto("/cart")
    expect(page.locator(".bag-line")).to_have_count(2)
    page.locator('a[href="/checkout"]').click()
    step_is_open(page, "contact")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    assert_accessible(page)

    page.locator("#email").fill(email)
    page.locator("#name").fill("Noor Haddad")
    page.locator("#mobile").fill("5012")
    page.locator("#step-contact button[type=submit]").click()
    expect(page.locator("#mobile-error")).to_be_visible()  # translated, with what was typed kept
    expect(page.locator("#email")).to_have_value(email)
    page.locator("#mobile").fill("050 123 4567")
    page.locator("#step-contact button[type=submit]").click()

    step_is_open(page, "address")
    expect(page.locator("#recipient_name")).to_have_value("Noor Haddad")
    fill_checkout_address(page, words["region"])

    step_is_open(page, "delivery")
    expect(page.locator("#option-standard")).to_be_checked()
    assert_accessible(page)
    page.locator("#step-delivery button[type=submit]").click()
    step_is_open(page, "payment")
    expect(page.locator("#method-cod")).to_be_checked()
    page.locator("#step-payment button[type=submit]").click()

    step_is_open(page, "review")
    expect(page.locator(".checkout-line")).to_have_count(2)
    assert page.evaluate("() => window.stillTheSamePage === true"), "a step reloaded the page"
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    page.locator(".checkout-place button[type=submit]").click()

    page.wait_for_url(re.compile(r"/orders/AS-\d{4}-\d{6}/confirmation$"))
    number = page.url.split("/")[-2]
    expect(page.get_by_role("heading", level=1)).to_have_text(words["thanks"])
    expect(page.locator(".order-confirmation")).to_contain_text(number)
    expect(page.locator("#cart-badge .cart-badge__count")).to_have_text("0")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.locator('.order-confirmation__join a[href="/register"]').click()
    page.locator("input[name=full_name]").fill("Noor Haddad")
    page.locator("input[name=email]").fill(email)
    page.locator("input[name=password]").fill("amber and oud at dusk")
    page.locator("form", has=page.locator("input[name=full_name]")).locator("button[type=submit]").click()
    page.wait_for_url(lambda url: "/register" not in url)
    page.goto(verification_link(app, committed_db, email))

    page.goto("/account/orders")
    expect(page.get_by_role("heading", level=1)).to_have_text(words["orders"])
    page.get_by_role("link", name=number).click()
    expect(page.locator(".order-detail__head")).to_contain_text(number)
    expect(page.locator(".timeline__step--done")).to_have_count(1)
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
