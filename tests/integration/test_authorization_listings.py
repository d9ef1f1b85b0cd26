"""Who may open what among the vendor's product pages and the admin's product queue: every role × every
endpoint × own or other's record. Guests are sent to sign in; customers get 403 everywhere; a vendor sees
only its own products (another shop's, by any id, is a 404); admins need the second factor."""
from dataclasses import dataclass

import pytest
from sqlalchemy import update

from app.catalog.models import Product, ProductRevision
from app.vendors.models import Vendor
from app.vendors.revisions import catalog_data_of
from tests.backoffice import SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as
from tests.conftest import csrf_token_from
from tests.shop import Shop

ROLES = ("guest", "customer", "vendor", "other_vendor", "admin_without_second_factor", "admin")


@dataclass
class World:
    users: dict
    own_product: int
    other_product: int
    catalog_product: int
    revision: int


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
    own = shop.offer(status="approved", vendor="souq-a", name_en="Own Oud").product_id
    other = shop.offer(status="pending", vendor="souq-b", name_en="Other Oud").product_id
    catalog = shop.offer(status="approved", vendor="souq-a", name_en="Catalog Oud").product_id
    with app.app_context():
        for slug, owner in (("souq-a", "vendor"), ("souq-b", "other_vendor")):
            db.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=users[owner].id))
        db.session.execute(update(Product).where(Product.id == own).values(proposed_by_vendor_id=shop.vendor_ids["souq-a"]))
        db.session.execute(update(Product).where(Product.id == other).values(proposed_by_vendor_id=shop.vendor_ids["souq-b"]))
        proposed = {**catalog_data_of(db.session.get(Product, own)), "name_en": "Own Oud Intense"}
        revision = ProductRevision(product_id=own, vendor_id=shop.vendor_ids["souq-a"], proposed=proposed)
        db.session.add(revision)
        db.session.commit()
        revision_id = revision.id
    return World(users, own, other, catalog, revision_id)


ADMIN_ONLY = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "other_vendor": 403,
              "admin_without_second_factor": TWO_FACTOR}
VENDOR_ONLY = {"guest": SIGN_IN, "customer": 403, "admin_without_second_factor": 403, "admin": 403}
ENDPOINTS = [
    # method, path, {role: expected}; {own}, {other}, {catalog}, {revision}
    ("GET", "/vendor/products", {**VENDOR_ONLY, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/products/new", {**VENDOR_ONLY, "vendor": 200, "other_vendor": 200}),
    ("POST", "/vendor/products/new", {**VENDOR_ONLY, "vendor": 422, "other_vendor": 422}),
    ("GET", "/vendor/products/{own}", {**VENDOR_ONLY, "vendor": 200, "other_vendor": 404}),
    ("POST", "/vendor/products/{own}", {**VENDOR_ONLY, "vendor": 422, "other_vendor": 404}),
    ("GET", "/vendor/products/{other}", {**VENDOR_ONLY, "vendor": 404, "other_vendor": 200}),
    ("POST", "/vendor/products/{other}", {**VENDOR_ONLY, "vendor": 404, "other_vendor": 422}),
    ("GET", "/vendor/products/{catalog}", {**VENDOR_ONLY, "vendor": 404, "other_vendor": 404}),
    ("GET", "/vendor/products/999999", {**VENDOR_ONLY, "vendor": 404, "other_vendor": 404}),
    ("POST", "/admin/products/approve", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/products/{own}/feature", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/products/999999/feature", {**ADMIN_ONLY, "admin": 404}),
    ("GET", "/admin/products/revisions/{revision}", {**ADMIN_ONLY, "admin": 200}),
    ("GET", "/admin/products/revisions/999999", {**ADMIN_ONLY, "admin": 404}),
    ("POST", "/admin/products/revisions/{revision}/reject", {**ADMIN_ONLY, "admin": 303}),
    ("POST", "/admin/products/revisions/999999/approve", {**ADMIN_ONLY, "admin": 404}),
    ("GET", "/admin/products?status=revisions", {**ADMIN_ONLY, "admin": 200}),
]
FORM_DATA = {"reject": {"reject-reason": "Not this time."}, "feature": {"featured": "1"},
             "approve": {"product_ids": "1"}}
CASES = [(method, path, role, expected[role]) for method, path, expected in ENDPOINTS for role in ROLES
         if role in expected]


@pytest.mark.parametrize("method, path, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, role, _ in CASES])
def test_who_may_open_what(app, client, world, method, path, role, expected):
    if role != "guest":
        sign_in_as(client, world.users[role], second_factor=(role == "admin"))
    url = path.format(own=world.own_product, other=world.other_product, catalog=world.catalog_product,
                      revision=world.revision)
    if method == "GET":
        response = client.get(url)
    else:
        data = {"csrf_token": csrf_token_from(client, "/"), **FORM_DATA.get(url.rsplit("/", 1)[-1], {})}
        response = client.post(url, data=data)
    response.close()
    assert_answer(response, expected)


def test_a_post_without_its_csrf_token_changes_nothing(app, db, client, world):
    sign_in_as(client, world.users["admin"], second_factor=True)
    assert client.post(f"/admin/products/{world.own_product}/feature", data={"featured": "1"}).status_code == 400
    sign_in_as(client, world.users["vendor"])
    assert client.post(f"/vendor/products/{world.own_product}", data={"name_en": "Changed"}).status_code == 400
    with app.app_context():
        product = db.session.get(Product, world.own_product)
        assert (product.name_en, product.is_featured) == ("Own Oud", False)
