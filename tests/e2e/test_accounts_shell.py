"""Signing in and out in a real browser, the signed-in header, and CSRF on htmx requests."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll


@pytest.mark.parametrize("language, sign_in, sign_out", [("en", "Sign in", "Sign out"),
                                                          ("ar", "تسجيل الدخول", "تسجيل الخروج")])
def test_sign_in_with_the_form_and_sign_out(open_page, app, committed_db, language, sign_in, sign_out):
    from app.accounts.services import create_user

    with app.app_context():
        create_user("salma@example.com", "Salma Al Mansoori", "long enough password", roles=("customer",),
                    preferred_language=language)
        committed_db.session.commit()
    page = open_page(language, PHONE)
    page.goto("/products?q=oud")
    page.get_by_role("link", name=sign_in).click()
    page.get_by_role("button", name=sign_in).click()  # empty form: errors inline, on the same page
    expect(page.locator(".field__error").first).to_be_visible()
    assert_accessible(page)
    page.get_by_label(re.compile("Email|البريد الإلكتروني")).fill("salma@example.com")
    page.get_by_label(re.compile("Password|كلمة المرور")).fill("long enough password")
    page.get_by_role("button", name=sign_in).click()
    expect(page).to_have_url(re.compile(r"/products\?q=oud$"))
    expect(page.locator(".account-menu summary")).to_contain_text("Salma")
    page.locator(".account-menu summary").click()
    page.get_by_role("button", name=sign_out).click()
    expect(page.get_by_role("link", name=sign_in)).to_be_visible()


@pytest.mark.parametrize("role", ["customer", "vendor", "admin"])
def test_signed_in_fixture_shows_the_account_in_the_header(signed_in_page, role):
    page, user = signed_in_page(role, "ar", PHONE)
    page.goto("/")
    assert has_no_horizontal_scroll(page)
    # Five header actions beside the wordmark, none on top of another.
    assert not page.evaluate("""() => {
        const brand = document.querySelector('.brand').getBoundingClientRect();
        const actions = document.querySelector('.header-actions').getBoundingClientRect();
        return brand.left < actions.right && actions.left < brand.right;
    }""")
    expect(page.locator(".account-menu summary")).to_contain_text("Noor")
    page.locator(".account-menu summary").click()
    expect(page.locator(".account-menu__email")).to_have_text(user.email)


def test_htmx_requests_carry_the_csrf_token(open_page):
    page = open_page("en")
    page.goto("/")
    page.wait_for_function("() => window.htmx !== undefined")
    status = page.evaluate("""() => new Promise(resolve => {
        document.body.addEventListener('htmx:afterRequest', e => resolve(e.detail.xhr.status), {once: true});
        htmx.ajax('POST', '/language', {values: {lang: 'ar', next: '/'}, target: '#toasts', swap: 'none'});
    })""")
    assert status == 200  # the redirect was followed; without the token Flask-WTF answers 400
    page.reload()
    expect(page.locator("html")).to_have_attribute("dir", "rtl")


def test_htmx_error_responses_become_a_toast(open_page):
    page = open_page("ar")
    page.goto("/")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => htmx.ajax('GET', '/no-such-fragment', {target: '#toasts', swap: 'none'})")
    expect(page.locator(".toast--error")).to_have_text("لم نجد هذه الصفحة")
