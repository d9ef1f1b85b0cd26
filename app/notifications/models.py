"""The notification outbox: one row per recipient and channel, written with the change that causes it."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Index, String, Text, func, text
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from app.extensions import db

CHANNELS = ("email", "sms", "in_app")
STATUSES = ("pending", "delivered", "failed")


class Notification(db.Model):
    __tablename__ = "notification"
    __table_args__ = (
        CheckConstraint("channel IN ('email', 'sms', 'in_app')", name="known_channel"),
        CheckConstraint("status IN ('pending', 'delivered', 'failed')", name="known_status"),
        CheckConstraint("language IN ('en', 'ar')", name="known_language"),
        # The sweeper's question: which rows are still waiting, and since when?
        Index("ix_notification_pending", "next_attempt_at", postgresql_where=text("status = 'pending'")),
        # The notification centre's question: this account's in-app messages, newest first.
        Index("ix_notification_in_app_by_user", "user_id", "created_at", postgresql_where=text("channel = 'in_app'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    # Nullable: an account may be deleted (anonymised) later, and guests receive order mail.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    channel: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(40))  # verify_email, password_reset, welcome, …
    # Email address or E.164 mobile at the time of writing (empty for in-app).
    recipient: Mapped[str] = mapped_column(String(254), default="")
    language: Mapped[str] = mapped_column(String(2), default="en")
    # What the message templates need: names, links, order numbers. Never a password.
    payload: Mapped[dict] = mapped_column(JSONB, default=dict)
    status: Mapped[str] = mapped_column(String(10), default="pending")
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    delivered_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    read_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    def __repr__(self) -> str:
        return f"<Notification {self.id} {self.kind} {self.channel} {self.status}>"
