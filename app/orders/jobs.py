"""Scheduled work on orders."""
from __future__ import annotations

import logging
from datetime import timedelta

from flask import current_app

from app.extensions import db
from app.orders.status import cancel_unpaid_card_orders

logger = logging.getLogger(__name__)


def cancel_expired_card_orders() -> int:
    """Cancel card orders unpaid after CARD_PAYMENT_TIMEOUT_MINUTES and return their stock (every minute)."""
    minutes = current_app.config["CARD_PAYMENT_TIMEOUT_MINUTES"]
    numbers = cancel_unpaid_card_orders(timedelta(minutes=minutes))
    db.session.commit()
    if numbers:
        logger.info("cancelled %d unpaid card orders: %s", len(numbers), ", ".join(numbers))
    return len(numbers)
