"""The home page and the header's suggestions in a real browser: both languages, both widths, keyboard, axe."""
import re

import pytest
from playwright.sync_api import expect

from tests.conftest import restore_demo_data
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll


@pytest.fixture
def store(app, committed_db, demo_snapshot):
    """The demo catalog, committed so the live server shows it."""
    with app.test_request_context():
        restore_demo_data(app, committed_db, demo_snapshot)


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_home_page_shows_shelves_families_and_houses(open_page, store, language, viewport):
    page = open_page(language, viewport)
    page.goto("/")
    featured = page.locator("section[aria-labelledby=featured-title] .product-card")
    expect(featured).to_have_count(8)
    expect(page.locator("section[aria-labelledby=new-title] .product-card")).to_have_count(8)
    expect(page.locator(".brand-tile")).to_have_count(12)
    expect(page.locator(".family-tile")).to_have_count(6)
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    # The whole card is the link: a click on its picture opens the product page.
    first = featured.first
    name = first.locator(".product-card__name").inner_text()
    picture = first.locator(".product-card__image")
    picture.scroll_into_view_if_needed()
    box = picture.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    expect(page).to_have_url(re.compile(r"/p/[a-z0-9-]+$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(name)


@pytest.mark.parametrize("language, typed, expected", [("en", "dar al", "Dar Al Oud"), ("ar", "عو", "عود")])
def test_typing_shows_suggestions_and_the_keyboard_opens_one(open_page, store, language, typed, expected):
    page = open_page(language, DESKTOP)
    page.goto("/")
    search = page.locator("#site-search")
    search.click()
    search.press_sequentially(typed, delay=40)
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    expect(search).to_have_attribute("aria-expanded", "true")
    expect(listbox.get_by_role("option").filter(has_text=expected).first).to_be_visible()
    expect(page.locator("#site-search-status")).not_to_be_empty()
    assert_accessible(page)

    search.press("ArrowDown")
    first = listbox.get_by_role("option").first
    expect(first).to_have_attribute("aria-selected", "true")
    expect(search).to_have_attribute("aria-activedescendant", first.get_attribute("id"))
    search.press("ArrowUp")  # from the first option, up wraps to the last
    expect(listbox.get_by_role("option").last).to_have_attribute("aria-selected", "true")
    search.press("ArrowDown")
    href = first.get_attribute("href")
    search.press("Enter")  # houses and notes come first, then perfumes: any of them opens its page
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()


def test_escape_closes_the_list_and_enter_without_a_choice_searches(open_page, store):
    page = open_page("en", PHONE)
    page.goto("/")
    search = page.locator("#site-search")
    search.fill("amber")
    listbox = page.get_by_role("listbox")
    expect(listbox).to_be_visible()
    assert has_no_horizontal_scroll(page)
    search.press("Escape")
    expect(listbox).to_be_hidden()
    expect(search).to_have_attribute("aria-expanded", "false")
    expect(search).to_have_value("amber")  # Escape closed the list; it did not clear the text
    search.press("Enter")
    expect(page).to_have_url(re.compile(r"/search\?q=amber$"))
    expect(page.locator(".product-card").first).to_be_visible()


def test_a_note_suggestion_opens_its_listing(open_page, store):
    page = open_page("en", DESKTOP)
    page.goto("/")
    page.locator("#site-search").press_sequentially("saffr", delay=40)
    page.get_by_role("option", name=re.compile(r"^Saffron\s+Perfumes with this note")).click()
    expect(page).to_have_url(re.compile(r"/products\?note=saffron$"))


def test_without_javascript_the_header_search_submits_to_the_listing(browser, live_server, store):
    context = browser.new_context(base_url=live_server, java_script_enabled=False, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto("/")
        page.locator("#site-search").fill("oud")
        page.locator("#site-search").press("Enter")
        expect(page).to_have_url(re.compile(r"/search\?q=oud$"))
        expect(page.locator(".product-card").first).to_be_visible()
    finally:
        context.close()
