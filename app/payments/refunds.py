"""Refunds, full or partial: through Stripe for card payments, recorded for cash collected on delivery.

Never more than was paid: the order row is locked, and what is left is the amount received less every
refund so far. A full refund of an order not yet shipped cancels it first (its stock goes back once).
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

import stripe
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.extensions import db
from app.orders.models import CANCELLABLE_STATUSES, Order
from app.orders.status import cancel_order, lock_order, move_order
from app.payments.gateway import fils_of, stripe_client
from app.payments.models import Payment, Refund
from app.payments.services import PaymentRefused, format_aed, logger, notify_customer

CENT = Decimal("0.01")


def refund_order(order: Order, amount: Decimal | None = None, actor=None, reason: str = "") -> Refund:
    """Give back `amount` (everything left when None) of what the order was paid; PaymentRefused says why not."""
    lock_order(order)
    payment = paid_payment(order)
    if payment is None:
        raise PaymentRefused(_("Nothing has been paid on this order yet, so there is nothing to refund."))
    left = refundable_amount(order, payment)
    amount = checked_amount(amount, left)
    full = amount == left
    if order.status == "cancelled" and not full:
        raise PaymentRefused(_("A cancelled order is refunded in full."))
    count = db.session.scalar(select(func.count(Refund.id)).where(Refund.order_id == order.id))
    refund = Refund(order_id=order.id, payment_id=payment.id, amount=amount, reason=reason,
                    idempotency_key=f"{order.number}-refund-{count + 1}", actor_user_id=getattr(actor, "id", None))
    if payment.provider == "stripe":
        refund.stripe_refund_id = refund_at_stripe(order, payment, refund)
    db.session.add(refund)
    db.session.flush()
    record_refund_status(order, full, actor, reason)
    notify_customer(order, "order_refunded", amount=amount)
    return refund


def paid_payment(order: Order) -> Payment | None:
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id, Payment.status == "succeeded")
                             .order_by(Payment.id).limit(1))


def refundable_amount(order: Order, payment: Payment) -> Decimal:
    """What was received on the order less what has already been refunded."""
    refunded = db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.order_id == order.id))
    return (payment.amount_received or payment.amount) - refunded


def checked_amount(amount, left: Decimal) -> Decimal:
    if left <= 0:
        raise PaymentRefused(_("This order has already been refunded in full."))
    if amount is None:
        return left
    try:
        amount = Decimal(amount)
    except (InvalidOperation, TypeError, ValueError):
        raise PaymentRefused(_("Enter the amount to refund in dirhams, for example 25.50.")) from None
    if not amount.is_finite() or amount <= 0 or amount != amount.quantize(CENT):
        raise PaymentRefused(_("Enter the amount to refund in dirhams, for example 25.50."))
    if amount > left:
        raise PaymentRefused(_("At most %(left)s can still be refunded on this order.", left=format_aed(left)))
    return amount


def refund_at_stripe(order: Order, payment: Payment, refund: Refund) -> str:
    """Ask Stripe to give the money back, with an idempotency key per refund; return Stripe's refund id."""
    try:
        answer = stripe_client().v1.refunds.create(
            params={"payment_intent": payment.payment_intent_id, "amount": fils_of(refund.amount),
                    "metadata": {"order_number": order.number, "reason": refund.reason[:500]}},
            options={"idempotency_key": refund.idempotency_key},
        )
    except stripe.StripeError as error:
        logger.warning("stripe refused a refund on %s: %s", order.number, error)
        raise PaymentRefused(_("The card processor did not accept the refund. Please try again later.")) from error
    return answer.id


def record_refund_status(order: Order, full: bool, actor, reason: str) -> None:
    """Refunded in full or in part; a full refund before shipping cancels the order first."""
    note = f"refund: {reason}" if reason else "refund"
    if not full:
        move_order(order, "partially_refunded", actor, note)
        return
    if order.status in CANCELLABLE_STATUSES:
        cancel_order(order, actor, note)
    move_order(order, "refunded", actor, note)
