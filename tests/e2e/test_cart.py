"""The bag and the wishlist in a real browser: in English and Arabic, on a desktop and a phone, with htmx (the line,
the totals and the header's badge swap in place) and without JavaScript (plain forms, the page reloads); each of
their controls clicked the four ways, with what it changed in the database."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.cart.models import Cart, CartLine, WishlistItem
from app.extensions import db as database
from tests.e2e.clicking import Visit, say, way  # noqa: F401  (fixtures)
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


# Every control of the bag and the wishlist, the four ways --------------------------------------------------

PERFUMES = {"oud": ("Royal Oud", "العود الملكي"), "rose": ("Taif Rose", "وردة الطائف"),
            "amber": ("Amber Musk", "مسك العنبر")}


def perfume_name(key: str, way) -> str:
    english, arabic = PERFUMES[key]
    return arabic if way.language == "ar" else english


@pytest.fixture
def three_perfumes(committed_shop) -> dict:
    """Three perfumes of two shops, each a Made (offer and product ids)."""
    return {key: committed_shop.offer(price=price, stock=5, vendor=vendor, name_en=english, name_ar=arabic)
            for (key, (english, arabic)), price, vendor in zip(PERFUMES.items(), ("450", "99.50", "210"),
                                                                ("souq-a", "souq-b", "souq-a"))}


def bag_of(app, user_id) -> dict[int, int]:
    """The customer's bag in the database: {offer id: quantity}."""
    with app.app_context():
        return dict(database.session.execute(
            select(CartLine.offer_id, CartLine.quantity).join(Cart).where(Cart.user_id == user_id)).all())


def wishlist_of(app, user_id) -> set[int]:
    with app.app_context():
        return set(database.session.scalars(select(WishlistItem.product_id).where(WishlistItem.user_id == user_id)))


def test_every_control_of_the_bag(app, committed_db, three_perfumes, signed_in_page, way, say):
    oud, rose, amber = three_perfumes["oud"], three_perfumes["rose"], three_perfumes["amber"]
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    make_bag(app, (oud, 1), (rose, 2), (amber, 1), user_id=user.id)
    visit = Visit(page, way)
    visit.goto("/cart")
    visit.expect_badge(4)
    line = page.locator(".bag-line").filter(has_text=perfume_name("oud", way))

    line.get_by_role("button", name=say("One more")).click()
    expect(line.locator(".stepper__value")).to_have_text("2")
    visit.expect_badge(5)
    assert bag_of(app, user.id)[oud.offer_id] == 2
    line.get_by_role("button", name=say("One fewer")).click()
    expect(line.locator(".stepper__value")).to_have_text("1")
    visit.expect_badge(4)
    assert bag_of(app, user.id)[oud.offer_id] == 1

    page.locator(".bag-line").filter(has_text=perfume_name("rose", way)).get_by_role(
        "button", name=say("Remove")).click()
    visit.expect_told(say("Removed from your bag."))
    expect(page.locator(".bag-line")).to_have_count(2)
    visit.expect_badge(2)
    assert bag_of(app, user.id) == {oud.offer_id: 1, amber.offer_id: 1}

    page.locator(".bag-line").filter(has_text=perfume_name("amber", way)).get_by_role(
        "button", name=say("Move to wishlist")).click()
    visit.expect_told(say("Moved to your wishlist."))
    expect(page.locator(".bag-line")).to_have_count(1)
    expect(page.locator(".bag-line")).to_contain_text(perfume_name("oud", way))
    visit.expect_badge(1)
    assert bag_of(app, user.id) == {oud.offer_id: 1}
    assert wishlist_of(app, user.id) == {amber.product_id}
    visit.expect_in_place()
    assert has_no_horizontal_scroll(page)


def test_every_control_of_the_wishlist(app, committed_db, three_perfumes, signed_in_page, way, say):
    oud, rose = three_perfumes["oud"], three_perfumes["rose"]
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    with app.app_context():
        database.session.add_all([WishlistItem(user_id=user.id, product_id=oud.product_id),
                                  WishlistItem(user_id=user.id, product_id=rose.product_id)])
        database.session.commit()
    visit = Visit(page, way)
    visit.goto("/wishlist")
    expect(page.locator(".wish")).to_have_count(2)

    page.locator(".wish").filter(has_text=perfume_name("oud", way)).get_by_role(
        "button", name=say("Move to bag")).click()
    visit.expect_told(say("Moved to your bag."))
    expect(page.locator(".wish")).to_have_count(1)
    visit.expect_badge(1)
    assert bag_of(app, user.id) == {oud.offer_id: 1}
    assert wishlist_of(app, user.id) == {rose.product_id}

    page.locator(".wish").filter(has_text=perfume_name("rose", way)).get_by_role("button", name=say("Remove")).click()
    visit.expect_told(say("Removed from your wishlist."))
    expect(page.get_by_role("heading", name=say("Your wishlist is empty"))).to_be_visible()
    assert wishlist_of(app, user.id) == set()
    visit.expect_in_place()
    assert has_no_horizontal_scroll(page)
