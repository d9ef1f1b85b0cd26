"""E2E: a vendor lists a new perfume with a photo through the portal's form (notes typed in either script), an
admin (password and TOTP) approves it from the queue, and shoppers find it in the store's search with its
filters and its photo — on a phone in Arabic and on a desktop in English, axe on every page."""
import io
from datetime import datetime, timezone

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.e2e.conftest import (ADMIN_EMAIL, ADMIN_PASSWORD, DESKTOP, PHONE, assert_accessible,
                                has_no_horizontal_scroll)
from tests.e2e.test_vendor_onboarding import sign_in, submit
from tests.processes import wait_until

TEXT = {
    "ar": {"waiting": "بانتظار الموافقة", "approved": "تمت الموافقة على المنتج"},
    "en": {"waiting": "Waiting for approval", "approved": "The product is approved"},
}


def photo_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (900, 1200), "#7a3b2e").save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def selling_vendor(app, committed_db, signed_in_page, language, viewport):
    """A vendor's page, signed in, running an approved shop; the catalog's houses, notes and accords."""
    from app.catalog.models import Accord, Brand, Category, Note
    from app.orders.demo import load_delivery_zones
    from app.vendors.models import Vendor

    page, owner = signed_in_page("vendor", language, viewport)
    with app.app_context():
        session = committed_db.session
        session.add_all([
            Vendor(slug="layla-oud", name_en="Layla's Oud House", name_ar="بيت ليلى للعود", status="approved",
                   owner_id=owner.id, approved_at=datetime.now(timezone.utc)),
            Brand(slug="ajmal", name_en="Ajmal", name_ar="أجمل", style="arabian", country="AE"),
            Category(slug="perfume", name_en="Perfume", name_ar="عطور"),
            Note(slug="saffron", name_en="Saffron", name_ar="زعفران", family="spicy"),
            Note(slug="oud", name_en="Oud", name_ar="عود", family="oud"),
            Accord(slug="woody", name_en="Woody", name_ar="خشبي", colour="#8a5a2b")])
        load_delivery_zones(session)
        session.commit()
    return page



@pytest.mark.parametrize("language, viewport", [("ar", PHONE), ("en", DESKTOP)])
def test_a_vendor_lists_a_perfume_an_admin_approves_it_and_shoppers_find_it(
        selling_vendor, open_page, admin_secret, worker, language, viewport):
    text, page = TEXT[language], selling_vendor
    page.goto("/vendor/products/new")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    page.locator("#name_en").fill("Saffron Dunes")
    page.locator("#name_ar").fill("كثبان الزعفران")
    page.locator("#description_en").fill("Saffron and oud over warm sand.")
    page.locator("#family").select_option("oud")
    page.locator("#launch_year").fill("٢٠٢٥" if language == "ar" else "2025")
    page.locator("#top-0").fill("زعفران" if language == "ar" else "Saffron")
    page.locator("#base-0").fill("Oud · عود")
    page.locator("#accords-0-accord").select_option("woody")
    page.locator("#accords-0-strength").fill("85")
    page.locator("#variants-0-size_ml").fill("100")
    page.locator("#variants-0-price").fill("")  # left empty first: the form says so and keeps the rest
    page.locator("#variants-0-stock").fill("6")
    page.locator("#variants-0-sku").fill("SD-100")
    page.locator("#photos").set_input_files([{"name": "front.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}])
    submit(page)
    expect(page.locator("#variants-0-price")).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#name_ar")).to_have_value("كثبان الزعفران")
    assert_accessible(page)
    expect(page.locator(".listing-form__photo img")).to_have_count(1)  # the photo sent is kept
    page.locator("#variants-0-price").fill("420")
    submit(page)
    expect(page.locator(".listing-row")).to_contain_text(text["waiting"])
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    admin_page = open_page(language, viewport)
    sign_in(admin_page, ADMIN_EMAIL, ADMIN_PASSWORD, admin_secret)
    admin_page.goto("/admin/products")
    assert has_no_horizontal_scroll(admin_page)
    assert_accessible(admin_page)
    admin_page.get_by_role("link", name="كثبان الزعفران" if language == "ar" else "Saffron Dunes").click()
    expect(admin_page.locator(".photo-strip img")).to_have_count(1)
    assert_accessible(admin_page)
    admin_page.locator("form[action$='/approve'] button").click()
    expect(admin_page.locator(".flash--success")).to_contain_text(text["approved"])

    shopper = open_page(language, viewport)
    wait_until(lambda: shopper.goto("/search?q=saffron&family=oud") and
               shopper.locator(".product-card").count() == 1, timeout=30, what="the approved perfume in search")
    card = shopper.locator(".product-card")
    expect(card).to_contain_text("كثبان الزعفران" if language == "ar" else "Saffron Dunes")
    expect(card.locator("picture source[type='image/webp']")).to_have_count(1)
    assert has_no_horizontal_scroll(shopper)
    assert_accessible(shopper)
