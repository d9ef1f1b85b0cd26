"""Catalog: what is sold, and the storefront pages that show it."""
from flask import Blueprint

bp = Blueprint("catalog", __name__)

from app.catalog import autocomplete, cards, images, page_views, photos, product_page, sizes, views  # noqa: E402,F401
