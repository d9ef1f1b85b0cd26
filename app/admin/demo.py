"""Demo sales for the back office's dashboard: ninety UAE days of orders from the demo catalog (placed by demo
shoppers who joined over those days, and by guests), their payments and a few refunds, and the store's daily
traffic, so that the figures, charts and best sellers look like a running shop. Deterministic for a given day.

Rows are written in bulk, as they would stand after their orders ran their course; nothing is sent. With a
local card processor (localstripe), the card payments and their refunds are real ones on it (app/payments/demo.py).
"""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import datetime, time, timedelta
from decimal import Decimal

from flask import current_app
from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from app.accounts.models import User, password_hasher
from app.admin.models import StoreTrafficDay
from app.admin.traffic import UAE_TIME
from app.catalog import demo_vocabulary as vocab
from app.catalog.models import Brand, Category, Offer, Product, Variant, size_unit_of
from app.orders.models import ORDER_NUMBER_SEQUENCE, Order, OrderEvent, OrderLine, SubOrder
from app.orders.pricing import vat_included_in
from app.payments.demo import charge_demo_cards, demo_card_processor, refund_demo_cards
from app.payments.models import Payment, Refund
from app.vendors.models import Vendor

DEMO_SALES_SEED = 20261125
SALES_DAYS = 90
SHOPPER_COUNT = 140
EMIRATES = ("dubai", "dubai", "dubai", "abu-dhabi", "abu-dhabi", "sharjah", "sharjah", "ajman", "ras-al-khaimah",
            "fujairah", "umm-al-quwain")
STANDARD_FEE, FREE_DELIVERY_FROM, COD_FEE = Decimal("15"), Decimal("200"), Decimal("10")
CARRIERS = ("Aramex", "Emirates Post", "Quiqup", "Fetchr")
ZERO = Decimal("0.00")


def load_demo_sales(session: Session, now: datetime | None = None) -> int:
    """Add the demo's orders of the last ninety days and the traffic they came from; return how many orders.

    Flushes only; the caller commits. Needs the demo catalog (no approved offers: no sales).
    """
    now = (now or datetime.now(UAE_TIME)).astimezone(UAE_TIME)
    rng = random.Random(DEMO_SALES_SEED)
    offers = sellable_offers(session)
    if not offers:
        return 0
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(offers))]
    rng.shuffle(offers)  # which perfumes sell best: a long tail, the same every time
    shoppers = add_demo_shoppers(session, rng, now)
    orders = [planned for offset in range(SALES_DAYS - 1, -1, -1)
              for planned in plan_day(rng, now, offset, offers, weights, shoppers)]
    write_orders(session, rng, orders, now)
    add_traffic(session, rng, orders, now)
    session.flush()
    return len(orders)


def sellable_offers(session: Session) -> list[dict]:
    """Active offers of approved products and shops, with what an order line copies from them."""
    rows = session.execute(
        select(Offer.id.label("offer_id"), Offer.price, Offer.sku, Offer.vendor_id, Variant.id.label("variant_id"),
               Variant.size_ml, Variant.kind, Product.id.label("product_id"), Product.slug, Product.name_en,
               Product.name_ar, Brand.name_en.label("brand_en"), Brand.name_ar.label("brand_ar"),
               Vendor.name_en.label("vendor_en"), Vendor.name_ar.label("vendor_ar"), Category.slug.label("category"))
        .join(Variant, Variant.id == Offer.variant_id).join(Product, Product.id == Variant.product_id)
        .join(Category, Category.id == Product.category_id)
        .join(Brand, Brand.id == Product.brand_id).join(Vendor, Vendor.id == Offer.vendor_id)
        .where(Offer.is_active, Product.status == "approved", Vendor.status == "approved", Variant.kind == "full")
        .order_by(Offer.id))
    return [dict(row._mapping) for row in rows]


def add_demo_shoppers(session: Session, rng: random.Random, now: datetime) -> list[dict]:
    """Customers who joined over the last hundred days (one shared password hash, as the reviewers)."""
    password_hash = password_hasher.hash(current_app.config["DEMO_PASSWORD"])
    shoppers = []
    for number in range(SHOPPER_COUNT):
        first_en, first_ar = vocab.ARAB_REVIEWER_FIRST_NAMES[number % len(vocab.ARAB_REVIEWER_FIRST_NAMES)]
        family_en, family_ar = vocab.ARAB_REVIEWER_FAMILY_NAMES[(number * 5) % len(vocab.ARAB_REVIEWER_FAMILY_NAMES)]
        arabic = rng.random() < 0.6
        joined = now - timedelta(days=rng.uniform(0, SALES_DAYS + 10))
        shoppers.append({
            "email": f"{first_en}.{family_en.replace(' ', '')}.{number + 1}@example.com".lower(),
            "full_name": f"{first_ar} {family_ar}" if arabic else f"{first_en} {family_en}",
            "password_hash": password_hash, "roles": ["customer"], "preferred_language": "ar" if arabic else "en",
            "is_active_account": True, "email_verified_at": joined, "created_at": joined,
        })
    ids = session.scalars(insert(User.__table__).returning(User.__table__.c.id, sort_by_parameter_order=True),
                          shoppers).all()
    return [{**shopper, "id": user_id} for shopper, user_id in zip(shoppers, ids)]


def orders_on(rng: random.Random, day_offset: int, weekday: int) -> int:
    """About 8 orders a day three months ago, 18 now; Thursdays and Fridays busier."""
    trend = 8 + 10 * (SALES_DAYS - day_offset) / SALES_DAYS
    weekend = 1.35 if weekday in (3, 4) else 1.0
    return max(0, round(trend * weekend * rng.uniform(0.7, 1.3)))


def plan_day(rng, now, offset, offers, weights, shoppers) -> list[dict]:
    """The orders of one UAE day `offset` days ago (today's only up to now), with their lines."""
    day = now.date() - timedelta(days=offset)
    opening = datetime.combine(day, time(8, 0), UAE_TIME)
    closing = min(datetime.combine(day, time(23, 59), UAE_TIME), now - timedelta(minutes=5))
    if closing <= opening:
        return []
    count = orders_on(rng, offset, day.weekday())
    if offset == 0:
        count = round(count * (closing - opening) / timedelta(hours=16))
    planned = []
    for _ in range(count):
        placed = opening + (closing - opening) * rng.random()
        joined = [shopper for shopper in shoppers if shopper["created_at"] <= placed]
        shopper = rng.choice(joined) if joined and rng.random() < 0.7 else None
        picked = {offer["offer_id"]: offer for offer in rng.choices(offers, weights, k=rng.choice((1, 1, 1, 2, 2, 3)))}
        lines = [(offer, 2 if rng.random() < 0.12 else 1) for offer in picked.values()]
        planned.append({"placed": placed, "age": (now - placed).days, "shopper": shopper, "lines": lines,
                        "card": rng.random() < 0.6, "coupon": rng.random() < 0.1})
    return planned


def order_status(rng: random.Random, age_days: int, card: bool) -> str:
    """Where an order of that age stands: most old ones delivered, a few cancelled or refunded."""
    roll = rng.random()
    if age_days >= 7:
        return "delivered" if roll < 0.88 else "cancelled" if roll < 0.94 else "refunded" if roll < 0.97 \
            else "partially_refunded"
    if age_days >= 3:
        return "delivered" if roll < 0.5 else "shipped" if roll < 0.93 else "cancelled"
    if age_days >= 1:
        return "shipped" if roll < 0.4 else "processing" if roll < 0.8 else "confirmed" if roll < 0.95 else "cancelled"
    if card and roll < 0.1:
        return "pending_payment"
    return "confirmed" if roll < 0.75 else "processing"


def priced(planned: dict) -> dict:
    """The order's money: lines, their 10 % coupon share, delivery, cash-on-delivery fee and VAT."""
    lines = []
    for offer, quantity in planned["lines"]:
        line_total = offer["price"] * quantity
        discount = (line_total / 10).quantize(Decimal("0.01")) if planned["coupon"] else ZERO
        lines.append({"offer": offer, "quantity": quantity, "line_total": line_total, "discount": discount,
                      "vat": vat_included_in(line_total - discount)})
    items = sum((line["line_total"] for line in lines), ZERO)
    discount = sum((line["discount"] for line in lines), ZERO)
    fee = ZERO if items - discount >= FREE_DELIVERY_FROM else STANDARD_FEE
    cod_fee = ZERO if planned["card"] else COD_FEE
    vat = sum((line["vat"] for line in lines), ZERO) + vat_included_in(fee) + vat_included_in(cod_fee)
    return {"lines": lines, "items": items, "discount": discount, "fee": fee, "cod_fee": cod_fee, "vat": vat,
            "total": items - discount + fee + cod_fee}


def write_orders(session: Session, rng: random.Random, orders: list[dict], now: datetime) -> None:
    """Insert the orders, their sub-orders, lines, status events, payments and refunds, a table at a time."""
    numbers = session.scalars(select(func.nextval(ORDER_NUMBER_SEQUENCE.name))
                              .select_from(func.generate_series(1, len(orders)))).all()
    order_rows, money = [], []
    for number, planned in zip(numbers, orders):
        shopper, placed = planned["shopper"], planned["placed"]
        status = order_status(rng, planned["age"], planned["card"])
        cost = priced(planned)
        name = shopper["full_name"] if shopper else rng.choice(vocab.OTHER_REVIEWERS)
        emirate = rng.choice(EMIRATES)
        paid = status not in ("pending_payment", "cancelled") and (planned["card"] or status in (
            "delivered", "refunded", "partially_refunded"))
        order_rows.append({
            "number": f"AS-{placed.year}-{number:06d}", "user_id": shopper["id"] if shopper else None,
            "email": shopper["email"] if shopper else f"guest.{number}@example.com", "mobile": "+971501234567",
            "contact_name": name, "language": shopper["preferred_language"] if shopper else "en", "status": status,
            "delivery_address": {"recipient_name": name, "mobile": "+971501234567", "country": "AE",
                                 "region": emirate, "area": "Demo area", "street": "Street 1", "building": "1",
                                 "flat": None, "landmark": None},
            "delivery_emirate": emirate, "delivery_option": "standard",
            "payment_method": "card" if planned["card"] else "cod",
            "coupon_code": "WELCOME10" if planned["coupon"] else None, "items_total": cost["items"],
            "discount_total": cost["discount"], "delivery_fee": cost["fee"], "cod_fee": cost["cod_fee"],
            "vat_included": cost["vat"], "grand_total": cost["total"], "idempotency_key": f"demo-sale-{number}",
            "created_at": placed, "paid_at": placed + timedelta(minutes=2) if paid else None,
            "stock_returned_at": placed + timedelta(hours=3) if status == "cancelled" else None,
        })
        money.append(cost)
    order_ids = session.scalars(insert(Order.__table__).returning(Order.__table__.c.id, sort_by_parameter_order=True),
                               order_rows).all()
    write_sub_orders_and_lines(session, rng, order_ids, order_rows, money)
    write_events(session, order_ids, order_rows)
    write_payments_and_refunds(session, rng, order_ids, order_rows, now)


def write_sub_orders_and_lines(session, rng, order_ids, order_rows, money) -> None:
    sub_rows, line_groups = [], []
    for order_id, order, cost in zip(order_ids, order_rows, money):
        by_vendor = defaultdict(list)
        for line in cost["lines"]:
            by_vendor[line["offer"]["vendor_id"]].append(line)
        for vendor_id, lines in by_vendor.items():
            items = sum((line["line_total"] for line in lines), ZERO)
            discount = sum((line["discount"] for line in lines), ZERO)
            shipped = order["status"] in ("shipped", "delivered", "refunded", "partially_refunded")
            sub_rows.append({
                "order_id": order_id, "vendor_id": vendor_id, "status": order["status"], "items_total": items,
                "discount_total": discount, "vat_included": sum((line["vat"] for line in lines), ZERO),
                "total": items - discount, "created_at": order["created_at"],
                "carrier": rng.choice(CARRIERS) if shipped else None,
                "tracking_number": f"DEMO{order_id:08d}{vendor_id:03d}" if shipped else None,
                "shipped_at": order["created_at"] + timedelta(hours=rng.uniform(12, 40)) if shipped else None,
            })
            line_groups.append((order_id, lines))
    sub_ids = session.scalars(insert(SubOrder.__table__).returning(SubOrder.__table__.c.id,
                                                                   sort_by_parameter_order=True), sub_rows).all()
    session.execute(insert(OrderLine.__table__), [
        {"order_id": order_id, "sub_order_id": sub_id, "product_id": line["offer"]["product_id"],
         "variant_id": line["offer"]["variant_id"], "offer_id": line["offer"]["offer_id"],
         "vendor_id": line["offer"]["vendor_id"], "product_slug": line["offer"]["slug"],
         "product_name_en": line["offer"]["name_en"], "product_name_ar": line["offer"]["name_ar"],
         "brand_name_en": line["offer"]["brand_en"], "brand_name_ar": line["offer"]["brand_ar"],
         "vendor_name_en": line["offer"]["vendor_en"], "vendor_name_ar": line["offer"]["vendor_ar"],
         "size_ml": line["offer"]["size_ml"], "size_unit": size_unit_of(line["offer"]["category"]),
         "variant_kind": line["offer"]["kind"], "sku": line["offer"]["sku"],
         "unit_price": line["offer"]["price"], "quantity": line["quantity"], "line_total": line["line_total"],
         "discount": line["discount"], "vat_included": line["vat"]}
        for sub_id, (order_id, lines) in zip(sub_ids, line_groups) for line in lines])


def write_events(session, order_ids, order_rows) -> None:
    """The order placed, then where it stands now."""
    events = []
    for order_id, order in zip(order_ids, order_rows):
        first = "pending_payment" if order["payment_method"] == "card" else "confirmed"
        events.append({"order_id": order_id, "from_status": None, "to_status": first, "note": "",
                       "created_at": order["created_at"]})
        if order["status"] != first:
            events.append({"order_id": order_id, "from_status": first, "to_status": order["status"], "note": "",
                           "created_at": order["created_at"] + timedelta(hours=6)})
    session.execute(insert(OrderEvent.__table__), events)


def write_payments_and_refunds(session, rng, order_ids, order_rows, now) -> None:
    """A payment for every order that was paid; refunds, full or of part, for the refunded ones. With a local
    card processor, card payments and their refunds are real ones on it."""
    paid = [(order_id, order) for order_id, order in zip(order_ids, order_rows) if order["paid_at"]]
    card_processor = demo_card_processor()
    cards = [(order["number"], order["grand_total"]) for _order_id, order in paid if order["payment_method"] == "card"]
    intent_ids = iter(charge_demo_cards(card_processor, cards) if card_processor else [])
    payment_rows = [
        {"order_id": order_id, "provider": "stripe" if order["payment_method"] == "card" else "cod",
         "payment_intent_id": next(intent_ids, None) if order["payment_method"] == "card" else None,
         "amount": order["grand_total"], "amount_received": order["grand_total"], "status": "succeeded",
         "idempotency_key": f"{order['number']}-attempt-1", "created_at": order["paid_at"],
         "updated_at": order["paid_at"]}
        for order_id, order in paid]
    payment_ids = session.scalars(insert(Payment.__table__).returning(Payment.__table__.c.id,
                                                                      sort_by_parameter_order=True),
                                  payment_rows).all()
    refunds = []
    for payment_id, payment, (order_id, order) in zip(payment_ids, payment_rows, paid):
        if order["status"] not in ("refunded", "partially_refunded"):
            continue
        amount = order["grand_total"] if order["status"] == "refunded" \
            else max(Decimal("1.00"), (order["grand_total"] * Decimal("0.4")).quantize(Decimal("0.01")))
        refunds.append({"order_id": order_id, "payment_id": payment_id, "amount": amount,
                        "reason": "Demo: the customer returned the perfume.",
                        "idempotency_key": f"{order['number']}-refund-1", "stripe_refund_id": None,
                        "created_at": min(order["created_at"] + timedelta(days=rng.uniform(3, 6)), now),
                        "payment_intent_id": payment["payment_intent_id"], "number": order["number"]})
    at_processor = [refund for refund in refunds if refund["payment_intent_id"]]
    refund_ids = refund_demo_cards(card_processor, [
        (refund["number"], refund["payment_intent_id"], refund["amount"], refund["idempotency_key"])
        for refund in at_processor]) if at_processor else []
    for refund, refund_id in zip(at_processor, refund_ids):
        refund["stripe_refund_id"] = refund_id
    if refunds:
        session.execute(insert(Refund.__table__), [
            {key: value for key, value in refund.items() if key not in ("payment_intent_id", "number")}
            for refund in refunds])


def add_traffic(session: Session, rng: random.Random, orders: list[dict], now: datetime) -> None:
    """Each day's visitors (about 2–3 % of them order) and product views, today's up to now."""
    per_day = defaultdict(int)
    for planned in orders:
        per_day[planned["placed"].date()] += 1
    rows = []
    for offset in range(SALES_DAYS):
        day = now.date() - timedelta(days=offset)
        visitors = round(max(per_day[day], 1) / rng.uniform(0.018, 0.032))
        rows.append({"day": day, "visitors": visitors, "product_views": round(visitors * rng.uniform(2.4, 3.6))})
    session.execute(insert(StoreTrafficDay.__table__), rows)
