"""Scheduled work of the back office."""
from __future__ import annotations

from datetime import timedelta

from app.admin.traffic import counted_traffic, save_traffic_day, uae_day
from app.extensions import db


def copy_store_traffic() -> None:
    """Copy yesterday's and today's visitors and product views from Redis into PostgreSQL (every 10 minutes).

    Yesterday is copied again so that its last minutes are kept once the UAE day has turned; a day with
    nothing counted (Redis emptied, or no visit yet) is left as it is.
    """
    today = uae_day()
    for day in (today - timedelta(days=1), today):
        traffic = counted_traffic(day)
        if traffic.visitors or traffic.product_views:
            save_traffic_day(day, traffic)
    db.session.commit()
