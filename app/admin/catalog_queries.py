"""Back-office reads of the catalog's reference data: brands, categories and notes, searched and sorted,
with how many products use each (one grouped query per page)."""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, select

from app.admin.user_queries import like_pattern
from app.catalog.models import Brand, Category, Note, Product, ProductNote
from app.extensions import db

BRAND_SORT_COLUMNS = {"name": Brand.name_en, "slug": Brand.slug, "style": Brand.style, "country": Brand.country,
                      "founded": Brand.founded_year}
CATEGORY_SORT_COLUMNS = {"position": Category.position, "name": Category.name_en, "slug": Category.slug}
NOTE_SORT_COLUMNS = {"name": Note.name_en, "slug": Note.slug, "family": Note.family}


def sort_columns(columns: dict, model, language: str) -> dict:
    """The table's sort columns, with "name" in the reader's language."""
    return {**columns, "name": model.name_ar if language == "ar" else model.name_en}


def named(model, text: str):
    """Rows whose English or Arabic name or slug contains `text`."""
    pattern = like_pattern(text)
    return model.name_en.ilike(pattern) | model.name_ar.ilike(pattern) | model.slug.ilike(pattern)


def brands_matching(filters: dict[str, str]):
    query = select(Brand)
    if "q" in filters:
        query = query.where(named(Brand, filters["q"]))
    if "style" in filters:
        query = query.where(Brand.style == filters["style"])
    if "featured" in filters:
        query = query.where(Brand.is_featured if filters["featured"] == "yes" else ~Brand.is_featured)
    return query


def categories_matching(filters: dict[str, str]):
    query = select(Category)
    if "q" in filters:
        query = query.where(named(Category, filters["q"]))
    return query


def notes_matching(filters: dict[str, str]):
    query = select(Note)
    if "q" in filters:
        query = query.where(named(Note, filters["q"]))
    if "family" in filters:
        query = query.where(Note.family == filters["family"])
    return query


def product_counts(column, ids: list[int]) -> dict[int, int]:
    """How many products each of these brands or categories (Product's `column`) has, in one query."""
    if not ids:
        return {}
    return dict(db.session.execute(select(column, func.count()).where(column.in_(ids)).group_by(column)).all())


def note_product_counts(note_ids: list[int]) -> dict[int, int]:
    if not note_ids:
        return {}
    return dict(db.session.execute(
        select(ProductNote.note_id, func.count(func.distinct(ProductNote.product_id)))
        .where(ProductNote.note_id.in_(note_ids)).group_by(ProductNote.note_id)).all())


def get_or_404(model, row_id: int):
    row = db.session.get(model, row_id)
    if row is None:
        abort(404)
    return row


def slug_taken(model, slug: str, except_id: int | None = None) -> bool:
    query = select(model.id).where(model.slug == slug)
    if except_id is not None:
        query = query.where(model.id != except_id)
    return db.session.scalar(query.limit(1)) is not None


def listed_products_of_brand(brand_id: int) -> list[int]:
    """The approved products of a brand: the ones whose listing rows carry its name."""
    return list(db.session.scalars(select(Product.id).where(Product.brand_id == brand_id,
                                                            Product.status == "approved")))


def listed_products_with_note(note_id: int) -> list[int]:
    return list(db.session.scalars(
        select(Product.id).distinct().join(ProductNote, ProductNote.product_id == Product.id)
        .where(ProductNote.note_id == note_id, Product.status == "approved")))
