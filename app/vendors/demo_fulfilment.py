"""Demo fulfilment for `make run`: the demo shop (run by vendor@example.com) gets gift orders from the demo
customer placed through the real checkout service, one still to prepare and one being prepared, and the
back office has recorded last month's payouts, so the portal's orders, packing slip and payouts show
each state. Flushes only; the caller commits. Nothing is sent."""
from __future__ import annotations

from datetime import timedelta

from flask_babel import force_locale
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.accounts.demo import DEMO_ADMIN_EMAIL
from app.accounts.models import User
from app.cart.models import Cart
from app.cart.services import add_to_cart
from app.catalog.demo import DEMO_VENDOR_OWNER_EMAIL
from app.catalog.models import Offer, Product, Variant
from app.orders.placing import CheckoutDetails, place_order
from app.orders.pricing import uae_now
from app.orders.status import move_sub_order
from app.vendors.models import Vendor
from app.vendors.payouts import payable_vendors, record_payout, statements_for, this_month

DEMO_CUSTOMER_EMAIL = "customer@example.com"
GIFT_ADDRESS = {"recipient_name": "Mariam Al Falasi", "mobile": "+971501234567", "country": "AE", "region": "dubai",
                "area": "Jumeirah 1", "street": "Al Wasl Road", "building": "Villa 14", "flat": None,
                "landmark": "Opposite the park"}
GIFT_MESSAGES = ("Eid Mubarak, Mariam! With love from Layla", "عيد مبارك يا مريم، مع محبتي — ليلى")


def load_demo_fulfilment(session: Session) -> None:
    """Gift orders for the demo shop (one confirmed, one being prepared) and last month's payouts."""
    customer = session.scalar(select(User).where(User.email == DEMO_CUSTOMER_EMAIL))
    vendor = session.scalar(select(Vendor).join(User, User.id == Vendor.owner_id)
                            .where(User.email == DEMO_VENDOR_OWNER_EMAIL))
    if customer is None or vendor is None:
        return
    offers = session.scalars(
        select(Offer.id).join(Variant, Variant.id == Offer.variant_id).join(Product, Product.id == Variant.product_id)
        .where(Offer.vendor_id == vendor.id, Offer.is_active, Offer.stock >= 3, Product.status == "approved")
        .order_by(Offer.id).limit(2)).all()
    for number, (offer_id, message) in enumerate(zip(offers, GIFT_MESSAGES)):
        order = place_gift_order(session, customer, offer_id, message, f"demo-gift-{number}")
        if number == 1:
            part = next(part for part in order.sub_orders if part.vendor_id == vendor.id)
            move_sub_order(part, "processing", actor=vendor.owner)
    record_last_months_payouts(session)


def place_gift_order(session: Session, customer: User, offer_id: int, message: str, key: str):
    """A gift-wrapped order of two, cash on delivery, as the checkout places it."""
    cart = session.scalar(select(Cart).where(Cart.user_id == customer.id)) or Cart(user_id=customer.id)
    session.add(cart)
    session.flush()
    add_to_cart(cart, offer_id, 2)
    details = CheckoutDetails(email=customer.email, mobile=customer.mobile or "+971501234567",
                              contact_name=customer.full_name, address=dict(GIFT_ADDRESS), delivery_option="next-day",
                              payment_method="cod", user_id=customer.id, gift_wrap=True, gift_message=message,
                              language=customer.preferred_language)
    with force_locale("en"):  # no request here to choose the language of a refusal
        order = place_order(cart, details, key)
    session.expire(cart)  # its lines went with the order
    return order


def record_last_months_payouts(session: Session) -> None:
    """The back office paid every shop last month's net due (a bank transfer each, audited as the admin)."""
    admin = session.scalar(select(User).where(User.email == DEMO_ADMIN_EMAIL))
    period = this_month().previous_month()
    paid_on = min(period.end + timedelta(days=5), uae_now().date())
    for statement in statements_for(payable_vendors(), period).values():
        if statement.balance > 0:
            record_payout(statement.vendor, period, statement.balance, paid_on,
                          f"FT{period.end:%y%m}{statement.vendor.id:04d}", "", admin)
