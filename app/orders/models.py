"""Orders and what prices them: the order with its snapshot of what was bought, one sub-order per vendor,
the status log, coupons with their redemptions, and the delivery zones (data an admin can change).

Money is Numeric(12, 2) in AED, VAT included. An order never reads the catalog again to show itself:
names, sizes, vendors and prices are copied onto its lines when it is placed.
"""
from __future__ import annotations

from datetime import datetime, time
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Numeric,
    Sequence,
    SmallInteger,
    String,
    Text,
    Time,
    UniqueConstraint,
    func,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.catalog.models import SIZE_UNITS, one_of
from app.extensions import db

ORDER_STATUSES = ("pending_payment", "confirmed", "processing", "shipped", "delivered", "cancelled", "refunded",
                  "partially_refunded")
DELIVERY_OPTIONS = ("standard", "next-day", "same-day")
PAYMENT_METHODS = ("cod", "card")
COUPON_KINDS = ("percent", "fixed")
# Where an order may go next. A cancelled card order that was paid is then refunded; delivered or shipped
# goods come back through (partial) refunds. Cancelling returns the stock; refunds after shipping do not.
ORDER_TRANSITIONS = {
    "pending_payment": ("confirmed", "cancelled"),
    "confirmed": ("processing", "cancelled", "partially_refunded"),
    "processing": ("shipped", "cancelled", "partially_refunded"),
    "shipped": ("delivered", "partially_refunded", "refunded"),
    "delivered": ("partially_refunded", "refunded"),
    "partially_refunded": ("partially_refunded", "refunded"),
    "cancelled": ("refunded",),
    "refunded": (),
}
CANCELLABLE_STATUSES = ("pending_payment", "confirmed", "processing")  # before it ships

# The number in AS-2026-000123; one sequence for every year, so numbers never repeat.
ORDER_NUMBER_SEQUENCE = Sequence("order_number_seq", metadata=db.metadata)


def money(**kwargs) -> Mapped[Decimal]:
    return mapped_column(Numeric(12, 2), **kwargs)


class Order(db.Model):
    """What a customer (or a guest, by email and mobile) bought in one checkout."""

    __tablename__ = "customer_order"
    __table_args__ = (
        CheckConstraint(one_of("status", ORDER_STATUSES), name="known_status"),
        CheckConstraint(one_of("delivery_option", DELIVERY_OPTIONS), name="known_delivery_option"),
        CheckConstraint(one_of("payment_method", PAYMENT_METHODS), name="known_payment_method"),
        CheckConstraint("grand_total = items_total - discount_total + delivery_fee + cod_fee",
                        name="total_adds_up"),
        CheckConstraint("discount_total >= 0 AND discount_total <= items_total", name="discount_within_items"),
        Index("ix_customer_order_user_id_created_at", "user_id", "created_at"),
        Index("ix_customer_order_unpaid", "created_at", postgresql_where=text("status = 'pending_payment'")),
        Index("ix_customer_order_created_at", "created_at"),  # the back office's periods and newest-first lists
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)  # AS-2026-000123
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    email: Mapped[str] = mapped_column(String(254))
    mobile: Mapped[str] = mapped_column(String(16))  # E.164
    contact_name: Mapped[str] = mapped_column(String(120))
    language: Mapped[str] = mapped_column(String(2), default="en")  # of the messages about this order
    status: Mapped[str] = mapped_column(String(20))
    # The delivery address as it was: recipient_name, mobile, country, region, area, street, building, flat, landmark.
    delivery_address: Mapped[dict] = mapped_column(JSONB)
    delivery_emirate: Mapped[str] = mapped_column(String(20))
    delivery_option: Mapped[str] = mapped_column(String(10))
    payment_method: Mapped[str] = mapped_column(String(4))
    coupon_code: Mapped[str | None] = mapped_column(String(40))
    items_total: Mapped[Decimal] = money()
    discount_total: Mapped[Decimal] = money(default=Decimal("0.00"))
    delivery_fee: Mapped[Decimal] = money(default=Decimal("0.00"))
    cod_fee: Mapped[Decimal] = money(default=Decimal("0.00"))
    vat_included: Mapped[Decimal] = money()
    grand_total: Mapped[Decimal] = money()
    gift_wrap: Mapped[bool] = mapped_column(default=False, server_default=text("false"))
    gift_message: Mapped[str | None] = mapped_column(String(300))
    # One per checkout: a double click or a retried request finds the order it already made.
    idempotency_key: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    paid_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    # Set once, when the stock of a cancelled or unpaid order goes back on the shelf.
    stock_returned_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    sub_orders: Mapped[list[SubOrder]] = relationship(back_populates="order", order_by="SubOrder.id")
    lines: Mapped[list[OrderLine]] = relationship(back_populates="order", order_by="OrderLine.id")
    events: Mapped[list[OrderEvent]] = relationship(back_populates="order", order_by="OrderEvent.id")

    def can_move_to(self, status: str) -> bool:
        return status in ORDER_TRANSITIONS[self.status]

    def can_be_cancelled(self) -> bool:
        """Before it ships: no vendor has handed its part to a carrier yet."""
        return self.status in CANCELLABLE_STATUSES and not any(sub.shipped_at for sub in self.sub_orders)

    def __repr__(self) -> str:
        return f"<Order {self.number} {self.status}>"


class SubOrder(db.Model):
    """The part of an order one vendor fulfils, with its own status and totals."""

    __tablename__ = "sub_order"
    __table_args__ = (
        UniqueConstraint("order_id", "vendor_id"),
        CheckConstraint(one_of("status", ORDER_STATUSES), name="known_status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"))
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id"), index=True)
    status: Mapped[str] = mapped_column(String(20))
    items_total: Mapped[Decimal] = money()
    discount_total: Mapped[Decimal] = money(default=Decimal("0.00"))
    vat_included: Mapped[Decimal] = money()
    total: Mapped[Decimal] = money()  # items less discount: what the vendor's part of the order is worth
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())
    # Set by the vendor when it hands the parcel over.
    carrier: Mapped[str | None] = mapped_column(String(40))
    tracking_number: Mapped[str | None] = mapped_column(String(60))
    shipped_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    order: Mapped[Order] = relationship(back_populates="sub_orders")
    lines: Mapped[list[OrderLine]] = relationship(back_populates="sub_order", order_by="OrderLine.id")


class OrderLine(db.Model):
    """One offer bought, copied as it was: names in both languages, size with its unit, vendor and price."""

    __tablename__ = "order_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="quantity_is_positive"),
        CheckConstraint("line_total = unit_price * quantity", name="line_total_adds_up"),
        CheckConstraint(one_of("size_unit", SIZE_UNITS), name="known_size_unit"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), index=True)
    sub_order_id: Mapped[int] = mapped_column(ForeignKey("sub_order.id", ondelete="CASCADE"), index=True)
    # The catalog rows it came from (kept as plain numbers too: the rows may change or go).
    product_id: Mapped[int | None] = mapped_column(ForeignKey("product.id", ondelete="SET NULL"))
    variant_id: Mapped[int | None] = mapped_column(ForeignKey("variant.id", ondelete="SET NULL"))
    offer_id: Mapped[int | None] = mapped_column(ForeignKey("offer.id", ondelete="SET NULL"), index=True)
    vendor_id: Mapped[int] = mapped_column(ForeignKey("vendor.id"))
    product_slug: Mapped[str] = mapped_column(String(160))
    product_name_en: Mapped[str] = mapped_column(String(160))
    product_name_ar: Mapped[str] = mapped_column(String(160))
    brand_name_en: Mapped[str] = mapped_column(String(120))
    brand_name_ar: Mapped[str] = mapped_column(String(120))
    vendor_name_en: Mapped[str] = mapped_column(String(120))
    vendor_name_ar: Mapped[str] = mapped_column(String(120))
    size_ml: Mapped[Decimal] = mapped_column(Numeric(6, 1))  # the amount, in size_unit
    size_unit: Mapped[str] = mapped_column(String(8))  # as sold: "ml", "g" (bakhoor), "pieces", "set"
    variant_kind: Mapped[str] = mapped_column(String(10))
    sku: Mapped[str] = mapped_column(String(64))
    unit_price: Mapped[Decimal] = money()
    quantity: Mapped[int]
    line_total: Mapped[Decimal] = money()
    discount: Mapped[Decimal] = money(default=Decimal("0.00"))  # this line's share of the coupon
    vat_included: Mapped[Decimal] = money()  # of line_total less discount, rounded half up to the fils

    order: Mapped[Order] = relationship(back_populates="lines")
    sub_order: Mapped[SubOrder] = relationship(back_populates="lines")


class OrderEvent(db.Model):
    """A status change of an order (or of one vendor's sub-order): from, to, who, when and why."""

    __tablename__ = "order_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), index=True)
    sub_order_id: Mapped[int | None] = mapped_column(ForeignKey("sub_order.id", ondelete="CASCADE"))
    from_status: Mapped[str | None] = mapped_column(String(20))  # None when the order is placed
    to_status: Mapped[str] = mapped_column(String(20))
    # The account that made the change; None means the system (a job, a webhook).
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())

    order: Mapped[Order] = relationship(back_populates="events")

    @property
    def actor(self) -> str:
        return str(self.actor_user_id) if self.actor_user_id is not None else "system"


class Coupon(db.Model):
    """A discount code: a percentage or a fixed amount, with dates, limits and an optional scope."""

    __tablename__ = "coupon"
    __table_args__ = (
        CheckConstraint(one_of("kind", COUPON_KINDS), name="known_kind"),
        CheckConstraint("value > 0 AND (kind <> 'percent' OR value <= 100)", name="value_in_range"),
        CheckConstraint("code = upper(code)", name="code_uppercase"),
        CheckConstraint("ends_at IS NULL OR starts_at IS NULL OR ends_at > starts_at", name="ends_after_start"),
        CheckConstraint("usage_limit IS NULL OR usage_limit > 0", name="usage_limit_positive"),
        CheckConstraint("per_customer_limit IS NULL OR per_customer_limit > 0", name="per_customer_limit_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    kind: Mapped[str] = mapped_column(String(8))
    value: Mapped[Decimal] = money()  # percent (0–100] or AED
    min_spend: Mapped[Decimal | None] = money()  # on the items the coupon applies to
    starts_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    ends_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    usage_limit: Mapped[int | None]  # orders in all
    per_customer_limit: Mapped[int | None]  # orders per account (or per email for guests)
    vendor_id: Mapped[int | None] = mapped_column(ForeignKey("vendor.id", ondelete="CASCADE"))  # only this shop's items
    brand_id: Mapped[int | None] = mapped_column(ForeignKey("brand.id", ondelete="CASCADE"))  # only this house's items
    is_active: Mapped[bool] = mapped_column(default=True, server_default=text("true"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class CouponRedemption(db.Model):
    """A coupon used on an order; removed again when that order is cancelled."""

    __tablename__ = "coupon_redemption"
    __table_args__ = (Index("ix_coupon_redemption_coupon_id_email", "coupon_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    coupon_id: Mapped[int] = mapped_column(ForeignKey("coupon.id", ondelete="CASCADE"))
    order_id: Mapped[int] = mapped_column(ForeignKey("customer_order.id", ondelete="CASCADE"), unique=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id", ondelete="SET NULL"))
    email: Mapped[str] = mapped_column(String(254))  # lower case: guests are counted by their email
    amount: Mapped[Decimal] = money()
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class DeliveryZone(db.Model):
    """An emirate we deliver to: its same-day cut-off and its free-delivery threshold."""

    __tablename__ = "delivery_zone"

    id: Mapped[int] = mapped_column(primary_key=True)
    emirate: Mapped[str] = mapped_column(String(20), unique=True)  # the key of accounts.address_book.EMIRATES
    same_day_cutoff: Mapped[time | None] = mapped_column(Time)  # UAE time; None: no same-day delivery
    free_delivery_threshold: Mapped[Decimal | None] = money()  # standard delivery is free from this amount
    is_active: Mapped[bool] = mapped_column(Boolean, default=True, server_default=text("true"))
    position: Mapped[int] = mapped_column(SmallInteger, default=0)

    rates: Mapped[list[DeliveryRate]] = relationship(back_populates="zone", cascade="all, delete-orphan")


class DeliveryRate(db.Model):
    """The fee of one delivery option in one zone (an option without a row is not offered there)."""

    __tablename__ = "delivery_rate"
    __table_args__ = (
        CheckConstraint(one_of("option", DELIVERY_OPTIONS), name="known_option"),
        CheckConstraint("fee >= 0", name="fee_not_negative"),
    )

    zone_id: Mapped[int] = mapped_column(ForeignKey("delivery_zone.id", ondelete="CASCADE"), primary_key=True)
    option: Mapped[str] = mapped_column(String(10), primary_key=True)
    fee: Mapped[Decimal] = money()

    zone: Mapped[DeliveryZone] = relationship(back_populates="rates")
