"""Prices follow the locale's CLDR currency pattern with CLDR's currency spacing ("AED 545.00" with a no-break
space in English, "545.00 د.إ." in Arabic) on pages, in emails and in messages written in Python; an address
written as one line is joined with the Arabic comma (،) on Arabic pages."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.core.money import format_money
from app.extensions import db as database
from app.notifications.channels import compose_email
from app.notifications.models import Notification
from app.orders.models import Order
from app.orders.notifications import notify_order_placed
from tests.backoffice import sign_in_as
from tests.integration.test_vendor_orders import Fulfilment
from tests.shop import UAE_ADDRESS, make_bag, place, refusal

ARABIC_ADDRESS = {**UAE_ADDRESS, "building": "فيلا 12", "street": "شارع 15", "area": "البرشاء", "flat": None}
NBSP = "\u00a0"


@pytest.fixture
def world(app, db, redis_client, create_user):
    return Fulfilment(app, db, create_user)


def customers_order(app, world, **changes) -> str:
    order_id = place(app, make_bag(app, (world.oud, 1), user_id=world.customer.id), payment_method="cod",
                     user_id=world.customer.id, **changes)
    return world.get(Order, order_id).number


def test_english_prices_have_a_no_break_space_after_the_letters_of_aed(app):
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert format_money(Decimal("545")) == f"AED{NBSP}545.00"
        assert format_money(Decimal("-545")) == f"-AED{NBSP}545.00"
        assert format_money(Decimal("5"), "USD") == "$5.00"  # a symbol that is not a letter touches the digits
    with app.test_request_context(headers={"Accept-Language": "ar"}):
        assert format_money(Decimal("545")) == f"\u200f545.00{NBSP}د.إ.\u200f"


@pytest.mark.parametrize("path", ["/account/orders/{number}", "/orders/{number}/confirmation",
                                  "/account/orders/{number}/invoice", "/cart"])
def test_pages_write_prices_with_the_space(app, client, world, path):
    number = customers_order(app, world)
    sign_in_as(client, world.customer)
    client.set_cookie("lang", "en")
    html = client.get(path.format(number=number)).get_data(as_text=True)
    assert not re.search(r"AED\d", html)
    if "{number}" in path:
        assert f"AED{NBSP}450.00" in html


@pytest.mark.parametrize("language, total", [("en", f"AED{NBSP}460.00"), ("ar", f"460.00{NBSP}د.إ.")])
def test_the_order_email_writes_the_total_in_its_language(app, world, language, total):
    with app.app_context():
        database.session.get(type(world.customer), world.customer.id).preferred_language = language
        database.session.commit()
    number = customers_order(app, world)
    with app.test_request_context():
        notify_order_placed(database.session.scalar(select(Order).where(Order.number == number)))
        database.session.flush()
        email = database.session.scalars(select(Notification).where(Notification.kind == "order_placed",
                                                                    Notification.channel == "email")).first()
        message = compose_email(email)
    assert total in message.body and total in message.html and not re.search(r"AED\d", message.body)


def test_a_message_written_in_python_spaces_its_amount(app, world, monkeypatch):
    monkeypatch.setitem(app.config, "COD_MAX_TOTAL", Decimal("100"))
    made = make_bag(app, (world.oud, 1), user_id=world.customer.id)
    message = refusal(app, made, payment_method="cod", user_id=world.customer.id).message
    assert f"AED{NBSP}100.00" in message


@pytest.mark.parametrize("language, line", [("ar", "فيلا 12، شارع 15"), ("en", "فيلا 12, شارع 15")])
def test_an_address_line_uses_the_pages_comma(app, client, world, language, line):
    number = customers_order(app, world, address=dict(ARABIC_ADDRESS))
    sign_in_as(client, world.customer)
    client.set_cookie("lang", language)
    for path in (f"/account/orders/{number}", f"/account/orders/{number}/invoice"):
        text = " ".join(re.sub(r"<[^>]+>", " ", client.get(path).get_data(as_text=True)).split())
        assert line in text, path
    sign_in_as(client, world.vendor)
    part = world.parts(database_id(app, number))["mine"]
    for path in (f"/vendor/orders/{part}", f"/vendor/orders/{part}/packing-slip"):
        text = " ".join(re.sub(r"<[^>]+>", " ", client.get(path).get_data(as_text=True)).split())
        assert line in text, path


def database_id(app, number: str) -> int:
    with app.app_context():
        return database.session.scalar(select(Order.id).where(Order.number == number))
