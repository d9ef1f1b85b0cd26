"""The listing follows the catalog: a change to a product, an offer, a shop or a review refreshes the listing
rows concerned, by a job enqueued once the change commits (nothing when it is rolled back)."""
from __future__ import annotations

from flask import Flask
from sqlalchemy import select

from app.catalog.models import Offer, Variant
from app.catalog.signals import offer_changed, product_changed, review_posted
from app.core.events import subscribe
from app.extensions import db
from app.search.jobs import schedule_listing_refresh, schedule_vendor_refresh
from app.vendors.signals import vendor_changed


def connect_handlers(app: Flask) -> None:
    """Refresh the listing on the catalog's, the shops' and the reviews' events."""
    subscribe(app, product_changed, refresh_changed_products)
    subscribe(app, offer_changed, refresh_products_of_changed_offers)
    subscribe(app, vendor_changed, refresh_products_of_vendor)
    subscribe(app, review_posted, refresh_reviewed_product)


def refresh_changed_products(app: Flask, *, product_ids, **facts) -> None:
    schedule_listing_refresh(product_ids)


def refresh_products_of_changed_offers(app: Flask, *, offer_ids, product_ids, change: str, **facts) -> None:
    """A sale changes what the listing shows (in stock or not) only when it empties an offer."""
    schedule_listing_refresh(products_sold_out_among(offer_ids) if change == "sold" else product_ids)


def refresh_products_of_vendor(app: Flask, *, vendor, **facts) -> None:
    schedule_vendor_refresh(vendor.id)


def refresh_reviewed_product(app: Flask, *, review, **facts) -> None:
    """The product's rating and community scores in the listing."""
    schedule_listing_refresh([review.product_id])


def products_sold_out_among(offer_ids) -> list[int]:
    """The products of those of these offers that have no stock left (as flushed)."""
    ids = list(offer_ids)
    if not ids:
        return []
    return list(db.session.scalars(select(Variant.product_id).distinct().join(Offer, Offer.variant_id == Variant.id)
                                   .where(Offer.id.in_(ids), Offer.stock == 0)))
