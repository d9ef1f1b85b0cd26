"""E2E: a vendor on a phone, in Arabic, finds its part of a customer's order, marks it as being prepared, then
ships it with a carrier and a tracking number (a bad number first, refused in Arabic with the input kept), and
prints the packing slip; the customer's order page then shows the carrier and the number. Axe on each page."""
from datetime import date

from playwright.sync_api import expect
from sqlalchemy import func, select, update

from app.orders.models import Order, SubOrder
from app.vendors.models import Vendor
from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll
from tests.shop import committed_shop, make_bag, place  # noqa: F401  (fixture and helpers)


def test_a_vendor_ships_its_part_in_arabic(app, committed_db, committed_shop, signed_in_page, open_page):
    page, vendor = signed_in_page("vendor", language="ar", viewport=PHONE)
    with app.app_context():
        committed_db.session.execute(update(Vendor).where(Vendor.slug == "souq-a").values(owner_id=vendor.id))
        committed_db.session.commit()
    oud = committed_shop.offer(price="450", stock=5, vendor="souq-a")
    amber = committed_shop.offer(price="200", stock=5, vendor="souq-b", name_en="Amber Night", name_ar="ليلة العنبر")
    order_id = place(app, make_bag(app, (oud, 2), (amber, 1)), payment_method="cod", gift_wrap=True,
                     gift_message="عيد مبارك يا سارة")
    with app.app_context():
        number = committed_db.session.scalar(select(Order.number).where(Order.id == order_id))

    page.goto("/vendor/orders")
    expect(page.locator("h1")).to_have_text("الطلبات")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)
    page.get_by_role("link", name=number).click()
    expect(page.get_by_role("heading", name="ما يجب إرساله")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("ليلة العنبر")  # the other shop's line is not shown
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.get_by_role("button", name="تحديد كقيد التجهيز").click()
    expect(page.locator(".flashes")).to_contain_text("أصبح الطلب قيد التجهيز")
    page.get_by_label("شركة الشحن", exact=True).select_option("aramex")
    page.get_by_label("رقم التتبع").fill("12/34")
    page.get_by_role("button", name="تأكيد شحن هذا الطرد").click()
    expect(page.locator(".field__error")).to_contain_text("يتكون رقم التتبع من 6 إلى 40")
    expect(page.get_by_label("رقم التتبع")).to_have_value("12/34")
    assert_accessible(page)
    page.get_by_label("رقم التتبع").fill("4471 2290 331")
    page.get_by_role("button", name="تأكيد شحن هذا الطرد").click()
    expect(page.locator(".flashes")).to_contain_text("أُرسل رقم التتبع إلى العميل")
    expect(page.locator(".fulfilment__actions")).to_contain_text("44712290331")
    expect(page.locator(".fulfilment__actions")).to_contain_text("أرامكس")
    assert_accessible(page)

    page.get_by_role("link", name="قائمة التعبئة").click()
    expect(page.locator(".packing-slip")).to_contain_text("عيد مبارك يا سارة")
    expect(page.locator(".packing-slip")).to_contain_text("Packing slip")
    assert_accessible(page)

    customer, _user = signed_in_page("customer", language="en", viewport=DESKTOP)
    with app.app_context():
        committed_db.session.execute(update(Order).where(Order.id == order_id).values(user_id=_user.id))
        committed_db.session.commit()
    customer.goto(f"/account/orders/{number}")
    expect(customer.locator("main")).to_contain_text("Shipped with Aramex, tracking number 44712290331")
    assert_accessible(customer)


def test_the_payouts_pages_read_well_in_both_languages(app, committed_db, committed_shop, signed_in_page, open_page):
    """The vendor's statement (Arabic, phone) and the back office's balances and payout form (English, desktop):
    no sideways scrolling, axe clean, and a payout recorded from the balances table's link."""
    from app.accounts.access import SECOND_FACTOR_SESSION_KEY
    from app.accounts.services import create_user

    page, vendor = signed_in_page("vendor", language="ar", viewport=PHONE)
    with app.app_context():
        committed_db.session.execute(update(Vendor).where(Vendor.slug == "souq-a").values(owner_id=vendor.id))
        committed_db.session.commit()
    oud = committed_shop.offer(price="450", stock=5, vendor="souq-a")
    order_id = place(app, make_bag(app, (oud, 1)), payment_method="cod")
    with app.app_context():
        committed_db.session.execute(update(SubOrder).where(SubOrder.order_id == order_id).values(
            status="shipped", shipped_at=func.now(), carrier="aramex", tracking_number="AWB123456"))
        admin = create_user("admin.e2e@example.com", "Aisha Admin", "e2e password 123", roles=("admin",))
        committed_db.session.commit()
        cookie = app.session_interface.get_signing_serializer(app).dumps(
            {"_user_id": admin.get_id(), "_fresh": True, SECOND_FACTOR_SESSION_KEY: admin.get_id()})

    page.goto("/vendor/payouts")
    expect(page.locator("h1")).to_have_text("المستحقات")
    expect(page.locator(".payout-statement")).to_contain_text("450.00")
    page.get_by_text("كيف تُحتسب هذه الأرقام").click()
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    desk = open_page("en", DESKTOP, cookies=[{"name": app.config["SESSION_COOKIE_NAME"], "value": cookie}])
    desk.goto("/admin/payouts")
    assert_accessible(desk)
    desk.get_by_role("link", name="Pay Souq A").click()
    expect(desk.get_by_label("Amount paid (AED)")).to_have_value("382.50")  # 450 less 15 % commission
    desk.get_by_label("Paid on").fill(date.today().isoformat())
    desk.get_by_label("Bank reference").fill("FT-E2E-1")
    assert_accessible(desk)
    desk.get_by_role("button", name="Record the payout").click()
    expect(desk.locator(".flashes")).to_contain_text("The payout to Souq A is recorded.")
    assert_accessible(desk)
    desk.set_viewport_size(PHONE)
    assert has_no_horizontal_scroll(desk)
