"""A small shop for the cart and order tests: houses, shops, perfumes with offers, the delivery zones.

`Shop(app, db)` makes rows the way the store reads them (approved products of approved vendors with
active offers); `shop.offer(...)` returns a `Made` with the ids a test needs after its session is gone.
Fixtures: `shop` (in the rolled-back `db`) and `committed_shop` (real commits, for threads). Helpers: the
bag through HTTP (`add`, `badge`, `line_ids`, `page_text`) and orders through the services (`make_bag`,
`place`, `refusal`, `add_coupon`).
"""
from __future__ import annotations

import itertools
import re
import secrets
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from app.cart.models import Cart
from app.cart.services import add_to_cart
from app.catalog.models import Brand, Category, Offer, Product, Variant
from app.orders.models import Coupon
from app.orders.placing import CheckoutDetails, place_order
from app.orders.pricing import UAE_TIME, OrderRefused
from app.extensions import db as database
from app.orders.demo import load_delivery_zones
from app.vendors.models import Vendor
from tests.conftest import csrf_token_from

UAE_ADDRESS = {"recipient_name": "Noor Haddad", "mobile": "+971501234567", "country": "AE", "region": "dubai",
               "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": None, "landmark": None}


MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=UAE_TIME)  # before Dubai's same-day cut-off (14:00)


@dataclass(frozen=True)
class Made:
    offer_id: int
    product_id: int
    vendor_id: int
    brand_id: int
    price: Decimal


class Shop:
    """Made in its own app context and committed at once, so that requests and services of the test see it."""

    numbers = itertools.count(1)

    def __init__(self, app, database):
        self.app, self.db = app, database
        with app.app_context():
            session = self.db.session
            session.add_all([Category(slug="perfume", name_en="Perfume", name_ar="عطور"),
                             Category(slug="bakhoor", name_en="Bakhoor", name_ar="بخور"),
                             Brand(slug="ajmal", name_en="Ajmal", name_ar="أجمل", style="arabian", country="AE"),
                             Brand(slug="maison-x", name_en="Maison X", name_ar="ميزون إكس", style="designer",
                                   country="FR"),
                             Vendor(slug="souq-a", name_en="Souq A", name_ar="سوق أ", status="approved"),
                             Vendor(slug="souq-b", name_en="Souq B", name_ar="سوق ب", status="approved"),
                             Vendor(slug="closed", name_en="Closed", name_ar="مغلق", status="suspended")])
            load_delivery_zones(session)
            session.commit()
            self.vendor_ids = dict(session.execute(select(Vendor.slug, Vendor.id)).all())
            self.brand_ids = dict(session.execute(select(Brand.slug, Brand.id)).all())

    def offer(self, price="450", stock=5, vendor="souq-a", size=100, product_id: int | None = None, active=True,
              kind="full", name_en="Royal Oud", name_ar="العود الملكي", brand="ajmal", status="approved",
              category="perfume") -> Made:
        """An offer (of a new product, or of `product_id`), committed."""
        with self.app.app_context():
            session = self.db.session
            if product_id is None:
                number = next(self.numbers)
                product = Product(
                    slug=f"{name_en.lower().replace(' ', '-')}-{number}", name_en=name_en, name_ar=name_ar,
                    brand_id=self.brand_ids[brand],
                    category_id=session.scalar(select(Category.id).where(Category.slug == category)),
                    gender="unisex", concentration="edp", family="oud", status=status)
                session.add(product)
                session.flush()
                product_id = product.id
            variant = session.scalar(select(Variant).where(Variant.product_id == product_id,
                                                           Variant.size_ml == Decimal(size), Variant.kind == kind))
            if variant is None:
                variant = Variant(product_id=product_id, size_ml=Decimal(size), kind=kind)
                session.add(variant)
                session.flush()
            offer = Offer(vendor_id=self.vendor_ids[vendor], variant_id=variant.id, price=Decimal(price), stock=stock,
                          sku=f"sku-{next(self.numbers)}", is_active=active)
            session.add(offer)
            session.commit()
            brand_id = session.scalar(select(Product.brand_id).where(Product.id == product_id))
            return Made(offer.id, product_id, offer.vendor_id, brand_id, offer.price)

    def change_offer(self, offer_id: int, **values) -> None:
        with self.app.app_context():
            self.db.session.execute(update(Offer).where(Offer.id == offer_id).values(**values))
            self.db.session.commit()

    def change_product(self, product_id: int, **values) -> None:
        with self.app.app_context():
            self.db.session.execute(update(Product).where(Product.id == product_id).values(**values))
            self.db.session.commit()

    def stock_of(self, offer_id: int) -> int:
        with self.app.app_context():
            return self.db.session.scalar(select(Offer.stock).where(Offer.id == offer_id))


@pytest.fixture
def shop(app, db, redis_client):
    """A shop in the test's rolled-back transaction."""
    return Shop(app, db)


@pytest.fixture
def committed_shop(app, committed_db, redis_client):
    """A shop with real commits (for threads with their own connections); emptied after the test."""
    return Shop(app, committed_db)


# The bag through HTTP -----------------------------------------------------------------------


HTMX = {"HX-Request": "true"}


def add(client, offer_id, quantity=1, htmx=False, next_path="/products", token=None):
    token = token or csrf_token_from(client, "/cart")
    return client.post("/cart/lines", data={"offer_id": offer_id, "quantity": quantity, "next": next_path,
                                            "csrf_token": token}, headers=HTMX if htmx else {})


def page_text(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def badge(response) -> int:
    return int(re.search(r'class="cart-badge__count"[^>]*>([\d,]+)<', response.get_data(as_text=True)).group(1))


def line_ids(response) -> list[int]:
    return [int(number) for number in re.findall(r'id="bag-line-(\d+)"', response.get_data(as_text=True))]


# Orders through the services ----------------------------------------------------------------


def make_bag(app, *lines, user_id=None) -> int:
    """A bag (the customer's, or a new guest's) filled through the cart service; returns its id."""
    with app.test_request_context():
        cart = database.session.scalar(select(Cart).where(Cart.user_id == user_id)) if user_id else None
        if cart is None:
            cart = Cart(user_id=user_id) if user_id else Cart(token=secrets.token_urlsafe(16))
            database.session.add(cart)
            database.session.flush()
        for made, quantity in lines:
            add_to_cart(cart, made.offer_id, quantity)
        database.session.commit()
        return cart.id


def details(**changes) -> CheckoutDetails:
    fields = dict(email="Noor@Example.com", mobile="+971501234567", contact_name="Noor Haddad",
                  address=dict(UAE_ADDRESS), delivery_option="standard", payment_method="card")
    fields.update(changes)
    return CheckoutDetails(**fields)


def place(app, cart_id, key=None, now=MORNING, **changes) -> int:
    """Place the bag as an order and commit; returns the order's id (OrderRefused propagates)."""
    with app.test_request_context():
        try:
            order = place_order(database.session.get(Cart, cart_id), details(**changes), key or secrets.token_hex(8),
                                now=now)
            database.session.commit()
            return order.id
        except OrderRefused:
            database.session.rollback()
            raise


def refusal(app, cart_id, **changes) -> OrderRefused:
    with pytest.raises(OrderRefused) as caught:
        place(app, cart_id, **changes)
    return caught.value


def add_coupon(app, **fields) -> None:
    with app.app_context():
        database.session.add(Coupon(**{"kind": "percent", "value": Decimal("10"), **fields}))
        database.session.commit()
