"""The events of an order's life (handlers: app/orders/notifications.py; see "Domain events" in the README)."""
from blinker import Namespace

order_events = Namespace()

# order=: a shopper's bag became this new order at the checkout (app/checkout/services.place_checkout_order).
order_placed = order_events.signal("order_placed")
# order=, actor=, note=, tell_customer=: the order was cancelled and its stock returned (orders/status.cancel_order);
# tell_customer is False when another message says it (a refund) or nobody is told (an unpaid card order expired).
order_cancelled = order_events.signal("order_cancelled")
# sub_order=, actor=: a shop handed its part to a carrier, with a tracking number (orders/status.ship_sub_order).
sub_order_shipped = order_events.signal("sub_order_shipped")
# order=, actor=: the order reached the customer (orders/status.move_order).
order_delivered = order_events.signal("order_delivered")
