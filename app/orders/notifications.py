"""Messages about orders, written to the notification outbox in the order's own transaction: the handlers of
the order events (app/orders/signals.py), so a change that is rolled back sends nothing.

A customer's messages follow their account (language, preferences, mobile); a guest's go to the email
and mobile given at checkout, in the language they checked out in, by email and SMS only.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Flask
from flask_babel import force_locale
from sqlalchemy import select

from app.accounts.models import User
from app.catalog.sizes import size_text
from app.core.events import subscribe
from app.core.urls import site_url
from app.extensions import db
from app.notifications.messages import bilingual_value, money_value
from app.notifications.services import notify
from app.orders.models import Order, SubOrder
from app.orders.pricing import aed
from app.orders.signals import order_cancelled, order_delivered, order_placed, sub_order_shipped
from app.vendors.models import Vendor


def connect_handlers(app: Flask) -> None:
    """Tell customers and shops of what happens to their orders."""
    subscribe(app, order_placed, tell_of_placed_order)
    subscribe(app, order_cancelled, tell_of_cancelled_order)
    subscribe(app, sub_order_shipped, tell_of_shipped_part)
    subscribe(app, order_delivered, tell_of_delivered_order)


def tell_of_placed_order(app: Flask, *, order: Order, **facts) -> None:
    """Thank the customer at once; a cash order is confirmed as it is placed, so its shops hear of it now (a card
    order's when it is paid: app/payments/notifications.py)."""
    notify_order_placed(order)
    if order.status == "confirmed":
        tell_vendors_of_new_order(order)


def tell_of_cancelled_order(app: Flask, *, order: Order, tell_customer: bool, **facts) -> None:
    if tell_customer:
        notify_order_cancelled(order)


def tell_of_shipped_part(app: Flask, *, sub_order: SubOrder, **facts) -> None:
    notify_part_shipped(sub_order)


def tell_of_delivered_order(app: Flask, *, order: Order, **facts) -> None:
    notify_order_delivered(order)


@dataclass(frozen=True)
class GuestRecipient:
    """Who a guest's order messages go to: what `notify` needs of an account, taken from the order."""

    email: str
    mobile: str
    full_name: str
    preferred_language: str
    id: None = None
    notify_orders_by_email: bool = True
    notify_orders_by_sms: bool = True
    notify_orders_in_app: bool = False  # a guest has no notification centre

    @property
    def first_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else ""


def order_recipient(order: Order):
    """The order's account (while it is active), or the guest who placed it."""
    user = db.session.get(User, order.user_id) if order.user_id is not None else None
    if user is not None and user.is_active:
        return user
    return GuestRecipient(email=order.email, mobile=order.mobile, full_name=order.contact_name,
                          preferred_language=order.language)


def in_language(language: str, english: str, arabic: str) -> str:
    return arabic if language == "ar" else english


def order_payload(order: Order, recipient) -> dict:
    """Names, number, total and lines; the lines written in the recipient's language (only their emails show
    them), the total kept neutral (the notification centre writes it in the page's language)."""
    language = recipient.preferred_language
    with force_locale(language):
        lines = [[in_language(language, line.product_name_en, line.product_name_ar),
                  size_text(line.size_ml, line.size_unit), line.quantity, aed(line.line_total)]
                 for line in order.lines]
    return {"name": recipient.first_name, "order_number": order.number, "total": money_value(order.grand_total),
            "lines": lines, "payment_method": order.payment_method, "guest": recipient.id is None,
            "order_url": site_url("orders.show_my_order", number=order.number)}


def notify_order_placed(order: Order) -> None:
    """Thank the customer (or guest) for the order: email, SMS and, for customers, the notification centre."""
    recipient = order_recipient(order)
    notify(recipient, "order_placed", order_payload(order, recipient))


def notify_order_cancelled(order: Order) -> None:
    recipient = order_recipient(order)
    notify(recipient, "order_cancelled", order_payload(order, recipient))


def notify_order_delivered(order: Order) -> None:
    recipient = order_recipient(order)
    notify(recipient, "order_delivered", order_payload(order, recipient))


def tell_vendors_of_new_order(order: Order) -> None:
    """Tell each vendor's owner of their part of the order (vendors without an owner account are skipped).

    Called when an order is confirmed: at once for cash on delivery, on payment for cards.
    """
    rows = db.session.execute(
        select(SubOrder, Vendor, User).join(Vendor, Vendor.id == SubOrder.vendor_id)
        .join(User, User.id == Vendor.owner_id).where(SubOrder.order_id == order.id).order_by(SubOrder.id)
    ).all()
    for sub_order, vendor, owner in rows:
        if not owner.is_active:
            continue
        notify(owner, "sub_order_received", {
            "name": owner.first_name, "shop": bilingual_value(vendor.name_en, vendor.name_ar),
            "order_number": order.number, "items": sum(line.quantity for line in sub_order.lines),
            "total": money_value(sub_order.total),
        })


def notify_part_shipped(sub_order: SubOrder) -> None:
    """Tell the customer (or guest) that a shop's part of their order is on its way, with the tracking number."""
    from app.orders.carriers import tracking_url

    order = sub_order.order
    recipient = order_recipient(order)
    first = sub_order.lines[0]
    notify(recipient, "order_shipped", {
        "name": recipient.first_name, "order_number": order.number,
        "shop": bilingual_value(first.vendor_name_en, first.vendor_name_ar),
        "carrier": carrier_in_both_languages(sub_order.carrier), "tracking_number": sub_order.tracking_number,
        "tracking_url": tracking_url(sub_order.carrier, sub_order.tracking_number),
        "order_url": site_url("orders.show_my_order", number=order.number),
    })


def carrier_in_both_languages(carrier: str | None) -> dict:
    """A known carrier's name in English and Arabic (a carrier the vendor typed, as typed, in both)."""
    from app.orders.carriers import carrier_name

    names = {}
    for language in ("en", "ar"):
        with force_locale(language):
            names[language] = carrier_name(carrier)
    return bilingual_value(names["en"], names["ar"])
