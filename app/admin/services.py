"""Back-office decisions on products: approve (into the store) or reject with a reason, the same for a
vendor's proposed changes to an approved product (a revision), and featuring products on the home page.

The product's shops hear of it through the outbox; the audit entry and the `product_changed` event (which
refreshes the listing) go with the same transaction (services flush, the request commits once).
"""
from __future__ import annotations

from datetime import datetime, timezone

from flask_babel import lazy_gettext as _l

from app.admin.queries import shops_of_products
from app.audit.services import record_change, snapshot
from app.catalog.models import Product, ProductRevision
from app.catalog.signals import product_changed
from app.core.events import announce
from app.core.urls import site_url
from app.extensions import db
from app.notifications.services import notify
from app.vendors.models import Vendor
from app.vendors.queries import vendor_owners
from app.vendors.revisions import apply_catalog_data, catalog_data_of
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


def approve_products(products: list[Product], actor) -> int:
    """Approve each of these products still waiting (others are left as they are); return how many."""
    approved = 0
    for product in products:
        if product.status == "pending":
            approve_product(product, actor)
            approved += 1
    return approved


def approve_revision(revision: ProductRevision, actor) -> None:
    """Make the live product say what the vendor proposed, and refresh it in the store."""
    product = _decide_revision(revision, "approved", None, actor)
    before = catalog_data_of(product)
    apply_catalog_data(product, revision.proposed, db.session.get(Vendor, revision.vendor_id))
    db.session.flush()
    db.session.refresh(product)
    record_change("product.revision.approve", product, before,
                  {**catalog_data_of(product), "revision_id": revision.id}, actor=actor)
    announce(product_changed, product_ids=[product.id])
    _tell_proposer(revision, "product_approved",
                   {"product_url": site_url("catalog.show_product", slug=product.slug)})


def reject_revision(revision: ProductRevision, actor, reason: str) -> None:
    """Refuse the proposed changes (the live product stays as it is), telling the vendor why."""
    product = _decide_revision(revision, "rejected", reason, actor)
    record_change("product.revision.reject", product, {"revision_id": revision.id, "status": "pending"},
                  {"revision_id": revision.id, "status": "rejected", "reason": reason}, actor=actor)
    _tell_proposer(revision, "product_rejected",
                   {"reason": reason, "portal_url": site_url("vendor_portal.show_listing", product_id=product.id)})


def feature_product(product: Product, actor, featured: bool) -> None:
    """Show an approved product among the home page's picks, or stop showing it."""
    if featured and product.status != "approved":
        raise ProductDecisionRefused(_l("Only an approved product can be featured on the home page."))
    before = snapshot(product, ("is_featured",))
    product.is_featured = featured
    db.session.flush()
    record_change("product.feature" if featured else "product.unfeature", product, before,
                  snapshot(product, ("is_featured",)), actor=actor)


def _decide_revision(revision: ProductRevision, status: str, reason: str | None, actor) -> Product:
    db.session.refresh(revision, with_for_update=True)  # two admins, or the vendor sending it again, wait here
    if revision.status != "pending":
        raise ProductDecisionRefused(_l("Only changes waiting for review can be approved or rejected."))
    revision.status, revision.reason = status, reason
    revision.decided_by_id, revision.decided_at = getattr(actor, "id", None), datetime.now(timezone.utc)
    db.session.flush()
    return revision.product


def _tell_proposer(revision: ProductRevision, kind: str, extra: dict) -> None:
    vendor = db.session.get(Vendor, revision.vendor_id)
    owner = vendor_owners([vendor.id]).get(vendor.id) if vendor else None
    if owner is None:
        return
    product = revision.product
    name = product.name_ar if owner.preferred_language == "ar" and product.name_ar else product.name_en
    notify(owner, kind, {"name": owner.first_name, "shop": shop_name(vendor, owner), "product": name, **extra})


def _decide(product: Product, status: str, reason: str | None) -> dict:
    if product.status != "pending":
        raise ProductDecisionRefused(_l("Only a product waiting for approval can be approved or rejected."))
    before = snapshot(product, REVIEW_FIELDS)
    product.status, product.rejection_reason = status, reason
    db.session.flush()
    announce(product_changed, product_ids=[product.id])
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
