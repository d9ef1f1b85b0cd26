"""Who may open what in the vendor portal and the back office: every role × every endpoint × own or other's
record. Guests are sent to sign in; customers and vendors get 403 on /admin; admins without the second
factor are sent to it; another shop's documents are answered as if they did not exist."""
from dataclasses import dataclass

import pytest
from sqlalchemy import update

from app.vendors.documents import CheckedDocument, store_document
from app.vendors.models import Vendor, VendorDocument
from tests.backoffice import MINIMAL_PDF, SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as
from tests.conftest import csrf_token_from
from tests.shop import Shop

ROLES = ("guest", "customer", "vendor", "other_vendor", "admin_without_second_factor", "admin")


@dataclass
class World:
    users: dict
    own_vendor: int
    other_vendor: int
    own_document: int
    other_document: int
    product: int


@pytest.fixture
def world(app, db, redis_client, create_user):
    shop = Shop(app, db)
    users = {
        "customer": create_user(email="noor@example.com"),
        "vendor": create_user(email="hessa@example.com", roles=("customer", "vendor")),
        "other_vendor": create_user(email="omar@example.com", roles=("customer", "vendor")),
        "admin_without_second_factor": create_user(email="admin2@example.com", roles=("admin",)),
        "admin": create_user(email="aisha@example.com", roles=("admin",)),
    }
    product = shop.offer(status="pending", vendor="souq-a").product_id
    with app.app_context():
        ids = {}
        for slug, owner in (("souq-a", "vendor"), ("souq-b", "other_vendor")):
            db.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=users[owner].id))
            vendor_id = shop.vendor_ids[slug]
            document = VendorDocument(vendor_id=vendor_id, original_name="licence.pdf", content_type="application/pdf",
                                      size_bytes=len(MINIMAL_PDF), stored_name=store_document(
                                          CheckedDocument("licence.pdf", "application/pdf", MINIMAL_PDF)))
            db.session.add(document)
            db.session.flush()
            ids[slug] = (vendor_id, document.id)
        db.session.commit()
    return World(users, ids["souq-a"][0], ids["souq-b"][0], ids["souq-a"][1], ids["souq-b"][1], product)


ADMIN_ONLY = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "other_vendor": 403,
              "admin_without_second_factor": TWO_FACTOR}
ENDPOINTS = [
    # method, path, {role: expected}; {own_vendor}, {other_vendor}, {own_document}, {other_document}, {product}
    # /vendor is the portal's front door: an account without a shop is sent to the application form.
    ("GET", "/vendor", {"guest": SIGN_IN, "customer": 303, "vendor": 200, "other_vendor": 200,
                        "admin_without_second_factor": 303, "admin": 303}),
    ("GET", "/vendor/apply", {"guest": SIGN_IN, "customer": 200, "vendor": 303, "other_vendor": 303,
                              "admin_without_second_factor": 200, "admin": 200}),
    ("POST", "/vendor/apply", {"guest": SIGN_IN, "vendor": 303, "other_vendor": 303}),
    ("GET", "/vendor/application", {"guest": SIGN_IN, "customer": 303, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/documents/{own_document}", {"guest": SIGN_IN, "customer": 404, "vendor": 200,
                                                 "other_vendor": 404, "admin_without_second_factor": 404,
                                                 "admin": 404}),
    ("GET", "/vendor/documents/{other_document}", {"vendor": 404, "other_vendor": 200}),
    ("GET", "/admin", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/vendors", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/vendors.csv", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/vendors/{own_vendor}", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/vendors/{own_vendor}/documents/{own_document}", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/vendors/{other_vendor}/documents/{own_document}", {**ADMIN_ONLY, "admin": 404}),
    ("POST", "/admin/vendors/{own_vendor}/suspend", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/vendors/{other_vendor}/suspend", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/vendors/{own_vendor}/approve", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/vendors/{own_vendor}/reject", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/vendors/{own_vendor}/reinstate", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/vendors/{own_vendor}/commission", {**ADMIN_ONLY, "admin": 303}),
    ("GET", "/admin/products", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/products/{product}", {**ADMIN_ONLY, "admin": 200}),
    ("POST", "/admin/products/{product}/approve", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/products/{product}/reject", {**ADMIN_ONLY, "admin": 303}),
    ("GET", "/admin/audit", {**ADMIN_ONLY, "admin": 200}),
]
FORM_DATA = {"suspend": {"suspend-reason": "Counterfeits reported."}, "reject": {"reject-reason": "Not this time."},
             "commission": {"percent": "12"}}
CASES = [(method, path, role, expected[role]) for method, path, expected in ENDPOINTS for role in ROLES
         if role in expected]


@pytest.mark.parametrize("method, path, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, role, _ in CASES])
def test_who_may_open_what(app, client, world, method, path, role, expected):
    if role != "guest":
        sign_in_as(client, world.users[role], second_factor=(role == "admin"))
    url = path.format(own_vendor=world.own_vendor, other_vendor=world.other_vendor, own_document=world.own_document,
                      other_document=world.other_document, product=world.product)
    if method == "GET":
        response = client.get(url)
    else:
        data = {"csrf_token": csrf_token_from(client, "/"), **FORM_DATA.get(url.rsplit("/", 1)[-1], {})}
        response = client.post(url, data=data)
    response.close()
    assert_answer(response, expected)
