"""Benchmark the listing at 100,000 products: filters with all facet counts, text search, prefix lookups.

    .venv/bin/python benchmarks/listing.py [--products 100000] [--runs 300]

Starts a throwaway embedded PostgreSQL and Redis under a temporary directory (benchmarks/harness.py),
migrates, fills the catalog (with the demo generator, or `--source sql` for the harness's quicker set-based
SQL), rebuilds the product_listing read model, and prints p50 / p95 / max in milliseconds. Nothing of
`make run` is touched.
"""
from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.harness import (  # noqa: E402
    FILTER_CHOICES, catalog_arguments, filter_choices, percentiles, prepared_app, rebuild_listing,
    run_on_servers, timed, vacuum_analyze)

SEARCH_WORDS = ["oud", "rose", "amber", "royal", "midnight", "عود", "ورد", "مسك", "ذهبي", "leather", "musk oud",
                "desert rose", "saffron", "vanilla", "عنبر", "زعفران", "taif", "night"]
PREFIXES = ["ro", "roy", "mid", "des", "oud", "am", "ذه", "عو", "مخ", "house 1", "blue", "vel", "golden r"]


def main() -> None:
    run_on_servers(catalog_arguments(__doc__.splitlines()[0]).parse_args(), run)


def run(options, database_url: str, redis_url: str) -> None:
    from werkzeug.datastructures import MultiDict

    from app.catalog.filters import ListingQuery
    from app.extensions import db
    from app.search.backend import get_search_backend, search_products

    rng = random.Random(7)
    with prepared_app(options, database_url, redis_url, listing=False) as app, app.app_context():
        rebuild_listing()  # always: its time is one of the figures
        vacuum_analyze()
        backend = get_search_backend()
        start = time.perf_counter()
        index = backend.facet_index()
        print(f"facet index load: {time.perf_counter() - start:.2f} s")
        choices = filter_choices(index, rng)

        def three_filters():
            names = rng.sample(sorted(choices), 3)
            args = MultiDict([(name, rng.choice(choices[name])) for name in names])
            args["sort"] = rng.choice(["relevance", "price_asc", "newest", "rating", "bestselling"])
            args["page"] = str(rng.choice([1, 1, 1, 2, 5]))
            result = search_products(ListingQuery.from_args(args))
            db.session.rollback()
            return result

        def text_search(cold=False):
            if cold:
                backend._matches.clear()  # measure PostgreSQL's full-text search, not the per-process cache
            args = MultiDict({"q": rng.choice(SEARCH_WORDS)})
            if rng.random() < 0.5:
                args["gender"] = rng.choice(FILTER_CHOICES["gender"])
            result = search_products(ListingQuery.from_args(args))
            db.session.rollback()
            return result

        def prefix():
            return backend.suggest(rng.choice(PREFIXES))

        def typo():
            result = search_products(ListingQuery.from_args(MultiDict({"q": rng.choice(
                ["rooyal", "midnigt", "saffrn", "lether", "vanila"])})))
            db.session.rollback()
            return result

        for function in (three_filters, text_search, prefix):
            timed(function, 20)  # warm up
        sample = three_filters()
        print(f"(a 3-filter listing: {sample.total:,} products, {sum(len(v) for v in sample.facets.values())} "
              f"facet values over {len(sample.facets)} dimensions)")
        print(f"listing, 3 filters + all facets  {percentiles(timed(three_filters, options.runs))}")
        print(f"text search + all facets, cold   {percentiles(timed(lambda: text_search(cold=True), options.runs))}")
        print(f"text search + all facets, cached {percentiles(timed(text_search, options.runs))}")
        print(f"prefix lookup                    {percentiles(timed(prefix, options.runs))}")
        print(f"no result + did you mean         {percentiles(timed(typo, max(20, options.runs // 10)))}")
        print(f"no filters, page 1 + all facets  "
              f"{percentiles(timed(lambda: search_products(ListingQuery()), options.runs))}")


if __name__ == "__main__":
    main()
