"""Jobs on the `search` queue: product changes reach the listing (and the facet indexes) through these.

A change to a product, its offers, its shop or its reviews is announced as a domain event, and
app/search/handlers.py calls `schedule_listing_refresh(ids)` for it; the job runs after the change commits,
recomputes those rows, commits, and bumps the listing version so that every web process reloads its facet index.
A refresh job lost because Redis was out when its change committed is made up for by `sweep_stale_listing`,
which the scheduler runs every few minutes.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import text

from app.core.queues import enqueue_after_commit
from app.extensions import db
from app.search.backend import get_search_backend
from app.search.listing import bump_listing_version, product_ids_of_vendor, rebuild_listing


def schedule_listing_refresh(product_ids: Iterable[int]) -> None:
    """Refresh these products' listing rows once the current transaction commits."""
    ids = sorted({int(product_id) for product_id in product_ids})
    if ids:
        enqueue_after_commit(db.session(), "search", refresh_products, ids)


def schedule_vendor_refresh(vendor_id: int) -> None:
    """Refresh every product of a vendor (approved, suspended, …) once the transaction commits."""
    enqueue_after_commit(db.session(), "search", refresh_vendor, vendor_id)


def refresh_products(product_ids: list[int]) -> int:
    """Recompute the listing rows of these products."""
    get_search_backend().index_products(product_ids)
    db.session.commit()
    bump_listing_version()
    return len(product_ids)


def refresh_vendor(vendor_id: int) -> int:
    """Recompute the listing rows of every product the vendor offers."""
    return refresh_products(product_ids_of_vendor(vendor_id))


# Products one of whose offers (price, stock, for sale …) changed after the product's listing row was computed:
# the refresh job of that change never ran. A day back is plenty for a sweep that runs every few minutes.
STALE_LISTING_SQL = """
SELECT DISTINCT va.product_id
FROM offer o
JOIN variant va ON va.id = o.variant_id
JOIN product_listing pl ON pl.product_id = va.product_id
WHERE o.updated_at > now() - interval '1 day' AND o.updated_at > pl.refreshed_at
"""


def sweep_stale_listing() -> int:
    """Refresh the listing rows an offer changed after (their job was lost while Redis was out)."""
    product_ids = list(db.session.execute(text(STALE_LISTING_SQL)).scalars())
    return refresh_products(product_ids) if product_ids else 0


def rebuild_product_listing() -> int:
    """Recompute the whole listing from the catalog (after a bulk load, or to repair it)."""
    shown = rebuild_listing()
    db.session.commit()
    bump_listing_version()
    return shown
