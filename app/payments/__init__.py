"""Payments: card payments through Stripe PaymentIntents and its webhook, cash on delivery, refunds,
and the payments ledger. The pages are the card payment step of the checkout and its result."""
from flask import Blueprint

bp = Blueprint("payments", __name__)


@bp.app_context_processor
def card_mode() -> dict:
    from app.payments.gateway import card_test_mode

    return {"card_test_mode": card_test_mode}  # the payment steps' "test mode" ribbon

from app.payments import views  # noqa: E402,F401
