"""The back office's coupons: creating one (its code normalised as checkout reads it), the translated errors
on the same page with the input kept, editing, deactivating (checkout stops accepting it at once), the list
with how often each was used, and the audit entries."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db as database
from app.orders.models import Coupon
from app.orders.pricing import Item, check_coupon
from tests.backoffice import sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.shop import make_bag, place, shop  # noqa: F401  (fixture and helpers)

VALID = {"code": " summer-oud ", "kind": "percent", "value": "15", "min_spend": "", "starts_at": "", "ends_at": "",
         "usage_limit": "", "per_customer_limit": "", "vendor_id": "", "brand_id": "", "is_active": "y"}


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def signed_in(client, admin):
    sign_in_as(client, admin, second_factor=True)
    return client


def create(client, **changes):
    return client.post("/admin/coupons/new", data={**VALID, **changes,
                                                   "csrf_token": csrf_token_from(client, "/admin/coupons/new")})


def coupon_by_code(app, code) -> Coupon | None:
    with app.app_context():
        coupon = database.session.scalar(select(Coupon).where(Coupon.code == code))
        if coupon is not None:
            database.session.expunge(coupon)
        return coupon


def audit_of(app, coupon_id) -> list[tuple[str, dict | None, dict | None]]:
    with app.app_context():
        return database.session.execute(select(AuditEntry.action, AuditEntry.before, AuditEntry.after).where(
            AuditEntry.subject_type == "coupon", AuditEntry.subject_id == coupon_id).order_by(AuditEntry.id)).all()


def test_a_new_coupon_is_saved_with_its_code_normalised_and_audited(app, db, signed_in, shop):
    answer = create(signed_in, vendor_id=str(shop.vendor_ids["souq-a"]), min_spend="٢٠٠", usage_limit="50",
                    starts_at="2026-12-01T09:00", ends_at="2026-12-31T23:59")
    assert answer.status_code == 303
    coupon = coupon_by_code(app, "SUMMER-OUD")
    assert (coupon.kind, coupon.value, coupon.min_spend, coupon.usage_limit, coupon.vendor_id) == (
        "percent", Decimal("15.00"), Decimal("200.00"), 50, shop.vendor_ids["souq-a"])
    assert coupon.starts_at.isoformat() == "2026-12-01T05:00:00+00:00"  # 09:00 in the UAE
    assert "The coupon SUMMER-OUD is saved." in text_of(signed_in.get(answer.headers["Location"]))
    [(action, before, after)] = audit_of(app, coupon.id)
    assert action == "coupon.create" and before is None and after["code"] == "SUMMER-OUD"


@pytest.mark.parametrize("changes, message", [
    ({"value": "0"}, "A percentage is between 1 and 100"),
    ({"value": "101"}, "A percentage is between 1 and 100"),
    ({"kind": "fixed", "value": "-5"}, "a fixed amount is more than 0 AED"),
    ({"kind": "fixed", "value": "ten"}, "a fixed amount is more than 0 AED"),
    ({"code": "a"}, "Use 3 to 40 letters, digits, hyphens or underscores."),
    ({"code": "no spaces!"}, "Use 3 to 40 letters, digits, hyphens or underscores."),
    ({"starts_at": "2026-12-10T10:00", "ends_at": "2026-12-01T10:00"}, "The end must come after the start."),
    ({"usage_limit": "0"}, "Enter a whole number of at least 1."),
    ({"min_spend": "-1"}, "Enter a minimum spend of 0 AED or more"),
    ({"vendor_id": "999999"}, "Not a valid choice"),
])
def test_wrong_terms_come_back_translated_on_the_same_page_with_the_input_kept(app, db, signed_in, changes,
                                                                               message):
    answer = create(signed_in, **changes)
    assert answer.status_code == 422
    assert message in text_of(answer) and "Please correct the fields marked below." in text_of(answer)
    for name, value in changes.items():
        if name not in ("kind", "vendor_id"):
            kept = value.upper() if name == "code" else value  # the code is shown as checkout reads it
            assert f'value="{kept}"' in answer.get_data(as_text=True)
    with app.app_context():
        assert database.session.scalar(select(Coupon.id)) is None


def test_errors_are_in_arabic_on_an_arabic_page(app, db, signed_in):
    signed_in.set_cookie("lang", "ar")
    answer = create(signed_in, value="500")
    assert answer.status_code == 422
    assert 'lang="ar"' in answer.get_data(as_text=True)
    assert "النسبة المئوية بين 1 و100" in text_of(answer) and 'value="500"' in answer.get_data(as_text=True)


def test_a_code_already_taken_is_refused(app, db, signed_in):
    assert create(signed_in).status_code == 303
    again = create(signed_in, code="Summer-Oud")
    assert again.status_code == 422 and "Another coupon already has the code SUMMER-OUD." in text_of(again)


def test_editing_saves_only_what_changed_and_deactivating_stops_checkout_at_once(app, db, signed_in, shop):
    offer = shop.offer(price="400")
    create(signed_in)
    coupon = coupon_by_code(app, "SUMMER-OUD")
    page = f"/admin/coupons/{coupon.id}"
    form = signed_in.get(page).get_data(as_text=True)
    assert 'value="SUMMER-OUD"' in form and 'value="15"' in form
    answer = signed_in.post(page, data={**VALID, "code": "SUMMER-OUD", "value": "20",
                                        "csrf_token": csrf_token_from(signed_in, page)})
    assert answer.status_code == 303
    assert coupon_by_code(app, "SUMMER-OUD").value == Decimal("20.00")
    assert audit_of(app, coupon.id)[-1] == ("coupon.update", {"value": "15.00"}, {"value": "20.00"})

    items = [Item(offer.offer_id, offer.vendor_id, offer.brand_id, offer.price, 1)]
    with app.test_request_context():
        assert check_coupon("summer-oud", items).discount == Decimal("80.00")
    for _attempt in range(2):  # a double click deactivates once
        answer = signed_in.post(f"{page}/deactivate", data={"csrf_token": csrf_token_from(signed_in, page)})
        assert answer.status_code == 303
    assert coupon_by_code(app, "SUMMER-OUD").is_active is False
    assert [action for action, *_rest in audit_of(app, coupon.id)].count("coupon.deactivate") == 1
    with app.test_request_context():
        assert "There is no coupon with the code SUMMER-OUD." in check_coupon("summer-oud", items).problem
    assert "Deactivate the coupon" not in text_of(signed_in.get(page))


def test_the_list_shows_each_coupons_terms_and_redemptions(app, db, signed_in, shop):
    offer = shop.offer(price="400", stock=10)
    create(signed_in, usage_limit="10")
    create(signed_in, code="FLAT25", kind="fixed", value="25", is_active="")
    for _order in range(2):
        place(app, make_bag(app, (offer, 1)), coupon_code="SUMMER-OUD", payment_method="cod")
    listing = text_of(signed_in.get("/admin/coupons"))
    assert "SUMMER-OUD" in listing and "2 of 10" in listing and "15% off" in listing
    assert "FLAT25" in listing and "Inactive" in listing
    assert "FLAT25" not in text_of(signed_in.get("/admin/coupons?state=active"))
    assert "SUMMER-OUD" not in text_of(signed_in.get("/admin/coupons?q=flat"))
    fragment = signed_in.get("/admin/coupons?sort=code", headers={"HX-Request": "true"}).get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="coupon-table"')
    assert signed_in.get("/admin/coupons?sort=nonsense&page=abc&state=maybe").status_code == 200
    assert signed_in.get("/admin/coupons/999999").status_code == 404
