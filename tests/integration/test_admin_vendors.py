"""The back office's vendors: the table (filters, sort, pages, htmx, CSV), the decisions and their guarded
transitions, the messages and audit entries they write, and a suspended shop leaving the store at once."""
import csv
import io

import pytest
from sqlalchemy import select

from app.accounts.models import User
from app.audit.models import AuditEntry
from app.notifications.models import Notification
from app.vendors.models import Vendor
from tests.backoffice import apply, post_form, sign_in_as, text_of
from tests.processes import wait_until
from tests.shop import committed_shop  # noqa: F401  (fixture)


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def application(app, db, client, create_user):
    """A pending application by Layla (signed out again); returns the vendor's id."""
    applicant = create_user(email="layla@example.com", full_name="Layla Haddad")
    sign_in_as(client, applicant)
    assert apply(client).status_code == 303
    with app.app_context():
        return db.session.scalar(select(Vendor.id).where(Vendor.owner_id == applicant.id))


def vendor_row(app, db, vendor_id) -> Vendor:
    with app.app_context():
        vendor = db.session.get(Vendor, vendor_id)
        db.session.refresh(vendor)
        return vendor


def decide(client, vendor_id, decision, **data):
    return post_form(client, f"/admin/vendors/{vendor_id}/{decision}", f"/admin/vendors/{vendor_id}", **data)


def test_approving_makes_the_owner_a_vendor_who_must_sign_in_again(app, db, client, admin, application):
    sign_in_as(client, admin, second_factor=True)
    response = decide(client, application, "approve")
    assert response.status_code == 303
    assert "The shop is approved" in text_of(client.get(response.headers["Location"]))
    vendor = vendor_row(app, db, application)
    assert vendor.status == "approved" and vendor.approved_at is not None
    with app.app_context():
        owner = db.session.get(User, vendor.owner_id)
        assert owner.has_role("vendor") and owner.session_version == 2
        kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == owner.id)).all()
        assert "vendor_approved" in kinds
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vendor.approve"))
        assert entry.actor_id == admin.id and entry.actor_role == "admin"
        assert entry.before["status"] == "pending" and entry.after["status"] == "approved"
        assert entry.request_id and entry.ip_address

    sign_in_as(client, owner)
    page = client.get("/vendor")
    assert page.status_code == 200 and "Layla&#39;s Oud House" in page.get_data(as_text=True)


def test_rejecting_needs_a_reason_and_tells_the_applicant(app, db, client, admin, application):
    sign_in_as(client, admin, second_factor=True)
    empty = decide(client, application, "reject", **{"reject-reason": ""})
    assert empty.status_code == 422 and "Give the reason: the vendor reads it." in text_of(empty)
    assert vendor_row(app, db, application).status == "pending"

    assert decide(client, application, "reject", **{"reject-reason": "The licence copy is unreadable."}).status_code == 303
    vendor = vendor_row(app, db, application)
    assert (vendor.status, vendor.status_reason) == ("rejected", "The licence copy is unreadable.")
    with app.app_context():
        told = db.session.scalar(select(Notification).where(Notification.kind == "vendor_rejected",
                                                            Notification.channel == "email"))
        assert told.payload["reason"] == "The licence copy is unreadable."
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vendor.reject"))
        assert entry.before == {"status": "pending", "status_reason": None}
        assert entry.after == {"status": "rejected", "status_reason": "The licence copy is unreadable."}


@pytest.mark.parametrize("start, decision, data, allowed, end", [
    ("pending", "approve", {}, True, "approved"),
    ("pending", "reject", {"reject-reason": "Unreadable licence."}, True, "rejected"),
    ("pending", "suspend", {"suspend-reason": "Counterfeits reported."}, False, "pending"),
    ("pending", "reinstate", {}, False, "pending"),
    ("approved", "approve", {}, False, "approved"),
    ("approved", "reject", {"reject-reason": "Unreadable licence."}, False, "approved"),
    ("approved", "suspend", {"suspend-reason": "Counterfeits reported."}, True, "suspended"),
    ("approved", "reinstate", {}, False, "approved"),
    ("suspended", "approve", {}, False, "suspended"),
    ("suspended", "reinstate", {}, True, "approved"),
    ("suspended", "suspend", {"suspend-reason": "Counterfeits reported."}, False, "suspended"),
    ("rejected", "approve", {}, False, "rejected"),
    ("rejected", "suspend", {"suspend-reason": "Counterfeits reported."}, False, "rejected"),
    ("rejected", "reinstate", {}, False, "rejected"),
])
def test_the_status_moves_only_along_allowed_transitions(app, db, client, admin, start, decision, data, allowed, end):
    with app.app_context():
        vendor = Vendor(slug=f"shop-{start}", name_en="Shop", name_ar="متجر", status=start)
        db.session.add(vendor)
        db.session.commit()
        vendor_id = vendor.id
    sign_in_as(client, admin, second_factor=True)
    response = decide(client, vendor_id, decision, **data)
    assert response.status_code == 303
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert ("flash--success" if allowed else "flash--error") in page
    assert vendor_row(app, db, vendor_id).status == end
    with app.app_context():
        recorded = db.session.scalar(select(AuditEntry).where(AuditEntry.subject_id == vendor_id))
    assert (recorded is not None) == allowed


def test_a_refused_transition_says_why(app, db, client, admin):
    with app.app_context():
        vendor = Vendor(slug="rejected-shop", name_en="Shop", name_ar="متجر", status="rejected")
        db.session.add(vendor)
        db.session.commit()
        vendor_id = vendor.id
    sign_in_as(client, admin, second_factor=True)
    response = decide(client, vendor_id, "approve")
    page = client.get(response.headers["Location"])
    assert "A rejected application cannot be approved." in text_of(page)


@pytest.mark.parametrize("typed, saved", [("12.5", "0.125"), ("0", "0.000"), ("50", "0.500")])
def test_the_commission_is_a_percentage_between_0_and_50(app, db, client, admin, application, typed, saved):
    sign_in_as(client, admin, second_factor=True)
    assert decide(client, application, "commission", percent=typed).status_code == 303
    assert str(vendor_row(app, db, application).commission_rate) == saved
    with app.app_context():
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vendor.commission"))
        assert entry.before == {"commission_rate": "0.150"} and entry.after == {"commission_rate": saved}


@pytest.mark.parametrize("typed", ["50.5", "-1", "12.55", "a lot", "NaN", ""])
def test_a_wrong_commission_comes_back_with_the_reason(app, db, client, admin, application, typed):
    sign_in_as(client, admin, second_factor=True)
    response = decide(client, application, "commission", percent=typed)
    assert response.status_code == 422
    assert "Enter a commission between 0 and 50 %" in text_of(response)
    assert str(vendor_row(app, db, application).commission_rate) == "0.150"


def make_vendors(app, db, count):
    with app.app_context():
        for number in range(count):
            db.session.add(Vendor(slug=f"shop-{number:02d}", name_en=f"Shop {number:02d}", name_ar=f"متجر {number}",
                                  status="approved" if number % 3 else "pending",
                                  emirate="dubai" if number % 2 else "sharjah"))
        db.session.commit()


def test_the_vendor_table_filters_sorts_and_pages_on_the_server(app, db, client, admin):
    make_vendors(app, db, 30)
    sign_in_as(client, admin, second_factor=True)
    first = client.get("/admin/vendors?sort=name")
    html = first.get_data(as_text=True)
    assert "30 vendors" in text_of(first) and html.index("Shop 00") < html.index("Shop 01")
    assert "Shop 29" not in html and 'href="/admin/vendors?sort=name&amp;page=2"' in html
    second = client.get("/admin/vendors?sort=name&page=2")
    assert "Shop 29" in second.get_data(as_text=True) and "Shop 00" not in second.get_data(as_text=True)
    backwards = client.get("/admin/vendors?sort=-name").get_data(as_text=True)
    assert backwards.index("Shop 29") < backwards.index("Shop 28")
    pending_in_dubai = client.get("/admin/vendors?status=pending&emirate=dubai")
    assert "5 vendors" in text_of(pending_in_dubai)
    assert "Shop 03" in text_of(pending_in_dubai) and "Shop 00" not in text_of(pending_in_dubai)
    found = client.get("/admin/vendors?q=shop 1")
    assert "10 vendors" in text_of(found)
    # Nonsense in the URL is ignored, never an error.
    assert client.get("/admin/vendors?status=closed&sort=drop table&page=-4&emirate=mars").status_code == 200


def test_with_htmx_only_the_table_comes_back(app, db, client, admin):
    make_vendors(app, db, 3)
    sign_in_as(client, admin, second_factor=True)
    response = client.get("/admin/vendors?sort=name", headers={"HX-Request": "true"})
    html = response.get_data(as_text=True)
    assert html.lstrip().startswith('<div id="vendor-table"') and "<html" not in html
    assert "HX-Request" in response.headers["Vary"]


def test_the_csv_export_has_every_matching_vendor_and_defuses_formulas(app, db, client, admin):
    make_vendors(app, db, 30)
    with app.app_context():
        db.session.add(Vendor(slug="formula", name_en="=HYPERLINK(\"http://evil\")", name_ar="متجر", status="pending"))
        db.session.commit()
    sign_in_as(client, admin, second_factor=True)
    response = client.get("/admin/vendors.csv?status=pending")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0][:3] == ["id", "slug", "name_en"] and len(rows) == 1 + 10 + 1
    assert "'=HYPERLINK(\"http://evil\")" in [row[2] for row in rows]


def test_a_suspended_shop_leaves_the_store_at_once(app, committed_shop, committed_db, worker):
    from app.search.jobs import rebuild_product_listing
    from app.accounts.services import create_user

    made = committed_shop.offer(name_en="Saffron Veil", name_ar="وشاح الزعفران", vendor="souq-a")
    with app.app_context():
        rebuild_product_listing()
        admin = create_user("aisha@example.com", "Aisha Admin", "correct horse battery", roles=("admin",))
        committed_db.session.commit()
        committed_db.session.refresh(admin)
    client = app.test_client()
    assert "Saffron Veil" in text_of(client.get("/products?q=saffron"))
    assert "Saffron Veil" in text_of(client.get("/products"))

    sign_in_as(client, admin, second_factor=True)
    response = decide(client, made.vendor_id, "suspend", **{"suspend-reason": "Counterfeits were reported."})
    assert response.status_code == 303
    wait_until(lambda: "Saffron Veil" not in text_of(client.get("/products")), timeout=20,
               what="the suspended shop's perfume gone from the store")
    assert "Saffron Veil" not in text_of(client.get("/products?q=saffron"))

    assert decide(client, made.vendor_id, "reinstate").status_code == 303
    wait_until(lambda: "Saffron Veil" in text_of(client.get("/products")), timeout=20,
               what="the reinstated shop's perfume back in the store")


def test_the_audit_log_filters_by_actor_action_record_and_date(app, db, client, admin, application):
    sign_in_as(client, admin, second_factor=True)
    decide(client, application, "commission", percent="10")
    decide(client, application, "approve")
    everything = text_of(client.get("/admin/audit"))
    assert "3 changes" in everything and "Shop applied" in everything and "Shop approved" in everything
    by_action = text_of(client.get("/admin/audit?action=vendor.commission"))
    assert "1 change" in by_action and "Commission 15% → became 10%" in by_action
    by_admin = client.get("/admin/audit?actor=aisha@")
    assert "2 changes" in text_of(by_admin) and "<td>Shop applied</td>" not in by_admin.get_data(as_text=True)
    assert "3 changes" in text_of(client.get(f"/admin/audit?subject_type=vendor&subject_id={application}"))
    assert "0 changes" in text_of(client.get("/admin/audit?until=2020-01-01"))
    fragment = client.get("/admin/audit?since=2020-01-01", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="audit-table"') and "3 changes" in fragment
    assert client.get("/admin/audit?since=yesterday&action=drop&page=x").status_code == 200
