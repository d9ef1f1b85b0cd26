"""Demo card payments: the demo's paid card orders become real PaymentIntents, paid with the test Visa, on the
local card processor (localstripe, which `make run` starts when no Stripe keys are set), and its refunds real
refunds there, so that an admin can cancel or refund a demo card order as any other.

Only against a stand-in: a demo makes hundreds of payments, which Stripe's own test mode should not receive.
"""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal

import stripe

from app.payments.gateway import CURRENCY, card_payments_enabled, fils_of, stripe_client, uses_stand_in

TEST_VISA = "pm_card_visa"  # Stripe's (and localstripe's) test card 4242 4242 4242 4242
PARALLEL_REQUESTS = 4


def demo_card_processor() -> stripe.StripeClient | None:
    """The client of the local card processor when one is configured; None otherwise."""
    if card_payments_enabled() and uses_stand_in():
        return stripe_client()
    return None


def charge_demo_cards(client: stripe.StripeClient, charges: list[tuple[str, Decimal]]) -> list[str]:
    """Pay each (order number, amount) by the test card; return the PaymentIntents' ids, in order."""
    def charge(number_and_amount: tuple[str, Decimal]) -> str:
        number, amount = number_and_amount
        intent = client.v1.payment_intents.create(
            params={"amount": fils_of(amount), "currency": CURRENCY, "payment_method": TEST_VISA, "confirm": True,
                    "metadata": {"order_number": number}},
            options={"idempotency_key": f"{number}-attempt-1"},
        )
        return intent.id

    with ThreadPoolExecutor(PARALLEL_REQUESTS) as pool:
        return list(pool.map(charge, charges))


def refund_demo_cards(client: stripe.StripeClient, refunds: list[tuple[str, str, Decimal, str]]) -> list[str]:
    """Refund each (order number, PaymentIntent id, amount, idempotency key); return the refunds' ids, in order."""
    def refund(what: tuple[str, str, Decimal, str]) -> str:
        number, intent_id, amount, key = what
        answer = client.v1.refunds.create(
            params={"payment_intent": intent_id, "amount": fils_of(amount), "metadata": {"order_number": number}},
            options={"idempotency_key": key},
        )
        return answer.id

    with ThreadPoolExecutor(PARALLEL_REQUESTS) as pool:
        return list(pool.map(refund, refunds))
