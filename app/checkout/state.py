"""What the shopper has chosen so far, kept in the signed session between the checkout's steps.

Only choices live here (contact, address, delivery option, payment method, coupon code, gift options and
the idempotency key of the order about to be placed); prices never do: every page works them out again
from the offers. A change of account (signing in halfway) starts the checkout afresh.
"""
from __future__ import annotations

import secrets
from dataclasses import asdict, dataclass, field

from flask import session
from flask_login import current_user

from app.payments.queries import PLACED_ORDERS_SESSION_KEY

CHECKOUT_KEY = "checkout"


@dataclass
class CheckoutState:
    user_id: int | None = None
    contact: dict | None = None  # email, mobile (E.164), name
    address: dict | None = None  # recipient_name, mobile, country, region, area, street, building, flat, landmark
    address_id: int | None = None  # the address book's entry it came from, if any
    delivery_option: str | None = None
    gift_wrap: bool = False
    gift_message: str = ""
    payment_method: str | None = None
    coupon_code: str | None = None
    key: str | None = None  # the idempotency key the review step hands out
    notices: list[str] = field(default_factory=list)  # told once on the next page (a coupon dropped, …)

    def issue_key(self) -> str:
        """The key of the order about to be placed: one per checkout, kept until an order uses it."""
        if not self.key:
            self.key = secrets.token_urlsafe(24)
        return self.key

    def take_notices(self) -> list[str]:
        notices, self.notices = self.notices, []
        return notices


def current_user_id() -> int | None:
    return current_user.id if current_user.is_authenticated else None


def load_state() -> CheckoutState:
    """This browser's checkout, or a new one (also when another account is signed in now)."""
    stored = session.get(CHECKOUT_KEY) or {}
    known = {name: value for name, value in stored.items() if name in CheckoutState.__dataclass_fields__}
    state = CheckoutState(**known)
    if state.user_id != current_user_id():
        state = CheckoutState(user_id=current_user_id())
    return state


def save_state(state: CheckoutState) -> None:
    session[CHECKOUT_KEY] = asdict(state)


def forget_state() -> None:
    session.pop(CHECKOUT_KEY, None)


def placed_here(number: str) -> bool:
    """This browser placed the order (the payments package keeps the list): a guest may see its pages."""
    return number in session.get(PLACED_ORDERS_SESSION_KEY, [])
