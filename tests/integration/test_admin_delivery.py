"""The back office's delivery zones: the list, one emirate's terms (fees, same-day cut-off, free delivery,
delivering or not), the translated errors with the input kept, the audit entry, and checkout pricing with
the new terms at once."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest
from sqlalchemy import select

from app.audit.models import AuditEntry
from app.extensions import db as database
from app.orders.models import DeliveryZone
from app.orders.pricing import UAE_TIME, Item, delivery_fees, price_order
from app.orders.queries import delivery_zone_for
from tests.backoffice import sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.shop import make_bag, place, refusal, shop  # noqa: F401  (fixture and helpers)

DUBAI = {"is_active": "y", "fee_standard": "15", "fee_next_day": "25", "fee_same_day": "35",
         "same_day_cutoff": "14:00", "free_delivery_threshold": "200"}
MORNING = datetime(2026, 11, 25, 10, 0, tzinfo=UAE_TIME)
AFTERNOON = datetime(2026, 11, 25, 15, 0, tzinfo=UAE_TIME)


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def signed_in(client, admin, shop):
    sign_in_as(client, admin, second_factor=True)
    return client


def save(client, emirate="dubai", **changes):
    page = f"/admin/delivery/{emirate}"
    return client.post(page, data={**DUBAI, **changes, "csrf_token": csrf_token_from(client, page)})


def fees_now(app, emirate="dubai", items=Decimal("100"), now=MORNING) -> dict[str, Decimal] | None:
    with app.app_context():
        zone = delivery_zone_for("AE", emirate)
        return None if zone is None else delivery_fees(zone, items, now)


def test_the_list_shows_every_emirate_with_its_fees_and_cut_off(app, db, signed_in):
    page = text_of(signed_in.get("/admin/delivery"))
    for expected in ("Dubai", "Fujairah", "15.00", "35.00", "order by 2:00", "200.00"):
        assert expected in page, expected
    assert signed_in.get("/admin/delivery/mars").status_code == 404


def test_new_fees_and_cut_off_price_checkout_at_once_and_are_audited(app, db, signed_in, shop):
    answer = save(signed_in, fee_standard="12.50", fee_same_day="30", same_day_cutoff="16:00",
                  free_delivery_threshold="150")
    assert answer.status_code == 303
    assert "checkout uses them from now on" in text_of(signed_in.get(answer.headers["Location"]))
    assert fees_now(app, items=Decimal("100"), now=AFTERNOON) == {
        "standard": Decimal("12.50"), "next-day": Decimal("25.00"), "same-day": Decimal("30.00")}
    assert fees_now(app, items=Decimal("150"))["standard"] == Decimal("0.00")  # free from the new threshold

    offer = shop.offer(price="100")
    with app.test_request_context():
        zone = delivery_zone_for("AE", "dubai")
        totals = price_order([Item(offer.offer_id, offer.vendor_id, offer.brand_id, offer.price, 1)], zone=zone,
                             delivery_option="standard", payment_method="card", now=MORNING)
    assert totals.delivery_fee == Decimal("12.50") and totals.grand_total == Decimal("112.50")

    with app.app_context():
        zone_id = database.session.scalar(select(DeliveryZone.id).where(DeliveryZone.emirate == "dubai"))
        [(action, before, after)] = database.session.execute(
            select(AuditEntry.action, AuditEntry.before, AuditEntry.after)
            .where(AuditEntry.subject_type == "delivery_zone", AuditEntry.subject_id == zone_id)).all()
    assert action == "delivery_zone.update"
    assert before == {"fee_standard": "15.00", "fee_same-day": "35.00", "same_day_cutoff": "14:00:00",
                      "free_delivery_threshold": "200.00"}
    assert after == {"fee_standard": "12.50", "fee_same-day": "30.00", "same_day_cutoff": "16:00:00",
                     "free_delivery_threshold": "150.00"}


def test_an_option_left_empty_is_no_longer_offered_and_a_closed_emirate_refuses_orders(app, db, signed_in, shop):
    assert save(signed_in, fee_same_day="", same_day_cutoff="").status_code == 303
    assert "same-day" not in fees_now(app)
    offer = shop.offer(price="100")
    assert refusal(app, make_bag(app, (offer, 1)), delivery_option="same-day").reason in (
        "delivery_option_unavailable", "same_day_closed")

    assert save(signed_in, "sharjah", is_active="").status_code == 303
    assert fees_now(app, "sharjah") is None
    address = {"recipient_name": "Noor", "mobile": "+971501234567", "country": "AE", "region": "sharjah",
               "area": "Al Majaz", "street": "Street 1", "building": "Tower 2", "flat": None, "landmark": None}
    assert refusal(app, make_bag(app, (offer, 1)), address=address).reason == "no_delivery_zone"
    order_id = place(app, make_bag(app, (offer, 1)))  # Dubai still delivers
    assert order_id


@pytest.mark.parametrize("changes, message", [
    ({"fee_standard": "-1"}, "Enter a fee from 0 to 1,000 AED"),
    ({"fee_next_day": "abc"}, "Enter a fee from 0 to 1,000 AED"),
    ({"fee_standard": "1500"}, "Enter a fee from 0 to 1,000 AED"),
    ({"fee_same_day": "35", "same_day_cutoff": ""}, "Same-day delivery needs both its fee and its cut-off time"),
    ({"fee_same_day": "", "same_day_cutoff": "13:00"}, "Same-day delivery needs both its fee and its cut-off time"),
    ({"same_day_cutoff": "25:99"}, "Not a valid time value"),
    ({"free_delivery_threshold": "-5"}, "Enter an amount of 0 AED or more"),
    ({"fee_standard": "", "fee_next_day": "", "fee_same_day": "", "same_day_cutoff": ""},
     "An emirate we deliver to needs at least one delivery option with a fee."),
])
def test_wrong_terms_come_back_on_the_same_page_with_the_input_kept(app, db, signed_in, changes, message):
    answer = save(signed_in, **changes)
    assert answer.status_code == 422
    assert message in text_of(answer)
    for name, value in changes.items():
        if value:
            assert f'value="{value}"' in answer.get_data(as_text=True)
    assert fees_now(app)["standard"] == Decimal("15.00")  # nothing saved
