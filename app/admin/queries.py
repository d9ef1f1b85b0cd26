"""Back-office reads: what waits for a decision, the product queue, and the audit log."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.catalog.models import (
    Accord,
    Brand,
    Category,
    Note,
    Offer,
    Product,
    ProductAccord,
    ProductNote,
    ProductRevision,
    Variant,
)
from app.core.input import database_id
from app.extensions import db
from app.orders.models import SubOrder
from app.vendors.models import Vendor

UAE_TIME = ZoneInfo("Asia/Dubai")
PRODUCT_STATUSES = ("pending", "revisions", "approved", "rejected", "draft", "archived")  # revisions: changes
PRODUCT_SORT_COLUMNS = {"submitted": Product.created_at, "name": Product.name_en}
REVISION_SORT_COLUMNS = {"submitted": ProductRevision.submitted_at, "name": Product.name_en}
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


def revisions_matching(filters: dict[str, str]):
    """SELECT of the vendors' changes waiting for review, by the product's name (either language)."""
    query = (select(ProductRevision).join(Product, Product.id == ProductRevision.product_id)
             .where(ProductRevision.status == "pending")
             .options(selectinload(ProductRevision.product).selectinload(Product.brand)))
    if "q" in filters:
        pattern = "%" + filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Product.name_en.ilike(pattern) | Product.name_ar.ilike(pattern)
                            | Product.brand.has(Brand.name_en.ilike(pattern)))
    return query


def count_pending_revisions() -> int:
    return db.session.scalar(select(func.count()).select_from(ProductRevision)
                             .where(ProductRevision.status == "pending")) or 0


def products_by_id(product_ids: list[int]) -> list[Product]:
    """The chosen products of a bulk approval (those that exist), in id order."""
    return list(db.session.scalars(select(Product).where(Product.id.in_(product_ids)).order_by(Product.id)))


def get_revision_or_404(revision_id: int) -> ProductRevision:
    revision = db.session.get(ProductRevision, revision_id)
    if revision is None:
        abort(404)
    return revision


def pending_revision_ids(product_ids: list[int]) -> dict[int, int]:
    """{product id: id of its change waiting for review}, in one query."""
    if not product_ids:
        return {}
    return dict(db.session.execute(select(ProductRevision.product_id, ProductRevision.id).where(
        ProductRevision.product_id.in_(product_ids), ProductRevision.status == "pending")).all())


def catalog_names(*datas: dict) -> dict[str, dict[int, object]]:
    """The brands, categories, notes and accords that catalog data refer to, by id (one query each)."""
    ids = {"brands": set(), "categories": set(), "notes": set(), "accords": set()}
    for data in datas:
        ids["brands"].add(data.get("brand_id"))
        ids["categories"].add(data.get("category_id"))
        ids["notes"].update(note_id for layer in data.get("notes", {}).values() for note_id in layer)
        ids["accords"].update(accord_id for accord_id, _ in data.get("accords", []))
    models = {"brands": Brand, "categories": Category, "notes": Note, "accords": Accord}
    return {key: {row.id: row for row in db.session.scalars(select(model).where(model.id.in_(ids[key] - {None})))}
            for key, model in models.items()}


def names_for_audit(sides: list[dict]) -> dict[str, dict[int, object]]:
    """The brands, categories, notes, accords, shops, sizes and shops' parts that audit entries' values name,
    by id (one query each): the log keeps ids, an admin reads names."""
    found = catalog_names(*(side for side in sides if isinstance(side.get("notes", {}), dict)))
    vendor_ids = {side.get("vendor_id") for side in sides} - {None}
    sub_order_ids = {side.get("sub_order") for side in sides} - {None}
    variant_ids = {side.get("variant_id") for side in sides} - {None}
    found["sub_order_vendors"] = dict(db.session.execute(
        select(SubOrder.id, SubOrder.vendor_id).where(SubOrder.id.in_(sub_order_ids))).all()) if sub_order_ids else {}
    vendor_ids |= set(found["sub_order_vendors"].values())
    found["vendors"] = {vendor.id: vendor for vendor in db.session.scalars(
        select(Vendor).where(Vendor.id.in_(vendor_ids)))} if vendor_ids else {}
    found["variants"] = {variant.id: variant for variant in db.session.scalars(
        select(Variant).where(Variant.id.in_(variant_ids))
        .options(selectinload(Variant.product).selectinload(Product.category)))} if variant_ids else {}
    return found


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
        if database_id(actor) is not None:
            query = query.where(AuditEntry.actor_id == database_id(actor))
        else:
            pattern = "%" + actor.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
            query = query.where(AuditEntry.actor.has(User.email.ilike(pattern)))
    if "action" in filters:
        query = query.where(AuditEntry.action == filters["action"])
    if "subject_type" in filters:
        query = query.where(AuditEntry.subject_type == filters["subject_type"])
    if "subject_id" in filters and database_id(filters["subject_id"]) is not None:
        query = query.where(AuditEntry.subject_id == database_id(filters["subject_id"]))
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
