"""The customer's order pages in a real browser, every control clicked the four ways (Arabic on a phone, English
on a desktop, with JavaScript and without): My orders and its pages, an order's page, its tax invoice, "Order
again" (with a perfume no longer sold), and cancelling with its confirmation — on the page and in the database."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from app.cart.models import Cart, CartLine
from app.extensions import db as database
from app.orders.history import ORDERS_PER_PAGE
from app.orders.models import Order
from tests.e2e.clicking import Visit, say, way  # noqa: F401  (fixtures)
from tests.e2e.conftest import has_no_horizontal_scroll
from tests.shop import committed_shop, make_bag, place  # noqa: F401  (fixture and helpers)


@pytest.fixture
def customer_with_orders(app, committed_db, committed_shop, signed_in_page, way):
    """(page, user, shop's offers, the newest order's number): a customer with a page and one more of cash on
    delivery orders; the newest has a Royal Oud and two Taif Roses, and Taif Rose is no longer sold since."""
    oud = committed_shop.offer(price="450", stock=40)
    rose = committed_shop.offer(price="99.50", stock=40, vendor="souq-b", name_en="Taif Rose", name_ar="وردة الطائف")
    page, user = signed_in_page("customer", way.language, way.viewport, javascript=way.javascript)
    for _older in range(ORDERS_PER_PAGE):
        place(app, make_bag(app, (oud, 1), user_id=user.id), user_id=user.id, email=user.email, payment_method="cod")
    newest = place(app, make_bag(app, (oud, 1), (rose, 2), user_id=user.id), user_id=user.id, email=user.email,
                   payment_method="cod")
    committed_shop.change_offer(rose.offer_id, is_active=False)
    with app.app_context():
        number = database.session.scalar(select(Order.number).where(Order.id == newest))
    return page, user, {"oud": oud, "rose": rose}, number


def order_status(app, number: str) -> str:
    with app.app_context():
        return database.session.scalar(select(Order.status).where(Order.number == number))


def test_every_control_of_the_order_pages(app, committed_shop, customer_with_orders, way, say):
    page, user, offers, number = customer_with_orders
    visit = Visit(page, way)
    visit.goto("/account/orders")
    summaries = page.locator(".order-summary")
    expect(summaries).to_have_count(ORDERS_PER_PAGE)
    expect(summaries.first).to_contain_text(number)

    # The pages of My orders: "Older", then "Newer" back (with htmx in place, the URL following).
    page.locator(".pager a[rel=next]").click()
    expect(page).to_have_url(re.compile(r"/account/orders\?page=2$"))
    expect(summaries).to_have_count(1)
    page.locator(".pager a[rel=prev]").click()
    expect(page).to_have_url(re.compile(r"/account/orders\?page=1$"))
    expect(summaries).to_have_count(ORDERS_PER_PAGE)
    visit.expect_in_place()

    page.get_by_role("link", name=number).click()
    expect(page.locator(".order-detail__head")).to_contain_text(number)
    expect(page.locator("main")).to_contain_text("وردة الطائف" if way.language == "ar" else "Taif Rose")

    # The tax invoice, and back.
    page.locator(f'a[href="/account/orders/{number}/invoice"]').click()
    expect(page).to_have_url(re.compile(rf"/account/orders/{number}/invoice$"))
    expect(page.locator("body")).to_contain_text(number)
    page.go_back()

    # "Order again": what can still be bought goes in the bag; what cannot says why.
    page.get_by_role("button", name=say("Order again")).click()
    expect(page).to_have_url(re.compile(r"/cart$"))
    expect(page.locator(".flash--success")).to_have_text(
        say("%(num)d item is back in your bag.", "%(num)d items are back in your bag.", num=1))
    expect(page.locator(".flash--error")).to_contain_text("وردة الطائف" if way.language == "ar" else "Taif Rose")
    expect(page.locator(".bag-line")).to_have_count(1)
    visit.expect_badge(1)
    with app.app_context():
        assert database.session.execute(select(CartLine.offer_id, CartLine.quantity).join(Cart)
                                        .where(Cart.user_id == user.id)).all() == [(offers["oud"].offer_id, 1)]

    # Cancelling asks first; "Keep the order" keeps it, "Yes, cancel the order" cancels it and returns its stock.
    page.goto(f"/account/orders/{number}")
    page.get_by_role("link", name=say("Cancel this order")).click()
    expect(page).to_have_url(re.compile(rf"/account/orders/{number}/cancel$"))
    page.get_by_role("link", name=say("Keep the order")).click()
    expect(page).to_have_url(re.compile(rf"/account/orders/{number}$"))
    assert order_status(app, number) != "cancelled"
    stock_before = committed_shop.stock_of(offers["oud"].offer_id)
    page.get_by_role("link", name=say("Cancel this order")).click()
    page.get_by_role("button", name=say("Yes, cancel the order")).click()
    expect(page.locator(".flash--success")).to_have_text(say("Your order %(number)s is cancelled.", number=number))
    expect(page.locator(".order-detail__meta .order-status--cancelled")).to_be_visible()
    expect(page.get_by_role("link", name=say("Cancel this order"))).to_have_count(0)
    assert order_status(app, number) == "cancelled"
    assert committed_shop.stock_of(offers["oud"].offer_id) == stock_before + 1
    assert has_no_horizontal_scroll(page)
