"""Benchmark the product page at 100,000 products: GET /p/<slug> over many slugs, server time.

    .venv/bin/python benchmarks/product_page.py [--products 100000] [--runs 500]

Like benchmarks/listing.py (whose catalog loading it reuses): a throwaway embedded PostgreSQL and Redis
under a temporary directory, the catalog from app.catalog.generator, then p50 / p95 / max in
milliseconds of whole requests through the app (Flask's test client, no network): the page as a
guest, the page as a signed-in customer (their review form, recently viewed from Redis), the htmx
size switch, and a page of reviews.
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

from sqlalchemy import select, text  # noqa: E402

from benchmarks.listing import fill_catalog, percentiles, timed  # noqa: E402

BENCH_EMAIL = "bench.customer@example.com"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=500)
    parser.add_argument("--source", choices=("generator", "sql"), default="generator")
    parser.add_argument("--database-url", help="use this (empty or already filled) database instead of a throwaway one")
    parser.add_argument("--redis-url", help="with --database-url: the Redis to use")
    options = parser.parse_args()
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # a log line per request would be measured too
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
    from app.accounts.models import User
    from app.accounts.services import create_user
    from app.config import Config, normalise_database_url
    from app.extensions import db

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
    config.REDIS_URL = config.RATELIMIT_STORAGE_URI = redis_url
    app = create_app(config)
    rng = random.Random(11)
    with app.app_context():
        upgrade()
        if not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product)")).scalar():
            start = time.perf_counter()
            source = fill_catalog(db, options.products, options.source)
            print(f"catalog of {options.products:,} products from {source}: {time.perf_counter() - start:.1f} s")
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        # Visible products (the store's rule), with their sizes, and how many reviews they have.
        products = db.session.execute(text("""
            SELECT p.slug, array_agg(DISTINCT va.id), (SELECT count(*) FROM review r WHERE r.product_id = p.id)
            FROM product p JOIN variant va ON va.product_id = p.id
            JOIN offer o ON o.variant_id = va.id AND o.is_active
            JOIN vendor v ON v.id = o.vendor_id AND v.status = 'approved'
            WHERE p.status = 'approved' GROUP BY p.id ORDER BY random() LIMIT 5000""")).all()
        user = db.session.scalars(select(User).where(User.email == BENCH_EMAIL)).first() or \
            create_user(BENCH_EMAIL, "Bench Customer", "benchmark password 1", roles=("customer",))
        db.session.commit()
        user_id = user.get_id()
        reviewed = [row for row in products if row[2] > 8] or products
        print(f"{len(products):,} visible products sampled; the most reviewed has "
              f"{max(row[2] for row in products)} reviews")
        db.session.remove()

    guest = app.test_client()
    customer = app.test_client()
    with customer.session_transaction() as session:
        session["_user_id"], session["_fresh"] = user_id, True

    def page(client, headers=None, with_size=False):
        slug, sizes, _reviews = rng.choice(products)
        path = f"/p/{slug}" + (f"?size={rng.choice(sizes)}" if with_size else "")
        response = client.get(path, headers=headers or {})
        assert response.status_code == 200, (path, response.status_code)

    def reviews_page():
        slug, _sizes, count = rng.choice(reviewed)
        response = guest.get(f"/p/{slug}/reviews?page=2", headers={"HX-Request": "true"})
        assert response.status_code == 200

    for _ in range(50):  # warm up: templates compiled, connections pooled
        page(guest)
        page(customer)
    print(f"GET /p/<slug>, guest                {percentiles(timed(lambda: page(guest), options.runs))}")
    print(f"GET /p/<slug>, signed-in customer   {percentiles(timed(lambda: page(customer), options.runs))}")
    print(f"GET /p/<slug>?size=…, htmx          "
          f"{percentiles(timed(lambda: page(guest, {'HX-Request': 'true'}, True), options.runs))}")
    print(f"GET /p/<slug>/reviews?page=2, htmx  {percentiles(timed(reviews_page, options.runs))}")
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
