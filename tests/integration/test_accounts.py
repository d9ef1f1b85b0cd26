"""Accounts through the browser's eyes: registration, verification, sign-in, reset, profile, deletion."""
import re
import time
from datetime import datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import itsdangerous.timed
import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.notifications.models import Notification
from tests.conftest import csrf_token_from

PASSWORD = "amber and oud at dusk"


def outbox(app, db, kind=None, channel="email"):
    with app.app_context():
        query = select(Notification).where(Notification.channel == channel).order_by(Notification.id)
        if kind:
            query = query.where(Notification.kind == kind)
        return [(row.recipient, row.payload, row.language) for row in db.session.scalars(query)]


def link_path(url: str) -> str:
    return urlsplit(url).path


def account(app, db, email):
    with app.app_context():
        return db.session.scalar(select(User).where(User.email == email))


def register(client, **overrides):
    data = {"full_name": "Mariam Al Suwaidi", "email": "mariam@example.com", "mobile": "050 123 4567",
            "password": PASSWORD, "preferred_language": "en", "csrf_token": csrf_token_from(client, "/register")}
    data.update(overrides)
    return client.post("/register", data=data)


def sign_in(client, email, password=PASSWORD, **extra):
    data = {"email": email, "password": password, "csrf_token": csrf_token_from(client, "/sign-in"), **extra}
    return client.post("/sign-in", data=data)


# ---- Registration and verification ----

def test_registration_signs_in_and_sends_a_verification_link(app, db, client):
    response = register(client)
    assert response.status_code == 303
    user = account(app, db, "mariam@example.com")
    assert user.mobile == "+971501234567" and not user.is_email_verified and user.roles == ["customer"]
    assert user.marketing_opt_in is False and user.password_hash.startswith("$argon2id$")
    ((recipient, payload, language),) = outbox(app, db, "verify_email")
    assert recipient == "mariam@example.com" and language == "en"
    assert "Mariam" in client.get("/").get_data(as_text=True)

    assert client.get(link_path(payload["verify_url"])).status_code == 303
    assert account(app, db, "mariam@example.com").is_email_verified
    assert outbox(app, db, "welcome")  # welcomed once verified


def test_the_marketing_box_starts_unticked(client):
    page = client.get("/register").get_data(as_text=True)
    box = re.search(r'<input[^>]*name="marketing_opt_in"[^>]*>', page).group(0)
    assert "checked" not in box


@pytest.mark.parametrize("field, value, message", [
    ("password", "short1", "Use at least 10 characters."),
    ("password", "password123", "This password is too common"),
    ("password", "mariam@example.com", "Do not use your email address"),
    ("mobile", "+44 7700 900123", "Enter a UAE or GCC mobile number"),
    ("email", "not-an-email", "Enter a valid email address."),
    ("full_name", "", "Enter your name."),
])
def test_registration_refuses_bad_input_and_keeps_what_was_typed(app, db, client, field, value, message):
    response = register(client, **{field: value})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and message in page
    assert 'value="Mariam Al Suwaidi"' in page or field == "full_name"
    assert account(app, db, "mariam@example.com") is None


def test_registration_errors_in_arabic(client):
    response = client.post("/register", headers={"Accept-Language": "ar"},
                           data={"csrf_token": csrf_token_from(client, "/register"), "password": "short"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and 'dir="rtl"' in page
    assert "أدخل اسمك" in page and "استخدم 10 أحرف على الأقل" in page


def test_an_email_cannot_register_twice(app, db, client, customer):
    response = register(client, email="LAYLA@example.com ")
    assert response.status_code == 422
    assert "An account with this email already exists" in response.get_data(as_text=True)


def test_a_tampered_or_expired_verification_link_is_refused(app, db, client, monkeypatch):
    register(client)
    ((_, payload, _),) = outbox(app, db, "verify_email")
    assert client.get(link_path(payload["verify_url"]) + "x").status_code == 400
    later = time.time() + 4 * 24 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    response = client.get(link_path(payload["verify_url"]))
    assert response.status_code == 400 and "The link has expired" in response.get_data(as_text=True)
    assert not account(app, db, "mariam@example.com").is_email_verified


# ---- Sign-in, remember me, sign-out everywhere ----

def test_remember_me_lasts_30_days_for_customers(client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    response = sign_in(client, "nadia@example.com", remember_me="y")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("remember_token="))
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    lifetime = expires - datetime.now(timezone.utc)
    assert timedelta(days=29) < lifetime <= timedelta(days=30) and "HttpOnly" in cookie


def test_remember_me_is_not_given_to_vendors(client, create_user):
    create_user(email="seller@example.com", password=PASSWORD, roles=("vendor",))
    response = sign_in(client, "seller@example.com", remember_me="y")
    assert response.status_code == 303
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


def test_session_cookie_is_httponly_and_lax(client, customer):
    response = sign_in(client, "layla@example.com", "correct horse battery")
    cookie = next(c for c in response.headers.getlist("Set-Cookie") if c.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_a_session_cookie_replayed_after_sign_out_opens_nothing(app, client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com", remember_me="y")
    copied = {cookie.key: cookie.value for cookie in client._cookies.values()}
    assert client.get("/account").status_code == 200
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})

    thief = app.test_client()
    for name, value in copied.items():
        thief.set_cookie(name, value)
    response = thief.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    thief.delete_cookie("session")  # the remember cookie alone must not sign in either
    response = thief.get("/account")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_pages_for_signed_in_people_send_others_to_sign_in_with_next(client):
    response = client.get("/account")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/sign-in?next=/account")


# ---- Password reset ----

def test_reset_answer_is_the_same_for_known_and_unknown_addresses(app, db, client, customer):
    token = csrf_token_from(client, "/forgot-password")
    known = client.post("/forgot-password", data={"email": "layla@example.com", "csrf_token": token})
    unknown = client.post("/forgot-password", data={"email": "ghost@example.com", "csrf_token": token})
    # A CSRF token carries the second it was signed in, so two answers a second apart differ there only.
    strip = lambda page: re.sub(  # noqa: E731
        r"(layla|ghost)@example\.com|csrf-token\" content=\"[^\"]+\"|name=\"csrf_token\"[^>]*value=\"[^\"]+\"", "", page)
    assert known.status_code == unknown.status_code == 200
    assert strip(known.get_data(as_text=True)) == strip(unknown.get_data(as_text=True))
    assert [recipient for recipient, _, _ in outbox(app, db, "password_reset")] == ["layla@example.com"]


def test_a_reset_link_works_once_and_ends_every_session(app, db, client, customer):
    other_device = app.test_client()
    sign_in(other_device, "layla@example.com", "correct horse battery")
    client.post("/forgot-password", data={"email": "layla@example.com",
                                          "csrf_token": csrf_token_from(client, "/forgot-password")})
    ((_, payload, _),) = outbox(app, db, "password_reset")
    path = link_path(payload["reset_url"])
    form_token = csrf_token_from(client, path)
    response = client.post(path, data={"password": "a brand new passphrase", "csrf_token": form_token})
    assert response.status_code == 303

    assert other_device.get("/account").status_code == 302  # signed out there
    assert client.get(path).status_code == 400  # used once
    assert sign_in(client, "layla@example.com", "correct horse battery").status_code == 422
    assert sign_in(client, "layla@example.com", "a brand new passphrase").status_code == 303
    assert outbox(app, db, "password_changed")


def test_an_expired_reset_link_is_refused(app, db, client, customer, monkeypatch):
    client.post("/forgot-password", data={"email": "layla@example.com",
                                          "csrf_token": csrf_token_from(client, "/forgot-password")})
    ((_, payload, _),) = outbox(app, db, "password_reset")
    later = time.time() + 2 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: later)
    response = client.get(link_path(payload["reset_url"]))
    assert response.status_code == 400 and "expired" in response.get_data(as_text=True)


# ---- Profile, password, email, deletion ----

def test_changing_the_password_signs_out_other_devices_only(app, client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    other_device = app.test_client()
    sign_in(other_device, "nadia@example.com")
    sign_in(client, "nadia@example.com")
    response = client.post("/account/password", data={"current_password": PASSWORD, "new_password": "saffron rose 2026",
                                                       "csrf_token": csrf_token_from(client, "/account")})
    assert response.status_code == 303
    assert client.get("/account").status_code == 200
    assert other_device.get("/account").status_code == 302


def test_changing_the_password_needs_the_current_one(client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    response = client.post("/account/password", data={"current_password": "wrong password!",
                                                       "new_password": "saffron rose 2026",
                                                       "csrf_token": csrf_token_from(client, "/account")})
    assert response.status_code == 422 and "That is not your current password." in response.get_data(as_text=True)


def test_changing_email_waits_for_the_new_address_and_warns_the_old(app, db, client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    response = client.post("/account/email", data={"new_email": "nadia@new.example", "password": PASSWORD,
                                                    "csrf_token": csrf_token_from(client, "/account")})
    assert response.status_code == 303
    assert account(app, db, "nadia@example.com").pending_email == "nadia@new.example"
    ((recipient, payload, _),) = outbox(app, db, "verify_email")
    assert recipient == "nadia@new.example"
    assert client.get(link_path(payload["verify_url"])).status_code == 303
    assert account(app, db, "nadia@new.example") is not None
    assert [r for r, _, _ in outbox(app, db, "email_changed")] == ["nadia@example.com"]


def test_changing_email_to_a_taken_address_reveals_nothing(app, db, client, create_user, customer):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    response = client.post("/account/email", data={"new_email": "layla@example.com", "password": PASSWORD,
                                                    "csrf_token": csrf_token_from(client, "/account")})
    assert response.status_code == 303  # the same answer as for a free address
    assert outbox(app, db, "verify_email") == []  # and nothing is sent to the other account
    assert account(app, db, "nadia@example.com") is not None


def test_the_password_changed_message_carries_no_working_reset_link(app, db, client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    client.post("/account/password", data={"current_password": PASSWORD, "new_password": "saffron rose 2026",
                                           "csrf_token": csrf_token_from(client, "/account")})
    ((_, payload, _),) = outbox(app, db, "password_changed")
    assert link_path(payload["reset_url"]) == "/forgot-password"


@pytest.mark.parametrize("path, data", [
    ("/register", {"full_name": "Eve\x00\r\nBcc: x@evil.example", "email": "eve@example.com",
                   "password": PASSWORD, "preferred_language": "en"}),
])
def test_control_characters_are_dropped_from_names(app, db, client, path, data):
    response = client.post(path, data={**data, "csrf_token": csrf_token_from(client, path)})
    assert response.status_code == 303
    assert account(app, db, "eve@example.com").full_name == "EveBcc: x@evil.example"


@pytest.mark.parametrize("path", ["/sign-in", "/forgot-password", "/register"])
def test_a_json_body_is_not_a_form(client, path):
    token = csrf_token_from(client, path)
    response = client.post(path, json={"email": 5, "password": 12345678901, "full_name": ["x"]},
                           headers={"X-CSRFToken": token})
    assert response.status_code in (200, 422)  # the empty form again, never a 500


def test_sign_in_is_limited_per_account_whatever_the_address(client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    token = csrf_token_from(client, "/sign-in")
    statuses = [
        client.post("/sign-in", data={"email": "nadia@example.com", "password": "wrong guess!!", "csrf_token": token},
                    environ_base={"REMOTE_ADDR": f"10.0.{attempt}.1"}).status_code
        for attempt in range(21)
    ]
    assert statuses[:20] == [422] * 20 and statuses[20] == 429


def test_saving_the_profile_switches_the_language(app, db, client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    response = client.post("/account", data={
        "full_name": "Nadia Khalil", "mobile": "+966 50 123 4567", "preferred_language": "ar",
        "date_of_birth": "1994-03-21", "notify_orders_by_email": "y", "csrf_token": csrf_token_from(client, "/account"),
    })
    assert response.status_code == 303
    user = account(app, db, "nadia@example.com")
    assert (user.full_name, user.mobile, user.preferred_language) == ("Nadia Khalil", "+966501234567", "ar")
    assert user.notify_orders_by_sms is False and user.notify_orders_by_email is True
    assert 'lang="ar" dir="rtl"' in client.get("/account").get_data(as_text=True)


def test_a_date_of_birth_in_the_future_is_refused(client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    response = client.post("/account", data={"full_name": "Nadia", "preferred_language": "en",
                                               "date_of_birth": "2999-01-01",
                                               "csrf_token": csrf_token_from(client, "/account")})
    assert response.status_code == 422 and "Enter a date of birth in the past." in response.get_data(as_text=True)


def test_deleting_the_account_anonymises_it(app, db, client, create_user):
    user = create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    token = csrf_token_from(client, "/account/delete")
    refused = client.post("/account/delete", data={"password": PASSWORD, "csrf_token": token})
    assert refused.status_code == 422 and "Tick the box to confirm." in refused.get_data(as_text=True)
    response = client.post("/account/delete", data={"password": PASSWORD, "confirm": "y", "csrf_token": token})
    assert response.status_code == 303
    with app.app_context():
        deleted = db.session.get(User, user.id)
        assert deleted.email == f"deleted-{user.id}@deleted.invalid" and deleted.mobile is None
        assert deleted.deleted_at is not None and not deleted.is_active
    assert client.get("/account").status_code == 302
    assert sign_in(client, "nadia@example.com").status_code == 422


def test_an_htmx_request_without_a_session_redirects_the_whole_page(client):
    response = client.get("/account", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"] == "/sign-in?next=/account"


def test_the_profile_language_stays_after_signing_out(client, create_user):
    create_user(email="nadia@example.com", password=PASSWORD)
    sign_in(client, "nadia@example.com")
    client.post("/account", data={"full_name": "Nadia", "preferred_language": "ar",
                                  "csrf_token": csrf_token_from(client, "/account")})
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    assert 'lang="ar" dir="rtl"' in client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
