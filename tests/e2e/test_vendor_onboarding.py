"""E2E: a customer applies to sell with a document, an admin (password and TOTP) approves the shop, and
the new vendor signs in again and sees the vendor portal — on a phone in Arabic and on a desktop in English."""
import io

import pyotp
import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import (ADMIN_EMAIL, ADMIN_PASSWORD, DESKTOP, PHONE, assert_accessible,
                                has_no_horizontal_scroll)

TEXT = {
    "ar": {"pending": "قيد المراجعة", "approved": "تمت الموافقة على المتجر", "portal": "بوابة البائع"},
    "en": {"pending": "Waiting for review", "approved": "The shop is approved", "portal": "Vendor portal"},
}


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 80), "white").save(buffer, "PNG")
    return buffer.getvalue()


def submit(page) -> None:
    page.locator("main form button[type=submit]").first.click()


def sign_in(page, email: str, password: str, totp_secret: str | None = None) -> None:
    page.goto("/sign-in")
    page.locator("#email").fill(email)
    page.locator("#password").fill(password)
    submit(page)
    if totp_secret:
        page.locator("#code").fill(pyotp.TOTP(totp_secret).now())
        submit(page)
    page.wait_for_load_state()



@pytest.mark.parametrize("language, viewport", [("ar", PHONE), ("en", DESKTOP)])
def test_a_customer_applies_an_admin_approves_and_the_vendor_opens_the_portal(
        signed_in_page, open_page, admin_secret, worker, language, viewport):
    text = TEXT[language]
    page, applicant = signed_in_page("customer", language, viewport)
    page.goto("/vendor/apply")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    page.locator("#name_en").fill("Layla's Oud House")
    page.locator("#name_ar").fill("بيت ليلى للعود")
    page.locator("#emirate").select_option("sharjah")
    page.locator("#trade_licence_number").fill("DED-123456")
    page.locator("#trade_licence_expires_on").fill("2031-06-30")
    page.locator("#trn").fill("100123456700003")
    page.locator("#contact_name").fill("Layla Haddad")
    page.locator("#contact_mobile").fill("050 123 4567")
    page.locator("#iban").fill("AE07 0331 2345 6789 0123 456")
    page.locator("#documents").set_input_files(
        [{"name": "licence.png", "mimeType": "image/png", "buffer": png_bytes()}])
    submit(page)
    expect(page.locator(".status-badge")).to_have_text(text["pending"])
    expect(page.locator(".document-list")).to_contain_text("licence.png")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    admin_page = open_page(language, viewport)
    sign_in(admin_page, ADMIN_EMAIL, ADMIN_PASSWORD, admin_secret)
    admin_page.goto("/admin/vendors?status=pending")
    assert has_no_horizontal_scroll(admin_page)
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name="بيت ليلى للعود" if language == "ar" else "Layla's Oud House").click()
    expect(admin_page.locator(".document-list")).to_contain_text("licence.png")
    assert has_no_horizontal_scroll(admin_page)
    assert_accessible(admin_page)
    admin_page.locator("form[action$='/approve'] button").click()
    expect(admin_page.locator(".flash--success")).to_contain_text(text["approved"])

    # The approval changed the account's roles, which ended its sessions: the vendor signs in again.
    page.goto("/vendor")
    assert "/sign-in" in page.url
    sign_in(page, applicant.email, "e2e password 123")
    page.goto("/vendor")
    expect(page.locator(".backoffice__area")).to_have_text(text["portal"])
    expect(page.locator("h1")).to_contain_text("بيت ليلى للعود" if language == "ar" else "Layla's Oud House")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
