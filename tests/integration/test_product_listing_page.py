"""The first version of /products: the real catalog, search in both languages, sort, pages, clean on bad input."""
import re

import pytest


@pytest.fixture
def store(demo_data):
    """The demo catalog, shown in the store."""


def cards(response) -> int:
    return len(re.findall(r'<article class="product-card[" ]', response.get_data(as_text=True)))


def count_shown(response) -> int:
    return int(re.search(r'class="listing__count"[^>]*>(\d+)', response.get_data(as_text=True)).group(1))


def test_the_listing_shows_the_catalog_a_page_at_a_time(client, store):
    first = client.get("/products")
    assert first.status_code == 200 and cards(first) == 24 and count_shown(first) > 500
    assert 'rel="next"' in first.get_data(as_text=True)
    assert cards(client.get("/products?page=2")) == 24


def test_search_finds_the_same_perfumes_in_either_script(client, store):
    english, arabic = client.get("/products?q=oud"), client.get("/products?q=عود")
    assert count_shown(english) == count_shown(arabic) > 0


def test_a_misspelt_search_suggests_a_word(client, store):
    response = client.get("/products?q=amberr")
    assert count_shown(response) == 0 and "Did you mean" in response.get_data(as_text=True)


def test_prices_ascending(client, store):
    page = client.get("/products?sort=price_asc").get_data(as_text=True)
    prices = [float(p.replace(",", "")) for p in re.findall(r"from AED\xa0([\d,]+\.\d\d)", page)]
    assert prices and prices == sorted(prices)


@pytest.mark.parametrize("query", ["page=99999", "price_min=900&price_max=10", "family=nonsense",
                                   "q=%27%3B%20DROP%20TABLE%20product%3B--", "sort=evil", "page=-3"])
def test_odd_parameters_give_a_clean_page(client, store, query):
    assert client.get(f"/products?{query}").status_code == 200


def test_htmx_gets_only_the_results(client, store):
    response = client.get("/products?q=rose", headers={"HX-Request": "true"})
    body = response.get_data(as_text=True)
    assert "<html" not in body and 'class="product-grid"' in body
