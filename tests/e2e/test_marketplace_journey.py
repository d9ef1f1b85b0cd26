"""E2E, the marketplace end to end in Arabic on a phone: a customer applies to sell, an admin (password and TOTP)
approves the shop, the new vendor lists a perfume with a photo, the admin approves it, a shopper finds it in the
store's search with its filters and buys it with cash on delivery, the vendor sees the sub-order and marks it
shipped with a carrier and tracking number, and the shopper's order shows it shipped. axe on every page."""
import re

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import PHONE, admin_with_authenticator, assert_accessible, has_no_horizontal_scroll
from tests.e2e.test_vendor_listings import photo_bytes
from tests.e2e.test_vendor_onboarding import png_bytes, sign_in, submit
from tests.processes import wait_until

ADMIN = ("aisha.journey@example.com", "admin journey password 123")
SHOPPER = ("sara.journey@example.com", "shopper journey password 123")


@pytest.fixture
def marketplace(app, committed_db):
    """An empty store with its catalog vocabulary (a house, a category, notes, an accord), delivery zones, an
    admin with an authenticator app (its secret is returned) and a shopper's account."""
    from app.accounts.services import create_user
    from app.catalog.models import Accord, Brand, Category, Note
    from app.orders.demo import load_delivery_zones

    with app.app_context():
        session = committed_db.session
        session.add_all([
            Brand(slug="ajmal", name_en="Ajmal", name_ar="أجمل", style="arabian", country="AE"),
            Category(slug="perfume", name_en="Perfume", name_ar="عطور"),
            Note(slug="saffron", name_en="Saffron", name_ar="زعفران", family="spicy"),
            Note(slug="oud", name_en="Oud", name_ar="عود", family="oud"),
            Accord(slug="woody", name_en="Woody", name_ar="خشبي", colour="#8a5a2b")])
        load_delivery_zones(session)
        create_user(SHOPPER[0], "Sara Haddad", SHOPPER[1], roles=("customer",), preferred_language="ar")
        session.commit()
    return admin_with_authenticator(app, committed_db, *ADMIN, language="ar")


def checked(page) -> None:
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)


def apply_to_sell(page) -> None:
    page.goto("/vendor/apply")
    page.locator("#name_en").fill("Layla's Oud House")
    page.locator("#name_ar").fill("بيت ليلى للعود")
    page.locator("#emirate").select_option("sharjah")
    page.locator("#trade_licence_number").fill("DED-123456")
    page.locator("#trade_licence_expires_on").fill("2031-06-30")
    page.locator("#trn").fill("100123456700003")
    page.locator("#contact_name").fill("Layla Haddad")
    page.locator("#contact_mobile").fill("050 123 4567")
    page.locator("#iban").fill("AE07 0331 2345 6789 0123 456")
    page.locator("#documents").set_input_files([{"name": "licence.png", "mimeType": "image/png", "buffer": png_bytes()}])
    submit(page)
    expect(page.locator(".status-badge")).to_have_text("قيد المراجعة")
    checked(page)


def list_a_perfume(page) -> None:
    page.goto("/vendor/products/new")
    checked(page)
    page.locator("#name_en").fill("Saffron Dunes")
    page.locator("#name_ar").fill("كثبان الزعفران")
    page.locator("#description_ar").fill("زعفران وعود فوق رمال دافئة.")
    page.locator("#family").select_option("oud")
    page.locator("#launch_year").fill("٢٠٢٥")
    page.locator("#top-0").fill("زعفران")
    page.locator("#base-0").fill("عود")
    page.locator("#accords-0-accord").select_option("woody")
    page.locator("#accords-0-strength").fill("85")
    page.locator("#variants-0-size_ml").fill("100")
    page.locator("#variants-0-price").fill("420")
    page.locator("#variants-0-stock").fill("6")
    page.locator("#variants-0-sku").fill("SD-100")
    page.locator("#photos").set_input_files([{"name": "front.jpg", "mimeType": "image/jpeg", "buffer": photo_bytes()}])
    submit(page)
    expect(page.locator(".listing-row")).to_contain_text("بانتظار الموافقة")
    checked(page)


def buy_with_cash(page) -> str:
    """Find the perfume by a word and two filters, put it in the bag and pay cash on delivery: the order number."""
    wait_until(lambda: page.goto("/search?q=زعفران&family=oud&gender=unisex") and
               page.locator(".product-card").count() == 1, timeout=30, what="the approved perfume in search")
    card = page.locator(".product-card")
    expect(card).to_contain_text("كثبان الزعفران")
    expect(card.locator("picture source[type='image/webp']")).to_have_count(1)
    checked(page)
    card.locator(".product-card__link").click()
    expect(page.locator("h1")).to_have_text("كثبان الزعفران")
    checked(page)
    page.locator("form.add-to-cart button[type=submit]").click()
    expect(page.locator("#cart-badge .cart-badge__count")).to_have_text("1")
    page.goto("/checkout")
    page.locator("#mobile").fill("050 765 4321")
    page.locator("#step-contact button[type=submit]").click()
    page.locator("#region").fill("دبي")
    page.locator("#area").fill("البرشاء")
    page.locator("#street").fill("شارع 12")
    page.locator("#building").fill("فيلا 7")
    page.locator("#step-address button[type=submit]").click()
    page.locator("#step-delivery button[type=submit]").click()
    expect(page.locator("#method-cod")).to_be_checked()
    page.locator("#step-payment button[type=submit]").click()
    expect(page.locator(".checkout-line")).to_contain_text("كثبان الزعفران")
    checked(page)
    page.locator(".checkout-place button[type=submit]").click()
    page.wait_for_url(re.compile(r"/orders/AS-\d{4}-\d{6}/confirmation$"))
    checked(page)
    return page.url.split("/")[-2]


def test_a_new_shop_lists_a_perfume_that_a_shopper_buys_and_receives_shipped(
        signed_in_page, open_page, marketplace, worker):
    applicant_page, applicant = signed_in_page("customer", "ar", PHONE)
    apply_to_sell(applicant_page)

    admin = open_page("ar", PHONE)
    sign_in(admin, *ADMIN, marketplace)
    admin.goto("/admin/vendors?status=pending")
    admin.get_by_role("link", name="بيت ليلى للعود").click()
    checked(admin)
    admin.locator("form[action$='/approve'] button").click()
    expect(admin.locator(".flash--success")).to_contain_text("تمت الموافقة على المتجر")

    vendor = applicant_page  # the approval changed the account's roles, which ended its sessions
    sign_in(vendor, applicant.email, "e2e password 123")
    list_a_perfume(vendor)

    admin.goto("/admin/products")
    admin.get_by_role("link", name="كثبان الزعفران").click()
    checked(admin)
    admin.locator("form[action$='/approve'] button").click()
    expect(admin.locator(".flash--success")).to_contain_text("تمت الموافقة على المنتج")

    shopper = open_page("ar", PHONE)
    sign_in(shopper, *SHOPPER)
    number = buy_with_cash(shopper)

    vendor.goto("/vendor/orders")
    checked(vendor)
    vendor.get_by_role("link", name=number).click()
    expect(vendor.locator("main")).to_contain_text("كثبان الزعفران")
    checked(vendor)
    vendor.get_by_role("button", name="تحديد كقيد التجهيز").click()
    expect(vendor.locator(".flashes")).to_contain_text("أصبح الطلب قيد التجهيز")
    vendor.get_by_label("شركة الشحن", exact=True).select_option("aramex")
    vendor.get_by_label("رقم التتبع").fill("4471 2290 331")
    vendor.get_by_role("button", name="تأكيد شحن هذا الطرد").click()
    expect(vendor.locator(".flashes")).to_contain_text("أُرسل رقم التتبع إلى العميل")
    checked(vendor)

    shopper.goto(f"/account/orders/{number}")
    expect(shopper.locator(".order-detail__head")).to_contain_text("في الطريق إليك")  # shipped, as customers read it
    expect(shopper.locator("main")).to_contain_text("44712290331")
    checked(shopper)
