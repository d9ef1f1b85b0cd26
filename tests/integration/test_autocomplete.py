"""The header search's suggestions: perfumes, houses and notes by prefix, in either script; garbage in, nothing out."""
from __future__ import annotations

import re

import pytest

from app.search.arabic import normalise, words


@pytest.fixture
def store(demo_data):
    """The demo catalog, shown in the store."""


OPTION = re.compile(r'<a class="suggestion[^"]*" id="(suggestion-[a-z]+-\d+)" role="option".*?</a>', re.S)


def options(client, typed: str, language: str = "en") -> list[str]:
    response = client.get("/search/suggest", query_string={"q": typed}, headers={"Accept-Language": language})
    assert response.status_code == 200
    return [match.group(0) for match in OPTION.finditer(response.get_data(as_text=True))]


def names(found: list[str]) -> list[str]:
    return [re.search(r'class="suggestion__name">(?:<bdi>)?([^<]*)<', option).group(1) for option in found]


def has_word_starting(text: str, prefix: str) -> bool:
    return any(word.startswith(normalise(prefix)) for word in words(text))


def test_english_prefixes_find_perfumes_houses_and_notes(client, store):
    found = options(client, "dar al")
    products = [option for option in found if 'id="suggestion-product-' in option]
    assert 1 <= len(products) <= 8
    assert any('href="/brands/dar-al-oud"' in option for option in found)
    for option in products:
        assert re.search(r'href="/p/[a-z0-9-]+"', option) and "from AED" in option
        name, brand = re.findall(r'class="suggestion__(?:name|detail)">(?:<bdi>)?([^<]*)<', option)
        assert has_word_starting(f"{name} {brand}", "dar") and has_word_starting(f"{name} {brand}", "al")


def test_a_note_suggestion_opens_the_listing_of_that_note(client, store):
    found = options(client, "saffr")
    note = next(option for option in found if 'id="suggestion-note-' in option)
    assert 'href="/products?note=saffron"' in note and ">Saffron<" in note


def test_arabic_prefixes_are_folded_like_every_search(client, store):
    found = options(client, "عو", "ar")
    assert names(found) and "عود" in names(found)  # the note oud, by its Arabic name
    products = [option for option in found if 'id="suggestion-product-' in option]
    for option in products:
        name, brand = re.findall(r'class="suggestion__(?:name|detail)">(?:<bdi>)?([^<]*)<', option)
        assert has_word_starting(f"{name} {brand}", "عو")
        assert "من " in option  # "from" the price, in Arabic
    # Tashkeel and tatweel change nothing; alef forms fold to one.
    assert options(client, "عُو", "ar") == options(client, "عـو", "ar") == found
    assert names(options(client, "إسط", "ar")) == names(options(client, "اسط", "ar"))


def test_the_ui_language_picks_the_names_shown(client, store):
    english, arabic = names(options(client, "oud")), names(options(client, "oud", "ar"))
    assert english and arabic and len(english) == len(arabic) and english != arabic
    assert re.search(r"[\u0600-\u06FF]", arabic[0])


def test_short_long_or_garbage_text_gives_no_suggestions(client, store):
    for typed in ("", "a", "ع", "!!!", "   ", "x" * 101, "%' OR 1=1 --", "\x00\x01", "😀😀", "zzzqqq",
                  "<script>alert(1)</script>"):
        assert options(client, typed) == [], typed
    assert client.get("/search/suggest").status_code == 200  # no q at all


def test_no_suggestions_on_an_empty_store(client):
    assert options(client, "oud") == []


def test_a_client_asking_faster_than_anyone_types_is_refused(client, store):
    statuses = [client.get("/search/suggest?q=ou").status_code for _ in range(61)]
    assert statuses[:60] == [200] * 60 and statuses[60] == 429


def test_the_header_search_is_a_combobox_that_still_submits_without_javascript(client):
    page = client.get("/").get_data(as_text=True)
    form = re.search(r'<form class="search".*?</form>', page, re.S).group(0)
    assert 'action="/search"' in form and 'method="get"' in form and 'name="q"' in form
    assert 'role="combobox"' in form and 'aria-controls="site-search-suggestions"' in form
    assert 'aria-expanded="false"' in form and 'data-hx-get="/search/suggest"' in form
    assert 'id="site-search-suggestions"' in form and 'role="listbox"' in form
