"""The bag in a real browser: in English and Arabic, on a desktop and a phone, with htmx (the line, the
totals and the header's badge swap in place) and without JavaScript (plain forms, the page reloads)."""
from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE, assert_accessible, has_no_horizontal_scroll
from tests.shop import committed_shop, make_bag  # noqa: F401  (fixture and helper)


def test_change_and_remove_lines_in_place_in_english(app, committed_db, committed_shop, signed_in_page):
    oud = committed_shop.offer(price="450", stock=5)
    rose = committed_shop.offer(price="99.50", stock=9, vendor="souq-b", name_en="Taif Rose", name_ar="وردة الطائف")
    page, user = signed_in_page("customer", "en", DESKTOP)
    make_bag(app, (oud, 1), (rose, 2), user_id=user.id)

    page.goto("/cart")
    badge = page.locator("#cart-badge .cart-badge__count")
    expect(badge).to_have_text("3")
    expect(page.get_by_role("heading", name="Royal Oud")).to_be_visible()
    expect(page.locator(".bag-totals")).to_contain_text("AED 649.00")
    page.wait_for_function("() => window.htmx !== undefined")
    page.evaluate("() => { window.stillTheSamePage = true; }")
    assert_accessible(page)

    first = page.locator(".bag-line").first
    first.get_by_role("button", name="One more").click()
    expect(first.locator(".stepper__value")).to_have_text("2")
    expect(badge).to_have_text("4")
    expect(page.locator(".bag-totals")).to_contain_text("AED 1,099.00")
    expect(page.get_by_role("button", name="One more").first).to_be_focused()  # focus stays on the stepper

    page.locator(".bag-line", has_text="Taif Rose").get_by_role("button", name="Remove").click()
    expect(page.locator(".bag-line")).to_have_count(1)
    expect(badge).to_have_text("2")
    expect(page.locator(".toast--success")).to_have_text("Removed from your bag.")
    assert page.evaluate("() => window.stillTheSamePage === true")
    assert_accessible(page)


def test_the_bag_reads_right_to_left_in_arabic_on_a_phone(app, committed_db, committed_shop, signed_in_page):
    oud = committed_shop.offer(price="450", stock=2)
    page, user = signed_in_page("customer", "ar", PHONE)
    make_bag(app, (oud, 2), user_id=user.id)
    committed_shop.change_offer(oud.offer_id, stock=1)

    page.goto("/cart")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.get_by_role("heading", name="حقيبتك", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="العود الملكي")).to_be_visible()
    expect(page.locator(".bag-line")).to_contain_text("تبقّت قطعة واحدة فقط: خفّض الكمية لإتمام الشراء.")
    expect(page.locator(".bag-totals")).to_contain_text("بعض المنتجات تحتاج إلى مراجعتك قبل إتمام الشراء.")
    assert has_no_horizontal_scroll(page)
    assert_accessible(page)

    page.wait_for_function("() => window.htmx !== undefined")
    page.get_by_role("button", name="إنقاص واحد").click()  # down to what is left
    expect(page.locator(".stepper__value")).to_have_text("1")
    expect(page.locator(".bag-line__notice--error")).to_have_count(0)
    expect(page.locator("#cart-badge .cart-badge__count")).to_have_text("1")
    assert has_no_horizontal_scroll(page)


def test_without_javascript_the_forms_still_work(app, committed_db, committed_shop, browser, live_server):
    from app.accounts.services import create_user

    oud = committed_shop.offer(price="450", stock=5)
    with app.app_context():
        user = create_user("nojs@example.com", "Noor Haddad", "e2e password 123", roles=("customer",))
        committed_db.session.commit()
        cookie = app.session_interface.get_signing_serializer(app).dumps({"_user_id": user.get_id(), "_fresh": True})
        committed_db.session.refresh(user)
    make_bag(app, (oud, 1), user_id=user.id)
    context = browser.new_context(base_url=live_server, viewport=PHONE, java_script_enabled=False)
    context.add_cookies([{"name": app.config["SESSION_COOKIE_NAME"], "value": cookie, "url": live_server}])
    page = context.new_page()
    try:
        page.goto("/cart")
        page.get_by_role("button", name="One more").click()
        expect(page.locator(".stepper__value")).to_have_text("2")
        expect(page.locator("#cart-badge .cart-badge__count")).to_have_text("2")
        page.get_by_role("button", name="Remove").click()
        expect(page.get_by_role("heading", name="Your bag is empty")).to_be_visible()
        expect(page.locator(".flash--success")).to_have_text("Removed from your bag.")
        assert has_no_horizontal_scroll(page)
    finally:
        context.close()
