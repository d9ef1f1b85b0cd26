"""The payments ledger: every attempt to pay an order, every Stripe event processed, every refund.

Nothing here is inferred from the browser: a card payment is `succeeded` only when Stripe's signed webhook
said so, and a cash payment only when the courier's collection was recorded.
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Numeric, String, Text, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import one_of
from app.extensions import db

PROVIDERS = ("stripe", "cod")
# open: waiting for the customer or Stripe; mismatched: Stripe took an amount or currency other than the
# order's, so the order was not marked paid and someone must look at it.
PAYMENT_STATUSES = ("open", "succeeded", "failed", "canceled", "mismatched")


class Payment(db.Model):
    """One attempt to pay an order: a Stripe PaymentIntent, or cash collected on delivery."""

    __tablename__ = "payment"
    __table_args__ = (
        CheckConstraint(one_of("provider", PROVIDERS), name="known_provider"),
        CheckConstraint(one_of("status", PAYMENT_STATUSES), name="known_status"),
        CheckConstraint("amount > 0", name="amount_is_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), index=True)
    provider: Mapped[str] = mapped_column(String(8))
    attempt: Mapped[int] = mapped_column(default=1)  # 1, 2, … per order and provider
    payment_intent_id: Mapped[str | None] = mapped_column(String(255), unique=True)  # pi_… for Stripe
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))  # asked for, AED
    amount_received: Mapped[Decimal | None] = mapped_column(Numeric(12, 2))  # as Stripe reported it
    currency: Mapped[str] = mapped_column(String(3), default="aed")
    status: Mapped[str] = mapped_column(String(12), default="open")
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)  # AS-2026-000123-attempt-1
    problem: Mapped[str | None] = mapped_column(Text)  # why it needs a person (an amount mismatch …)
    # Who recorded it: the courier or admin for cash; None means the system (a webhook).
    recorded_by_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    refunds: Mapped[list[Refund]] = relationship(back_populates="payment", order_by="Refund.id")

    def __repr__(self) -> str:
        return f"<Payment {self.provider} {self.payment_intent_id or self.id} {self.status}>"


class PaymentEvent(db.Model):
    """A Stripe webhook event, written in the same transaction as its effects: its id is processed once."""

    __tablename__ = "payment_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    stripe_event_id: Mapped[str] = mapped_column(String(255), unique=True)  # evt_…
    type: Mapped[str] = mapped_column(String(80))
    payment_intent_id: Mapped[str | None] = mapped_column(String(255), index=True)
    order_id: Mapped[int | None] = mapped_column(ForeignKey("customer_order.id", ondelete="SET NULL"), index=True)
    # What it said (status, amount, amount received, currency) and what we did about it.
    summary: Mapped[dict] = mapped_column(JSONB, default=dict)
    outcome: Mapped[str] = mapped_column(String(40))
    processed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class Refund(db.Model):
    """Money given back on an order: through Stripe for card payments, recorded by hand for cash."""

    __tablename__ = "refund"
    __table_args__ = (CheckConstraint("amount > 0", name="amount_is_positive"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), index=True)
    payment_id: Mapped[int] = mapped_column(ForeignKey("payment.id", ondelete="CASCADE"), index=True)
    # The vendor's part of the order the money came back for (null: the whole order, shared by its totals).
    sub_order_id: Mapped[int | None] = mapped_column(ForeignKey("sub_order.id", ondelete="SET NULL"), index=True)
    amount: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    reason: Mapped[str] = mapped_column(Text, default="")
    stripe_refund_id: Mapped[str | None] = mapped_column(String(255), unique=True)  # None for cash
    idempotency_key: Mapped[str] = mapped_column(String(80), unique=True)  # AS-2026-000123-refund-1
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    payment: Mapped[Payment] = relationship(back_populates="refunds")
