""""Recently viewed": the products a shopper opened last, newest first.

Everyone's list is kept in the signed session cookie (a few product ids). A signed-in account's list is
also kept in Redis under the account, so that it follows the customer to other devices; the list a
guest built is merged into it at sign-in. Redis being away costs only the cross-device part.
Templates read the list through the `recently_viewed_cards()` global (cards from the search index, no query).
"""
from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from flask import g, session
from flask_login import current_user, user_logged_in
from redis import RedisError

from app.catalog import bp
from app.core.queues import redis_connection

if TYPE_CHECKING:
    from app.search.facets import ProductCard

logger = logging.getLogger(__name__)

SESSION_KEY = "recently_viewed"
KEEP = 12  # products remembered
SHOWN = 8  # cards in the strip
ACCOUNT_LIST_DAYS = 180


def account_key(user_id) -> str:
    return f"aromasouq:recently-viewed:user:{user_id}"


def record_view(product_id: int) -> None:
    """Put the product at the front of this shopper's list (and of their account's, when signed in)."""
    earlier = [viewed for viewed in session_ids() if viewed != product_id]
    session[SESSION_KEY] = [product_id, *earlier][:KEEP]
    if current_user.is_authenticated:
        push_to_account(current_user.id, [product_id])


def push_to_account(user_id: int, product_ids_oldest_first: list[int]) -> None:
    try:
        pipeline = redis_connection().pipeline()
        for product_id in product_ids_oldest_first:
            pipeline.lrem(account_key(user_id), 0, product_id)
            pipeline.lpush(account_key(user_id), product_id)
        pipeline.ltrim(account_key(user_id), 0, KEEP - 1)
        pipeline.expire(account_key(user_id), ACCOUNT_LIST_DAYS * 24 * 3600)
        pipeline.execute()
    except RedisError:
        logger.warning("recently viewed: Redis is unavailable; the account's list was not updated")


def session_ids() -> list[int]:
    ids = session.get(SESSION_KEY)
    return [value for value in ids if isinstance(value, int)][:KEEP] if isinstance(ids, list) else []


def viewed_product_ids() -> list[int]:
    """The shopper's list, newest first: the account's when signed in, else this browser's."""
    if current_user.is_authenticated:
        try:
            return [int(value) for value in redis_connection().lrange(account_key(current_user.id), 0, KEEP - 1)]
        except RedisError:
            logger.warning("recently viewed: Redis is unavailable; showing this browser's list")
    return session_ids()


def merge_guest_views(sender, user, **extra) -> None:
    """At sign-in, the products viewed as a guest join the account's list (as the most recent ones)."""
    guest_ids = session_ids()
    if guest_ids:
        push_to_account(user.id, list(reversed(guest_ids)))


@bp.record_once
def connect_sign_in_merge(state) -> None:
    user_logged_in.connect(merge_guest_views, state.app)


@bp.app_template_global()
def recently_viewed_cards(exclude: int | None = None) -> list[ProductCard]:
    """The cards of the "Recently viewed" strip: products still in the store, newest view first."""
    ids = [product_id for product_id in viewed_product_ids() if product_id != exclude][:SHOWN]
    if not ids:
        return []
    cache = g.setdefault("recently_viewed_cards", {})
    if tuple(ids) not in cache:
        cache[tuple(ids)] = cards_for(ids)
    return cache[tuple(ids)]


def cards_for(product_ids: list[int]) -> list[ProductCard]:
    """Cards for these products still in the store, in the order given: from the search index, no query."""
    from app.search.backend import get_search_backend  # search builds on the catalog package, not the reverse

    return get_search_backend().cards(product_ids)
