"""Refunds, full or partial, of the whole order or of one vendor's sub-order: through Stripe for card
payments, recorded for cash collected on delivery.

Never more than was paid: the order row is locked, and what is left is the amount received less every
refund so far (for a sub-order, also no more than its total less its own refunds). A full refund of an
order not yet shipped cancels it first (its stock goes back once). A refund given a `request_key` (one per
form shown) is made once: the same key again returns the refund already made.
"""
from __future__ import annotations

from decimal import Decimal

import stripe
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.events import announce
from app.core.money import read_amount
from app.extensions import db
from app.orders.models import CANCELLABLE_STATUSES, Order, OrderEvent, SubOrder
from app.orders.status import cancel_order, lock_order, move_order
from app.payments.gateway import fils_of, stripe_client
from app.payments.models import Payment, Refund
from app.payments.services import PaymentRefused, format_aed, logger
from app.payments.signals import refund_issued


def refund_order(order: Order, amount: Decimal | None = None, actor=None, reason: str = "",
                 sub_order: SubOrder | None = None, request_key: str | None = None) -> Refund:
    """Give back `amount` (everything left when None) of what the order, or one of its sub-orders, was paid;
    PaymentRefused says why not."""
    lock_order(order)
    if request_key is not None:
        made = db.session.scalar(select(Refund).where(Refund.idempotency_key == refund_key(order, request_key)))
        if made is not None:
            return made
    payment = paid_payment(order)
    if payment is None:
        raise PaymentRefused(_("Nothing has been paid on this order yet, so there is nothing to refund."))
    if sub_order is not None and sub_order.order_id != order.id:
        raise PaymentRefused(_("That part is not of this order."))
    left = refundable_amount(order, payment)
    part_left = sub_order_refundable_amount(sub_order) if sub_order is not None else left
    amount = checked_amount(amount, min(left, part_left))
    full = amount == left
    if order.status == "cancelled" and not full:
        raise PaymentRefused(_("A cancelled order is refunded in full."))
    if request_key is None:
        count = db.session.scalar(select(func.count(Refund.id)).where(Refund.order_id == order.id))
        key = f"{order.number}-refund-{count + 1}"
    else:
        key = refund_key(order, request_key)
    refund = Refund(order_id=order.id, payment_id=payment.id, amount=amount, reason=reason, idempotency_key=key,
                    sub_order_id=getattr(sub_order, "id", None), actor_user_id=getattr(actor, "id", None))
    if payment.provider == "stripe":
        refund.stripe_refund_id = refund_at_stripe(order, payment, refund)
    db.session.add(refund)
    db.session.flush()
    if sub_order is not None and not full:
        record_sub_order_refund_status(order, sub_order, amount == part_left, actor, reason)
    else:
        record_refund_status(order, full, actor, reason)
    announce(refund_issued, refund=refund, order=order)
    return refund


def refund_key(order: Order, request_key: str) -> str:
    return f"{order.number}-refund-{request_key[:40]}"


def paid_payment(order: Order) -> Payment | None:
    return db.session.scalar(select(Payment).where(Payment.order_id == order.id, Payment.status == "succeeded")
                             .order_by(Payment.id).limit(1))


def refundable_amount(order: Order, payment: Payment) -> Decimal:
    """What was received on the order less what has already been refunded."""
    refunded = db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.order_id == order.id))
    return (payment.amount_received or payment.amount) - refunded


def sub_order_refundable_amount(sub_order: SubOrder) -> Decimal:
    """The sub-order's total less what has already been refunded on it."""
    refunded = db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0))
                                 .where(Refund.sub_order_id == sub_order.id))
    return sub_order.total - refunded


def checked_amount(amount, left: Decimal) -> Decimal:
    if left <= 0:
        raise PaymentRefused(_("This order has already been refunded in full."))
    if amount is None:
        return left
    try:
        amount = read_amount(amount)
    except ValueError:
        raise PaymentRefused(_("Enter the amount to refund in dirhams, for example 25.50.")) from None
    if amount <= 0:
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
    note = refund_note(reason)
    if not full:
        move_order(order, "partially_refunded", actor, note)
        return
    if order.status in CANCELLABLE_STATUSES:
        cancel_order(order, actor, note)
    move_order(order, "refunded", actor, note)
    close_refunded_parts(order, actor, note)


def close_refunded_parts(order: Order, actor, note: str) -> None:
    """Everything is given back: a part still under way (its shop kept going after an earlier refund of
    another part) is refunded too, so that no vendor ships it."""
    for sub_order in order.sub_orders:
        if sub_order.status != "refunded":
            db.session.add(OrderEvent(order=order, sub_order_id=sub_order.id, from_status=sub_order.status,
                                      to_status="refunded", actor_user_id=getattr(actor, "id", None), note=note))
            sub_order.status = "refunded"
    db.session.flush()


def record_sub_order_refund_status(order: Order, sub_order: SubOrder, part_full: bool, actor, reason: str) -> None:
    """The order is partly refunded; only the refunded vendor's part changes its own status (the others'
    fulfilment goes on)."""
    if not order.can_move_to("partially_refunded"):
        raise PaymentRefused(_("This order cannot be refunded in part any more."))
    note = refund_note(reason)
    actor_id = getattr(actor, "id", None)
    if order.status != "partially_refunded":
        db.session.add(OrderEvent(order=order, from_status=order.status, to_status="partially_refunded",
                                  actor_user_id=actor_id, note=note))
        order.status = "partially_refunded"
    part_status = "refunded" if part_full else "partially_refunded"
    if sub_order.status != part_status:
        db.session.add(OrderEvent(order=order, sub_order_id=sub_order.id, from_status=sub_order.status,
                                  to_status=part_status, actor_user_id=actor_id, note=note))
        sub_order.status = part_status
    db.session.flush()


def refund_note(reason: str) -> str:
    return f"refund: {reason}" if reason else "refund"
