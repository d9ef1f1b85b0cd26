"""The notification centre: the bell, the list, marking read — as plain forms and with htmx — and ownership."""
from __future__ import annotations

import json
import re

import pytest
from flask import render_template
from flask_login import login_user

from app.notifications.services import notify
from tests.conftest import csrf_token_from
from tests.shop import make_bag, place, shop  # noqa: F401  (shop is a fixture)

WELCOME = {"name": "Layla", "shop_url": "http://127.0.0.1:5000/products"}
RESET = {"name": "Layla", "reset_url": "http://127.0.0.1:5000/reset-password/abc"}
HTMX = {"HX-Request": "true"}
ITEM = re.compile(r'<li class="notification[^"]*" id="notification-(\d+)"')


def sign_in(client, email="layla@example.com", password="correct horse battery"):
    token = csrf_token_from(client, "/sign-in")
    response = client.post("/sign-in", data={"email": email, "password": password, "csrf_token": token})
    assert response.status_code == 303, response.get_data(as_text=True)
    return csrf_token_from(client, "/notifications")


def in_app(app, db, user, kind="welcome", payload=WELCOME, times=1) -> list[int]:
    """In-app notifications for `user`, written as the accounts code writes them."""
    from app.accounts.models import User

    with app.app_context():
        account = db.session.get(User, user.id)
        ids = [notify(account, kind, payload, channels=["in_app"])[0].id for _ in range(times)]
        db.session.commit()
        return ids


def items(page: str) -> list[int]:
    return [int(found) for found in ITEM.findall(page)]


def test_the_list_shows_the_accounts_notifications_newest_first(client, app, db, customer):
    first, second = in_app(app, db, customer), in_app(app, db, customer, "password_changed", RESET)[0]
    sign_in(client)
    response = client.get("/notifications")
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" in page
    assert items(page) == [second, *first]
    assert "Your password was changed" in page and "Welcome to AromaSouQ, <bdi>Layla</bdi>" in page
    assert 'href="http://127.0.0.1:5000/reset-password/abc"' in page and "Reset my password" in page
    assert "You have 2 unread notifications." in page


def test_the_list_pages_and_htmx_gets_only_the_list(client, app, db, customer):
    ids = in_app(app, db, customer, times=23)
    sign_in(client)
    first = client.get("/notifications").get_data(as_text=True)
    assert items(first) == ids[::-1][:20] and "Page 1 of 2" in first
    fragment = client.get("/notifications?page=2", headers=HTMX)
    assert fragment.headers["Vary"].count("HX-Request") == 1
    body = fragment.get_data(as_text=True)
    assert "<html" not in body and items(body) == ids[::-1][20:] and 'rel="prev"' in body
    assert 'data-hx-get="/notifications?page=1"' in body and 'data-hx-push-url="true"' in body


def test_an_empty_centre_says_so(client, customer):
    sign_in(client)
    page = client.get("/notifications").get_data(as_text=True)
    assert "No notifications yet" in page and "You are all caught up." in page and "Mark all as read" not in page


def test_mark_one_read_with_a_plain_form(client, app, db, customer):
    [first, second] = in_app(app, db, customer, times=2)
    token = sign_in(client)
    response = client.post(f"/notifications/{first}/read", data={"csrf_token": token, "next": "/notifications?page=1"})
    assert response.status_code == 303 and response.headers["Location"] == "/notifications?page=1"
    page = client.get("/notifications").get_data(as_text=True)
    assert "You have 1 unread notification." in page
    assert f'action="/notifications/{second}/read"' in page and f'action="/notifications/{first}/read"' not in page


def test_mark_one_read_with_htmx_swaps_the_item_and_tells_the_bell(client, app, db, customer):
    [first, second] = in_app(app, db, customer, times=2)
    token = sign_in(client)
    response = client.post(f"/notifications/{first}/read", data={"csrf_token": token}, headers=HTMX)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert items(body) == [first] and "notification--unread" not in body and "Mark as read" not in body
    assert 'id="notification-summary" data-hx-swap-oob="true"' in body and "You have 1 unread notification." in body
    assert "notificationsChanged" in json.loads(response.headers["HX-Trigger"])
    assert "HX-Request" in response.headers["Vary"]


def test_mark_all_read_as_a_form_and_with_htmx(client, app, db, customer):
    in_app(app, db, customer, times=3)
    token = sign_in(client)
    response = client.post("/notifications/read-all", data={"csrf_token": token})
    assert response.status_code == 303 and response.headers["Location"] == "/notifications"
    page = client.get("/notifications").get_data(as_text=True)
    assert "All your notifications are marked as read." in page and "You are all caught up." in page

    in_app(app, db, customer, times=2)
    response = client.post("/notifications/read-all", data={"csrf_token": token}, headers=HTMX)
    body = response.get_data(as_text=True)
    assert "<html" not in body and len(items(body)) == 5 and "notification--unread" not in body
    events = json.loads(response.headers["HX-Trigger"])
    assert "notificationsChanged" in events and events["showToast"]["kind"] == "success"
    assert response.headers["HX-Push-Url"] == "/notifications"


def test_the_bell_counts_unread_notifications(client, app, db, customer):
    [first, *_] = in_app(app, db, customer, times=3)
    token = sign_in(client)
    count = client.get("/notifications/unread-count", headers=HTMX)
    assert count.status_code == 200 and "Notifications, 3 unread" in count.get_data(as_text=True)
    assert count.headers["Cache-Control"] == "no-store"
    client.post(f"/notifications/{first}/read", data={"csrf_token": token})
    assert "Notifications, 2 unread" in client.get("/notifications/unread-count").get_data(as_text=True)

    from app.accounts.models import User
    from app.extensions import db as database

    with app.test_request_context("/"):
        login_user(database.session.get(User, customer.id))
        bell = render_template("notifications/_bell.html")
    assert 'href="/notifications"' in bell and 'data-hx-get="/notifications/unread-count"' in bell
    assert 'data-hx-trigger="every 60s, notificationsChanged from:body"' in bell
    assert '<span class="notification-bell__count" aria-hidden="true">2</span>' in bell


def test_the_bell_is_silent_for_visitors(client):
    assert client.get("/notifications/unread-count").status_code == 204
    with client.application.test_request_context("/"):
        assert render_template("notifications/_bell.html").strip() == ""


def test_only_in_app_notifications_of_the_account_itself_are_shown(client, app, db, customer, create_user):
    other = create_user(email="omar@example.com", full_name="Omar Saleh")
    [theirs] = in_app(app, db, other)
    from app.accounts.models import User

    with app.app_context():
        notify(db.session.get(User, customer.id), "verify_email",
               {"name": "Layla", "verify_url": "http://127.0.0.1:5000/verify"})  # email only
        db.session.commit()
    token = sign_in(client)
    assert items(client.get("/notifications").get_data(as_text=True)) == []
    assert client.post(f"/notifications/{theirs}/read", data={"csrf_token": token}).status_code == 404
    assert client.post(f"/notifications/{theirs}/read", data={"csrf_token": token}, headers=HTMX).status_code == 404
    assert client.post("/notifications/999999/read", data={"csrf_token": token}).status_code == 404


def test_marking_read_needs_the_csrf_token(client, app, db, customer):
    [first] = in_app(app, db, customer)
    sign_in(client)
    assert client.post(f"/notifications/{first}/read").status_code == 400
    assert client.post("/notifications/read-all").status_code == 400
    assert "notification--unread" in client.get("/notifications").get_data(as_text=True)


@pytest.mark.parametrize("method, path", [
    ("get", "/notifications"), ("post", "/notifications/1/read"), ("post", "/notifications/read-all"),
])
def test_visitors_are_sent_to_sign_in(client, method, path):
    token = csrf_token_from(client)
    response = getattr(client, method)(path, data={"csrf_token": token} if method == "post" else None)
    assert response.status_code in (302, 401)
    if response.status_code == 302:
        assert response.headers["Location"].startswith("/sign-in?next=")


def test_the_centre_speaks_the_pages_language(client, app, db, customer):
    in_app(app, db, customer, "password_changed", RESET)
    sign_in(client)
    client.set_cookie("lang", "ar")
    page = client.get("/notifications").get_data(as_text=True)
    assert 'lang="ar" dir="rtl"' in page
    assert "تم تغيير كلمة المرور" in page and "الإشعارات" in page


def test_ids_and_pages_beyond_the_database_ranges_are_clean(client, customer):
    sign_in(client)
    token = csrf_token_from(client, "/notifications")
    assert client.post("/notifications/2147483648/read", data={"csrf_token": token}).status_code == 404
    assert client.post("/notifications/0/read", data={"csrf_token": token}).status_code == 404
    assert client.get("/notifications?page=100000000000000000000").status_code == 200


ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


@pytest.mark.parametrize("account_language, page_language, thanks", [
    ("ar", "en", "Thank you for your order of"),
    ("en", "ar", "شكرًا لطلبك"),
])
def test_an_order_message_is_wholly_in_the_language_of_the_page(client, app, db, create_user, shop,
                                                               account_language, page_language, thanks):
    from flask_babel import force_locale

    from app.core.templating import currency_text
    from app.orders.models import Order
    from app.orders.notifications import notify_order_placed

    user = create_user(preferred_language=account_language)
    offer = shop.offer(price="2053.25")
    order_id = place(app, make_bag(app, (offer, 1), user_id=user.id), payment_method="cod", user_id=user.id)
    with app.test_request_context():
        order = db.session.get(Order, order_id)
        notify_order_placed(order)
        db.session.commit()
        with force_locale(page_language):
            total = currency_text(order.grand_total, "AED")
    sign_in(client)
    client.set_cookie("lang", page_language)  # the header's language switch
    page = client.get("/notifications").get_data(as_text=True)
    body = re.search(r'<p class="notification__body">(.*?)</p>', page).group(1)
    text = re.sub(r"<[^>]+>", "", body)
    assert thanks in text and total in text
    assert bool(ARABIC_LETTER.search(text)) == (page_language == "ar")
    assert bool(re.search(r"[A-Za-z]", text)) == (page_language == "en")
