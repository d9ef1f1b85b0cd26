"""Names read as what they are: bidirectional controls (U+202A–U+202E, U+2066–U+2069) are dropped from every
name where it enters (forms, services, a migration for rows written before), and pages show each name in a
<bdi>, so a Latin name keeps its order inside Arabic text and an Arabic one inside English text."""
from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
from alembic.migration import MigrationContext
from alembic.operations import Operations
from sqlalchemy import select, text

from app.accounts.models import User
from app.catalog.models import Brand, Product
from app.vendors.models import Vendor
from tests.backoffice import apply, post_form, sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.integration.listing_data import (  # noqa: F401  (fixtures)
    admin,
    jpeg_bytes,
    listing_world,
    post_product,
    product_fields,
)
from tests.shop import add, shop  # noqa: F401  (shop is a fixture)

RLO, LRI, PDI, RLE, PDF = "\u202e", "\u2066", "\u2069", "\u202b", "\u202c"
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")


def stored(app, db, model, **where):
    with app.app_context():
        row = db.session.scalar(select(model).filter_by(**where))
        db.session.refresh(row)
        return row


def test_registration_drops_them_from_the_persons_name(app, db, client):
    response = client.post("/register", data={
        "full_name": f"Eve {RLO}evE{PDF} {LRI}Haddad{PDI}", "email": "eve@example.com",
        "password": "correct horse battery", "preferred_language": "en",
        "csrf_token": csrf_token_from(client, "/register")})
    assert response.status_code == 303
    assert stored(app, db, User, email="eve@example.com").full_name == "Eve evE Haddad"


def test_a_vendor_application_drops_them_from_the_shops_and_contacts_names(app, db, client, create_user):
    applicant = create_user(email="layla@example.com")
    sign_in_as(client, applicant)
    response = apply(client, name_en=f"Oud {RLO}d832cd EN", name_ar=f"{RLE}عطور الشرق{PDF}",
                     contact_name=f"{LRI}Layla{PDI} Haddad")
    assert response.status_code == 303, text_of(response)[:1500]
    vendor = stored(app, db, Vendor, owner_id=applicant.id)
    assert (vendor.name_en, vendor.name_ar, vendor.contact_name) == ("Oud d832cd EN", "عطور الشرق", "Layla Haddad")


def test_a_vendors_product_drops_them_from_its_names_and_perfumer(app, db, client, listing_world):
    sign_in_as(client, listing_world.owner)
    fields = product_fields(listing_world, name_en=f"Amber {RLO}enuD", name_ar=f"{LRI}عنبر{PDI} الكثبان",
                            perfumer=f"{RLO}Alberto Morillas")
    response = post_product(client, "/vendor/products/new", fields, photos=[(jpeg_bytes(), "front.jpg")])
    assert response.status_code == 303, text_of(response)[:1500]
    product = stored(app, db, Product, name_en="Amber enuD")
    assert (product.name_ar, product.perfumer) == ("عنبر الكثبان", "Alberto Morillas")


def test_the_back_office_drops_them_from_a_brands_names(app, db, client, admin):
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, "/admin/brands/new", "/admin/brands/new", name_en=f"Maison {RLO}illevirC",
                         name_ar=f"ميزون {LRI}كريفيلي{PDI}", slug="", style="niche", country="FR", founded_year="",
                         story_en="", story_ar="")
    assert response.status_code == 303, text_of(response)[:1500]
    brand = stored(app, db, Brand, slug="maison-illevirc")
    assert (brand.name_en, brand.name_ar) == ("Maison illevirC", "ميزون كريفيلي")


def test_services_and_imports_cannot_store_them_either(app, db):
    with app.app_context():
        brand = Brand(slug="x", name_en=f"A{RLO}B", name_ar=f"{LRI}ج{PDI}", style="niche", country="FR")
        user = User(email="z@example.com", full_name=f"Z{RLE}z{PDF}")
        vendor = Vendor(slug="v", name_en=f"V{RLO}", name_ar="ف", contact_name=f"{LRI}C{PDI}")
        assert (brand.name_en, brand.name_ar, user.full_name, vendor.name_en, vendor.contact_name) == (
            "AB", "ج", "Zz", "V", "C")


def test_the_migration_cleans_names_stored_before(app, db, shop):
    made = shop.offer(name_en="Royal Oud", name_ar="العود الملكي")
    with app.app_context():
        connection = db.session.connection()
        connection.execute(text("UPDATE product SET name_en = :en, perfumer = :who WHERE id = :id"),
                           {"en": f"Oud {RLO}d832cd EN", "who": f"{LRI}Nose{PDI}", "id": made.product_id})
        connection.execute(text("UPDATE brand SET name_ar = :ar WHERE id = :id"),
                           {"ar": f"{RLE}أجمل{PDF}", "id": made.brand_id})
        connection.execute(text("UPDATE vendor SET name_en = :en WHERE id = :id"),
                           {"en": f"Souq {RLO}A", "id": made.vendor_id})
        revision = next((Path(app.root_path).parent / "migrations" / "versions").glob("*_drop_bidi_controls_*.py"))
        spec = importlib.util.spec_from_file_location("drop_bidi_controls", revision)
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        with Operations.context(MigrationContext.configure(connection)):
            migration.upgrade()
        names = connection.execute(text(
            "SELECT p.name_en, p.perfumer, b.name_ar, v.name_en FROM product p JOIN brand b ON b.id = p.brand_id, "
            "vendor v WHERE p.id = :product AND v.id = :vendor"), {"product": made.product_id,
                                                                   "vendor": made.vendor_id}).one()
        assert tuple(names) == ("Oud d832cd EN", "Nose", "أجمل", "Souq A")


def test_pages_show_names_isolated_and_without_controls(app, db, client, customer, shop):
    """A name stored with an override (as rows were before the migration) reaches no page unisolated."""
    made = shop.offer(name_en="Royal Oud", name_ar="العود الملكي")
    with app.app_context():
        db.session.execute(text("UPDATE product SET name_en = :en WHERE id = :id"),
                           {"en": f"Oud {RLO}d832cd EN", "id": made.product_id})
        db.session.commit()
        slug = db.session.scalar(select(Product.slug).where(Product.id == made.product_id))
    product_page = client.get(f"/p/{slug}").get_data(as_text=True)
    assert '<h1 id="product-title" class="product__name"><bdi>Oud d832cd EN</bdi></h1>' in product_page
    assert "<bdi>Ajmal</bdi>" in product_page and "<bdi>Souq A</bdi>" in product_page
    add(client, made.offer_id)
    bag = client.get("/cart").get_data(as_text=True)
    assert "<bdi>Oud d832cd EN</bdi>" in bag and "<bdi>Souq A</bdi>" in bag
    for page in (product_page, bag):
        words = re.sub(r"<[^>]*>", " ", page.split("<body", 1)[1])  # what the page shows (not its attributes)
        assert not BIDI_CONTROL.search(words)


@pytest.mark.parametrize("language, name", [("en", "Oud d832cd EN"), ("ar", "عود Oud")])
def test_a_card_shows_its_names_isolated(app, db, client, shop, language, name):
    from app.search.listing import bump_listing_version, refresh_listing

    made = shop.offer(name_en=f"Oud {RLO}d832cd EN", name_ar=f"عود {LRI}Oud{PDI}")
    with app.test_request_context():
        db.session.execute(text("UPDATE product SET name_en = :en, name_ar = :ar WHERE id = :id"),
                           {"en": f"Oud {RLO}d832cd EN", "ar": f"عود {LRI}Oud{PDI}", "id": made.product_id})
        refresh_listing([made.product_id])
        db.session.commit()
        bump_listing_version()
    client.set_cookie("lang", language)
    page = client.get("/products").get_data(as_text=True)
    card = re.search(r'<article class="product-card[^"]*">.*?</article>', page, re.S).group(0)
    assert f">{'<bdi>' + name + '</bdi>'}</a>" in card and not BIDI_CONTROL.search(card)


def test_an_email_inside_an_arabic_sentence_is_isolated(client):
    client.set_cookie("lang", "ar")
    client.post("/register", data={
        "full_name": "هدى المنصوري", "email": "huda@example.com", "password": "correct horse battery",
        "preferred_language": "ar", "csrf_token": csrf_token_from(client, "/register")})
    page = client.get("/").get_data(as_text=True)
    flash = re.search(r'<p class="flash flash--success">(.*?)</p>', page, re.S).group(1)
    assert "<bdi>huda@example.com</bdi>" in flash and re.search(r"[\u0600-\u06FF]", flash)
