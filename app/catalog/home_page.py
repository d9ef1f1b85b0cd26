"""The home page's shelves: loved and new perfumes and a showcase of houses, from the search index.

Two index queries (no facet counts) and two small queries over the perfumes and houses an admin features;
the cards carry everything they show, so the page costs a few milliseconds on a 100,000-product catalog.
"""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select

from app.catalog.filters import ListingQuery
from app.catalog.listing_labels import STYLE_LABELS
from app.catalog.models import Brand, Product
from app.extensions import db

SHELF_SIZE = 8
FEATURED_MIN_RATING = 4.0
FEATURED_MIN_REVIEWS = 10  # fewer reviews say too little about a perfume to put it first
POPULAR_POOL = 96  # the most popular perfumes: the featured shelf and the showcase's houses come from them
SHOWCASE_BRANDS = 12


@dataclass(frozen=True)
class BrandTile:
    slug: str
    name_en: str
    name_ar: str
    style: str

    @property
    def style_label(self) -> str:
        return str(STYLE_LABELS[self.style])


@dataclass(frozen=True)
class HomeShelves:
    featured: list  # ProductCards
    new_arrivals: list
    brands: list[BrandTile]


def home_shelves() -> HomeShelves:
    """What the home page shows besides its fixed text."""
    from app.search.backend import search_products  # search builds on the catalog package, not the reverse

    popular = search_products(ListingQuery(in_stock=True, rating=FEATURED_MIN_RATING, page_size=POPULAR_POOL),
                              with_facets=False)
    newest = search_products(ListingQuery(sort="newest", in_stock=True, page_size=SHELF_SIZE), with_facets=False)
    loved = [card for card in popular.products if card.rating_count >= FEATURED_MIN_REVIEWS]
    featured = list({card.product_id: card for card in [*featured_cards(), *loved]}.values())[:SHELF_SIZE]
    return HomeShelves(featured=featured, new_arrivals=newest.products,
                       brands=showcase_brands(popular.products, listed=popular.labels.get("brand", {})))


def featured_cards() -> list:
    """The in-stock perfumes an admin features on the home page, most popular first."""
    from app.search.backend import get_search_backend
    from app.search.models import ProductListing

    ids = db.session.scalars(
        select(ProductListing.product_id).join(Product, Product.id == ProductListing.product_id)
        .where(Product.is_featured, ProductListing.in_stock)
        .order_by(ProductListing.popularity.desc(), ProductListing.product_id).limit(SHELF_SIZE)
    ).all()
    index = get_search_backend().facet_index()
    return index.cards(index.rows_of(ids))


def showcase_brands(popular_cards, listed: dict) -> list[BrandTile]:
    """The houses an admin features (those with products in the store), then the houses of the most
    popular perfumes, each once."""
    featured = db.session.execute(
        select(Brand.slug, Brand.name_en, Brand.name_ar, Brand.style).where(Brand.is_featured).order_by(Brand.name_en)
    ).all()
    tiles = {row.slug: BrandTile(*row) for row in featured if row.slug in listed}
    for card in popular_cards:
        if len(tiles) >= SHOWCASE_BRANDS:
            break
        tiles.setdefault(card.brand_slug, BrandTile(card.brand_slug, card.brand_name_en, card.brand_name_ar,
                                                    card.style))
    return list(tiles.values())[:SHOWCASE_BRANDS]
