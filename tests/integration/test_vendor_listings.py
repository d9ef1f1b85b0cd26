"""A vendor's own products: proposing one with all its catalog data, first offers and a photo; errors on the
same form with the input kept; another shop's products are 404s; a product never approved is simply
changed, an approved one's changes wait as a revision while the live version stays; an admin approves
(the product changes in one go) or rejects with a reason the vendor reads."""
from decimal import Decimal

import pytest
from sqlalchemy import select, update

from app.audit.models import AuditEntry
from app.catalog.models import Product, ProductRevision, Variant
from app.notifications.models import Notification
from app.vendors.models import Vendor
from tests.backoffice import post_form, sign_in_as, text_of
from tests.integration.listing_data import (  # noqa: F401  (fixtures)
    admin,
    jpeg_bytes,
    listing_world,
    post_product,
    product_fields,
)

NEW = "/vendor/products/new"
NO_NEW_SIZES = {f"variants-{row}-{name}": "" for row in (0, 1)
                for name in ("size_ml", "price", "compare_at_price", "stock", "sku")}


def the_product(app, db, name_en="Amber Dune") -> Product:
    with app.app_context():
        product = db.session.scalar(select(Product).where(Product.name_en == name_en))
        assert product is not None, f"no product {name_en!r}"
        db.session.refresh(product)
        return product


def propose(client, world, **changes):
    sign_in_as(client, world.owner)
    response = post_product(client, NEW, product_fields(world, **changes), photos=[(jpeg_bytes(), "front.jpg")])
    assert response.status_code == 303, text_of(response)[:2000]
    return response


def summary(app, db, product_id: int) -> dict:
    with app.app_context():
        product = db.session.get(Product, product_id)
        db.session.refresh(product)
        return {
            "name_en": product.name_en, "status": product.status,
            "notes": sorted((entry.layer, entry.note.slug) for entry in product.notes),
            "sizes": sorted((str(variant.size_ml), variant.kind, tuple((str(offer.price), offer.stock, offer.sku)
                                                                         for offer in variant.offers))
                            for variant in product.variants),
            "photos": [image.path for image in product.images],
        }


def approve_as_admin(client, admin, product_id: int) -> None:
    sign_in_as(client, admin, second_factor=True)
    response = post_form(client, f"/admin/products/{product_id}/approve", f"/admin/products/{product_id}")
    assert response.status_code == 303


def test_a_vendor_proposes_a_perfume_with_all_its_catalog_data(app, db, client, listing_world, admin):
    world = listing_world
    sign_in_as(client, world.owner)
    form = client.get(NEW)
    assert form.status_code == 200
    page = form.get_data(as_text=True)
    assert '<datalist id="note-choices">' in page and 'value="Saffron · زعفران"' in page and 'list="note-choices"' in page

    response = propose(client, world)
    assert response.headers["Location"].endswith("/vendor/products")
    product = the_product(app, db)
    with app.app_context():
        product = db.session.get(Product, product.id)
        assert product.status == "pending" and product.proposed_by_vendor_id == world.vendor_id
        assert (product.name_ar, product.description_en) == ("كثيب العنبر", "Warm amber over oud.")
        assert (product.family, product.gender, product.concentration) == ("amber", "unisex", "edp")
        assert (product.launch_year, product.perfumer, product.alcohol_free) == (2024, "Layla Haddad", True)
        assert product.occasions == ["night", "wedding"] and product.brand_id == world.brand_id
        assert sorted((entry.layer, entry.note.slug) for entry in product.notes) == [
            ("base", "amber"), ("base", "oud"), ("heart", "taif-rose"), ("top", "saffron")]
        assert [(entry.accord.slug, entry.strength) for entry in product.accords] == [("woody", 80), ("rose", 45)]
        offers = {(variant.size_ml, variant.kind): variant.offers[0] for variant in product.variants}
        big, sample = offers[(Decimal("100.0"), "full")], offers[(Decimal("10.0"), "sample")]
        assert (big.price, big.compare_at_price, big.stock, big.sku) == (Decimal("450.00"), Decimal("520.00"), 7, "AD-100")
        assert big.delivery_promise == "next-day" and big.gift_wrap and big.vendor_id == world.vendor_id
        assert (sample.price, sample.stock, sample.gift_wrap) == (Decimal("45.50"), 0, False)
        assert len(product.images) == 1 and product.images[0].widths == [320, 640, 900]
        told = db.session.scalars(select(Notification).where(Notification.kind == "product_submitted")).all()
        assert {note.user_id for note in told} == {admin.id}
        assert told[0].payload["review_url"].endswith(f"/admin/products/{product.id}")
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.propose"))
        assert entry.subject_id == product.id and entry.actor_id == world.owner.id
        assert entry.after["name_en"] == "Amber Dune" and entry.after["photos"][0]["widths"] == [320, 640, 900]

    listed = text_of(client.get("/vendor/products"))
    assert "Amber Dune" in listed and "Waiting for approval" in listed
    sign_in_as(client, admin, second_factor=True)
    queue = text_of(client.get("/admin/products"))
    assert "Amber Dune" in queue and "Souq A" in queue


def test_errors_come_back_on_the_same_form_with_the_input_kept(app, db, client, listing_world):
    world = listing_world
    sign_in_as(client, world.owner)
    fields = product_fields(world, name_ar="Dune", **{"top-1": "Unicorn tears", "variants-0-price": "abc",
                                                      "variants-1-compare_at_price": "40", "launch_year": "1492",
                                                      "brand": "999999"})
    response = post_product(client, NEW, fields)
    assert response.status_code == 422
    text, html = text_of(response), response.get_data(as_text=True)
    for message in ("Write the Arabic name in Arabic letters.", "we do not know: Unicorn tears",
                    "Enter an amount in AED", "The compare-at price must be higher than the price.",
                    "Enter a year between 1700", "Choose the house from the list."):
        assert message in text, message
    assert 'value="Unicorn tears"' in html and 'value="abc"' in html and 'value="Amber Dune"' in html
    assert 'value="ورد طائفي"' in html and "Warm &lt;b&gt;amber&lt;/b&gt; over oud." in html
    with app.app_context():
        assert db.session.scalar(select(Product)) is None

    nothing = post_product(client, NEW, product_fields(world, **NO_NEW_SIZES))
    assert nothing.status_code == 422 and "Add at least one size with its price and stock." in text_of(nothing)


def test_another_vendors_product_is_a_404_by_any_id(app, db, client, listing_world):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    demo = world.shop.offer(name_en="Catalog Classic", status="approved")
    sign_in_as(client, world.other_owner)
    for path in (f"/vendor/products/{product.id}", f"/vendor/products/{demo.product_id}", "/vendor/products/999999"):
        assert client.get(path).status_code == 404
        assert post_product(client, path, product_fields(world, name_en="Stolen"), page="/vendor/products").status_code == 404
    assert "Amber Dune" not in text_of(client.get("/vendor/products"))
    assert the_product(app, db).name_en == "Amber Dune"


def test_a_product_never_approved_is_simply_changed(app, db, client, listing_world, admin):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    path = f"/vendor/products/{product.id}"
    form = client.get(path).get_data(as_text=True)
    assert 'value="Amber Dune"' in form and 'value="Saffron · زعفران"' in form and 'value="AD-100"' in form

    changed = post_product(client, path, product_fields(world, name_en="Amber Dune Intense", **{
        "variants-1-size_ml": "", "variants-1-price": "", "variants-1-stock": "", "variants-1-sku": ""}))
    assert changed.status_code == 303
    after = summary(app, db, product.id)
    assert after["name_en"] == "Amber Dune Intense" and after["status"] == "pending"
    assert after["sizes"] == [("100.0", "full", (("450.00", 7, "AD-100"),))]
    with app.app_context():
        assert db.session.scalar(select(ProductRevision)) is None

    world.shop.change_product(product.id, status="rejected", rejection_reason="Show the bottle, please.")
    assert "Show the bottle, please." in text_of(client.get(path))
    assert post_product(client, path, product_fields(world, name_en="Amber Dune Intense")).status_code == 303
    with app.app_context():
        again = db.session.get(Product, product.id)
        assert (again.status, again.rejection_reason) == ("pending", None)
        edits = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "product.edit")).all()
        assert [entry.before["status"] for entry in edits] == ["pending", "rejected"]


def test_changes_to_an_approved_product_wait_while_the_live_version_stays(app, db, client, listing_world, admin):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    approve_as_admin(client, admin, product.id)
    live = summary(app, db, product.id)
    assert live["status"] == "approved"

    sign_in_as(client, world.owner)
    path = f"/vendor/products/{product.id}"
    form = text_of(client.get(path))
    assert "Changes you send go to our team for review" in form and "New size 1" in form
    response = post_product(client, path, product_fields(world, name_en="Amber Dune Royale", **{
        "top-0": "Saffron", "top-1": "عنبر", "variants-0-size_ml": "50", "variants-0-price": "300",
        "variants-0-compare_at_price": "", "variants-0-sku": "AD-50", "variants-0-stock": "3",
        "variants-1-size_ml": "", "variants-1-price": "", "variants-1-stock": "", "variants-1-sku": ""}),
        photos=[(jpeg_bytes(700, 900, "maroon"), "side.jpg")])
    assert response.status_code == 303
    assert summary(app, db, product.id) == live  # the store still shows the approved version
    with app.app_context():
        revision = db.session.scalar(select(ProductRevision))
        assert revision.status == "pending" and revision.vendor_id == world.vendor_id
        assert revision.proposed["name_en"] == "Amber Dune Royale" and len(revision.proposed["photos"]) == 2
        revision_id = revision.id
    shown = client.get(path).get_data(as_text=True)
    assert 'value="Amber Dune Royale"' in shown and "Changes under review" in shown
    assert "Changes under review" in text_of(client.get("/vendor/products"))

    # Sending again replaces the waiting proposal (one pending revision per product).
    assert post_product(client, path, product_fields(world, name_en="Amber Dune Royale", **{
        "variants-0-size_ml": "50", "variants-0-price": "300", "variants-0-compare_at_price": "",
        "variants-0-sku": "AD-50", "variants-0-stock": "3", "variants-1-size_ml": "", "variants-1-price": "",
        "variants-1-stock": "", "variants-1-sku": "", "top-1": "عنبر"})).status_code == 303
    with app.app_context():
        assert db.session.scalars(select(ProductRevision)).all()[0].id == revision_id

    sign_in_as(client, admin, second_factor=True)
    queue = text_of(client.get("/admin/products?status=revisions"))
    assert "Amber Dune" in queue and "Souq A" in queue
    page = text_of(client.get(f"/admin/products/revisions/{revision_id}"))
    for expected in ("Amber Dune Royale", "Amber Dune", "Saffron, Amber", "50 ml · Full bottle — new, AED 300.00",
                     "Top notes", "Photos"):
        assert expected in page, expected
    approved = post_form(client, f"/admin/products/revisions/{revision_id}/approve",
                         f"/admin/products/revisions/{revision_id}")
    assert approved.status_code == 303
    after = summary(app, db, product.id)
    assert after["name_en"] == "Amber Dune Royale" and after["status"] == "approved"
    assert ("top", "amber") in after["notes"] and len(after["photos"]) == 2
    assert ("50.0", "full", (("300.00", 3, "AD-50"),)) in after["sizes"]
    assert ("100.0", "full", (("450.00", 7, "AD-100"),)) in after["sizes"]  # the live sizes stay
    with app.app_context():
        revision = db.session.get(ProductRevision, revision_id)
        assert revision.status == "approved" and revision.decided_by_id == admin.id
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.revision.approve"))
        assert entry.before["name_en"] == "Amber Dune" and entry.after["name_en"] == "Amber Dune Royale"
        told = db.session.scalars(select(Notification).where(Notification.user_id == world.owner.id,
                                                             Notification.kind == "product_approved",
                                                             Notification.channel == "email")).all()
        assert len(told) == 2  # the product, then its changes
    again = post_form(client, f"/admin/products/revisions/{revision_id}/approve",
                      f"/admin/products/revisions/{revision_id}")
    assert "Only changes waiting for review" in text_of(client.get(again.headers["Location"]))


def test_rejected_changes_tell_the_vendor_why(app, db, client, listing_world, admin):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    approve_as_admin(client, admin, product.id)
    live = summary(app, db, product.id)
    sign_in_as(client, world.owner)
    assert post_product(client, f"/vendor/products/{product.id}",
                        product_fields(world, name_en="Amber Dune by Chanel", **NO_NEW_SIZES)).status_code == 303
    with app.app_context():
        revision_id = db.session.scalar(select(ProductRevision.id))

    sign_in_as(client, admin, second_factor=True)
    page = f"/admin/products/revisions/{revision_id}"
    empty = post_form(client, f"{page}/reject", page, **{"reject-reason": ""})
    assert empty.status_code == 422 and "Give the reason: the vendor reads it." in text_of(empty)
    assert post_form(client, f"{page}/reject", page,
                     **{"reject-reason": "Another house name is not allowed here."}).status_code == 303
    assert summary(app, db, product.id) == live
    with app.app_context():
        revision = db.session.get(ProductRevision, revision_id)
        assert (revision.status, revision.reason) == ("rejected", "Another house name is not allowed here.")
        told = db.session.scalar(select(Notification).where(Notification.kind == "product_rejected",
                                                            Notification.channel == "email"))
        assert told.user_id == world.owner.id and told.payload["reason"] == "Another house name is not allowed here."
        assert db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.revision.reject"))
    sign_in_as(client, world.owner)
    listed = text_of(client.get("/vendor/products"))
    assert "Changes not approved" in listed and "Another house name is not allowed here." in listed


def test_a_suspended_shop_may_look_but_not_change(app, db, client, listing_world):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    with app.app_context():
        db.session.execute(update(Vendor).where(Vendor.id == world.vendor_id).values(status="suspended"))
        db.session.commit()
    assert "can look at your products but not change them" in text_of(client.get("/vendor/products"))
    page = client.get(f"/vendor/products/{product.id}")
    assert page.status_code == 200 and "disabled" in page.get_data(as_text=True)
    refused = post_product(client, f"/vendor/products/{product.id}", product_fields(world, name_en="Changed"),
                           page="/vendor/products")
    assert refused.status_code == 303 and "not approved to sell" in text_of(client.get(refused.headers["Location"]))
    assert the_product(app, db).name_en == "Amber Dune"
    assert client.get(NEW).status_code == 303


@pytest.mark.parametrize("status", ["pending", "rejected"])
def test_a_shop_that_is_not_selling_is_sent_to_its_application(app, db, client, listing_world, status):
    with app.app_context():
        db.session.execute(update(Vendor).where(Vendor.id == listing_world.vendor_id).values(status=status))
        db.session.commit()
    sign_in_as(client, listing_world.owner)
    for path in ("/vendor/products", NEW):
        response = client.get(path)
        assert response.status_code == 303 and response.headers["Location"].endswith("/vendor/application")


def test_a_new_size_of_an_approved_product_cannot_repeat_a_live_one(app, db, client, listing_world, admin):
    world = listing_world
    propose(client, world)
    product = the_product(app, db)
    approve_as_admin(client, admin, product.id)
    sign_in_as(client, world.owner)
    response = post_product(client, f"/vendor/products/{product.id}", product_fields(world, **{
        "variants-1-size_ml": "", "variants-1-price": "", "variants-1-stock": "", "variants-1-sku": ""}))
    assert response.status_code == 422 and "Each size and kind may be listed once." in text_of(response)
    with app.app_context():
        assert db.session.scalar(select(ProductRevision)) is None
        assert len(db.session.scalars(select(Variant).where(Variant.product_id == product.id)).all()) == 2


def test_the_list_has_pages_and_a_status_filter(app, db, client, listing_world):
    world = listing_world
    made = [world.shop.offer(name_en=f"Perfume {number:02d}", status="rejected" if number == 7 else "pending")
            for number in range(26)]
    with app.app_context():
        db.session.execute(update(Product).where(Product.id.in_([m.product_id for m in made]))
                           .values(proposed_by_vendor_id=world.vendor_id))
        db.session.commit()
    sign_in_as(client, world.owner)
    first = text_of(client.get("/vendor/products"))
    assert "Page 1 of 2" in first and "Perfume 25" in first and "Perfume 00" not in first
    assert "Perfume 00" in text_of(client.get("/vendor/products?page=2"))
    rejected = text_of(client.get("/vendor/products?status=rejected"))
    assert "Perfume 07" in rejected and "Perfume 08" not in rejected
    assert "None of your products has this status." in text_of(client.get("/vendor/products?status=approved"))
    fragment = client.get("/vendor/products?page=2", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="listing-rows">') and "Perfume 00" in fragment
    assert client.get("/vendor/products?status=nonsense&page=-3").status_code == 200
