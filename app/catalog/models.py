"""What is sold: brands, categories, notes and accords, products with their sizes (variants), vendors'
offers on those sizes, product images, and the community's reviews with their votes.

A product is the perfume as a concept; a variant is one size of it; an offer is one vendor selling one
variant. Only approved products of which an approved vendor has an active offer show in the store.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import (
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    SmallInteger,
    String,
    Text,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.text import names_read_as_written
from app.extensions import db

# The fixed vocabularies of ARCHITECTURE.md ("Catalog model", "The 30 smart filters").
CATEGORIES = ("perfume", "attar-oil", "bakhoor", "body-mist", "gift-set", "home", "samples")
GENDERS = ("men", "women", "unisex")
CONCENTRATIONS = ("extrait", "parfum", "edp", "edt", "edc", "oil")
FAMILIES = ("oud", "amber", "woody", "floral", "fresh", "citrus", "aquatic", "gourmand", "spicy", "musky",
            "leather", "aromatic", "fruity", "green", "powdery")
STYLES = ("arabian", "designer", "niche", "indie")
SEASONS = ("spring", "summer", "autumn", "winter")
OCCASIONS = ("day", "night", "office", "evening", "wedding", "ramadan-eid")
LAYERS = ("top", "heart", "base")
PRODUCT_STATUSES = ("draft", "pending", "approved", "rejected", "archived")
REVISION_STATUSES = ("pending", "approved", "rejected", "withdrawn")
VARIANT_KINDS = ("full", "sample", "gift-set", "tester")
# What a size counts in. The catalog sells bakhoor by weight and everything else by volume; an order line
# keeps the unit it was sold in (pieces and sets are units an order line may hold too).
SIZE_UNITS = ("ml", "g", "pieces", "set")
CATEGORY_SIZE_UNITS = {"bakhoor": "g"}
DELIVERY_PROMISES = ("same-day", "next-day", "standard")
TIMES_OF_DAY = ("day", "night")
GENDER_LEANS = ("masculine", "unisex", "feminine")


def one_of(column: str, values: tuple[str, ...]) -> str:
    return f"{column} IN ({', '.join(repr(value) for value in values)})"


def size_unit_of(category_slug: str) -> str:
    """The unit a category's sizes count in: grams for bakhoor, millilitres otherwise."""
    return CATEGORY_SIZE_UNITS.get(category_slug, "ml")


class Brand(db.Model):
    """A perfume house."""

    __tablename__ = "brand"
    __table_args__ = (CheckConstraint(one_of("style", STYLES), name="known_style"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))
    _names = names_read_as_written("name_en", "name_ar")
    style: Mapped[str] = mapped_column(String(10))
    country: Mapped[str] = mapped_column(String(2))  # ISO 3166 code of the house's origin
    story_en: Mapped[str] = mapped_column(Text, default="")
    story_ar: Mapped[str] = mapped_column(Text, default="")
    founded_year: Mapped[int | None] = mapped_column(SmallInteger)
    is_featured: Mapped[bool] = mapped_column(default=False, server_default=text("false"))


class Category(db.Model):
    __tablename__ = "category"
    __table_args__ = (CheckConstraint(one_of("slug", CATEGORIES), name="known_category"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(20), unique=True)
    name_en: Mapped[str] = mapped_column(String(60))
    name_ar: Mapped[str] = mapped_column(String(60))
    _names = names_read_as_written("name_en", "name_ar")
    position: Mapped[int] = mapped_column(SmallInteger, default=0)


class Note(db.Model):
    """A perfumery note (oud, Taif rose, saffron …) and the scent family it belongs to."""

    __tablename__ = "note"
    __table_args__ = (CheckConstraint(one_of("family", FAMILIES), name="known_family"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(60), unique=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_ar: Mapped[str] = mapped_column(String(80))
    _names = names_read_as_written("name_en", "name_ar")
    family: Mapped[str] = mapped_column(String(10))


class Accord(db.Model):
    """A main accord (woody, amber, rose …) shown as a coloured bar of the scent DNA."""

    __tablename__ = "accord"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(40), unique=True)
    name_en: Mapped[str] = mapped_column(String(60))
    name_ar: Mapped[str] = mapped_column(String(60))
    colour: Mapped[str] = mapped_column(String(7))  # "#8a5a2b", the bar's colour


class Product(db.Model):
    """A perfume as a concept, approved by an admin before it shows."""

    __tablename__ = "product"
    __table_args__ = (
        CheckConstraint(one_of("status", PRODUCT_STATUSES), name="known_status"),
        CheckConstraint(one_of("gender", GENDERS), name="known_gender"),
        CheckConstraint(one_of("concentration", CONCENTRATIONS), name="known_concentration"),
        CheckConstraint(one_of("family", FAMILIES), name="known_family"),
        CheckConstraint("occasions <@ ARRAY['day','night','office','evening','wedding','ramadan-eid']::varchar[]",
                        name="known_occasions"),
        Index("ix_product_brand_id", "brand_id"),
        Index("ix_product_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(160), unique=True)
    brand_id: Mapped[int] = mapped_column(ForeignKey("brand.id"))
    category_id: Mapped[int] = mapped_column(ForeignKey("category.id"))
    name_en: Mapped[str] = mapped_column(String(160))
    name_ar: Mapped[str] = mapped_column(String(160))
    description_en: Mapped[str] = mapped_column(Text, default="")
    description_ar: Mapped[str] = mapped_column(Text, default="")
    gender: Mapped[str] = mapped_column(String(6))
    concentration: Mapped[str] = mapped_column(String(8))
    family: Mapped[str] = mapped_column(String(10))  # the main scent family
    launch_year: Mapped[int | None] = mapped_column(SmallInteger)
    perfumer: Mapped[str | None] = mapped_column(String(120))
    _names = names_read_as_written("name_en", "name_ar", "perfumer")
    alcohol_free: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    occasions: Mapped[list[str]] = mapped_column(ARRAY(String(12)), default=list, server_default=text("'{}'"))
    status: Mapped[str] = mapped_column(String(10), default="draft", server_default=text("'draft'"))
    rejection_reason: Mapped[str | None] = mapped_column(Text)
    is_featured: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The shop that proposed the product through the vendor portal (null for the demo catalog): it may
    # propose changes to the catalog data, which go through a ProductRevision while this version stays live.
    proposed_by_vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id", ondelete="SET NULL"),
                                                              index=True)

    brand: Mapped[Brand] = relationship()
    category: Mapped[Category] = relationship()
    variants: Mapped[list[Variant]] = relationship(back_populates="product", order_by="Variant.size_ml")
    notes: Mapped[list[ProductNote]] = relationship(back_populates="product", cascade="all, delete-orphan")
    accords: Mapped[list[ProductAccord]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductAccord.strength.desc()"
    )
    images: Mapped[list[ProductImage]] = relationship(
        back_populates="product", cascade="all, delete-orphan", order_by="ProductImage.position"
    )

    @property
    def size_unit(self) -> str:
        """What this product's sizes count in ("ml", or "g" for bakhoor)."""
        return size_unit_of(self.category.slug)


class ProductNote(db.Model):
    """A note of a product in one layer of its pyramid."""

    __tablename__ = "product_note"
    __table_args__ = (
        CheckConstraint(one_of("layer", LAYERS), name="known_layer"),
        Index("ix_product_note_note_id_layer", "note_id", "layer"),
    )

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("note.id"), primary_key=True)
    layer: Mapped[str] = mapped_column(String(5), primary_key=True)
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    product: Mapped[Product] = relationship(back_populates="notes")
    note: Mapped[Note] = relationship()


class ProductAccord(db.Model):
    """How strongly (0–100) an accord shows in a product."""

    __tablename__ = "product_accord"
    __table_args__ = (CheckConstraint("strength BETWEEN 0 AND 100", name="strength_is_a_percentage"),)

    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True)
    accord_id: Mapped[int] = mapped_column(ForeignKey("accord.id"), primary_key=True)
    strength: Mapped[int] = mapped_column(SmallInteger)

    product: Mapped[Product] = relationship(back_populates="accords")
    accord: Mapped[Accord] = relationship()


class Variant(db.Model):
    """One size of a product: a 100 ml bottle, a 3 ml sample, a gift set."""

    __tablename__ = "variant"
    __table_args__ = (
        CheckConstraint(one_of("kind", VARIANT_KINDS), name="known_kind"),
        CheckConstraint("size_ml > 0", name="size_is_positive"),
        UniqueConstraint("product_id", "size_ml", "kind"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    size_ml: Mapped[Decimal] = mapped_column(Numeric(6, 1))  # in the product's size_unit: grams for bakhoor
    kind: Mapped[str] = mapped_column(String(10), default="full")

    product: Mapped[Product] = relationship(back_populates="variants")
    offers: Mapped[list[Offer]] = relationship(back_populates="variant", order_by="Offer.price")


class Offer(db.Model):
    """One vendor selling one variant. Prices include 5 % VAT; stock never goes below zero."""

    __tablename__ = "offer"
    __table_args__ = (
        CheckConstraint("price > 0", name="price_is_positive"),
        CheckConstraint("compare_at_price IS NULL OR compare_at_price > price", name="compare_at_above_price"),
        CheckConstraint("stock >= 0", name="stock_not_negative"),
        CheckConstraint(one_of("delivery_promise", DELIVERY_PROMISES), name="known_delivery_promise"),
        UniqueConstraint("vendor_id", "variant_id"),
        Index("ix_offer_variant_id_price", "variant_id", "price"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id"), index=True)
    variant_id: Mapped[int] = mapped_column(ForeignKey("variant.id", ondelete="CASCADE"))
    price: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    compare_at_price: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))
    stock: Mapped[int] = mapped_column(default=0)
    sku: Mapped[str] = mapped_column(String(64))
    delivery_promise: Mapped[str] = mapped_column(String(10), default="standard")
    gift_wrap: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    cashback_percent: Mapped[Decimal] = mapped_column(Numeric(4, 2), default=Decimal("0"), server_default=text("0"))
    is_active: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    variant: Mapped[Variant] = relationship(back_populates="offers")


class ProductImage(db.Model):
    """A photo a vendor uploaded (until there is one, the store draws a bottle illustration)."""

    __tablename__ = "product_image"

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(255))  # under instance/uploads/
    position: Mapped[int] = mapped_column(SmallInteger, default=0)
    alt_en: Mapped[str] = mapped_column(String(200), default="")
    alt_ar: Mapped[str] = mapped_column(String(200), default="")
    # The web sizes stored beside `path` (each as WebP and JPEG), widest last; empty for a single file.
    widths: Mapped[list[int]] = mapped_column(ARRAY(SmallInteger), default=list, server_default=text("'{}'"))

    product: Mapped[Product] = relationship(back_populates="images")


class ProductRevision(db.Model):
    """Changes a vendor proposed to an approved product's catalog data, waiting for an admin.

    `proposed` holds the whole proposed catalog data (texts, facts, notes by layer, accords, variants,
    photos) as JSON; the live product is untouched until an admin approves. One pending revision per product.
    """

    __tablename__ = "product_revision"
    __table_args__ = (
        CheckConstraint(one_of("status", REVISION_STATUSES), name="known_status"),
        Index("one_pending_revision_per_product", "product_id", unique=True,
              postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id", ondelete="CASCADE"), index=True)
    proposed: Mapped[dict] = mapped_column(JSONB)
    status: Mapped[str] = mapped_column(String(10), default="pending", server_default=text("'pending'"))
    reason: Mapped[str | None] = mapped_column(Text)  # why it was rejected, as told to the vendor
    submitted_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    submitted_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    product: Mapped[Product] = relationship()


class Review(db.Model):
    """A customer's review with the community votes of the scent DNA; one per customer per product."""

    __tablename__ = "review"
    __table_args__ = (
        UniqueConstraint("product_id", "user_id"),
        CheckConstraint("rating BETWEEN 1 AND 5", name="rating_in_stars"),
        CheckConstraint("longevity IS NULL OR longevity BETWEEN 1 AND 5", name="longevity_scale"),
        CheckConstraint("sillage IS NULL OR sillage BETWEEN 1 AND 5", name="sillage_scale"),
        CheckConstraint("value_for_money IS NULL OR value_for_money BETWEEN 1 AND 5", name="value_scale"),
        CheckConstraint("seasons <@ ARRAY['spring','summer','autumn','winter']::varchar[]", name="known_seasons"),
        CheckConstraint("times_of_day <@ ARRAY['day','night']::varchar[]", name="known_times_of_day"),
        CheckConstraint("gender_lean IS NULL OR " + one_of("gender_lean", GENDER_LEANS), name="known_gender_lean"),
        Index("ix_review_product_id_created_at", "product_id", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    author_name: Mapped[str] = mapped_column(String(80))  # as shown; kept if the account is deleted
    _names = names_read_as_written("author_name")
    rating: Mapped[int] = mapped_column(SmallInteger)
    body: Mapped[str] = mapped_column(Text, default="")  # sanitised plain text
    language: Mapped[str] = mapped_column(String(2), default="en")
    longevity: Mapped[int | None] = mapped_column(SmallInteger)  # 1 very weak … 5 eternal
    sillage: Mapped[int | None] = mapped_column(SmallInteger)  # 1 intimate … 5 enormous
    value_for_money: Mapped[int | None] = mapped_column(SmallInteger)
    seasons: Mapped[list[str]] = mapped_column(ARRAY(String(6)), default=list, server_default=text("'{}'"))
    times_of_day: Mapped[list[str]] = mapped_column(ARRAY(String(5)), default=list, server_default=text("'{}'"))
    gender_lean: Mapped[str | None] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())
