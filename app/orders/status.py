"""The order's life: guarded status changes, each recorded with who and when; cancelling returns the stock.

The transitions allowed are `ORDER_TRANSITIONS` (app/orders/models.py). Every change locks the order row
first, so two people (or a person and a job) cancelling at once make one cancellation, and the stock of
an order goes back on the shelf exactly once: `stock_returned_at` is set by a guarded UPDATE.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from app.audit.services import record_change, snapshot
from app.catalog.models import Offer
from app.catalog.signals import offer_changed
from app.core.events import announce
from app.extensions import db
from app.orders.models import CANCELLABLE_STATUSES, CouponRedemption, Order, OrderEvent, OrderLine, SubOrder
from app.orders.signals import order_cancelled, order_delivered, sub_order_shipped

UNPAID_BATCH = 200
SHIPPING_FIELDS = ("status", "carrier", "tracking_number", "shipped_at")


class TransitionRefused(Exception):
    """The order cannot go to that status from where it is; `message` says so in the reader's language."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def lock_order(order: Order) -> Order:
    """Lock the order's row and read its status afresh."""
    return db.session.scalars(select(Order).where(Order.id == order.id).with_for_update()
                              .execution_options(populate_existing=True)).one()


def move_order(order: Order, to_status: str, actor=None, note: str = "") -> OrderEvent:
    """Move the order (and its sub-orders that were where it was) to `to_status`, and record it."""
    lock_order(order)
    if not order.can_move_to(to_status):
        raise TransitionRefused(_("This order cannot be changed that way any more."))
    from_status = order.status
    order.status = to_status
    for sub_order in order.sub_orders:
        # Cancelling takes every part not yet shipped, even one its vendor had started preparing.
        if sub_order.status == from_status or (to_status == "cancelled" and sub_order.status in CANCELLABLE_STATUSES):
            sub_order.status = to_status
            if to_status == "shipped" and sub_order.shipped_at is None:
                sub_order.shipped_at = datetime.now(timezone.utc)
    event = OrderEvent(order=order, from_status=from_status, to_status=to_status,
                       actor_user_id=getattr(actor, "id", None), note=note)
    db.session.add(event)
    db.session.flush()
    if to_status == "delivered":
        announce(order_delivered, order=order, actor=actor)
    return event


def cancel_order(order: Order, actor=None, note: str = "", *, tell_customer: bool = False) -> Order:
    """Cancel an order before it ships: its stock goes back (once) and its coupon can be used again.

    `tell_customer` asks for the cancellation message (`order_cancelled`'s handler writes it); a refund sends
    its own, and an unpaid card order that expired is cancelled without one.
    """
    lock_order(order)
    if not order.can_be_cancelled():
        raise TransitionRefused(_("This order has shipped and can no longer be cancelled."))
    move_order(order, "cancelled", actor, note)
    return_stock(order)
    db.session.execute(delete(CouponRedemption).where(CouponRedemption.order_id == order.id))
    db.session.flush()
    announce(order_cancelled, order=order, actor=actor, note=note, tell_customer=tell_customer)
    return order


def return_stock(order: Order) -> bool:
    """Put the order's quantities back on their offers, only the first time; False when already done."""
    claimed = db.session.execute(
        update(Order).where(Order.id == order.id, Order.stock_returned_at.is_(None))
        .values(stock_returned_at=datetime.now(timezone.utc)).returning(Order.id)
    ).first()
    if claimed is None:
        return False
    lines = db.session.execute(
        select(OrderLine.offer_id, OrderLine.quantity, OrderLine.product_id)
        .where(OrderLine.order_id == order.id, OrderLine.offer_id.is_not(None)).order_by(OrderLine.offer_id)
    ).all()
    for offer_id, quantity, _product_id in lines:  # in offer-id order, like placing, so the two never deadlock
        db.session.execute(update(Offer).where(Offer.id == offer_id).values(stock=Offer.stock + quantity))
    announce(offer_changed, offer_ids=[offer_id for offer_id, *_rest in lines],
             product_ids=sorted({product_id for *_rest, product_id in lines if product_id is not None}),
             change="returned")
    return True


def cancel_unpaid_card_orders(older_than: timedelta, now: datetime | None = None) -> list[str]:
    """Cancel card orders still waiting for their payment after `older_than`; return their numbers."""
    cutoff = (now or datetime.now(timezone.utc)) - older_than
    orders = list(db.session.scalars(
        select(Order).where(Order.status == "pending_payment", Order.payment_method == "card",
                            Order.created_at < cutoff)
        .order_by(Order.id).limit(UNPAID_BATCH).with_for_update(skip_locked=True)
    ))
    for order in orders:
        cancel_order(order, note="payment not completed in time")
    return [order.number for order in orders]


# One vendor's part of an order ----------------------------------------------------------------

# What a vendor may do with its part, and from where: prepare a confirmed part, ship a prepared one.
SUB_ORDER_MOVES = {"processing": ("confirmed",), "shipped": ("processing",)}
# The order's statuses in which its parts may still be prepared and shipped.
FULFILLING_STATUSES = ("confirmed", "processing", "partially_refunded")
# How far along the main road each status is, to tell when every part has reached a stop.
ROAD_STOPS = {"confirmed": 0, "processing": 1, "shipped": 2, "delivered": 3}


def lock_sub_order(sub_order: SubOrder) -> SubOrder:
    """Lock the order's row (as every change of the order does), then read the part and its siblings afresh."""
    order = lock_order(sub_order.order)
    db.session.expire(order, ["sub_orders"])  # another shop may have moved its part while we waited
    return db.session.scalars(select(SubOrder).where(SubOrder.id == sub_order.id)
                              .execution_options(populate_existing=True)).one()


def move_sub_order(sub_order: SubOrder, to_status: str, actor=None, note: str = "") -> OrderEvent:
    """Move one vendor's part to `to_status` and record it; the order follows once all its parts are there."""
    lock_sub_order(sub_order)
    order = sub_order.order
    check_sub_order_move(sub_order, to_status)
    from_status = sub_order.status
    sub_order.status = to_status
    event = OrderEvent(order=order, sub_order_id=sub_order.id, from_status=from_status, to_status=to_status,
                       actor_user_id=getattr(actor, "id", None), note=note)
    db.session.add(event)
    db.session.flush()
    if all_parts_reached(order, to_status) and order.can_move_to(to_status):
        move_order(order, to_status, actor, note="every part of the order")
    return event


def prepare_sub_order(sub_order: SubOrder, actor) -> OrderEvent:
    """The vendor starts preparing its part (audited)."""
    before = snapshot(sub_order, SHIPPING_FIELDS)
    event = move_sub_order(sub_order, "processing", actor)
    record_change("sub_order.processing", sub_order, before, snapshot(sub_order, SHIPPING_FIELDS), actor=actor)
    return event


def ship_sub_order(sub_order: SubOrder, actor, carrier: str, tracking_number: str) -> OrderEvent:
    """The vendor hands its part to `carrier` (audited); the customer is told with the tracking number
    (`sub_order_shipped`)."""
    before = snapshot(sub_order, SHIPPING_FIELDS)
    event = move_sub_order(sub_order, "shipped", actor, note=f"{carrier} {tracking_number}")
    sub_order.carrier, sub_order.tracking_number = carrier, tracking_number
    sub_order.shipped_at = datetime.now(timezone.utc)
    db.session.flush()
    record_change("sub_order.shipped", sub_order, before, snapshot(sub_order, SHIPPING_FIELDS), actor=actor)
    announce(sub_order_shipped, sub_order=sub_order, actor=actor)
    return event


def check_sub_order_move(sub_order: SubOrder, to_status: str) -> None:
    """TransitionRefused unless the part may go to `to_status` now (a card order only once it is paid)."""
    order = sub_order.order
    if order.status not in FULFILLING_STATUSES:
        raise TransitionRefused(_("This order is %(status)s: its parts can no longer be changed.",
                                  status=status_words(order.status)))
    if order.payment_method == "card" and order.paid_at is None:
        raise TransitionRefused(_("This card order is not paid yet: wait for the payment before preparing it."))
    if sub_order.status not in SUB_ORDER_MOVES.get(to_status, ()):
        raise TransitionRefused(_("This part of the order cannot be changed that way any more."))


def all_parts_reached(order: Order, status: str) -> bool:
    """Every part not cancelled has reached `status` (or gone further along the main road)."""
    parts = [part for part in order.sub_orders if part.status != "cancelled"]
    return bool(parts) and all(ROAD_STOPS.get(part.status, -1) >= ROAD_STOPS[status] for part in parts)


def status_words(status: str) -> str:
    from app.orders.history import status_label  # history imports this module

    return status_label(status).lower()
