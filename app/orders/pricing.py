"""What an order costs: items, coupon discount, delivery fee, cash-on-delivery fee, VAT included, total.

Decimal throughout, in AED to the fils (0.01). Prices include 5 % UAE VAT; the VAT shown is worked out
per charge (each line after its share of the discount, the delivery fee, the COD fee) as amount × 5/105,
rounded half up to the fils — the UAE rule — so an invoice's lines add up to its VAT total.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from zoneinfo import ZoneInfo

from flask import current_app
from flask_babel import format_date, format_time
from flask_babel import gettext as _
from sqlalchemy import func, or_, select

from app.core.money import format_money
from app.extensions import db
from app.orders.models import Coupon, CouponRedemption, DeliveryZone

FILS = Decimal("0.01")
ZERO = Decimal("0.00")
VAT_PERCENT = Decimal("5")
UAE_TIME = ZoneInfo("Asia/Dubai")


def to_fils(amount: Decimal) -> Decimal:
    """Round to the fils, half up (Python's own rounding goes half to even)."""
    return Decimal(amount).quantize(FILS, rounding=ROUND_HALF_UP)


def vat_included_in(amount: Decimal) -> Decimal:
    """The VAT inside a VAT-inclusive amount: amount × 5/105, to the fils."""
    return to_fils(Decimal(amount) * VAT_PERCENT / (100 + VAT_PERCENT))


def aed(amount: Decimal) -> str:
    """An amount in dirhams as the page's (or the forced) language writes it."""
    return format_money(amount, "AED")


def uae_now(now: datetime | None = None) -> datetime:
    return (now or datetime.now(UAE_TIME)).astimezone(UAE_TIME)


class OrderRefused(Exception):
    """The order cannot be priced or placed as asked; `message` says why, in the shopper's language."""

    def __init__(self, reason: str, message: str):
        super().__init__(message)
        self.reason = reason  # a stable key: "out_of_stock", "cod_limit", "same_day_closed", …
        self.message = message


@dataclass(frozen=True)
class Item:
    """One offer and how many, at its current price: what pricing needs of a bag's line."""

    offer_id: int
    vendor_id: int
    brand_id: int
    unit_price: Decimal
    quantity: int

    @property
    def line_total(self) -> Decimal:
        return to_fils(self.unit_price * self.quantity)


@dataclass(frozen=True)
class ItemCharge:
    item: Item
    discount: Decimal
    vat_included: Decimal


@dataclass(frozen=True)
class CouponCheck:
    """A coupon looked up for some items: its discount, or the reason it does not apply."""

    coupon: Coupon | None = None
    discount: Decimal = ZERO
    eligible: frozenset[int] = frozenset()  # offer ids the discount is spread over
    problem: str | None = None


@dataclass(frozen=True)
class Totals:
    items_total: Decimal
    discount_total: Decimal
    delivery_fee: Decimal
    cod_fee: Decimal
    vat_included: Decimal
    grand_total: Decimal
    charges: tuple[ItemCharge, ...] = ()
    coupon: Coupon | None = None
    coupon_problem: str | None = None
    # Standard delivery is free from this amount of items (after the discount); None: no such offer.
    free_delivery_from: Decimal | None = None


# Coupons ------------------------------------------------------------------------------------


def find_coupon(code: str, lock: bool = False) -> Coupon | None:
    query = select(Coupon).where(Coupon.code == normalise_coupon_code(code))
    if lock:
        query = query.with_for_update()
    return db.session.scalar(query)


def normalise_coupon_code(code: str | None) -> str:
    return (code or "").strip().upper()[:40]


def check_coupon(code: str, items: list[Item], *, email: str | None = None, user_id: int | None = None,
                 now: datetime | None = None, coupon: Coupon | None = None) -> CouponCheck:
    """The coupon's discount on these items, or a clear reason why it does not apply."""
    code = normalise_coupon_code(code)
    coupon = coupon or find_coupon(code)
    now = uae_now(now)
    if coupon is None or not coupon.is_active:
        return CouponCheck(problem=_("There is no coupon with the code %(code)s.", code=code))
    if coupon.starts_at is not None and now < coupon.starts_at:
        return CouponCheck(problem=_("The coupon %(code)s can be used from %(date)s.", code=coupon.code,
                                     date=format_date(coupon.starts_at.astimezone(UAE_TIME).date())))
    if coupon.ends_at is not None and now >= coupon.ends_at:
        return CouponCheck(problem=_("The coupon %(code)s expired on %(date)s.", code=coupon.code,
                                     date=format_date(coupon.ends_at.astimezone(UAE_TIME).date())))
    eligible = [item for item in items if applies_to(coupon, item)]
    if not eligible:
        return CouponCheck(problem=_("The coupon %(code)s is not for the items in your bag.", code=coupon.code))
    eligible_total = sum((item.line_total for item in eligible), ZERO)
    if coupon.min_spend is not None and eligible_total < coupon.min_spend:
        return CouponCheck(problem=_(
            "Add %(missing)s more to use %(code)s: it needs a spend of %(minimum)s.",
            missing=aed(coupon.min_spend - eligible_total), code=coupon.code, minimum=aed(coupon.min_spend)))
    if coupon.usage_limit is not None and redemptions_of(coupon) >= coupon.usage_limit:
        return CouponCheck(problem=_("The coupon %(code)s has been used up.", code=coupon.code))
    if coupon.per_customer_limit is not None and (email or user_id) and \
            redemptions_of(coupon, email=email, user_id=user_id) >= coupon.per_customer_limit:
        return CouponCheck(problem=_("You have already used the coupon %(code)s as often as it allows.",
                                     code=coupon.code))
    return CouponCheck(coupon=coupon, discount=coupon_discount(coupon, eligible_total),
                       eligible=frozenset(item.offer_id for item in eligible))


def applies_to(coupon: Coupon, item: Item) -> bool:
    return (coupon.vendor_id is None or coupon.vendor_id == item.vendor_id) and \
        (coupon.brand_id is None or coupon.brand_id == item.brand_id)


def coupon_discount(coupon: Coupon, eligible_total: Decimal) -> Decimal:
    if coupon.kind == "percent":
        return min(to_fils(eligible_total * coupon.value / 100), eligible_total)
    return min(to_fils(coupon.value), eligible_total)


def redemptions_of(coupon: Coupon, *, email: str | None = None, user_id: int | None = None) -> int:
    """How many orders used the coupon: in all, or by one customer (their account or, for guests, email)."""
    query = select(func.count()).select_from(CouponRedemption).where(CouponRedemption.coupon_id == coupon.id)
    if email or user_id:
        who = []
        if user_id:
            who.append(CouponRedemption.user_id == user_id)
        if email:
            who.append(CouponRedemption.email == email.strip().lower())
        query = query.where(or_(*who))
    return db.session.scalar(query)


def spread_discount(items: list[Item], discount: Decimal, eligible: frozenset[int]) -> dict[int, Decimal]:
    """Share the discount among the eligible lines in proportion to their totals; the last takes the rest."""
    shares = {item.offer_id: ZERO for item in items}
    lines = [item for item in items if item.offer_id in eligible]
    base = sum((item.line_total for item in lines), ZERO)
    if not lines or discount <= 0 or base <= 0:
        return shares
    left = discount
    for item in lines[:-1]:
        share = min(to_fils(discount * item.line_total / base), left)
        shares[item.offer_id] = share
        left -= share
    shares[lines[-1].offer_id] = left
    return shares


# Delivery -----------------------------------------------------------------------------------


def same_day_is_open(zone: DeliveryZone, now: datetime | None = None) -> bool:
    """Same-day delivery is offered in this zone until its cut-off, UAE time."""
    return zone.same_day_cutoff is not None and uae_now(now).time() < zone.same_day_cutoff


def delivery_fees(zone: DeliveryZone, items_after_discount: Decimal, now: datetime | None = None) -> dict[str, Decimal]:
    """The options offered in the zone right now, each with its fee (standard free from the threshold)."""
    fees = {}
    for rate in sorted(zone.rates, key=lambda rate: rate.fee):
        if rate.option == "same-day" and not same_day_is_open(zone, now):
            continue
        fee = rate.fee
        if rate.option == "standard" and zone.free_delivery_threshold is not None and \
                items_after_discount >= zone.free_delivery_threshold:
            fee = ZERO
        fees[rate.option] = to_fils(fee)
    return fees


def delivery_fee(zone: DeliveryZone | None, option: str, items_after_discount: Decimal,
                 now: datetime | None = None) -> Decimal:
    """The fee of one option, or OrderRefused saying why it is not offered."""
    if zone is None or not zone.is_active:
        raise OrderRefused("no_delivery_zone", _("We do not deliver to that address yet: choose an address "
                                                 "in the United Arab Emirates."))
    fees = delivery_fees(zone, items_after_discount, now)
    if option in fees:
        return fees[option]
    if option == "same-day" and zone.same_day_cutoff is not None:
        raise OrderRefused("same_day_closed", _(
            "Same-day delivery must be ordered before %(time)s (UAE time). Choose next-day or standard delivery.",
            time=format_time(zone.same_day_cutoff, "short")))
    raise OrderRefused("delivery_option_unavailable", _("That delivery option is not offered for this address."))


# Totals -------------------------------------------------------------------------------------


def price_items(items: list[Item], coupon_check: CouponCheck | None = None) -> tuple[Decimal, Decimal, tuple]:
    """The items' total, the discount and each line's charge (its discount share and VAT)."""
    items_total = sum((item.line_total for item in items), ZERO)
    discount = coupon_check.discount if coupon_check and coupon_check.coupon else ZERO
    shares = spread_discount(items, discount, coupon_check.eligible if coupon_check else frozenset())
    charges = tuple(ItemCharge(item, shares[item.offer_id], vat_included_in(item.line_total - shares[item.offer_id]))
                    for item in items)
    return items_total, discount, charges


def price_order(items: list[Item], *, coupon_code: str | None = None, email: str | None = None,
                user_id: int | None = None, zone: DeliveryZone | None = None, delivery_option: str | None = None,
                payment_method: str | None = None, now: datetime | None = None,
                coupon: Coupon | None = None) -> Totals:
    """Price a bag or an order. Without a zone and option, delivery is left out (the bag's own totals)."""
    coupon_check = check_coupon(coupon_code, items, email=email, user_id=user_id, now=now, coupon=coupon) \
        if coupon_code else None
    items_total, discount, charges = price_items(items, coupon_check)
    after_discount = items_total - discount
    fee = delivery_fee(zone, delivery_option, after_discount, now) if delivery_option else ZERO
    cod_fee = to_fils(current_app.config["COD_FEE"]) if payment_method == "cod" else ZERO
    vat = sum((charge.vat_included for charge in charges), ZERO) + vat_included_in(fee) + vat_included_in(cod_fee)
    return Totals(
        items_total=items_total, discount_total=discount, delivery_fee=fee, cod_fee=cod_fee, vat_included=vat,
        grand_total=after_discount + fee + cod_fee, charges=charges,
        coupon=coupon_check.coupon if coupon_check else None,
        coupon_problem=coupon_check.problem if coupon_check else None,
        free_delivery_from=zone.free_delivery_threshold if zone is not None else None,
    )

