"""The delivery zones of the seven emirates and a few coupons, for `make run` and the tests."""
from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from decimal import Decimal

from sqlalchemy import select

from app.orders.models import Coupon, DeliveryRate, DeliveryZone

# emirate: (standard, next-day, same-day fee or None, same-day cut-off or None, free standard delivery from)
DELIVERY_ZONES = {
    "dubai": ("15", "25", "35", time(14, 0), "200"),
    "sharjah": ("15", "25", "35", time(13, 0), "200"),
    "ajman": ("15", "25", "40", time(12, 0), "200"),
    "abu-dhabi": ("20", "30", "45", time(12, 0), "250"),
    "umm-al-quwain": ("20", "30", None, None, "250"),
    "ras-al-khaimah": ("25", "35", None, None, "300"),
    "fujairah": ("25", "35", None, None, "300"),
}


def load_delivery_zones(session) -> int:
    """Add the zones and their rates (once: an emirate already there is left as an admin set it)."""
    known = set(session.scalars(select(DeliveryZone.emirate)))
    for position, (emirate, (standard, next_day, same_day, cutoff, free_from)) in enumerate(DELIVERY_ZONES.items()):
        if emirate in known:
            continue
        zone = DeliveryZone(emirate=emirate, same_day_cutoff=cutoff, free_delivery_threshold=Decimal(free_from),
                            position=position)
        zone.rates = [DeliveryRate(option="standard", fee=Decimal(standard)),
                      DeliveryRate(option="next-day", fee=Decimal(next_day))]
        if same_day is not None:
            zone.rates.append(DeliveryRate(option="same-day", fee=Decimal(same_day)))
        session.add(zone)
    session.flush()
    return len(DELIVERY_ZONES) - len(known)


def load_demo_coupons(session) -> None:
    """WELCOME10: 10 % once per customer; OUD50: AED 50 off from AED 300."""
    now = datetime.now(timezone.utc)
    session.add_all([
        Coupon(code="WELCOME10", kind="percent", value=Decimal("10"), per_customer_limit=1),
        Coupon(code="OUD50", kind="fixed", value=Decimal("50"), min_spend=Decimal("300"),
               starts_at=now - timedelta(days=1), ends_at=now + timedelta(days=365)),
    ])
    session.flush()


def load_demo_shop_rules(session) -> None:
    """Delivery zones and demo coupons: what the checkout needs to work out of the box."""
    load_delivery_zones(session)
    load_demo_coupons(session)
