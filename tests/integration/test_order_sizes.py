"""An order line keeps the unit its size was sold in: bakhoor bought as "50 g" stays "50 g" (not "50 ml") on
every page and message that shows the line — the customer's order, confirmation and tax invoice, the
vendor's order and packing slip, the back office's order, and the order email — in English and in Arabic."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select

from app.extensions import db as database
from app.notifications.channels import compose_email
from app.notifications.models import Notification
from app.orders.models import Order, OrderLine
from app.orders.notifications import notify_order_placed
from tests.backoffice import sign_in_as, text_of
from tests.integration.test_vendor_orders import Fulfilment
from tests.shop import make_bag, place


@pytest.fixture
def bakhoor_order(app, db, redis_client, create_user):
    """A customer's order of 50 g of bakhoor from souq-a (run by `world.vendor`); returns (world, number)."""
    world = Fulfilment(app, db, create_user)
    bakhoor = world.shop.offer(price="85", stock=10, vendor="souq-a", size=50, category="bakhoor",
                               name_en="Sultan Bakhoor", name_ar="بخور السلطان")
    order_id = place(app, make_bag(app, (bakhoor, 1), user_id=world.customer.id), payment_method="cod",
                     user_id=world.customer.id)
    with app.app_context():
        order = database.session.get(Order, order_id)
        return world, order.number, order.sub_orders[0].id


def test_the_order_line_keeps_grams_as_sold(app, bakhoor_order):
    world, number, _ = bakhoor_order
    with app.app_context():
        line = database.session.scalar(select(OrderLine).join(Order).where(Order.number == number))
        assert (line.size_ml, line.size_unit) == (50, "g")


@pytest.mark.parametrize("language, grams, millilitres", [("en", "50 g", "50 ml"), ("ar", "50 غ", "50 مل")])
def test_every_page_showing_the_line_says_grams(app, client, create_user, bakhoor_order, language, grams,
                                                 millilitres):
    world, number, sub_order_id = bakhoor_order
    client.set_cookie("lang", language)
    sign_in_as(client, world.customer)
    for path in (f"/account/orders/{number}", f"/orders/{number}/confirmation", f"/account/orders/{number}/invoice"):
        text = text_of(client.get(path))
        assert grams in text and millilitres not in text, path
    sign_in_as(client, world.vendor)
    for path in (f"/vendor/orders/{sub_order_id}", f"/vendor/orders/{sub_order_id}/packing-slip"):
        text = text_of(client.get(path))
        assert grams in text and millilitres not in text, path
    admin = create_user(email="aisha@example.com", roles=("admin",))
    sign_in_as(client, admin, second_factor=True)
    text = text_of(client.get(f"/admin/orders/{number}"))
    assert grams in text and millilitres not in text


@pytest.mark.parametrize("language, expected", [("en", "Sultan Bakhoor · 50 g × 1"), ("ar", "بخور السلطان · 50 غ × 1")])
def test_the_order_email_says_grams(app, db, bakhoor_order, language, expected):
    world, number, _ = bakhoor_order
    with app.app_context():
        user = database.session.get(type(world.customer), world.customer.id)
        user.preferred_language = language
        database.session.commit()
    with app.test_request_context():
        notify_order_placed(database.session.scalar(select(Order).where(Order.number == number)))
        database.session.flush()
        email = database.session.scalars(select(Notification).where(Notification.kind == "order_placed",
                                                                    Notification.channel == "email")
                                         .order_by(Notification.id.desc())).first()
        message = compose_email(email)
    assert expected in " ".join(message.body.split()) and expected in text_of_html(message.html)


def text_of_html(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def test_the_migration_gives_lines_placed_before_it_their_products_unit(app, bakhoor_order):
    world, number, _ = bakhoor_order
    perfume = world.order(both=False)
    revision = next((Path(app.root_path).parent / "migrations" / "versions").glob("*_keep_each_order_lines_size_unit_*"))
    spec = importlib.util.spec_from_file_location("size_unit_revision", revision)
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    with app.app_context():
        context = MigrationContext.configure(database.session.connection(),
                                             opts={"target_metadata": database.metadata})
        with Operations.context(context):  # PostgreSQL's DDL is transactional: the test's rollback undoes it
            migration.downgrade()
            migration.upgrade()
        units = dict(database.session.execute(select(Order.id, OrderLine.size_unit).join(OrderLine.order)).all())
        bakhoor_id = database.session.scalar(select(Order.id).where(Order.number == number))
    assert units == {bakhoor_id: "g", perfume: "ml"}
