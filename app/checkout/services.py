"""The checkout's writes: keeping a new address in the book, and placing the order with its messages.

Services flush; the view commits once. Messages go through the outbox, so a refused order sends nothing.
"""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import gettext as _
from sqlalchemy import text

from app.accounts.address_book import add_address
from app.checkout.state import CheckoutState
from app.core.events import announce
from app.core.i18n import current_language
from app.extensions import db
from app.orders.models import Order
from app.orders.placing import CheckoutDetails, place_order
from app.orders.pricing import OrderRefused
from app.orders.queries import order_by_idempotency_key
from app.orders.signals import order_placed


def keep_address_in_book(user, address: dict, label: str) -> int:
    """Save a new checkout address to the customer's book; returns its id."""
    return add_address(user, label=label[:40], **address).id


def expected_total(raw: str | None) -> Decimal:
    """The total the review page showed; anything that is not an amount is refused as a changed total."""
    try:
        amount = Decimal((raw or "").strip())
    except InvalidOperation:
        amount = Decimal("NaN")
    if not amount.is_finite():
        raise OrderRefused("prices_changed", _("Your order changed while you were checking out. Please review "
                                               "it again."))
    return amount


def checkout_details(state: CheckoutState, total_shown: Decimal) -> CheckoutDetails:
    contact = state.contact
    return CheckoutDetails(
        email=contact["email"], mobile=contact["mobile"], contact_name=contact["name"], address=dict(state.address),
        delivery_option=state.delivery_option, payment_method=state.payment_method, user_id=state.user_id,
        coupon_code=state.coupon_code, gift_wrap=state.gift_wrap, gift_message=state.gift_message or None,
        language=current_language(), expected_total=total_shown,
    )


def place_checkout_order(cart, state: CheckoutState, raw_total: str | None) -> Order:
    """Place the bag as an order with the checkout's choices (once per key) and announce it (`order_placed`).

    Its handlers write the messages: a cash order is confirmed now, so the customer is thanked and each vendor
    told; a card order waits for its payment: the customer hears at once, the vendors when it is paid.
    """
    # place_order takes this lock too (it is re-entrant): holding it from here makes "is there an order for
    # this key yet?" and the placing one step, so a double click never writes the messages twice.
    db.session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": state.key})
    already = order_by_idempotency_key(state.key)
    if already is not None:
        return already
    order = place_order(cart, checkout_details(state, expected_total(raw_total)), state.key)
    announce(order_placed, order=order)
    return order
