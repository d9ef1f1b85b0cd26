"""The store's traffic, the base of the back office's conversion rate: counted in Redis while a UAE day runs
(a HyperLogLog of visitor ids, a counter of product page views) and copied into `store_traffic_day` by a job.

What counts is what the storefront announces (`page_viewed`, `product_viewed`: app/catalog/page_views.py): whole
pages a person's browser asked for, never the back office, the vendor portal, files, /health, htmx partials or
robots. A visitor is the random id kept in the Flask session (no other cookie).
"""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import Flask
from redis.exceptions import RedisError
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert

from app.admin.models import StoreTrafficDay
from app.catalog.signals import page_viewed, product_viewed
from app.core.events import subscribe
from app.core.queues import redis_connection
from app.extensions import db

UAE_TIME = ZoneInfo("Asia/Dubai")
# Kept long enough for the job to copy yesterday's figures after midnight.
KEY_LIFETIME = timedelta(days=3)
logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class DayTraffic:
    visitors: int
    product_views: int


def uae_day(moment: datetime | None = None) -> date:
    """The calendar day in the UAE at `moment` (now by default)."""
    return (moment or datetime.now(UAE_TIME)).astimezone(UAE_TIME).date()


def visitors_key(day: date) -> str:
    return f"aromasouq:traffic:{day.isoformat()}:visitors"


def product_views_key(day: date) -> str:
    return f"aromasouq:traffic:{day.isoformat()}:product-views"


def connect_handlers(app: Flask) -> None:
    """Count the storefront's page views (and their visitors) and its product page views."""
    subscribe(app, page_viewed, count_visitor)
    subscribe(app, product_viewed, count_product_view)


def count_visitor(app: Flask, *, visitor: str, **facts) -> None:
    """Count the visitor of a storefront page once today; a Redis failure never costs the page."""
    try:
        record_visit(visitor, product_page=False)
    except RedisError as error:
        logger.warning("store traffic not counted: %s", error)


def count_product_view(app: Flask, *, visitor: str, **facts) -> None:
    """Count a view of a product's page today."""
    try:
        record_product_view()
    except RedisError as error:
        logger.warning("store traffic not counted: %s", error)


def record_visit(visitor: str, product_page: bool, day: date | None = None) -> None:
    """Add the visitor to the day's HyperLogLog, and count a product view when `product_page`, in one round trip."""
    day = day or uae_day()
    pipeline = redis_connection().pipeline(transaction=False)
    pipeline.pfadd(visitors_key(day), visitor)
    pipeline.expire(visitors_key(day), KEY_LIFETIME)
    if product_page:
        count_in(pipeline, product_views_key(day))
    pipeline.execute()


def record_product_view(day: date | None = None) -> None:
    """Count one more product page view in the day."""
    pipeline = redis_connection().pipeline(transaction=False)
    count_in(pipeline, product_views_key(day or uae_day()))
    pipeline.execute()


def count_in(pipeline, key: str) -> None:
    pipeline.incr(key)
    pipeline.expire(key, KEY_LIFETIME)


def counted_traffic(day: date) -> DayTraffic:
    """The day's figures as Redis has counted them so far."""
    pipeline = redis_connection().pipeline(transaction=False)
    pipeline.pfcount(visitors_key(day))
    pipeline.get(product_views_key(day))
    visitors, views = pipeline.execute()
    return DayTraffic(int(visitors or 0), int(views or 0))


def save_traffic_day(day: date, traffic: DayTraffic) -> None:
    """Upsert the day's row; figures only grow (a Redis that lost its keys never lowers a saved day)."""
    row = insert(StoreTrafficDay).values(day=day, visitors=traffic.visitors, product_views=traffic.product_views)
    db.session.execute(row.on_conflict_do_update(index_elements=[StoreTrafficDay.day], set_={
        "visitors": func.greatest(StoreTrafficDay.visitors, row.excluded.visitors),
        "product_views": func.greatest(StoreTrafficDay.product_views, row.excluded.product_views),
    }))
