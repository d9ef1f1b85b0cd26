"""Back-office reads: what waits for a decision, the product queue, and the audit log."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.catalog.models import Brand, Offer, Product, ProductAccord, ProductNote, Variant
from app.extensions import db
from app.vendors.models import Vendor

UAE_TIME = ZoneInfo("Asia/Dubai")
PRODUCT_STATUSES = ("pending", "approved", "rejected", "draft", "archived")
PRODUCT_SORT_COLUMNS = {"submitted": Product.created_at, "name": Product.name_en}
AUDIT_SORT_COLUMNS = {"created": AuditEntry.created_at}


def waiting_counts() -> dict[str, int]:
    """What waits for an admin: vendor applications and products to approve."""
    return {
        "vendors": db.session.scalar(select(func.count()).select_from(Vendor).where(Vendor.status == "pending")) or 0,
        "products": db.session.scalar(
            select(func.count()).select_from(Product).where(Product.status == "pending")) or 0,
    }


def products_matching(filters: dict[str, str]):
    """SELECT of products by status and name (either language), with their brand loaded."""
    query = select(Product).options(selectinload(Product.brand), selectinload(Product.category))
    query = query.where(Product.status == filters.get("status", "pending"))
    if "q" in filters:
        pattern = "%" + filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Product.name_en.ilike(pattern) | Product.name_ar.ilike(pattern)
                            | Product.brand.has(Brand.name_en.ilike(pattern)))
    return query


def shops_of_products(product_ids: list[int]) -> dict[int, list[Vendor]]:
    """The vendors offering each product, in one query."""
    rows = db.session.execute(
        select(Variant.product_id, Vendor).distinct()
        .join(Offer, Offer.variant_id == Variant.id).join(Vendor, Vendor.id == Offer.vendor_id)
        .where(Variant.product_id.in_(product_ids)).order_by(Variant.product_id, Vendor.name_en))
    shops: dict[int, list[Vendor]] = {}
    for product_id, vendor in rows:
        shops.setdefault(product_id, []).append(vendor)
    return shops


def get_product_for_review_or_404(product_id: int) -> Product:
    """A product with everything the review shows: texts, notes by layer, accords, sizes and offers."""
    product = db.session.scalar(
        select(Product).where(Product.id == product_id).options(
            selectinload(Product.brand), selectinload(Product.category),
            selectinload(Product.notes).selectinload(ProductNote.note),
            selectinload(Product.accords).selectinload(ProductAccord.accord),
            selectinload(Product.variants).selectinload(Variant.offers),
            selectinload(Product.images)))
    if product is None:
        abort(404)
    return product


def vendors_by_id(vendor_ids) -> dict[int, Vendor]:
    ids = list(set(vendor_ids))
    return {vendor.id: vendor for vendor in db.session.scalars(select(Vendor).where(Vendor.id.in_(ids)))} if ids else {}


def audit_entries_for(subject_type: str, subject_id: int, limit: int = 20) -> list[AuditEntry]:
    """The latest changes to one record, newest first, with their actors."""
    return list(db.session.scalars(
        select(AuditEntry).where(AuditEntry.subject_type == subject_type, AuditEntry.subject_id == subject_id)
        .options(selectinload(AuditEntry.actor)).order_by(AuditEntry.created_at.desc(), AuditEntry.id.desc())
        .limit(limit)))


def audit_entries_matching(filters: dict[str, str]):
    """SELECT of audit entries by actor (email or id), action, subject type and UAE dates (inclusive)."""
    query = select(AuditEntry).options(selectinload(AuditEntry.actor))
    if "actor" in filters:
        actor = filters["actor"]
        if actor.isdigit():
            query = query.where(AuditEntry.actor_id == int(actor))
        else:
            pattern = "%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(AuditEntry.actor.has(User.email.ilike(pattern)))
    if "action" in filters:
        query = query.where(AuditEntry.action == filters["action"])
    if "subject_type" in filters:
        query = query.where(AuditEntry.subject_type == filters["subject_type"])
    if "subject_id" in filters and filters["subject_id"].isdigit():
        query = query.where(AuditEntry.subject_id == int(filters["subject_id"]))
    start, end = parse_day(filters.get("since")), parse_day(filters.get("until"))
    if start:
        query = query.where(AuditEntry.created_at >= datetime.combine(start, time.min, UAE_TIME))
    if end:
        query = query.where(AuditEntry.created_at < datetime.combine(end + timedelta(days=1), time.min, UAE_TIME))
    return query


def parse_day(raw: str | None) -> date | None:
    try:
        return date.fromisoformat(raw) if raw else None
    except ValueError:
        return None


def audit_vocabulary() -> tuple[list[str], list[str]]:
    """The actions and subject types the log holds, for the filter's choices."""
    actions = list(db.session.scalars(select(AuditEntry.action).distinct().order_by(AuditEntry.action)))
    subjects = list(db.session.scalars(select(AuditEntry.subject_type).distinct().order_by(AuditEntry.subject_type)))
    return actions, subjects
