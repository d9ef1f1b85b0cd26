"""Signing in with a demo-style account (the full accounts issue builds on this)."""
from tests.conftest import csrf_token_from


def sign_in(client, email, password, next_path=""):
    token = csrf_token_from(client, "/sign-in")
    return client.post("/sign-in", data={"email": email, "password": password, "next": next_path, "csrf_token": token})


def test_signing_in_goes_back_to_the_page_you_were_on(client, customer):
    response = sign_in(client, "layla@example.com", "correct horse battery", "/products?q=oud")
    assert response.status_code == 303 and response.headers["Location"] == "/products?q=oud"
    assert "Layla" in client.get("/").get_data(as_text=True)


def test_a_wrong_password_and_an_unknown_email_get_the_same_answer(client, customer):
    wrong = sign_in(client, "layla@example.com", "not her password")
    unknown = sign_in(client, "nobody@example.com", "not her password")
    assert wrong.status_code == unknown.status_code == 422
    message = "That email and password do not match an account."
    assert message in wrong.get_data(as_text=True) and message in unknown.get_data(as_text=True)
    assert 'value="nobody@example.com"' in unknown.get_data(as_text=True)  # what was typed is kept


def test_errors_are_translated(client):
    response = client.post("/sign-in", headers={"Accept-Language": "ar"},
                           data={"email": "", "password": "", "csrf_token": csrf_token_from(client, "/sign-in")})
    assert response.status_code == 422
    assert "أدخل بريدك الإلكتروني" in response.get_data(as_text=True)


def test_signing_in_never_redirects_off_site(client, customer):
    response = sign_in(client, "layla@example.com", "correct horse battery", "//evil.com")
    assert response.headers["Location"] == "/"


def test_signing_out(client, customer):
    sign_in(client, "layla@example.com", "correct horse battery")
    response = client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    assert response.status_code == 303
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_the_welcome_is_said_in_the_language_of_the_account(client, create_user):
    create_user(email="huda@example.com", password="long enough password", preferred_language="ar")
    token = csrf_token_from(client, "/sign-in")
    client.post("/sign-in", headers={"Accept-Language": "en"},
                data={"email": "huda@example.com", "password": "long enough password", "csrf_token": token})
    page = client.get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page and "أهلًا بعودتك" in page


def session_csrf_secret(client) -> str | None:
    with client.session_transaction() as stored:
        return stored.get("csrf_token")


def test_signing_in_and_out_replaces_the_csrf_secret(client, customer):
    token_before = csrf_token_from(client, "/sign-in")
    secret_before = session_csrf_secret(client)
    assert secret_before
    sign_in(client, "layla@example.com", "correct horse battery")
    secret_signed_in = session_csrf_secret(client)
    assert secret_signed_in != secret_before
    refused = client.post("/sign-out", data={"csrf_token": token_before})  # a token learnt before signing in
    assert refused.status_code == 400
    assert "Layla" in client.get("/").get_data(as_text=True)  # still signed in
    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    csrf_token_from(client)
    assert session_csrf_secret(client) not in (None, secret_before, secret_signed_in)


def test_a_token_from_before_signing_in_is_refused_after_it(client, customer):
    old_token = csrf_token_from(client, "/sign-in")
    response = client.post("/sign-in", data={"email": "layla@example.com", "password": "correct horse battery",
                                             "csrf_token": old_token})
    assert response.status_code == 303
    assert client.post("/account/password", data={"csrf_token": old_token}).status_code == 400
