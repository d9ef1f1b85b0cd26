"""The storefront's frame in a real browser: both languages, both widths, the language switch, axe."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll

ARABIC_LETTERS = re.compile(r"[\u0600-\u06FF]{3,}")


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_in_english_reads_left_to_right(open_page, viewport):
    page = open_page("en", viewport)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find the scent that tells your story")
    expect(page.get_by_role("search").first).to_be_visible()
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_home_page_in_arabic_reads_right_to_left(open_page, viewport):
    page = open_page("ar", viewport)
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    heading = page.get_by_role("heading", level=1).inner_text()
    assert ARABIC_LETTERS.search(heading), f"the heading is not in Arabic: {heading!r}"
    # Mirrored layout: the logo sits at the right edge of the header in Arabic.
    brand = page.locator(".brand").bounding_box()
    assert brand["x"] + brand["width"] > viewport["width"] / 2
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)


def test_language_switch_keeps_you_on_the_same_page(open_page):
    page = open_page("en", PHONE)
    page.goto("/products?q=oud")
    page.get_by_role("button", name=re.compile("Switch to Arabic")).click()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert page.url.endswith("/products?q=oud")
    page.get_by_role("button", name=re.compile("EN — English")).click()
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    assert page.url.endswith("/products?q=oud")


def test_error_page_is_translated_and_accessible(open_page):
    page = open_page("ar", PHONE)
    response = page.goto("/no-such-perfume")
    assert response.status == 404
    assert ARABIC_LETTERS.search(page.get_by_role("heading", level=1).inner_text())
    assert_accessible(page)
