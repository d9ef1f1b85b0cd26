"""Reading a vendor's own offers and the catalog they may add offers to, with ownership in one place.

Another vendor's offer is answered as if it did not exist (404), whatever id is in the URL or the form.
"""
from __future__ import annotations

from flask import abort
from sqlalchemy import and_, exists, func, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from app.catalog.filters import ListingQuery
from app.catalog.models import Brand, Offer, Product, Variant
from app.extensions import db
from app.search.arabic import words
from app.search.backend import search_products
from app.search.models import ProductListing

STOCK_STATES = ("in", "low", "out")
ACTIVE_STATES = ("yes", "no")
CATALOG_RESULTS = 20
# A vendor types a few words of a name; anything longer is not a search.
MAX_SEARCH_WORDS = 4
# Arabic letter forms folded to one and tashkeel dropped, cheaply in SQL (translate() deletes the
# characters that have no counterpart), so "عطر" finds "عِطر" and "اميرة" finds "أميرة".
_FOLD_FROM = "أإآٱىةؤئ" + "".join(chr(code) for code in range(0x064B, 0x0660)) + "\u0670\u0640"
_FOLD_TO = "اااايهوي"


def folded(column):
    return func.translate(func.lower(func.unaccent(column)), _FOLD_FROM, _FOLD_TO)


def offers_with_products():
    """SELECT of offers with their size, perfume and category loaded by the same query."""
    return (select(Offer).join(Offer.variant).join(Variant.product).join(Product.category)
            .options(contains_eager(Offer.variant).contains_eager(Variant.product).contains_eager(Product.category)))


def get_offer_for_vendor_or_404(offer_id: int, vendor) -> Offer:
    """One of the vendor's own offers (with its product); anyone else's is a 404."""
    offer = db.session.scalar(offers_with_products().where(Offer.id == offer_id))
    if offer is None or vendor is None or offer.vendor_id != vendor.id:
        abort(404)
    return offer


OFFER_SORTS = ("product", "sku", "price", "stock", "updated")


def offer_sort_columns(language: str) -> dict:
    """The columns the offers table sorts by; perfumes by their name in the page's language."""
    return {"product": Product.name_ar if language == "ar" else Product.name_en, "sku": Offer.sku,
            "price": Offer.price, "stock": Offer.stock, "updated": Offer.updated_at}


def offers_of_vendor_matching(vendor_id: int, filters: dict[str, str], low_stock: int):
    """SELECT of the vendor's offers by product name (either language), stock state and active flag."""
    query = offers_with_products().where(Offer.vendor_id == vendor_id)
    if "q" in filters:
        query = query.where(name_matches(filters["q"], Product.name_en, Product.name_ar, Offer.sku))
    stock = filters.get("stock")
    if stock == "out":
        query = query.where(Offer.stock == 0)
    elif stock == "low":
        query = query.where(Offer.stock <= low_stock)
    elif stock == "in":
        query = query.where(Offer.stock > 0)
    if "active" in filters:
        query = query.where(Offer.is_active.is_(filters["active"] == "yes"))
    return query


def name_matches(text: str, *columns):
    """Every word of `text` is in one of `columns` (folded, either script)."""
    typed = words(text)[:MAX_SEARCH_WORDS]
    if not typed:
        return and_(True)
    return and_(*(or_(*(folded(column).contains(word, autoescape=True) for column in columns)) for word in typed))


def catalog_products_matching(text: str, vendor_id: int) -> list[Product]:
    """Approved perfumes whose name or house matches what was typed (either script), best first, their sizes
    loaded and marked `variant.sold_by_vendor`: the store's own search over the perfumes on sale, then those
    nobody sells at the moment."""
    if not words(text):
        return []
    ids = [card.product_id for card in
           search_products(ListingQuery(q=text, page_size=CATALOG_RESULTS), with_facets=False).products]
    if len(ids) < CATALOG_RESULTS:
        ids += unlisted_products_matching(text, CATALOG_RESULTS - len(ids))
    query = (select(Product).join(Product.brand).join(Product.category)
             .where(Product.id.in_(ids), Product.status == "approved")
             .options(contains_eager(Product.brand), contains_eager(Product.category), selectinload(Product.variants)))
    found = {product.id: product for product in db.session.scalars(query).unique()}
    products = [found[product_id] for product_id in ids if product_id in found]
    mark_sizes_sold_by(vendor_id, [variant for product in products for variant in product.variants])
    return products


def unlisted_products_matching(text: str, limit: int) -> list[int]:
    """Ids of approved perfumes out of the store (no offer on sale) with every typed word in their name or
    house. Only those few rows are compared, so it stays quick on a large catalog."""
    unlisted = (select(Product.id, Product.name_en, Product.name_ar, Product.brand_id)
                .where(Product.status == "approved", ~exists().where(ProductListing.product_id == Product.id))
                .cte("unlisted").prefix_with("MATERIALIZED"))
    query = (select(unlisted.c.id).join(Brand, Brand.id == unlisted.c.brand_id)
             .where(name_matches(text, unlisted.c.name_en, unlisted.c.name_ar, Brand.name_en, Brand.name_ar))
             .order_by(func.char_length(unlisted.c.name_en), unlisted.c.id).limit(limit))
    return list(db.session.scalars(query))


def mark_sizes_sold_by(vendor_id: int, variants: list[Variant]) -> None:
    """Set `sold_by_vendor` on each variant: one query for all of them."""
    ids = [variant.id for variant in variants]
    sold = set(db.session.scalars(select(Offer.variant_id).where(Offer.vendor_id == vendor_id,
                                                                 Offer.variant_id.in_(ids)))) if ids else set()
    for variant in variants:
        variant.sold_by_vendor = variant.id in sold


def get_catalog_variant_or_404(variant_id: int) -> Variant:
    """A size of an approved perfume (with the perfume, its house and category), or 404."""
    variant = db.session.scalar(
        select(Variant).join(Variant.product).join(Product.brand).join(Product.category)
        .where(Variant.id == variant_id, Product.status == "approved")
        .options(contains_eager(Variant.product).contains_eager(Product.brand),
                 contains_eager(Variant.product).contains_eager(Product.category)))
    if variant is None:
        abort(404)
    return variant


def vendor_sells_variant(vendor_id: int, variant_id: int) -> bool:
    return bool(db.session.scalar(select(exists().where(Offer.vendor_id == vendor_id,
                                                        Offer.variant_id == variant_id))))


def sku_taken(vendor_id: int, sku: str, other_than: int | None = None) -> bool:
    """Another of the vendor's offers already has this SKU (compared without regard to case)."""
    same = [Offer.vendor_id == vendor_id, func.lower(Offer.sku) == sku.lower()]
    if other_than is not None:
        same.append(Offer.id != other_than)
    return bool(db.session.scalar(select(exists().where(*same))))


def offers_of_vendor_by_sku(vendor_id: int) -> dict[str, Offer]:
    """Every offer of the vendor by its SKU in lower case (sizes and perfumes loaded), for the CSV import."""
    query = offers_with_products().where(Offer.vendor_id == vendor_id).order_by(Offer.id)
    return {offer.sku.lower(): offer for offer in db.session.scalars(query)}
