"""A vendor: a shop selling on AromaSouQ, with its application details and documents.

Only approved vendors' offers show in the store. Status moves along VENDOR_TRANSITIONS only.
"""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, Date, DateTime, ForeignKey, Integer, Numeric, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.text import names_read_as_written
from app.extensions import db

VENDOR_STATUSES = ("pending", "approved", "rejected", "suspended")
# Where each status may go: a rejected applicant may apply again; a suspended shop may be reinstated.
VENDOR_TRANSITIONS = {
    "pending": ("approved", "rejected"),
    "approved": ("suspended",),
    "suspended": ("approved",),
    "rejected": ("pending",),
}
DOCUMENT_TYPES = ("application/pdf", "image/jpeg", "image/png")


class Vendor(db.Model):
    __tablename__ = "vendor"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'approved', 'rejected', 'suspended')", name="known_status"),
        CheckConstraint("commission_rate >= 0 AND commission_rate <= 1", name="commission_is_a_fraction"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name_en: Mapped[str] = mapped_column(String(120))
    name_ar: Mapped[str] = mapped_column(String(120))
    story_en: Mapped[str] = mapped_column(Text, default="")
    story_ar: Mapped[str] = mapped_column(Text, default="")
    # The account that runs the shop (null for demo shops without a login).
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="pending", server_default=text("'pending'"))
    commission_rate: Mapped[Decimal] = mapped_column(Numeric(4, 3), default=Decimal("0.150"))
    emirate: Mapped[str] = mapped_column(String(20), default="dubai")  # where orders ship from
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    approved_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # The application (null for demo shops that never applied through the portal).
    trade_licence_number: Mapped[str | None] = mapped_column(String(40))
    trade_licence_expires_on: Mapped[date | None] = mapped_column(Date)
    contact_name: Mapped[str | None] = mapped_column(String(120))
    _names = names_read_as_written("name_en", "name_ar", "contact_name")
    contact_mobile: Mapped[str | None] = mapped_column(String(16))  # E.164
    trn: Mapped[str | None] = mapped_column(String(15))  # UAE VAT registration number
    iban: Mapped[str | None] = mapped_column(String(34))  # compact, upper case: payouts go there
    submitted_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Why the last rejection or suspension happened, as told to the applicant.
    status_reason: Mapped[str | None] = mapped_column(Text)

    owner = relationship("User")
    documents: Mapped[list[VendorDocument]] = relationship(
        back_populates="vendor", cascade="all, delete-orphan", order_by="VendorDocument.id"
    )

    @property
    def is_selling(self) -> bool:
        return self.status == "approved"

    def can_move_to(self, status: str) -> bool:
        return status in VENDOR_TRANSITIONS.get(self.status, ())

    def __repr__(self) -> str:
        return f"<Vendor {self.slug} {self.status}>"


class VendorDocument(db.Model):
    """A file the applicant uploaded (trade licence, …): kept under instance/uploads/vendor-documents/."""

    __tablename__ = "vendor_document"
    __table_args__ = (
        CheckConstraint("content_type IN ('application/pdf', 'image/jpeg', 'image/png')", name="known_type"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id", ondelete="CASCADE"), index=True)
    # The random file name on disk; the uploader's own name is only shown and offered on download.
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    original_name: Mapped[str] = mapped_column(String(200))
    content_type: Mapped[str] = mapped_column(String(20))
    size_bytes: Mapped[int] = mapped_column(Integer)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    vendor: Mapped[Vendor] = relationship(back_populates="documents")


class VendorPayout(db.Model):
    """Money the platform paid a vendor for a period of its sales, recorded by an admin."""

    __tablename__ = "vendor_payout"
    __table_args__ = (
        CheckConstraint("amount > 0", name="amount_is_positive"),
        CheckConstraint("period_start <= period_end", name="period_in_order"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id", ondelete="CASCADE"), index=True)
    period_start: Mapped[date] = mapped_column(Date)
    period_end: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    paid_on: Mapped[date] = mapped_column(Date)
    reference: Mapped[str] = mapped_column(String(80))  # the bank transfer's reference
    note: Mapped[str] = mapped_column(Text, default="")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    vendor: Mapped[Vendor] = relationship()

