"""The events of an order's money (handlers: app/payments/notifications.py; see "Domain events" in the README)."""
from blinker import Namespace

payment_events = Namespace()

# order=, payment=: the order is paid, by card (the webhook) or in cash to the courier (record_cod_collection).
payment_received = payment_events.signal("payment_received")
# refund=, order=: money was given back on the order, or on one shop's part of it (payments/refunds.refund_order).
refund_issued = payment_events.signal("refund_issued")
