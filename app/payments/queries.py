"""Who may pay or follow an order's payment, and where its payment stands, read from the database only."""
from __future__ import annotations

from flask import abort, session
from flask_login import current_user
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.orders.models import Order
from app.payments.models import Payment

# The numbers of the orders this browser session placed as a guest (the checkout adds each one).
PLACED_ORDERS_SESSION_KEY = "placed_orders"
PLACED_ORDERS_KEPT = 10


def remember_placed_order(number: str) -> None:
    """Let this browser session pay and follow an order it has just placed (for guests)."""
    numbers = [known for known in session.get(PLACED_ORDERS_SESSION_KEY, []) if known != number]
    session[PLACED_ORDERS_SESSION_KEY] = (numbers + [number])[-PLACED_ORDERS_KEPT:]


def get_order_for_payer_or_404(number: str) -> Order:
    """The order, for its signed-in customer or for the guest session that placed it; 404 for anyone else."""
    order = db.session.scalar(select(Order).where(Order.number == number).options(selectinload(Order.lines)))
    if order is None:
        abort(404)
    if order.user_id is not None:
        if not (current_user.is_authenticated and current_user.id == order.user_id):
            abort(404)
    elif number not in session.get(PLACED_ORDERS_SESSION_KEY, []):
        abort(404)
    return order


def payment_state(order: Order) -> str:
    """paid | refunded | waiting | checking | failed | not_card — what the result page tells the customer."""
    if order.payment_method != "card":
        return "not_card"
    if order.paid_at is not None:
        return "refunded" if order.status in ("refunded", "partially_refunded") else "paid"
    if order.status == "pending_payment":
        mismatched = db.session.scalar(select(Payment.id).where(Payment.order_id == order.id,
                                                                Payment.status == "mismatched").limit(1))
        return "checking" if mismatched is not None else "waiting"
    return "failed"
