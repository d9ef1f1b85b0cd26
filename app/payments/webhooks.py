"""Stripe's webhook events: the only way a card order becomes paid.

Each event is claimed by inserting its id into `payment_event` (unique) in the same transaction as its
effects: a duplicate delivery finds the row and does nothing; a concurrent one waits on the unique index
and then does nothing. Effects lock the order row, and every handler checks where the order is now, so
events arriving out of order (a failure after the success) change nothing.
"""
from __future__ import annotations

import logging
from datetime import datetime, timezone

import stripe
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert

from app.core.events import announce
from app.extensions import db
from app.orders.models import Order
from app.orders.status import cancel_order, lock_order, move_order
from app.payments.gateway import CURRENCY, aed_of, fils_of, stripe_client
from app.payments.models import Payment, PaymentEvent
from app.payments.signals import payment_received

logger = logging.getLogger(__name__)

FAILURE_EVENTS = {"payment_intent.payment_failed": "failed", "payment_intent.canceled": "canceled"}
HANDLED_EVENTS = {"payment_intent.succeeded", *FAILURE_EVENTS}


def process_stripe_event(event: dict) -> str:
    """Apply one verified Stripe event exactly once; return what was done (also kept on its row)."""
    intent = event.get("data", {}).get("object", {}) or {}
    row = claim_event(event, intent)
    if row is None:
        return "duplicate"
    if event["type"] not in HANDLED_EVENTS or intent.get("object") != "payment_intent":
        row.outcome = "ignored"
        return row.outcome
    payment = db.session.scalar(select(Payment).where(Payment.payment_intent_id == intent.get("id")))
    order = db.session.get(Order, payment.order_id) if payment is not None else None
    if order is None:
        logger.warning("stripe event %s for an unknown payment intent %s", event["id"], intent.get("id"))
        row.outcome = "unknown_payment"
        return row.outcome
    row.order_id = order.id
    lock_order(order)
    if event["type"] == "payment_intent.succeeded":
        row.outcome = apply_success(order, payment, intent)
    else:
        row.outcome = apply_failure(order, payment, FAILURE_EVENTS[event["type"]])
    db.session.flush()
    return row.outcome


def claim_event(event: dict, intent: dict) -> PaymentEvent | None:
    """Insert the event's row, or return None when its id was already processed (or is being processed)."""
    summary = {key: intent.get(key) for key in ("status", "amount", "currency")}
    summary["amount_received"] = amount_received_of(intent)
    claimed = db.session.execute(
        insert(PaymentEvent).values(stripe_event_id=event["id"], type=event["type"],
                                    payment_intent_id=intent.get("id"), summary=summary, outcome="processing")
        .on_conflict_do_nothing(index_elements=["stripe_event_id"]).returning(PaymentEvent.id)
    ).scalar()
    return db.session.get(PaymentEvent, claimed) if claimed is not None else None


def amount_received_of(intent: dict) -> int | None:
    """The fils Stripe received. localstripe reports no amount_received: there, its charge's captured amount."""
    if intent.get("amount_received") is not None:
        return intent["amount_received"]
    charge = intent.get("latest_charge")
    if isinstance(charge, dict) and charge.get("status") == "succeeded" and charge.get("captured"):
        return charge.get("amount")
    return None


def apply_success(order: Order, payment: Payment, intent: dict) -> str:
    """Mark the order paid, but only for the order's exact amount in dirhams."""
    received = amount_received_of(intent)
    currency = (intent.get("currency") or "").lower()
    payment.amount_received = aed_of(received) if received is not None else None
    expected = fils_of(order.grand_total)
    if received != expected or currency != CURRENCY:
        payment.status = "mismatched"
        payment.problem = (f"Stripe received {received} {currency or '?'} (fils) for {order.number}, "
                           f"which is owed {expected} {CURRENCY}")
        logger.error("payment mismatch: %s", payment.problem)
        return "mismatch"
    payment.status = "succeeded"
    if order.paid_at is not None:
        return "already_paid"
    order.paid_at = datetime.now(timezone.utc)
    if order.status == "pending_payment":
        move_order(order, "confirmed", note=f"paid by card ({payment.payment_intent_id})")
        announce(payment_received, order=order, payment=payment)
        return "paid"
    # Paid after the order was cancelled (it timed out, or an earlier attempt failed): give the money back.
    from app.payments.refunds import refund_order

    logger.warning("%s was paid after it was %s; refunding", order.number, order.status)
    refund_order(order, reason="paid after the order was cancelled")
    return "refunded_late_payment"


def apply_failure(order: Order, payment: Payment, status: str) -> str:
    """Record the failure; an order still waiting for this payment is cancelled and its stock returned."""
    was_open = payment.status == "open"
    if was_open:
        payment.status = status
    if not was_open or order.status != "pending_payment":
        return "ignored"  # paid already, cancelled already, or the event of an attempt that was superseded
    cancel_order(order, note=f"card payment {status} ({payment.payment_intent_id})", tell_customer=True)
    if status == "failed":
        close_intent(payment)
    return "cancelled"


def close_intent(payment: Payment) -> None:
    """Cancel a failed PaymentIntent at Stripe, so a retry in a page left open cannot pay a cancelled order."""
    try:
        stripe_client().v1.payment_intents.cancel(payment.payment_intent_id)
    except stripe.StripeError as error:  # already canceled or succeeded meanwhile: the events will tell
        logger.info("could not cancel %s: %s", payment.payment_intent_id, error)
