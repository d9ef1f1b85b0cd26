"""A vendor: a shop selling on AromaSouQ. Only approved vendors' offers show in the store."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Numeric, String, Text, func, text
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

VENDOR_STATUSES = ("pending", "approved", "rejected", "suspended")


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

    @property
    def is_selling(self) -> bool:
        return self.status == "approved"

    def __repr__(self) -> str:
        return f"<Vendor {self.slug} {self.status}>"
