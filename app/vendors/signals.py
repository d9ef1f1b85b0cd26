"""The events of a shop's life (see "Domain events" in the README)."""
from blinker import Namespace

vendor_events = Namespace()

# vendor=: the shop's status changed (approved, rejected, suspended, reinstated), so its offers join or leave
# the store (app/vendors/services.py).
vendor_changed = vendor_events.signal("vendor_changed")
