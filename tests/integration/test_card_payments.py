"""Card payments against a real localstripe: PaymentIntents in fils with an idempotency key, the verified
webhook as the only way to "paid", duplicates, mismatches, failures and out-of-order events, refunds through
Stripe and for cash, and who may open the payment pages."""
from __future__ import annotations

import re
import threading
from decimal import Decimal

import pytest
import requests
from sqlalchemy import func, select, update

from app.extensions import db as database
from app.notifications.models import Notification
from app.orders.models import Order, OrderEvent
from app.orders.status import move_order
from app.payments.models import Payment, PaymentEvent, Refund
from app.payments.refunds import refund_order
from app.payments.services import PaymentRefused, record_cod_collection, start_card_payment
from tests.conftest import csrf_token_from
from tests.payments_fixtures import (  # noqa: F401  (fixtures)
    DECLINED,
    card_live_server,
    localstripe,
    pay_at_localstripe,
    post_event,
    signed_event,
    stripe_configured,
    wait_for,
)
from tests.shop import committed_shop, make_bag, page_text, place, shop  # noqa: F401  (fixtures and helpers)


def card_order(app, shop, price="123.45", quantity=1, stock=5, user_id=None, payment_method="card"):
    """An order placed through the real service; returns (order id, offer)."""
    offer = shop.offer(price=price, stock=stock)
    cart_id = make_bag(app, (offer, quantity), user_id=user_id)
    return place(app, cart_id, payment_method=payment_method, user_id=user_id), offer


def start(app, order_id) -> tuple[str, str]:
    """Start the order's card payment and commit; returns (order number, PaymentIntent id)."""
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        started = start_card_payment(order)
        database.session.commit()
        return order.number, started.payment.payment_intent_id


def paid_order(app, shop, localstripe, **options) -> tuple[int, dict]:
    """A card order paid at localstripe and confirmed by its (signed) webhook; returns (order id, intent)."""
    order_id, _offer = card_order(app, shop, **options)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(localstripe, intent_id)
    with app.test_client() as client:
        assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "paid"
    return order_id, intent


def order_state(app, order_id) -> dict:
    with app.app_context():
        order = database.session.get(Order, order_id)
        payments = database.session.scalars(select(Payment).where(Payment.order_id == order_id)
                                            .order_by(Payment.id)).all()
        return {"status": order.status, "paid_at": order.paid_at, "number": order.number,
                "total": order.grand_total, "stock_returned_at": order.stock_returned_at,
                "payments": [(p.status, p.amount_received, p.problem) for p in payments],
                "events": database.session.scalar(select(func.count(PaymentEvent.id))
                                                  .where(PaymentEvent.order_id == order_id)),
                "confirmations": database.session.scalar(select(func.count(OrderEvent.id)).where(
                    OrderEvent.order_id == order_id, OrderEvent.to_status == "confirmed")),
                "refunds": database.session.execute(select(Refund.amount, Refund.stripe_refund_id)
                                                    .where(Refund.order_id == order_id).order_by(Refund.id)).all()}


# Starting a payment ----------------------------------------------------------------------------


def test_a_payment_intent_asks_for_the_total_in_fils_once_per_attempt(app, shop, stripe_configured):
    order_id, _offer = card_order(app, shop, price="123.45", quantity=3)
    number, intent_id = start(app, order_id)
    total = order_state(app, order_id)["total"]
    intent = stripe_configured.payment_intent(intent_id)
    assert total % 1 != 0 and intent["amount"] == int(total * 100)  # 370.35 of items and the delivery, in fils
    assert intent["currency"] == "aed" and intent["metadata"] == {"order_number": number}
    with app.app_context():
        payment = database.session.scalar(select(Payment).where(Payment.order_id == order_id))
        assert (payment.provider, payment.amount, payment.status) == ("stripe", total, "open")
        assert payment.idempotency_key == f"{number}-attempt-1"

    # Reloading the page reuses the open intent instead of making another one.
    assert start(app, order_id) == (number, intent_id)
    mine = [pi for pi in stripe_configured.payment_intents() if pi["metadata"].get("order_number") == number]
    assert len(mine) == 1


def test_a_cancelled_intent_is_replaced_by_a_second_attempt(app, shop, stripe_configured):
    order_id, _offer = card_order(app, shop)
    number, first = start(app, order_id)
    stripe_configured.api("POST", f"/v1/payment_intents/{first}/cancel")
    number, second = start(app, order_id)
    assert second != first
    with app.app_context():
        keys = database.session.execute(select(Payment.idempotency_key, Payment.status)
                                        .where(Payment.order_id == order_id).order_by(Payment.id)).all()
    assert keys == [(f"{number}-attempt-1", "canceled"), (f"{number}-attempt-2", "open")]


def test_card_totals_under_two_dirhams_are_refused_before_stripe_is_called(app, shop, stripe_configured, client,
                                                                           customer):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    with app.app_context():
        database.session.execute(update(Order).where(Order.id == order_id).values(
            items_total=Decimal("1.99"), delivery_fee=0, grand_total=Decimal("1.99")))
        database.session.commit()
    intents_before = len(stripe_configured.payment_intents())
    with app.test_request_context(), pytest.raises(PaymentRefused) as refused:
        start_card_payment(database.session.get(Order, order_id))
    assert re.match(r"Card payments start at AED\s?2\.00\.", refused.value.message)
    assert len(stripe_configured.payment_intents()) == intents_before

    client.post("/sign-in", data={"email": customer.email, "password": "correct horse battery",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    page = client.get(f"/checkout/pay/{order_state(app, order_id)['number']}")
    assert page.status_code == 200 and re.search(r"Card payments start at AED\s?2\.00", page_text(page))
    assert "data-client-secret" not in page.get_data(as_text=True)


def test_card_payment_is_not_offered_without_the_stripe_keys(app, shop, client, customer):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    client.post("/sign-in", data={"email": customer.email, "password": "correct horse battery",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    page = client.get(f"/checkout/pay/{order_state(app, order_id)['number']}")
    assert "Card payment is not available right now" in page_text(page)
    assert order_state(app, order_id)["payments"] == []


# The webhook -----------------------------------------------------------------------------------


def shop_notices(app) -> int:
    with app.app_context():
        return database.session.scalar(select(func.count()).select_from(Notification).where(
            Notification.kind == "sub_order_received"))


def test_a_signed_success_event_marks_the_order_paid(app, shop, stripe_configured, client, customer):
    order_id, offer = card_order(app, shop, user_id=customer.id)
    with app.app_context():  # the shop has an owner account, to hear of its part of the order
        from app.accounts.services import create_user
        from app.vendors.models import Vendor

        vendor = database.session.get(Vendor, offer.vendor_id)
        vendor.owner_id = create_user("shop@example.com", "Hessa Ali", "long enough password", roles=("vendor",)).id
        database.session.commit()
    number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    assert intent["status"] == "succeeded"
    assert shop_notices(app) == 0  # the shop hears of a card order once it is paid, not before

    answer = post_event(client, "payment_intent.succeeded", intent)
    assert answer.status_code == 200 and answer.json["outcome"] == "paid"
    assert shop_notices(app) > 0
    state = order_state(app, order_id)
    assert state["status"] == "confirmed" and state["paid_at"] is not None and state["confirmations"] == 1
    assert state["payments"] == [("succeeded", state["total"], None)]
    with app.app_context():
        kinds = database.session.scalars(select(Notification.channel).where(
            Notification.user_id == customer.id, Notification.kind == "order_paid")).all()
    assert sorted(kinds) == ["email", "in_app"]


@pytest.mark.parametrize("tamper", ["wrong secret", "no signature", "other body", "old timestamp"])
def test_an_event_with_a_bad_signature_is_refused_and_changes_nothing(app, shop, stripe_configured, client, tamper):
    order_id, _offer = card_order(app, shop)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    payload, headers = signed_event("payment_intent.succeeded", intent,
                                    secret="whsec_not_ours" if tamper == "wrong secret" else
                                    "whsec_aromasouq_test_secret",
                                    timestamp=1_000_000_000 if tamper == "old timestamp" else None)
    if tamper == "no signature":
        headers.pop("Stripe-Signature")
    if tamper == "other body":
        payload = payload.replace(b'"succeeded"', b'"succeeded" ', 1)
    answer = client.post("/payments/stripe/webhook", data=payload, headers=headers)
    assert answer.status_code == 400
    state = order_state(app, order_id)
    assert state["status"] == "pending_payment" and state["paid_at"] is None and state["events"] == 0
    with app.app_context():
        assert database.session.scalar(select(func.count(PaymentEvent.id))
                                       .where(PaymentEvent.payment_intent_id == intent_id)) == 0


def test_a_duplicate_event_is_processed_once(app, shop, stripe_configured, client):
    order_id, _offer = card_order(app, shop)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    outcomes = [post_event(client, "payment_intent.succeeded", intent, event_id="evt_same").json["outcome"]
                for _ in range(3)]
    assert outcomes == ["paid", "duplicate", "duplicate"]
    # Stripe may also send a second event about the same success: nothing happens twice.
    assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "already_paid"
    state = order_state(app, order_id)
    assert state["confirmations"] == 1 and state["events"] == 2


@pytest.mark.parametrize("change", [{"amount_received": 100}, {"currency": "usd"}])
def test_a_payment_for_another_amount_or_currency_does_not_pay_the_order(app, shop, stripe_configured, client,
                                                                         customer, change):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    number, intent_id = start(app, order_id)
    intent = {**pay_at_localstripe(stripe_configured, intent_id), **change}
    assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "mismatch"
    state = order_state(app, order_id)
    assert state["status"] == "pending_payment" and state["paid_at"] is None
    [(status, _received, problem)] = state["payments"]
    assert status == "mismatched" and number in problem

    client.post("/sign-in", data={"email": customer.email, "password": "correct horse battery",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})
    assert "We are checking your payment" in page_text(client.get(f"/checkout/paid/{number}"))


def test_a_failed_payment_cancels_the_order_and_returns_its_stock_once(app, shop, stripe_configured, client):
    order_id, offer = card_order(app, shop, quantity=2, stock=5)
    assert shop.stock_of(offer.offer_id) == 3
    _number, intent_id = start(app, order_id)
    declined = pay_at_localstripe(stripe_configured, intent_id, card=DECLINED)
    assert declined["error"]["code"] == "card_declined"
    intent = stripe_configured.payment_intent(intent_id)
    assert intent["status"] == "requires_payment_method"

    assert post_event(client, "payment_intent.payment_failed", intent).json["outcome"] == "cancelled"
    assert post_event(client, "payment_intent.payment_failed", intent).json["outcome"] == "ignored"
    assert post_event(client, "payment_intent.canceled", {**intent, "status": "canceled"}).json["outcome"] == "ignored"
    state = order_state(app, order_id)
    assert state["status"] == "cancelled" and state["stock_returned_at"] is not None
    assert shop.stock_of(offer.offer_id) == 5
    # The failed intent is closed at Stripe, so a page left open cannot pay the cancelled order.
    assert stripe_configured.payment_intent(intent_id)["status"] == "canceled"


def test_a_failure_arriving_after_the_success_changes_nothing(app, shop, stripe_configured, client):
    order_id, offer = card_order(app, shop, quantity=2, stock=5)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "paid"
    stale = {**intent, "status": "requires_payment_method"}
    assert post_event(client, "payment_intent.payment_failed", stale).json["outcome"] == "ignored"
    state = order_state(app, order_id)
    assert state["status"] == "confirmed" and state["payments"][0][0] == "succeeded"
    assert shop.stock_of(offer.offer_id) == 3


def test_a_success_arriving_after_the_order_was_cancelled_is_refunded(app, shop, stripe_configured, client):
    order_id, offer = card_order(app, shop, quantity=1, stock=5)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    failed_first = {**intent, "status": "requires_payment_method"}
    assert post_event(client, "payment_intent.payment_failed", failed_first).json["outcome"] == "cancelled"
    assert post_event(client, "payment_intent.succeeded", intent).json["outcome"] == "refunded_late_payment"
    state = order_state(app, order_id)
    assert state["status"] == "refunded" and shop.stock_of(offer.offer_id) == 5
    [(amount, stripe_refund_id)] = state["refunds"]
    assert amount == state["total"] and stripe_refund_id.startswith("re_")


def test_an_event_we_do_not_handle_is_recorded_and_ignored(app, stripe_configured, client, db):
    answer = post_event(client, "customer.created", {"id": "cus_123", "object": "customer"})
    assert answer.status_code == 200 and answer.json["outcome"] == "ignored"
    answer = post_event(client, "payment_intent.succeeded", {"id": "pi_unknown", "object": "payment_intent",
                                                             "amount_received": 100, "currency": "aed"})
    assert answer.json["outcome"] == "unknown_payment"


# Refunds ---------------------------------------------------------------------------------------


def test_card_refunds_in_part_then_in_full_go_through_stripe(app, shop, stripe_configured, customer):
    order_id, intent = paid_order(app, shop, stripe_configured, user_id=customer.id)
    total = order_state(app, order_id)["total"]
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        refund_order(order, Decimal("50.00"), reason="one bottle arrived broken")
        database.session.commit()
    assert order_state(app, order_id)["status"] == "partially_refunded"
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        with pytest.raises(PaymentRefused) as refused:
            refund_order(order, total, reason="too much")
        assert "can still be refunded" in refused.value.message
        database.session.rollback()
        refund_order(order, reason="customer changed their mind")
        database.session.commit()
        with pytest.raises(PaymentRefused):
            refund_order(database.session.get(Order, order_id), Decimal("0.01"))
    state = order_state(app, order_id)
    assert state["status"] == "refunded"
    assert [amount for amount, _id in state["refunds"]] == [Decimal("50.00"), total - Decimal("50.00")]
    at_stripe = stripe_configured.api("GET", "/v1/refunds", payment_intent=intent["id"])["data"]
    assert sorted(refund["amount"] for refund in at_stripe) == sorted([5000, int((total - 50) * 100)])
    assert {stripe_id for _amount, stripe_id in state["refunds"]} == {refund["id"] for refund in at_stripe}
    with app.app_context():
        assert database.session.scalar(select(func.count(Notification.id)).where(
            Notification.user_id == customer.id, Notification.kind == "order_refunded")) > 0


@pytest.mark.parametrize("amount", ["0", "-5", "10.001", "abc", "NaN"])
def test_a_refund_amount_that_makes_no_sense_is_refused(app, shop, stripe_configured, amount):
    order_id, _intent = paid_order(app, shop, stripe_configured)
    with app.test_request_context(), pytest.raises(PaymentRefused):
        refund_order(database.session.get(Order, order_id), amount)


def test_nothing_is_refunded_on_an_unpaid_order(app, shop, stripe_configured):
    order_id, _offer = card_order(app, shop)
    with app.test_request_context(), pytest.raises(PaymentRefused) as refused:
        refund_order(database.session.get(Order, order_id))
    assert "nothing to refund" in refused.value.message


def test_a_full_refund_before_shipping_cancels_the_order_and_returns_its_stock(app, shop, stripe_configured):
    order_id, _intent = paid_order(app, shop, stripe_configured, quantity=2, stock=5)
    with app.test_request_context():
        refund_order(database.session.get(Order, order_id), reason="out of stock at the shop")
        database.session.commit()
    assert order_state(app, order_id)["status"] == "refunded"
    with app.app_context():
        steps = database.session.scalars(select(OrderEvent.to_status).where(OrderEvent.order_id == order_id)
                                         .order_by(OrderEvent.id)).all()
    assert steps[-2:] == ["cancelled", "refunded"]


def test_cash_on_delivery_is_recorded_when_collected_and_refunds_are_recorded(app, shop, stripe_configured,
                                                                             create_user):
    courier = create_user(email="courier@example.com", roles=("courier",))
    order_id, _offer = card_order(app, shop, payment_method="cod")
    with app.test_request_context():
        order = database.session.get(Order, order_id)
        with pytest.raises(PaymentRefused):
            refund_order(order)  # not collected yet
        for step in ("processing", "shipped", "delivered"):
            move_order(order, step)
        first = record_cod_collection(order, actor=courier)
        assert record_cod_collection(order, actor=courier).id == first.id  # once
        refund_order(order, Decimal("20.00"), reason="a sample was missing")
        database.session.commit()
    state = order_state(app, order_id)
    assert state["paid_at"] is not None and state["status"] == "partially_refunded"
    assert state["payments"] == [("succeeded", state["total"], None)]
    assert state["refunds"] == [(Decimal("20.00"), None)]


# The pages -------------------------------------------------------------------------------------


def sign_in(client, user):
    client.post("/sign-in", data={"email": user.email, "password": "correct horse battery",
                                  "csrf_token": csrf_token_from(client, "/sign-in")})


def test_only_the_orders_customer_opens_its_payment_pages(app, shop, stripe_configured, client, customer,
                                                          create_user):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    number = order_state(app, order_id)["number"]
    for path in (f"/checkout/pay/{number}", f"/checkout/paid/{number}", "/checkout/pay/AS-2026-999999"):
        assert client.get(path).status_code == 404
    sign_in(client, create_user(email="other@example.com"))
    assert client.get(f"/checkout/pay/{number}").status_code == 404
    assert client.get(f"/checkout/paid/{number}").status_code == 404


def test_a_guest_opens_the_payment_page_of_the_order_their_session_placed(app, shop, stripe_configured, client):
    order_id, _offer = card_order(app, shop)
    number = order_state(app, order_id)["number"]
    assert client.get(f"/checkout/pay/{number}").status_code == 404
    with client.session_transaction() as session:
        session["placed_orders"] = [number]
    assert client.get(f"/checkout/pay/{number}").status_code == 200


def test_the_payment_page_loads_stripe_js_under_its_own_policy(app, shop, stripe_configured, client, customer):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    number = order_state(app, order_id)["number"]
    sign_in(client, customer)
    page = client.get(f"/checkout/pay/{number}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert f'src="{stripe_configured.url}/js.stripe.com/v3/"' in html
    assert re.search(r'data-client-secret="pi_\w+_secret_\w+"', html)
    assert f'data-return-url="http://localhost/checkout/paid/{number}"' in html
    csp = page.headers["Content-Security-Policy"]
    assert f"script-src 'self' {stripe_configured.url};" in csp and "unsafe-inline" not in csp
    assert f"connect-src 'self' {stripe_configured.url};" in csp
    assert stripe_configured.url not in client.get("/").headers["Content-Security-Policy"]
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html) and " style=" not in html


def test_the_result_page_shows_the_database_and_never_the_browsers_word(app, shop, stripe_configured, client,
                                                                        customer):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    number, intent_id = start(app, order_id)
    sign_in(client, customer)
    waiting = client.get(f"/checkout/paid/{number}?payment_intent={intent_id}&redirect_status=succeeded")
    assert "Waiting for confirmation" in page_text(waiting)
    assert 'data-hx-trigger="every 2s"' in waiting.get_data(as_text=True)
    assert order_state(app, order_id)["paid_at"] is None

    post_event(client, "payment_intent.succeeded", pay_at_localstripe(stripe_configured, intent_id))
    fragment = client.get(f"/checkout/paid/{number}", headers={"HX-Request": "true"})
    html = fragment.get_data(as_text=True)
    assert html.lstrip().startswith('<section id="payment-status"') and "<html" not in html
    assert "Paid — thank you!" in page_text(fragment) and "hx-trigger" not in html
    # A paid order's payment page sends the customer to the result instead of taking money twice.
    assert client.get(f"/checkout/pay/{number}").headers["Location"].endswith(f"/checkout/paid/{number}")


# With real processes: localstripe's own webhook delivery, and concurrent deliveries ---------------


def test_localstripe_delivers_the_webhook_that_marks_the_order_paid(app, committed_shop, stripe_configured,
                                                                    card_live_server):
    order_id, _offer = card_order(app, committed_shop)
    _number, intent_id = start(app, order_id)
    assert pay_at_localstripe(stripe_configured, intent_id)["status"] == "succeeded"
    wait_for(lambda: order_state(app, order_id)["paid_at"] is not None, what="the webhook from localstripe")
    state = order_state(app, order_id)
    assert state["status"] == "confirmed" and state["confirmations"] == 1


def test_concurrent_deliveries_of_one_event_pay_once(app, committed_shop, stripe_configured, card_live_server):
    order_id, _offer = card_order(app, committed_shop)
    _number, intent_id = start(app, order_id)
    intent = pay_at_localstripe(stripe_configured, intent_id)
    payload, headers = signed_event("payment_intent.succeeded", intent, event_id=f"evt_concurrent_{order_id}")
    outcomes, start_line = [], threading.Barrier(8)

    def deliver():
        start_line.wait()
        answer = requests.post(card_live_server + "/payments/stripe/webhook", data=payload, headers=headers,
                               timeout=20)
        outcomes.append(answer.json()["outcome"])

    threads = [threading.Thread(target=deliver) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["duplicate"] * 7 + ["paid"]  # (localstripe's own event comes a second later)
    assert order_state(app, order_id)["confirmations"] == 1


def test_amounts_cross_into_stripe_as_exact_fils():
    from app.payments.gateway import aed_of, fils_of

    assert fils_of(Decimal("1234.56")) == 123456 and fils_of(Decimal("2")) == 200 and fils_of(Decimal("0.01")) == 1
    assert aed_of(123456) == Decimal("1234.56")
    with pytest.raises(ValueError):
        fils_of(Decimal("10.005"))  # finer than a fils is a bug, never rounded away


def test_with_stripes_own_api_the_page_trusts_only_stripes_origins(app):
    from app.payments.gateway import payment_page_sources

    with app.test_request_context():
        assert payment_page_sources() == {
            "script-src": ["https://js.stripe.com"],
            "frame-src": ["https://js.stripe.com", "https://hooks.stripe.com"],
            "connect-src": ["https://api.stripe.com", "https://js.stripe.com"],
        }


def test_the_stand_in_confirmation_exists_only_for_a_stand_in(app, shop, stripe_configured, client, customer):
    order_id, _offer = card_order(app, shop, user_id=customer.id)
    number, _intent_id = start(app, order_id)
    sign_in(client, customer)
    token = csrf_token_from(client, f"/checkout/paid/{number}")
    refused = client.post(f"/checkout/pay/{number}/stand-in", data={"card": "<script>", "csrf_token": token})
    assert refused.status_code == 422 and refused.json["message"] == "Check the card details and try again."
    assert client.post(f"/checkout/pay/{number}/stand-in", data={"card": "card_x"}).status_code == 400  # no CSRF
    app.config["STRIPE_API_BASE"] = "https://api.stripe.com"
    assert client.post(f"/checkout/pay/{number}/stand-in", data={"card": "card_x", "csrf_token": token}
                       ).status_code == 404
    assert order_state(app, order_id)["status"] == "pending_payment"
