"""The customer's orders: the list with pages, one order with its timeline and its shops, who may open
what, cancelling (the stock comes back once), the tax invoice's VAT figures, ordering again, and a
guest's order that joins the account registered and verified with its email."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.accounts.models import User
from app.accounts.services import create_user as create_account
from app.accounts.tokens import VERIFY_EMAIL, make_token
from app.cart.models import CartLine
from app.extensions import db as database
from app.notifications.models import Notification
from app.orders.models import Order
from app.orders.status import move_order
from tests.conftest import csrf_token_from
from tests.integration.test_checkout import ADDRESS, CONTACT, guest, post, review_form  # noqa: F401  (fixture)
from tests.shop import HTMX, add, add_coupon, make_bag, page_text, place, shop  # noqa: F401  (fixture and helpers)


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
    client.token = csrf_token_from(client, "/cart")


@pytest.fixture
def shopper(client, customer):
    sign_in(client, customer)
    client.user = customer
    return client


def order_of(app, order_id) -> Order:
    with app.app_context():
        order = database.session.get(Order, order_id)
        database.session.expunge(order)
        return order


def bought(app, shop, user, *lines, **changes) -> Order:
    """An order placed by `user` through the order service (cash on delivery unless told otherwise)."""
    cart_id = make_bag(app, *lines, user_id=user.id)
    return order_of(app, place(app, cart_id, user_id=user.id, **{"payment_method": "cod", **changes}))


def test_my_orders_lists_the_customers_orders_newest_first_a_page_at_a_time(app, shopper, shop, create_user):
    oud = shop.offer(price="120", stock=50)
    numbers = [bought(app, shop, shopper.user, (oud, 1)).number for _ in range(12)]
    stranger = create_user("stranger@example.com")
    theirs = bought(app, shop, stranger, (oud, 1)).number

    first = shopper.get("/account/orders")
    listed = re.findall(r"AS-\d{4}-\d{6}", page_text(first))
    assert listed == numbers[::-1][:10] and theirs not in listed
    assert "Royal Oud" in page_text(first) and "Confirmed" in page_text(first) and "Page 1 of 2" in page_text(first)
    second = shopper.get("/account/orders?page=2", headers=HTMX)
    assert second.status_code == 200 and "<html" not in second.get_data(as_text=True)
    assert re.findall(r"AS-\d{4}-\d{6}", page_text(second)) == numbers[1::-1]
    assert "There is nothing on this page" in page_text(shopper.get("/account/orders?page=9"))


def test_an_order_shows_its_timeline_its_shops_and_its_totals(app, shopper, shop):
    oud = shop.offer(price="450", stock=5)
    rose = shop.offer(price="99.50", stock=5, vendor="souq-b", name_en="Taif Rose", name_ar="وردة الطائف")
    order = bought(app, shop, shopper.user, (oud, 1), (rose, 2), gift_wrap=True, gift_message="Eid Mubarak")
    text = page_text(shopper.get(f"/account/orders/{order.number}"))
    assert "From Souq A" in text and "From Souq B" in text and "Taif Rose" in text
    assert "Order placed" in text and "Being prepared (still ahead)" in text and "Delivered (still ahead)" in text
    assert "Gift-wrapped" in text and "Card: “Eid Mubarak”" in text
    assert "Total AED 659.00" in text  # 450 + 199 items, free delivery from 200, 10 COD

    with app.app_context():
        move_order(database.session.get(Order, order.id), "processing", note="packed")
        database.session.commit()
    text = page_text(shopper.get(f"/account/orders/{order.number}"))
    assert "Being prepared (still ahead)" not in text and "On its way (still ahead)" in text

    shopper.set_cookie("lang", "ar")
    arabic = page_text(shopper.get(f"/account/orders/{order.number}"))
    assert "من سوق ب" in arabic and "وردة الطائف" in arabic and "قيد التجهيز" in arabic


@pytest.mark.parametrize("method, path", [
    ("get", "/account/orders/{number}"),
    ("get", "/account/orders/{number}/invoice"),
    ("get", "/account/orders/{number}/cancel"),
    ("post", "/account/orders/{number}/cancel"),
    ("post", "/account/orders/{number}/reorder"),
    ("get", "/orders/{number}/confirmation"),
])
def test_another_customers_order_does_not_exist_for_you(app, shopper, shop, create_user, method, path):
    oud = shop.offer(price="120", stock=5)
    stranger = create_user("stranger@example.com")
    theirs = bought(app, shop, stranger, (oud, 1))
    response = getattr(shopper, method)(path.format(number=theirs.number), data={"csrf_token": shopper.token})
    assert response.status_code == 404
    assert order_of(app, theirs.id).status == "confirmed" and shop.stock_of(oud.offer_id) == 4


def test_guests_are_asked_to_sign_in_for_the_account_pages(app, client, shop, customer):
    oud = shop.offer(price="120", stock=5)
    order = bought(app, shop, customer, (oud, 1))
    response = client.get(f"/account/orders/{order.number}")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert client.get(f"/account/orders/{order.number}/invoice").status_code == 404


def test_cancelling_before_shipping_asks_first_and_returns_the_stock_once(app, shopper, shop):
    oud = shop.offer(price="450", stock=5)
    order = bought(app, shop, shopper.user, (oud, 2))
    assert shop.stock_of(oud.offer_id) == 3
    ask = shopper.get(f"/account/orders/{order.number}/cancel")
    assert ask.status_code == 200 and f"Cancel order {order.number} ?" in page_text(ask)
    assert shop.stock_of(oud.offer_id) == 3  # asking changes nothing

    cancelled = shopper.post(f"/account/orders/{order.number}/cancel", data={"csrf_token": shopper.token})
    assert cancelled.status_code == 303
    assert f"Your order {order.number} is cancelled." in page_text(shopper.get(cancelled.headers["Location"]))
    again = shopper.post(f"/account/orders/{order.number}/cancel", data={"csrf_token": shopper.token})
    assert "This order is already cancelled." in page_text(shopper.get(again.headers["Location"]))
    assert shop.stock_of(oud.offer_id) == 5 and order_of(app, order.id).status == "cancelled"
    with app.app_context():
        kinds = database.session.scalars(select(Notification.kind).where(Notification.channel == "email")).all()
    assert kinds == ["order_cancelled"]
    assert shopper.post(f"/account/orders/{order.number}/cancel").status_code == 400  # no CSRF token


def test_a_shipped_order_cannot_be_cancelled(app, shopper, shop):
    oud = shop.offer(price="450", stock=5)
    order = bought(app, shop, shopper.user, (oud, 1))
    with app.app_context():
        placed = database.session.get(Order, order.id)
        move_order(placed, "processing")
        move_order(placed, "shipped")
        database.session.commit()
    assert "Cancel this order" not in page_text(shopper.get(f"/account/orders/{order.number}"))
    refused = shopper.post(f"/account/orders/{order.number}/cancel", data={"csrf_token": shopper.token})
    assert "This order has shipped and can no longer be cancelled." in page_text(shopper.get(refused.headers["Location"]))
    assert shop.stock_of(oud.offer_id) == 4 and order_of(app, order.id).status == "shipped"


def test_the_invoice_shows_each_sellers_vat_and_the_orders_in_both_languages(app, shopper, shop, monkeypatch):
    monkeypatch.setitem(app.config, "PLATFORM_TRN", "100123456700003")
    oud = shop.offer(price="120", stock=5)
    rose = shop.offer(price="99.50", stock=5, vendor="souq-b", name_en="Taif Rose", name_ar="وردة الطائف")
    add_coupon(app, code="TEN", kind="fixed", value=Decimal("10"))
    order = bought(app, shop, shopper.user, (oud, 1), (rose, 1), coupon_code="TEN", delivery_option="next-day")
    text = page_text(shopper.get(f"/account/orders/{order.number}/invoice"))
    assert "Tax invoice فاتورة ضريبية" in text and "TRN الرقم الضريبي : 100123456700003" in text
    assert "Seller البائع : Souq A · سوق أ" in text and "Royal Oud" in text and "العود الملكي" in text
    # The discount of 10 is shared in proportion: 120 → 5.47, 99.50 → 4.53.
    # Souq A: 114.53 incl. 5.45 VAT; Souq B: 94.97 incl. 4.52 VAT; next-day 25.00 incl. 1.19; COD 10.00 incl. 0.48.
    assert "−AED 5.47 AED 109.08 AED 5.45 AED 114.53" in text
    assert "−AED 4.53 AED 90.45 AED 4.52 AED 94.97" in text
    assert "AED 23.81 AED 1.19 AED 25.00" in text and "AED 9.52 AED 0.48 AED 10.00" in text
    assert order.vat_included == Decimal("11.64") and order.grand_total == Decimal("244.50")
    assert "Total of the order إجمالي الطلب AED 232.86 AED 11.64 AED 244.50" in text


def test_order_again_adds_what_is_still_for_sale_and_names_the_rest(app, shopper, shop):
    oud = shop.offer(price="450", stock=5)
    rose = shop.offer(price="99.50", stock=5, name_en="Taif Rose")
    order = bought(app, shop, shopper.user, (oud, 2), (rose, 1))
    shop.change_offer(rose.offer_id, is_active=False)
    shop.change_offer(oud.offer_id, price=Decimal("500"))
    response = shopper.post(f"/account/orders/{order.number}/reorder", data={"csrf_token": shopper.token})
    assert response.status_code == 303 and response.headers["Location"] == "/cart"
    bag = page_text(shopper.get("/cart"))
    assert "1 item is back in your bag." in bag
    assert "Taif Rose, 100 ml was not added: Sorry, this perfume is not available." in bag
    with app.app_context():
        lines = database.session.execute(select(CartLine.offer_id, CartLine.quantity, CartLine.price_when_added)).all()
    assert lines == [(oud.offer_id, 2, Decimal("500.00"))]  # at today's price


def test_a_guest_order_joins_the_account_registered_and_verified_with_its_email(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"}),
                       ("payment", {"method": "cod"})):
        post(guest, step, data)
    confirmation = post(guest, "place", review_form(guest)).headers["Location"]
    number = confirmation.split("/")[2]
    assert "Create an account with noor@example.com" in page_text(guest.get(confirmation))

    registered = guest.post("/register", data={
        "full_name": "Noor Haddad", "email": "noor@example.com", "password": "amber and oud at dusk",
        "preferred_language": "en", "csrf_token": csrf_token_from(guest, "/register")})
    assert registered.status_code == 303
    assert number not in page_text(guest.get("/account/orders"))  # the address is not proven yet
    assert guest.get(f"/account/orders/{number}").status_code == 404

    with app.app_context():
        user = database.session.scalar(select(User).where(User.email == "noor@example.com"))
        token = make_token(VERIFY_EMAIL, {"user": user.id, "email": user.email})
    assert guest.get(f"/verify-email/{token}").status_code == 303
    assert number in page_text(guest.get("/account/orders"))
    assert guest.get(f"/account/orders/{number}").status_code == 200

    guest.post("/sign-out", data={"csrf_token": csrf_token_from(guest, "/")})
    signed_in = guest.post("/sign-in", data={"email": "noor@example.com", "password": "amber and oud at dusk",
                                             "csrf_token": csrf_token_from(guest, "/sign-in")})
    assert signed_in.status_code == 303
    with app.app_context():  # signing in attached it to the account for good
        assert database.session.scalar(select(Order.user_id).where(Order.number == number)) == user.id


def test_an_unverified_account_never_sees_a_guest_order_with_its_email(app, guest, shop):
    oud = shop.offer(price="450", stock=5)
    add(guest, oud.offer_id, token=guest.token)
    for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"}),
                       ("payment", {"method": "cod"})):
        post(guest, step, data)
    number = post(guest, "place", review_form(guest)).headers["Location"].split("/")[2]
    with app.app_context():  # registered with the address, never proved it
        squatter = create_account("noor@example.com", "Someone Else", "correct horse battery", email_verified=False)
        database.session.commit()
        database.session.refresh(squatter)
    other = guest.application.test_client()
    sign_in(other, squatter)
    assert number not in page_text(other.get("/account/orders"))
    signed_in = other.post("/sign-in", data={"email": "noor@example.com", "password": "correct horse battery",
                                             "csrf_token": other.token})
    assert signed_in.status_code in (303, 302)
    with app.app_context():
        assert database.session.scalar(select(func.count()).select_from(Order).where(Order.user_id.is_not(None))) == 0
