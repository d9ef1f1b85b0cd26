"""Messages about an order's money, written to the notification outbox in the payment's own transaction: the
customer (or the guest) hears of each payment and refund, and a card order's shops hear of it once it is paid."""
from __future__ import annotations

from flask import Flask

from app.core.events import subscribe
from app.core.urls import site_url
from app.notifications.messages import money_value
from app.notifications.services import notify
from app.orders.models import Order
from app.orders.notifications import order_recipient, tell_vendors_of_new_order
from app.payments.signals import payment_received, refund_issued


def connect_handlers(app: Flask) -> None:
    """Tell the people concerned of payments and refunds."""
    subscribe(app, payment_received, tell_of_payment)
    subscribe(app, refund_issued, tell_of_refund)


def tell_of_payment(app: Flask, *, order: Order, payment, **facts) -> None:
    """Thank the customer for paying; a card payment confirms the order, so its shops hear of it now (a cash
    order's shops heard when it was placed)."""
    notify_customer(order, "order_paid", amount=order.grand_total)
    if payment.provider == "stripe":
        tell_vendors_of_new_order(order)


def tell_of_refund(app: Flask, *, refund, order: Order, **facts) -> None:
    notify_customer(order, "order_refunded", amount=refund.amount)


def notify_customer(order: Order, kind: str, amount) -> None:
    """Tell the order's customer, or the guest who placed it, through the outbox (delivered after commit)."""
    recipient = order_recipient(order)
    notify(recipient, kind, {"number": order.number, "amount": money_value(amount),
                             "order_url": site_url("orders.show_my_order" if order.user_id else "orders.show_confirmation",
                                                   number=order.number)})
