"""Helpers for the vendor offers tests: two shops with owners and offers, htmx requests, counting queries.

`offer_world` (fixture): the Shop of tests/shop.py with Hessa running souq-a (three offers) and Omar running
souq-b (one offer), an admin and a customer; ids in a `World`. `edit(client, offer_id, htmx=…, **values)`
posts an offer's row form with its prefix and CSRF token; `count_queries(app)` counts SQL statements.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

import pytest
from sqlalchemy import event, select, update

from app.catalog.models import Offer
from app.vendors.models import Vendor
from tests.conftest import csrf_token_from
from tests.shop import Shop

HTMX = {"HX-Request": "true"}


@dataclass
class World:
    shop: Shop
    users: dict
    own_vendor: int
    other_vendor: int
    royal_oud: int  # souq-a, 100 ml, AED 450, stock 5, SKU RO-100
    amber_night: int  # souq-a, 50 ml, AED 320, stock 0, SKU AN-50
    musk_paused: int  # souq-a, 30 ml, AED 99, stock 40, paused, SKU MU-30
    others_offer: int  # souq-b, AED 500, SKU B-1
    royal_oud_product: int


@pytest.fixture
def offer_world(app, db, redis_client, create_user) -> World:
    return make_world(app, db, create_user)


ACCOUNTS = {"customer": ("noor@example.com", ("customer",)), "vendor": ("hessa@example.com", ("customer", "vendor")),
            "other_vendor": ("omar@example.com", ("customer", "vendor")), "admin": ("aisha@example.com", ("admin",))}


def make_world(app, database, create_user, language: str = "en", accounts=tuple(ACCOUNTS)) -> World:
    """The two shops and their offers, with the `accounts` asked for (each costs a password hash)."""
    shop = Shop(app, database)
    users = {role: create_user(email=ACCOUNTS[role][0], roles=ACCOUNTS[role][1], preferred_language=language)
             for role in accounts}
    royal = shop.offer(price="450", stock=5, name_en="Royal Oud", name_ar="العود الملكي")
    amber = shop.offer(price="320", stock=0, size=50, name_en="Amber Night", name_ar="ليلة العنبر",
                       brand="maison-x")
    musk = shop.offer(price="99", stock=40, size=30, name_en="White Musk", name_ar="المسك الأبيض", active=False)
    others = shop.offer(price="500", stock=9, vendor="souq-b", product_id=royal.product_id, size=100)
    with app.app_context():
        for slug, owner in (("souq-a", "vendor"), ("souq-b", "other_vendor")):
            if owner in users:
                database.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=users[owner].id))
        for made, sku in ((royal, "RO-100"), (amber, "AN-50"), (musk, "MU-30"), (others, "B-1")):
            database.session.execute(update(Offer).where(Offer.id == made.offer_id).values(sku=sku))
        database.session.commit()
    return World(shop, users, shop.vendor_ids["souq-a"], shop.vendor_ids["souq-b"], royal.offer_id, amber.offer_id,
                 musk.offer_id, others.offer_id, royal.product_id)


def offer_row(app, database, offer_id: int) -> Offer:
    with app.app_context():
        offer = database.session.get(Offer, offer_id)
        database.session.refresh(offer)
        database.session.expunge(offer)
        return offer


def set_vendor_status(app, database, vendor_id: int, status: str) -> None:
    with app.app_context():
        database.session.execute(update(Vendor).where(Vendor.id == vendor_id).values(status=status))
        database.session.commit()


FORM_VALUES = {"price": "450.00", "compare_at_price": "", "stock": "5", "sku": "RO-100",
               "delivery_promise": "standard", "is_active": "y"}


def edit(client, offer_id: int, htmx: bool = False, token: str | None = None, next: str | None = None, **values):
    """POST the offer's form (prefix offer-<id>) with FORM_VALUES changed by `values` (None leaves one out)."""
    token = token or csrf_token_from(client, "/vendor/offers")
    fields = {**FORM_VALUES, **values}
    data = {f"offer-{offer_id}-{name}": value for name, value in fields.items() if value is not None}
    data[f"offer-{offer_id}-csrf_token"] = token
    if next is not None:
        data["next"] = next
    return client.post(f"/vendor/offers/{offer_id}", data=data, headers=HTMX if htmx else {})


@contextmanager
def count_queries(app):
    """Count the SQL statements run inside the block: `with count_queries(app) as counted: …; counted[0]`."""
    from app.extensions import db

    counted = [0]

    def count(*_args):
        counted[0] += 1

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield counted
    finally:
        event.remove(engine, "before_cursor_execute", count)


def vendor_id_of(app, database, slug: str) -> int:
    with app.app_context():
        return database.session.scalar(select(Vendor.id).where(Vendor.slug == slug))


def listing_refreshes(redis_connection, product_id: int) -> int:
    """How many jobs were enqueued to refresh this perfume's listing rows (waiting, running or done)."""
    from rq.job import Job

    ids = [key.decode().split(":", 2)[2] for key in redis_connection.scan_iter("rq:job:*")
           if key.count(b":") == 2]
    jobs = [job for job in Job.fetch_many(ids, connection=redis_connection) if job is not None]
    return sum(1 for job in jobs if job.func_name == "app.search.jobs.refresh_products" and product_id in job.args[0])
