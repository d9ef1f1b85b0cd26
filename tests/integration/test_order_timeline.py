"""The customer's order timeline says each step once (a one-shop order's steps are the order's steps; several
shops' steps are named after each shop), and a tracking number links to the carrier's tracking page on the
order page and in the "on its way" email, in English and in Arabic."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.extensions import db as database
from app.notifications.channels import compose_email
from app.notifications.models import Notification
from app.orders.carriers import tracking_url
from app.orders.models import Order
from tests.backoffice import sign_in_as
from tests.integration.test_vendor_orders import Fulfilment, prepare, ship

ARAMEX_PAGE = "https://www.aramex.com/ae/en/track/results?ShipmentNumber=44712290331"


@pytest.fixture
def world(app, db, redis_client, create_user):
    return Fulfilment(app, db, create_user)


def timeline_steps(response, state: str = "done") -> list[str]:
    """The timeline's steps done (or still ahead) as a person reads them, in order."""
    html = response.get_data(as_text=True)
    block = re.search(r'<ol class="timeline".*?</ol>', html, re.S).group(0)
    return [" ".join(re.sub(r"<[^>]+>", " ", step).split()) for step in re.findall(
        rf'<li class="timeline__step timeline__step--{state}">\s*<span class="timeline__label">(.*?)</span>', block, re.S)]


def shipped_order(app, client, world, both: bool) -> str:
    """An order (of souq-a only, or of both shops) that every shop has prepared and shipped with Aramex."""
    order_id = world.order(both=both)
    parts = world.parts(order_id)
    for vendor, part in ((world.vendor, parts["mine"]), (world.other, parts["theirs"])):
        if part is None:
            continue
        sign_in_as(client, vendor)
        assert prepare(client, part).status_code == 303
        assert ship(client, part, carrier="aramex", tracking="44712290331").status_code == 303
    return world.get(Order, order_id).number


@pytest.mark.parametrize("language, steps", [
    ("en", ["Order placed", "Being prepared", "On its way", "Delivered"]),
    ("ar", ["تم تقديم الطلب", "قيد التجهيز", "في الطريق إليك", "تم التوصيل"]),
])
def test_a_one_shop_orders_timeline_says_each_step_once(app, client, world, language, steps):
    number = shipped_order(app, client, world, both=False)
    sign_in_as(client, world.customer)
    client.set_cookie("lang", language)
    page = client.get(f"/account/orders/{number}")
    assert timeline_steps(page) == steps[:3]  # without the shop's name, and without saying it twice
    assert timeline_steps(page, "ahead") == steps[3:]


def test_a_two_shop_orders_timeline_names_each_shops_steps(app, client, world):
    number = shipped_order(app, client, world, both=True)
    sign_in_as(client, world.customer)
    assert timeline_steps(client.get(f"/account/orders/{number}")) == ["Order placed", "Souq A: Being prepared", "Souq A: On its way", "Souq B: Being prepared",
                         "Being prepared", "Souq B: On its way", "On its way"]


@pytest.mark.parametrize("language, words", [("en", "Shipped with Aramex, tracking number 44712290331"),
                                             ("ar", "44712290331")])
def test_the_tracking_number_links_to_the_carriers_page(app, client, world, language, words):
    number = shipped_order(app, client, world, both=False)
    sign_in_as(client, world.customer)
    client.set_cookie("lang", language)
    html = client.get(f"/account/orders/{number}").get_data(as_text=True)
    link = re.search(r'<a class="tracking-link" href="([^"]+)" target="_blank" rel="external noopener noreferrer">'
                     r'44712290331<span class="visually-hidden">', html)
    assert link and link.group(1).replace("&amp;", "&") == ARAMEX_PAGE
    assert words in " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_on_its_way_email_links_the_tracking_number(app, client, world, language):
    with app.app_context():
        database.session.get(type(world.customer), world.customer.id).preferred_language = language
        database.session.commit()
    shipped_order(app, client, world, both=False)
    with app.test_request_context():
        email = database.session.scalar(select(Notification).where(Notification.kind == "order_shipped",
                                                                   Notification.channel == "email"))
        message = compose_email(email)
    assert f'href="{ARAMEX_PAGE}"' in message.html
    assert ARAMEX_PAGE in message.body


def test_a_tracking_url_quotes_the_number_and_knows_only_its_carriers():
    assert tracking_url("fedex", "AB/../12 34?x=1") == "https://www.fedex.com/fedextrack/?trknbr=AB%2F..%2F12%2034%3Fx%3D1"
    assert tracking_url("Speedy Couriers", "AB123456") is None and tracking_url("aramex", "") is None
