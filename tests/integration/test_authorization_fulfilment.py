"""Who may open what among the vendor's orders and payouts and the back office's payouts: every role × every
endpoint × own or other shop's sub-order. Guests sign in; customers and admins get 403 in the portal;
another shop's sub-order is answered as if it did not exist; only admins past the second factor reach payouts."""
from dataclasses import dataclass

import pytest
from sqlalchemy import select, update

from app.extensions import db as database
from app.orders.models import SubOrder
from app.vendors.models import Vendor
from tests.backoffice import SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as
from tests.conftest import csrf_token_from
from tests.shop import Shop, make_bag, place

ROLES = ("guest", "customer", "vendor", "other_vendor", "pending_vendor", "admin_without_second_factor", "admin")


@dataclass
class World:
    users: dict
    own: int  # souq-a's sub-order (run by "vendor")
    other: int  # souq-b's sub-order of the same order (run by "other_vendor")


@pytest.fixture
def world(app, db, redis_client, create_user):
    shop = Shop(app, db)
    users = {
        "customer": create_user(email="noor@example.com"),
        "vendor": create_user(email="hessa@example.com", roles=("customer", "vendor")),
        "other_vendor": create_user(email="omar@example.com", roles=("customer", "vendor")),
        "pending_vendor": create_user(email="salma@example.com", roles=("customer", "vendor")),
        "admin_without_second_factor": create_user(email="admin2@example.com", roles=("admin",)),
        "admin": create_user(email="aisha@example.com", roles=("admin",)),
    }
    with app.app_context():
        for slug, owner in (("souq-a", "vendor"), ("souq-b", "other_vendor")):
            database.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=users[owner].id))
        database.session.add(Vendor(slug="souq-p", name_en="Souq P", name_ar="سوق ب", status="pending",
                                    owner_id=users["pending_vendor"].id))
        database.session.commit()
    oud, amber = shop.offer(vendor="souq-a"), shop.offer(vendor="souq-b", name_en="Amber")
    order_id = place(app, make_bag(app, (oud, 1), (amber, 1)), payment_method="cod")
    with app.app_context():
        parts = dict(database.session.execute(select(SubOrder.vendor_id, SubOrder.id)
                                              .where(SubOrder.order_id == order_id)).all())
    return World(users, parts[shop.vendor_ids["souq-a"]], parts[shop.vendor_ids["souq-b"]])


PORTAL = {"guest": SIGN_IN, "customer": 403, "pending_vendor": 404, "admin_without_second_factor": 403,
          "admin": 403}
ADMIN_ONLY = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "other_vendor": 403, "pending_vendor": 403,
              "admin_without_second_factor": TWO_FACTOR}
ENDPOINTS = [
    ("GET", "/vendor/orders", {**PORTAL, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/orders/{own}", {**PORTAL, "vendor": 200, "other_vendor": 404}),
    ("GET", "/vendor/orders/{other}", {**PORTAL, "vendor": 404, "other_vendor": 200}),
    ("GET", "/vendor/orders/{own}/packing-slip", {**PORTAL, "vendor": 200, "other_vendor": 404}),
    ("POST", "/vendor/orders/{own}/processing", {**PORTAL, "vendor": 303, "other_vendor": 404}),
    ("POST", "/vendor/orders/{other}/processing", {**PORTAL, "vendor": 404, "other_vendor": 303}),
    ("POST", "/vendor/orders/{own}/shipped", {**PORTAL, "vendor": 303, "other_vendor": 404}),
    ("POST", "/vendor/orders/{other}/shipped", {**PORTAL, "vendor": 404, "other_vendor": 303}),
    ("GET", "/vendor/payouts", {**PORTAL, "vendor": 200, "other_vendor": 200}),
    ("GET", "/admin/payouts", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/payouts/new", {**ADMIN_ONLY, "admin": 200}),
    ("POST", "/admin/payouts/new", {**ADMIN_ONLY, "admin": 422}),
    ("GET", "/admin/payouts/recorded", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/payouts.csv", {**ADMIN_ONLY, "admin": 200}),
]
FORM_DATA = {"shipped": {"carrier": "aramex", "tracking_number": "AWB1234567"}}
CASES = [(method, path, role, expected[role]) for method, path, expected in ENDPOINTS for role in ROLES
         if role in expected]


@pytest.mark.parametrize("method, path, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, role, _ in CASES])
def test_who_may_open_what(app, client, world, method, path, role, expected):
    if role != "guest":
        sign_in_as(client, world.users[role], second_factor=(role == "admin"))
    url = path.format(own=world.own, other=world.other)
    if method == "GET":
        response = client.get(url)
    else:
        data = {"csrf_token": csrf_token_from(client, "/"), **FORM_DATA.get(url.rsplit("/", 1)[-1], {})}
        response = client.post(url, data=data)
    response.close()
    assert_answer(response, expected)


def test_a_post_without_its_csrf_token_changes_nothing(app, client, world):
    sign_in_as(client, world.users["vendor"])
    assert client.post(f"/vendor/orders/{world.own}/processing").status_code == 400
    with app.app_context():
        assert database.session.get(SubOrder, world.own).status == "confirmed"
