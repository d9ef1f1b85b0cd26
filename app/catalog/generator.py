"""A large generated catalog for benchmarks: `generate_catalog(100_000, seed)` in a few minutes.

It builds on the demo vocabulary and the demo's `CatalogBuilder` (so generated products read like the demo's),
adds synthetic houses and shops so that each house has a plausible number of products, reserves ids from the
tables' sequences, and streams the rows with PostgreSQL's COPY through the session's own connection (inside
its transaction: the caller commits).
"""
from __future__ import annotations

import math
import random
from collections.abc import Callable
from datetime import datetime, timezone

from sqlalchemy.orm import Session

from app.catalog import demo_vocabulary as vocab
from app.catalog.demo import (
    PRODUCTS_PER_HOUSE,
    STYLE_FAMILIES,
    CatalogBuilder,
    ProductSpec,
    build_reviews,
    ensure_demo_reviewers,
    ensure_reference_data,
    slugify,
)
from app.catalog.demo_vocabulary import DemoHouse, DemoVendor
from app.extensions import db

CHUNK_SIZE = 5_000
PRODUCTS_PER_SYNTHETIC_HOUSE = 200
PRODUCTS_PER_SYNTHETIC_VENDOR = 1_250
REVIEW_SHARE = 4  # a generated product gets a quarter of the reviews a demo product gets

PRODUCT_COLUMNS = ("id", "slug", "brand_id", "category_id", "name_en", "name_ar", "description_en",
                   "description_ar", "gender", "concentration", "family", "launch_year", "perfumer", "alcohol_free",
                   "occasions", "status", "rejection_reason", "is_featured", "created_at", "approved_at")
NOTE_COLUMNS = ("product_id", "note_id", "layer", "position")
ACCORD_COLUMNS = ("product_id", "accord_id", "strength")
VARIANT_COLUMNS = ("id", "product_id", "size_ml", "kind")
OFFER_COLUMNS = ("id", "vendor_id", "variant_id", "price", "compare_at_price", "stock", "sku", "delivery_promise",
                 "gift_wrap", "cashback_percent", "is_active", "created_at", "updated_at")
REVIEW_COLUMNS = ("id", "product_id", "user_id", "author_name", "rating", "body", "language", "longevity",
                  "sillage", "value_for_money", "seasons", "times_of_day", "gender_lean", "created_at", "updated_at")


def synthetic_houses(rng: random.Random, count: int) -> list[DemoHouse]:
    """`count` invented houses beyond the demo's, named from the vocabulary's fragments."""
    taken = {house.slug for house in vocab.HOUSES}
    houses: list[DemoHouse] = []
    styles, style_weights = list(PRODUCTS_PER_HOUSE), (5, 3, 3, 2)
    while len(houses) < count:
        style = rng.choices(styles, weights=style_weights)[0]
        name_en, name_ar = _house_name(rng, style)
        slug = slugify(name_en)
        if slug in taken:
            continue
        taken.add(slug)
        country = rng.choice(vocab.SYNTHETIC_COUNTRIES[style])
        families = tuple(dict.fromkeys(rng.choices(list(STYLE_FAMILIES[style]),
                                                   weights=list(STYLE_FAMILIES[style].values()), k=6)))[:3]
        family_en, family_ar = vocab.FAMILY_WORDS[families[0]]
        style_en, style_ar = vocab.STYLE_WORDS[style]
        country_en, country_ar = vocab.COUNTRY_NAMES[country]
        story_en, story_ar = vocab.SYNTHETIC_STORY
        houses.append(DemoHouse(
            slug=slug, name_en=name_en, name_ar=name_ar, style=style, country=country,
            founded_year=rng.randint(1950, 2022), families=families, tier=round(rng.uniform(0.7, 1.4), 2),
            is_featured=False,
            story_en=story_en.format(name=name_en, style=style_en, country=country_en, family=family_en),
            story_ar=story_ar.format(name_ar=name_ar, style_ar=style_ar, country_ar=country_ar, family_ar=family_ar),
        ))
    return houses


def _house_name(rng: random.Random, style: str) -> tuple[str, str]:
    if style == "arabian":
        (head_en, head_ar), (tail_en, tail_ar) = (rng.choice(vocab.SYNTHETIC_ARABIAN_HOUSE_HEADS),
                                                  rng.choice(vocab.ARABIC_NAME_TAILS))
        return f"{head_en} {tail_en}", f"{head_ar} {tail_ar}"
    if rng.random() < 0.5:
        (form_en, form_ar), (word_en, word_ar) = (rng.choice(vocab.SYNTHETIC_WESTERN_HOUSE_FORMS),
                                                  rng.choice(vocab.SYNTHETIC_WESTERN_WORDS))
        return form_en.format(word=word_en), form_ar.format(word_ar=word_ar)
    adjective_en, masculine, feminine = rng.choice(vocab.ENGLISH_ADJECTIVES)
    noun_en, noun_ar, gender = rng.choice(vocab.ENGLISH_NOUNS)
    return f"{adjective_en} {noun_en} Perfumery", f"{noun_ar} {masculine if gender == 'm' else feminine} للعطور"


def synthetic_vendors(rng: random.Random, count: int) -> list[DemoVendor]:
    """`count` invented shops in the seven emirates (a few pending or suspended, as in real life)."""
    vendors = []
    pairs = [(area, kind) for area in vocab.SYNTHETIC_VENDOR_AREAS for kind in vocab.SYNTHETIC_VENDOR_KINDS]
    chosen = rng.sample(pairs, min(count, len(pairs)))
    for index, ((area_en, area_ar, emirate), (kind_en, kind_ar)) in enumerate(chosen):
        name_en = f"{area_en} {kind_en}"
        styles = {style: rng.choice((1, 2, 3)) for style in rng.sample(list(PRODUCTS_PER_HOUSE), rng.randint(1, 3))}
        status = rng.choices(("approved", "pending", "suspended"), weights=(92, 4, 4))[0]
        vendors.append(DemoVendor(
            slug=slugify(name_en), name_en=name_en, name_ar=kind_ar.format(area=area_ar), emirate=emirate,
            status=status, sku_code=f"G{index:02d}", commission_rate="0.150", styles=styles,
            story_en=f"A perfume shop in {area_en} selling online across the Emirates.",
            story_ar=f"محل عطور في {area_ar} يبيع عبر الإنترنت في أنحاء الإمارات.",
        ))
    return vendors


def reserve_ids(cursor, table: str, count: int) -> int:
    """Take `count` consecutive ids from the table's sequence; return the first."""
    cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id'))", (table,))
    first = cursor.fetchone()[0]
    if count > 1:
        cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", (table, first + count - 1))
    return first


def copy_rows(cursor, table: str, columns: tuple[str, ...], rows: list[tuple]) -> None:
    if not rows:
        return
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def generate_catalog(products: int, seed: int = 1, session: Session | None = None,
                     progress: Callable[[int], None] | None = None) -> dict[str, int]:
    """Add `products` generated products with their sizes, offers, notes, accords and some reviews.

    Runs in the session's transaction (the caller commits); `progress(done)` is called after each chunk.
    """
    session = session or db.session
    rng = random.Random(seed)
    now = datetime.now(timezone.utc)
    extra_houses = synthetic_houses(rng, max(0, math.ceil(products / PRODUCTS_PER_SYNTHETIC_HOUSE) - len(vocab.HOUSES)))
    extra_vendors = synthetic_vendors(rng, products // PRODUCTS_PER_SYNTHETIC_VENDOR)
    houses = list(vocab.HOUSES) + extra_houses
    vendors = list(vocab.VENDORS) + extra_vendors
    refs = ensure_reference_data(session, houses, vendors, now)
    reviewers = ensure_demo_reviewers(session, now)
    notes = {note.slug: note for note in vocab.NOTES}

    builder = CatalogBuilder(rng, vendors, now)
    review_rng = random.Random(seed + 1)
    house_weights = [PRODUCTS_PER_HOUSE[house.style] for house in houses]
    cursor = session.connection().connection.driver_connection.cursor()
    totals = {"products": 0, "variants": 0, "offers": 0, "product notes": 0, "product accords": 0, "reviews": 0,
              "houses": len(houses), "vendors": len(vendors)}

    for start in range(0, products, CHUNK_SIZE):
        size = min(CHUNK_SIZE, products - start)
        first_product = reserve_ids(cursor, "product", size)
        specs: list[tuple[int, ProductSpec]] = []
        for product_id, house in zip(range(first_product, first_product + size),
                                     rng.choices(houses, weights=house_weights, k=size)):
            spec = builder.product(house, serial=product_id, slug_suffix=f"-{product_id}")
            spec.review_count //= REVIEW_SHARE
            specs.append((product_id, spec))
        _write_chunk(cursor, specs, refs, reviewers, notes, review_rng, now, totals)
        if progress is not None:
            progress(start + size)

    cursor.execute("ANALYZE product, product_note, product_accord, variant, offer, review")
    return totals


def _write_chunk(cursor, specs, refs, reviewers, notes, review_rng, now, totals) -> None:
    product_rows, note_rows, accord_rows, variant_rows, offer_rows, review_rows = [], [], [], [], [], []
    variant_count = sum(len(spec.variants) for _id, spec in specs)
    offer_count = sum(len(variant.offers) for _id, spec in specs for variant in spec.variants)
    variant_id = reserve_ids(cursor, "variant", variant_count)
    offer_id = reserve_ids(cursor, "offer", offer_count)
    for product_id, spec in specs:
        product_rows.append((
            product_id, spec.slug, refs.brands[spec.brand], refs.categories[spec.category], spec.name_en,
            spec.name_ar, spec.description_en, spec.description_ar, spec.gender, spec.concentration, spec.family,
            spec.launch_year, spec.perfumer, spec.alcohol_free, spec.occasions, spec.status, spec.rejection_reason,
            spec.is_featured, spec.created_at, spec.approved_at,
        ))
        note_rows.extend((product_id, refs.notes[slug], layer, position) for slug, layer, position in spec.notes)
        accord_rows.extend((product_id, refs.accords[slug], strength) for slug, strength in spec.accords)
        for variant in spec.variants:
            variant_rows.append((variant_id, product_id, variant.size_ml, variant.kind))
            for offer in variant.offers:
                offer_rows.append((
                    offer_id, refs.vendors[offer.vendor], variant_id, offer.price, offer.compare_at_price,
                    offer.stock, offer.sku, offer.delivery_promise, offer.gift_wrap, offer.cashback_percent,
                    offer.is_active, spec.created_at, spec.created_at,
                ))
                offer_id += 1
            variant_id += 1
        review_rows.extend(build_reviews(review_rng, spec, product_id, reviewers, notes, now))

    review_id = reserve_ids(cursor, "review", len(review_rows)) if review_rows else 0
    copy_rows(cursor, "product", PRODUCT_COLUMNS, product_rows)
    copy_rows(cursor, "product_note", NOTE_COLUMNS, note_rows)
    copy_rows(cursor, "product_accord", ACCORD_COLUMNS, accord_rows)
    copy_rows(cursor, "variant", VARIANT_COLUMNS, variant_rows)
    copy_rows(cursor, "offer", OFFER_COLUMNS, offer_rows)
    copy_rows(cursor, "review", REVIEW_COLUMNS, [
        (review_id + index, *(row[column] for column in REVIEW_COLUMNS[1:])) for index, row in enumerate(review_rows)
    ])
    totals["products"] += len(product_rows)
    totals["variants"] += len(variant_rows)
    totals["offers"] += len(offer_rows)
    totals["product notes"] += len(note_rows)
    totals["product accords"] += len(accord_rows)
    totals["reviews"] += len(review_rows)
