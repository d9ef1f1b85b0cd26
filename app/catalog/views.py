"""Storefront pages. The catalog issue fills them with products, filters and search."""
from flask import render_template, request

from app.catalog import bp
from app.catalog.families import SCENT_FAMILIES
from app.core.rendering import render_page_or_block

FEATURED_FAMILIES = ("oud", "amber", "floral", "woody", "musky", "fresh")


@bp.get("/")
def show_home():
    """The home page: search, scent families, and (with the catalog) featured perfumes."""
    families = [(slug, SCENT_FAMILIES[slug]) for slug in FEATURED_FAMILIES]
    return render_template("catalog/home.html", families=families)


@bp.get("/products")
def list_products():
    """The product listing; its results block is what htmx swaps."""
    query = request.args.get("q", "").strip()[:200]
    return render_page_or_block("catalog/products.html", "results", query=query, products=[])
