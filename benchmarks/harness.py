"""What every benchmark shares: its command line, the servers it runs on, and an app with a filled catalog.

A script parses `catalog_arguments(...)`, hands its `run(options, database_url, redis_url)` to
`run_on_servers`, and inside `run` opens `prepared_app(...)`: migrated, the catalog filled when empty (the
demo generator, or `--source sql` for this file's quicker set-based SQL), the product_listing read model
rebuilt when empty (unless the script asks otherwise). Timings are printed as p50 / p95 / max in milliseconds by `percentiles(timed(...))`.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import text

SECRET_KEY = "benchmark-secret-key-that-is-long-enough-0123456789"

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


def catalog_arguments(description: str, runs: int | None = 300) -> argparse.ArgumentParser:
    """The options every benchmark takes (`--runs` only where it times repetitions); add your own to it."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--products", type=int, default=100_000)
    if runs is not None:
        parser.add_argument("--runs", type=int, default=runs)
    parser.add_argument("--source", choices=("generator", "sql"), default="generator",
                        help="fill with app.catalog.generator (realistic) or with the benchmarks' set-based SQL "
                             "(faster)")
    parser.add_argument("--database-url", help="use this (empty or already filled) database instead of a throwaway one")
    parser.add_argument("--redis-url", help="with --database-url: the Redis to use")
    return parser


def run_on_servers(options, run) -> None:
    """Call run(options, database_url, redis_url) on the given servers, or on a throwaway embedded
    PostgreSQL and Redis under a temporary directory, removed afterwards."""
    os.environ.setdefault("LOG_LEVEL", "WARNING")  # a log line per request would be measured too
    if options.database_url:
        run(options, options.database_url, options.redis_url)
        return

    from app.embedded import FAST_UNSAFE_SETTINGS, EmbeddedPostgres, EmbeddedRedis

    work = Path(tempfile.mkdtemp(prefix="aromasouq-bench-"))
    os.environ.update(APP_ENV="test", INSTANCE_PATH=str(work), LOG_LEVEL="WARNING", SECRET_KEY=SECRET_KEY)
    postgres = EmbeddedPostgres(work / "postgres", settings=FAST_UNSAFE_SETTINGS).start()
    redis_server = EmbeddedRedis(work / "redis", persistent=False).start()
    try:
        run(options, postgres.create_database("aromasouq_bench"), redis_server.url())
    finally:
        redis_server.stop()
        postgres.stop()
        shutil.rmtree(work, ignore_errors=True)


@contextmanager
def prepared_app(options, database_url: str, redis_url: str, *, rate_limits: bool = True, listing: bool = True):
    """The app on these servers, migrated, its catalog filled when empty and (with `listing`) its listing
    rebuilt when empty; its database connections are closed on the way out."""
    from flask_migrate import upgrade

    from app import create_app
    from app.config import Config, normalise_database_url
    from app.extensions import db

    config = Config()
    config.SQLALCHEMY_DATABASE_URI = normalise_database_url(database_url)
    config.REDIS_URL = config.RATELIMIT_STORAGE_URI = redis_url
    if not rate_limits:
        config.RATELIMIT_ENABLED = False  # the benchmark asks far faster than anyone would
    app = create_app(config)
    with app.app_context():
        upgrade()
        if not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product)")).scalar():
            start = time.perf_counter()
            source = fill_catalog(db, options.products, options.source)
            print(f"catalog of {options.products:,} products from {source}: {time.perf_counter() - start:.1f} s")
        if listing and not db.session.execute(text("SELECT EXISTS (SELECT 1 FROM product_listing)")).scalar():
            rebuild_listing()
    try:
        yield app
    finally:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


def fill_catalog(database, products: int, source: str) -> str:
    """Add the products (with the demo generator or CATALOG_SQL); returns where they came from."""
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


def rebuild_listing() -> None:
    """Rebuild the product_listing read model and print how long it took (inside an app context)."""
    from app.search.jobs import rebuild_product_listing

    start = time.perf_counter()
    shown = rebuild_product_listing()
    print(f"rebuild_listing(): {shown:,} visible products in {time.perf_counter() - start:.1f} s")


def vacuum_analyze() -> None:
    """Fresh statistics for the planner after a bulk load (inside an app context)."""
    from app.extensions import db

    with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
        connection.execute(text("VACUUM ANALYZE"))


def filter_choices(index, rng) -> dict[str, list[str]]:
    """FILTER_CHOICES plus five notes, excluded notes, vendors and brands that this catalog has."""
    choices = dict(FILTER_CHOICES)
    for name, dimension in (("note", "note"), ("exclude", "note"), ("vendor", "vendor"), ("brand", "brand")):
        choices[name] = rng.sample(index.dimensions[dimension].vocabulary, 5)
    return choices


def timed(function, runs: int) -> list[float]:
    """Milliseconds of each of `runs` calls."""
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def percentiles(samples: list[float]) -> str:
    """p50, p95 and max of the samples, as one aligned line."""
    ordered = sorted(samples)
    p95 = ordered[max(0, int(round(0.95 * len(ordered))) - 1)]
    return f"p50 {statistics.median(ordered):6.1f} ms   p95 {p95:6.1f} ms   max {ordered[-1]:6.1f} ms"
