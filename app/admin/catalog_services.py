"""Back-office changes to the catalog's reference data: brands, categories and notes.

Each save is audited (before → after, changed fields only). When a change reaches what the listing
keeps (a brand's names, slug, style or country; a note's names), `product_changed` is announced for the
products concerned, whose listing rows are then refreshed after commit, so that search and cards show the
new values.
"""
from __future__ import annotations

from app.admin.catalog_queries import listed_products_of_brand, listed_products_with_note
from app.audit.services import changed_fields, record_change, snapshot
from app.catalog.models import Brand, Category, Note
from app.catalog.signals import product_changed
from app.core.events import announce
from app.extensions import db

BRAND_FIELDS = ("name_en", "name_ar", "slug", "style", "country", "story_en", "story_ar", "founded_year",
                "is_featured")
# What the listing read model copies from a brand (brand_slug, brand_name_*, style, origin) and from a note
# (its names in the search text; its facet labels are read with the listing version).
BRAND_LISTING_FIELDS = ("name_en", "name_ar", "slug", "style", "country")
CATEGORY_FIELDS = ("name_en", "name_ar", "position")
NOTE_FIELDS = ("name_en", "name_ar", "slug", "family")
NOTE_LISTING_FIELDS = ("name_en", "name_ar", "slug")


def save_row(row, fields: tuple[str, ...], values: dict, action: str, actor) -> tuple[dict, dict]:
    """Set `fields` of `row` from `values`, flush, and audit the change; returns (before, after) of the
    fields that changed (all of them for a new row)."""
    is_new = row.id is None
    before = {} if is_new else snapshot(row, fields)
    for name in fields:
        setattr(row, name, values[name])
    if is_new:
        db.session.add(row)
    db.session.flush()
    after = snapshot(row, fields)
    if is_new:
        record_change(f"{action}.create", row, None, after, actor=actor)
        return {}, after
    before, after = changed_fields(before, after)
    if after:
        record_change(f"{action}.update", row, before, after, actor=actor)
    return before, after


def save_brand(brand: Brand | None, values: dict, actor) -> Brand:
    """Create a brand, or change one; its listed products show the new names once refreshed."""
    brand = brand or Brand()
    _, changed = save_row(brand, BRAND_FIELDS, values, "brand", actor)
    if any(name in changed for name in BRAND_LISTING_FIELDS):
        announce(product_changed, product_ids=listed_products_of_brand(brand.id))
    return brand


def save_category(category: Category, values: dict, actor) -> Category:
    """Rename or reorder a category (the slugs are a fixed vocabulary and stay)."""
    save_row(category, CATEGORY_FIELDS, values, "category", actor)
    return category


def save_note(note: Note | None, values: dict, actor) -> Note:
    """Create a note, or change one; products carrying it are found by its new names once refreshed."""
    note = note or Note()
    _, changed = save_row(note, NOTE_FIELDS, values, "note", actor)
    if any(name in changed for name in NOTE_LISTING_FIELDS):
        announce(product_changed, product_ids=listed_products_with_note(note.id))
    return note
