"""Paying orders: starting a card payment (a Stripe PaymentIntent per order and attempt) and recording cash
collected on delivery. The order becomes paid by card only in `webhooks.py`, from Stripe's signed events.

Services flush; the request (or job) commits. Every change to an order's payment locks the order row
first (`lock_order`), so a page load, a webhook and a refund never act on the same order at once.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from datetime import datetime, timezone

import stripe
from flask_babel import gettext as _
from sqlalchemy import func, select

from app.core.events import announce
from app.core.money import format_money
from app.extensions import db
from app.orders.models import Order
from app.orders.status import lock_order
from app.payments.gateway import (
    CURRENCY,
    MINIMUM_CARD_TOTAL,
    card_payments_enabled,
    fils_of,
    stripe_client,
)
from app.payments.models import Payment
from app.payments.signals import payment_received

logger = logging.getLogger(__name__)

# PaymentIntent statuses in which the customer can still pay with it.
PAYABLE_INTENT_STATUSES = ("requires_payment_method", "requires_confirmation", "requires_action")
# Statuses in which Stripe already has the money or is taking it: wait for the webhook.
SETTLING_INTENT_STATUSES = ("processing", "requires_capture", "succeeded")
STAND_IN_CARD = re.compile(r"^(card|pm)_[A-Za-z0-9]{1,250}$")


class PaymentRefused(Exception):
    """The payment cannot go ahead; `message` says why in the reader's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class CardPayment:
    """A started card payment: its ledger row, and what the page needs to confirm it in the browser."""

    payment: Payment
    client_secret: str
    intent_status: str

    @property
    def is_settling(self) -> bool:
        return self.intent_status in SETTLING_INTENT_STATUSES


def start_card_payment(order: Order) -> CardPayment:
    """Create (or reuse) the PaymentIntent that pays this order's total by card; PaymentRefused says why not."""
    lock_order(order)
    check_card_payable(order)
    client = stripe_client()
    current = open_card_payment(order)
    try:
        if current is not None:
            intent = client.v1.payment_intents.retrieve(current.payment_intent_id)
            reusable = intent.status in PAYABLE_INTENT_STATUSES + SETTLING_INTENT_STATUSES
            if reusable and intent.amount == fils_of(order.grand_total) and current.amount == order.grand_total:
                return CardPayment(current, intent.client_secret, intent.status)
            current.status = "canceled"  # superseded by a new attempt
        return create_card_payment(client, order)
    except stripe.StripeError as error:
        logger.warning("stripe refused to start a payment for %s: %s", order.number, error)
        raise PaymentRefused(_("We could not reach our card processor. Please try again in a moment.")) from error


def check_card_payable(order: Order) -> None:
    if order.payment_method != "card":
        raise PaymentRefused(_("This order is paid in cash on delivery."))
    if order.status != "pending_payment":
        raise PaymentRefused(_("This order is no longer waiting for a payment."))
    if order.grand_total < MINIMUM_CARD_TOTAL:
        raise PaymentRefused(_("Card payments start at %(minimum)s. Please add to your order or pay in cash "
                               "on delivery.", minimum=format_aed(MINIMUM_CARD_TOTAL)))
    if not card_payments_enabled():
        raise PaymentRefused(_("Card payment is not available right now. Please choose cash on delivery."))


def open_card_payment(order: Order) -> Payment | None:
    """The order's latest card attempt that may still be paid."""
    return db.session.scalar(
        select(Payment).where(Payment.order_id == order.id, Payment.provider == "stripe", Payment.status == "open")
        .order_by(Payment.attempt.desc()).limit(1)
    )


def create_card_payment(client: stripe.StripeClient, order: Order) -> CardPayment:
    """A new PaymentIntent for the order's total in fils, with an idempotency key per order and attempt."""
    attempt = next_attempt(order, "stripe")
    key = f"{order.number}-attempt-{attempt}"
    intent = client.v1.payment_intents.create(
        params={"amount": fils_of(order.grand_total), "currency": CURRENCY, "payment_method_types": ["card"],
                "metadata": {"order_number": order.number}},
        options={"idempotency_key": key},
    )
    payment = Payment(order_id=order.id, provider="stripe", attempt=attempt, payment_intent_id=intent.id,
                      amount=order.grand_total, currency=CURRENCY, status="open", idempotency_key=key)
    db.session.add(payment)
    db.session.flush()
    return CardPayment(payment, intent.client_secret, intent.status)


def next_attempt(order: Order, provider: str) -> int:
    latest = db.session.scalar(select(func.max(Payment.attempt))
                               .where(Payment.order_id == order.id, Payment.provider == provider))
    return (latest or 0) + 1


def confirm_with_stand_in_card(order: Order, card_id: str) -> str:
    """Confirm the open PaymentIntent with a card tokenised by a Stripe.js stand-in (localstripe).

    localstripe's Stripe.js has no Payment Element and no confirmPayment: it only tokenises a card, so the
    server confirms the intent with it. Stripe's own Stripe.js confirms in the browser and never comes here.
    Returns the intent's status, or "declined". The order becomes paid only through the webhook.
    """
    if not STAND_IN_CARD.match(card_id or ""):
        raise PaymentRefused(_("Check the card details and try again."))
    lock_order(order)
    check_card_payable(order)
    payment = open_card_payment(order)
    if payment is None:
        raise PaymentRefused(_("This payment has expired. Please reload the page."))
    client = stripe_client()
    try:
        client.v1.payment_intents.update(payment.payment_intent_id, params={"payment_method": card_id})
        return client.v1.payment_intents.confirm(payment.payment_intent_id).status
    except stripe.CardError:
        return "declined"
    except stripe.StripeError as error:
        logger.warning("stripe stand-in refused to confirm %s: %s", payment.payment_intent_id, error)
        raise PaymentRefused(_("Check the card details and try again.")) from error


def record_cod_collection(order: Order, actor=None) -> Payment:
    """Record the cash the courier collected for a cash-on-delivery order (once; a repeat returns the record)."""
    lock_order(order)
    if order.payment_method != "cod":
        raise PaymentRefused(_("This order is paid by card."))
    collected = db.session.scalar(select(Payment).where(Payment.order_id == order.id, Payment.provider == "cod",
                                                        Payment.status == "succeeded"))
    if collected is not None:
        return collected
    if order.status in ("pending_payment", "cancelled", "refunded"):
        raise PaymentRefused(_("This order is not waiting for a cash payment."))
    payment = Payment(order_id=order.id, provider="cod", attempt=next_attempt(order, "cod"),
                      amount=order.grand_total, amount_received=order.grand_total, currency=CURRENCY,
                      status="succeeded", idempotency_key=f"{order.number}-cod",
                      recorded_by_user_id=getattr(actor, "id", None))
    db.session.add(payment)
    order.paid_at = datetime.now(timezone.utc)
    db.session.flush()
    announce(payment_received, order=order, payment=payment)
    return payment


def format_aed(amount, language: str | None = None) -> str:
    from flask_babel import get_locale

    locale = language or str(get_locale() or "en")
    return format_money(amount, "AED", locale=locale)

