"""E2E: a vendor reading the portal in Arabic on a phone edits an offer in its table row with htmx: a wrong
price comes back translated in the row with what was typed, the right one is saved in place; and the
dashboard. axe checks each state; nothing scrolls sideways."""
from decimal import Decimal

from playwright.sync_api import expect
from sqlalchemy import select, update

from app.catalog.models import Offer
from app.vendors.models import Vendor
from tests.e2e.conftest import PHONE, assert_accessible, has_no_horizontal_scroll
from tests.shop import Shop


def test_a_vendor_edits_an_offer_in_place_in_arabic(app, committed_db, signed_in_page):
    page, vendor = signed_in_page("vendor", "ar", PHONE)
    shop = Shop(app, committed_db)
    made = shop.offer(price="450", stock=3, name_en="Royal Oud", name_ar="العود الملكي")
    shop.offer(price="120", stock=20, size=50, name_en="White Musk", name_ar="المسك الأبيض")
    with app.app_context():
        committed_db.session.execute(update(Vendor).where(Vendor.id == made.vendor_id).values(owner_id=vendor.id))
        committed_db.session.commit()

    page.goto("/vendor")
    expect(page.locator("h1")).to_contain_text("سوق أ")
    expect(page.locator("#low-stock-title")).to_have_text("كمية منخفضة")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.goto("/vendor/offers")
    row = page.locator(f"#offer-{made.offer_id}")
    expect(row).to_contain_text("العود الملكي")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    row.get_by_role("link", name="تعديل").click()
    price = row.locator(f"#offer-{made.offer_id}-price")
    expect(price).to_be_focused()
    assert_accessible(page)
    price.fill("12.345")
    row.get_by_role("button", name="حفظ").click()
    expect(row.locator(".field__error")).to_contain_text("أدخل سعرًا بالدرهم")
    expect(row.locator(f"#offer-{made.offer_id}-price")).to_have_value("12.345")
    expect(row.locator(f"#offer-{made.offer_id}-price")).to_be_focused()
    assert "/vendor/offers" in page.url and page.locator("html").get_attribute("dir") == "rtl"
    assert_accessible(page)

    row.locator(f"#offer-{made.offer_id}-price").fill("٤٢٥")
    row.locator(f"#offer-{made.offer_id}-stock").fill("9")
    row.get_by_role("button", name="حفظ").click()
    expect(row.locator(".offer-row__number").first).to_contain_text("425.00")
    expect(row.get_by_role("link", name="تعديل")).to_be_focused()
    expect(page.locator(".toast--success")).to_contain_text("تم حفظ العرض.")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    with app.app_context():
        saved = committed_db.session.scalar(select(Offer).where(Offer.id == made.offer_id))
        assert (saved.price, saved.stock) == (Decimal("425.00"), 9)
