"""Placing an order: the bag becomes an order, split per vendor, in one transaction, exactly once per key.

Stock is taken inside the order's transaction: the offers are locked with SELECT … FOR UPDATE in the
order of their ids, so two bags sharing offers never deadlock, and the CHECK on offer.stock makes
overselling impossible even for code that forgets to lock. A repeated call with the same idempotency key
(a double click, a retried request) returns the order the first call made, even when both run at once:
an advisory lock on the key makes the second wait, and the unique key catches anything that slips by.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from flask import current_app
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import func, select, text
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import joinedload

from app.cart.models import MAX_QUANTITY_PER_LINE, Cart, CartLine
from app.cart.queries import is_on_sale
from app.cart.services import empty_cart, lock_cart
from app.catalog.models import Offer, Product, Variant
from app.catalog.signals import offer_changed
from app.catalog.sizes import size_text
from app.core.events import announce
from app.extensions import db
from app.orders.models import (
    ORDER_NUMBER_SEQUENCE,
    CouponRedemption,
    Order,
    OrderEvent,
    OrderLine,
    SubOrder,
)
from app.orders.pricing import (
    ZERO,
    Item,
    OrderRefused,
    Totals,
    aed,
    find_coupon,
    price_order,
    to_fils,
    uae_now,
)
from app.orders.queries import delivery_zone_for, order_by_idempotency_key
from app.vendors.models import Vendor

GIFT_MESSAGE_LIMIT = 300


@dataclass(frozen=True)
class CheckoutDetails:
    """What the checkout collected. Prices are never among them: they come from the offers."""

    email: str
    mobile: str
    contact_name: str
    # recipient_name, mobile, country, region (the emirate's key), area, street, building, flat, landmark
    address: dict
    delivery_option: str
    payment_method: str
    user_id: int | None = None
    coupon_code: str | None = None
    gift_wrap: bool = False
    gift_message: str | None = None
    language: str = "en"
    expected_total: Decimal | None = None  # the total the review step showed; a different one is refused


@dataclass(frozen=True)
class LockedLine:
    line: CartLine
    offer: Offer
    product: Product
    vendor: Vendor


def place_order(cart: Cart, details: CheckoutDetails, idempotency_key: str, now: datetime | None = None) -> Order:
    """Turn the bag into an order (or return the order this key already made); OrderRefused says why not."""
    if not idempotency_key or len(idempotency_key) > 64:
        raise ValueError("an idempotency key of 1 to 64 characters is needed")
    db.session.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))"), {"key": idempotency_key})
    existing = order_by_idempotency_key(idempotency_key)
    if existing is not None:
        return existing
    try:
        with db.session.begin_nested():
            return make_order(cart, details, idempotency_key, uae_now(now))
    except IntegrityError as error:
        existing = order_by_idempotency_key(idempotency_key)
        if existing is None:
            raise error
        return existing


def make_order(cart: Cart, details: CheckoutDetails, idempotency_key: str, now: datetime) -> Order:
    lock_cart(cart)
    locked = lock_lines(cart)
    check_lines(locked)
    totals = price_checkout(locked, details, now)
    order = record_order(details, totals, idempotency_key, now)
    record_lines(order, locked, totals)
    take_stock(locked)
    if totals.coupon is not None:
        db.session.add(CouponRedemption(coupon_id=totals.coupon.id, order_id=order.id, user_id=details.user_id,
                                        email=details.email.strip().lower(), amount=totals.discount_total))
    db.session.add(OrderEvent(order=order, from_status=None, to_status=order.status, actor_user_id=details.user_id,
                              note="placed"))
    empty_cart(cart)
    db.session.flush()
    return order


def lock_lines(cart: Cart) -> list[LockedLine]:
    """The bag's lines with their offers locked FOR UPDATE in offer-id order, and fresh stock and prices."""
    lines = list(db.session.scalars(select(CartLine).where(CartLine.cart_id == cart.id)
                                    .order_by(CartLine.offer_id).execution_options(populate_existing=True)))
    if not lines:
        raise OrderRefused("empty_cart", _("Your bag is empty."))
    offer_ids = [line.offer_id for line in lines]
    offers = {offer.id: offer for offer in db.session.scalars(
        select(Offer).where(Offer.id.in_(offer_ids)).order_by(Offer.id)
        .with_for_update(of=Offer).execution_options(populate_existing=True)
    )}
    details = {offer.id: (product, vendor) for offer, product, vendor in db.session.execute(
        select(Offer, Product, Vendor).join(Variant, Variant.id == Offer.variant_id)
        .join(Product, Product.id == Variant.product_id).join(Vendor, Vendor.id == Offer.vendor_id)
        .where(Offer.id.in_(offer_ids))
        .options(joinedload(Product.brand), joinedload(Product.category), joinedload(Offer.variant))
    )}
    return [LockedLine(line, offers[line.offer_id], *details[line.offer_id]) for line in lines]


def check_lines(locked: list[LockedLine]) -> None:
    """Every line is on sale, in stock for its quantity and within the per-line cap."""
    for entry in locked:
        name = f"{product_name(entry.product)} {size_text(entry.offer.variant.size_ml, entry.product.size_unit)}"
        if not is_on_sale(entry.offer, entry.product, entry.vendor):
            raise OrderRefused("unavailable", _("%(name)s is no longer available. Remove it from your bag.",
                                                name=name))
        if entry.offer.stock == 0:
            raise OrderRefused("out_of_stock", _("Sorry, %(name)s has just sold out. Remove it from your bag.",
                                                 name=name))
        if entry.offer.stock < entry.line.quantity:
            raise OrderRefused("out_of_stock", ngettext(
                "Sorry, only %(num)d of %(name)s is left. Lower the quantity in your bag.",
                "Sorry, only %(num)d of %(name)s are left. Lower the quantity in your bag.",
                entry.offer.stock, name=name))
        if entry.line.quantity > MAX_QUANTITY_PER_LINE:
            raise OrderRefused("too_many", ngettext(
                "You can buy at most %(num)d of one item.", "You can buy at most %(num)d of one item.",
                MAX_QUANTITY_PER_LINE))


def product_name(product: Product) -> str:
    locale = get_locale()
    return product.name_ar if locale is not None and locale.language == "ar" else product.name_en


def price_checkout(locked: list[LockedLine], details: CheckoutDetails, now: datetime) -> Totals:
    """The order's totals at today's prices, with the checkout's rules: coupon, delivery, COD limit, gift."""
    items = [Item(offer_id=entry.offer.id, vendor_id=entry.vendor.id, brand_id=entry.product.brand_id,
                  unit_price=entry.offer.price, quantity=entry.line.quantity) for entry in locked]
    address = details.address
    zone = delivery_zone_for(address.get("country", ""), address.get("region", ""))
    coupon = find_coupon(details.coupon_code, lock=True) if details.coupon_code else None
    totals = price_order(items, coupon_code=details.coupon_code, email=details.email, user_id=details.user_id,
                         zone=zone, delivery_option=details.delivery_option,
                         payment_method=details.payment_method, now=now, coupon=coupon)
    if totals.coupon_problem:
        raise OrderRefused("coupon", totals.coupon_problem)
    cod_limit = to_fils(current_app.config["COD_MAX_TOTAL"])
    if details.payment_method == "cod" and totals.grand_total > cod_limit:
        raise OrderRefused("cod_limit", _("Cash on delivery is available for orders up to %(limit)s. "
                                          "Please pay this order by card.", limit=aed(cod_limit)))
    if details.payment_method not in ("cod", "card"):
        raise OrderRefused("payment_method", _("Choose how you would like to pay."))
    if details.expected_total is not None and details.expected_total != totals.grand_total:
        raise OrderRefused("prices_changed", _("Prices changed while you were checking out: the total is now "
                                               "%(total)s. Please review your order again.",
                                               total=aed(totals.grand_total)))
    if details.gift_message and len(details.gift_message) > GIFT_MESSAGE_LIMIT:
        raise OrderRefused("gift_message", ngettext("Keep the gift message to %(num)d character.",
                                                    "Keep the gift message to %(num)d characters.",
                                                    GIFT_MESSAGE_LIMIT))
    return totals


def next_order_number(now: datetime) -> str:
    """AS-2026-000123: the year (UAE time) and a number from a sequence that never repeats."""
    return f"AS-{now.year}-{db.session.scalar(func.nextval(ORDER_NUMBER_SEQUENCE.name)):06d}"


def record_order(details: CheckoutDetails, totals: Totals, idempotency_key: str, now: datetime) -> Order:
    order = Order(
        number=next_order_number(now), user_id=details.user_id, email=details.email.strip().lower(),
        mobile=details.mobile, contact_name=details.contact_name, language=details.language,
        status="confirmed" if details.payment_method == "cod" else "pending_payment",
        delivery_address=dict(details.address), delivery_emirate=details.address.get("region", ""),
        delivery_option=details.delivery_option, payment_method=details.payment_method,
        coupon_code=totals.coupon.code if totals.coupon else None,
        items_total=totals.items_total, discount_total=totals.discount_total, delivery_fee=totals.delivery_fee,
        cod_fee=totals.cod_fee, vat_included=totals.vat_included, grand_total=totals.grand_total,
        gift_wrap=details.gift_wrap, gift_message=details.gift_message or None, idempotency_key=idempotency_key,
    )
    db.session.add(order)
    db.session.flush()  # the unique idempotency key speaks here, before any stock moves
    return order


def record_lines(order: Order, locked: list[LockedLine], totals: Totals) -> None:
    """Copy each line as it is bought, one sub-order per vendor with its own totals."""
    charges = {charge.item.offer_id: charge for charge in totals.charges}
    sub_orders: dict[int, SubOrder] = {}
    for entry in sorted(locked, key=lambda entry: (entry.vendor.id, entry.offer.id)):
        sub_order = sub_orders.get(entry.vendor.id)
        if sub_order is None:
            sub_order = SubOrder(order=order, vendor_id=entry.vendor.id, status=order.status, items_total=ZERO,
                                 discount_total=ZERO, vat_included=ZERO, total=ZERO)
            sub_orders[entry.vendor.id] = sub_order
            db.session.add(sub_order)
        charge = charges[entry.offer.id]
        line_total = charge.item.line_total
        db.session.add(OrderLine(
            order=order, sub_order=sub_order, product_id=entry.product.id, variant_id=entry.offer.variant_id,
            offer_id=entry.offer.id, vendor_id=entry.vendor.id, product_slug=entry.product.slug,
            product_name_en=entry.product.name_en, product_name_ar=entry.product.name_ar,
            brand_name_en=entry.product.brand.name_en, brand_name_ar=entry.product.brand.name_ar,
            vendor_name_en=entry.vendor.name_en, vendor_name_ar=entry.vendor.name_ar,
            size_ml=entry.offer.variant.size_ml, size_unit=entry.product.size_unit,
            variant_kind=entry.offer.variant.kind, sku=entry.offer.sku,
            unit_price=entry.offer.price, quantity=entry.line.quantity, line_total=line_total,
            discount=charge.discount, vat_included=charge.vat_included,
        ))
        sub_order.items_total += line_total
        sub_order.discount_total += charge.discount
        sub_order.vat_included += charge.vat_included
        sub_order.total += line_total - charge.discount


def take_stock(locked: list[LockedLine]) -> None:
    """Take each line's quantity from its (locked) offer, and announce the sale (the listing shows what sold out)."""
    for entry in locked:
        entry.offer.stock -= entry.line.quantity
    db.session.flush()
    announce(offer_changed, offer_ids=[entry.offer.id for entry in locked],
             product_ids=sorted({entry.product.id for entry in locked}), change="sold")
