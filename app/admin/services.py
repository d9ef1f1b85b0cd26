"""Back-office decisions on products: approve (into the store) or reject with a reason.

The product's shops hear of it through the outbox; the audit entry and the listing refresh go with
the same transaction (services flush, the request commits once).
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import lazy_gettext as _l

from app.admin.queries import shops_of_products
from app.audit.services import record_change, snapshot
from app.catalog.models import Product
from app.core.urls import site_url
from app.extensions import db
from app.notifications.services import notify
from app.search.jobs import schedule_listing_refresh
from app.vendors.queries import vendor_owners
from app.vendors.services import shop_name

REVIEW_FIELDS = ("status", "rejection_reason", "approved_at")


class ProductDecisionRefused(ValueError):
    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def approve_product(product: Product, actor) -> None:
    """Put a pending product in the store."""
    before = _decide(product, "approved", None)
    product.approved_at = datetime.now(timezone.utc)
    db.session.flush()
    record_change("product.approve", product, before, snapshot(product, REVIEW_FIELDS), actor=actor)
    _tell_shops(product, "product_approved", {"product_url": site_url("catalog.show_product", slug=product.slug)})


def reject_product(product: Product, actor, reason: str) -> None:
    """Refuse a pending product, telling its shops why."""
    before = _decide(product, "rejected", reason)
    record_change("product.reject", product, before, snapshot(product, REVIEW_FIELDS), actor=actor)
    _tell_shops(product, "product_rejected", {"reason": reason, "portal_url": site_url("vendor_portal.show_dashboard")})


def _decide(product: Product, status: str, reason: str | None) -> dict:
    if product.status != "pending":
        raise ProductDecisionRefused(_l("Only a product waiting for approval can be approved or rejected."))
    before = snapshot(product, REVIEW_FIELDS)
    product.status, product.rejection_reason = status, reason
    db.session.flush()
    schedule_listing_refresh([product.id])
    return before


def _tell_shops(product: Product, kind: str, extra: dict) -> None:
    vendors = shops_of_products([product.id]).get(product.id, [])
    owners = vendor_owners(vendor.id for vendor in vendors)
    for vendor in vendors:
        owner = owners.get(vendor.id)
        if owner is None:
            continue
        name = product.name_ar if owner.preferred_language == "ar" and product.name_ar else product.name_en
        notify(owner, kind, {"name": owner.first_name, "shop": shop_name(vendor, owner), "product": name, **extra})
