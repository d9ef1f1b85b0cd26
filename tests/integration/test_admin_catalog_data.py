"""The back office's catalog data: brands and notes created and edited, categories renamed and reordered,
with validation (unique slugs, Arabic names in Arabic script, English ones in Latin script) answered on
the same page with the input kept; tables that search, sort, page and export; every change audited; and
a renamed brand reaching search and cards through the listing refresh job."""
import csv
import io
import re

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.catalog.filters import ListingQuery
from app.catalog.models import Brand, Category, Note
from app.search.backend import search_products
from tests.backoffice import post_form, sign_in_as, text_of
from tests.processes import wait_until
from tests.shop import Shop

BRAND = {"name_en": "Maison Crivelli", "name_ar": "ميزون كريفيلي", "slug": "", "style": "niche", "country": "FR",
         "founded_year": "2018", "story_en": "Sensory shocks,\nbottled.", "story_ar": "صدمات حسية في زجاجة.",
         "is_featured": "y"}


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def catalog(app, db):
    """Two brands, two categories and two notes."""
    with app.app_context():
        db.session.add_all([
            Brand(slug="ajmal", name_en="Ajmal", name_ar="أجمل", style="arabian", country="AE", founded_year=1951),
            Brand(slug="amouage", name_en="Amouage", name_ar="أمواج", style="niche", country="OM", founded_year=1983),
            Category(slug="perfume", name_en="Perfumes", name_ar="عطور", position=1),
            Category(slug="bakhoor", name_en="Bakhoor", name_ar="بخور", position=2),
            Note(slug="oud", name_en="Oud", name_ar="عود", family="oud"),
            Note(slug="taif-rose", name_en="Taif rose", name_ar="ورد طائفي", family="floral"),
        ])
        db.session.commit()
        return {row.slug: row.id for model in (Brand, Category, Note) for row in db.session.scalars(select(model))}


def row(app, db, model, row_id):
    with app.app_context():
        found = db.session.get(model, row_id)
        db.session.refresh(found)
        return found


def audit(app, db, action):
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == action).order_by(AuditEntry.id)).all()


def errors_of(response) -> list[str]:
    return re.findall(r'class="field__error"[^>]*>([^<]*)<', response.get_data(as_text=True))


# ---- Brands ----

def test_creating_a_brand_makes_its_slug_and_audits_it(app, db, client, admin, catalog):
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, "/admin/brands/new", "/admin/brands/new", **BRAND)
    assert response.status_code == 303
    assert "The brand is added." in text_of(client.get(response.headers["Location"]))
    with app.app_context():
        brand = db.session.scalar(select(Brand).where(Brand.slug == "maison-crivelli"))
        assert (brand.name_ar, brand.style, brand.country, brand.founded_year, brand.is_featured) == (
            "ميزون كريفيلي", "niche", "FR", 2018, True)
        assert brand.story_en == "Sensory shocks,\nbottled."
    (entry,) = audit(app, db, "brand.create")
    assert entry.before is None and entry.after["slug"] == "maison-crivelli" and entry.actor_id == admin.id


@pytest.mark.parametrize("changes, field_error", [
    ({"name_ar": ""}, "Enter the Arabic name."),
    ({"name_ar": "Maison"}, "Write the Arabic name in Arabic letters."),
    ({"name_ar": "ميزون Crivelli"}, "Write the Arabic name in Arabic letters."),
    ({"name_en": "ميزون"}, "Write the English name in Latin letters."),
    ({"slug": "ajmal"}, "Another one already uses this slug."),
    ({"slug": "Bad Slug!"}, "Use lowercase Latin letters, digits and single hyphens only."),
    ({"founded_year": "next year"}, "Enter a year from 1500 to"),
    ({"founded_year": "3000"}, "Enter a year from 1500 to"),
    ({"style": "cheap"}, "Not a valid choice"),
])
def test_a_refused_brand_says_why_on_the_same_page_with_the_input_kept(app, db, client, admin, catalog, changes,
                                                                       field_error):
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, "/admin/brands/new", "/admin/brands/new", **{**BRAND, **changes})
    assert response.status_code == 422
    assert any(field_error in error for error in errors_of(response))
    html = response.get_data(as_text=True)
    assert "Sensory shocks,\nbottled.</textarea>" in html  # what was typed is kept
    assert '<option selected value="FR">' in html
    assert '<option selected value="niche">' in html or "style" in changes
    with app.app_context():
        assert db.session.scalar(select(Brand).where(Brand.name_en == "Maison Crivelli")) is None
    assert audit(app, db, "brand.create") == []


def test_a_refused_brand_speaks_arabic(client, admin, catalog):
    client.set_cookie("lang", "ar")
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, "/admin/brands/new", "/admin/brands/new", **{**BRAND, "name_ar": "Maison"})
    assert response.status_code == 422 and "اكتب الاسم العربي بحروف عربية." in errors_of(response)
    assert 'value="Maison"' in response.get_data(as_text=True)


def test_editing_a_brand_records_only_what_changed(app, db, client, admin, catalog):
    brand_id = catalog["ajmal"]
    sign_in_as(client, admin, second_factor=True)
    page = client.get(f"/admin/brands/{brand_id}")
    assert page.status_code == 200 and 'value="Ajmal"' in page.get_data(as_text=True)
    response = post_form(client, f"/admin/brands/{brand_id}", f"/admin/brands/{brand_id}",
                         name_en="Ajmal Perfumes", name_ar="أجمل", slug="ajmal", style="arabian", country="AE",
                         founded_year="1951", story_en="", story_ar="")
    assert response.status_code == 303
    assert row(app, db, Brand, brand_id).name_en == "Ajmal Perfumes"
    (entry,) = audit(app, db, "brand.update")
    assert (entry.before, entry.after) == ({"name_en": "Ajmal"}, {"name_en": "Ajmal Perfumes"})
    assert "House changed" in text_of(client.get(f"/admin/brands/{brand_id}"))  # the page’s history, in words


def test_the_brands_table_searches_sorts_pages_and_exports(app, db, client, admin, catalog):
    with app.app_context():
        db.session.add_all([Brand(slug=f"house-{n:02d}", name_en=f"House {n:02d}", name_ar=f"دار {n}",
                                  style="indie", country="AE") for n in range(25)])
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    assert "Amouage" in text_of(client.get("/admin/brands?q=أمواج")) and "Ajmal" not in text_of(
        client.get("/admin/brands?q=أمواج"))
    founded = client.get("/admin/brands?sort=-founded&style=niche").get_data(as_text=True)
    assert "Amouage" in founded and "Ajmal" not in founded
    first = text_of(client.get("/admin/brands?sort=name"))
    assert "27 brands" in first and "Page 1 of 2" in first
    second = client.get("/admin/brands?sort=name&page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert "House 24" in second and "<html" not in second
    assert client.get("/admin/brands?sort=bogus&style=bogus&featured=bogus&page=abc").status_code == 200
    exported = client.get("/admin/brands.csv?style=arabian")
    rows = list(csv.DictReader(io.StringIO(exported.get_data(as_text=True).lstrip("\ufeff"))))
    assert [(r["slug"], r["name_ar"], r["founded_year"]) for r in rows] == [("ajmal", "أجمل", "1951")]


# ---- Categories ----

def test_a_category_gets_new_names_and_position_but_keeps_its_slug(app, db, client, admin, catalog):
    category_id = catalog["bakhoor"]
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, f"/admin/categories/{category_id}", f"/admin/categories/{category_id}",
                         name_en="Incense", name_ar="بخور ومباخر", position="0", slug="hacked")
    assert response.status_code == 303
    category = row(app, db, Category, category_id)
    assert (category.slug, category.name_en, category.name_ar, category.position) == (
        "bakhoor", "Incense", "بخور ومباخر", 0)
    assert audit(app, db, "category.update")[0].after == {"name_en": "Incense", "name_ar": "بخور ومباخر",
                                                         "position": 0}
    listed = re.findall(r'href="/admin/categories/\d+"><bdi>([^<]+)', client.get(
        "/admin/categories?sort=position").get_data(as_text=True))
    assert listed == ["Incense", "Perfumes"]
    assert "bakhoor" in client.get("/admin/categories.csv").get_data(as_text=True)


def test_a_refused_category_keeps_the_input(app, db, client, admin, catalog):
    category_id = catalog["bakhoor"]
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, f"/admin/categories/{category_id}", f"/admin/categories/{category_id}",
                         name_en="Incense", name_ar="Bakhoor", position="first")
    assert response.status_code == 422
    assert set(errors_of(response)) == {"Write the Arabic name in Arabic letters.",
                                        "Enter a whole number from 0 to 999."}
    assert 'value="Incense"' in response.get_data(as_text=True) and 'value="first"' in response.get_data(as_text=True)
    assert row(app, db, Category, category_id).name_en == "Bakhoor"


# ---- Notes ----

def test_creating_and_editing_a_note(app, db, client, admin, catalog):
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, "/admin/notes/new", "/admin/notes/new", name_en="Saffron", name_ar="زعفران",
                         slug="", family="spicy")
    assert response.status_code == 303
    with app.app_context():
        note = db.session.scalar(select(Note).where(Note.slug == "saffron"))
        assert (note.name_ar, note.family) == ("زعفران", "spicy")
    taken = post_form(client, "/admin/notes/new", "/admin/notes/new", name_en="Oud again", name_ar="عود",
                      slug="oud", family="oud")
    assert taken.status_code == 422 and "Another one already uses this slug." in errors_of(taken)

    edited = post_form(client, f"/admin/notes/{note.id}", f"/admin/notes/{note.id}", name_en="Saffron",
                       name_ar="زعفران", slug="saffron", family="spicy")
    assert edited.status_code == 303  # its own slug is not "taken"
    assert [entry.action for entry in audit(app, db, "note.create")] == ["note.create"]
    assert audit(app, db, "note.update") == []  # nothing changed, nothing recorded
    table = client.get("/admin/notes?family=spicy&sort=-name").get_data(as_text=True)
    assert re.findall(r'href="/admin/notes/\d+"><bdi>([^<]+)', table) == ["Saffron"]
    assert "taif-rose" in client.get("/admin/notes.csv?q=rose").get_data(as_text=True)


def test_unknown_rows_are_404(client, admin, catalog):
    sign_in_as(client, admin, second_factor=True)
    for path in ("/admin/brands/999999", "/admin/categories/999999", "/admin/notes/999999", "/admin/notes/abc",
                 "/admin/brands/99999999999"):
        assert client.get(path).status_code == 404


# ---- The store follows ----

def listed(app, query: str) -> list[tuple[str, str]]:
    """(perfume, house) of the cards a search finds."""
    with app.app_context():
        return [(card.name_en, card.brand_name_en) for card in search_products(ListingQuery(q=query)).products]


def test_a_renamed_brand_and_note_reach_search_and_cards_through_the_listing_refresh(
        app, committed_db, redis_client, worker, create_admin_committed):
    from app.catalog.models import ProductNote
    from app.search.jobs import rebuild_product_listing

    shop = Shop(app, committed_db)
    made = shop.offer(name_en="Royal Oud", brand="maison-x")
    with app.app_context():
        note = Note(slug="oud", name_en="Oud", name_ar="عود", family="oud")
        committed_db.session.add(note)
        committed_db.session.flush()
        committed_db.session.add(ProductNote(product_id=made.product_id, note_id=note.id, layer="base"))
        committed_db.session.commit()
        note_id = note.id
        rebuild_product_listing()
    assert listed(app, "maison") == [("Royal Oud", "Maison X")]

    browser = app.test_client()
    sign_in_as(browser, create_admin_committed, second_factor=True)
    response = post_form(browser, f"/admin/brands/{made.brand_id}", f"/admin/brands/{made.brand_id}",
                         name_en="Maison Zahra", name_ar="ميزون زهرة", slug="maison-zahra", style="designer",
                         country="FR", founded_year="", story_en="", story_ar="")
    assert response.status_code == 303
    wait_until(lambda: listed(app, "zahra") == [("Royal Oud", "Maison Zahra")], timeout=20,
               what="the new brand name in search")
    assert listed(app, "ميزون زهرة") == [("Royal Oud", "Maison Zahra")]
    card_page = browser.get("/products?brand=maison-zahra").get_data(as_text=True)
    assert "Maison Zahra" in card_page and "Royal Oud" in card_page

    assert post_form(browser, f"/admin/notes/{note_id}", f"/admin/notes/{note_id}", name_en="Agarwood",
                     name_ar="خشب العود", slug="oud", family="oud").status_code == 303
    wait_until(lambda: listed(app, "agarwood") == [("Royal Oud", "Maison Zahra")], timeout=20,
               what="the note's new name in search")


@pytest.fixture
def create_admin_committed(app, committed_db):
    from app.accounts.services import create_user

    with app.app_context():
        admin = create_user("aisha@example.com", "Aisha Admin", "correct horse battery", roles=("admin",))
        committed_db.session.commit()
        committed_db.session.refresh(admin)
        return admin


def test_names_sort_in_the_readers_language(app, db, client, admin):
    with app.app_context():
        db.session.add_all([Note(slug="amber", name_en="Amber", name_ar="عنبر", family="amber"),
                            Note(slug="rose", name_en="Rose", name_ar="ورد", family="floral"),
                            Note(slug="saffron", name_en="Saffron", name_ar="زعفران", family="spicy")])
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    english = client.get("/admin/notes?sort=name").get_data(as_text=True)
    assert re.findall(r'href="/admin/notes/\d+"><bdi>([^<]+)', english) == ["Amber", "Rose", "Saffron"]
    client.set_cookie("lang", "ar")
    arabic = client.get("/admin/notes?sort=name").get_data(as_text=True)
    assert re.findall(r'href="/admin/notes/\d+"><bdi>([^<]+)', arabic) == ["زعفران", "عنبر", "ورد"]
