"""One row per change an admin or a vendor makes: who, what, when, before → after."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Index, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.extensions import db


class AuditEntry(db.Model):
    __tablename__ = "audit_entry"
    __table_args__ = (
        Index("ix_audit_entry_subject", "subject_type", "subject_id"),
        Index("ix_audit_entry_created_at", "created_at"),
        Index("ix_audit_entry_actor_id", "actor_id"),
        Index("ix_audit_entry_action", "action"),
    )

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    # Kept when the account is deleted: the entry still says which role acted.
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(60))  # "vendor.approve", "product.reject", …
    subject_type: Mapped[str] = mapped_column(String(40))  # the table name: "vendor", "product", …
    subject_id: Mapped[int | None] = mapped_column(BigInteger)
    before: Mapped[dict | None] = mapped_column(JSONB)
    after: Mapped[dict | None] = mapped_column(JSONB)
    request_id: Mapped[str | None] = mapped_column(String(64))
    ip_address: Mapped[str | None] = mapped_column(String(45))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    actor = relationship("User")
