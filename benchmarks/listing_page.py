"""Benchmark the whole listing page at 100,000 products: search, facet counts AND the render, per request.

    .venv/bin/python benchmarks/listing_page.py [--products 100000] [--runs 300] [--profile]
    .venv/bin/python benchmarks/listing_page.py --database-url … --redis-url …   # an already filled catalog

Like benchmarks/pages.py: a throwaway embedded PostgreSQL and Redis (or the given ones), the catalog from
app.catalog.generator and its read model, then whole requests through Flask's test client (no network), in
English and Arabic: GET /products unfiltered and with three filters (the filter panel included), the same
queries' search alone (so the difference is the render), and one long facet's full list and a note search
from the facet endpoint. Prints the HTML size and p50 / p95 / max in milliseconds; `--profile` adds the
functions that cost most in one unfiltered and one three-filter request.
"""
from __future__ import annotations

import cProfile
import io
import pstats
import random
import sys
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.harness import (  # noqa: E402
    catalog_arguments, filter_choices, percentiles, prepared_app, run_on_servers, timed)

LANGUAGES = ({"Accept-Language": "en"}, {"Accept-Language": "ar"})
NOTE_SEARCHES = ["oud", "ros", "عود", "ورد", "مسك", "saf", "van", "زعفر", "amb", "jas"]


def main() -> None:
    parser = catalog_arguments(__doc__.splitlines()[0])
    parser.add_argument("--profile", action="store_true", help="print the costliest functions of two requests")
    run_on_servers(parser.parse_args(), run)


def run(options, database_url: str, redis_url: str) -> None:
    from app.extensions import db
    from app.search.backend import get_search_backend

    rng = random.Random(11)
    with prepared_app(options, database_url, redis_url, rate_limits=False) as app:
        with app.app_context():
            print(f"{db.session.execute(text('SELECT count(*) FROM product_listing')).scalar():,} "
                  "products in the store")
            choices = filter_choices(get_search_backend().facet_index(), rng)
        measure(app, rng, choices, options)


def measure(app, rng: random.Random, choices: dict[str, list[str]], options) -> None:
    """Time the listing page, its search alone and the facet endpoint, and print their percentiles."""
    from werkzeug.datastructures import MultiDict

    from app.catalog.filters import ListingQuery
    from app.extensions import db
    from app.search.backend import search_products

    client = app.test_client()

    def three_filters() -> list[tuple[str, str]]:
        pairs = [(name, rng.choice(choices[name])) for name in rng.sample(sorted(choices), 3)]
        pairs.append(("sort", rng.choice(["relevance", "price_asc", "newest", "rating", "bestselling"])))
        return pairs

    def get(path: str, headers: dict | None = None):
        response = client.get(path, headers=headers or rng.choice(LANGUAGES))
        assert response.status_code == 200, (path, response.status_code)
        return response

    def unfiltered_page():
        get("/products")

    def filtered_page():
        get(f"/products?{urlencode(three_filters())}")

    def filtered_search_only():
        with app.test_request_context(headers=rng.choice(LANGUAGES)):
            search_products(ListingQuery.from_args(MultiDict(three_filters())))
            db.session.remove()

    def full_note_facet():
        get(f"/products/facets/note?{urlencode(three_filters())}", {"HX-Request": "true", **rng.choice(LANGUAGES)})

    def note_search():
        get(f"/products/facets/note?{urlencode([*three_filters(), ('facet_q', rng.choice(NOTE_SEARCHES))])}",
            {"HX-Request": "true", **rng.choice(LANGUAGES)})

    facet_endpoint = "catalog.list_facet_options" in app.view_functions
    measured = [("GET /products, no filter", unfiltered_page), ("GET /products, 3 filters", filtered_page),
                ("search alone, 3 filters", filtered_search_only)]
    if facet_endpoint:
        measured += [("all notes (facet endpoint)", full_note_facet), ("note search (facet_q)", note_search)]
    for _label, function in measured:
        timed(function, 20)  # warm up: the facet index loads on the first request

    for language in LANGUAGES:
        body = get("/products", language).get_data()
        filtered = get("/products?family=oud&gender=men&price_max=800", language).get_data()
        print(f"HTML of /products ({language['Accept-Language']}): {len(body) / 1024:.0f} KB unfiltered, "
              f"{len(filtered) / 1024:.0f} KB with 3 filters")
    for label, function in measured:
        print(f"{label:<32} {percentiles(timed(function, options.runs))}")
    if options.profile:
        for path in ("/products", "/products?family=oud&gender=men&price_max=800"):
            profile(client, path)


def profile(client, path: str) -> None:
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(20):
        client.get(path, headers={"Accept-Language": "ar"})
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(25)
    print(f"--- profile of 20 × GET {path} (Arabic), by cumulative time ---")
    print("\n".join(out.getvalue().splitlines()[:60]))


if __name__ == "__main__":
    main()
