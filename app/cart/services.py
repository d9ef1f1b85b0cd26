"""Changing the bag and the wishlist: add, change quantity, remove, move between them, merge on sign-in.

Services flush and never commit (the request commits once), except the sign-in merge, which runs after the
sign-in views have committed and is its own unit of work. Every write to a bag locks its cart row first, so
two tabs adding the same perfume at once make one line.
"""
from __future__ import annotations

import logging
import secrets

from flask import session
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.orm import joinedload

from app.cart.models import MAX_QUANTITY_PER_LINE, Cart, CartLine, WishlistItem
from app.cart.queries import GUEST_CART_KEY, cheapest_offers, current_cart, find_cart, forget_cart_count, is_on_sale
from app.cart.signals import added_to_bag
from app.catalog.models import Offer, Product, Variant
from app.core.events import announce
from app.extensions import db
from app.vendors.models import Vendor

logger = logging.getLogger(__name__)


class CartRefused(Exception):
    """The bag cannot change as asked; `message` says why, in the shopper's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# The request's cart -------------------------------------------------------------------------


def cart_for_request() -> Cart:
    """This request's cart, made on first use: the customer's, or this browser's guest cart."""
    cart = current_cart()
    if cart is not None:
        return cart
    if current_user.is_authenticated:
        # Two first adds at once (two tabs) make one cart: the second insert does nothing.
        db.session.execute(insert(Cart).values(user_id=current_user.id).on_conflict_do_nothing())
        return find_cart(user_id=current_user.id)
    token = secrets.token_urlsafe(32)
    cart = Cart(token=token)
    db.session.add(cart)
    db.session.flush()
    session[GUEST_CART_KEY] = token
    return cart


def lock_cart(cart: Cart) -> None:
    db.session.execute(select(Cart.id).where(Cart.id == cart.id).with_for_update())


# Adding and changing lines ------------------------------------------------------------------


def offer_on_sale(offer_id: int) -> Offer:
    """The offer, if the store sells it now; otherwise CartRefused (a hidden product is 'not available')."""
    row = db.session.execute(
        select(Offer, Vendor).join(Vendor, Vendor.id == Offer.vendor_id).where(Offer.id == offer_id)
        .options(joinedload(Offer.variant).joinedload(Variant.product))
    ).first()
    if row is None or not is_on_sale(row.Offer, row.Offer.variant.product, row.Vendor):
        raise CartRefused(_("Sorry, this perfume is not available."))
    return row.Offer


def check_quantity(offer: Offer, quantity: int, already: int = 0) -> None:
    """Refuse a quantity below 1, above the per-line cap, or above the stock (counting what is in the bag)."""
    if quantity < 1:
        raise CartRefused(_("Choose a quantity of at least 1."))
    total = already + quantity
    if offer.stock == 0:
        raise CartRefused(_("Sorry, this size is sold out."))
    if total > MAX_QUANTITY_PER_LINE:
        raise CartRefused(ngettext("You can have at most %(num)d of one item in your bag.",
                                   "You can have at most %(num)d of one item in your bag.", MAX_QUANTITY_PER_LINE))
    if total > offer.stock:
        if already:
            raise CartRefused(ngettext("Only %(num)d left, and your bag already holds %(held)d.",
                                       "Only %(num)d left, and your bag already holds %(held)d.",
                                       offer.stock, held=already))
        raise CartRefused(ngettext("Only %(num)d left.", "Only %(num)d left.", offer.stock))


def add_to_cart(cart: Cart, offer_id: int, quantity: int = 1) -> CartLine:
    """Put an offer in the bag, or add to its line (`added_to_bag`); the line remembers today's price and stock."""
    lock_cart(cart)
    offer = offer_on_sale(offer_id)
    line = db.session.scalar(select(CartLine).where(CartLine.cart_id == cart.id, CartLine.offer_id == offer.id))
    check_quantity(offer, quantity, already=line.quantity if line else 0)
    if line is None:
        line = CartLine(cart_id=cart.id, offer_id=offer.id, quantity=0)
        db.session.add(line)
    line.quantity += quantity
    remember_what_was_seen(line, offer)
    db.session.flush()
    forget_cart_count()
    announce(added_to_bag, cart=cart, line=line, quantity=quantity)
    return line


def change_quantity(line: CartLine, quantity: int) -> CartLine:
    """Set a line's quantity (within the stock and the per-line cap)."""
    lock_cart(line.cart)
    offer = offer_on_sale(line.offer_id)
    check_quantity(offer, quantity)
    line.quantity = quantity
    remember_what_was_seen(line, offer)  # the shopper acted on the line as the bag showed it
    db.session.flush()
    forget_cart_count()
    return line


def remember_what_was_seen(line: CartLine, offer: Offer) -> None:
    line.price_when_added = offer.price
    line.stock_when_added = offer.stock


def remove_line(line: CartLine) -> None:
    """Take a line out of the bag."""
    lock_cart(line.cart)
    db.session.delete(line)
    db.session.flush()
    forget_cart_count()


def empty_cart(cart: Cart) -> None:
    """Remove every line (after an order is placed)."""
    for line in list(cart.lines):
        db.session.delete(line)
    db.session.flush()
    forget_cart_count()


# Sign-in ------------------------------------------------------------------------------------


def merge_carts(guest: Cart, customer: Cart) -> None:
    """Move the guest's lines into the customer's bag; where both hold an offer, add up within the stock and cap."""
    lock_cart(customer)
    held = {line.offer_id: line for line in customer.lines}
    for line in list(guest.lines):
        mine = held.get(line.offer_id)
        if mine is None:
            line.cart = customer
            continue
        mine.quantity = max(mine.quantity, min(mine.quantity + line.quantity, MAX_QUANTITY_PER_LINE,
                                               line.offer.stock))
        guest.lines.remove(line)  # an orphan now: deleted with the flush
    db.session.flush()
    db.session.delete(guest)
    db.session.flush()


def merge_guest_cart_on_sign_in(sender, user, **extra) -> None:
    """Flask-Login's `user_logged_in`: the guest's bag of this browser joins the customer's.

    The sign-in views have committed by now, so the merge commits by itself; a failure is logged and the
    guest's bag stays as it was rather than stopping the sign-in.
    """
    token = session.pop(GUEST_CART_KEY, None)
    guest = find_cart(token=token)
    if guest is None:
        return
    try:
        db.session.execute(insert(Cart).values(user_id=user.id).on_conflict_do_nothing())
        merge_carts(guest, find_cart(user_id=user.id))
        db.session.commit()
    except Exception:
        db.session.rollback()
        session[GUEST_CART_KEY] = token
        logger.exception("could not merge the guest cart %s into the cart of user %s", guest.id, user.id)
    forget_cart_count()


# The wishlist -------------------------------------------------------------------------------


def visible_product(product_id: int) -> Product:
    product = db.session.get(Product, product_id)
    if product is None or product.status != "approved":
        raise CartRefused(_("Sorry, this perfume is not available."))
    return product


def add_to_wishlist(user, product_id: int) -> WishlistItem:
    """Save a product for later (saving it twice keeps one)."""
    visible_product(product_id)
    db.session.execute(insert(WishlistItem).values(user_id=user.id, product_id=product_id)
                       .on_conflict_do_nothing())
    db.session.flush()
    return db.session.get(WishlistItem, (user.id, product_id))


def remove_from_wishlist(item: WishlistItem) -> None:
    db.session.delete(item)
    db.session.flush()


def toggle_wishlist(user, product_id: int) -> bool:
    """Save the product, or forget it when it was saved; True when it is now in the wishlist."""
    item = db.session.get(WishlistItem, (user.id, product_id))
    if item is not None:
        remove_from_wishlist(item)
        return False
    add_to_wishlist(user, product_id)
    return True


def move_line_to_wishlist(line: CartLine, user) -> WishlistItem:
    """Save a bag line's product for later and take the line out of the bag."""
    product_id = line.offer.variant.product_id
    item = db.session.get(WishlistItem, (user.id, product_id))
    if item is None:
        db.session.execute(insert(WishlistItem).values(user_id=user.id, product_id=product_id)
                           .on_conflict_do_nothing())
    remove_line(line)
    return db.session.get(WishlistItem, (user.id, product_id))


def move_wishlist_item_to_cart(item: WishlistItem, cart: Cart) -> CartLine:
    """Put the product's cheapest offer in stock in the bag, and take it off the wishlist."""
    offer = cheapest_offer_in_stock(item.product_id)
    line = db.session.scalar(select(CartLine).where(CartLine.cart_id == cart.id, CartLine.offer_id == offer.id))
    if line is None:
        line = add_to_cart(cart, offer.id, 1)
    remove_from_wishlist(item)
    return line


def add_cheapest_offer_to_cart(cart: Cart, product_id: int) -> CartLine:
    """One of the product's cheapest offer in stock (a card's "Add to bag", which has no size to choose)."""
    return add_to_cart(cart, cheapest_offer_in_stock(product_id).id, 1)


def cheapest_offer_in_stock(product_id: int) -> Offer:
    cheapest = cheapest_offers([product_id]).get(product_id)
    if cheapest is None:
        raise CartRefused(_("Sorry, this perfume is out of stock at every shop."))
    return cheapest[0]
