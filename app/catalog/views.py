"""Storefront pages: home, and the listings (all fragrances, search, brands, categories, shops).

Each listing has a scope (its path and the filters the path fixes) shared by the page and by its facet
endpoint (`…/facets/<group>`), which answers one long filter group's options for htmx."""
from flask import abort, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.accounts.address_book import EMIRATES
from app.catalog import bp
from app.catalog.families import SCENT_FAMILIES
from app.catalog.filters import ListingQuery
from app.catalog.home_page import home_shelves
from app.catalog.listing_labels import CATEGORY_LABELS, STYLE_LABELS, country_name
from app.catalog.listing_pages import (Link, brands_by_letter, get_brand_or_404, get_selling_vendor_or_404,
                                       home_crumb, render_facet_options, render_listing, vendor_rating)
from app.core.text import sentence_with_isolated

FEATURED_FAMILIES = ("oud", "amber", "floral", "woody", "musky", "fresh")


@bp.get("/")
def show_home():
    """The home page: search, loved and new perfumes, scent families, houses, recently viewed."""
    families = [(slug, SCENT_FAMILIES[slug]) for slug in FEATURED_FAMILIES]
    return render_template("catalog/home.html", families=families, shelves=home_shelves())


@bp.get("/products")
def list_products():
    """Every fragrance, with the filter panel, sort and pages; htmx swaps the results."""
    return _all_fragrances("catalog.list_products")


@bp.get("/search")
def search():
    """The same listing as /products, reached from a search box: `q` narrows it."""
    return _all_fragrances("catalog.search")


def _all_fragrances(endpoint: str):
    q = ListingQuery.from_args(request.args).q
    title = sentence_with_isolated(_("Results for “%(query)s”"), query=q) if q else _("All fragrances")
    return render_listing(base_url=url_for(endpoint), page_title=title, crumbs=[home_crumb()])


@bp.get("/products/facets/<group>", defaults={"listing": "catalog.list_products"})
@bp.get("/search/facets/<group>", defaults={"listing": "catalog.search"})
def list_facet_options(group: str, listing: str):
    """One long filter group's options in full, or those matching `facet_q`, for all fragrances."""
    return render_facet_options(group, base_url=url_for(listing))


@bp.get("/brands")
def list_brands():
    """Every house with products in the store, A to Z in the reader's language."""
    return render_template("catalog/brands.html", letters=brands_by_letter(),
                           crumbs=[home_crumb()], page_title=_("Brands"))


@bp.get("/brands/<slug>")
def show_brand(slug: str):
    """A house: its name, country, style and story, and its fragrances as a listing."""
    brand = get_brand_or_404(slug)
    name = brand.name_ar if get_locale().language == "ar" else brand.name_en
    return render_listing(**_brand_scope(brand), page_title=name, intro="catalog/_brand_intro.html", brand=brand,
                          country_name=country_name, style_labels=STYLE_LABELS,
                          crumbs=[home_crumb(), Link(_("Brands"), url_for("catalog.list_brands"))])


@bp.get("/brands/<slug>/facets/<group>")
def list_brand_facet_options(slug: str, group: str):
    """One long filter group's options within a house's fragrances."""
    return render_facet_options(group, **_brand_scope(get_brand_or_404(slug)))


def _brand_scope(brand) -> dict:
    return {"base_url": url_for("catalog.show_brand", slug=brand.slug), "fixed": {"brand": (brand.slug,)}}


@bp.get("/categories/<category>")
def show_category(category: str):
    """One category of the closed vocabulary (perfumes, attars, bakhoor …) as a listing."""
    return render_listing(**_category_scope(category), page_title=str(CATEGORY_LABELS[category]),
                          crumbs=[home_crumb()])


@bp.get("/categories/<category>/facets/<group>")
def list_category_facet_options(category: str, group: str):
    """One long filter group's options within a category."""
    return render_facet_options(group, **_category_scope(category))


def _category_scope(category: str) -> dict:
    if category not in CATEGORY_LABELS:
        abort(404)
    return {"base_url": url_for("catalog.show_category", category=category), "fixed": {"category": (category,)}}


@bp.get("/v/<slug>")
def show_vendor(slug: str):
    """An approved shop's storefront: its story, emirate and rating, and the fragrances it sells."""
    vendor = get_selling_vendor_or_404(slug)
    name = vendor.name_ar if get_locale().language == "ar" else vendor.name_en
    return render_listing(**_vendor_scope(vendor), page_title=name, intro="catalog/_vendor_intro.html", vendor=vendor,
                          vendor_rating=vendor_rating(vendor), emirate_labels=EMIRATES, crumbs=[home_crumb()])


@bp.get("/v/<slug>/facets/<group>")
def list_vendor_facet_options(slug: str, group: str):
    """One long filter group's options within what a shop sells."""
    return render_facet_options(group, **_vendor_scope(get_selling_vendor_or_404(slug)))


def _vendor_scope(vendor) -> dict:
    return {"base_url": url_for("catalog.show_vendor", slug=vendor.slug), "fixed": {"vendor": (vendor.slug,)}}
