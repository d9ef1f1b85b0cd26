"""Product cards on the demo catalog: what they say, their badges, both languages, links, no query per card."""
from __future__ import annotations

import re
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.engine import Engine

from app.catalog.models import Offer, Product, Variant
from app.search.listing import bump_listing_version, refresh_listing

CARD = re.compile(r'<article class="product-card[^"]*">.*?</article>', re.S)


@pytest.fixture
def store(demo_data):
    """The demo catalog, shown in the store."""


@contextmanager
def counted_statements():
    """Count the SQL statements run inside the block."""
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def change_product(app, db, slug: str, *, on_sale: bool | None = None, listed_days_ago: float | None = None,
                   alcohol_free: bool | None = None, stock: int | None = None) -> tuple[str, str]:
    """Put one demo product into a known state and refresh its listing row, as the catalog's jobs do;
    return its names (English, Arabic)."""
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.slug == slug))
        offers = db.session.scalars(select(Offer).join(Variant).where(Variant.product_id == product.id)).all()
        if on_sale is not None:
            for offer in offers:
                offer.compare_at_price = offer.price + Decimal("50.00") if on_sale else None
        if listed_days_ago is not None:
            product.approved_at = datetime.now(timezone.utc) - timedelta(days=listed_days_ago)
        if alcohol_free is not None:
            product.alcohol_free = alcohol_free
        if stock is not None:
            for offer in offers:
                offer.stock = stock
        db.session.flush()
        refresh_listing([product.id])
        names = product.name_en, product.name_ar
        db.session.commit()
        bump_listing_version()
        return names


def a_perfume_with_a_full_size_only(app, db) -> str:
    """The slug of a listed demo perfume (eau de parfum) that no one offers as a sample."""
    with app.app_context():
        return db.session.execute(text(
            "SELECT slug FROM product_listing WHERE category = 'perfume' AND concentration = 'edp' "
            "AND NOT sample AND rating_count > 0 ORDER BY product_id LIMIT 1")).scalar()


def card_of(client, slug: str, language: str = "en") -> str:
    """The card of one product, found on the listing of its own brand's name."""
    page = client.get(f"/products?q={slug.replace('-', ' ')}", headers={"Accept-Language": language})
    cards = [card for card in CARD.findall(page.get_data(as_text=True)) if f'/p/{slug}"' in card]
    assert cards, f"no card for {slug}"
    return cards[0]


def test_a_card_shows_brand_name_kind_price_was_price_rating_and_badges(app, db, client, store):
    slug = a_perfume_with_a_full_size_only(app, db)
    name, _ = change_product(app, db, slug, on_sale=True, listed_days_ago=2, alcohol_free=True, stock=5)
    with app.app_context():
        row = db.session.execute(text("SELECT * FROM product_listing WHERE slug = :slug"), {"slug": slug}).one()
    card = card_of(client, slug)
    assert row.brand_name_en in card and name in card and "Eau de parfum" in card
    assert f"from AED\N{NO-BREAK SPACE}{row.min_price:,.2f}" in card
    was = f"AED\N{NO-BREAK SPACE}{row.min_price + 50:,.2f}"
    assert re.search(rf'<del class="product-card__was"><span class="visually-hidden">was {was}</span>'
                     rf'<span aria-hidden="true">{was}</span></del>', card)
    assert f"({row.rating_count} review" in card
    for badge in ("New", "Sale", "Alcohol-free"):
        assert f">{badge}</li>" in card
    assert "Sample available" not in card and "Out of stock" not in card


def test_a_plain_card_has_no_badges_and_no_strike_through(app, db, client, store):
    slug = a_perfume_with_a_full_size_only(app, db)
    change_product(app, db, slug, on_sale=False, listed_days_ago=200, alcohol_free=False, stock=5)
    card = card_of(client, slug)
    assert "<del" not in card and 'class="badge' not in card and "product-card__image--sold-out" not in card


def test_sold_out_and_sample_badges(app, db, client, store):
    with app.app_context():
        slug = db.session.execute(text(
            "SELECT slug FROM product_listing WHERE sample AND category = 'perfume' ORDER BY product_id LIMIT 1")
        ).scalar()
    change_product(app, db, slug, stock=0)
    card = card_of(client, slug)
    assert "product-card__image--sold-out" in card
    assert ">Out of stock</li>" in card and ">Sample available</li>" in card


def test_bakhoor_cards_name_their_category_rather_than_a_concentration(app, db, client, store):
    page = client.get("/products?category=bakhoor").get_data(as_text=True)
    kinds = set(re.findall(r'<p class="product-card__kind">([^<]*)</p>', page))
    assert kinds == {"Bakhoor"}


def test_cards_in_arabic(app, db, client, store):
    slug = a_perfume_with_a_full_size_only(app, db)
    name_en, name_ar = change_product(app, db, slug, on_sale=True, listed_days_ago=1)
    with app.app_context():
        brand_ar = db.session.execute(text("SELECT brand_name_ar FROM product_listing WHERE slug = :slug"),
                                      {"slug": slug}).scalar()
    card = card_of(client, slug, "ar")
    assert name_ar in card and brand_ar in card and name_en not in card
    assert "أو دو بارفان" in card  # eau de parfum
    assert ">جديد</li>" in card and ">تخفيض</li>" in card
    assert "السعر السابق" in card and "من " in card


def test_every_card_links_to_its_product_page(client, store):
    page = client.get("/products").get_data(as_text=True)
    cards = CARD.findall(page)
    links = [re.search(r'class="product-card__link" href="(/p/[a-z0-9-]+)"', card).group(1) for card in cards]
    assert len(links) == 24 == len(set(links))
    assert client.get(links[0]).status_code == 200
    # The picture comes from the card's own words, with no product loaded.
    assert all(re.search(r'src="/img/bottle/[a-z-]+/[a-z]+/[a-z]+/[a-z]+/\d+\.svg\?v=\d+"', card) for card in cards)


def test_a_page_of_24_cards_costs_no_more_queries_than_a_page_of_one(client, store):
    client.get("/products")  # the facet index loads once per process
    with counted_statements() as full_page:
        page = client.get("/products")
    assert len(CARD.findall(page.get_data(as_text=True))) == 24
    with counted_statements() as one_card:
        page = client.get("/products?brand=dar-al-oud&price_max=70")
    assert len(CARD.findall(page.get_data(as_text=True))) >= 1
    assert len(full_page) == len(one_card), full_page  # no query per card
