"""Admins sign in with a second factor (TOTP, or a one-time recovery code); roles guard pages."""
import re

import pyotp
import pytest
from flask import Blueprint

from app.accounts.access import role_required
from tests.conftest import csrf_token_from

PASSWORD = "the admin's long passphrase"


@pytest.fixture
def admin(app, db, create_user):
    from datetime import datetime, timezone

    from app.accounts.models import User

    user = create_user(email="aisha@example.com", password=PASSWORD, roles=("admin",))
    secret = pyotp.random_base32()
    with app.app_context():
        stored = db.session.get(User, user.id)
        stored.totp_secret, stored.totp_enabled_at = secret, datetime.now(timezone.utc)
        db.session.commit()
    return secret


def sign_in(client, email, password=PASSWORD, next_path=""):
    return client.post("/sign-in", data={"email": email, "password": password, "next": next_path,
                                         "csrf_token": csrf_token_from(client, "/sign-in")})


def second_factor(client, code):
    return client.post("/sign-in/second-factor", data={
        "code": code, "csrf_token": csrf_token_from(client, "/sign-in/second-factor")})


def test_an_admin_needs_the_code_after_the_password(client, admin):
    response = sign_in(client, "aisha@example.com", next_path="/account")
    assert response.status_code == 303 and response.headers["Location"] == "/sign-in/second-factor"
    assert client.get("/account").status_code == 302  # not signed in yet
    assert second_factor(client, "000000").status_code == 422
    response = second_factor(client, pyotp.TOTP(admin).now())
    assert response.status_code == 303 and response.headers["Location"] == "/account"
    assert client.get("/account").status_code == 200


def test_a_recovery_code_works_once(app, db, client, admin):
    from app.accounts.models import User
    from app.accounts.services import new_recovery_codes

    with app.app_context():
        user = db.session.query(User).filter_by(email="aisha@example.com").one()
        codes = new_recovery_codes(user)
        db.session.commit()
    sign_in(client, "aisha@example.com")
    assert second_factor(client, codes[0]).status_code == 303
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    sign_in(client, "aisha@example.com")
    assert second_factor(client, codes[0]).status_code == 422
    assert second_factor(client, codes[1]).status_code == 303


def test_an_admin_without_an_app_sets_one_up_and_gets_recovery_codes(client, create_user):
    create_user(email="new.admin@example.com", password=PASSWORD, roles=("admin",))
    response = sign_in(client, "new.admin@example.com")
    assert response.headers["Location"] == "/sign-in/second-factor/setup"
    page = client.get("/sign-in/second-factor/setup").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    secret = re.search(r'<code class="qr__secret" dir="ltr">([A-Z2-7]+)</code>', page).group(1)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    response = client.post("/sign-in/second-factor/setup", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    assert response.status_code == 200
    assert len(re.findall(r"<li><code>[0-9a-f]{6}-[0-9a-f]{6}</code></li>", response.get_data(as_text=True))) == 10
    assert client.get("/account").status_code == 200


def test_remember_me_is_not_given_to_admins(client, admin):
    client.post("/sign-in", data={"email": "aisha@example.com", "password": PASSWORD, "remember_me": "y",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    response = second_factor(client, pyotp.TOTP(admin).now())
    assert not any(c.startswith("remember_token=") for c in response.headers.getlist("Set-Cookie"))


@pytest.fixture
def guarded_app(make_app, committed_db, redis_client):
    app = make_app()
    guarded = Blueprint("guarded", __name__)

    @guarded.get("/back-office")
    @role_required("admin")
    def back_office():
        return "back office"

    app.register_blueprint(guarded)
    return app


def test_role_required(guarded_app, committed_db):
    from app.accounts.services import create_user

    client = guarded_app.test_client()
    anonymous = client.get("/back-office")
    assert anonymous.status_code == 302 and "/sign-in?next=/back-office" in anonymous.headers["Location"]
    with guarded_app.app_context():
        create_user("shopper@example.com", "Shopper", PASSWORD)
        committed_db.session.commit()
    sign_in(client, "shopper@example.com")
    assert client.get("/back-office").status_code == 403


def test_a_code_is_accepted_only_once(client, admin):
    code = pyotp.TOTP(admin).now()
    sign_in(client, "aisha@example.com")
    assert second_factor(client, code).status_code == 303
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    sign_in(client, "aisha@example.com")
    assert second_factor(client, code).status_code == 422


def test_a_customer_made_admin_must_sign_in_again_with_password_and_second_factor(app, db, client, create_user):
    from app.accounts.models import User
    from app.accounts.services import grant_role

    user = create_user(email="rising@example.com", password=PASSWORD)
    client.post("/sign-in", data={"email": "rising@example.com", "password": PASSWORD, "remember_me": "y",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    with app.app_context():
        grant_role(db.session.get(User, user.id), "admin")
        db.session.commit()
    assert client.get("/account").status_code == 302  # the old session and remember cookie have ended


def test_the_app_set_up_page_needs_the_password_first(app, db, client, create_user):
    """A session that did not just give the password (e.g. a remember cookie) cannot enrol an app."""
    create_user(email="new.admin@example.com", password=PASSWORD, roles=("admin",))
    with client.session_transaction() as session:
        from app.accounts.models import User

        with app.app_context():
            user = db.session.query(User).filter_by(email="new.admin@example.com").one()
            session["_user_id"] = user.get_id()
    response = client.get("/sign-in/second-factor")
    assert response.status_code == 302 and response.headers["Location"].startswith("/sign-in")
    assert client.get("/sign-in/second-factor/setup").headers["Location"] == "/sign-in"


def test_the_second_factor_replaces_the_csrf_secret(client, admin):
    token_before = csrf_token_from(client, "/sign-in")
    sign_in(client, "aisha@example.com")
    with client.session_transaction() as stored:
        secret_half_way = stored["csrf_token"]
    second_factor(client, pyotp.TOTP(admin).now())
    with client.session_transaction() as stored:
        assert stored.get("csrf_token") != secret_half_way
    assert client.post("/sign-out", data={"csrf_token": token_before}).status_code == 400
