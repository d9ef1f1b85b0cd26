"""What the checkout page shows: the bag priced for the choices made so far, the delivery options and
payment methods this order allows (with the reason for each one it does not), and which step is next.

Everything is worked out again on every request from the bag, the offers and the delivery zone; the
session holds only the choices (app/checkout/state.py).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask import current_app
from flask_babel import format_time
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from app.accounts.address_book import region_name
from app.cart.queries import BagSummary, summarise_bag
from app.checkout.state import CheckoutState
from app.orders.models import DELIVERY_OPTIONS, DeliveryZone
from app.orders.pricing import ZERO, Totals, aed, delivery_fees, price_order, to_fils, uae_now
from app.orders.queries import delivery_zone_for
from app.payments.gateway import card_payments_enabled

STEPS = ("contact", "address", "delivery", "payment", "review")
STEP_TITLES = {
    "contact": _l("Contact details"),
    "address": _l("Delivery address"),
    "delivery": _l("Delivery and gift options"),
    "payment": _l("Payment"),
    "review": _l("Review and place your order"),
}
DELIVERY_LABELS = {
    "standard": _l("Standard delivery"),
    "next-day": _l("Next-day delivery"),
    "same-day": _l("Same-day delivery"),
}
PAYMENT_LABELS = {
    "cod": _l("Cash on delivery"),
    "card": _l("Debit or credit card"),
}


@dataclass(frozen=True)
class Choice:
    """A delivery option or a payment method: offered with its fee, or not, with the reason."""

    value: str
    label: str
    fee: Decimal | None
    reason: str | None = None

    @property
    def offered(self) -> bool:
        return self.reason is None


@dataclass(frozen=True)
class Step:
    name: str
    title: str
    number: int
    status: str  # "done", "current" or "upcoming"


@dataclass(frozen=True)
class CheckoutView:
    state: CheckoutState
    summary: BagSummary
    zone: DeliveryZone | None
    totals: Totals
    deliveries: tuple[Choice, ...]
    payments: tuple[Choice, ...]
    current: str
    steps: tuple[Step, ...]
    free_delivery_gap: Decimal | None  # "add AED X more for free standard delivery"
    coupon_problem: str | None

    def choice(self, choices: tuple[Choice, ...], value: str | None) -> Choice | None:
        return next((choice for choice in choices if choice.value == value), None)

    @property
    def delivery(self) -> Choice | None:
        return self.choice(self.deliveries, self.state.delivery_option)

    @property
    def payment(self) -> Choice | None:
        return self.choice(self.payments, self.state.payment_method)

    @property
    def region(self) -> str:
        address = self.state.address or {}
        return region_name(address.get("country", ""), address.get("region", ""))

    def refusals(self, choices: tuple[Choice, ...]) -> dict[str, str]:
        return {choice.value: choice.reason for choice in choices if not choice.offered}


def delivery_choices(zone: DeliveryZone | None, items_after_discount: Decimal, now: datetime) -> tuple[Choice, ...]:
    """Every option the zone has a rate for, with today's fee, or why it is not offered right now."""
    if zone is None:
        return ()
    fees = delivery_fees(zone, items_after_discount, now)
    rated = {rate.option for rate in zone.rates}
    choices = []
    for option in DELIVERY_OPTIONS:
        label = str(DELIVERY_LABELS[option])
        if option in fees:
            choices.append(Choice(option, label, fees[option]))
        elif option == "same-day" and option in rated and zone.same_day_cutoff is not None:
            choices.append(Choice(option, label, None, _(
                "Same-day delivery must be ordered before %(time)s (UAE time). Choose next-day or standard delivery.",
                time=format_time(zone.same_day_cutoff, "short"))))
        elif option == "same-day":
            choices.append(Choice(option, label, None, _("Same-day delivery is not available in %(emirate)s yet.",
                                                          emirate=region_name("AE", zone.emirate))))
    return tuple(choices)


def payment_choices(grand_total_with_cod: Decimal) -> tuple[Choice, ...]:
    """Cash on delivery up to COD_MAX_TOTAL (card offered instead above it), and card when it is set up."""
    cod_limit = to_fils(current_app.config["COD_MAX_TOTAL"])
    card_on = card_payments_enabled()
    cod_reason = None
    if grand_total_with_cod > cod_limit:
        cod_reason = _("Cash on delivery is available for orders up to %(limit)s. Please pay this order by card.",
                       limit=aed(cod_limit)) if card_on else \
            _("Cash on delivery is available for orders up to %(limit)s, and card payment is not available right "
              "now. Remove some items from your bag to pay on delivery.", limit=aed(cod_limit))
    choices = [Choice("cod", str(PAYMENT_LABELS["cod"]), to_fils(current_app.config["COD_FEE"]), cod_reason)]
    if card_on:
        choices.append(Choice("card", str(PAYMENT_LABELS["card"]), ZERO))
    return tuple(choices)


def first_incomplete_step(state: CheckoutState, zone, deliveries, payments) -> str:
    offered = lambda choices, value: any(choice.value == value and choice.offered for choice in choices)  # noqa: E731
    if not state.contact:
        return "contact"
    if not state.address or zone is None:
        return "address"
    if not offered(deliveries, state.delivery_option):
        return "delivery"
    if not offered(payments, state.payment_method):
        return "payment"
    return "review"


def checkout_view(cart, state: CheckoutState, wanted_step: str | None = None,
                  now: datetime | None = None) -> CheckoutView:
    """The checkout for this bag and these choices; `wanted_step` opens an earlier step again."""
    now = uae_now(now)
    summary = summarise_bag(cart)
    items = [bag_line.item for bag_line in summary.lines if bag_line.is_buyable]
    address = state.address or {}
    zone = delivery_zone_for(address.get("country", ""), address.get("region", "")) if address else None
    contact = state.contact or {}
    who = {"email": contact.get("email"), "user_id": state.user_id}

    base = price_order(items, coupon_code=state.coupon_code, now=now, **who)
    after_discount = base.items_total - base.discount_total
    deliveries = delivery_choices(zone, after_discount, now)
    delivery = next((choice for choice in deliveries if choice.value == state.delivery_option and choice.offered),
                    None)
    priced = dict(coupon_code=state.coupon_code if base.coupon else None, zone=zone, now=now,
                  delivery_option=delivery.value if delivery else None, **who)
    payments = payment_choices(price_order(items, payment_method="cod", **priced).grand_total)
    payment = next((choice for choice in payments if choice.value == state.payment_method and choice.offered), None)
    totals = price_order(items, payment_method=payment.value if payment else None, **priced)

    first_open = first_incomplete_step(state, zone, deliveries, payments)
    current = wanted_step if wanted_step in STEPS and STEPS.index(wanted_step) <= STEPS.index(first_open) \
        else first_open
    steps = tuple(Step(name, str(STEP_TITLES[name]), number,
                       "current" if name == current else ("done" if STEPS.index(name) < STEPS.index(first_open)
                                                          else "upcoming"))
                  for number, name in enumerate(STEPS, start=1))
    threshold = zone.free_delivery_threshold if zone is not None else None
    gap = threshold - after_discount if threshold is not None and after_discount < threshold else None
    return CheckoutView(state=state, summary=summary, zone=zone, totals=totals, deliveries=deliveries,
                        payments=payments, current=current, steps=steps, free_delivery_gap=gap,
                        coupon_problem=base.coupon_problem)
