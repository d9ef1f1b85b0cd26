"""The demo catalog (`make run`, `flask catalog demo`) and the benchmark generator (`flask catalog generate`)."""
import hashlib
import re
import time
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.accounts.queries import find_user_by_email
from app.catalog.demo import CatalogNotEmpty, load_demo_catalog
from app.catalog.generator import generate_catalog
from app.catalog.models import (
    FAMILIES,
    STYLES,
    Accord,
    Brand,
    Note,
    Offer,
    Product,
    ProductAccord,
    ProductNote,
    Review,
    Variant,
)
from app.vendors.models import Vendor

ARABIC_LETTERS = re.compile("[\u0621-\u064a]")


def count(session, model, *conditions) -> int:
    return session.scalar(select(func.count()).select_from(model).where(*conditions))


def price_digest(session) -> str:
    """A fingerprint of every offer's product, size, seller and prices."""
    rows = session.execute(
        select(Product.slug, Product.name_ar, Variant.size_ml, Variant.kind, Vendor.slug, Offer.price,
               Offer.compare_at_price)
        .join(Variant, Variant.product_id == Product.id).join(Offer, Offer.variant_id == Variant.id)
        .join(Vendor, Vendor.id == Offer.vendor_id)
        .order_by(Product.slug, Variant.size_ml, Variant.kind, Vendor.slug)
    ).all()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def test_the_demo_catalog_keeps_its_promises_and_loads_the_same_twice(app, db):
    with app.app_context():
        session = db.session
        started = time.perf_counter()
        summary = load_demo_catalog(session)
        assert time.perf_counter() - started < 10

        assert summary["products"] == count(session, Product) >= 600
        styles = Counter(session.scalars(select(Brand.style)))
        assert sum(styles.values()) >= 50 and set(styles) == set(STYLES)
        notes = session.execute(select(Note.name_en, Note.name_ar, Note.family)).all()
        assert len(notes) >= 150 and all(ARABIC_LETTERS.search(name_ar) for _en, name_ar, _f in notes)
        assert {"عود", "ورد طائفي", "زعفران", "عنبر", "مسك أبيض", "صندل", "لبان"} <= {ar for _en, ar, _f in notes}
        assert {family for *_names, family in notes} == set(FAMILIES)
        assert count(session, Accord) >= 20

        vendor_statuses = Counter(session.scalars(select(Vendor.status)))
        assert vendor_statuses["approved"] >= 5 and vendor_statuses["pending"] == vendor_statuses["suspended"] == 1
        sellers_per_product = session.execute(
            select(Variant.product_id, func.count(func.distinct(Offer.vendor_id)))
            .join(Offer, Offer.variant_id == Variant.id).group_by(Variant.product_id)
        ).all()
        assert len(sellers_per_product) == summary["products"]  # every product is on sale somewhere
        assert sum(1 for _product, sellers in sellers_per_product if sellers >= 2) >= 100

        statuses = Counter(session.scalars(select(Product.status)))
        assert 0.88 < statuses["approved"] / summary["products"] < 0.96
        assert statuses["pending"] and statuses["draft"] and statuses["rejected"]
        assert count(session, Product, Product.created_at > datetime.now(timezone.utc) - timedelta(days=30)) >= 10

        offers = session.execute(select(Offer.price, Offer.compare_at_price, Offer.stock)).all()
        for price, compare_at, stock in offers:
            assert isinstance(price, Decimal) and price.as_tuple().exponent == -2 and price > 0
            assert compare_at is None or compare_at > price
            assert 0 <= stock <= 60
        on_sale = sum(1 for _p, compare_at, _s in offers if compare_at is not None) / len(offers)
        out_of_stock = sum(1 for *_prices, stock in offers if stock == 0) / len(offers)
        assert 0.10 < on_sale < 0.20 and 0.04 < out_of_stock < 0.13

        layers = session.execute(
            select(ProductNote.product_id, ProductNote.layer, func.count()).group_by(ProductNote.product_id,
                                                                                     ProductNote.layer)
        ).all()
        assert len(layers) == 3 * summary["products"] and all(2 <= notes <= 5 for *_key, notes in layers)
        strengths = session.scalars(select(ProductAccord.strength)).all()
        assert strengths and all(0 <= strength <= 100 for strength in strengths)

        reviews = session.execute(select(Review.rating, Review.language, Review.longevity, Review.body)).all()
        assert len(reviews) == summary["reviews"] > 3000
        assert 3.7 < sum(rating for rating, *_rest in reviews) / len(reviews) < 4.5
        assert {language for _r, language, *_rest in reviews} == {"en", "ar"}
        assert sum(1 for _r, _l, longevity, _b in reviews if longevity is not None) > len(reviews) * 0.7
        assert all(ARABIC_LETTERS.search(body) for _r, language, _l, body in reviews if language == "ar")

        with pytest.raises(CatalogNotEmpty):
            load_demo_catalog(session)

        first = price_digest(session)
        session.rollback()  # back to an empty catalog (the reviewers' accounts go too)
        assert count(session, Product) == 0
        load_demo_catalog(session)
        assert price_digest(session) == first


def test_the_generator_adds_exactly_n_products_with_sizes_and_offers(app, db):
    with app.app_context():
        session = db.session
        started = time.perf_counter()
        summary = generate_catalog(2_000, seed=7, session=session)
        assert time.perf_counter() - started < 15

        assert summary["products"] == count(session, Product) == 2_000
        assert count(session, Product, ~Product.variants.any()) == 0
        assert count(session, Variant, ~select(Offer.id).where(Offer.variant_id == Variant.id).exists()) == 0
        assert summary["offers"] == count(session, Offer) >= 2_000
        assert summary["product notes"] == count(session, ProductNote) >= 6 * 2_000
        assert summary["reviews"] == count(session, Review) > 0
        # The ORM reads what COPY wrote, sequences included: the next product gets a fresh id.
        product = session.scalars(select(Product).order_by(Product.id.desc()).limit(1)).one()
        assert product.variants[0].offers and product.name_ar
        next_id = session.scalar(select(func.nextval(func.pg_get_serial_sequence("product", "id"))))
        assert next_id > product.id


def test_the_commands_load_the_demo_once_and_generate_more(app, db, monkeypatch):
    runner = app.test_cli_runner()

    monkeypatch.setitem(app.config, "DEMO_DATA", False)
    assert "not loaded: DEMO_DATA is off" in runner.invoke(args=["catalog", "demo"]).output
    monkeypatch.setitem(app.config, "DEMO_DATA", True)

    result = runner.invoke(args=["demo", "load"])  # make run's loader: the accounts, then the catalog
    assert result.exit_code == 0, result.output
    with app.app_context():
        shop = db.session.scalars(select(Vendor).where(Vendor.owner_id.is_not(None))).one()
        assert shop.slug == "al-ras-perfume-house"
        assert shop.owner_id == find_user_by_email("vendor@example.com").id
        products = count(db.session, Product)
        assert products >= 600

    result = runner.invoke(args=["catalog", "demo"])
    assert "Demo catalog not loaded: the database already holds products." in result.output

    result = runner.invoke(args=["catalog", "generate", "--products", "300", "--seed", "2"])
    assert result.exit_code == 0, result.output
    assert "Generated in" in result.output and "300 products" in result.output
    with app.app_context():
        assert count(db.session, Product) == products + 300


def test_the_demo_data_shows_in_the_store_at_once(app, db, redis_client):
    """make run's demo load rebuilds the listing: the store is not empty on the first visit."""
    from app.catalog.filters import ListingQuery
    from app.core.demo import load_demo_data
    from app.search.backend import search_products

    with app.test_request_context():
        load_demo_data()
        everything = search_products(ListingQuery.from_args({}))
        oud = search_products(ListingQuery.from_args({"family": "oud"}))
        assert everything.total > 500 and 10 < oud.total < everything.total
        assert oud.products and all(card.min_price > 0 for card in oud.products)
