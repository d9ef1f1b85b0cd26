"""Keep the product_listing read model in step with the catalog: rebuild it all, or refresh some products.

One INSERT … SELECT computes every row from the catalog tables, so a refresh of one product and a
rebuild of 100,000 run the same SQL. A product has a row only while it is approved and an approved
vendor has an active offer on one of its sizes; a refresh deletes the rows of the products it is given
and inserts those still visible, so hiding a product is a refresh too.

After a change commits, `bump_listing_version()` tells every web process to reload its facet index.
"""
from __future__ import annotations

import uuid
from collections.abc import Iterable

from sqlalchemy import text

from app.catalog.filters import SIZE_BUCKETS
from app.core.queues import redis_connection
from app.extensions import db
from app.search.arabic import sql_normalise as N
from app.search.facets import NAME_TEXT, WORD_SEPARATORS

LISTING_VERSION_KEY = "aromasouq:search:listing_version"
# A season shows on a product when at least this share of the reviews that voted seasons chose it.
SEASON_SHARE = 0.3
TRENDING_HALF_LIFE_DAYS = 14
# The catalog tables a listing row is computed from.
SOURCE_TABLES = ("product", "brand", "category", "variant", "offer", "vendor", "product_note", "note", "review",
                 "product_image")


def _size_bucket_sql() -> str:
    cases = " ".join(
        f"WHEN va.size_ml > {low} AND va.size_ml <= {high} THEN '{slug}'" if high is not None
        else f"WHEN va.size_ml > {low} THEN '{slug}'"
        for slug, low, high in SIZE_BUCKETS
    )
    return f"CASE {cases} END"


def _seasons_sql() -> str:
    picks = ", ".join(
        f"CASE WHEN rv.{season} >= {SEASON_SHARE} * rv.season_votes AND rv.{season} > 0 THEN '{season}' END"
        for season in ("spring", "summer", "autumn", "winter")
    )
    return f"coalesce(array_remove(ARRAY[{picks}], NULL), '{{}}')::varchar[]"


_EN_NAMES = "p.name_en || ' ' || b.name_en"
_AR_NAMES = "p.name_ar || ' ' || b.name_ar"
_EN_MORE = "coalesce(nt.names_en, '') || ' ' || p.family || ' ' || cat.name_en || ' ' || coalesce(p.perfumer, '')"
_AR_MORE = "coalesce(nt.names_ar, '') || ' ' || cat.name_ar"

LISTING_COLUMNS = """
    product_id, slug, name_en, name_ar, brand_id, brand_slug, brand_name_en, brand_name_ar, category, gender,
    concentration, family, style, origin, perfumer, launch_year, alcohol_free, vendor_ids, vendor_slugs,
    min_price, max_price, compare_at_price, sample_price, min_price_per_ml, size_buckets, note_ids, top_note_ids,
    heart_note_ids, base_note_ids, seasons, occasions, rating_avg, rating_count, longevity_avg, sillage_avg, in_stock,
    on_sale, gift, sample, rewards, same_day_emirates, next_day_emirates, trending_score,
    bestselling_score, popularity, listed_at, photo_path, photo_widths, refreshed_at"""

# {where} narrows the products (empty for a rebuild). Weights: names A, notes and kind B, descriptions D.
# The rows are computed once, then written to the read model and (their tsvectors) to product_search.
LISTING_SQL = f"""
WITH chosen AS (
    SELECT p.* FROM product p WHERE p.status = 'approved' {{where}}
), offers AS (
    SELECT va.product_id,
           array_agg(DISTINCT o.vendor_id ORDER BY o.vendor_id) AS vendor_ids,
           array_agg(DISTINCT ven.slug) AS vendor_slugs,
           -- A card's price is its cheapest full size's; samples only price a product sold only as samples.
           coalesce(min(o.price) FILTER (WHERE va.kind <> 'sample'), min(o.price)) AS min_price,
           max(o.price) AS max_price,
           (array_agg(o.compare_at_price
                      ORDER BY va.kind = 'sample', o.price, o.compare_at_price DESC NULLS LAST))[1] AS compare_at_price,
           CASE WHEN bool_or(va.kind <> 'sample') THEN min(o.price) FILTER (WHERE va.kind = 'sample') END
               AS sample_price,
           min(o.price / va.size_ml) AS min_price_per_ml,
           array_agg(DISTINCT {_size_bucket_sql()}) AS size_buckets,
           bool_or(o.stock > 0) AS in_stock,
           bool_or(o.compare_at_price IS NOT NULL) AS on_sale,
           bool_or(va.kind = 'gift-set' OR o.gift_wrap) AS gift,
           bool_or(va.kind = 'sample') AS sample,
           bool_or(o.cashback_percent > 0) AS rewards,
           coalesce(array_agg(DISTINCT ven.emirate)
                    FILTER (WHERE o.stock > 0 AND o.delivery_promise = 'same-day'), '{{}}') AS same_day,
           coalesce(array_agg(DISTINCT ven.emirate)
                    FILTER (WHERE o.stock > 0 AND o.delivery_promise IN ('same-day', 'next-day')), '{{}}')
               AS next_day
    FROM chosen p
    JOIN variant va ON va.product_id = p.id
    JOIN offer o ON o.variant_id = va.id AND o.is_active
    JOIN vendor ven ON ven.id = o.vendor_id AND ven.status = 'approved'
    GROUP BY va.product_id
), nt AS (
    SELECT pn.product_id,
           array_agg(DISTINCT pn.note_id) AS note_ids,
           coalesce(array_agg(DISTINCT pn.note_id) FILTER (WHERE pn.layer = 'top'), '{{}}') AS top_ids,
           coalesce(array_agg(DISTINCT pn.note_id) FILTER (WHERE pn.layer = 'heart'), '{{}}') AS heart_ids,
           coalesce(array_agg(DISTINCT pn.note_id) FILTER (WHERE pn.layer = 'base'), '{{}}') AS base_ids,
           string_agg(DISTINCT n.name_en, ' ') AS names_en,
           string_agg(DISTINCT n.name_ar, ' ') AS names_ar
    FROM product_note pn JOIN offers USING (product_id) JOIN note n ON n.id = pn.note_id
    GROUP BY pn.product_id
), rv AS (
    SELECT r.product_id, avg(r.rating)::float AS rating_avg, count(*) AS rating_count,
           avg(r.longevity)::float AS longevity_avg, avg(r.sillage)::float AS sillage_avg,
           sum(exp(-extract(epoch FROM now() - r.created_at) / 86400.0 / {TRENDING_HALF_LIFE_DAYS} * ln(2)))
               AS recent,
           count(*) FILTER (WHERE cardinality(r.seasons) > 0) AS season_votes,
           count(*) FILTER (WHERE 'spring' = ANY(r.seasons)) AS spring,
           count(*) FILTER (WHERE 'summer' = ANY(r.seasons)) AS summer,
           count(*) FILTER (WHERE 'autumn' = ANY(r.seasons)) AS autumn,
           count(*) FILTER (WHERE 'winter' = ANY(r.seasons)) AS winter
    FROM review r JOIN offers USING (product_id)
    GROUP BY r.product_id
), computed ({LISTING_COLUMNS}, search_vector) AS (
SELECT p.id, p.slug, p.name_en, p.name_ar, b.id, b.slug, b.name_en, b.name_ar, cat.slug, p.gender,
       p.concentration, p.family, b.style, b.country, p.perfumer, p.launch_year, p.alcohol_free,
       o.vendor_ids, o.vendor_slugs, o.min_price, o.max_price, o.compare_at_price, o.sample_price,
       o.min_price_per_ml,
       array_remove(o.size_buckets, NULL), coalesce(nt.note_ids, '{{}}'), coalesce(nt.top_ids, '{{}}'),
       coalesce(nt.heart_ids, '{{}}'), coalesce(nt.base_ids, '{{}}'), {_seasons_sql()}, p.occasions,
       rv.rating_avg, coalesce(rv.rating_count, 0), rv.longevity_avg, rv.sillage_avg, o.in_stock,
       o.on_sale, o.gift OR cat.slug = 'gift-set', o.sample OR cat.slug = 'samples', o.rewards,
       o.same_day, o.next_day,
       coalesce(rv.recent, 0),
       -- Until orders exist, reviews stand in for sales; the orders issue refreshes this score.
       coalesce(rv.rating_count, 0),
       0.4 * coalesce(rv.rating_avg, 3) / 5 + 0.4 * (1 - exp(-coalesce(rv.rating_count, 0) / 50.0))
           + 0.2 * (1 - exp(-coalesce(rv.recent, 0) / 5.0)),
       coalesce(p.approved_at, p.created_at), photo.path, coalesce(photo.widths, '{{}}'), now(),
       setweight(to_tsvector('english', {N(_EN_NAMES)}), 'A')
           || setweight(to_tsvector('arabic', {N(_AR_NAMES)}), 'A')
           || setweight(to_tsvector('simple', {N(_EN_NAMES + " || ' ' || " + _AR_NAMES)}), 'A')
           || setweight(to_tsvector('english', {N(_EN_MORE)}), 'B')
           || setweight(to_tsvector('arabic', {N(_AR_MORE)}), 'B')
           || setweight(to_tsvector('simple', {N(_EN_MORE + " || ' ' || " + _AR_MORE)}), 'B')
           || setweight(to_tsvector('english', {N("left(p.description_en, 2000)")}), 'D')
           || setweight(to_tsvector('arabic', {N("left(p.description_ar, 2000)")}), 'D')
FROM chosen p
JOIN offers o ON o.product_id = p.id
JOIN brand b ON b.id = p.brand_id
JOIN category cat ON cat.id = p.category_id
LEFT JOIN nt ON nt.product_id = p.id
LEFT JOIN rv ON rv.product_id = p.id
LEFT JOIN LATERAL (
    SELECT pi.path, pi.widths FROM product_image pi WHERE pi.product_id = p.id ORDER BY pi.position, pi.id LIMIT 1
) photo ON true
), listed AS (
    INSERT INTO product_listing ({LISTING_COLUMNS}) SELECT {LISTING_COLUMNS} FROM computed RETURNING product_id
)
INSERT INTO product_search (product_id, search_vector) SELECT product_id, search_vector FROM computed
"""

# The lexicon of "did you mean": the words (3 letters or more, not numbers) of the names people search by.
TERMS_SQL = f"""
INSERT INTO search_term (term)
SELECT DISTINCT word FROM (
    SELECT regexp_split_to_table({N(NAME_TEXT)},
                                 '{WORD_SEPARATORS}') AS word
    FROM product_listing WHERE {{where}}
    UNION ALL
    SELECT regexp_split_to_table({N("name_en || ' ' || name_ar")}, '{WORD_SEPARATORS}') FROM note
    UNION ALL
    SELECT regexp_split_to_table({N("name_en || ' ' || name_ar")}, '{WORD_SEPARATORS}') FROM brand
) AS words
WHERE char_length(word) >= 3 AND word !~ '^[0-9]+$'
ON CONFLICT (term) DO NOTHING
"""


def refresh_listing(product_ids: Iterable[int]) -> int:
    """Recompute the rows of these products (removing those no longer visible); return how many show."""
    ids = sorted({int(product_id) for product_id in product_ids})
    if not ids:
        return 0
    db.session.execute(text("DELETE FROM product_listing WHERE product_id = ANY(:ids)"), {"ids": ids})
    db.session.execute(text("DELETE FROM product_search WHERE product_id = ANY(:ids)"), {"ids": ids})
    inserted = db.session.execute(text(LISTING_SQL.replace("{where}", "AND p.id = ANY(:ids)")), {"ids": ids})
    db.session.execute(text(TERMS_SQL.replace("{where}", "product_id = ANY(:ids)")), {"ids": ids})
    return inserted.rowcount


def rebuild_listing() -> int:
    """Recompute the whole read model from the catalog; return how many products show."""
    db.session.execute(text("DELETE FROM product_listing"))
    db.session.execute(text("DELETE FROM product_search"))
    db.session.execute(text("DELETE FROM search_term"))
    # A rebuild usually follows a bulk load in the same transaction: without fresh statistics the planner
    # takes the just-filled tables for empty and nests loops over them (minutes instead of a second).
    db.session.execute(text(f"ANALYZE {', '.join(SOURCE_TABLES)}"))
    inserted = db.session.execute(text(LISTING_SQL.replace("{where}", "")))
    db.session.execute(text(TERMS_SQL.replace("{where}", "true")))
    return inserted.rowcount


def product_ids_of_vendor(vendor_id: int) -> list[int]:
    """The products one vendor offers (their rows change when the vendor is approved or suspended)."""
    return list(db.session.execute(text(
        "SELECT DISTINCT va.product_id FROM offer o JOIN variant va ON va.id = o.variant_id "
        "WHERE o.vendor_id = :vendor_id"), {"vendor_id": vendor_id}).scalars())


def bump_listing_version() -> str:
    """Tell every process that the read model changed (their facet indexes reload on the next query)."""
    version = uuid.uuid4().hex
    redis_connection().set(LISTING_VERSION_KEY, version)
    return version


def listing_version() -> str:
    """The read model's version. When Redis has lost it (a restart without persistence), the first reader
    sets a new one that every process then shares, rather than each reloading its index on every query."""
    connection = redis_connection()
    raw = connection.get(LISTING_VERSION_KEY)
    if raw is None:
        connection.set(LISTING_VERSION_KEY, uuid.uuid4().hex, nx=True)
        raw = connection.get(LISTING_VERSION_KEY)
    return raw.decode()
