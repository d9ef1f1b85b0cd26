"""What a shopper reads first on a listing, and the price a card says: perfumes in stock lead every sort but an
explicit price sort; a card's price is its cheapest full size's (the sample's price on a line of its own), and
price sorting, the price filter, a card's "Add to bag" and the product page's headline price agree with it."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.cart.models import CartLine
from app.catalog.models import Category, Offer, Variant
from app.search.backend import get_search_backend
from tests.conftest import csrf_token_from
from tests.shop import Shop

CARD = re.compile(r'<article class="product-card[^"]*">.*?</article>', re.S)
CARD_NAME = re.compile(r'class="product-card__link" href="[^"]*">(?:<bdi>)?([^<]*)<')
NOW = datetime.now(timezone.utc)


def card_names(response) -> list[str]:
    """The names on the page's cards, in the order a person reads them."""
    assert response.status_code == 200
    return [CARD_NAME.search(card).group(1) for card in CARD.findall(response.get_data(as_text=True))]


def card_html(response, name: str) -> str:
    """The markup of the card of the product called `name`."""
    cards = [card for card in CARD.findall(response.get_data(as_text=True)) if re.search(rf">(?:<bdi>)?{re.escape(name)}<", card)]
    assert cards, f"no card for {name}"
    return cards[0]


def text_of(html: str) -> str:
    """What a person reads: tags dropped, spaces squeezed."""
    return re.sub(r"[ \t\r\n]+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


def price_text(app, amount: str, language: str) -> str:
    """An amount as the store's pages write it in `language` (whatever the locale's currency pattern)."""
    with app.test_request_context(headers={"Accept-Language": language}):
        return str(app.jinja_env.filters["currencyformat"](Decimal(amount), "AED"))


def index(app, db, *product_ids: int) -> None:
    """Bring the products into the store's listing, as the search job does."""
    with app.app_context():
        get_search_backend().index_products(product_ids)
        db.session.commit()


# Defect 11: out of stock does not lead -------------------------------------------------------


@pytest.fixture
def stocked(app, db, redis_client):
    """Three oud perfumes of one house and shop, equally popular: the sold-out one has the smallest id and was
    listed last, so that without the rule it leads every sort; it is also the cheapest."""
    shop = Shop(app, db)
    sold_out = shop.offer(price="150", stock=0, name_en="Midnight Oud", name_ar="عود منتصف الليل")
    first = shop.offer(price="300", stock=4, name_en="Royal Oud", name_ar="العود الملكي")
    second = shop.offer(price="420", stock=9, name_en="Amber Oud", name_ar="عود العنبر")
    shop.change_product(sold_out.product_id, approved_at=NOW - timedelta(days=1))
    for made in (first, second):
        shop.change_product(made.product_id, approved_at=NOW - timedelta(days=10))
    index(app, db, sold_out.product_id, first.product_id, second.product_id)
    return shop


LISTINGS = ["/search?q=oud", "/search?q=عود", "/products", "/v/souq-a", "/categories/perfume", "/brands/ajmal"]


@pytest.mark.parametrize("path", LISTINGS)
@pytest.mark.parametrize("language, sold_out", [("en", "Midnight Oud"), ("ar", "عود منتصف الليل")])
def test_a_sold_out_perfume_comes_after_those_in_stock_under_most_relevant(client, stocked, path, language,
                                                                             sold_out):
    names = card_names(client.get(path, headers={"Accept-Language": language}))
    assert len(names) == 3 and names[-1] == sold_out


@pytest.mark.parametrize("sort", ["relevance", "trending", "bestselling", "newest", "rating"])
@pytest.mark.parametrize("path", ["/search?q=oud&sort={sort}", "/v/souq-a?sort={sort}"])
def test_every_sort_but_price_puts_what_is_in_stock_first(client, stocked, sort, path):
    names = card_names(client.get(path.format(sort=sort), headers={"Accept-Language": "en"}))
    assert names[-1] == "Midnight Oud"


def test_an_explicit_price_sort_keeps_strict_price_order(client, stocked):
    cheapest_first = card_names(client.get("/products?sort=price_asc", headers={"Accept-Language": "en"}))
    assert cheapest_first == ["Midnight Oud", "Royal Oud", "Amber Oud"]
    dearest_first = card_names(client.get("/products?sort=price_desc", headers={"Accept-Language": "ar"}))
    assert dearest_first == ["عود العنبر", "العود الملكي", "عود منتصف الليل"]


# Defect 12: prices of full sizes, samples apart ----------------------------------------------


@pytest.fixture
def sized(app, db, redis_client):
    """A parfum sold as a 5 ml sample (63.50), 50 ml (420) and 100 ml (610); a perfume sold in one size (300);
    and a discovery set sold only as samples (45)."""
    shop = Shop(app, db)
    with app.app_context():
        db.session.add(Category(slug="samples", name_en="Samples & decants", name_ar="عينات وتقسيمات"))
        db.session.commit()
    parfum = shop.offer(price="420", stock=6, size=50, name_en="Layali Parfum", name_ar="ليالي بارفان")
    shop.offer(price="63.50", stock=20, size=5, kind="sample", product_id=parfum.product_id)
    shop.offer(price="610", stock=2, size=100, product_id=parfum.product_id)
    single = shop.offer(price="300", stock=3, name_en="Rose Attar", name_ar="عطر الورد")
    vials = shop.offer(price="45", stock=8, size=10, kind="sample", name_en="Oud Discovery Set",
                       name_ar="مجموعة اكتشاف العود", category="samples")
    index(app, db, parfum.product_id, single.product_id, vials.product_id)
    return parfum


@pytest.mark.parametrize("language, name, sample_from", [("en", "Layali Parfum", "sample from {price}"),
                                                          ("ar", "ليالي بارفان", "عيّنة ابتداءً من {price}")])
def test_a_card_is_priced_by_its_cheapest_full_size_with_the_sample_on_its_own_line(app, client, sized, language,
                                                                                     name, sample_from):
    card = card_html(client.get("/products", headers={"Accept-Language": language}), name)
    full, sample = price_text(app, "420", language), price_text(app, "63.50", language)
    price_line = re.search(r'class="product-card__from">([^<]*)<', card).group(1)
    assert full in price_line and sample not in price_line
    assert sample_from.format(price=sample) in text_of(card)


@pytest.mark.parametrize("language, name", [("en", "Oud Discovery Set"), ("ar", "مجموعة اكتشاف العود")])
def test_a_product_sold_only_as_samples_keeps_the_sample_price_as_its_price(app, client, sized, language, name):
    card = text_of(card_html(client.get("/categories/samples", headers={"Accept-Language": language}), name))
    assert price_text(app, "45", language) in card
    assert "sample from" not in card and "عيّنة ابتداءً" not in card


def test_sorting_by_price_uses_the_full_size_price(client, sized):
    assert card_names(client.get("/products?sort=price_asc", headers={"Accept-Language": "en"})) == [
        "Oud Discovery Set", "Rose Attar", "Layali Parfum"]
    assert card_names(client.get("/products?sort=price_desc", headers={"Accept-Language": "ar"})) == [
        "ليالي بارفان", "عطر الورد", "مجموعة اكتشاف العود"]


def test_the_price_filter_uses_the_full_size_price(client, sized):
    assert card_names(client.get("/products?price_max=100", headers={"Accept-Language": "en"})) == [
        "Oud Discovery Set"]
    assert sorted(card_names(client.get("/products?price_min=350", headers={"Accept-Language": "en"}))) == [
        "Layali Parfum"]


def test_a_cards_add_to_bag_puts_the_full_size_it_is_priced_by_in_the_bag(app, db, client, sized):
    token = csrf_token_from(client, "/products")
    response = client.post(f"/cart/products/{sized.product_id}", data={"csrf_token": token, "next": "/products"})
    assert response.status_code == 303
    with app.app_context():
        variant = db.session.scalars(select(Variant).join(Offer, Offer.variant_id == Variant.id)
                                     .join(CartLine, CartLine.offer_id == Offer.id)).one()
        assert (variant.kind, variant.size_ml) == ("full", Decimal("50"))


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_product_pages_headline_price_follows_the_chosen_size(app, db, client, sized, language):
    with app.app_context():
        sizes = dict(db.session.execute(select(Variant.size_ml, Variant.id)
                                        .where(Variant.product_id == sized.product_id)).all())
    headers = {"Accept-Language": language}

    def headline(response) -> str:
        assert response.status_code == 200
        return response.get_data(as_text=True).split('class="price-box__price"')[1].split("</p>")[0]

    slug = client.get("/products", headers=headers).get_data(as_text=True)
    slug = re.search(r'href="/p/(layali-parfum-\d+)"', slug).group(1)
    assert price_text(app, "420", language) in headline(client.get(f"/p/{slug}", headers=headers))
    sample = headline(client.get(f"/p/{slug}?size={sizes[Decimal('5')]}", headers=headers))
    assert price_text(app, "63.50", language) in sample
    large = headline(client.get(f"/p/{slug}?size={sizes[Decimal('100')]}", headers={**headers, "HX-Request": "true"}))
    assert price_text(app, "610", language) in large and price_text(app, "420", language) not in large
