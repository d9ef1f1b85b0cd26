"""Page views of the storefront, announced as events (`page_viewed`, and `product_viewed` on a product's page).

Only successful GET HTML pages of the storefront asked for by a person's browser count: never the back office,
the vendor portal, files, /health, htmx partials or robots. A visitor is the random id kept in the Flask session
(no other cookie). The store's traffic (app/admin/traffic.py) counts them.
"""
from __future__ import annotations

import re
import secrets

from flask import g, request, session

from app.catalog import bp
from app.catalog.signals import page_viewed, product_viewed
from app.core.events import announce

VISITOR_SESSION_KEY = "visitor"
NOT_STOREFRONT = ("/admin", "/vendor", "/static", "/health", "/media", "/img", "/payments")
# Robots, link previews and scripts name themselves; an empty user agent is a script too.
ROBOT_AGENT = re.compile(r"bot|crawl|spider|slurp|preview|facebookexternalhit|headless|curl|wget|python|httpx"
                         r"|java/|go-http|okhttp|scrapy|monitor|lighthouse", re.IGNORECASE)
SHOWN_PRODUCT = "shown_product_id"  # in `g`: the product whose whole page this request drew


def showing_product(product_id: int) -> None:
    """Note that this request draws the product's whole page (announced once the page is sent)."""
    setattr(g, SHOWN_PRODUCT, product_id)


@bp.after_app_request
def announce_page_view(response):
    """Announce a person's view of a whole storefront page (and of a product's page)."""
    if is_storefront_page_view(response):
        visitor = visitor_id()
        announce(page_viewed, visitor=visitor)
        product_id = g.get(SHOWN_PRODUCT)
        if product_id is not None:
            announce(product_viewed, product_id=product_id, visitor=visitor)
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
