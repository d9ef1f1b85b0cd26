"""The card payment step (/checkout/pay/<number>), its result page, and Stripe's webhook."""
from __future__ import annotations

import json
import logging

import stripe
from flask import abort, current_app, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale

from app.core.rendering import render_page_or_block
from app.core.security import content_security_policy
from app.extensions import csrf, db
from app.payments import bp
from app.payments.gateway import payment_page_sources, uses_stand_in
from app.payments.queries import get_order_for_payer_or_404, payment_state
from app.payments.services import PaymentRefused, confirm_with_stand_in_card, start_card_payment
from app.payments.webhooks import process_stripe_event

logger = logging.getLogger(__name__)


@bp.get("/checkout/pay/<number>")
def pay_for_order(number: str):
    """Show the order and Stripe's card form; an order no longer waiting for payment goes to its result."""
    order = get_order_for_payer_or_404(number)
    if order.payment_method != "card" or order.status != "pending_payment":
        return redirect(url_for("payments.payment_result", number=order.number))
    try:
        card_payment = start_card_payment(order)
    except PaymentRefused as refused:
        db.session.commit()
        return render_template("payments/pay.html", order=order, problem=refused.message)
    db.session.commit()
    if card_payment.is_settling:
        return redirect(url_for("payments.payment_result", number=order.number))
    response = current_app.make_response(render_template(
        "payments/pay.html", order=order, client_secret=card_payment.client_secret,
        stripe_js_url=current_app.config["STRIPE_JS_URL"], stand_in=uses_stand_in(),
        stripe_locale=str(get_locale() or "en"),
    ))
    response.headers["Content-Security-Policy"] = content_security_policy(payment_page_sources())
    response.headers["Cache-Control"] = "no-store"  # it carries the PaymentIntent's client secret
    return response


@bp.post("/checkout/pay/<number>/stand-in")
def confirm_stand_in_payment(number: str):
    """Confirm the payment with a card tokenised by localstripe's Stripe.js (never with Stripe's own)."""
    if not uses_stand_in():
        abort(404)
    order = get_order_for_payer_or_404(number)
    try:
        status = confirm_with_stand_in_card(order, request.form.get("card", ""))
    except PaymentRefused as refused:
        db.session.rollback()
        return jsonify(status="refused", message=refused.message), 422
    db.session.commit()
    return jsonify(status=status)


@bp.get("/checkout/paid/<number>")
def payment_result(number: str):
    """The payment's real status, read from the database; it polls itself until Stripe's webhook lands."""
    order = get_order_for_payer_or_404(number)
    response = render_page_or_block("payments/result.html", "payment_status", order=order,
                                    state=payment_state(order))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/payments/stripe/webhook")
@csrf.exempt
def stripe_webhook():
    """Apply a Stripe event whose signature checks out; anything else is refused with 400 and changes nothing."""
    secret = current_app.config["STRIPE_WEBHOOK_SECRET"]
    payload = request.get_data()
    if not secret:
        abort(404)
    try:
        stripe.Webhook.construct_event(payload, request.headers.get("Stripe-Signature", ""), secret)
    except (ValueError, stripe.SignatureVerificationError):
        logger.warning("refused a stripe webhook with a bad signature")
        return jsonify(error="invalid signature"), 400
    outcome = process_stripe_event(json.loads(payload))
    db.session.commit()
    return jsonify(received=True, outcome=outcome)
