"""A vendor's offers: the rules their values obey, changing one, adding one to a catalog perfume.

Only a selling (approved) shop changes its offers; a suspended one is refused. Every change writes its
audit entry in the caller's transaction and announces `offer_changed`, which refreshes the perfume's listing
rows after the commit, so the store shows the new price and stock. Services flush; the request commits once.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import changed_fields, record_change, snapshot
from app.catalog.models import DELIVERY_PROMISES, Offer, Variant
from app.catalog.signals import offer_changed
from app.core.events import announce
from app.core.money import read_amount
from app.extensions import db
from app.vendors.models import Vendor
from app.vendors.offer_queries import sku_taken, vendor_sells_variant

OFFER_FIELDS = ("price", "compare_at_price", "stock", "sku", "gift_wrap", "delivery_promise", "is_active")
MAX_PRICE = Decimal("1000000")
MAX_STOCK = 1_000_000
SKU_MAX_LENGTH = 64
# Digits as Arabic keyboards type them, and the Arabic decimal separator.
_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")

PRICE_PROBLEM = _l("Enter a price in dirhams above zero, with at most two decimals, for example 249.50.")
COMPARE_AT_PROBLEM = _l("Enter the earlier price in dirhams, with at most two decimals, or leave it empty.")
COMPARE_AT_NOT_ABOVE = _l("The earlier price must be above the price, or empty.")
STOCK_PROBLEM = _l("Enter the stock as a whole number, 0 or more.")
PRICE_TOO_HIGH = _l("A price must be below 1,000,000 dirhams.")
STOCK_TOO_HIGH = _l("Stock must be below 1,000,000.")
SKU_MISSING = _l("Enter the SKU: your own code for this offer.")
SKU_TAKEN = _l("Another of your offers already has this SKU.")
SHOP_NOT_SELLING = _l("Your shop is suspended, so its offers cannot be changed until it is reinstated.")
ALREADY_SOLD = _l("You already sell this size. Change its price or stock on your offers page.")


class OfferChangeRefused(ValueError):
    """The offer change breaks a rule; `message` says why (translated), `field` names the value at fault."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message, self.field = message, field


@dataclass
class OfferValues:
    """What a vendor sets on an offer."""

    price: Decimal
    compare_at_price: Decimal | None
    stock: int
    sku: str
    gift_wrap: bool = False
    delivery_promise: str = "standard"
    is_active: bool = True


def parse_amount(text) -> Decimal:
    """'249.5', '٢٤٩٫٥' → Decimal('249.50'); ValueError for anything else (no sign, at most 2 decimals)."""
    cleaned = str(text or "").translate(_DIGITS).strip()
    if not cleaned or not all(ch.isdigit() or ch == "." for ch in cleaned) or not cleaned.isascii():
        raise ValueError(text)
    return read_amount(cleaned)


def parse_stock(text) -> int:
    """'12', '١٢' → 12; ValueError for a sign, decimals or letters."""
    cleaned = str(text or "").translate(_DIGITS).strip()
    if not cleaned.isascii() or not cleaned.isdigit():
        raise ValueError(text)
    return int(cleaned)


def value_problems(price: Decimal | None, compare_at_price: Decimal | None, stock: int | None) -> dict:
    """The rules of an offer's numbers: {field: message} for those broken (parsed values; None = unreadable)."""
    problems = {}
    if price is None or price <= 0:
        problems["price"] = PRICE_PROBLEM
    elif price >= MAX_PRICE:
        problems["price"] = PRICE_TOO_HIGH
    if compare_at_price is not None and price is not None and "price" not in problems and compare_at_price <= price:
        problems["compare_at_price"] = COMPARE_AT_NOT_ABOVE
    elif compare_at_price is not None and compare_at_price >= MAX_PRICE:
        problems["compare_at_price"] = PRICE_TOO_HIGH
    if stock is None or stock < 0:
        problems["stock"] = STOCK_PROBLEM
    elif stock >= MAX_STOCK:
        problems["stock"] = STOCK_TOO_HIGH
    return problems


def ensure_shop_may_change_offers(vendor: Vendor) -> None:
    """Only an approved shop changes offers; the vendor row is locked so SKU checks see every change."""
    db.session.execute(select(Vendor.id).where(Vendor.id == vendor.id).with_for_update())
    db.session.refresh(vendor, ["status"])
    if not vendor.is_selling:
        raise OfferChangeRefused(SHOP_NOT_SELLING)


def check_values(vendor: Vendor, values: OfferValues, offer_id: int | None = None) -> None:
    problems = value_problems(values.price, values.compare_at_price, values.stock)
    if problems:
        field, message = next(iter(problems.items()))
        raise OfferChangeRefused(message, field)
    if not values.sku or len(values.sku) > SKU_MAX_LENGTH:
        raise OfferChangeRefused(SKU_MISSING, "sku")
    if sku_taken(vendor.id, values.sku, other_than=offer_id):
        raise OfferChangeRefused(SKU_TAKEN, "sku")
    if values.delivery_promise not in DELIVERY_PROMISES:
        raise OfferChangeRefused(_l("Choose a delivery promise from the list."), "delivery_promise")


def update_offer(offer: Offer, vendor: Vendor, values: OfferValues, actor) -> bool:
    """Change the offer's price, stock and details; True when something changed (audited, store refreshed)."""
    ensure_shop_may_change_offers(vendor)
    check_values(vendor, values, offer_id=offer.id)
    db.session.refresh(offer, with_for_update=True)
    before = snapshot(offer, OFFER_FIELDS)
    for name in OFFER_FIELDS:
        setattr(offer, name, getattr(values, name))
    before, after = changed_fields(before, snapshot(offer, OFFER_FIELDS))
    if not after:
        return False
    db.session.flush()
    record_change("offer.update", offer, before, after, actor=actor)
    announce(offer_changed, offer_ids=[offer.id], product_ids=[offer.variant.product_id], change="edited")
    return True


def add_offer(vendor: Vendor, variant: Variant, values: OfferValues, actor) -> Offer:
    """Sell one size of a catalog perfume; refused when the shop already sells that size."""
    ensure_shop_may_change_offers(vendor)
    if vendor_sells_variant(vendor.id, variant.id):
        raise OfferChangeRefused(ALREADY_SOLD)
    check_values(vendor, values)
    offer = Offer(vendor_id=vendor.id, variant_id=variant.id,
                  **{name: getattr(values, name) for name in OFFER_FIELDS})
    db.session.add(offer)
    db.session.flush()
    record_change("offer.create", offer, None, snapshot(offer, ("variant_id",) + OFFER_FIELDS), actor=actor)
    announce(offer_changed, offer_ids=[offer.id], product_ids=[variant.product_id], change="edited")
    return offer
