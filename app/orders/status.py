"""The order's life: guarded status changes, each recorded with who and when; cancelling returns the stock.

The transitions allowed are `ORDER_TRANSITIONS` (app/orders/models.py). Every change locks the order row
first, so two people (or a person and a job) cancelling at once make one cancellation, and the stock of
an order goes back on the shelf exactly once: `stock_returned_at` is set by a guarded UPDATE.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from flask_babel import gettext as _
from sqlalchemy import delete, select, update

from app.catalog.models import Offer
from app.extensions import db
from app.orders.models import CouponRedemption, Order, OrderEvent, OrderLine
from app.search.jobs import schedule_listing_refresh

UNPAID_BATCH = 200


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
        if sub_order.status == from_status:
            sub_order.status = to_status
    event = OrderEvent(order=order, from_status=from_status, to_status=to_status,
                       actor_user_id=getattr(actor, "id", None), note=note)
    db.session.add(event)
    db.session.flush()
    return event


def cancel_order(order: Order, actor=None, note: str = "") -> Order:
    """Cancel an order before it ships: its stock goes back (once) and its coupon can be used again."""
    lock_order(order)
    if not order.can_be_cancelled():
        raise TransitionRefused(_("This order has shipped and can no longer be cancelled."))
    move_order(order, "cancelled", actor, note)
    return_stock(order)
    db.session.execute(delete(CouponRedemption).where(CouponRedemption.order_id == order.id))
    db.session.flush()
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
    schedule_listing_refresh(product_id for *_rest, product_id in lines if product_id is not None)
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
