"""The vendor's offers table: filters, sort and pages; a row edited in place with htmx and on its own page
without; the offer rules with translated errors and the input kept; another shop's offer is a 404; a
suspended shop changes nothing; adding an offer to a catalog perfume; the store showing the new price."""
from decimal import Decimal

from sqlalchemy import select, update

from app.audit.models import AuditEntry
from app.catalog.models import Offer, Variant
from app.vendors.models import Vendor
from tests.backoffice import sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.offers import HTMX, edit, listing_refreshes, offer_row, offer_world, set_vendor_status  # noqa: F401
from tests.processes import wait_until
from tests.shop import committed_shop  # noqa: F401  (fixture)


def test_the_table_shows_the_shops_own_offers_filtered_sorted_and_paged(app, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    everything = text_of(client.get("/vendor/offers"))
    assert "3 offers" in everything and "Amber Night" in everything and "RO-100" in everything
    assert "B-1" not in everything  # another shop's offer of the same perfume

    assert "1 offer " in text_of(client.get("/vendor/offers?q=العود"))  # the Arabic name, either script
    assert "1 offer " in text_of(client.get("/vendor/offers?q=an-50"))  # or the SKU
    sold_out = text_of(client.get("/vendor/offers?stock=out"))
    assert "1 offer " in sold_out and "Amber Night" in sold_out
    assert "2 offers" in text_of(client.get("/vendor/offers?stock=low"))  # 5 or fewer: Royal Oud and Amber Night
    paused = text_of(client.get("/vendor/offers?active=no"))
    assert "1 offer " in paused and "White Musk" in paused

    by_price = client.get("/vendor/offers?sort=-price").get_data(as_text=True)
    assert by_price.index("RO-100") < by_price.index("AN-50") < by_price.index("MU-30")
    assert 'aria-sort="descending"' in by_price

    fragment = client.get("/vendor/offers?sort=stock", headers=HTMX)
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="offer-table"') and "<html" not in html
    assert "HX-Request" in fragment.headers["Vary"]
    assert client.get("/vendor/offers?sort=drop&stock=maybe&page=x&active=1").status_code == 200


def test_a_row_opens_into_its_form_and_saves_in_place_with_htmx(app, db, client, redis_client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    opened = client.get(f"/vendor/offers/{offer_world.royal_oud}/edit", headers=HTMX)
    html = opened.get_data(as_text=True)
    assert opened.status_code == 200 and html.lstrip().startswith(f'<tr id="offer-{offer_world.royal_oud}"')
    assert 'value="450.00"' in html and "autofocus" in html and "<html" not in html

    saved = edit(client, offer_world.royal_oud, htmx=True, price="425.5", compare_at_price="480", stock="12",
                 gift_wrap="y", delivery_promise="next-day")
    row = saved.get_data(as_text=True)
    assert saved.status_code == 200 and row.lstrip().startswith(f'<tr id="offer-{offer_world.royal_oud}"')
    assert "AED 425.50" in text_of(saved) and "AED 480.00" in text_of(saved) and "Next-day delivery" in text_of(saved)
    assert "The offer is saved." in saved.headers["HX-Trigger"]

    offer = offer_row(app, db, offer_world.royal_oud)
    assert (offer.price, offer.compare_at_price, offer.stock, offer.gift_wrap, offer.delivery_promise) == (
        Decimal("425.50"), Decimal("480.00"), 12, True, "next-day")
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "offer.update"))
        assert entry.subject_type == "offer" and entry.subject_id == offer_world.royal_oud
        assert entry.actor_id == offer_world.users["vendor"].id and entry.actor_role == "vendor"
        assert entry.before == {"price": "450.00", "compare_at_price": None, "stock": 5, "gift_wrap": False,
                                "delivery_promise": "standard"}
        assert entry.after["price"] == "425.50" and entry.after["stock"] == 12
    assert listing_refreshes(redis_client, offer_world.royal_oud_product) == 1  # the store's rows, after the commit

    unchanged = edit(client, offer_world.royal_oud, htmx=True, price="425.50", compare_at_price="480.00",
                     stock="12", gift_wrap="y", delivery_promise="next-day")
    assert "Nothing changed." in unchanged.headers["HX-Trigger"]
    with app.app_context():
        assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action == "offer.update")
                                 .order_by(AuditEntry.id.desc())) == entry.id  # no second entry

    cancelled = client.get(f"/vendor/offers/{offer_world.royal_oud}", headers=HTMX)
    assert cancelled.get_data(as_text=True).lstrip().startswith("<tr") and "autofocus" in cancelled.get_data(as_text=True)


def test_errors_stay_in_the_row_in_arabic_with_what_was_typed(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    client.set_cookie("lang", "ar")
    token = csrf_token_from(client, "/vendor/offers")
    bad = edit(client, offer_world.royal_oud, htmx=True, token=token, price="12.345", stock="-2", sku="AN-50")
    html = bad.get_data(as_text=True)
    assert bad.status_code == 422 and html.lstrip().startswith(f'<tr id="offer-{offer_world.royal_oud}"')
    assert 'value="12.345"' in html and 'value="-2"' in html and 'value="AN-50"' in html
    assert 'aria-invalid="true"' in html
    assert "أدخل سعرًا بالدرهم" in html  # the price rule, translated
    assert "Enter a price" not in html

    below = edit(client, offer_world.royal_oud, htmx=True, token=token, price="300", compare_at_price="300")
    assert below.status_code == 422 and 'value="300"' in below.get_data(as_text=True)
    taken = edit(client, offer_world.royal_oud, htmx=True, token=token, sku="an-50")  # SKUs ignore case
    assert taken.status_code == 422 and "an-50" in taken.get_data(as_text=True)
    arabic_digits = edit(client, offer_world.royal_oud, htmx=True, token=token, price="٤٠٠٫٥", stock="٧")
    assert arabic_digits.status_code == 200

    offer = offer_row(app, db, offer_world.royal_oud)
    assert (offer.price, offer.stock, offer.sku) == (Decimal("400.50"), 7, "RO-100")


def test_each_rule_of_an_offer_is_checked(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    token = csrf_token_from(client, "/vendor/offers")
    cases = [
        ({"price": "0"}, "Enter a price in dirhams above zero"),
        ({"price": "-5"}, "Enter a price in dirhams above zero"),
        ({"price": "abc"}, "Enter a price in dirhams above zero"),
        ({"price": "1000000"}, "A price must be below 1,000,000 dirhams."),
        ({"compare_at_price": "450"}, "The earlier price must be above the price, or empty."),
        ({"compare_at_price": "9.999"}, "Enter the earlier price in dirhams"),
        ({"price": "9" * 40}, "Enter a price in dirhams above zero"),  # forty digits were a 500
        ({"compare_at_price": "9" * 40}, "Enter the earlier price in dirhams"),
        ({"stock": "2.5"}, "Enter the stock as a whole number, 0 or more."),
        ({"stock": ""}, "Enter the stock as a whole number, 0 or more."),
        ({"sku": ""}, "Enter the SKU"),
        ({"sku": "MU-30"}, "Another of your offers already has this SKU."),
        ({"delivery_promise": "by-camel"}, "Not a valid choice"),
    ]
    for values, message in cases:
        response = edit(client, offer_world.royal_oud, htmx=True, token=token, **values)
        assert response.status_code == 422, values
        assert message in text_of(response), values
    assert edit(client, offer_world.royal_oud, htmx=True, token=token, sku="B-1").status_code == 200  # another shop's SKU is fine
    assert offer_row(app, db, offer_world.royal_oud).price == Decimal("450.00")


def test_without_javascript_the_offer_has_its_own_page(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    back = "/vendor/offers?stock=low&page=1"
    page = client.get(f"/vendor/offers/{offer_world.amber_night}/edit?next=/vendor/offers?stock=low")
    assert page.status_code == 200 and "<html" in page.get_data(as_text=True) and "Amber Night" in text_of(page)
    assert "HX-Request" in page.headers["Vary"]  # the same URL answers htmx with the row's form
    assert client.get(f"/vendor/offers/{offer_world.amber_night}").status_code == 303  # the row alone is for htmx

    wrong = edit(client, offer_world.amber_night, price="320", compare_at_price="100", stock="3", sku="AN-50",
                 next=back)
    assert wrong.status_code == 422 and "<html" in wrong.get_data(as_text=True)
    assert "The earlier price must be above the price, or empty." in text_of(wrong)
    assert 'value="100"' in wrong.get_data(as_text=True)

    saved = edit(client, offer_world.amber_night, price="320", stock="8", sku="AN-50", next=back)
    assert saved.status_code == 303 and saved.headers["Location"] == back
    assert "The offer is saved." in text_of(client.get(back))
    assert offer_row(app, db, offer_world.amber_night).stock == 8
    elsewhere = edit(client, offer_world.amber_night, price="321", stock="8", sku="AN-50", next="https://evil.example/")
    assert elsewhere.headers["Location"] == "/vendor/offers"


def test_another_shops_offer_is_answered_as_if_it_did_not_exist(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    others = offer_world.others_offer
    assert client.get(f"/vendor/offers/{others}/edit").status_code == 404
    assert client.get(f"/vendor/offers/{others}/edit", headers=HTMX).status_code == 404
    assert client.get(f"/vendor/offers/{others}", headers=HTMX).status_code == 404
    assert edit(client, others, price="1", sku="B-1").status_code == 404
    assert edit(client, others, htmx=True, price="1", sku="B-1").status_code == 404
    assert client.get("/vendor/offers/999999/edit").status_code == 404
    assert client.get("/vendor/offers/99999999999999999999/edit").status_code == 404
    assert offer_row(app, db, others).price == Decimal("500.00")


def test_a_suspended_shop_sees_its_offers_but_changes_nothing(app, db, client, offer_world):
    set_vendor_status(app, db, offer_world.own_vendor, "suspended")
    sign_in_as(client, offer_world.users["vendor"])
    table = client.get("/vendor/offers")
    assert table.status_code == 200 and "Your shop is suspended" in text_of(table)
    assert f"/vendor/offers/{offer_world.royal_oud}/edit" not in table.get_data(as_text=True)

    refused = edit(client, offer_world.royal_oud, htmx=True, price="1")
    assert refused.status_code == 403 and "data-error-message" in refused.get_data(as_text=True)
    plain = edit(client, offer_world.royal_oud, price="1")
    assert plain.status_code == 303
    assert "Your shop is suspended" in text_of(client.get(plain.headers["Location"]))
    assert client.get(f"/vendor/offers/{offer_world.royal_oud}/edit").status_code == 303
    assert offer_row(app, db, offer_world.royal_oud).price == Decimal("450.00")
    with app.app_context():
        variant_id = db.session.scalar(select(Offer.variant_id).where(Offer.id == offer_world.others_offer))
        assert db.session.scalar(select(AuditEntry.id).where(AuditEntry.action.like("offer.%"))) is None
    token = csrf_token_from(client, "/vendor/offers")
    added = client.post(f"/vendor/offers/new/{variant_id}", data={"price": "10", "stock": "1", "sku": "X",
                                                                   "delivery_promise": "standard", "csrf_token": token})
    assert added.status_code == 303


def test_adding_an_offer_to_a_catalog_perfume_and_not_twice(app, db, client, offer_world):
    from app.search.listing import bump_listing_version, rebuild_listing

    other = offer_world.shop.offer(vendor="souq-b", name_en="Saffron Veil", name_ar="وشاح الزعفران", size=75)
    offer_world.shop.offer(vendor="souq-b", name_en="Saffron Dusk", name_ar="غسق الزعفران", active=False)
    pending = offer_world.shop.offer(vendor="souq-b", name_en="Saffron Draft", name_ar="مسودة", status="pending")
    with app.app_context():  # the store lists Saffron Veil; nobody sells Saffron Dusk at the moment
        rebuild_listing()
        db.session.commit()
        bump_listing_version()
    sign_in_as(client, offer_world.users["vendor"])
    found = client.get("/vendor/offers/new?q=زعفران")
    assert found.status_code == 200 and "Saffron Draft" not in text_of(found)
    assert text_of(found).index("Saffron Veil") < text_of(found).index("Saffron Dusk")  # on sale first
    assert "Sell 75 ml" in text_of(found)
    assert "1 perfume found" in text_of(client.get("/vendor/offers/new?q=SAFFRON veil", headers=HTMX))
    assert "ajmal" not in text_of(client.get("/vendor/offers/new?q=%25")).lower()  # a bare wildcard finds nothing
    by_house = text_of(client.get("/vendor/offers/new?q=ميزون"))  # the house's Arabic name
    assert "Amber Night" in by_house and "you sell this size" in by_house

    with app.app_context():
        variant_id = db.session.scalar(select(Variant.id).join(Offer).where(Offer.id == other.offer_id))
        pending_variant = db.session.scalar(select(Variant.id).join(Offer).where(Offer.id == pending.offer_id))
    form = f"/vendor/offers/new/{variant_id}"
    assert client.get(f"/vendor/offers/new/{pending_variant}").status_code == 404
    token = csrf_token_from(client, form)
    values = {"price": "280", "compare_at_price": "", "stock": "6", "sku": "SV-75", "delivery_promise": "same-day",
              "is_active": "y", "csrf_token": token}
    wrong = client.post(form, data={**values, "sku": "RO-100"})
    assert wrong.status_code == 422 and "Another of your offers already has this SKU." in text_of(wrong)
    assert 'value="280"' in wrong.get_data(as_text=True)

    added = client.post(form, data=values)
    assert added.status_code == 303
    assert "Your offer is added." in text_of(client.get(added.headers["Location"]))
    with app.app_context():
        offer = db.session.scalar(select(Offer).where(Offer.vendor_id == offer_world.own_vendor,
                                                      Offer.variant_id == variant_id))
        assert (offer.price, offer.stock, offer.sku, offer.delivery_promise) == (Decimal("280.00"), 6, "SV-75", "same-day")
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "offer.create"))
        assert entry.subject_id == offer.id and entry.after["variant_id"] == variant_id

    again = client.post(form, data={**values, "sku": "SV-75-B"})
    assert again.status_code == 422 and "You already sell this size." in text_of(again)
    assert "You already sell this size." in text_of(client.get(form))


def test_the_store_shows_the_new_price_once_the_listing_is_refreshed(app, committed_shop, committed_db, worker):
    from app.accounts.services import create_user
    from app.search.jobs import rebuild_product_listing

    made = committed_shop.offer(name_en="Saffron Veil", name_ar="وشاح الزعفران", price="310", vendor="souq-a")
    with app.app_context():
        rebuild_product_listing()
        vendor = create_user("hessa@example.com", "Hessa Vendor", "correct horse battery", roles=("customer", "vendor"))
        committed_db.session.flush()
        committed_db.session.execute(update(Vendor).where(Vendor.id == made.vendor_id).values(owner_id=vendor.id))
        committed_db.session.commit()
        committed_db.session.refresh(vendor)
    client = app.test_client()
    assert "AED 310.00" in text_of(client.get("/products?q=saffron"))

    with app.app_context():
        sku = committed_db.session.scalar(select(Offer.sku).where(Offer.id == made.offer_id))
    sign_in_as(client, vendor)
    saved = edit(client, made.offer_id, htmx=True, price="275", sku=sku, stock="4")
    assert saved.status_code == 200
    wait_until(lambda: "AED 275.00" in text_of(client.get("/products?q=saffron")), timeout=20,
               what="the new price in the store")
