"""Scheduled work of the back office."""
from __future__ import annotations

from datetime import timedelta

from app.admin.traffic import counted_traffic, save_traffic_day, uae_day
from app.extensions import db


def copy_store_traffic() -> None:
    """Copy yesterday's and today's visitors and product views from Redis into PostgreSQL (every 10 minutes).

    Yesterday is copied again so that its last minutes are kept once the UAE day has turned.
    """
    today = uae_day()
    for day in (today - timedelta(days=1), today):
        save_traffic_day(day, counted_traffic(day))
    db.session.commit()
