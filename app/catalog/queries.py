"""Reading the catalog for pages."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from app.catalog.models import Product
from app.extensions import db


def products_in_order(product_ids: list[int]) -> list[Product]:
    """The products of a listing page with their brand and category (for pictures), in the order given,
    in one query."""
    if not product_ids:
        return []
    query = select(Product).where(Product.id.in_(product_ids)).options(
        joinedload(Product.brand), joinedload(Product.category)
    )
    by_id = {product.id: product for product in db.session.scalars(query)}
    return [by_id[product_id] for product_id in product_ids if product_id in by_id]
