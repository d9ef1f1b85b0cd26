"""Vendor onboarding and the vendor's life: apply, approve, reject, suspend, reinstate, commission.

Every change writes its audit entry and its messages (through the outbox) in the caller's transaction;
services flush, the request commits once. A change of status announces `vendor_changed`, which refreshes the
vendor's listing rows after the commit, so a suspended shop's offers leave the store at once.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import datetime, timezone
from decimal import Decimal

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.accounts.services import grant_role
from app.audit.services import changed_fields, record_change, snapshot
from app.core.events import announce
from app.core.urls import site_url
from app.extensions import db
from app.notifications.services import notify
from app.vendors.documents import CheckedDocument, store_document
from app.vendors.models import Vendor, VendorDocument
from app.vendors.queries import active_admins, vendor_of_owner
from app.vendors.signals import vendor_changed

APPLICATION_FIELDS = ("name_en", "name_ar", "trade_licence_number", "trade_licence_expires_on", "emirate",
                      "contact_name", "contact_mobile", "trn", "iban")
STATUS_FIELDS = ("status", "status_reason", "approved_at")
MAX_COMMISSION_PERCENT = Decimal("50")


class VendorChangeRefused(ValueError):
    """The change is not allowed from the vendor's present state; `message` says why, translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def now() -> datetime:
    return datetime.now(timezone.utc)


def submit_application(user, details: dict, documents: list[CheckedDocument]) -> Vendor:
    """Apply to sell (or apply again after a rejection); the admins hear of it."""
    vendor = vendor_of_owner(user)
    if vendor is not None and not vendor.can_move_to("pending"):
        raise VendorChangeRefused(_l("You have already applied. Your application's status is below."))
    before = snapshot(vendor, APPLICATION_FIELDS + STATUS_FIELDS) if vendor else None
    if vendor is None:
        vendor = Vendor(owner_id=user.id, slug=unique_slug(details["name_en"]), 
                        commission_rate=current_app.config["DEFAULT_COMMISSION_RATE"])
        db.session.add(vendor)
    for name in APPLICATION_FIELDS:
        setattr(vendor, name, details.get(name) or None)
    vendor.status, vendor.status_reason, vendor.submitted_at = "pending", None, now()
    db.session.flush()
    for document in documents:
        db.session.add(VendorDocument(vendor_id=vendor.id, stored_name=store_document(document),
                                      original_name=document.original_name, content_type=document.content_type,
                                      size_bytes=len(document.data), uploaded_by_id=user.id))
    db.session.flush()
    after = snapshot(vendor, APPLICATION_FIELDS + STATUS_FIELDS)
    after["documents"] = [document.original_name for document in documents]
    record_change("vendor.apply", vendor, before, after, actor=user)
    for admin in active_admins():
        notify(admin, "vendor_application_received", {
            "name": admin.first_name, "shop": vendor.name_en,
            "review_url": site_url("admin.show_vendor", vendor_id=vendor.id)})
    return vendor


def approve_vendor(vendor: Vendor, actor) -> None:
    """Let the shop sell: its owner becomes a vendor (signing in again), its offers reach the store."""
    if vendor.status != "pending":
        raise VendorChangeRefused(REFUSALS.get((vendor.status, "approved"), REFUSALS["other"]))
    before = _move(vendor, "approved", reason=None)
    vendor.approved_at = vendor.approved_at or now()
    owner = vendor.owner
    if owner is not None:
        grant_role(owner, "vendor")
        notify(owner, "vendor_approved", {"name": owner.first_name, "shop": shop_name(vendor, owner),
                                          "portal_url": site_url("vendor_portal.show_dashboard")})
    _audit_move(vendor, actor, "vendor.approve", before)


def reject_vendor(vendor: Vendor, actor, reason: str) -> None:
    """Refuse the application, telling the applicant why."""
    before = _move(vendor, "rejected", reason=reason)
    _tell_owner(vendor, "vendor_rejected", reason)
    _audit_move(vendor, actor, "vendor.reject", before)


def suspend_vendor(vendor: Vendor, actor, reason: str) -> None:
    """Stop the shop selling: its offers leave the store as soon as this commits."""
    before = _move(vendor, "suspended", reason=reason)
    _tell_owner(vendor, "vendor_suspended", reason)
    _audit_move(vendor, actor, "vendor.suspend", before)


def reinstate_vendor(vendor: Vendor, actor) -> None:
    """Let a suspended shop sell again."""
    if vendor.status != "suspended":
        raise VendorChangeRefused(_l("Only a suspended shop can be reinstated."))
    before = _move(vendor, "approved", reason=None)
    _audit_move(vendor, actor, "vendor.reinstate", before)


def set_commission_rate(vendor: Vendor, actor, percent: Decimal) -> None:
    """Change the share of each sale the platform keeps (0–50 %)."""
    if not (Decimal("0") <= percent <= MAX_COMMISSION_PERCENT):
        raise VendorChangeRefused(_l("Enter a commission between 0 and 50 %."))
    before = {"commission_rate": vendor.commission_rate}
    vendor.commission_rate = (percent / 100).quantize(Decimal("0.001"))
    db.session.flush()
    record_change("vendor.commission", vendor, before, {"commission_rate": vendor.commission_rate}, actor=actor)


def _move(vendor: Vendor, status: str, reason: str | None) -> dict:
    """The guarded transition; returns the status fields as they were, for the audit entry."""
    if not vendor.can_move_to(status):
        raise VendorChangeRefused(REFUSALS.get((vendor.status, status), REFUSALS["other"]))
    before = snapshot(vendor, STATUS_FIELDS)
    vendor.status, vendor.status_reason = status, reason
    db.session.flush()
    announce(vendor_changed, vendor=vendor)
    return before


def _audit_move(vendor: Vendor, actor, action: str, before: dict) -> None:
    before, after = changed_fields(before, snapshot(vendor, STATUS_FIELDS))
    record_change(action, vendor, before, after, actor=actor)


def _tell_owner(vendor: Vendor, kind: str, reason: str) -> None:
    owner = vendor.owner
    if owner is not None:
        notify(owner, kind, {"name": owner.first_name, "shop": shop_name(vendor, owner), "reason": reason,
                             "application_url": site_url("vendor_portal.show_application")})


def shop_name(vendor: Vendor, reader) -> str:
    """The shop's name in the reader's language."""
    return vendor.name_ar if getattr(reader, "preferred_language", "en") == "ar" and vendor.name_ar else vendor.name_en


def unique_slug(name: str) -> str:
    """A URL name from the English business name, with a short random suffix if it is taken."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:60] or "shop"
    slug = base
    while db.session.scalar(select(Vendor.id).where(Vendor.slug == slug)) is not None:
        slug = f"{base}-{secrets.token_hex(2)}"
    return slug


REFUSALS = {
    ("approved", "approved"): _l("This shop is already approved."),
    ("suspended", "approved"): _l("This shop is suspended: reinstate it instead."),
    ("rejected", "approved"): _l("A rejected application cannot be approved. The applicant must apply again."),
    ("suspended", "suspended"): _l("This shop is already suspended."),
    ("pending", "suspended"): _l("Only an approved shop can be suspended."),
    ("rejected", "suspended"): _l("Only an approved shop can be suspended."),
    ("rejected", "rejected"): _l("This application is already rejected."),
    ("approved", "rejected"): _l("Only a pending application can be rejected. Suspend the shop instead."),
    ("suspended", "rejected"): _l("Only a pending application can be rejected."),
    "other": _l("This change is not possible from the shop's present status."),
}
