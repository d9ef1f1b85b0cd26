"""Benchmark the home page, a listing page of 24 cards and the header's suggestions at 100,000 products.

    .venv/bin/python benchmarks/pages.py [--products 100000] [--runs 300] [--database-url URL --redis-url URL]

Like benchmarks/listing.py (whose catalog loading it reuses): a throwaway embedded PostgreSQL and Redis
under a temporary directory, the catalog from app.catalog.generator and its read model, then p50 / p95 /
max in milliseconds of whole requests through the app (Flask's test client, no network), in English and
Arabic: GET /, GET /products?page=N (24 cards, sorted several ways) and GET /search/suggest?q=… (as typed).
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

from benchmarks.listing import fill_catalog, percentiles, timed  # noqa: E402

TYPED = ["ro", "roy", "roya", "mid", "des", "oud", "am", "amb", "ذه", "عو", "عود", "مس", "sa", "saf", "dar al",
         "vel", "golden r", "bl", "نو", "ور"]
SORTS = ["relevance", "newest", "price_asc", "rating", "bestselling"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--source", choices=("generator", "sql"), default="generator")
    parser.add_argument("--database-url", help="use this (empty or already filled) database instead of a throwaway one")
    parser.add_argument("--redis-url", help="with --database-url: the Redis to use")
    options = parser.parse_args()
    if options.database_url:
        run(options, options.database_url, options.redis_url)
        return

    from app.embedded import FAST_UNSAFE_SETTINGS, EmbeddedPostgres, EmbeddedRedis

    work = Path(tempfile.mkdtemp(prefix="aromasouq-bench-"))
    os.environ.update(APP_ENV="test", INSTANCE_PATH=str(work), LOG_LEVEL="WARNING",
                      SECRET_KEY="benchmark-secret-key-that-is-long-enough-0123456789")
    postgres = EmbeddedPostgres(work / "postgres", settings=FAST_UNSAFE_SETTINGS).start()
    redis_server = EmbeddedRedis(work / "redis", persistent=False).start()
    try:
        run(options, postgres.create_database("aromasouq_bench"), redis_server.url())
    finally:
        redis_server.stop()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


def run(options, database_url: str, redis_url: str) -> None:
    from flask_migrate import upgrade

    from app import create_app
    from app.config import Config, normalise_database_url
    from app.extensions import db
    from app.search.jobs import rebuild_product_listing

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
    config.REDIS_URL = config.RATELIMIT_STORAGE_URI = redis_url
    config.RATELIMIT_ENABLED = False  # the benchmark types far faster than anyone
    app = create_app(config)
    rng = random.Random(5)
    with app.app_context():
        upgrade()
        if not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product)")).scalar():
            start = time.perf_counter()
            source = fill_catalog(db, options.products, options.source)
            print(f"catalog of {options.products:,} products from {source}: {time.perf_counter() - start:.1f} s")
        if not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product_listing)")).scalar():
            start = time.perf_counter()
            shown = rebuild_product_listing()
            print(f"rebuild_listing(): {shown:,} visible products in {time.perf_counter() - start:.1f} s")
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        listed = db.session.execute(text("SELECT count(*) FROM product_listing")).scalar()
        print(f"{listed:,} products in the store")

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
    print(f"home page                        {percentiles(timed(home, options.runs))}")
    print(f"listing page of 24 cards         {percentiles(timed(listing_page, options.runs))}")
    print(f"header suggestions               {percentiles(timed(suggestions, options.runs))}")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
