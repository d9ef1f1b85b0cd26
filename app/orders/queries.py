"""Reading orders and the delivery zones."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.extensions import db
from app.orders.models import DeliveryZone, Order

UAE = "AE"


def order_by_idempotency_key(key: str) -> Order | None:
    return db.session.scalar(select(Order).where(Order.idempotency_key == key))


def delivery_zone_for(country: str, emirate: str) -> DeliveryZone | None:
    """The zone of an address, with its rates; None outside the UAE or where we do not deliver."""
    if country != UAE:
        return None
    return db.session.scalar(
        select(DeliveryZone).where(DeliveryZone.emirate == emirate, DeliveryZone.is_active)
        .options(selectinload(DeliveryZone.rates))
    )
