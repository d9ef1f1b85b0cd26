"""Applying to sell: the form's checks (translated, input kept), documents checked by content, the
status page, the admins told, and documents served only to the shop's owner and to admins."""
import io

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.notifications.models import Notification
from app.vendors.models import Vendor, VendorDocument
from tests.backoffice import apply, png_file, sign_in_as, sign_out, text_of


@pytest.fixture
def applicant(create_user):
    return create_user(email="layla@example.com")


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


def stored_vendor(app, db, owner_id):
    with app.app_context():
        return db.session.scalar(select(Vendor).where(Vendor.owner_id == owner_id))


def test_a_customer_applies_with_documents_and_sees_the_pending_status(app, db, client, applicant, admin):
    sign_in_as(client, applicant)
    response = apply(client, files=[(io.BytesIO(b"%PDF-1.7\n%%EOF\n"), "licence.PDF"), png_file()])
    assert response.status_code == 303 and response.headers["Location"].endswith("/vendor/application")
    page = client.get("/vendor/application")
    assert "Waiting for review" in text_of(page) and "licence.pdf" in text_of(page)
    with app.app_context():
        vendor = db.session.scalar(select(Vendor).where(Vendor.owner_id == applicant.id))
        assert (vendor.status, vendor.emirate, vendor.iban, vendor.trn, vendor.contact_mobile) == (
            "pending", "sharjah", "AE070331234567890123456", "100123456700003", "+971501234567")
        assert sorted(document.content_type for document in vendor.documents) == ["application/pdf", "image/png"]
        assert all("/" not in document.stored_name and document.stored_name != document.original_name
                   for document in vendor.documents)
        told = db.session.scalars(select(Notification.kind).where(Notification.user_id == admin.id)).all()
        assert set(told) == {"vendor_application_received"}
        entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "vendor.apply"))
        assert entry.actor_id == applicant.id and entry.after["status"] == "pending" and entry.before is None
    # Applying twice is not possible: the form leads to the status page.
    assert client.get("/vendor/apply").headers["Location"].endswith("/vendor/application")


@pytest.mark.parametrize("field, value, message", [
    ("iban", "AE08 0331 2345 6789 0123 456", "Enter a UAE IBAN"),
    ("iban", "GB82 WEST 1234 5698 7654 32", "Enter a UAE IBAN"),
    ("trn", "12345", "A TRN has 15 digits."),
    ("trade_licence_expires_on", "2020-01-31", "This trade licence has expired."),
    ("contact_mobile", "12345", "Enter a UAE or GCC mobile number"),
    ("name_ar", "Layla Oud", "Write the Arabic name in Arabic letters."),
    ("name_en", "", "Enter the business name in English."),
])
def test_mistakes_come_back_on_the_form_with_what_was_typed(app, db, client, applicant, field, value, message):
    sign_in_as(client, applicant)
    response = apply(client, **{field: value})
    assert response.status_code == 422
    html = response.get_data(as_text=True)
    assert message in text_of(response)
    assert 'value="DED-123456"' in html and 'value="Layla Haddad"' in html
    assert stored_vendor(app, db, applicant.id) is None


def test_mistakes_are_in_arabic_for_an_arabic_page(app, db, client, applicant):
    sign_in_as(client, applicant)
    client.set_cookie("lang", "ar")
    response = apply(client, iban="AE00 1234")
    assert response.status_code == 422
    assert "أدخل رقم آيبان إماراتيًا" in text_of(response)
    assert 'value="بيت ليلى للعود"' in response.get_data(as_text=True)


@pytest.mark.parametrize("upload, message", [
    ((io.BytesIO(b"MZ\x90\x00\x03" + b"\x00" * 200), "invoice.pdf"), "invoice.pdf is not a PDF, JPEG or PNG file."),
    ((io.BytesIO(b"MZ\x90\x00" + b"\x00" * 200), "scan.png"), "scan.png is not a PDF, JPEG or PNG file."),
    ((io.BytesIO(b"%PDF-1.4 but then nothing like a PDF " * 10), "licence.pdf"), "licence.pdf is not a PDF, JPEG or PNG file."),
    ((io.BytesIO(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>"), "logo.png"), "logo.png is not a PDF, JPEG or PNG file."),
    ((io.BytesIO(b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024) + b"\n%%EOF"), "huge.pdf"), "huge.pdf is larger than 5 MB."),
])
def test_documents_are_checked_by_their_content_and_size(app, db, client, applicant, upload, message):
    sign_in_as(client, applicant)
    response = apply(client, files=[upload])
    assert response.status_code == 422
    assert message in text_of(response)
    assert 'value="DED-123456"' in response.get_data(as_text=True)
    assert stored_vendor(app, db, applicant.id) is None


def test_a_document_is_required_and_at_most_three(app, db, client, applicant):
    sign_in_as(client, applicant)
    assert "Add a copy of your trade licence" in text_of(apply(client, files=[]))
    too_many = apply(client, files=[png_file(f"page-{n}.png") for n in range(4)])
    assert too_many.status_code == 422 and "Add at most 3 documents." in text_of(too_many)


def test_a_request_over_the_size_limit_gets_the_form_with_a_translated_error(make_app, committed_db, redis_client):
    from app.accounts.services import create_user

    application = make_app(MAX_CONTENT_LENGTH=64 * 1024)
    client = application.test_client()
    with application.app_context():
        user = create_user("big@example.com", "Big Files", "correct horse battery", roles=("customer",))
        committed_db.session.commit()
        sign_in_as(client, user)
    response = apply(client, files=[(io.BytesIO(b"%PDF-1.4\n" + b"0" * 100_000 + b"\n%%EOF"), "scan.pdf")])
    assert response.status_code == 413
    assert "Your files together are larger than" in text_of(response)
    assert "<form" in response.get_data(as_text=True)


def test_documents_go_only_to_the_owner_and_to_admins(app, db, client, applicant, admin, create_user):
    sign_in_as(client, applicant)
    apply(client, files=[png_file("shop-front.png")])
    with app.app_context():
        document = db.session.scalar(select(VendorDocument))
        document_id, vendor_id = document.id, document.vendor_id

    own = client.get(f"/vendor/documents/{document_id}")
    own.close()
    assert own.status_code == 200 and own.mimetype == "image/png"
    assert own.headers["Content-Disposition"].startswith("attachment") and "shop-front.png" in own.headers[
        "Content-Disposition"]
    assert own.headers["X-Content-Type-Options"] == "nosniff"

    sign_in_as(client, create_user(email="nosy@example.com"))
    assert client.get(f"/vendor/documents/{document_id}").status_code == 404
    assert client.get(f"/admin/vendors/{vendor_id}/documents/{document_id}").status_code == 403
    sign_in_as(client, admin)  # without the second factor: asked for it
    assert client.get(f"/admin/vendors/{vendor_id}/documents/{document_id}").status_code == 302
    sign_in_as(client, admin, second_factor=True)
    by_admin = client.get(f"/admin/vendors/{vendor_id}/documents/{document_id}")
    by_admin.close()
    assert by_admin.status_code == 200 and by_admin.headers["Content-Disposition"].startswith("attachment")
    assert client.get(f"/admin/vendors/{vendor_id + 1}/documents/{document_id}").status_code == 404
    sign_out(client)
    assert client.get(f"/vendor/documents/{document_id}").status_code == 302


def test_a_rejected_applicant_corrects_and_applies_again(app, db, client, applicant, admin):
    from app.vendors.services import reject_vendor

    sign_in_as(client, applicant)
    apply(client)
    with app.test_request_context():
        vendor = db.session.scalar(select(Vendor).where(Vendor.owner_id == applicant.id))
        reject_vendor(vendor, db.session.merge(admin), "The licence copy is unreadable.")
        db.session.commit()
    status = client.get("/vendor/application")
    assert "The licence copy is unreadable." in text_of(status)
    form = client.get("/vendor/apply")
    assert form.status_code == 200 and 'value="DED-123456"' in form.get_data(as_text=True)
    again = apply(client, files=[], trade_licence_number="DED-654321")
    assert again.status_code == 303
    with app.app_context():
        vendor = db.session.scalar(select(Vendor).where(Vendor.owner_id == applicant.id))
        assert (vendor.status, vendor.trade_licence_number, vendor.status_reason) == ("pending", "DED-654321", None)
        assert len(vendor.documents) == 1
