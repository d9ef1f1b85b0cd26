"""Who may open the back office's orders, coupons and delivery zones: every role × every endpoint, the
vendor's own order included. Guests are sent to sign in; customers and vendors (even the shop of the order)
get 403; admins without the second factor are sent to it; admins get the page or their change made."""
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from app.extensions import db as database
from app.orders.models import Coupon, Order
from app.orders.status import move_order
from app.payments.services import record_cod_collection
from app.vendors.models import Vendor
from tests.backoffice import SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as
from tests.conftest import csrf_token_from
from tests.shop import add_coupon, make_bag, place, shop  # noqa: F401  (fixture and helpers)

ROLES = ("guest", "customer", "vendor", "other_vendor", "admin_without_second_factor", "admin")


@dataclass
class World:
    users: dict
    order: str  # confirmed, cash on delivery, of the vendor's shop
    paid_order: str  # delivered and its cash collected, of the other vendor's shop
    coupon: int


@pytest.fixture
def world(app, db, shop, create_user):
    users = {
        "customer": create_user(email="noor@example.com"),
        "vendor": create_user(email="hessa@example.com", roles=("customer", "vendor")),
        "other_vendor": create_user(email="omar@example.com", roles=("customer", "vendor")),
        "admin_without_second_factor": create_user(email="admin2@example.com", roles=("admin",)),
        "admin": create_user(email="aisha@example.com", roles=("admin",)),
    }
    own = place(app, make_bag(app, (shop.offer(price="120", vendor="souq-a"), 1)), payment_method="cod",
                user_id=users["customer"].id)
    other = place(app, make_bag(app, (shop.offer(price="90", vendor="souq-b"), 1)), payment_method="cod")
    add_coupon(app, code="WELCOME10")
    with app.test_request_context():
        for slug, owner in (("souq-a", "vendor"), ("souq-b", "other_vendor")):
            database.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=users[owner].id))
        paid = database.session.get(Order, other)
        for step in ("processing", "shipped", "delivered"):
            move_order(paid, step)
        record_cod_collection(paid)
        database.session.commit()
        numbers = dict(database.session.execute(select(Order.id, Order.number).where(Order.id.in_((own, other)))).all())
        coupon = database.session.scalar(select(Coupon.id).where(Coupon.code == "WELCOME10"))
    return World(users, numbers[own], numbers[other], coupon)


ADMIN_ONLY = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "other_vendor": 403,
              "admin_without_second_factor": TWO_FACTOR}
ENDPOINTS = [
    # method, path, admin's answer; {order}, {paid_order}, {coupon}
    ("GET", "/admin/orders", 200),
    ("GET", "/admin/orders?vendor=1&status=confirmed", 200),
    ("GET", "/admin/orders.csv", 200),
    ("GET", "/admin/orders/{order}", 200),
    ("GET", "/admin/orders/{paid_order}", 200),
    ("POST", "/admin/orders/{order}/status", 303),
    ("POST", "/admin/orders/{order}/cancel", 303),
    ("POST", "/admin/orders/{paid_order}/refund", 303),
    ("GET", "/admin/coupons", 200),
    ("GET", "/admin/coupons/new", 200),
    ("POST", "/admin/coupons/new", 303),
    ("GET", "/admin/coupons/{coupon}", 200),
    ("POST", "/admin/coupons/{coupon}", 303),
    ("POST", "/admin/coupons/{coupon}/deactivate", 303),
    ("GET", "/admin/delivery", 200),
    ("GET", "/admin/delivery/dubai", 200),
    ("POST", "/admin/delivery/dubai", 303),
]
COUPON = {"code": "RAMADAN", "kind": "percent", "value": "10", "is_active": "y"}
FORM_DATA = {
    "status": {"to_status": "processing", "seen_status": "confirmed"},
    "cancel": {"cancel-seen_status": "confirmed", "cancel-reason": "Asked by the customer."},
    "refund": {"refund-part": "order", "refund-amount": "10", "refund-reason": "A sample was missing.",
               "refund-request_key": "a" * 24},
    "new": COUPON,
    "{coupon}": {**COUPON, "code": "WELCOME10"},
    "dubai": {"is_active": "y", "fee_standard": "15", "fee_next_day": "25", "fee_same_day": "35",
              "same_day_cutoff": "14:00", "free_delivery_threshold": "200"},
}
CASES = [(method, path, role, ADMIN_ONLY.get(role, expected)) for method, path, expected in ENDPOINTS
         for role in ROLES]


@pytest.mark.parametrize("method, path, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, role, _ in CASES])
def test_who_may_open_what(app, client, world, method, path, role, expected):
    if role != "guest":
        sign_in_as(client, world.users[role], second_factor=(role == "admin"))
    url = path.format(order=world.order, paid_order=world.paid_order, coupon=world.coupon)
    if method == "GET":
        response = client.get(url)
    else:
        data = {"csrf_token": csrf_token_from(client, "/"), **FORM_DATA.get(path.rsplit("/", 1)[-1], {})}
        response = client.post(url, data=data)
    response.close()
    assert_answer(response, expected)


@pytest.mark.parametrize("path", ["/admin/orders/{order}/status", "/admin/orders/{order}/cancel",
                                  "/admin/coupons/{coupon}/deactivate", "/admin/delivery/dubai"])
def test_a_post_without_the_csrf_token_changes_nothing(app, client, world, path):
    sign_in_as(client, world.users["admin"], second_factor=True)
    url = path.format(order=world.order, coupon=world.coupon)
    assert client.post(url, data=FORM_DATA.get(path.rsplit("/", 1)[-1], {})).status_code == 400
    with app.app_context():
        assert database.session.scalar(select(Order.status).where(Order.number == world.order)) == "confirmed"
        assert database.session.scalar(select(Coupon.is_active).where(Coupon.id == world.coupon)) is True


@pytest.mark.parametrize("path", ["/admin/orders/AS-0000-000000", "/admin/orders/%00", "/admin/coupons/0",
                                  "/admin/coupons/99999999999999999999", "/admin/delivery/%2e%2e"])
def test_bad_ids_answer_404(app, client, world, path):
    sign_in_as(client, world.users["admin"], second_factor=True)
    assert client.get(path).status_code == 404
