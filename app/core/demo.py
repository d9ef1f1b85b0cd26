"""Demo data for `make run`: only into an empty database, never in production."""
from __future__ import annotations

from flask import current_app

from app.accounts.demo import load_demo_accounts
from app.admin.demo import load_demo_sales
from app.accounts.queries import count_users
from app.catalog.demo import catalog_is_empty, load_demo_catalog
from app.extensions import db
from app.orders.demo import load_demo_shop_rules
from app.search.listing import bump_listing_version, rebuild_listing
from app.vendors.demo_fulfilment import load_demo_fulfilment
from app.vendors.demo_listings import load_demo_listings


class DemoDataRefused(RuntimeError):
    """Demo data is off, or the database already holds data."""


def load_demo_data() -> list[str]:
    """Load every domain's demo data into an empty database and commit; return the demo logins."""
    if not current_app.config["DEMO_DATA"]:
        raise DemoDataRefused("DEMO_DATA is off")
    if count_users() > 0:
        raise DemoDataRefused("the database already holds accounts")
    if not catalog_is_empty(db.session):
        raise DemoDataRefused("the database already holds products")
    emails = load_demo_accounts(current_app.config["DEMO_PASSWORD"])
    load_demo_catalog(db.session)  # after the accounts: vendor@example.com runs one of its shops
    load_demo_listings(db.session)  # who proposed the products waiting, the demo shop's photos and changes
    load_demo_shop_rules(db.session)  # delivery zones of the seven emirates and demo coupons
    load_demo_sales(db.session)  # ninety days of orders and traffic for the back office's dashboard
    load_demo_fulfilment(db.session)  # the demo shop's gift orders to prepare, and last month's payouts
    rebuild_listing()  # the store shows the new catalog at once
    db.session.commit()
    bump_listing_version()
    return emails
