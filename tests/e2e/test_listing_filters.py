"""The listing's filters in a real browser, in English and Arabic: htmx swaps results without a reload and
pushes the URL, reload and back restore the state, the same GET form works with JavaScript off, "load more"
appends, the phone drawer opens and applies, long groups' "Show all" and the note search ask the server (and
"Show all" is a plain link without JavaScript); axe finds nothing serious and a phone never scrolls sideways."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.conftest import restore_demo_data
from tests.e2e.conftest import CHROMIUM_ARGS, DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll  # noqa: F401


@pytest.fixture
def demo_store(app, committed_db, demo_snapshot):
    """The demo catalog in the live server's database."""
    with app.test_request_context():
        restore_demo_data(app, committed_db, demo_snapshot)


def shown_count(page) -> int:
    return int(re.search(r"\d+", page.locator(".listing__count").inner_text()).group(0))


def choose(page, input_id: str) -> None:
    """Tick an option by its label, as a shopper would, and wait for htmx to push the new URL."""
    before = page.url
    page.locator(f"label[for='{input_id}']").click()
    page.wait_for_function("url => window.location.href !== url", arg=before)
    expect(page.locator(f"#{input_id}")).to_be_checked()


def first_brand_shown(page) -> str:
    return page.locator("#facet-brand-options .facet__options input").first.get_attribute("value")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_filter_by_family_brand_and_price_with_htmx(open_page, demo_store, language):
    page = open_page(language, DESKTOP)
    page.goto("/products")
    page.evaluate("window.listingMarker = 'still here'")
    everything = shown_count(page)

    choose(page, "f-family-oud")
    assert "family=oud" in page.url
    oud = shown_count(page)
    assert 0 < oud < everything

    brand = first_brand_shown(page)
    choose(page, f"f-brand-{brand}")
    assert f"brand={brand}" in page.url
    oud_of_brand = shown_count(page)
    assert 0 < oud_of_brand <= oud
    url_before_price = page.url

    page.fill("#f-price_min", "1")
    page.press("#f-price_min", "Tab")
    page.wait_for_url(re.compile(r"price_min=1(&|$)"))
    expect(page.locator(".chip")).to_have_count(3)
    assert page.evaluate("window.listingMarker") == "still here", "the page was reloaded"
    assert shown_count(page) <= oud_of_brand
    assert_accessible(page)

    filtered_url, filtered_count = page.url, shown_count(page)
    page.reload()
    assert page.url == filtered_url and shown_count(page) == filtered_count
    expect(page.locator("#f-family-oud")).to_be_checked()
    expect(page.locator(f"#f-brand-{brand}")).to_be_checked()
    expect(page.locator("#f-price_min")).to_have_value("1")

    page.go_back()
    page.wait_for_url(url_before_price)
    expect(page.locator(".chip")).to_have_count(2)
    assert shown_count(page) == oud_of_brand


def test_a_chip_removes_its_filter_and_clear_all_keeps_the_search(open_page, demo_store):
    page = open_page("en", DESKTOP)
    page.goto("/products?q=oud&family=oud&gender=men")
    page.locator(".chip", has_text="Men").click()
    page.wait_for_url(re.compile(r"/products\?q=oud&family=oud$"))
    page.get_by_role("link", name="Clear all").first.click()
    page.wait_for_url(re.compile(r"/products\?q=oud$"))
    expect(page.locator(".chip")).to_have_count(0)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_same_form_works_without_javascript(browser, live_server, demo_store, language):
    context = without_javascript(browser, live_server, language)
    try:
        page = context.new_page()
        page.goto("/products")
        page.locator("label[for='f-family-oud']").click()
        page.locator("#f-price_max").fill("500")
        page.locator("#filters .filters__actions button[type=submit]").click()
        page.wait_for_url(re.compile(r"family=oud.*price_max=500"))
        expect(page.locator("#f-family-oud")).to_be_checked()
        oud = shown_count(page)
        brand = first_brand_shown(page)
        page.locator(f"label[for='f-brand-{brand}']").click()
        page.locator("#filters .filters__actions button[type=submit]").click()
        page.wait_for_url(re.compile(f"brand={brand}"))
        assert 0 < shown_count(page) <= oud
        expect(page.locator(".chip")).to_have_count(3)
        page.go_back()
        expect(page.locator(".chip")).to_have_count(2)
        # Page links work without htmx.
        page.goto("/products")
        page.locator("a[rel=next]").first.click()
        page.wait_for_url(re.compile(r"page=2"))
    finally:
        context.close()


def test_load_more_appends_the_next_page(open_page, demo_store):
    page = open_page("en", DESKTOP)
    page.goto("/products?family=oud")
    cards = page.locator("#product-grid > li")
    expect(cards).to_have_count(24)
    first_name = cards.first.inner_text()
    page.locator("#load-more a").click()
    expect(cards).to_have_count(48)
    page.wait_for_url(re.compile(r"page=2"))
    assert cards.first.inner_text() == first_name
    expect(page.locator("#pagination [aria-current=page]")).to_have_text(re.compile("2"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_phone_drawer_opens_applies_and_gives_focus_back(open_page, demo_store, language):
    page = open_page(language, PHONE)
    page.goto("/products")
    assert has_no_horizontal_scroll(page)
    panel = page.locator("#filters")
    expect(panel).to_be_hidden()
    page.locator("#filters-open").click()
    expect(panel).to_be_visible()
    box = panel.bounding_box()
    assert box["height"] >= PHONE["height"] - 1  # full height
    # It slides from the inline-start edge: the left in English, the right in Arabic.
    assert (box["x"] <= 1) if language == "en" else (box["x"] + box["width"] >= PHONE["width"] - 1)
    assert_accessible(page)
    page.locator("label[for='f-family-oud']").click()
    page.wait_for_url(re.compile("family=oud"))
    page.locator("#filters .filters__actions button[type=submit]").click()
    expect(panel).to_be_hidden()
    expect(page.locator("#filters-open")).to_be_focused()
    expect(page.locator("#filters-open")).to_contain_text("1")
    assert has_no_horizontal_scroll(page)


def without_javascript(browser, live_server, language: str, viewport: dict = DESKTOP):
    return browser.new_context(base_url=live_server, viewport=viewport, java_script_enabled=False,
                               locale="ar-AE" if language == "ar" else "en-GB",
                               extra_http_headers={"Accept-Language": language})


@pytest.mark.parametrize("language", ["en", "ar"])
def test_show_all_loads_a_groups_whole_list_and_its_options_filter(open_page, demo_store, language):
    page = open_page(language, DESKTOP)
    page.goto("/products?gender=women")
    page.evaluate("window.listingMarker = 'still here'")
    brands = page.locator("#facet-brand-options .facet__options input")
    expect(brands).to_have_count(8)
    show_all = page.locator("#facet-brand .facet__show-all")
    total = int(re.search(r"\d+", show_all.inner_text()).group(0))
    url = page.url
    show_all.click()
    expect(brands).to_have_count(total)
    assert page.url == url  # showing more options is not a new listing state
    revealed = page.locator("#facet-brand-options [data-first-more] input")
    expect(revealed).to_be_focused()
    assert_accessible(page)
    brand = revealed.get_attribute("value")
    choose(page, f"f-brand-{brand}")
    assert f"brand={brand}" in page.url and "expand" not in page.url
    assert page.evaluate("window.listingMarker") == "still here", "the page was reloaded"
    expect(page.locator(".chip")).to_have_count(2)
    expect(brands).to_have_count(total)  # the list stays whole across the swap


@pytest.mark.parametrize("language", ["en", "ar"])
def test_notes_are_searched_on_the_server_in_either_script(open_page, demo_store, language):
    page = open_page(language, DESKTOP)
    page.goto("/products")
    search = page.locator("#f-note-search")
    expect(search).to_be_visible()
    notes = page.locator("#facet-note-options .facet__options input")
    for typed in ("عود", "oud"):
        search.fill(typed)
        expect(page.locator("#facet-note-options .facet__options input:not([value*='oud'])")).to_have_count(0)
        expect(page.locator("#f-note-oud")).to_be_visible()
        assert notes.count() > 5  # every oud, not only the top eight
    search.fill("saff")
    expect(notes).to_have_count(1)
    expect(page.locator("#facet-note-options")).to_contain_text("زعفران" if language == "ar" else "Saffron")
    search.press("Enter")  # searches; does not submit the filters
    page.locator("label[for='f-note-saffron']").click()
    page.wait_for_url(re.compile("note=saffron"))
    assert "facet_q" not in page.url
    expect(search).to_have_value("saff")  # kept across the swap, and asked again
    expect(notes).to_have_count(1)
    expect(page.locator("#f-note-saffron")).to_be_checked()
    search.fill("zzqq")
    expect(page.locator("#facet-note-options .facet__empty")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_show_all_is_a_plain_link_without_javascript(browser, live_server, demo_store, language):
    context = without_javascript(browser, live_server, language)
    try:
        page = context.new_page()
        page.goto("/products?family=oud")
        expect(page.locator("#f-note-search")).to_be_hidden()  # the note search needs the server's help
        notes = page.locator("#facet-note-options .facet__options input")
        expect(notes).to_have_count(8)
        page.locator("#facet-note .facet__show-all").click()
        page.wait_for_url(re.compile(r"expand=note"))
        assert notes.count() > 8
        expect(page.locator(".chip")).to_have_count(1)  # expanding is not a filter
        page.locator("label[for='f-note-saffron']").click()
        page.locator("#filters .filters__actions button[type=submit]").click()
        page.wait_for_url(re.compile(r"note=saffron"))
        expect(page.locator("#f-note-saffron")).to_be_checked()
        expect(page.locator(".chip")).to_have_count(2)
        assert notes.count() > 8  # still expanded
    finally:
        context.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_brand_and_shop_pages_are_accessible(open_page, demo_store, language, viewport):
    page = open_page(language, viewport)
    for path in ("/brands/dar-al-oud?family=oud", "/brands", "/v/khor-perfumes", "/categories/bakhoor"):
        page.goto(path)
        expect(page.locator("nav.breadcrumbs [aria-current=page]")).to_be_visible()
        assert has_no_horizontal_scroll(page), path
        assert_accessible(page)
