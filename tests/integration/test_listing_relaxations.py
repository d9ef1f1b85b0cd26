"""With no result, the facet index says how many products each filter group would show once dropped:
checked against the listing's own count of the query without that group."""
from werkzeug.datastructures import MultiDict

from app.catalog.filters import ListingQuery
from app.search.backend import search_products
from tests.integration.test_listing_filters import catalog  # noqa: F401 (fixture)


def query_of(pairs) -> ListingQuery:
    return ListingQuery.from_args(MultiDict(pairs))


def test_each_group_dropped_alone_gives_the_count_of_the_others(app, catalog):
    pairs = [("brand", "maison-x"), ("gender", "women"), ("family", "amber"), ("price_min", "100"),
             ("price_max", "500"), ("in_stock", "1")]
    result = search_products(query_of(pairs))
    assert result.total == 0
    groups = {"brand": ("brand",), "gender": ("gender",), "family": ("family",),
              "price": ("price_min", "price_max"), "in_stock": ("in_stock",)}
    assert set(result.relaxations) == set(groups)
    for group, names in groups.items():
        others = [(name, value) for name, value in pairs if name not in names]
        assert result.relaxations[group] == search_products(query_of(others)).total, group
    # Only the price keeps Maison X's amber gift set for women (AED 600, in stock) out.
    assert result.relaxations == {"brand": 0, "gender": 0, "family": 0, "price": 1, "in_stock": 0}


def test_the_search_text_is_a_group_too(app, catalog):
    result = search_products(query_of([("q", "royal"), ("gender", "women")]))
    assert result.total == 0
    assert result.relaxations == {"gender": 1, "q": 2}  # Royal Oud; Taif Rose and the gift set


def test_a_page_with_results_needs_no_advice(app, catalog):
    assert search_products(query_of([("gender", "men")])).relaxations == {}
