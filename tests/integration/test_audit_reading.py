"""The back office's audit log and histories read as words, in English and in Arabic: actions, record types,
field names, statuses, a house's, note's or shop's name (never its id), the carrier's name — never the keys,
ids and Python dicts the log keeps (`product.revise`, `brand_id`, `{'top': [57]}`, `pending`, `aramex`)."""
from __future__ import annotations

import pytest
from sqlalchemy import select, update

from app.catalog.models import Note, Product
from app.extensions import db as database
from app.orders.models import Order
from app.vendors.models import Vendor
from app.vendors.revisions import catalog_data_of, change_product
from tests.backoffice import post_form, sign_in_as, text_of
from tests.integration.test_vendor_orders import Fulfilment, ship

RAW_KEYS = ("product.revise", "brand_id", "{'", "order.status", "sub_order.shipped", "aramex", "customer_order",
            "confirmed", "processing", "is_active", "None")
WORDS = {
    "en": {"revise": "Product changes proposed", "house": "House", "new_house": "Maison X",
           "notes": "Top notes: Taif Rose · Base notes: Cambodian Oud", "status": "Order status changed",
           "moved": "Status Confirmed → became Being prepared", "shipped": "Shop’s part shipped", "carrier": "Aramex",
           "product": "Product #"},
    "ar": {"revise": "اقتُرحت تعديلات على المنتج", "house": "الدار", "new_house": "ميزون إكس",
           "notes": "المقدمة: ورد طائفي · القاعدة: عود كمبودي", "status": "تغيّرت حالة الطلب",
           "moved": "الحالة مؤكَّد ← أصبح قيد التجهيز", "shipped": "شُحن جزء المتجر", "carrier": "أرامكس",
           "product": "المنتج #"},
}


@pytest.fixture
def audited(app, db, redis_client, create_user):
    """A vendor's proposed change of notes and house, an admin's status change and a shop's shipment, made
    through the services and pages that audit them; returns (world, admin, order number)."""
    world = Fulfilment(app, db, create_user)
    admin = create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))
    with app.test_request_context():
        rose = Note(slug="taif-rose", name_en="Taif Rose", name_ar="ورد طائفي", family="floral")
        oud = Note(slug="cambodian-oud", name_en="Cambodian Oud", name_ar="عود كمبودي", family="oud")
        database.session.add_all([rose, oud])
        vendor = database.session.scalar(select(Vendor).where(Vendor.slug == "souq-a"))
        database.session.execute(update(Product).where(Product.id == world.oud.product_id)
                                 .values(proposed_by_vendor_id=vendor.id))
        database.session.flush()
        product = database.session.get(Product, world.oud.product_id)
        data = {**catalog_data_of(product, vendor.id), "notes": {"top": [rose.id], "heart": [], "base": [oud.id]},
                "brand_id": world.shop.brand_ids["maison-x"]}
        change_product(product, vendor, database.session.get(type(world.vendor), world.vendor.id), data, [], [])
        database.session.commit()
    order_id = world.order(both=False)
    number = world.get(Order, order_id).number
    sign_in_as(world_client := app.test_client(), admin, second_factor=True)
    moved = post_form(world_client, f"/admin/orders/{number}/status", f"/admin/orders/{number}",
                      to_status="processing", seen_status="confirmed", note="")
    assert moved.status_code == 303
    return world, admin, number


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_audit_log_reads_as_words(app, client, audited, language):
    world, admin, number = audited
    part = world.parts(database_order_id(app, number))["mine"]
    sign_in_as(client, world.vendor)
    assert ship(client, part, carrier="aramex", tracking="44712290331").status_code == 303
    sign_in_as(client, admin, second_factor=True)
    client.set_cookie("lang", language)
    text = text_of(client.get("/admin/audit"))
    for raw in RAW_KEYS:
        assert raw not in text, raw
    for expected in WORDS[language].values():
        if expected:
            assert expected in text, expected
    if language == "ar":  # wholly Arabic: no English words of the log's own
        assert "Order status changed" not in text and "Shop’s part" not in text and "Taif Rose" not in text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_an_orders_history_reads_as_words(app, client, audited, language):
    world, admin, number = audited
    sign_in_as(client, admin, second_factor=True)
    client.set_cookie("lang", language)
    text = text_of(client.get(f"/admin/orders/{number}"))
    history = text.split("History" if language == "en" else "السجل")[-1]
    assert "order.status" not in history and "confirmed" not in history and "processing" not in history
    assert WORDS[language]["moved"] in history


def database_order_id(app, number: str) -> int:
    with app.app_context():
        return database.session.scalar(select(Order.id).where(Order.number == number))
