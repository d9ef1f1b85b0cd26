"""Domain events: each is connected to its handlers when the app is made; the emitters announce them inside the
transaction; the handlers' effects (messages in the outbox, jobs for the listing, traffic counters) follow the
commit, and a change that is rolled back leaves none of them behind."""
from contextlib import ExitStack, contextmanager
from decimal import Decimal

import pytest
from rq.exceptions import NoSuchJobError
from rq.job import Job
from sqlalchemy import func, select, text

from app.admin import traffic
from app.admin.services import approve_product
from app.admin.traffic import DayTraffic, counted_traffic, uae_day
from app.cart.models import Cart
from app.cart.services import add_to_cart
from app.cart.signals import added_to_bag
from app.catalog.models import Offer, Product
from app.catalog.reviews import save_review
from app.catalog.signals import offer_changed, page_viewed, product_changed, product_viewed, review_posted
from app.checkout.queries import checkout_view
from app.checkout.services import place_checkout_order
from app.checkout.state import CheckoutState
from app.extensions import db as database
from app.notifications.models import Notification
from app.orders import notifications as order_messages
from app.orders.history import cancel_order_for_customer
from app.orders.models import Order, SubOrder
from app.orders.signals import order_cancelled, order_delivered, order_placed, sub_order_shipped
from app.orders.status import move_order, prepare_sub_order, ship_sub_order
from app.payments import notifications as payment_messages
from app.payments.refunds import refund_order
from app.payments.services import record_cod_collection
from app.payments.signals import payment_received, refund_issued
from app.search import handlers as listing
from app.search.jobs import refresh_products
from app.vendors.models import Vendor
from app.vendors.offer_services import OfferValues, update_offer
from app.vendors.services import suspend_vendor
from app.vendors.signals import vendor_changed
from tests.shop import UAE_ADDRESS, make_bag, place, shop  # noqa: F401  (the fixture)

BROWSER = {"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/126.0 Safari/537.36"}

HANDLERS = [
    (product_changed, [listing.refresh_changed_products]),
    (offer_changed, [listing.refresh_products_of_changed_offers]),
    (vendor_changed, [listing.refresh_products_of_vendor]),
    (review_posted, [listing.refresh_reviewed_product]),
    (order_placed, [order_messages.tell_of_placed_order]),
    (order_cancelled, [order_messages.tell_of_cancelled_order]),
    (sub_order_shipped, [order_messages.tell_of_shipped_part]),
    (order_delivered, [order_messages.tell_of_delivered_order]),
    (payment_received, [payment_messages.tell_of_payment]),
    (refund_issued, [payment_messages.tell_of_refund]),
    (page_viewed, [traffic.count_visitor]),
    (product_viewed, [traffic.count_product_view]),
    (added_to_bag, []),  # announced for the domains to come (discovery, rewards); nothing acts on it yet
]


@pytest.mark.parametrize("event, handlers", HANDLERS, ids=[event.name for event, _handlers in HANDLERS])
def test_create_app_connects_each_event_to_its_handlers(app, make_app, event, handlers):
    assert list(event.receivers_for(app)) == handlers
    assert list(event.receivers_for(make_app())) == handlers  # every app gets its own, once


@contextmanager
def announcements(app):
    """The events announced in `app` meanwhile, as (name, facts), in order."""
    heard = []
    with ExitStack() as stack:
        for event, _handlers in HANDLERS:
            def hear(sender, _name=event.name, **facts):
                heard.append((_name, facts))
            stack.enter_context(event.connected_to(hear, sender=app))
        yield heard


def names(heard) -> list[str]:
    return [name for name, _facts in heard]


def enqueued_jobs(redis_client) -> list[tuple[str, tuple]]:
    """Every job Redis holds (waiting, or already taken by a worker), as (function name, arguments)."""
    ids = [key.decode().split(":", 2)[2] for key in redis_client.scan_iter("rq:job:*") if key.count(b":") == 2]
    jobs = [job for job in map(lambda job_id: fetched_job(job_id, redis_client), ids) if job is not None]
    return sorted((job.func_name.rsplit(".", 1)[-1], tuple(job.args)) for job in jobs)


def fetched_job(job_id: str, redis_client):
    """The job, or None for a key a worker left half-written (the session's worker may touch a job of an
    earlier test while Redis is emptied)."""
    try:
        return Job.fetch(job_id, connection=redis_client)
    except NoSuchJobError:
        return None


def listing_row(product_id: int):
    return database.session.execute(text("SELECT in_stock, rating_count, refreshed_at FROM product_listing "
                                         "WHERE product_id = :id"), {"id": product_id}).one()


def change_everything(order_id: int, product_id: int, offer_id: int, customer_id: int) -> None:
    """The customer cancels their order and reviews the perfume; its shop sells out of it."""
    from app.accounts.models import User

    customer = database.session.get(User, customer_id)
    cancel_order_for_customer(database.session.get(Order, order_id), customer)
    offer = database.session.get(Offer, offer_id)
    update_offer(offer, database.session.get(Vendor, offer.vendor_id),
                 OfferValues(price=offer.price, compare_at_price=None, stock=0, sku=offer.sku), actor=customer)
    save_review(database.session.get(Product, product_id), customer, rating=4, body="Warm and long-lasting.")


def test_a_rolled_back_change_leaves_no_message_no_job_and_no_listing_change(app, shop, customer, redis_client):
    oud = shop.offer(price="450", stock=3)
    order_id = place(app, make_bag(app, (oud, 1), user_id=customer.id), payment_method="cod", user_id=customer.id)
    with app.app_context():
        refresh_products([oud.product_id])
        listed = listing_row(oud.product_id)
    jobs_before = enqueued_jobs(redis_client)

    with app.test_request_context(), announcements(app) as heard:
        change_everything(order_id, oud.product_id, oud.offer_id, customer.id)
        assert {"order_cancelled", "offer_changed", "review_posted"} <= set(names(heard))
        database.session.rollback()

    assert enqueued_jobs(redis_client) == jobs_before
    with app.app_context():
        assert database.session.scalar(select(func.count(Notification.id))) == 0
        assert database.session.get(Order, order_id).status == "confirmed"
        assert listing_row(oud.product_id) == listed  # no refresh job to run: the listing is as it was

    # The same change committed: its messages are in the outbox with their delivery jobs, and the listing's
    # refresh jobs, once run, show the perfume sold out and reviewed.
    with app.test_request_context():
        change_everything(order_id, oud.product_id, oud.offer_id, customer.id)
        database.session.commit()
    with app.app_context():
        messages = database.session.scalars(select(Notification).where(Notification.user_id == customer.id)).all()
        assert {message.kind for message in messages} == {"order_cancelled"}
        new_jobs = [job for job in enqueued_jobs(redis_client) if job not in jobs_before]
        assert sorted(args for name, args in new_jobs if name == "deliver_notification") == \
            sorted((message.id,) for message in messages)
        refreshes = [args for name, args in new_jobs if name == "refresh_products"]
        assert refreshes and all(args == ([oud.product_id],) for args in refreshes)
        for args in refreshes:
            refresh_products(*args)
        in_stock, rating_count, _refreshed_at = listing_row(oud.product_id)
        assert (in_stock, rating_count) == (False, 1)


def test_an_order_announces_its_life_and_each_message_follows(app, shop, customer, create_user, redis_client):
    """Bag, checkout (cash), a shop's part prepared and shipped, delivered, cash collected, part refunded."""
    oud = shop.offer(price="450", stock=2)
    owner = create_user(email="salim@example.com", full_name="Salim Nasser", roles=("customer", "vendor"))
    with app.app_context():
        database.session.get(Vendor, oud.vendor_id).owner_id = owner.id
        database.session.commit()
    with app.test_request_context(), announcements(app) as heard:
        cart = Cart(user_id=customer.id)
        database.session.add(cart)
        database.session.flush()
        add_to_cart(cart, oud.offer_id, 2)
        state = CheckoutState(user_id=customer.id, contact={"email": customer.email, "mobile": "+971501234567",
                                                            "name": customer.full_name},
                              address=dict(UAE_ADDRESS), delivery_option="standard", payment_method="cod", key="k-1")
        order = place_checkout_order(cart, state, str(checkout_view(cart, state).totals.grand_total))
        part = database.session.scalar(select(SubOrder).where(SubOrder.order_id == order.id))
        prepare_sub_order(part, None)
        ship_sub_order(part, None, "aramex", "AWB123456")
        move_order(order, "delivered")
        record_cod_collection(order)
        refund_order(order, Decimal("50.00"), reason="a sample was missing")
        database.session.commit()

        assert names(heard) == ["added_to_bag", "offer_changed", "order_placed", "sub_order_shipped",
                                "order_delivered", "payment_received", "refund_issued"]
        facts = dict(heard)
        assert facts["added_to_bag"]["quantity"] == 2 and facts["added_to_bag"]["cart"] is cart
        assert facts["offer_changed"] == {"offer_ids": [oud.offer_id], "product_ids": [oud.product_id],
                                          "change": "sold"}
        assert facts["order_placed"]["order"] is order and facts["sub_order_shipped"]["sub_order"] is part
        assert facts["refund_issued"]["refund"].amount == Decimal("50.00")
    with app.app_context():
        def kinds_for(user):
            return set(database.session.scalars(select(Notification.kind).where(Notification.user_id == user.id)))

        assert kinds_for(customer) == {"order_placed", "order_shipped", "order_delivered", "order_paid",
                                       "order_refunded"}
        assert kinds_for(owner) == {"sub_order_received"}  # a cash order: its shop hears of it as it is placed
        assert ("refresh_products", ([oud.product_id],)) in enqueued_jobs(redis_client)  # it sold out


def test_catalog_and_shop_changes_refresh_the_listing_through_their_events(app, shop, create_user, redis_client):
    admin = create_user(email="aisha@example.com", roles=("admin",))
    oud = shop.offer(price="450", stock=3)
    pending = shop.offer(price="300", status="pending", vendor="souq-b")
    with app.test_request_context(), announcements(app) as heard:
        offer = database.session.get(Offer, oud.offer_id)
        vendor = database.session.get(Vendor, oud.vendor_id)
        update_offer(offer, vendor, OfferValues(price=Decimal("420"), compare_at_price=None, stock=3, sku=offer.sku),
                     actor=admin)
        approve_product(database.session.get(Product, pending.product_id), admin)
        suspend_vendor(vendor, admin, "Licence expired")
        database.session.commit()

    assert names(heard) == ["offer_changed", "product_changed", "vendor_changed"]
    assert heard[0][1] == {"offer_ids": [oud.offer_id], "product_ids": [oud.product_id], "change": "edited"}
    assert heard[1][1] == {"product_ids": [pending.product_id]}
    jobs = enqueued_jobs(redis_client)
    assert ("refresh_products", ([oud.product_id],)) in jobs
    assert ("refresh_products", ([pending.product_id],)) in jobs
    assert ("refresh_vendor", (oud.vendor_id,)) in jobs


def test_a_product_page_announces_a_page_view_and_a_product_view_which_the_traffic_counts(app, shop, redis_client):
    oud = shop.offer(price="450", stock=3)
    with app.app_context():
        slug = database.session.get(Product, oud.product_id).slug
    client = app.test_client()
    with announcements(app) as heard:
        assert client.get("/products", headers=BROWSER).status_code == 200
        assert client.get(f"/p/{slug}", headers=BROWSER).status_code == 200
        assert client.get(f"/p/{slug}", headers={**BROWSER, "HX-Request": "true"}).status_code == 200
    assert names(heard) == ["page_viewed", "page_viewed", "product_viewed"]
    visitor = heard[0][1]["visitor"]
    assert heard[2][1] == {"product_id": oud.product_id, "visitor": visitor} and heard[1][1]["visitor"] == visitor
    with app.app_context():
        assert counted_traffic(uae_day()) == DayTraffic(visitors=1, product_views=1)
