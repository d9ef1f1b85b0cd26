"""Benchmark the product page at 100,000 products: GET /p/<slug> over many slugs, server time.

    .venv/bin/python benchmarks/product_page.py [--products 100000] [--runs 500]

Like benchmarks/listing.py (through the same benchmarks/harness.py): a throwaway embedded PostgreSQL and
Redis under a temporary directory, the catalog from app.catalog.generator, then p50 / p95 / max in
milliseconds of whole requests through the app (Flask's test client, no network): the page as a
guest, the page as a signed-in customer (their review form, recently viewed from Redis), the htmx
size switch, and a page of reviews.
"""
from __future__ import annotations

import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import select, text  # noqa: E402

from benchmarks.harness import (  # noqa: E402
    catalog_arguments, percentiles, prepared_app, run_on_servers, timed, vacuum_analyze)

BENCH_EMAIL = "bench.customer@example.com"


def main() -> None:
    run_on_servers(catalog_arguments(__doc__.splitlines()[0], runs=500).parse_args(), run)


def run(options, database_url: str, redis_url: str) -> None:
    with prepared_app(options, database_url, redis_url, listing=False) as app:  # the page reads the catalog tables
        measure(app, options.runs)


def measure(app, runs: int) -> None:
    """Time the product page, its size switch and a page of reviews, and print their percentiles."""
    from app.accounts.models import User
    from app.accounts.services import create_user
    from app.extensions import db

    rng = random.Random(11)
    with app.app_context():
        vacuum_analyze()
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
    print(f"GET /p/<slug>, guest                {percentiles(timed(lambda: page(guest), runs))}")
    print(f"GET /p/<slug>, signed-in customer   {percentiles(timed(lambda: page(customer), runs))}")
    print(f"GET /p/<slug>?size=…, htmx          "
          f"{percentiles(timed(lambda: page(guest, {'HX-Request': 'true'}, True), runs))}")
    print(f"GET /p/<slug>/reviews?page=2, htmx  {percentiles(timed(reviews_page, runs))}")


if __name__ == "__main__":
    main()
