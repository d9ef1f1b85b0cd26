"""A shopper's bag (the cart) and a customer's wishlist.

A cart belongs to a customer (by account) or to a guest (by a random token kept in the signed session
cookie); a guest's cart merges into the customer's on sign-in. Each line remembers the price and the
stock seen when it was added, so the bag can say "the price changed since you added it".
"""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import CheckConstraint, DateTime, ForeignKey, Numeric, String, UniqueConstraint, func
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import Offer, Product
from app.extensions import db

MAX_QUANTITY_PER_LINE = 10  # of one offer in one bag: perfume is not bought by the crate


class Cart(db.Model):
    """A customer's or a guest's bag: exactly one of user_id and token is set."""

    __tablename__ = "cart"
    __table_args__ = (
        CheckConstraint("(user_id IS NULL) <> (token IS NULL)", name="customer_or_guest"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), unique=True)
    token: Mapped[str | None] = mapped_column(String(64), unique=True)  # the guest's, from the session cookie
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now(),
                                                 onupdate=func.now())

    lines: Mapped[list[CartLine]] = relationship(back_populates="cart", cascade="all, delete-orphan",
                                                 order_by="CartLine.id")


class CartLine(db.Model):
    """An offer in the bag, with the quantity and what the shopper saw when adding it."""

    __tablename__ = "cart_line"
    __table_args__ = (
        UniqueConstraint("cart_id", "offer_id"),
        CheckConstraint("quantity > 0", name="quantity_is_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    cart_id: Mapped[int] = mapped_column(ForeignKey("cart.id", ondelete="CASCADE"))
    offer_id: Mapped[int] = mapped_column(ForeignKey("offer.id", ondelete="CASCADE"), index=True)
    quantity: Mapped[int]
    price_when_added: Mapped[Decimal] = mapped_column(Numeric(12, 2))
    stock_when_added: Mapped[int]
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    cart: Mapped[Cart] = relationship(back_populates="lines")
    offer: Mapped[Offer] = relationship()


class WishlistItem(db.Model):
    """A product a customer saved for later (guests are asked to sign in first)."""

    __tablename__ = "wishlist_item"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    product_id: Mapped[int] = mapped_column(ForeignKey("product.id", ondelete="CASCADE"), primary_key=True,
                                            index=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    product: Mapped[Product] = relationship()
