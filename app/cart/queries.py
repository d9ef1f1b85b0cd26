"""Reading the bag and the wishlist for pages: lines with what they sell, notices, totals and counts."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask import abort, g, session
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from app.cart.models import MAX_QUANTITY_PER_LINE, Cart, CartLine, WishlistItem
from app.catalog.models import Offer, Product, Variant
from app.extensions import db
from app.orders.pricing import Item, Totals, aed, price_order
from app.vendors.models import Vendor

GUEST_CART_KEY = "cart_token"  # the guest's cart token, in the signed session cookie
LOW_STOCK = 3  # "only N left" shows at or below this


@dataclass(frozen=True)
class Notice:
    kind: str  # "error" stops checkout; "info" only tells
    text: str


@dataclass(frozen=True)
class BagLine:
    """A line of the bag with what it sells and what the shopper should know about it."""

    line: CartLine
    offer: Offer
    variant: Variant
    product: Product
    vendor: Vendor
    notices: tuple[Notice, ...]

    @property
    def is_buyable(self) -> bool:
        return not any(notice.kind == "error" for notice in self.notices)

    @property
    def line_total(self) -> Decimal:
        return self.offer.price * self.line.quantity

    @property
    def max_quantity(self) -> int:
        return max(1, min(MAX_QUANTITY_PER_LINE, self.offer.stock))

    @property
    def item(self) -> Item:
        return Item(offer_id=self.offer.id, vendor_id=self.vendor.id, brand_id=self.product.brand_id,
                    unit_price=self.offer.price, quantity=self.line.quantity)


@dataclass(frozen=True)
class BagSummary:
    lines: tuple[BagLine, ...]
    totals: Totals  # of the lines that can be bought now

    @property
    def item_count(self) -> int:
        return sum(bag_line.line.quantity for bag_line in self.lines)

    @property
    def can_check_out(self) -> bool:
        return bool(self.lines) and all(bag_line.is_buyable for bag_line in self.lines)


def is_on_sale(offer: Offer, product: Product, vendor: Vendor) -> bool:
    """The store sells this offer now: active, its product approved, its vendor approved."""
    return offer.is_active and product.status == "approved" and vendor.is_selling


def notices_for(line: CartLine, offer: Offer, product: Product, vendor: Vendor) -> tuple[Notice, ...]:
    """What changed since the line was added: availability, stock, price."""
    if not is_on_sale(offer, product, vendor):
        return (Notice("error", _("No longer available. Remove it to check out.")),)
    if offer.stock == 0:
        return (Notice("error", _("Sold out. Remove it to check out.")),)
    notices = []
    if offer.stock < line.quantity:
        notices.append(Notice("error", ngettext("Only %(num)d left: lower the quantity to check out.",
                                                "Only %(num)d left: lower the quantity to check out.", offer.stock)))
    elif offer.stock <= LOW_STOCK:
        notices.append(Notice("info", ngettext("Only %(num)d left.", "Only %(num)d left.", offer.stock)))
    if offer.price != line.price_when_added:
        notices.append(Notice("info", _("The price changed since you added it: it was %(was)s, it is now %(now)s.",
                                        was=aed(line.price_when_added), now=aed(offer.price))))
    return tuple(notices)


def bag_lines(cart: Cart | None) -> list[BagLine]:
    """The cart's lines with their offer, size, product (brand and category) and vendor, in one query."""
    if cart is None or cart.id is None:
        return []
    rows = db.session.execute(
        select(CartLine, Vendor)
        .join(Offer, Offer.id == CartLine.offer_id)
        .join(Vendor, Vendor.id == Offer.vendor_id)
        .where(CartLine.cart_id == cart.id)
        .order_by(CartLine.id)
        .options(joinedload(CartLine.offer).joinedload(Offer.variant).joinedload(Variant.product)
                 .options(joinedload(Product.brand), joinedload(Product.category)))
    ).all()
    bag = []
    for line, vendor in rows:
        offer = line.offer
        product = offer.variant.product
        bag.append(BagLine(line, offer, offer.variant, product, vendor, notices_for(line, offer, product, vendor)))
    return bag


def summarise_bag(cart: Cart | None) -> BagSummary:
    """The bag's lines with their notices, and the totals (VAT included) of what can be bought now."""
    lines = tuple(bag_lines(cart))
    totals = price_order([bag_line.item for bag_line in lines if bag_line.is_buyable])
    return BagSummary(lines, totals)


def find_cart(user_id: int | None = None, token: str | None = None) -> Cart | None:
    if user_id is not None:
        return db.session.scalar(select(Cart).where(Cart.user_id == user_id))
    if token:
        return db.session.scalar(select(Cart).where(Cart.token == token))
    return None


def current_cart() -> Cart | None:
    """The cart of this request's customer, or of this browser's guest; None before anything is added."""
    if current_user.is_authenticated:
        return find_cart(user_id=current_user.id)
    return find_cart(token=session.get(GUEST_CART_KEY))


def count_items(cart: Cart | None) -> int:
    if cart is None:
        return 0
    return db.session.scalar(select(func.coalesce(func.sum(CartLine.quantity), 0)).where(CartLine.cart_id == cart.id))


def cart_item_count() -> int:
    """How many items are in this request's bag, for the header's badge (one query per request at most)."""
    if "cart_item_count" not in g:
        if not current_user.is_authenticated and not session.get(GUEST_CART_KEY):
            g.cart_item_count = 0
        else:
            g.cart_item_count = count_items(current_cart())
    return g.cart_item_count


def forget_cart_count() -> None:
    """After a change to the bag, the badge counts again."""
    g.pop("cart_item_count", None)


def get_line_for_cart_or_404(line_id: int, cart: Cart | None) -> CartLine:
    """The line, if it is in this request's cart; 404 otherwise (another bag's line does not exist)."""
    line = db.session.get(CartLine, line_id)
    if line is None or cart is None or line.cart_id != cart.id:
        abort(404)
    return line


# The wishlist -------------------------------------------------------------------------------


@dataclass(frozen=True)
class WishedProduct:
    item: WishlistItem
    product: Product
    cheapest: Offer | None  # the cheapest offer on sale with stock, None when there is none
    cheapest_variant: Variant | None


def wishlist_for(user) -> list[WishedProduct]:
    """The customer's wishlist, newest first, each product with its cheapest offer in stock (two queries)."""
    items = list(db.session.scalars(
        select(WishlistItem).where(WishlistItem.user_id == user.id).order_by(WishlistItem.added_at.desc())
        .options(joinedload(WishlistItem.product).options(joinedload(Product.brand), joinedload(Product.category)))
    ))
    cheapest = cheapest_offers([item.product_id for item in items])
    return [WishedProduct(item, item.product, *cheapest.get(item.product_id, (None, None))) for item in items]


def cheapest_offers(product_ids: list[int]) -> dict[int, tuple[Offer, Variant]]:
    """For each product, its cheapest offer on sale with stock (and that offer's size): a full size's when one
    is in stock, as the card's price is, else a sample's."""
    if not product_ids:
        return {}
    rows = db.session.execute(
        select(Variant.product_id, Offer, Variant)
        .join(Variant, Variant.id == Offer.variant_id)
        .join(Product, Product.id == Variant.product_id)
        .join(Vendor, Vendor.id == Offer.vendor_id)
        .where(Variant.product_id.in_(product_ids), Offer.is_active, Offer.stock > 0,
               Product.status == "approved", Vendor.status == "approved")
        .order_by(Variant.product_id, Variant.kind == "sample", Offer.price, Offer.id)
        .distinct(Variant.product_id)
    ).all()
    return {product_id: (offer, variant) for product_id, offer, variant in rows}


def wished_product_ids() -> frozenset[int]:
    """Every product the signed-in customer has wished for (the hearts of a page; one query per request)."""
    if not current_user.is_authenticated:
        return frozenset()
    if "wished_product_ids" not in g:
        g.wished_product_ids = frozenset(db.session.scalars(
            select(WishlistItem.product_id).where(WishlistItem.user_id == current_user.id)))
    return g.wished_product_ids


def wishlisted_product_ids(user, product_ids) -> set[int]:
    """Which of these products the customer has wished for (for the hearts on a page of cards)."""
    ids = list(product_ids)
    if not ids or user is None or not user.is_authenticated:
        return set()
    return set(db.session.scalars(
        select(WishlistItem.product_id).where(WishlistItem.user_id == user.id, WishlistItem.product_id.in_(ids))
    ))


def get_wishlist_item_or_404(product_id: int, user) -> WishlistItem:
    item = db.session.get(WishlistItem, (user.id, product_id))
    if item is None:
        abort(404)
    return item
