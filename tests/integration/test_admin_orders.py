"""The back office's orders: the table (filters, sort, pages, htmx, CSV of the filter or of the ticked rows),
one order's file, the status changes ORDER_TRANSITIONS allows (and the refused ones, with their reason),
cancelling (stock back once), refunds of the whole order or of one shop's part through localstripe or as
cash recorded, double submits, and the audit entries all of it writes."""
from __future__ import annotations

import csv
import io
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import func, select, update

from app.audit.models import AuditEntry
from app.extensions import db as database
from app.orders.models import Order, OrderEvent, SubOrder
from app.orders.status import move_order
from app.payments.models import Refund
from app.payments.services import record_cod_collection, start_card_payment
from tests.backoffice import sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.payments_fixtures import localstripe, pay_at_localstripe, post_event, stripe_configured  # noqa: F401
from tests.shop import make_bag, place, shop  # noqa: F401  (fixture and helpers)

HTMX = {"HX-Request": "true"}


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def signed_in(client, admin):
    sign_in_as(client, admin, second_factor=True)
    return client


def order_of(app, shop, *lines, **changes) -> str:
    """An order placed through the real service from (price, quantity, vendor) lines; returns its number."""
    made = [(shop.offer(price=price, stock=5, vendor=vendor), quantity) for price, quantity, vendor in lines]
    order_id = place(app, make_bag(app, *made), **changes)
    with app.app_context():
        return database.session.get(Order, order_id).number


def cash_order(app, shop, price="120", quantity=1, **changes) -> str:
    return order_of(app, shop, (price, quantity, "souq-a"), payment_method="cod", **changes)


def paid_card_order(app, shop, localstripe, *lines) -> str:
    """A card order paid at localstripe and confirmed by its signed webhook."""
    number = order_of(app, shop, *lines, payment_method="card")
    with app.test_request_context():
        order = database.session.scalar(select(Order).where(Order.number == number))
        intent_id = start_card_payment(order).payment.payment_intent_id
        database.session.commit()
    intent = pay_at_localstripe(localstripe, intent_id)
    with app.test_client() as client:
        assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "paid"
    return number


def deliver_and_collect(order: Order) -> None:
    """The courier delivers a cash order and the cash collected is recorded."""
    for step in ("processing", "shipped", "delivered"):
        move_order(order, step)
    record_cod_collection(order)


def order_row(app, number) -> Order:
    with app.app_context():
        order = database.session.scalar(select(Order).where(Order.number == number))
        database.session.refresh(order)
        database.session.expunge(order)
        return order


def with_order(app, number, change) -> None:
    with app.test_request_context():
        change(database.session.scalar(select(Order).where(Order.number == number)))
        database.session.commit()


def post(client, path, page, **data):
    return client.post(path, data={**data, "csrf_token": csrf_token_from(client, page)})


def refund_key_on(client, number) -> str:
    page = client.get(f"/admin/orders/{number}").get_data(as_text=True)
    return re.search(r'name="refund-request_key"[^>]*value="([^"]+)"', page).group(1)


def refund(client, number, part="order", amount="", reason="One bottle arrived broken.", key=None):
    return post(client, f"/admin/orders/{number}/refund", f"/admin/orders/{number}", **{
        "refund-part": part, "refund-amount": amount, "refund-reason": reason,
        "refund-request_key": key or refund_key_on(client, number)})


def audit_actions(app, number) -> list[str]:
    with app.app_context():
        order_id = database.session.scalar(select(Order.id).where(Order.number == number))
        return list(database.session.scalars(select(AuditEntry.action).where(
            AuditEntry.subject_type == "customer_order", AuditEntry.subject_id == order_id).order_by(AuditEntry.id)))


# The table -------------------------------------------------------------------------------------


def test_the_table_filters_by_status_payment_paid_shop_dates_and_number_or_email(app, db, signed_in, shop):
    cash = cash_order(app, shop, email="huda@example.com")
    card = order_of(app, shop, ("300", 1, "souq-b"), payment_method="card")
    old = cash_order(app, shop, email="old@example.com")
    with app.app_context():
        database.session.execute(update(Order).where(Order.number == old)
                                 .values(created_at=datetime(2026, 1, 10, 8, tzinfo=timezone.utc)))
        database.session.commit()

    def numbers(query: str) -> set[str]:
        return set(re.findall(r"AS-\d{4}-\d{6}", signed_in.get(f"/admin/orders?{query}").get_data(as_text=True)))

    assert numbers("") == {cash, card, old}
    assert numbers("status=pending_payment") == {card}
    assert numbers("payment=cod") == {cash, old}
    assert numbers("paid=unpaid") == {cash, card, old} and numbers("paid=paid") == set()
    assert numbers(f"vendor={shop.vendor_ids['souq-b']}") == {card}
    assert numbers("since=2026-01-10&until=2026-01-10") == {old}
    assert numbers("until=2026-01-09") == set()
    assert numbers("q=huda@") == {cash}
    assert numbers(f"q={card[-6:]}") == {card}
    assert "No order matches these filters." in text_of(signed_in.get("/admin/orders?q=nobody"))


def test_the_table_sorts_pages_answers_htmx_with_its_block_and_survives_nonsense(app, db, signed_in, shop):
    cheap = cash_order(app, shop, price="50")
    dear = cash_order(app, shop, price="900")
    page = signed_in.get("/admin/orders?sort=total").get_data(as_text=True)
    assert page.index(cheap) < page.index(dear)
    page = signed_in.get("/admin/orders?sort=-total").get_data(as_text=True)
    assert page.index(dear) < page.index(cheap)
    fragment = signed_in.get("/admin/orders?sort=total", headers=HTMX)
    assert "HX-Request" in fragment.headers["Vary"]
    body = fragment.get_data(as_text=True)
    assert body.lstrip().startswith('<div id="order-table"') and "<html" not in body
    for nonsense in ("page=-3", "page=99999999", "sort=drop", "status=lost", "vendor=abc", "since=31-31-2026",
                     "payment=gold", "paid=maybe", "q=" + "x" * 500):
        assert signed_in.get(f"/admin/orders?{nonsense}").status_code == 200


def test_csv_has_the_filtered_orders_or_only_those_ticked(app, db, signed_in, shop):
    cash = cash_order(app, shop, email="=cmd@example.com")
    card = order_of(app, shop, ("300", 1, "souq-b"), payment_method="card")
    answer = signed_in.get("/admin/orders.csv?payment=cod")
    assert answer.mimetype == "text/csv" and "attachment" in answer.headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(answer.get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["number"] for row in rows] == [cash]
    assert rows[0]["email"] == "'=cmd@example.com" and rows[0]["shops"] == "Souq A"
    with app.app_context():
        card_id = database.session.scalar(select(Order.id).where(Order.number == card))
    rows = list(csv.DictReader(io.StringIO(
        signed_in.get(f"/admin/orders.csv?selected=1&order={card_id}").get_data(as_text=True).lstrip("\ufeff"))))
    assert [row["number"] for row in rows] == [card]
    nothing_ticked = signed_in.get("/admin/orders.csv?selected=1")
    assert nothing_ticked.status_code == 303
    assert "Tick the orders to download first." in text_of(signed_in.get(nothing_ticked.headers["Location"]))


# One order -------------------------------------------------------------------------------------


def test_the_order_page_shows_customer_address_lines_by_shop_payments_and_timeline(app, db, signed_in, shop,
                                                                                    stripe_configured):
    number = paid_card_order(app, shop, stripe_configured, ("200", 1, "souq-a"), ("80", 2, "souq-b"))
    page = text_of(signed_in.get(f"/admin/orders/{number}"))
    for expected in ("Noor Haddad", "noor@example.com", "Al Barsha", "Souq A", "Souq B", "Royal Oud",
                     "Card (Stripe)", "Received", "Order placed", "Confirmed", "System",
                     "Mark as being prepared", "Cancel the order", "Refund to the card"):
        assert expected in page, expected
    assert "Mark as shipped" not in page  # confirmed → processing only (ORDER_TRANSITIONS)
    assert signed_in.get("/admin/orders/AS-2026-999999").status_code == 404


def test_allowed_moves_are_made_recorded_and_audited(app, db, signed_in, admin, shop):
    number = cash_order(app, shop)
    page = f"/admin/orders/{number}"
    answer = post(signed_in, f"{page}/status", page, to_status="processing", seen_status="confirmed",
                  note="Packed at the warehouse")
    assert answer.status_code == 303
    assert "The order is now" in text_of(signed_in.get(answer.headers["Location"]))
    assert order_row(app, number).status == "processing"
    with app.app_context():
        event = database.session.scalar(select(OrderEvent).join(Order).where(Order.number == number)
                                        .order_by(OrderEvent.id.desc()).limit(1))
        assert (event.to_status, event.actor_user_id, event.note) == ("processing", admin.id, "Packed at the warehouse")
    assert audit_actions(app, number) == ["order.status"]
    shown = text_of(signed_in.get(page))
    assert "Mark as shipped" in shown and "aisha@example.com" in shown


def test_the_customer_hears_when_an_admin_marks_the_order_delivered(app, db, signed_in, shop):
    from app.notifications.models import Notification

    number = cash_order(app, shop)
    page = f"/admin/orders/{number}"
    for seen, to in (("confirmed", "processing"), ("processing", "shipped"), ("shipped", "delivered")):
        assert post(signed_in, f"{page}/status", page, to_status=to, seen_status=seen).status_code == 303
    with app.app_context():
        kinds = database.session.scalars(select(Notification.kind).where(
            Notification.payload["order_number"].astext == number)).all()
    assert kinds.count("order_delivered") == 1


def test_a_move_the_transitions_do_not_allow_is_refused_with_its_reason(app, db, signed_in, shop):
    number = cash_order(app, shop)
    page = f"/admin/orders/{number}"
    answer = post(signed_in, f"{page}/status", page, to_status="delivered", seen_status="confirmed")
    assert answer.status_code == 303
    assert "This order cannot be changed that way any more." in text_of(signed_in.get(answer.headers["Location"]))
    assert order_row(app, number).status == "confirmed" and audit_actions(app, number) == []
    for forged in ("refunded", "cancelled", "confirmed", "lost"):  # not an admin move: the form refuses it
        assert post(signed_in, f"{page}/status", page, to_status=forged, seen_status="confirmed").status_code == 422
    assert order_row(app, number).status == "confirmed"


def test_a_status_change_sent_twice_is_made_once(app, db, signed_in, shop):
    number = cash_order(app, shop)
    page = f"/admin/orders/{number}"
    for _attempt in range(2):
        answer = post(signed_in, f"{page}/status", page, to_status="processing", seen_status="confirmed")
    assert "Nothing was changed: the order is already" in text_of(signed_in.get(answer.headers["Location"]))
    with app.app_context():
        moves = database.session.scalar(select(func.count(OrderEvent.id)).join(Order).where(
            Order.number == number, OrderEvent.to_status == "processing", OrderEvent.sub_order_id.is_(None)))
    assert moves == 1 and audit_actions(app, number) == ["order.status"]


def test_cancelling_returns_the_stock_once_and_is_refused_after_shipping(app, db, signed_in, shop):
    offer = shop.offer(price="120", stock=5)
    order_id = place(app, make_bag(app, (offer, 2)), payment_method="cod")
    number = order_row_by_id(app, order_id).number
    assert shop.stock_of(offer.offer_id) == 3
    page = f"/admin/orders/{number}"
    no_reason = post(signed_in, f"{page}/cancel", page, **{"cancel-seen_status": "confirmed", "cancel-reason": ""})
    assert no_reason.status_code == 422 and "Give the reason for the cancellation." in text_of(no_reason)
    for _attempt in range(2):
        answer = post(signed_in, f"{page}/cancel", page,
                      **{"cancel-seen_status": "confirmed", "cancel-reason": "The customer asked by phone."})
        assert answer.status_code == 303
    assert order_row(app, number).status == "cancelled"
    assert shop.stock_of(offer.offer_id) == 5  # back once, not twice
    assert audit_actions(app, number) == ["order.cancel"]

    shipped = cash_order(app, shop)
    with_order(app, shipped, lambda order: [move_order(order, step) for step in ("processing", "shipped")])
    page = f"/admin/orders/{shipped}"
    assert "Cancel the order" not in text_of(signed_in.get(page))
    answer = post(signed_in, f"{page}/cancel", page, **{"cancel-seen_status": "shipped",
                                                        "cancel-reason": "Too late for this."})
    assert "can no longer be cancelled" in text_of(signed_in.get(answer.headers["Location"]))
    assert order_row(app, shipped).status == "shipped"


def order_row_by_id(app, order_id) -> Order:
    with app.app_context():
        order = database.session.get(Order, order_id)
        database.session.expunge(order)
        return order


# Refunds ---------------------------------------------------------------------------------------


def test_a_card_refund_of_one_shops_part_then_of_the_rest_goes_through_stripe(app, db, signed_in, shop,
                                                                             stripe_configured):
    number = paid_card_order(app, shop, stripe_configured, ("200", 1, "souq-a"), ("80", 2, "souq-b"))
    order = order_row(app, number)
    with app.app_context():
        part_a, part_b = database.session.scalars(select(SubOrder).where(SubOrder.order_id == order.id)
                                                  .order_by(SubOrder.id)).all()
        database.session.expunge_all()
    answer = refund(signed_in, number, part=str(part_b.id), amount="50.00", reason="A bottle arrived broken.")
    assert answer.status_code == 303
    assert "refunded. The customer has been told." in text_of(signed_in.get(answer.headers["Location"]))
    too_much = refund(signed_in, number, part=str(part_b.id), amount="200.00")
    assert too_much.status_code == 422
    body = text_of(too_much)
    assert "At most" in body and "can still be refunded" in body and 'value="200.00"' in too_much.get_data(as_text=True)
    answer = refund(signed_in, number, part=str(part_b.id), reason="The other bottle is broken too.")  # the rest of B
    assert answer.status_code == 303
    with app.app_context():
        refunds = database.session.execute(select(Refund.amount, Refund.sub_order_id, Refund.stripe_refund_id)
                                           .where(Refund.order_id == order.id).order_by(Refund.id)).all()
        statuses = dict(database.session.execute(select(SubOrder.id, SubOrder.status)
                                                 .where(SubOrder.order_id == order.id)).all())
    assert [(amount, part) for amount, part, _id in refunds] == [(Decimal("50.00"), part_b.id),
                                                                  (part_b.total - Decimal("50.00"), part_b.id)]
    assert statuses == {part_a.id: "confirmed", part_b.id: "refunded"}
    assert order_row(app, number).status == "partially_refunded"
    at_stripe = stripe_configured.api("GET", "/v1/refunds", limit=100)["data"]
    assert {refund_id for _amount, _part, refund_id in refunds} <= {item["id"] for item in at_stripe}

    answer = refund(signed_in, number, reason="The customer returned everything.")  # everything left
    assert answer.status_code == 303
    assert order_row(app, number).status == "refunded"
    with app.app_context():
        total = database.session.scalar(select(func.sum(Refund.amount)).where(Refund.order_id == order.id))
    assert total == order.grand_total
    assert audit_actions(app, number) == ["order.refund", "order.refund", "order.refund"]
    assert "Nothing can be changed on this order now." in text_of(signed_in.get(f"/admin/orders/{number}"))


def test_a_refund_form_sent_twice_refunds_once(app, db, signed_in, shop, stripe_configured):
    number = paid_card_order(app, shop, stripe_configured, ("200", 1, "souq-a"))
    key = refund_key_on(signed_in, number)
    first = refund(signed_in, number, amount="30", key=key)
    second = refund(signed_in, number, amount="30", key=key)
    assert first.status_code == second.status_code == 303
    assert "This refund was already made" in text_of(signed_in.get(second.headers["Location"]))
    with app.app_context():
        assert database.session.scalar(select(func.count(Refund.id)).join(Order).where(Order.number == number)) == 1
    assert audit_actions(app, number) == ["order.refund"]


@pytest.mark.parametrize("amount, message", [("abc", "Enter the amount to refund in dirhams"),
                                             ("0", "Enter the amount to refund in dirhams"),
                                             ("10.005", "Enter the amount to refund in dirhams")])
def test_a_refund_amount_that_makes_no_sense_comes_back_with_the_input_kept(app, db, signed_in, shop, amount,
                                                                            message):
    number = cash_order(app, shop)
    with_order(app, number, deliver_and_collect)
    answer = refund(signed_in, number, amount=amount)
    assert answer.status_code == 422 and message in text_of(answer)
    assert f'value="{amount}"' in answer.get_data(as_text=True)
    no_reason = refund(signed_in, number, amount="5", reason="")
    assert no_reason.status_code == 422 and "Give the reason for the refund." in text_of(no_reason)


def test_a_cash_refund_is_recorded_and_an_unpaid_order_has_none(app, db, signed_in, shop):
    number = cash_order(app, shop, price="120")
    assert "Record a cash refund" not in text_of(signed_in.get(f"/admin/orders/{number}"))  # nothing collected
    answer = refund(signed_in, number, amount="20", key="k" * 20)
    assert "nothing to refund" in text_of(answer)
    with_order(app, number, deliver_and_collect)
    answer = refund(signed_in, number, amount="20.00", reason="A sample was missing.")
    assert answer.status_code == 303
    with app.app_context():
        assert database.session.execute(select(Refund.amount, Refund.stripe_refund_id, Refund.sub_order_id)
                                        .join(Order).where(Order.number == number)).all() == [
            (Decimal("20.00"), None, None)]
    assert order_row(app, number).status == "partially_refunded"
    assert "cash, recorded" in text_of(signed_in.get(f"/admin/orders/{number}"))


def test_a_sub_order_of_another_order_is_not_refunded(app, db, signed_in, shop, stripe_configured):
    number = paid_card_order(app, shop, stripe_configured, ("200", 1, "souq-a"))
    other = order_of(app, shop, ("90", 1, "souq-b"), payment_method="cod")
    with app.app_context():
        foreign = database.session.scalar(select(SubOrder.id).join(Order).where(Order.number == other))
    assert refund(signed_in, number, part=str(foreign), amount="10").status_code == 422
    assert signed_in.post("/admin/orders/AS-2026-999999/refund", data={}).status_code in (400, 404)
    with app.app_context():
        assert database.session.scalar(select(func.count(Refund.id))) == 0


def test_a_paid_order_cancelled_by_an_admin_is_refunded_in_full(app, db, signed_in, shop, stripe_configured):
    offer = shop.offer(price="150", stock=4)
    order_id = place(app, make_bag(app, (offer, 1)), payment_method="card")
    number = order_row_by_id(app, order_id).number
    with app.test_request_context():
        intent_id = start_card_payment(database.session.get(Order, order_id)).payment.payment_intent_id
        database.session.commit()
    intent = pay_at_localstripe(stripe_configured, intent_id)
    with app.test_client() as other_client:
        post_event(other_client, "payment_intent.succeeded", intent)
    page = f"/admin/orders/{number}"
    answer = post(signed_in, f"{page}/cancel", page, **{"cancel-seen_status": "confirmed",
                                                        "cancel-reason": "Out of stock at the shop."})
    assert answer.status_code == 303
    order = order_row(app, number)
    assert order.status == "refunded" and shop.stock_of(offer.offer_id) == 4
    with app.app_context():
        [(amount, stripe_id)] = database.session.execute(select(Refund.amount, Refund.stripe_refund_id)
                                                         .where(Refund.order_id == order.id)).all()
    assert amount == order.grand_total and stripe_id.startswith("re_")
    assert datetime.now(timezone.utc) - order.stock_returned_at < timedelta(minutes=5)
