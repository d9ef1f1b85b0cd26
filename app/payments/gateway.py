"""The Stripe boundary: the API client, AED in integer fils, and what the payment page may load from Stripe.

Amounts cross into Stripe here only: Decimal AED inside the app, integer fils (× 100) at Stripe.
"""
from __future__ import annotations

from decimal import Decimal
from urllib.parse import urlsplit

import stripe
from flask import current_app

STRIPE_API = "https://api.stripe.com"
STRIPE_JS_ORIGIN = "https://js.stripe.com"
CURRENCY = "aed"
# Stripe's smallest charge in AED; a smaller card total is refused before Stripe is called.
MINIMUM_CARD_TOTAL = Decimal("2.00")
NETWORK_RETRIES = 2  # the library repeats a failed request with the same idempotency key
TIMEOUT_SECONDS = 20


def card_payments_enabled() -> bool:
    """Card payment is offered only when both Stripe keys are configured."""
    config = current_app.config
    return bool(config["STRIPE_SECRET_KEY"] and config["STRIPE_PUBLISHABLE_KEY"])


def stripe_client() -> stripe.StripeClient:
    config = current_app.config
    return stripe.StripeClient(
        config["STRIPE_SECRET_KEY"], base_addresses={"api": config["STRIPE_API_BASE"]},
        max_network_retries=NETWORK_RETRIES, http_client=stripe.RequestsClient(timeout=TIMEOUT_SECONDS),
    )


def fils_of(amount: Decimal) -> int:
    """AED as whole fils, exactly; an amount finer than the fils is a bug, not something to round."""
    fils = Decimal(amount) * 100
    if fils != fils.to_integral_value():
        raise ValueError(f"{amount} AED is not a whole number of fils")
    return int(fils)


def aed_of(fils: int) -> Decimal:
    return (Decimal(fils) / 100).quantize(Decimal("0.01"))


def uses_stand_in() -> bool:
    """True when the API is not Stripe's own but a stand-in such as localstripe (tests, a local trial)."""
    return current_app.config["STRIPE_API_BASE"] != STRIPE_API


def card_test_mode() -> bool:
    """True when cards are taken in test mode (Stripe's test keys, or a stand-in): no real money moves."""
    return card_payments_enabled() and (current_app.config["STRIPE_SECRET_KEY"].startswith("sk_test_")
                                        or uses_stand_in())


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def payment_page_sources() -> dict[str, list[str]]:
    """The origins the payment page's Content-Security-Policy adds: Stripe.js, its frames and its API."""
    config = current_app.config
    script = origin_of(config["STRIPE_JS_URL"])
    frames = [script] + (["https://hooks.stripe.com"] if script == STRIPE_JS_ORIGIN else [])
    connect = list(dict.fromkeys([origin_of(config["STRIPE_API_BASE"]), script]))
    return {"script-src": [script], "frame-src": frames, "connect-src": connect}
