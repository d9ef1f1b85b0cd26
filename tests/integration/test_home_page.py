"""The home page on the demo catalog: loved and new perfumes, scent families, houses, recently viewed."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text

from tests.integration.test_product_cards import CARD, counted_statements


@pytest.fixture
def store(demo_data):
    """The demo catalog, shown in the store."""


def section(page: str, title_id: str) -> str:
    """The HTML of the home page's section headed by `title_id`."""
    match = re.search(rf'<section class="section" aria-labelledby="{title_id}">.*?</section>', page, re.S)
    assert match, f"no section {title_id}"
    return match.group(0)


def slugs(html: str) -> list[str]:
    return re.findall(r'class="product-card__link" href="/p/([a-z0-9-]+)"', html)


def test_featured_perfumes_are_the_admins_picks_then_well_reviewed_ones_in_stock(app, db, client, store):
    with app.app_context():  # three picks, so that well-reviewed perfumes fill the rest of the shelf
        db.session.execute(text(
            "UPDATE product SET is_featured = (id IN (SELECT l.product_id FROM product_listing l JOIN product p "
            "ON p.id = l.product_id WHERE p.is_featured AND l.in_stock ORDER BY l.product_id LIMIT 3))"))
        db.session.commit()
    featured = section(client.get("/").get_data(as_text=True), "featured-title")
    shown = slugs(featured)
    assert len(shown) == 8 and 'class="product-card__link"' in featured
    with app.app_context():
        picks = db.session.scalars(text(
            "SELECT l.slug FROM product_listing l JOIN product p ON p.id = l.product_id "
            "WHERE p.is_featured AND l.in_stock ORDER BY l.popularity DESC, l.product_id LIMIT 8")).all()
        rows = db.session.execute(text(
            "SELECT slug, rating_avg, rating_count, in_stock FROM product_listing WHERE slug = ANY(:slugs)"),
            {"slugs": shown[len(picks):]}).all()
    assert len(picks) == 3 and shown[:3] == picks  # what an admin features comes first
    assert len(rows) == 8 - len(picks)
    assert all(row.rating_count >= 10 and row.rating_avg >= 4.0 and row.in_stock for row in rows)
    # Names of cards under a section heading are third-level headings.
    assert '<h3 class="product-card__name">' in featured


def test_new_arrivals_are_the_newest_listed_in_stock(app, db, client, store):
    shown = slugs(section(client.get("/").get_data(as_text=True), "new-title"))
    with app.app_context():
        newest = db.session.execute(text(
            "SELECT slug FROM product_listing WHERE in_stock ORDER BY listed_at DESC, product_id DESC LIMIT 8")
        ).scalars().all()
    assert shown == newest


def test_scent_families_link_to_the_filtered_listing(client, store):
    families = section(client.get("/").get_data(as_text=True), "families-title")
    assert 'href="/products?family=oud"' in families
    assert client.get("/products?family=oud").status_code == 200


def test_the_showcase_puts_featured_houses_first_and_links_to_brand_pages(app, db, client, store):
    brands = section(client.get("/").get_data(as_text=True), "brands-title")
    links = re.findall(r'class="brand-tile brand-tile--[a-z]+" href="/brands/([a-z0-9-]+)"', brands)
    with app.app_context():
        featured = db.session.execute(text(
            "SELECT slug FROM brand b WHERE is_featured "
            "AND EXISTS (SELECT 1 FROM product_listing pl WHERE pl.brand_id = b.id)")).scalars().all()
    assert featured and set(links[:len(featured)]) == set(featured)
    assert len(links) == 12 == len(set(links))
    assert client.get(f"/brands/{links[0]}").status_code == 200


def test_the_home_page_in_arabic(client, store):
    page = client.get("/", headers={"Accept-Language": "ar"}).get_data(as_text=True)
    assert "المفضّلة لدى مجتمعنا" in page and "وصل حديثًا" in page and "دور عطور تستحق الاكتشاف" in page
    assert "Loved by our community" not in page


def test_recently_viewed_products_come_back_on_the_home_page(app, db, client, store):
    page = client.get("/").get_data(as_text=True)
    assert 'id="recently-viewed-title"' not in page
    slug = slugs(section(page, "new-title"))[0]
    assert client.get(f"/p/{slug}").status_code == 200
    assert f'href="/p/{slug}"' in client.get("/").get_data(as_text=True).split('id="recently-viewed-title"')[1]


def test_the_home_page_takes_a_few_queries_whatever_it_shows(client, store):
    client.get("/")  # the facet index loads once per process
    with counted_statements() as statements:
        page = client.get("/").get_data(as_text=True)
    assert len(CARD.findall(page)) == 16
    assert len(statements) <= 5, statements


def test_an_empty_store_still_has_a_home_page(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Find the scent that tells your story" in page
    assert 'id="featured-title"' not in page and 'id="brands-title"' not in page
