"""Who may open what among the vendor's offers and dashboard: every role × every endpoint × own or another
shop's offer. Guests are sent to sign in; customers and admins get 403 (the portal is for vendors); another
shop's offer is answered as if it did not exist, whether read, opened for editing or posted to."""
import pytest
from sqlalchemy import select

from app.catalog.models import Offer
from tests.backoffice import SIGN_IN, assert_answer, sign_in_as
from tests.conftest import csrf_token_from
from tests.offers import make_world

ROLES = ("guest", "customer", "vendor", "other_vendor", "admin")
VENDORS_ONLY = {"guest": SIGN_IN, "customer": 403, "admin": 403}
ENDPOINTS = [
    # method, path, {role: expected}; {own_offer} is souq-a's (the vendor's), {variant} a size of a catalog perfume
    ("GET", "/vendor", {**VENDORS_ONLY, "customer": 303, "admin": 303, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/offers", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/offers.csv", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/offers/{own_offer}", {**VENDORS_ONLY, "vendor": 303, "other_vendor": 404}),
    ("GET", "/vendor/offers/{own_offer}/edit", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 404}),
    ("POST", "/vendor/offers/{own_offer}", {**VENDORS_ONLY, "vendor": 422, "other_vendor": 404}),
    ("GET", "/vendor/offers/new", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 200}),
    ("GET", "/vendor/offers/new/{variant}", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 200}),
    ("POST", "/vendor/offers/new/{variant}", {**VENDORS_ONLY, "vendor": 422, "other_vendor": 422}),
    ("GET", "/vendor/offers/import", {**VENDORS_ONLY, "vendor": 200, "other_vendor": 200}),
    ("POST", "/vendor/offers/import", {**VENDORS_ONLY, "vendor": 422, "other_vendor": 422}),
    ("POST", "/vendor/offers/import/apply", {**VENDORS_ONLY, "vendor": 422, "other_vendor": 422}),
]
CASES = [(method, path, role, expected[role]) for method, path, expected in ENDPOINTS for role in ROLES]


@pytest.mark.parametrize("method, path, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, role, _ in CASES])
def test_who_may_open_what(app, db, client, redis_client, create_user, method, path, role, expected):
    offer_world = make_world(app, db, create_user, accounts=() if role == "guest" else (role,))
    if role != "guest":
        sign_in_as(client, offer_world.users[role], second_factor=(role == "admin"))
    with app.app_context():
        variant = db.session.scalar(select(Offer.variant_id).where(Offer.id == offer_world.amber_night))
    url = path.format(own_offer=offer_world.royal_oud, variant=variant)
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data={"csrf_token": csrf_token_from(client, "/")})
    response.close()
    assert_answer(response, expected)


def test_a_post_without_its_csrf_token_is_refused(app, db, client, redis_client, create_user):
    offer_world = make_world(app, db, create_user, accounts=("vendor",))
    sign_in_as(client, offer_world.users["vendor"])
    response = client.post(f"/vendor/offers/{offer_world.royal_oud}",
                           data={f"offer-{offer_world.royal_oud}-price": "1", f"offer-{offer_world.royal_oud}-stock": "1",
                                 f"offer-{offer_world.royal_oud}-sku": "RO-100"})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.get(Offer, offer_world.royal_oud).price != 1
