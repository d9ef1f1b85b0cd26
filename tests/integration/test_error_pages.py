"""Bilingual error pages for 400/403/404/405/429/500, and fragments for htmx."""
import pytest
from flask import abort



def test_404_page_in_english(client):
    response = client.get("/no-such-perfume")
    assert response.status_code == 404
    page = response.get_data(as_text=True)
    assert "<html" in page and "We could not find that page" in page


def test_404_page_in_arabic(client):
    response = client.get("/no-such-perfume", headers={"Accept-Language": "ar"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert 'dir="rtl"' in page and "لم نجد هذه الصفحة" in page


def test_htmx_requests_get_only_the_fragment(client):
    response = client.get("/no-such-perfume", headers={"HX-Request": "true"})
    page = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "<html" not in page and 'class="error-panel"' in page
    assert "HX-Request" in response.vary


def test_history_restore_requests_get_the_whole_page(client):
    response = client.get("/no-such-perfume", headers={"HX-Request": "true", "HX-History-Restore-Request": "true"})
    assert "<html" in response.get_data(as_text=True)


def test_405_names_the_allowed_methods(client):
    response = client.get("/language")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "That action is not allowed here" in response.get_data(as_text=True)


def test_a_form_without_csrf_token_gets_a_400_page(client):
    response = client.post("/sign-in", data={"email": "a@b.com", "password": "x"})
    assert response.status_code == 400
    assert "Your session has expired" in response.get_data(as_text=True)


@pytest.fixture
def app_with_failing_pages(make_app, db, redis_client):
    app = make_app(PROPAGATE_EXCEPTIONS=False)

    @app.get("/boom")
    def boom():
        raise RuntimeError("a bug")

    @app.get("/forbidden")
    def forbidden():
        abort(403)

    return app


@pytest.mark.parametrize("language, text", [("en", "Something went wrong on our side"), ("ar", "حدث خطأ من جهتنا")])
def test_500_page_hides_the_bug_and_speaks_the_language(app_with_failing_pages, language, text):
    response = app_with_failing_pages.test_client().get("/boom", headers={"Accept-Language": language})
    page = response.get_data(as_text=True)
    assert response.status_code == 500
    assert text in page and "a bug" not in page and "Traceback" not in page
    assert response.headers["X-Request-ID"]


def test_403_page(app_with_failing_pages):
    response = app_with_failing_pages.test_client().get("/forbidden", headers={"Accept-Language": "ar"})
    assert response.status_code == 403
    assert "هذه الصفحة ليست لحسابك" in response.get_data(as_text=True)


def test_too_many_sign_in_attempts_get_a_429_page(client):
    from tests.conftest import csrf_token_from

    token = csrf_token_from(client, "/sign-in")
    statuses = [
        client.post("/sign-in", data={"email": "nobody@example.com", "password": "wrong", "csrf_token": token}).status_code
        for _ in range(11)
    ]
    assert statuses[:10] == [422] * 10
    assert statuses[10] == 429
    last = client.post("/sign-in", data={"email": "nobody@example.com", "password": "x", "csrf_token": token},
                       headers={"Accept-Language": "ar"})
    assert last.status_code == 429 and "محاولات كثيرة" in last.get_data(as_text=True)
    assert last.headers.get("Retry-After")
