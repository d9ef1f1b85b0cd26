"""Reading one product for its page: the product itself, and what its sellers offer, size by size.

A product shows only while it is approved and an approved vendor has an active offer on one of its
sizes — the rule of the store's listing (`app.search.listing`), applied here to the catalog tables.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import abort
from sqlalchemy import and_, select
from sqlalchemy.orm import contains_eager, joinedload, selectinload

from app.catalog.models import Offer, Product, Variant
from app.extensions import db
from app.vendors.models import Vendor

# An offer the store shows: active, from an approved vendor.
VISIBLE_OFFER = and_(Offer.is_active, Vendor.status == "approved")
LOW_STOCK = 5  # "Only 3 left" below this many


@dataclass(frozen=True)
class Seller:
    """One vendor's offer on a size."""

    offer: Offer
    vendor: Vendor

    @property
    def in_stock(self) -> bool:
        return self.offer.stock > 0

    @property
    def low_stock(self) -> bool:
        return 0 < self.offer.stock < LOW_STOCK


@dataclass
class SizeChoice:
    """One size of the product with its sellers: in stock first, then cheapest first."""

    variant: Variant
    sellers: list[Seller] = field(default_factory=list)

    @property
    def best(self) -> Seller:
        """The seller the price box shows: the cheapest in stock, else the cheapest."""
        return self.sellers[0]

    @property
    def in_stock(self) -> bool:
        return self.best.in_stock

    @property
    def amount(self) -> str:
        """The size as people write it: "100", "2.5" (millilitres, or grams of bakhoor)."""
        return format(self.variant.size_ml.normalize(), "f")


def get_visible_product_or_404(slug: str, with_details: bool = True) -> Product:
    """The approved product with its brand and category (and, `with_details`, its photos), or 404.
    Whether an approved vendor offers it is `size_choices`'s part; its notes and accords are
    `scent_dna.composition`'s."""
    options = [joinedload(Product.brand), joinedload(Product.category)]
    if with_details:
        options.append(selectinload(Product.images))
    product = db.session.scalars(
        select(Product).where(Product.slug == slug, Product.status == "approved").options(*options)
    ).first()
    if product is None:
        abort(404)
    return product


def size_choices(product_id: int) -> list[SizeChoice]:
    """The sizes that have a visible offer, smallest first, each with its offers and their vendors."""
    rows = db.session.execute(
        select(Offer, Vendor).join(Offer.variant).join(Vendor, Vendor.id == Offer.vendor_id)
        .where(Variant.product_id == product_id, VISIBLE_OFFER)
        .options(contains_eager(Offer.variant))
        .order_by(Variant.size_ml, Variant.kind, Offer.stock == 0, Offer.price, Offer.id)
    ).all()
    choices: dict[int, SizeChoice] = {}
    for offer, vendor in rows:
        choices.setdefault(offer.variant_id, SizeChoice(offer.variant)).sellers.append(Seller(offer, vendor))
    return list(choices.values())


def chosen_size(choices: list[SizeChoice], requested: str | None) -> SizeChoice:
    """The size asked for by `?size=<variant id>`; otherwise the smallest full bottle in stock."""
    by_id = {str(choice.variant.id): choice for choice in choices}
    if requested in by_id:
        return by_id[requested]
    full_in_stock = [choice for choice in choices if choice.variant.kind == "full" and choice.in_stock]
    return (full_in_stock or [choice for choice in choices if choice.in_stock] or choices)[0]
