"""Benchmark the listing at 100,000 products: filters with all facet counts, text search, prefix lookups.

    .venv/bin/python benchmarks/listing.py [--products 100000] [--runs 300]

Starts a throwaway embedded PostgreSQL and Redis under a temporary directory, migrates, fills the
catalog (with the demo generator, or `--source sql` for this file's quicker set-based SQL), rebuilds the
product_listing read model, and prints p50 / p95 / max in milliseconds. Nothing of `make run` is touched.
"""
from __future__ import annotations

import argparse
import random
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import text  # noqa: E402

CATALOG_SQL = """
SELECT setseed(0.42);
INSERT INTO category (slug, name_en, name_ar, position)
SELECT slug, initcap(slug), slug, n FROM unnest(ARRAY['perfume','attar-oil','bakhoor','body-mist','gift-set','home',
    'samples']) WITH ORDINALITY AS c(slug, n);
INSERT INTO brand (slug, name_en, name_ar, style, country, story_en, story_ar)
SELECT 'brand-' || g, 'House ' || g, 'دار ' || g, (ARRAY['arabian','designer','niche','indie'])[1 + g % 4],
       (ARRAY['AE','SA','FR','IT','GB','US','OM','KW'])[1 + g % 8], '', ''
FROM generate_series(1, 300) g;
INSERT INTO note (slug, name_en, name_ar, family)
SELECT 'note-' || g, (ARRAY['Oud','Rose','Amber','Musk','Saffron','Vanilla','Bergamot','Jasmine','Sandalwood',
       'Patchouli'])[1 + g % 10] || ' ' || g,
       (ARRAY['عود','ورد','عنبر','مسك','زعفران','فانيليا','برغموت','ياسمين','صندل','باتشولي'])[1 + g % 10] || ' ' || g,
       (ARRAY['oud','amber','woody','floral','fresh','citrus','aquatic','gourmand','spicy','musky','leather',
              'aromatic','fruity','green','powdery'])[1 + g % 15]
FROM generate_series(1, 150) g;
INSERT INTO vendor (slug, name_en, name_ar, story_en, story_ar, status, commission_rate, emirate)
SELECT 'vendor-' || g, 'Vendor ' || g, 'متجر ' || g, '', '', CASE WHEN g % 10 = 0 THEN 'suspended' ELSE 'approved' END,
       0.15, (ARRAY['dubai','abu-dhabi','sharjah','ajman','umm-al-quwain','ras-al-khaimah','fujairah'])[1 + g % 7]
FROM generate_series(1, 40) g;
INSERT INTO product (slug, brand_id, category_id, name_en, name_ar, description_en, description_ar, gender,
                     concentration, family, launch_year, perfumer, alcohol_free, occasions, status, created_at,
                     approved_at)
SELECT 'product-' || g, 1 + (random() * 299)::int, 1 + (random() * 6)::int,
       (ARRAY['Royal','Midnight','Desert','Golden','Velvet','Silver','Black','White','Blue','Crimson'])[1 + (random() * 9)::int]
         || ' ' || (ARRAY['Oud','Rose','Amber','Musk','Saffron','Leather','Iris','Tobacco','Vetiver','Neroli'])[1 + (random() * 9)::int]
         || ' ' || g,
       (ARRAY['ملكي','منتصف الليل','صحراء','ذهبي','مخملي','فضي','أسود','أبيض','أزرق','قرمزي'])[1 + (random() * 9)::int]
         || ' ' || (ARRAY['عود','ورد','عنبر','مسك','زعفران','جلد','سوسن','تبغ','فيتيفر','نيرولي'])[1 + (random() * 9)::int]
         || ' ' || g,
       'A long-lasting scent with warm notes and a soft dry-down.', 'عطر يدوم طويلا بنفحات دافئة.',
       (ARRAY['men','women','unisex'])[1 + (random() * 2)::int],
       (ARRAY['extrait','parfum','edp','edt','edc','oil'])[1 + (random() * 5)::int],
       (ARRAY['oud','amber','woody','floral','fresh','citrus','aquatic','gourmand','spicy','musky','leather',
              'aromatic','fruity','green','powdery'])[1 + (random() * 14)::int],
       1980 + (random() * 45)::int, 'Perfumer ' || (random() * 120)::int, random() < 0.15,
       string_to_array((ARRAY['day,office', 'night,evening', 'wedding,night', 'ramadan-eid,evening',
                              'day,night'])[1 + (random() * 4)::int], ',')::varchar[],
       CASE WHEN random() < 0.97 THEN 'approved' ELSE 'pending' END,
       now() - random() * interval '900 days', now() - random() * interval '900 days'
FROM generate_series(1, :products) g;
INSERT INTO variant (product_id, size_ml, kind)
SELECT id, 100, 'full' FROM product
UNION ALL SELECT id, 50, 'full' FROM product WHERE random() < 0.5
UNION ALL SELECT id, 3, 'sample' FROM product WHERE random() < 0.3
UNION ALL SELECT id, 200, 'gift-set' FROM product WHERE random() < 0.1;
INSERT INTO offer (vendor_id, variant_id, price, compare_at_price, stock, sku, delivery_promise, gift_wrap,
                   cashback_percent, is_active)
SELECT vendor_id, id, price, CASE WHEN random() < 0.2 THEN price * 1.25 END, (random() * 20)::int,
       'SKU-' || id || '-' || vendor_id, (ARRAY['same-day','next-day','standard'])[1 + (random() * 2)::int],
       random() < 0.2, CASE WHEN random() < 0.3 THEN 5 ELSE 0 END, random() < 0.97
FROM (
    SELECT v.id, 1 + (random() * 39)::int AS vendor_id,
           round((CASE WHEN v.kind = 'sample' THEN 15 + random() * 60 ELSE 60 + random() * 1800 END)::numeric, 2)
               AS price
    FROM variant v
) s;
INSERT INTO offer (vendor_id, variant_id, price, stock, sku, delivery_promise, gift_wrap, cashback_percent,
                   is_active)
SELECT 1 + (o.vendor_id % 40), o.variant_id, round(o.price * (0.9 + random() * 0.2)::numeric, 2), (random() * 10)::int,
       'SKU2-' || o.id, 'standard', false, 0, true
FROM offer o WHERE random() < 0.4;
INSERT INTO product_note (product_id, note_id, layer, position)
SELECT p.id, 1 + (p.seed + k * 17) % 150, (ARRAY['top','heart','base'])[1 + k / 3], k % 3
FROM (SELECT id, (random() * 149)::int AS seed FROM product) p, generate_series(0, 8) k;
INSERT INTO review (product_id, author_name, rating, body, language, longevity, sillage, seasons, times_of_day,
                    created_at, updated_at)
SELECT p.id, 'Reviewer', 1 + (random() * 4)::int, '', 'en', 1 + (random() * 4)::int, 1 + (random() * 4)::int,
       string_to_array((ARRAY['winter', 'summer,spring', 'autumn,winter', 'spring'])[1 + (random() * 3)::int],
                       ',')::varchar[],
       '{}', now() - random() * interval '120 days', now()
FROM product p, generate_series(1, 3) r WHERE random() < 0.5;
"""

FILTER_CHOICES = {
    "gender": ["men", "women", "unisex"],
    "family": ["oud", "amber", "woody", "floral", "fresh", "musky"],
    "concentration": ["edp", "edt", "parfum", "oil"],
    "category": ["perfume", "attar-oil", "gift-set"],
    "style": ["arabian", "designer", "niche"],
    "season": ["winter", "summer", "spring"],
    "occasion": ["night", "office", "wedding"],
    "size": ["1-10", "31-60", "61-100"],
    "in_stock": ["1"], "on_sale": ["1"], "rating": ["3", "4"], "price_max": ["300", "800"],
    "delivery": ["dubai", "sharjah"],  # note, exclude, vendor and brand: picked from the loaded catalog
}
SEARCH_WORDS = ["oud", "rose", "amber", "royal", "midnight", "عود", "ورد", "مسك", "ذهبي", "leather", "musk oud",
                "desert rose", "saffron", "vanilla", "عنبر", "زعفران", "taif", "night"]
PREFIXES = ["ro", "roy", "mid", "des", "oud", "am", "ذه", "عو", "مخ", "house 1", "blue", "vel", "golden r"]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return f"p50 {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   max {ordered[-1]:6.1f} ms"


def fill_catalog(database, products: int, source: str) -> str:
    if source == "generator":
        from app.catalog.generator import generate_catalog

        generate_catalog(products, seed=1, session=database.session)
        database.session.commit()
        return "app.catalog.generator (the demo vocabulary)"
    for statement in CATALOG_SQL.split(";\n"):
        if statement.strip():
            database.session.execute(text(statement), {"products": products} if ":products" in statement else {})
    database.session.commit()
    return "the benchmark's own SQL"


def timed(function, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--source", choices=("generator", "sql"), default="generator",
                        help="fill with app.catalog.generator (realistic) or with this file's set-based SQL (faster)")
    parser.add_argument("--database-url", help="use this (empty or already filled) database instead of a throwaway one")
    parser.add_argument("--redis-url", help="with --database-url: the Redis to use")
    options = parser.parse_args()
    if options.database_url:
        run(options, options.database_url, options.redis_url)
        return

    import os

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
    from werkzeug.datastructures import MultiDict

    from app import create_app
    from app.catalog.filters import ListingQuery
    from app.config import Config, normalise_database_url
    from app.extensions import db
    from app.search.backend import get_search_backend, search_products
    from app.search.jobs import rebuild_product_listing

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
    config.REDIS_URL = config.RATELIMIT_STORAGE_URI = redis_url
    app = create_app(config)
    rng = random.Random(7)
    with app.app_context():
        upgrade()
        if not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product)")).scalar():
            start = time.perf_counter()
            source = fill_catalog(db, options.products, options.source)
            print(f"catalog of {options.products:,} products from {source}: {time.perf_counter() - start:.1f} s")
        start = time.perf_counter()
        shown = rebuild_product_listing()
        print(f"rebuild_listing(): {shown:,} visible products in {time.perf_counter() - start:.1f} s")
        db.session.commit()
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(text("VACUUM ANALYZE"))
        backend = get_search_backend()
        start = time.perf_counter()
        index = backend.facet_index()
        print(f"facet index load: {time.perf_counter() - start:.2f} s")
        choices = dict(FILTER_CHOICES)
        for name, dimension in (("note", "note"), ("exclude", "note"), ("vendor", "vendor"), ("brand", "brand")):
            choices[name] = rng.sample(index.dimensions[dimension].vocabulary, 5)  # values this catalog has

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
        db.session.remove()
        db.engine.dispose()


if __name__ == "__main__":
    main()
