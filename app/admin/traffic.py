"""The store's traffic, the base of the back office's conversion rate: counted in Redis while a UAE day runs
(a HyperLogLog of visitor ids, a counter of product page views) and copied into `store_traffic_day` by a job.

A visitor is the random id kept in the Flask session (no other cookie). Only successful GET HTML pages of the
storefront count: never the back office, the vendor portal, files, /health, htmx partials or robots.
"""
from __future__ import annotations

import logging
import re
import secrets
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from flask import request, session
from redis.exceptions import RedisError
from sqlalchemy import func
from sqlalchemy.dialects.postgresql import insert

from app.admin import bp
from app.admin.models import StoreTrafficDay
from app.core.queues import redis_connection
from app.extensions import db

UAE_TIME = ZoneInfo("Asia/Dubai")
VISITOR_SESSION_KEY = "visitor"
PRODUCT_PAGE_ENDPOINT = "catalog.show_product"
NOT_STOREFRONT = ("/admin", "/vendor", "/static", "/health", "/media", "/img", "/payments")
# Robots, link previews and scripts name themselves; an empty user agent is a script too.
ROBOT_AGENT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless|curl|wget|python|httpx"
                         r"|java/|go-http|okhttp|scrapy|monitor|lighthouse", re.IGNORECASE)
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


@bp.after_app_request
def count_storefront_visit(response):
    """Count a storefront page view (and its visitor) for today; a Redis failure never costs the page."""
    if is_storefront_page_view(response):
        try:
            record_visit(visitor_id(), request.endpoint == PRODUCT_PAGE_ENDPOINT)
        except RedisError as error:
            logger.warning("store traffic not counted: %s", error)
    return response


def is_storefront_page_view(response) -> bool:
    """A successful GET of a whole storefront HTML page, asked for by a person's browser."""
    if request.method != "GET" or response.status_code != 200 or response.mimetype != "text/html":
        return False
    if request.headers.get("HX-Request") or request.path.startswith(NOT_STOREFRONT):
        return False
    agent = request.headers.get("User-Agent", "")
    return bool(agent) and not ROBOT_AGENT.search(agent) and is_whole_page(response)


def is_whole_page(response) -> bool:
    """A document, not a fragment asked for directly (a search suggestion opened without htmx)."""
    return response.is_sequence and response.get_data()[:64].lstrip().lower().startswith(b"<!doctype html")


def visitor_id() -> str:
    """This browser session's random visitor id, made on its first page."""
    if VISITOR_SESSION_KEY not in session:
        session[VISITOR_SESSION_KEY] = secrets.token_urlsafe(12)
    return session[VISITOR_SESSION_KEY]


def record_visit(visitor: str, product_page: bool, day: date | None = None) -> None:
    """Add the visitor to the day's HyperLogLog and count a product view, in one round trip."""
    day = day or uae_day()
    pipeline = redis_connection().pipeline(transaction=False)
    pipeline.pfadd(visitors_key(day), visitor)
    pipeline.expire(visitors_key(day), KEY_LIFETIME)
    if product_page:
        pipeline.incr(product_views_key(day))
        pipeline.expire(product_views_key(day), KEY_LIFETIME)
    pipeline.execute()


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
