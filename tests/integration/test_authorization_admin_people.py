"""Who may open the back office's users and catalog data pages: every role × every endpoint. Guests are sent
to sign in; customers and vendors get 403; admins without the second factor are sent to it; admins get the
page (or the redirect after a change); ids that do not exist are 404 for admins, never a 500."""
from dataclasses import dataclass

import pytest
from sqlalchemy import select

from app.catalog.models import Brand, Category, Note
from tests.backoffice import SIGN_IN, TWO_FACTOR, assert_answer, sign_in_as
from tests.conftest import csrf_token_from

ROLES = ("guest", "customer", "vendor", "courier", "admin_without_second_factor", "admin")
MISSING = 2_000_000_000


@dataclass
class World:
    users: dict
    user: int
    brand: int
    category: int
    note: int


@pytest.fixture
def world(app, db, create_user):
    users = {
        "customer": create_user(email="noor@example.com"),
        "vendor": create_user(email="hessa@example.com", roles=("customer", "vendor")),
        "courier": create_user(email="khalid@example.com", roles=("courier",)),
        "admin_without_second_factor": create_user(email="admin2@example.com", roles=("admin",)),
        "admin": create_user(email="aisha@example.com", roles=("admin",)),
    }
    subject = create_user(email="omar@example.com", full_name="Omar Saleh")
    with app.app_context():
        db.session.add_all([Brand(slug="ajmal", name_en="Ajmal", name_ar="أجمل", style="arabian", country="AE"),
                            Category(slug="perfume", name_en="Perfumes", name_ar="عطور", position=1),
                            Note(slug="oud", name_en="Oud", name_ar="عود", family="oud")])
        db.session.commit()
        ids = [db.session.scalar(select(model.id)) for model in (Brand, Category, Note)]
    return World(users, subject.id, *ids)


ADMIN_ONLY = {"guest": SIGN_IN, "customer": 403, "vendor": 403, "courier": 403,
              "admin_without_second_factor": TWO_FACTOR}
BRAND_FORM = {"name_en": "Ajmal", "name_ar": "أجمل", "slug": "ajmal", "style": "arabian", "country": "AE"}
NEW_BRAND_FORM = {**BRAND_FORM, "name_en": "Rasasi", "name_ar": "الرصاصي", "slug": "rasasi"}
NOTE_FORM = {"name_en": "Oud", "name_ar": "عود", "slug": "oud", "family": "oud"}
NEW_NOTE_FORM = {"name_en": "Saffron", "name_ar": "زعفران", "slug": "saffron", "family": "spicy"}
ENDPOINTS = [
    # method, path, form data, admin's answer; {user}, {brand}, {category}, {note} are ids of real rows
    ("GET", "/admin/users", {}, 200),
    ("GET", "/admin/users.csv", {}, 200),
    ("GET", "/admin/users/{user}", {}, 200),
    ("POST", "/admin/users/{user}/roles", {"roles": ["customer", "courier"]}, 303),
    ("POST", "/admin/users/{user}/deactivate", {}, 303),
    ("POST", "/admin/users/{user}/reactivate", {}, 303),
    ("POST", "/admin/users/{user}/verification", {}, 303),
    ("POST", "/admin/users/bulk", {"action": "deactivate", "users": "{user}"}, 303),
    ("GET", "/admin/brands", {}, 200),
    ("GET", "/admin/brands.csv", {}, 200),
    ("GET", "/admin/brands/new", {}, 200),
    ("POST", "/admin/brands/new", NEW_BRAND_FORM, 303),
    ("GET", "/admin/brands/{brand}", {}, 200),
    ("POST", "/admin/brands/{brand}", BRAND_FORM, 303),
    ("GET", "/admin/categories", {}, 200),
    ("GET", "/admin/categories.csv", {}, 200),
    ("GET", "/admin/categories/{category}", {}, 200),
    ("POST", "/admin/categories/{category}", {"name_en": "Perfumes", "name_ar": "عطور", "position": "1"}, 303),
    ("GET", "/admin/notes", {}, 200),
    ("GET", "/admin/notes.csv", {}, 200),
    ("GET", "/admin/notes/new", {}, 200),
    ("POST", "/admin/notes/new", NEW_NOTE_FORM, 303),
    ("GET", "/admin/notes/{note}", {}, 200),
    ("POST", "/admin/notes/{note}", NOTE_FORM, 303),
]
CASES = [(method, path, data, role, ADMIN_ONLY.get(role, admin_answer))
         for method, path, data, admin_answer in ENDPOINTS for role in ROLES]


def request(client, world, method, path, data, **ids):
    values = {"user": world.user, "brand": world.brand, "category": world.category, "note": world.note, **ids}
    url = path.format(**values)
    if method == "GET":
        return client.get(url)
    form = {key: value.format(**values) if isinstance(value, str) else value for key, value in data.items()}
    return client.post(url, data={"csrf_token": csrf_token_from(client, "/"), **form})


@pytest.mark.parametrize("method, path, data, role, expected", CASES,
                         ids=[f"{role}-{method}-{path}" for method, path, _, role, _ in CASES])
def test_who_may_open_what(client, world, method, path, data, role, expected):
    if role != "guest":
        sign_in_as(client, world.users[role], second_factor=(role == "admin"))
    response = request(client, world, method, path, data)
    response.close()
    assert_answer(response, expected)


WITH_IDS = [(method, path, data) for method, path, data, _ in ENDPOINTS if "{" in path]


@pytest.mark.parametrize("method, path, data", WITH_IDS, ids=[f"{method}-{path}" for method, path, _ in WITH_IDS])
def test_ids_that_do_not_exist_are_404_for_admins(client, world, method, path, data):
    sign_in_as(client, world.users["admin"], second_factor=True)
    response = request(client, world, method, path, data, user=MISSING, brand=MISSING, category=MISSING,
                       note=MISSING)
    assert response.status_code == 404


def test_bulk_changes_with_ids_that_do_not_exist_change_nothing(client, world):
    sign_in_as(client, world.users["admin"], second_factor=True)
    response = request(client, world, "POST", "/admin/users/bulk", {"action": "deactivate",
                                                                   "users": [str(MISSING), "-1"]})
    assert response.status_code == 303


def test_changes_without_the_csrf_token_are_refused(client, world):
    sign_in_as(client, world.users["admin"], second_factor=True)
    for path in (f"/admin/users/{world.user}/deactivate", f"/admin/brands/{world.brand}", "/admin/users/bulk"):
        assert client.post(path, data={"action": "deactivate", "users": str(world.user)}).status_code in (400, 422)
