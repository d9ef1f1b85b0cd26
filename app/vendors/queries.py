"""Reading vendors, their applications and documents, with the ownership checks in one place."""
from __future__ import annotations

from flask import abort
from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from app.accounts.access import ensure_owner
from app.accounts.models import User
from app.catalog.models import Offer, Product, Variant
from app.extensions import db
from app.vendors.models import Vendor, VendorDocument


def vendor_of_owner(user) -> Vendor | None:
    """The shop an account runs or applied for (one per account), or None."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalar(select(Vendor).where(Vendor.owner_id == user.id).order_by(Vendor.id).limit(1))


def get_vendor_or_404(vendor_id: int) -> Vendor:
    return db.get_or_404(Vendor, vendor_id)


def get_document_for_owner_or_404(document_id: int, user) -> VendorDocument:
    """A document of the account's own shop; anyone else's is answered as if it did not exist."""
    document = db.get_or_404(VendorDocument, document_id)
    ensure_owner(document.vendor.owner_id, user)
    return document


def get_document_of_vendor_or_404(vendor_id: int, document_id: int) -> VendorDocument:
    """For admins: a document, only under the vendor it belongs to."""
    document = db.get_or_404(VendorDocument, document_id)
    if document.vendor_id != vendor_id:
        abort(404)
    return document


def active_admins() -> list[User]:
    """Accounts that review vendor applications."""
    return list(db.session.scalars(
        select(User).where(User.roles.contains(["admin"]), User.is_active_account.is_(True),
                           User.deleted_at.is_(None)).order_by(User.id)))


def count_vendors_with_status(status: str) -> int:
    return db.session.scalar(select(func.count()).select_from(Vendor).where(Vendor.status == status)) or 0


def vendor_owners(vendor_ids) -> dict[int, User]:
    """The owner account of each of these vendors (those that have one), in one query."""
    rows = db.session.execute(
        select(Vendor.id, User).join(User, User.id == Vendor.owner_id).where(Vendor.id.in_(list(vendor_ids))))
    return {vendor_id: owner for vendor_id, owner in rows}


def shop_counts(vendor_id: int) -> dict[str, int]:
    """What the vendor's dashboard counts: its active offers, those out of stock, its products waiting for review."""
    offers = select(func.count()).select_from(Offer).where(Offer.vendor_id == vendor_id, Offer.is_active.is_(True))
    waiting = (select(func.count(func.distinct(Product.id))).select_from(Offer)
               .join(Variant, Variant.id == Offer.variant_id).join(Product, Product.id == Variant.product_id)
               .where(Offer.vendor_id == vendor_id, Product.status == "pending"))
    return {"offers": db.session.scalar(offers) or 0,
            "sold_out": db.session.scalar(offers.where(Offer.stock == 0)) or 0,
            "waiting": db.session.scalar(waiting) or 0}


VENDOR_SORT_COLUMNS = {
    "submitted": func.coalesce(Vendor.submitted_at, Vendor.created_at),
    "name": Vendor.name_en,
    "status": Vendor.status,
    "commission": Vendor.commission_rate,
    "emirate": Vendor.emirate,
}


def vendors_matching(filters: dict[str, str]):
    """SELECT of vendors (their owners loaded) by status, emirate and text (name, licence, owner's email)."""
    query = select(Vendor).outerjoin(User, User.id == Vendor.owner_id).options(selectinload(Vendor.owner))
    if "status" in filters:
        query = query.where(Vendor.status == filters["status"])
    if "emirate" in filters:
        query = query.where(Vendor.emirate == filters["emirate"])
    if "q" in filters:
        pattern = "%" + filters["q"].replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        query = query.where(Vendor.name_en.ilike(pattern) | Vendor.name_ar.ilike(pattern)
                            | Vendor.trade_licence_number.ilike(pattern) | User.email.ilike(pattern)
                            | Vendor.slug.ilike(pattern))
    return query


def count_vendors_by_status() -> dict[str, int]:
    return dict(db.session.execute(select(Vendor.status, func.count()).group_by(Vendor.status)).all())
