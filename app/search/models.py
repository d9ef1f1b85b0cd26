"""The listing read model: one denormalised row per product the store shows.

PostgreSQL keeps it (the source of truth for search and facets); `app.search.listing` rebuilds it from
the catalog, and the in-process facet index (`app.search.facets`) is loaded from it. Only approved
products of which an approved vendor has an active offer have a row.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import DateTime, Float, ForeignKey, Index, Integer, Numeric, SmallInteger, String, Text, func, text
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db


class ProductListing(db.Model):
    __tablename__ = "product_listing"

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    slug: Mapped[str] = mapped_column(String(160))
    name_en: Mapped[str] = mapped_column(String(160))
    name_ar: Mapped[str] = mapped_column(String(160))
    brand_id: Mapped[int] = mapped_column(Integer, index=True)  # indexed: "does this house have a listed product?"
    brand_slug: Mapped[str] = mapped_column(String(80))
    brand_name_en: Mapped[str] = mapped_column(String(120))
    brand_name_ar: Mapped[str] = mapped_column(String(120))
    category: Mapped[str] = mapped_column(String(20))
    gender: Mapped[str] = mapped_column(String(6))
    concentration: Mapped[str] = mapped_column(String(8))
    family: Mapped[str] = mapped_column(String(10))
    style: Mapped[str] = mapped_column(String(10))
    origin: Mapped[str] = mapped_column(String(2))  # the brand's country (ISO code)
    perfumer: Mapped[str | None] = mapped_column(String(120))
    launch_year: Mapped[int | None] = mapped_column(SmallInteger)
    alcohol_free: Mapped[bool]
    vendor_ids: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    vendor_slugs: Mapped[list[str]] = mapped_column(ARRAY(String(80)))
    # The "from" price of a card, which price sorting and the price filter use too: the cheapest full size's
    # (any size but a sample); the cheapest sample's only for a product sold only as samples.
    min_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    max_price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    # The compare-at price of the offer at min_price (a card's strike-through); None when that offer is not on sale.
    compare_at_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    # The cheapest sample's price, beside a full size's ("sample from …"); None without samples or without a full size.
    sample_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    min_price_per_ml: Mapped[Decimal] = mapped_column(Numeric(12, 4))
    size_buckets: Mapped[list[str]] = mapped_column(ARRAY(String(10)))
    note_ids: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    top_note_ids: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    heart_note_ids: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    base_note_ids: Mapped[list[int]] = mapped_column(ARRAY(Integer))
    seasons: Mapped[list[str]] = mapped_column(ARRAY(String(6)))
    occasions: Mapped[list[str]] = mapped_column(ARRAY(String(12)))
    rating_avg: Mapped[float | None] = mapped_column(Float)
    rating_count: Mapped[int] = mapped_column(Integer)
    longevity_avg: Mapped[float | None] = mapped_column(Float)  # community votes, 1–5
    sillage_avg: Mapped[float | None] = mapped_column(Float)
    in_stock: Mapped[bool]
    on_sale: Mapped[bool]
    gift: Mapped[bool]  # a gift set, or gift wrap offered
    sample: Mapped[bool]  # a sample or decant offered
    rewards: Mapped[bool]  # cashback (or coins) earned on an offer
    same_day_emirates: Mapped[list[str]] = mapped_column(ARRAY(String(20)))
    next_day_emirates: Mapped[list[str]] = mapped_column(ARRAY(String(20)))  # same-day ones included
    trending_score: Mapped[float] = mapped_column(Float)
    bestselling_score: Mapped[float] = mapped_column(Float)
    popularity: Mapped[float] = mapped_column(Float)  # 0–1, what relevance is blended with
    listed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))  # approval (or creation) time
    # The first vendor photo's stored path (see ProductImage), drawn on the card; null: the bottle illustration.
    photo_path: Mapped[str | None] = mapped_column(String(255))
    photo_widths: Mapped[list[int]] = mapped_column(ARRAY(SmallInteger), default=list, server_default=text("'{}'"))
    refreshed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class ProductSearch(db.Model):
    """The full-text vector of a listed product, in a narrow table of its own: a word found in most of the
    catalog makes PostgreSQL visit most rows, and narrow rows are several times quicker to visit."""

    __tablename__ = "product_search"
    __table_args__ = (Index("ix_product_search_search_vector", "search_vector", postgresql_using="gin"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    search_vector: Mapped[str] = mapped_column(TSVECTOR)


class SearchTerm(db.Model):
    """A normalised word of a brand, product, note or category name: the lexicon of "did you mean"."""

    __tablename__ = "search_term"
    __table_args__ = (
        Index("ix_search_term_term_trgm", "term", postgresql_using="gin", postgresql_ops={"term": "gin_trgm_ops"}),
    )

    term: Mapped[str] = mapped_column(Text, primary_key=True)
