"""Benchmark the home page, a listing page of 24 cards and the header's suggestions at 100,000 products.

    .venv/bin/python benchmarks/pages.py [--products 100000] [--runs 300] [--database-url URL --redis-url URL]

Like benchmarks/listing.py (through the same benchmarks/harness.py): a throwaway embedded PostgreSQL and
Redis under a temporary directory, the catalog from app.catalog.generator and its read model, then p50 / p95 /
max in milliseconds of whole requests through the app (Flask's test client, no network), in English and
Arabic: GET /, GET /products?page=N (24 cards, sorted several ways) and GET /search/suggest?q=… (as typed).
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.harness import (  # noqa: E402
    catalog_arguments, percentiles, prepared_app, run_on_servers, timed, vacuum_analyze)

TYPED = ["ro", "roy", "roya", "mid", "des", "oud", "am", "amb", "ذه", "عو", "عود", "مس", "sa", "saf", "dar al",
         "vel", "golden r", "bl", "نو", "ور"]
SORTS = ["relevance", "newest", "price_asc", "rating", "bestselling"]


def main() -> None:
    run_on_servers(catalog_arguments(__doc__.splitlines()[0]).parse_args(), run)


def run(options, database_url: str, redis_url: str) -> None:
    from app.extensions import db

    rng = random.Random(5)
    # No rate limits: the benchmark types far faster than anyone.
    with prepared_app(options, database_url, redis_url, rate_limits=False) as app:
        with app.app_context():
            vacuum_analyze()
            listed = db.session.execute(text("SELECT count(*) FROM product_listing")).scalar()
            print(f"{listed:,} products in the store")
        measure(app, rng, options.runs)


def measure(app, rng: random.Random, runs: int) -> None:
    """Time the three kinds of request through the test client and print their percentiles."""
    client = app.test_client()
    languages = ({"Accept-Language": "en"}, {"Accept-Language": "ar"})

    def get(path: str) -> None:
        response = client.get(path, headers=rng.choice(languages))
        assert response.status_code == 200, (path, response.status_code)

    def home():
        get("/")

    def listing_page():
        get(f"/products?sort={rng.choice(SORTS)}&page={rng.choice([1, 1, 2, 3, 40])}")

    def suggestions():
        get(f"/search/suggest?q={rng.choice(TYPED)}")

    for function in (home, listing_page, suggestions):
        timed(function, 20)  # warm up (the facet index loads on the first request)
    print(f"home page                        {percentiles(timed(home, runs))}")
    print(f"listing page of 24 cards         {percentiles(timed(listing_page, runs))}")
    print(f"header suggestions               {percentiles(timed(suggestions, runs))}")


if __name__ == "__main__":
    main()
