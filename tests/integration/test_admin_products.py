"""The product approval queue: pending products oldest first, their proposed data, approve (into the store)
or reject with a reason, the shops told, the audit log written; only pending products can be decided."""
from datetime import timedelta

import pytest
from sqlalchemy import select, update

from app.audit.models import AuditEntry
from app.catalog.models import Note, Product, ProductNote
from app.notifications.models import Notification
from app.vendors.models import Vendor
from tests.backoffice import post_form, sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.processes import wait_until
from tests.shop import committed_shop, shop  # noqa: F401  (fixtures)


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def shop_owner(app, db, create_user, shop):
    owner = create_user(email="hessa@example.com", full_name="Hessa Vendor", roles=("customer", "vendor"))
    with app.app_context():
        db.session.execute(update(Vendor).where(Vendor.slug == "souq-a").values(owner_id=owner.id))
        db.session.commit()
    return owner


def pending_product(app, db, shop, name_en="Amber Dune", name_ar="كثيب العنبر"):
    made = shop.offer(name_en=name_en, name_ar=name_ar, status="pending", price="380")
    with app.app_context():
        note = Note(slug=f"saffron-{made.product_id}", name_en="Saffron", name_ar="زعفران", family="spicy")
        db.session.add(note)
        db.session.flush()
        db.session.add(ProductNote(product_id=made.product_id, note_id=note.id, layer="top", position=0))
        db.session.commit()
    return made


def decide(client, product_id, decision, **data):
    return post_form(client, f"/admin/products/{product_id}/{decision}", f"/admin/products/{product_id}", **data)


def status_of(app, db, product_id):
    with app.app_context():
        product = db.session.get(Product, product_id)
        db.session.refresh(product)
        return product.status, product.rejection_reason, product.approved_at


def test_the_queue_lists_pending_products_oldest_first(app, db, client, admin, shop):
    first = pending_product(app, db, shop, "Amber Dune", "كثيب العنبر")
    pending_product(app, db, shop, "Rose Majlis", "مجلس الورد")
    shop.offer(name_en="Already Live", status="approved")
    with app.app_context():
        db.session.execute(update(Product).where(Product.id == first.product_id)
                           .values(created_at=Product.created_at - timedelta(days=2)))
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    page = client.get("/admin/products")
    text = text_of(page)
    assert "2 products" in text and "Already Live" not in text
    assert text.index("Amber Dune") < text.index("Rose Majlis") and "Souq A" in text
    approved = text_of(client.get("/admin/products?status=approved"))
    assert "Already Live" in approved and "Amber Dune" not in approved
    fragment = client.get("/admin/products?q=rose", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="product-table"') and "Rose Majlis" in fragment
    assert "Amber Dune" not in fragment


def test_the_review_page_shows_the_proposed_data(app, db, client, admin, shop):
    made = pending_product(app, db, shop)
    sign_in_as(client, admin, second_factor=True)
    text = text_of(client.get(f"/admin/products/{made.product_id}"))
    for expected in ("Amber Dune", "كثيب العنبر", "Top notes", "Saffron", "Souq A", "AED", "380.00"):
        assert expected in text
    assert client.get("/admin/products/999999").status_code == 404


def test_approving_puts_the_product_in_the_store_and_tells_its_shop(app, db, client, admin, shop, shop_owner):
    made = pending_product(app, db, shop)
    sign_in_as(client, admin, second_factor=True)
    response = decide(client, made.product_id, "approve")
    assert response.status_code == 303 and "status=pending" in response.headers["Location"]
    status, reason, approved_at = status_of(app, db, made.product_id)
    assert status == "approved" and reason is None and approved_at is not None
    with app.app_context():
        told = db.session.scalar(select(Notification).where(Notification.user_id == shop_owner.id,
                                                            Notification.channel == "email"))
        assert told.kind == "product_approved" and told.payload["product"] == "Amber Dune"
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.approve"))
        assert entry.subject_type == "product" and entry.subject_id == made.product_id
        assert entry.before["status"] == "pending" and entry.after["status"] == "approved"


def test_rejecting_needs_a_reason_which_the_shop_reads(app, db, client, admin, shop, shop_owner):
    made = pending_product(app, db, shop)
    sign_in_as(client, admin, second_factor=True)
    empty = decide(client, made.product_id, "reject", **{"reject-reason": " "})
    assert empty.status_code == 422 and "Give the reason: the vendor reads it." in text_of(empty)
    assert status_of(app, db, made.product_id)[0] == "pending"

    assert decide(client, made.product_id, "reject",
                  **{"reject-reason": "The photos show another house's bottle."}).status_code == 303
    assert status_of(app, db, made.product_id)[:2] == ("rejected", "The photos show another house's bottle.")
    with app.app_context():
        told = db.session.scalar(select(Notification).where(Notification.kind == "product_rejected",
                                                            Notification.channel == "email"))
        assert told.user_id == shop_owner.id and told.payload["reason"] == "The photos show another house's bottle."
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.reject"))
        assert entry.after["rejection_reason"] == "The photos show another house's bottle."


@pytest.mark.parametrize("status", ["approved", "rejected", "draft"])
def test_only_pending_products_can_be_decided(app, db, client, admin, shop, status):
    made = shop.offer(name_en="Decided Already", status=status)
    sign_in_as(client, admin, second_factor=True)
    for decision, data in (("approve", {}), ("reject", {"reject-reason": "Not this time."})):
        response = decide(client, made.product_id, decision, **data)
        assert response.status_code == 303
        assert "Only a product waiting for approval" in text_of(client.get(response.headers["Location"]))
        assert status_of(app, db, made.product_id)[0] == status
    with app.app_context():
        assert db.session.scalar(select(AuditEntry)) is None


def test_an_approved_product_is_found_in_the_store(app, committed_shop, committed_db, worker):
    from app.accounts.services import create_user

    made = committed_shop.offer(name_en="Velvet Saffron", name_ar="زعفران مخملي", status="pending")
    with app.app_context():
        admin = create_user("aisha@example.com", "Aisha Admin", "correct horse battery", roles=("admin",))
        committed_db.session.commit()
        committed_db.session.refresh(admin)
    client = app.test_client()
    assert "Velvet Saffron" not in text_of(client.get("/products?q=saffron"))
    sign_in_as(client, admin, second_factor=True)
    assert decide(client, made.product_id, "approve").status_code == 303
    wait_until(lambda: "Velvet Saffron" in text_of(client.get("/products?q=saffron")), timeout=20,
               what="the approved perfume in the store's search")


def test_ticked_products_are_approved_together(app, db, client, admin, shop, shop_owner):
    first = pending_product(app, db, shop, "Amber Dune", "كثيب العنبر")
    second = pending_product(app, db, shop, "Rose Majlis", "مجلس الورد")
    left = pending_product(app, db, shop, "Oud Night", "ليلة العود")
    already = shop.offer(name_en="Already Rejected", status="rejected")
    sign_in_as(client, admin, second_factor=True)
    page = client.get("/admin/products").get_data(as_text=True)
    assert f'name="product_ids" value="{first.product_id}" form="bulk-approve"' in page
    response = client.post("/admin/products/approve", data={
        "csrf_token": csrf_token_from(client, "/admin/products"),
        "product_ids": [str(first.product_id), str(second.product_id), str(already.product_id), "nonsense"]})
    assert response.status_code == 303
    assert "2 products are approved" in text_of(client.get(response.headers["Location"]))
    assert [status_of(app, db, made.product_id)[0] for made in (first, second, left, already)] == [
        "approved", "approved", "pending", "rejected"]
    with app.app_context():
        assert len(db.session.scalars(select(AuditEntry).where(AuditEntry.action == "product.approve")).all()) == 2
    nothing = client.post("/admin/products/approve", data={"csrf_token": csrf_token_from(client, "/admin/products")})
    assert "Tick the products to approve first." in text_of(client.get(nothing.headers["Location"]))


def test_an_approved_product_can_be_featured_on_the_home_page(app, db, client, admin, shop):
    live = shop.offer(name_en="Velvet Saffron", status="approved")
    waiting = pending_product(app, db, shop)
    sign_in_as(client, admin, second_factor=True)
    page = f"/admin/products/{live.product_id}"
    assert "Feature it on the home page" in text_of(client.get(page))
    assert post_form(client, f"{page}/feature", page, featured="1").status_code == 303
    assert "Stop featuring it" in text_of(client.get(page))
    assert "Featured" in text_of(client.get("/admin/products?status=approved"))
    with app.app_context():
        assert db.session.get(Product, live.product_id).is_featured
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "product.feature"))
        assert (entry.before, entry.after) == ({"is_featured": False}, {"is_featured": True})
    assert post_form(client, f"{page}/feature", page, featured="0").status_code == 303
    refused = post_form(client, f"/admin/products/{waiting.product_id}/feature",
                        f"/admin/products/{waiting.product_id}", featured="1")
    assert "Only an approved product can be featured" in text_of(client.get(refused.headers["Location"]))
    with app.app_context():
        assert not db.session.get(Product, live.product_id).is_featured
        assert not db.session.get(Product, waiting.product_id).is_featured


def test_the_queue_counts_and_lists_changes_to_approved_products(app, db, client, admin, shop):
    from app.catalog.models import ProductRevision
    from app.vendors.revisions import catalog_data_of

    live = shop.offer(name_en="Velvet Saffron", status="approved")
    with app.app_context():
        product = db.session.get(Product, live.product_id)
        db.session.add(ProductRevision(product_id=product.id, vendor_id=live.vendor_id,
                                       proposed={**catalog_data_of(product), "name_en": "Velvet Saffron Intense"}))
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    assert "1 change to an approved product waits for review" in text_of(client.get("/admin/products"))
    changes = text_of(client.get("/admin/products?status=revisions"))
    assert "Velvet Saffron" in changes and "Changes to an approved product" in changes and "Souq A" in changes
    assert "Velvet Saffron" in text_of(client.get("/admin/products?status=revisions&q=velvet"))
    assert "No product matches" in text_of(client.get("/admin/products?status=revisions&q=rose"))
