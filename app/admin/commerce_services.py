"""Back-office changes to orders, coupons and delivery zones, each audited in the same transaction.

Orders change only through the order and payment services (`move_order`, `cancel_order`, `refund_order`);
this module adds what an admin's change needs around them: the moves an admin may make, the guard against
a form sent twice, and the audit entry. Services flush; the request commits once.
"""
from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.audit.services import changed_fields, json_safe, record_change, snapshot
from app.extensions import db
from app.orders.models import ORDER_TRANSITIONS, Coupon, DeliveryRate, DeliveryZone, Order, SubOrder
from app.orders.status import TransitionRefused, cancel_order, lock_order, move_order
from app.payments.models import Refund
from app.payments.refunds import refund_key, refund_order

# The moves of an order's fulfilment an admin makes by hand. Confirming is the payment's (the webhook, or a
# cash order is placed confirmed); refunds move the order through the refund form; cancelling has its own form.
ADMIN_MOVES = ("processing", "shipped", "delivered")
COUPON_FIELDS = ("code", "kind", "value", "min_spend", "starts_at", "ends_at", "usage_limit", "per_customer_limit",
                 "vendor_id", "brand_id", "is_active")


class AlreadyChanged(Exception):
    """The order is no longer where the form found it (the form was sent twice, or someone else acted)."""

    def __init__(self, status: str):
        super().__init__(status)
        self.status = status


class CouponRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


# Orders -------------------------------------------------------------------------------------


def moves_offered(order: Order) -> tuple[str, ...]:
    """The statuses an admin may move the order to from where it is (ORDER_TRANSITIONS decides)."""
    return tuple(status for status in ORDER_TRANSITIONS[order.status] if status in ADMIN_MOVES)


def expect_status(order: Order, seen_status: str) -> None:
    """Lock the order; AlreadyChanged when it moved since the admin's page was drawn."""
    lock_order(order)
    if order.status != seen_status:
        raise AlreadyChanged(order.status)


def change_order_status(order: Order, to_status: str, actor, seen_status: str, note: str = "") -> None:
    """Move the order on its road (processing, shipped, delivered), recorded and audited."""
    expect_status(order, seen_status)
    if to_status not in moves_offered(order):
        raise TransitionRefused(_("This order cannot be changed that way any more."))
    move_order(order, to_status, actor, note)
    record_change("order.status", order, {"status": seen_status}, {"status": to_status, "note": note}, actor=actor)


def cancel_order_as_admin(order: Order, actor, seen_status: str, reason: str) -> None:
    """Cancel before shipping: stock back once, the coupon freed, the customer told; a paid order is refunded
    in full, which cancels it first."""
    expect_status(order, seen_status)
    if not order.can_be_cancelled():
        raise TransitionRefused(_("This order has shipped and can no longer be cancelled."))
    if order.paid_at is not None:
        refund_order(order, actor=actor, reason=reason)
    else:
        cancel_order(order, actor, reason, tell_customer=True)
    record_change("order.cancel", order, {"status": seen_status}, {"status": order.status, "reason": reason},
                  actor=actor)


def refund_as_admin(order: Order, actor, *, amount: Decimal | None, reason: str, sub_order: SubOrder | None,
                    request_key: str) -> tuple[Refund, bool]:
    """Refund all or part of the order or of one sub-order; (the refund, False) when this form was already
    carried out."""
    lock_order(order)
    made = db.session.scalar(select(Refund).where(Refund.idempotency_key == refund_key(order, request_key)))
    if made is not None:
        return made, False
    before = {"status": order.status, "refunded": refunded_total(order)}
    refund = refund_order(order, amount, actor=actor, reason=reason, sub_order=sub_order, request_key=request_key)
    after = {"status": order.status, "refunded": refunded_total(order), "refund": refund.amount,
             "sub_order": sub_order.id if sub_order is not None else None, "reason": reason}
    record_change("order.refund", order, before, after, actor=actor)
    return refund, True


def refunded_total(order: Order) -> Decimal:
    return db.session.scalar(select(func.coalesce(func.sum(Refund.amount), 0)).where(Refund.order_id == order.id))


# Coupons ------------------------------------------------------------------------------------


def create_coupon(values: dict, actor) -> Coupon:
    """Add a coupon; CouponRefused when its code is taken."""
    coupon = Coupon(**values)
    save_coupon(coupon)
    record_change("coupon.create", coupon, None, snapshot(coupon, COUPON_FIELDS), actor=actor)
    return coupon


def update_coupon(coupon: Coupon, values: dict, actor) -> None:
    """Change a coupon's terms; only what changed is audited."""
    before = snapshot(coupon, COUPON_FIELDS)
    for name, value in values.items():
        setattr(coupon, name, value)
    save_coupon(coupon)
    old, new = changed_fields(before, snapshot(coupon, COUPON_FIELDS))
    if new:
        record_change("coupon.update", coupon, old, new, actor=actor)


def deactivate_coupon(coupon: Coupon, actor) -> bool:
    """Stop a coupon from applying (orders that used it keep their discount); False when it already was."""
    if not coupon.is_active:
        return False
    coupon.is_active = False
    db.session.flush()
    record_change("coupon.deactivate", coupon, {"is_active": True}, {"is_active": False}, actor=actor)
    return True


def save_coupon(coupon: Coupon) -> None:
    try:
        with db.session.begin_nested():
            db.session.add(coupon)
            db.session.flush()
    except IntegrityError:
        raise CouponRefused(_("Another coupon already has the code %(code)s.", code=coupon.code)) from None


# Delivery zones -----------------------------------------------------------------------------

ZONE_FIELDS = ("is_active", "same_day_cutoff", "free_delivery_threshold")


def zone_snapshot(zone: DeliveryZone) -> dict:
    """The zone's terms and its fees (fee_standard, fee_next-day, fee_same-day) as the audit log keeps them."""
    return {**snapshot(zone, ZONE_FIELDS), **json_safe({f"fee_{rate.option}": rate.fee for rate in zone.rates})}


def update_delivery_zone(zone: DeliveryZone, actor, *, is_active: bool, same_day_cutoff, free_delivery_threshold,
                         fees: dict[str, Decimal | None]) -> None:
    """Set the zone's terms and each option's fee (None: the option is not offered there); audited."""
    before = zone_snapshot(zone)
    zone.is_active = is_active
    zone.same_day_cutoff = same_day_cutoff
    zone.free_delivery_threshold = free_delivery_threshold
    rates = {rate.option: rate for rate in zone.rates}
    for option, fee in fees.items():
        if fee is None:
            if option in rates:
                zone.rates.remove(rates[option])
        elif option in rates:
            rates[option].fee = fee
        else:
            zone.rates.append(DeliveryRate(option=option, fee=fee))
    db.session.flush()
    after = zone_snapshot(zone)
    old, new = changed_fields(before, after)
    old.update({key: value for key, value in before.items() if key not in after})  # options no longer offered
    if old or new:
        record_change("delivery_zone.update", zone, old, new, actor=actor)
