"""The account journeys of the issue, in a real browser, with the emails the worker really writes.

register → open the email → verify → sign in → add an address → change language in the profile → sign out;
forgotten password → reset → sign in with the new password. In English and in Arabic.
"""
import email
import email.policy
import re
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from tests.conftest import TEST_INSTANCE
from tests.e2e.conftest import PHONE, assert_accessible
from tests.processes import wait_until

MAIL_DIR = TEST_INSTANCE / "mail"
TEXT = {
    "en": {"register": "Create an account", "create": "Create my account", "sign_in": "Sign in",
           "sign_out": "Sign out", "save_profile": "Save profile", "forgot": "Forgotten your password?",
           "send_reset": "Send me a reset link", "save_password": "Save my new password",
           "addresses": "Addresses", "verified": "your email address is verified"},
    "ar": {"register": "أنشئ حسابًا", "create": "أنشئ حسابي", "sign_in": "تسجيل الدخول",
           "sign_out": "تسجيل الخروج", "save_profile": "حفظ الملف الشخصي", "forgot": "نسيت كلمة المرور؟",
           "send_reset": "أرسل لي رابط إعادة التعيين", "save_password": "احفظ كلمة المرور الجديدة",
           "addresses": "العناوين", "verified": "تم تأكيد بريدك الإلكتروني"},
}


def newest_email_to(address: str, kind: str) -> email.message.EmailMessage:
    """Wait for the worker to write the message, then read it as a mail client would."""
    def find():
        for path in sorted(MAIL_DIR.glob(f"*{kind}*.eml"), reverse=True) if MAIL_DIR.exists() else []:
            message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
            if address in message["To"]:
                return message
        return None

    return wait_until(find, timeout=30, what=f"{kind} email to {address}")


def first_link(message, live_server) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    url = re.search(r"https?://\S+", body).group(0)
    return urlsplit(url).path


@pytest.mark.parametrize("language", ["en", "ar"])
def test_register_verify_address_language_sign_out(open_page, worker, live_server, language):
    text = TEXT[language]
    address = f"journey.{language}@example.com"
    page = open_page(language, PHONE)
    page.goto("/")
    page.get_by_role("link", name=text["sign_in"]).click()
    page.get_by_role("link", name=re.compile(text["register"])).click()
    assert_accessible(page)
    page.locator("#full_name").fill("Hessa Al Marri")
    page.locator("#email").fill(address)
    page.locator("#mobile").fill("055 765 4321")
    page.locator("#password").fill("evening oud and rose")
    page.get_by_role("button", name=text["create"]).click()
    expect(page.locator(".account-menu summary")).to_contain_text("Hessa")

    verification = newest_email_to(address, "verify_email")
    page.goto(first_link(verification, live_server))
    expect(page.locator(".flash")).to_contain_text(text["verified"])

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name=text["sign_out"]).click()
    page.get_by_role("link", name=text["sign_in"]).click()
    page.locator("#email").fill(address)
    page.locator("#password").fill("evening oud and rose")
    page.get_by_role("button", name=text["sign_in"]).click()

    page.goto("/account/addresses/new")
    page.locator("#label").fill("Home" if language == "en" else "المنزل")
    page.locator("#recipient_name").fill("Hessa Al Marri")
    page.locator("#mobile").fill("055 765 4321")
    page.locator("#region").select_option("dubai") if page.locator("select#region").count() else page.locator("#region").fill("dubai")
    page.locator("#area").fill("Al Barsha")
    page.locator("#street").fill("Street 12")
    page.locator("#building").fill("Villa 7")
    page.locator("form button[type=submit]").last.click()
    expect(page.get_by_text("Al Barsha")).to_be_visible()

    other = "ar" if language == "en" else "en"
    page.goto("/account")
    page.locator(f"input[name=preferred_language][value={other}]").check()
    page.get_by_role("button", name=text["save_profile"]).click()
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert_accessible(page)

    page.locator(".account-menu summary").click()
    page.get_by_role("button", name=TEXT[other]["sign_out"]).click()
    expect(page.get_by_role("link", name=TEXT[other]["sign_in"])).to_be_visible()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_forgotten_password_reset_and_sign_in(open_page, worker, live_server, app, committed_db, language):
    from app.accounts.services import create_user

    text = TEXT[language]
    address = f"forgetful.{language}@example.com"
    with app.app_context():
        create_user(address, "Reem Forgetful", "my first long password", preferred_language=language)
        committed_db.session.commit()
    page = open_page(language, PHONE)
    page.goto("/sign-in")
    page.get_by_role("link", name=text["forgot"]).click()
    page.locator("#email").fill(address)
    page.get_by_role("button", name=text["send_reset"]).click()
    assert_accessible(page)

    reset = newest_email_to(address, "password_reset")
    assert f'lang="{language}"' in reset.get_body(preferencelist=("html",)).get_content()
    page.goto(first_link(reset, live_server))
    page.locator("#password").fill("my second long password")
    page.get_by_role("button", name=text["save_password"]).click()
    page.locator("#email").fill(address)
    page.locator("#password").fill("my second long password")
    page.get_by_role("button", name=text["sign_in"]).click()
    expect(page.locator(".account-menu summary")).to_contain_text("Reem")
