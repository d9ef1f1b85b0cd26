"""The events of the bag (see "Domain events" in the README)."""
from blinker import Namespace

cart_events = Namespace()

# cart=, line=, quantity=: a shopper put `quantity` of an offer in their bag (app/cart/services.add_to_cart).
added_to_bag = cart_events.signal("added_to_bag")
