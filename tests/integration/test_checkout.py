"""The checkout through HTTP: each step with and without htmx, translated errors with the input kept, the
address book and another customer's address, delivery by emirate (free-delivery threshold, same-day
cut-off), the cash-on-delivery limit, coupons, prices and stock that change under the shopper, tampered
form values, and "Place order" pressed twice."""
from __future__ import annotations

import re
from datetime import time
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update
from sqlalchemy.orm import selectinload

from app.accounts.address_book import add_address
from app.accounts.models import Address
from app.cart.models import CartLine
from app.extensions import db as database
from app.notifications.models import Notification
from app.orders.models import DeliveryZone, Order
from app.vendors.models import Vendor
from tests.conftest import csrf_token_from
from tests.shop import HTMX, add, add_coupon, page_text, shop  # noqa: F401  (fixture and helpers)

CONTACT = {"email": "Noor@Example.com", "name": "Noor Haddad", "mobile": "050 123 4567"}
ADDRESS = {"recipient_name": "Noor Haddad", "mobile": "050 123 4567", "country": "AE", "region": "Dubai",
           "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": "", "landmark": ""}
ARABIC = {"Accept-Language": "ar"}


def post(client, step, data=None, htmx=False, headers=None):
    return client.post(f"/checkout/{step}", data={"csrf_token": client.token, **(data or {})},
                       headers={**(HTMX if htmx else {}), **(headers or {})})


@pytest.fixture
def guest(client):
    client.token = csrf_token_from(client, "/cart")
    return client


def current_step(response) -> str:
    return re.search(r'id="step-([a-z]+)"[^>]*aria-current="step"', response.get_data(as_text=True)).group(1)


def review_form(client) -> dict:
    html = client.get("/checkout").get_data(as_text=True)
    return {"key": re.search(r'id="key" name="key" type="hidden" value="([^"]+)"', html).group(1),
            "expected_total": re.search(r'id="expected_total" name="expected_total" type="hidden" value="([^"]+)"',
                                        html).group(1)}


def up_to_review(client, option="standard", method="cod", address=None):
    for step, data in (("contact", CONTACT), ("address", address or ADDRESS), ("delivery", {"option": option}),
                       ("payment", {"method": method})):
        response = post(client, step, data)
        assert response.status_code == 303, page_text(response)
    return review_form(client)


def orders(app) -> list[Order]:
    with app.app_context():
        return list(database.session.scalars(select(Order).order_by(Order.id).options(selectinload(Order.lines))))


def set_zone(app, emirate, **values):
    with app.app_context():
        database.session.execute(update(DeliveryZone).where(DeliveryZone.emirate == emirate).values(**values))
        database.session.commit()


# The steps ----------------------------------------------------------------------------------


def test_an_empty_bag_goes_back_to_the_bag_with_a_message(guest):
    response = guest.get("/checkout")
    assert response.status_code == 303 and response.headers["Location"] == "/cart"
    assert "Your bag is empty. Add a perfume to check out." in page_text(guest.get("/cart"))


def test_a_guest_goes_through_every_step_and_places_one_order(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    rose = shop.offer(price="99.50", stock=5, vendor="souq-b", name_en="Taif Rose")
    add(guest, oud.offer_id, 2, token=guest.token)
    add(guest, rose.offer_id, token=guest.token)
    with app.app_context():  # the second shop has an owner account, who hears of its part of the order
        owner = database.session.scalar(select(Vendor).where(Vendor.id == rose.vendor_id))
        from app.accounts.services import create_user
        owner.owner_id = create_user("shop@example.com", "Hessa Ali", "long enough password", roles=("vendor",)).id
        database.session.commit()

    assert current_step(guest.get("/checkout")) == "contact"
    for step, data, following in (("contact", CONTACT, "address"), ("address", ADDRESS, "delivery"),
                                  ("delivery", {"option": "next-day", "gift_wrap": "y", "gift_message": "Eid Mubarak"},
                                   "payment"),
                                  ("payment", {"method": "cod"}, "review")):
        response = post(guest, step, data)
        assert (response.status_code, response.headers["Location"]) == (303, "/checkout")
        assert current_step(guest.get("/checkout")) == following
    review = guest.get("/checkout")
    text = page_text(review)
    assert "Noor Haddad noor@example.com +971 50 123 4567" in text
    assert "Next-day delivery · AED 25.00 · Gift-wrapped" in text
    assert "Cash on delivery · fee AED 10.00" in text
    # 900 + 99.50 items, 25 next-day, 10 COD = 1,034.50, of which VAT 42.86 + 4.74 + 1.19 + 0.48 = 49.27
    assert "Total to pay: AED 1,034.50" in text and "Including VAT (5%) AED 49.27" in text

    form = review_form(guest)
    placed = post(guest, "place", form)
    assert placed.status_code == 303 and placed.headers["Location"].endswith("/confirmation")
    again = post(guest, "place", form)  # the button pressed twice, or the request retried
    assert again.headers["Location"] == placed.headers["Location"]
    [order] = orders(app)
    assert (order.email, order.mobile, order.grand_total, order.status) == (
        "noor@example.com", "+971501234567", Decimal("1034.50"), "confirmed")
    assert order.gift_wrap and order.gift_message == "Eid Mubarak" and order.delivery_address["region"] == "dubai"
    assert shop.stock_of(oud.offer_id) == 3 and shop.stock_of(rose.offer_id) == 4

    confirmation = guest.get(placed.headers["Location"])
    assert confirmation.status_code == 200 and f"Your order number is {order.number}" in page_text(confirmation)
    with app.app_context():
        sent = database.session.execute(select(Notification.kind, Notification.channel, Notification.recipient)
                                        .order_by(Notification.id)).all()
    assert sent == [("order_placed", "email", "noor@example.com"), ("order_placed", "sms", "+971501234567"),
                    ("sub_order_received", "email", "shop@example.com"), ("sub_order_received", "in_app", "")]
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(CartLine)) == 0  # the bag is empty now
    assert guest.get("/checkout").headers["Location"] == "/cart"


def test_with_htmx_each_step_swaps_the_next_one_in(guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    response = post(guest, "contact", CONTACT, htmx=True)
    html = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in html and html.lstrip().startswith('<div class="checkout"')
    assert current_step(response) == "address"
    assert 'id="step-address-title" tabindex="-1" autofocus' in html  # the focus moves to the new step
    assert response.headers["Vary"].count("HX-Request")
    refused = post(guest, "address", {**ADDRESS, "area": ""}, htmx=True)
    assert refused.status_code == 422 and current_step(refused) == "address"
    assert "Enter the area or district." in page_text(refused)


def test_errors_are_translated_with_the_input_kept(guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    response = post(guest, "contact", {"email": "noor@", "name": "نور", "mobile": "12345"}, headers=ARABIC)
    text = page_text(response)
    assert response.status_code == 422
    assert "أدخل بريدًا إلكترونيًا صحيحًا." in text or "أدخل عنوان بريد إلكتروني صحيحًا." in text
    assert 'value="noor@"' in response.get_data(as_text=True) and 'value="12345"' in response.get_data(as_text=True)
    assert 'value="نور"' in response.get_data(as_text=True)


def test_an_address_outside_the_uae_is_refused_on_its_step(guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    post(guest, "contact", CONTACT)
    response = post(guest, "address", {**ADDRESS, "country": "SA", "region": "Riyadh", "mobile": "+966 50 123 4567"})
    assert response.status_code == 422 and current_step(response) == "address"
    assert ("We deliver only within the United Arab Emirates for now: choose an address in one of the seven emirates."
            in page_text(response))  # the country list offers only the UAE; the address book's message says why
    assert 'value="Riyadh"' in response.get_data(as_text=True)


def test_a_later_step_posted_too_early_shows_where_the_checkout_is(guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    response = post(guest, "payment", {"method": "cod"})
    assert response.status_code == 303 and current_step(guest.get("/checkout")) == "contact"


# The customer's address book ------------------------------------------------------------------


@pytest.fixture
def shopper(app, client, create_user):
    user = create_user()
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    client.token = csrf_token_from(client, "/cart")
    client.user = user
    return client


def saved_address(app, user, **fields) -> int:
    with app.app_context():
        address = add_address(database.session.get(type(user), user.id), label=fields.pop("label", "Home"),
                              **{**ADDRESS, "mobile": "+971501234567", "region": "dubai", "flat": None,
                                 "landmark": None, **fields})
        database.session.commit()
        return address.id


def test_a_customer_picks_a_saved_address_and_may_keep_a_new_one(app, shopper, shop, create_user):
    oud = shop.offer(price="450", stock=5)
    add(shopper, oud.offer_id, token=shopper.token)
    home = saved_address(app, shopper.user, area="Jumeirah")
    page = shopper.get("/checkout")
    assert "We send your order’s updates to layla@example.com" in page_text(page)
    assert 'name="email"' not in page.get_data(as_text=True)  # a customer's mail goes to their account
    post(shopper, "contact", {"name": "Layla Haddad", "mobile": "050 765 4321"})
    assert f'id="address-{home}" value="{home}" checked' in shopper.get("/checkout").get_data(as_text=True)
    assert post(shopper, "address", {"choice": str(home)}).status_code == 303
    assert "Jumeirah" in page_text(shopper.get("/checkout"))

    post(shopper, "address", {"choice": "new", **ADDRESS, "area": "Al Nahda", "region": "Sharjah",
                              "save_to_book": "y", "label": "Office"})
    with app.app_context():
        labels = set(database.session.scalars(select(Address.label).where(Address.user_id == shopper.user.id)))
    assert labels == {"Home", "Office"}
    assert "Delivery to Sharjah" in page_text(shopper.get("/checkout"))


def test_a_customer_without_saved_addresses_types_one_and_keeps_it(app, shopper, shop):
    oud = shop.offer(price="450", stock=5)
    add(shopper, oud.offer_id, token=shopper.token)
    post(shopper, "contact", {"name": "Layla Haddad", "mobile": "050 765 4321"})
    page = shopper.get("/checkout")
    assert 'name="choice"' not in page.get_data(as_text=True) and 'value="Layla Haddad"' in page.get_data(as_text=True)
    assert post(shopper, "address", {**ADDRESS, "save_to_book": "y", "label": ""}).status_code == 303
    assert current_step(shopper.get("/checkout")) == "delivery"
    with app.app_context():
        saved = database.session.execute(select(Address.label, Address.area, Address.is_default)
                                         .where(Address.user_id == shopper.user.id)).all()
    assert saved == [("Al Barsha", "Al Barsha", True)]  # named after its area when left unnamed


def test_another_customers_address_is_refused_without_a_500(app, shopper, shop, create_user):
    oud = shop.offer(price="450", stock=5)
    add(shopper, oud.offer_id, token=shopper.token)
    saved_address(app, shopper.user)
    stranger = create_user("stranger@example.com")
    theirs = saved_address(app, stranger, area="Their Area")
    post(shopper, "contact", {"name": "Layla Haddad", "mobile": "050 765 4321"})
    for choice in (str(theirs), "999999", "abc", ""):
        response = post(shopper, "address", {"choice": choice})
        assert response.status_code == 422
        assert "Choose one of your addresses, or enter a new one." in page_text(response)
    assert "Their Area" not in page_text(shopper.get("/checkout"))


# Delivery, payment and coupons ----------------------------------------------------------------


def test_delivery_options_with_fees_the_free_delivery_gap_and_same_day_cut_off(app, guest, shop):
    oud = shop.offer(price="150", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    post(guest, "contact", CONTACT)
    post(guest, "address", ADDRESS)
    set_zone(app, "dubai", same_day_cutoff=time(23, 59, 59))
    text = page_text(guest.get("/checkout"))
    assert "Standard delivery AED 15.00" in text and "Next-day delivery AED 25.00" in text
    assert "Same-day delivery AED 35.00" in text
    assert "Add AED 50.00 more for free standard delivery." in text

    set_zone(app, "dubai", same_day_cutoff=time(0, 0))  # the cut-off has passed, whatever the hour
    page = guest.get("/checkout")
    assert 'id="option-same-day" value="same-day" disabled' in page.get_data(as_text=True)
    closed = ("Same-day delivery must be ordered before 12:00 AM (UAE time). "  # page_text folds the narrow space
              "Choose next-day or standard delivery.")
    assert closed in page_text(page)
    refused = post(guest, "delivery", {"option": "same-day"})
    assert refused.status_code == 422 and closed in page_text(refused)
    assert post(guest, "delivery", {"option": "overnight-camel"}).status_code == 422

    post(guest, "address", {**ADDRESS, "region": "Fujairah"})
    assert "Same-day delivery is not available in Fujairah yet." in page_text(guest.get("/checkout"))


def test_cash_on_delivery_is_refused_above_the_limit_and_card_offered(app, guest, shop, monkeypatch):
    bottle = shop.offer(price="2500", stock=9)
    add(guest, bottle.offer_id, 2, token=guest.token)
    for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"})):
        post(guest, step, data)
    page = guest.get("/checkout")
    assert 'id="method-cod" value="cod" disabled' in page.get_data(as_text=True)
    assert ("Cash on delivery is available for orders up to AED 5,000.00, and card payment is not available right "
            "now. Remove some items from your bag to pay on delivery.") in page_text(page)
    refused = post(guest, "payment", {"method": "cod"})
    assert refused.status_code == 422 and "up to AED 5,000.00" in page_text(refused)

    monkeypatch.setitem(app.config, "STRIPE_SECRET_KEY", "sk_test_checkout")
    monkeypatch.setitem(app.config, "STRIPE_PUBLISHABLE_KEY", "pk_test_checkout")
    offered = page_text(guest.get("/checkout"))
    assert ("Cash on delivery is available for orders up to AED 5,000.00. Please pay this order by card."
            in offered) and "Debit or credit card" in offered
    assert post(guest, "payment", {"method": "card"}).status_code == 303
    placed = post(guest, "place", review_form(guest))
    [order] = orders(app)
    assert order.status == "pending_payment" and placed.headers["Location"] == f"/checkout/pay/{order.number}"


def test_cash_on_delivery_works_without_any_card_settings(app, guest, shop):
    oud = shop.offer(price="120", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"})):
        post(guest, step, data)
    page = page_text(guest.get("/checkout"))
    assert "Cash on delivery Pay the courier in cash when your order arrives. Fee AED 10.00." in page
    assert "Debit or credit card" not in page
    assert post(guest, "payment", {"method": "card"}).status_code == 422


def test_coupons_apply_with_their_saving_or_say_why_not(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    add_coupon(app, code="OUD10", value=Decimal("10"))
    add_coupon(app, code="BIG", kind="fixed", value=Decimal("50"), min_spend=Decimal("500"))
    up_to_review(guest)

    unknown = post(guest, "coupon", {"code": "nope"})
    assert unknown.status_code == 422
    assert "There is no coupon with the code NOPE." in page_text(unknown) and 'value="nope"' in unknown.get_data(as_text=True)
    too_small = post(guest, "coupon", {"code": "big"})
    assert "Add AED 50.00 more to use BIG: it needs a spend of AED 500.00." in page_text(too_small)
    assert post(guest, "coupon", {"code": ""}).status_code == 422

    applied = post(guest, "coupon", {"code": " oud10 "}, htmx=True)
    assert applied.status_code == 200 and "Coupon OUD10 applied: you save AED\\u00a045.00." in applied.headers["HX-Trigger"]
    text = page_text(applied)
    assert "Discount ( OUD10 ) −AED 45.00" in text and "Total to pay: AED 415.00" in text  # 450 − 45 + 10 COD
    post(guest, "place", review_form(guest))
    [order] = orders(app)
    assert (order.coupon_code, order.discount_total, order.grand_total) == ("OUD10", Decimal("45.00"), Decimal("415.00"))


def test_a_coupon_removed_or_no_longer_valid_leaves_the_totals(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    add_coupon(app, code="OUD10", value=Decimal("10"), min_spend=Decimal("400"))
    up_to_review(guest)
    post(guest, "coupon", {"code": "OUD10"})
    shop.change_offer(oud.offer_id, price=Decimal("350"))
    text = page_text(guest.get("/checkout"))
    assert "The coupon OUD10 was removed: Add AED 50.00 more to use OUD10: it needs a spend of AED 400.00." in text
    assert "Total to pay: AED 360.00" in text
    post(guest, "coupon", {"code": "OUD10"})
    assert "Discount" not in page_text(post(guest, "coupon", {"action": "remove"}) and guest.get("/checkout"))


# What changes under the shopper -------------------------------------------------------------


def test_a_price_changed_since_the_bag_is_shown_and_one_changed_since_the_review_is_refused(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    shop.change_offer(oud.offer_id, price=Decimal("480"))
    form = up_to_review(guest)
    review = page_text(guest.get("/checkout"))
    assert "The price changed since you added it: it was AED 450.00, it is now AED 480.00." in review
    assert form["expected_total"] == "490.00"  # the checkout prices from the offer, never from the bag

    shop.change_offer(oud.offer_id, price=Decimal("500"))
    refused = post(guest, "place", form)
    assert refused.status_code == 422 and current_step(refused) == "review"
    assert ("Prices changed while you were checking out: the total is now AED 510.00. Please review your order again."
            in page_text(refused))
    assert orders(app) == [] and shop.stock_of(oud.offer_id) == 5
    post(guest, "place", review_form(guest))
    assert [order.grand_total for order in orders(app)] == [Decimal("510.00")]


def test_stock_gone_at_placing_names_the_line_on_the_review_step(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, 2, token=guest.token)
    form = up_to_review(guest)
    shop.change_offer(oud.offer_id, stock=1)
    refused = post(guest, "place", form, htmx=True)
    text = page_text(refused)
    assert refused.status_code == 422 and current_step(refused) == "review"
    assert "Sorry, only 1 of Royal Oud 100 ml is left. Lower the quantity in your bag." in text
    assert "Only 1 left: lower the quantity to check out." in text and "Review your bag" in text
    assert orders(app) == []


@pytest.mark.parametrize("tampered", [
    {"price": "1", "unit_price": "1", "grand_total": "1"},
    {"offer_id": "999999", "quantity": "-1"},
    {"quantity": "0"},
    {"quantity": str(10**9)},
])
def test_tampered_values_at_placing_are_ignored(app, guest, shop, tampered):
    oud = shop.offer(price="450", stock=5)
    other = shop.offer(price="5", stock=5, name_en="Cheap Mist")
    add(guest, oud.offer_id, token=guest.token)
    form = up_to_review(guest)
    response = post(guest, "place", {**form, **tampered, "offer_id": tampered.get("offer_id", other.offer_id)})
    assert response.status_code == 303
    [order] = orders(app)
    assert [(line.offer_id, line.quantity, line.unit_price) for line in order.lines] == [
        (oud.offer_id, 1, Decimal("450.00"))]
    assert order.grand_total == Decimal("460.00") and shop.stock_of(other.offer_id) == 5


@pytest.mark.parametrize("form", [
    {"expected_total": "1"},
    {"expected_total": "abc"},
    {"expected_total": "NaN"},
    {"key": "someone-elses-key"},
    {"key": ""},
    {"key": "ab\x00cd"},  # PostgreSQL refuses NUL: this was a 500
])
def test_a_tampered_total_or_key_sends_the_shopper_back_to_the_review(app, guest, shop, form):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    good = up_to_review(guest)
    response = post(guest, "place", {**good, **form})
    assert response.status_code == 422 and current_step(response) == "review"
    assert orders(app) == []
    assert post(guest, "place", review_form(guest)).status_code == 303


@pytest.mark.parametrize("quantity", ["0", "-1", str(10**9), "two"])
def test_the_bag_refuses_tampered_quantities_before_the_checkout_sees_them(guest, shop, quantity):
    oud = shop.offer(price="450", stock=5)
    response = add(guest, oud.offer_id, quantity, token=guest.token)
    assert response.status_code == 303
    assert guest.get("/checkout").headers["Location"] == "/cart"  # nothing reached the bag


def test_every_checkout_post_needs_the_csrf_token(guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    for step in ("contact", "address", "delivery", "payment", "coupon", "place"):
        assert guest.post(f"/checkout/{step}", data=CONTACT).status_code == 400


def test_the_confirmation_is_only_for_the_customer_or_the_browser_that_ordered(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    location = post(guest, "place", up_to_review(guest)).headers["Location"]
    assert guest.get(location).status_code == 200
    stranger = app.test_client()
    assert stranger.get(location).status_code == 404
    assert stranger.get(location.replace("/confirmation", "/invoice").replace("/orders/", "/account/orders/")
                        ).status_code == 404
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(Order)) == 1
