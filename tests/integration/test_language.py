"""The page's language: cookie, then account preference, then Accept-Language; English by default."""
import pytest

from app.accounts.models import User
from tests.conftest import csrf_token_from


def html_tag(response) -> str:
    page = response.get_data(as_text=True)
    return page[page.index("<html"):page.index(">", page.index("<html")) + 1]


def test_english_by_default(client):
    assert '<html lang="en" dir="ltr"' in html_tag(client.get("/"))


def test_arabic_from_accept_language(client):
    response = client.get("/", headers={"Accept-Language": "ar-AE,ar;q=0.9,en;q=0.5"})
    assert '<html lang="ar" dir="rtl"' in html_tag(response)
    assert "ابحث عن العطور" in response.get_data(as_text=True)
    assert {"Accept-Language", "Cookie"} <= set(response.vary)  # caches keep the languages apart


def test_the_cookie_beats_accept_language(client):
    client.set_cookie("lang", "en")
    assert 'lang="en" dir="ltr"' in html_tag(client.get("/", headers={"Accept-Language": "ar"}))


def test_the_account_preference_beats_accept_language(client, create_user):
    user = create_user(preferred_language="ar")
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    assert 'lang="ar" dir="rtl"' in html_tag(client.get("/", headers={"Accept-Language": "en"}))


def test_switching_language_keeps_you_on_the_same_page(client):
    token = csrf_token_from(client)
    response = client.post("/language", data={"lang": "ar", "next": "/products?q=oud", "csrf_token": token})
    assert response.status_code == 303
    assert response.headers["Location"] == "/products?q=oud"
    assert 'lang="ar" dir="rtl"' in html_tag(client.get("/products?q=oud"))


def test_switching_language_remembers_it_on_the_account(app, client, create_user, db):
    user = create_user()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
    client.post("/language", data={"lang": "ar", "next": "/", "csrf_token": csrf_token_from(client)})
    with app.app_context():
        assert db.session.get(User, user.id).preferred_language == "ar"


@pytest.mark.parametrize("target", ["//evil.com", "https://evil.com", "/\\evil.com", "/%09/evil.com", "javascript:alert(1)"])
def test_switching_language_never_leaves_the_site(client, target):
    response = client.post("/language", data={"lang": "ar", "next": target, "csrf_token": csrf_token_from(client)})
    assert response.headers["Location"] == "/"


def test_switching_language_needs_the_csrf_token(client):
    response = client.post("/language", data={"lang": "ar", "next": "/"})
    assert response.status_code == 400
    assert "lang" not in response.headers.get("Set-Cookie", "")


def test_an_unknown_language_changes_nothing(client):
    response = client.post("/language", data={"lang": "fr", "next": "/", "csrf_token": csrf_token_from(client)})
    assert response.status_code == 303
    assert "lang=" not in response.headers.get("Set-Cookie", "")


def test_templates_follow_a_locale_forced_in_the_middle_of_a_request(app):
    """Templates keep the request's translations and number texts per locale: an email written in the
    customer's language during an English request is Arabic, and the page after it is English again."""
    from flask import render_template_string
    from flask_babel import force_locale

    words = '{{ _("Dashboard") }} {{ 1234.5|currencyformat("AED") }} {{ 0.42|percentformat }}'
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        before = render_template_string(words)
        with force_locale("ar"):
            arabic = render_template_string(words)
        after = render_template_string(words)
    assert before == after == "Dashboard AED\u00a01,234.50 42%"
    assert "لوحة" in arabic and "د.إ." in arabic and "AED" not in arabic
