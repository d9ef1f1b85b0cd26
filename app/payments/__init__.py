"""Payments: card payments through Stripe PaymentIntents and its webhook, cash on delivery, refunds,
and the payments ledger. The pages are the card payment step of the checkout and its result."""
from flask import Blueprint

bp = Blueprint("payments", __name__)

from app.payments import views  # noqa: E402,F401
