"""Every domain event the other domains build on is declared, under its name, in its domain's signals.py."""
import importlib

import pytest
from blinker import NamedSignal

DECLARED = {
    "app.orders.signals": ("order_placed", "order_cancelled", "sub_order_shipped", "order_delivered"),
    "app.payments.signals": ("payment_received", "refund_issued"),
    "app.catalog.signals": ("product_changed", "offer_changed", "review_posted", "page_viewed", "product_viewed"),
    "app.vendors.signals": ("vendor_changed",),
    "app.cart.signals": ("added_to_bag",),
}


@pytest.mark.parametrize("module, name", [(module, name) for module, names in DECLARED.items() for name in names])
def test_each_event_is_a_named_signal_of_its_domain(module, name):
    event = getattr(importlib.import_module(module), name)
    assert isinstance(event, NamedSignal) and event.name == name


def test_the_events_the_issue_names_are_all_there():
    declared = {name for names in DECLARED.values() for name in names}
    assert {"order_placed", "order_cancelled", "sub_order_shipped", "order_delivered", "refund_issued",
            "product_changed", "offer_changed", "vendor_changed", "review_posted", "product_viewed",
            "added_to_bag"} <= declared


def test_one_namespace_per_domain_and_no_name_twice():
    namespaces = [next(value for value in vars(importlib.import_module(module)).values()
                       if type(value).__name__ == "Namespace") for module in DECLARED]
    assert len({id(namespace) for namespace in namespaces}) == len(DECLARED)
    names = [name for namespace in namespaces for name in namespace]
    assert len(names) == len(set(names))
