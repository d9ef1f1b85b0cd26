"""The product page: what it shows in both languages, size switching with and without htmx, its sellers,
404s for what the store does not show, community votes that match a direct count, and a bounded number
of queries."""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select, text
from sqlalchemy.engine import Engine

from app.catalog.models import Offer
from app.vendors.models import Vendor
from tests.integration.product_page_data import add_reviews, make_perfume

HTMX = {"HX-Request": "true"}


@pytest.fixture
def perfume(app, db, redis_client):
    return make_perfume(app, db)


def page_text(response) -> str:
    return re.sub(r"\s+", " ", response.get_data(as_text=True))


@contextmanager
def counted_queries():
    statements = []

    def count(conn, cursor, statement, *args):
        if not statement.startswith(("SAVEPOINT", "RELEASE", "ROLLBACK")):
            statements.append(statement)

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def test_the_page_shows_the_perfume_in_english(client, perfume):
    response = client.get(f"/p/{perfume.slug}", headers={"Accept-Language": "en"})
    body = page_text(response)
    assert response.status_code == 200
    assert '<h1 id="product-title" class="product__name"><bdi>Layali Oud</bdi></h1>' in body
    assert 'lang="ar">ليالي العود</p>' in body  # the other language's name as a second line
    assert f'href="/brands/{perfume.brand_slug}"' in body and "Dar Al Misk" in body
    assert "Eau de parfum" in body and "Unisex" in body and "Amal Haddad" in body
    assert "United Arab Emirates" in body and "A night of oud and rose." in body
    assert "Top notes" in body and "Saffron" in body and "Taif rose" in body and "Oud" in body
    assert f'href="/products?note=saffron-' in body  # notes lead to the listing filtered by them
    assert "Woody" in body and "Price includes 5% VAT." in body


def test_the_page_shows_the_perfume_in_arabic(client, perfume):
    body = page_text(client.get(f"/p/{perfume.slug}", headers={"Accept-Language": "ar"}))
    assert '<html lang="ar" dir="rtl"' in body
    assert '<h1 id="product-title" class="product__name"><bdi>ليالي العود</bdi></h1>' in body
    assert "دار المسك" in body and "زعفران" in body and "ورد طائفي" in body and "عود" in body
    assert "الإمارات العربية المتحدة" in body and "ليلة من العود والورد." in body
    assert "البصمة العطرية" in body and "السعر شامل ضريبة القيمة المضافة" in body


def test_the_default_size_is_the_smallest_bottle_in_stock_with_its_sellers(client, perfume):
    body = page_text(client.get(f"/p/{perfume.slug}"))
    link = f"/p/{perfume.slug}?size={perfume.small_id}"
    assert f'id="size-{perfume.small_id}" class="size-picker__size" href="{link}"' in body
    price_box = body.split('class="price-box"')[1].split("</div>")[0]
    # Two sellers: the cheapest in stock (200, 3 left) leads, not the cheaper one that is out of stock.
    assert "from <strong>AED 200.00</strong>" in price_box and "Only 3 left" in price_box
    sellers = body.split('class="sellers__list"')[1]
    assert "Souq Al Attar" in sellers and "Oud House" in sellers and "Out of stock" in sellers
    assert "Same-day delivery" in sellers and "Next-day delivery" in sellers
    assert "Closed Shop" not in body


def test_a_size_link_reloads_the_page_on_that_size(client, perfume):
    body = page_text(client.get(f"/p/{perfume.slug}?size={perfume.large_id}"))
    price_box = body.split('class="price-box"')[1].split("</div>")[0]
    assert "<strong>AED 350.00</strong>" in price_box and "AED 400.00" in price_box and "In stock" in price_box
    assert "AED 100.00" not in body  # the suspended shop's offer
    assert "Gift wrapping available" in body and "5% cashback" in body
    link = f"/p/{perfume.slug}?size={perfume.large_id}"
    assert f'href="{link}" data-hx-get="{link}" data-hx-target="#purchase" data-hx-push-url="true" aria-current="true"' in body


def test_htmx_gets_only_the_price_and_sellers_of_the_size(client, perfume):
    response = client.get(f"/p/{perfume.slug}?size={perfume.large_id}", headers=HTMX)
    body = page_text(response)
    assert response.status_code == 200 and "HX-Request" in response.headers["Vary"]
    assert "<html" not in body and "Scent DNA" not in body
    assert "<strong>AED 350.00</strong>" in body and "Souq Al Attar" in body


@pytest.mark.parametrize("size", ["nonsense", "999999999", "-1", ""])
def test_an_unknown_size_falls_back_to_the_default(client, perfume, size):
    response = client.get(f"/p/{perfume.slug}?size={size}")
    assert response.status_code == 200 and "from <strong>AED 200.00</strong>" in page_text(response)


def test_an_unknown_slug_is_a_bilingual_404(client, perfume):
    assert client.get("/p/no-such-perfume").status_code == 404
    arabic = client.get("/p/no-such-perfume", headers={"Accept-Language": "ar"})
    assert arabic.status_code == 404 and 'dir="rtl"' in arabic.get_data(as_text=True)


@pytest.mark.parametrize("status", ["draft", "pending", "rejected", "archived"])
def test_a_product_that_is_not_approved_is_not_found(app, db, client, status):
    hidden = make_perfume(app, db, status=status)
    assert client.get(f"/p/{hidden.slug}").status_code == 404


def test_a_product_without_a_visible_offer_is_not_found(app, db, client):
    unsold = make_perfume(app, db, with_offers=False)
    assert client.get(f"/p/{unsold.slug}").status_code == 404
    with app.app_context():  # sold only by a suspended shop, and inactive at an approved one
        suspended = Vendor(slug="gone", name_en="Gone", name_ar="مغلق", status="suspended")
        approved = Vendor(slug="paused", name_en="Paused", name_ar="متوقف", status="approved")
        db.session.add_all([suspended, approved])
        db.session.flush()
        db.session.add_all([Offer(vendor_id=suspended.id, variant_id=unsold.small_id, price=99, stock=5, sku="A"),
                            Offer(vendor_id=approved.id, variant_id=unsold.small_id, price=99, stock=5, sku="B",
                                  is_active=False)])
        db.session.commit()
    assert client.get(f"/p/{unsold.slug}").status_code == 404


def test_a_product_out_of_stock_everywhere_still_shows_marked_out_of_stock(app, db, client):
    sold_out = make_perfume(app, db, stock=0)
    response = client.get(f"/p/{sold_out.slug}")
    price_box = page_text(response).split('class="price-box"')[1].split("</div>")[0]
    assert response.status_code == 200 and "Out of stock" in price_box


VOTES = [
    {"rating": 5, "longevity": 5, "sillage": 4, "seasons": ["autumn", "winter"], "times_of_day": ["night"],
     "gender_lean": "masculine", "value_for_money": 4},
    {"rating": 4, "longevity": 5, "sillage": 3, "seasons": ["winter"], "times_of_day": ["day", "night"],
     "gender_lean": "unisex", "value_for_money": 2},
    {"rating": 2, "longevity": 3, "sillage": None, "seasons": [], "times_of_day": [], "gender_lean": None},
    {"rating": 5, "longevity": None, "sillage": 4, "seasons": ["winter", "spring"], "times_of_day": ["night"],
     "gender_lean": "masculine", "value_for_money": 5},
]


def test_the_community_votes_are_distributions_that_match_a_direct_count(app, db, client, perfume):
    add_reviews(app, db, perfume.id, VOTES)
    with app.test_request_context(headers={"Accept-Language": "en"}):
        from app.catalog.scent_dna import community_votes

        votes = community_votes(perfume.id)
        charts = {d.dimension: {bar.value: (bar.votes, bar.percent) for bar in d.bars} for d in votes.distributions}
        direct = dict(db.session.execute(text(
            "SELECT 'longevity:' || longevity, count(*) FROM review WHERE product_id = :p AND longevity IS NOT NULL "
            "GROUP BY longevity UNION ALL SELECT 'season:' || s, count(*) FROM review, unnest(seasons) s "
            "WHERE product_id = :p GROUP BY s"), {"p": perfume.id}).all())
    assert votes.rating.count == 4 and str(votes.rating.average) == "4.0"
    assert charts["longevity"]["5"] == (direct["longevity:5"], 67) and charts["longevity"]["3"] == (1, 33)
    assert charts["longevity"]["1"] == (0, 0)
    # Seasons are several choices per person: shares are of the 3 people who voted seasons.
    assert charts["seasons"]["winter"] == (direct["season:winter"], 100) and charts["seasons"]["spring"] == (1, 33)
    assert charts["times_of_day"]["night"] == (3, 100) and charts["times_of_day"]["day"] == (1, 33)
    assert charts["gender_lean"] == {"masculine": (2, 67), "unisex": (1, 33), "feminine": (0, 0)}
    assert charts["value_for_money"]["2"] == (1, 33)
    body = page_text(client.get(f"/p/{perfume.slug}"))
    assert "Eternal" in body and "67%" in body and "3 votes" in body and "4.0 out of 5 · 4 reviews" in body


def test_the_page_runs_a_bounded_number_of_queries(app, db, client, perfume):
    add_reviews(app, db, perfume.id, VOTES * 3)
    client.get(f"/p/{perfume.slug}")  # the first view records it; later ones show it as recently viewed
    with counted_queries() as statements:
        response = client.get(f"/p/{perfume.slug}")
    assert response.status_code == 200
    assert len(statements) <= 10, "\n".join(statements)
    with counted_queries() as statements:
        client.get(f"/p/{perfume.slug}?size={perfume.large_id}", headers=HTMX)
    assert len(statements) <= 2, "\n".join(statements)


def test_vendor_photos_replace_the_bottle_illustration(app, db, client, perfume):
    from pathlib import Path

    from app.catalog.models import ProductImage

    uploads = Path(app.config["INSTANCE_PATH"]) / "uploads" / "products"
    uploads.mkdir(parents=True, exist_ok=True)
    (uploads / f"{perfume.id}-front.webp").write_bytes(b"RIFF\x00\x00\x00\x00WEBPVP8 ")
    (uploads / f"{perfume.id}-evil.svg").write_text("<svg onload='alert(1)'/>")
    with app.app_context():
        db.session.add_all([
            ProductImage(product_id=perfume.id, path=f"products/{perfume.id}-front.webp", position=0,
                         alt_en="Layali Oud bottle, front", alt_ar="زجاجة ليالي العود من الأمام"),
            ProductImage(product_id=perfume.id, path=f"products/{perfume.id}-side.webp", position=1)])
        db.session.commit()
    body = page_text(client.get(f"/p/{perfume.slug}"))
    assert f'src="/media/products/products/{perfume.id}-front.webp" alt="Layali Oud bottle, front"' in body
    assert 'href="#photo-2"' in body and "/img/bottle/" not in body.split('id="gallery"')[1].split("</div>")[0]
    with client.get(f"/media/products/products/{perfume.id}-front.webp") as photo:
        assert photo.status_code == 200 and "immutable" in photo.headers["Cache-Control"]
    assert client.get(f"/media/products/products/{perfume.id}-evil.svg").status_code == 404
    assert client.get("/media/products/../../secret.webp").status_code == 404
    documents = uploads.parent / "vendor-documents"  # a shop's trade licence, kept beside the photos
    documents.mkdir(parents=True, exist_ok=True)
    (documents / f"{perfume.id}-licence.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    assert client.get(f"/media/products/vendor-documents/{perfume.id}-licence.png").status_code == 404


def add_to_bag_forms(body: str) -> list[tuple[str, str]]:
    """(offer id, quantity field) of each "Add to bag" form on the page, in order."""
    return re.findall(r'class="(?:add-to-cart|seller__add)".*?name="offer_id" value="(\d+)".*?name="quantity"([^>]*)>',
                      body)


def test_add_to_bag_offers_the_best_seller_and_each_other_seller_in_stock(app, client, perfume):
    small = page_text(client.get(f"/p/{perfume.slug}?size={perfume.small_id}"))
    with app.app_context():
        cheapest_in_stock = app.extensions["sqlalchemy"].session.scalar(
            select(Offer.id).where(Offer.variant_id == perfume.small_id, Offer.stock > 0))
    # The main button takes the cheapest offer in stock; each seller in stock has its own (not the sold-out one).
    assert [int(offer) for offer, _ in add_to_bag_forms(small)] == [cheapest_in_stock] * 2
    main_form = small.split('class="add-to-cart"')[1].split("</form>")[0]
    assert f'name="next" value="/p/{perfume.slug}?size={perfume.small_id}"' in main_form
    assert "Add to bag" in main_form and 'name="csrf_token"' in main_form
    assert main_form.count("<option") == 3  # no more than the 3 left
    large = page_text(client.get(f"/p/{perfume.slug}?size={perfume.large_id}"))
    assert len(add_to_bag_forms(large)) == 1  # one seller: no per-seller button


def test_add_to_bag_from_the_page_puts_the_chosen_size_in_the_bag(client, perfume):
    from tests.shop import badge

    page = client.get(f"/p/{perfume.slug}?size={perfume.large_id}")
    body = page_text(page)
    offer_id = add_to_bag_forms(body)[0][0]
    token = re.search(r'name="csrf_token" value="([^"]+)"', body).group(1)
    response = client.post("/cart/lines", data={"offer_id": offer_id, "quantity": "2", "csrf_token": token,
                                                "next": f"/p/{perfume.slug}?size={perfume.large_id}"})
    assert response.status_code == 303 and response.headers["Location"].endswith(f"size={perfume.large_id}")
    assert badge(client.get(f"/p/{perfume.slug}")) == 2
    bag = page_text(client.get("/cart"))
    assert "Layali Oud" in bag and "AED 700.00" in bag  # 2 × 350


def test_a_sold_out_size_has_no_add_to_bag_button(app, db, client):
    sold_out = make_perfume(app, db, stock=0)
    body = page_text(client.get(f"/p/{sold_out.slug}"))
    assert "Out of stock" in body and not add_to_bag_forms(body)


def test_the_wishlist_heart_shows_what_the_customer_saved(client, perfume, customer):
    from tests.conftest import csrf_token_from
    from tests.integration.test_reviews import sign_in

    sign_in(client, customer)
    body = page_text(client.get(f"/p/{perfume.slug}"))
    assert 'class="wishlist-toggle"' in body and 'aria-pressed="false"' in body
    client.post(f"/wishlist/{perfume.id}", data={"csrf_token": csrf_token_from(client, f"/p/{perfume.slug}"),
                                                 "next": f"/p/{perfume.slug}"})
    assert 'aria-pressed="true"' in page_text(client.get(f"/p/{perfume.slug}"))
