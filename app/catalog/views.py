"""Storefront pages. The catalog issue fills them with products, filters and search."""
from flask import render_template, request

from flask_babel import lazy_gettext as _l

from app.catalog import bp
from app.catalog.families import SCENT_FAMILIES
from app.catalog.filters import ListingQuery
from app.catalog.queries import products_in_order
from app.core.rendering import render_page_or_block

SORT_LABELS = {
    "relevance": _l("Most relevant"),
    "trending": _l("Trending"),
    "bestselling": _l("Best selling"),
    "newest": _l("Newest"),
    "price_asc": _l("Price: low to high"),
    "price_desc": _l("Price: high to low"),
    "rating": _l("Best rated"),
    "price_per_ml": _l("Price per ml"),
}

FEATURED_FAMILIES = ("oud", "amber", "floral", "woody", "musky", "fresh")


@bp.get("/")
def show_home():
    """The home page: search, scent families, and (with the catalog) featured perfumes."""
    families = [(slug, SCENT_FAMILIES[slug]) for slug in FEATURED_FAMILIES]
    return render_template("catalog/home.html", families=families)


@bp.get("/products")
def list_products():
    """The product listing: search, sort and pages (the filter panel comes next); htmx swaps the results."""
    from app.search.backend import search_products  # search builds on the catalog package, not the reverse

    listing_query = ListingQuery.from_args(request.args)
    result = search_products(listing_query, with_facets=False)
    products = {product.id: product for product in products_in_order(result.product_ids)}
    return render_page_or_block("catalog/products.html", "results", listing=listing_query, result=result,
                                products=products, query=listing_query.q, sorts=SORT_LABELS)
