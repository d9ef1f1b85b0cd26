"""The one listing view behind /products, /search, brand, category and vendor pages.

`render_listing` parses the URL into a `ListingQuery`, pins the page's fixed scope (a brand page is always
that brand: a URL parameter cannot widen it), asks the search backend for the page, and hands the template
a `ListingPage`: the facet groups of the filter panel, the chips, the page links and, when nothing matches,
which filters to drop. htmx requests get the `listing` block and the canonical URL to push.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal
from functools import cache, cached_property, lru_cache
from urllib.parse import urlencode

from babel import Locale
from babel.numbers import get_group_symbol
from flask import abort, make_response, redirect, render_template, request, url_for
from flask_babel import force_locale, format_decimal, get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from sqlalchemy import func, select

from app.catalog.filters import CHOICES, ListingQuery
from app.catalog.listing_labels import FLAG_LABELS, VALUE_LABELS, country_name
from app.catalog.models import Brand, Offer, Review, Variant
from app.core.rendering import render_page_or_block, wants_fragment
from app.core.text import sentence_with_isolated
from app.extensions import db
from app.search.arabic import normalise, synonyms, words
from app.vendors.models import Vendor

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
SHOWN_OPTIONS = 8  # a long facet shows the chosen values and the highest counts up to this many …
COLLAPSE_OVER = 12  # … when it has more options than this (a "Show all" for two or three more is noise)
MAX_SEARCH_LENGTH = 60  # of the text typed into a facet's search box
MAX_SEARCH_WORDS = 4
# The filter panel, in order: (group, title, kind). Kinds: "choice" (checkboxes, all shown), "long"
# (checkboxes, the top few then "show all", loaded by htmx or expanded by `expand=` without it), "search"
# (long, with a search box that asks the server), "range", "minimum" (at least … radios), "flags".
FACET_GROUPS = (
    ("category", _l("Category"), "choice"),
    ("family", _l("Scent family"), "long"),
    ("brand", _l("Brand"), "long"),
    ("price", _l("Price (AED)"), "range"),
    ("gender", _l("For"), "choice"),
    ("concentration", _l("Concentration"), "choice"),
    ("note", _l("Notes"), "search"),
    ("rating", _l("Customer rating"), "minimum"),
    ("flags", _l("Availability and offers"), "flags"),
    ("size", _l("Size"), "choice"),
    ("top", _l("Top notes"), "search"),
    ("heart", _l("Heart notes"), "search"),
    ("base", _l("Base notes"), "search"),
    ("exclude", _l("Without these notes"), "search"),
    ("season", _l("Season"), "choice"),
    ("occasion", _l("Occasion"), "choice"),
    ("longevity", _l("Longevity"), "minimum"),
    ("sillage", _l("Sillage"), "minimum"),
    ("style", _l("House style"), "choice"),
    ("origin", _l("Country of origin"), "long"),
    ("perfumer", _l("Perfumer"), "long"),
    ("year", _l("Launch year"), "range"),
    ("vendor", _l("Sold by"), "long"),
    ("delivery", _l("Same or next-day delivery to"), "choice"),
    ("ppm", _l("Price per ml (AED)"), "range"),
)
OPEN_GROUPS = {"category", "family", "brand", "price", "gender", "note", "rating"}
LONG_KINDS = ("long", "search")
LONG_GROUPS = {name: (title, kind) for name, title, kind in FACET_GROUPS if kind in LONG_KINDS}
# A filter group's URL parameters (the facet index groups the two ends of a range).
GROUP_PARAMETERS = {"price": ("price_min", "price_max"), "year": ("year_min", "year_max"), "ppm": ("ppm_max",),
                    "flags": tuple(FLAG_LABELS)}
SLUG_LABELLED = ("brand", "vendor", "note", "top", "heart", "base", "exclude")  # names come from the index
LAYER_CHIPS = {"top": _l("Top: %(note)s"), "heart": _l("Heart: %(note)s"), "base": _l("Base: %(note)s"),
               "exclude": _l("Without %(note)s")}


@dataclass
class Option:
    value: str
    label: str
    count: int
    selected: bool
    input_id: str = ""  # the checkbox's (or radio's) id, unique on the page
    count_text: str = ""  # the count as the panel writes it


@dataclass
class FacetGroup:
    name: str
    title: str
    kind: str
    options: list[Option] = field(default_factory=list)  # what the panel shows
    parameters: tuple[str, ...] = ()
    values: tuple = ()  # a range's current (low, high)
    available: tuple | None = None  # a range's (lowest, highest) among the other filters' matches
    total: int = 0  # a long group's options in all (those that would find something, and the chosen ones)
    expanded: bool = False  # a long group showing every option (or those its search found)
    search_text: str = ""  # what the shopper typed into the group's search box
    first_more: int | None = None  # expanded: the position of the first option the collapsed group hid

    @property
    def active(self) -> bool:
        return any(option.selected for option in self.options) or any(value is not None for value in self.values)

    @property
    def is_long(self) -> bool:
        return self.kind in LONG_KINDS

    @property
    def hidden_count(self) -> int:
        """How many options "Show all" would add."""
        return 0 if self.expanded or not self.is_long else self.total - len(self.options)

    @property
    def is_open(self) -> bool:
        return self.name in OPEN_GROUPS or self.active or self.expanded


@dataclass
class Link:
    label: str
    url: str
    count: int | None = None


class ListingPage:
    """What a listing template shows, computed from the query, its result and the page's fixed scope."""

    def __init__(self, query: ListingQuery, result, base_url: str, fixed: dict[str, tuple[str, ...]],
                 expanded: frozenset[str] = frozenset(), searches: dict[str, str] | None = None):
        """`expanded`: the long groups that show every option; `searches`: {group: text typed in its box}."""
        self.query, self.result, self.base_url, self.fixed = query, result, base_url, fixed
        self.expanded, self.searches = expanded, searches or {}
        locale = get_locale()
        self.arabic = locale.language == "ar"
        self.number = count_formatter(str(locale))
        self.labels = value_labels_in(str(locale))

    # URLs -----------------------------------------------------------------------------------------

    def url(self, query: ListingQuery | None = None) -> str:
        """The page's URL for a query; the fixed scope lives in the path, never in the query string."""
        pairs = [(name, value) for name, value in (query or self.query).to_params() if name not in self.fixed]
        return f"{self.base_url}?{urlencode(pairs)}" if pairs else self.base_url

    def page_url(self, number: int) -> str:
        return self.url(self.query.with_changes(page=number))

    @cached_property
    def current_url(self) -> str:
        return self.url()

    @cached_property
    def _filters_query_string(self) -> str:
        """The query string of the current filters (page 1): what a facet's counts depend on."""
        return self.url(self.query.with_changes(page=1))[len(self.base_url):]

    def expand_url(self, name: str) -> str:
        """This page with one more long group showing all its options (the "Show all" link without htmx)."""
        pairs = [("expand", group) for group in sorted(self.expanded | {name})]
        return f"{self.current_url}{'&' if '?' in self.current_url else '?'}{urlencode(pairs)}#facet-{name}"

    def options_url(self, name: str) -> str:
        """The facet endpoint's URL for one long group under the current filters and the page's scope."""
        return f"{self.base_url}/facets/{name}{self._filters_query_string}"

    # Labels ---------------------------------------------------------------------------------------

    def value_label(self, name: str, value) -> str:
        """A filter value in the reader's language."""
        if name in self.labels:
            return self.labels[name].get(value, value)
        if name in SLUG_LABELLED:
            names = self.result.labels.get(name, {}).get(value)
            return (names[1] if self.arabic else names[0]) if names else value
        if name == "origin":
            return country_name(value)
        return str(value)

    def chip_label(self, name: str, value: str) -> str:
        if name in LAYER_CHIPS:
            return str(LAYER_CHIPS[name]) % {"note": self.value_label(name, value)}
        if name in FLAG_LABELS:
            return str(FLAG_LABELS[name])
        if name in ("price_min", "price_max", "ppm_max"):
            amount = format_decimal(Decimal(value), format="#,##0.##")
            return {"price_min": _("From AED %(amount)s", amount=amount),
                    "price_max": _("Up to AED %(amount)s", amount=amount),
                    "ppm_max": _("Up to AED %(amount)s per ml", amount=amount)}[name]
        if name == "year_min":
            return _("Launched from %(year)s", year=value)
        if name == "year_max":
            return _("Launched until %(year)s", year=value)
        if name in ("rating", "longevity", "sillage"):
            score = format_decimal(float(value), format="0.#")
            return {"rating": _("Rated %(score)s and up", score=score),
                    "longevity": _("Longevity %(score)s and up", score=score),
                    "sillage": _("Sillage %(score)s and up", score=score)}[name]
        return self.value_label(name, value)

    # What the page shows --------------------------------------------------------------------------

    @cached_property
    def chips(self) -> list[Link]:
        """One chip per active filter value; its link drops that value only."""
        return [Link(self.chip_label(name, value), self.url(self.query.without(name, value)))
                for name, value in self.query.chips() if name not in self.fixed]

    @property
    def clear_url(self) -> str:
        """The page without its filters: the search text, the sort and the fixed scope stay."""
        cleared = ListingQuery(q=self.query.q, sort=self.query.sort)
        return self.url(replace(cleared, **self.fixed))

    @property
    def filter_count(self) -> int:
        return len(self.chips)

    @property
    def page_numbers(self) -> list[int | None]:
        """Page numbers to link, None where an ellipsis stands: 1 … 4 5 [6] 7 8 … 20."""
        current, last = self.result.page, self.result.pages
        wanted = {1, last, *range(max(1, current - 2), min(last, current + 2) + 1)}
        numbers: list[int | None] = []
        for number in sorted(wanted):
            if numbers and number - numbers[-1] > 1:
                numbers.append(None)
            numbers.append(number)
        return numbers

    @property
    def relaxations(self) -> list[Link]:
        """With no result: each filter group that could be dropped, with how many it would then show."""
        links = []
        for group, count in self.result.relaxations.items():
            if count == 0 or group in self.fixed:
                continue
            parameters = GROUP_PARAMETERS.get(group, (group,))
            labels = [self.chip_label(name, value) for name, value in self.query.to_params() if name in parameters]
            if group == "q":
                labels = [sentence_with_isolated(_("the search “%(text)s”"), text=self.query.q)]
            relaxed = self.query
            for name in parameters:
                relaxed = relaxed.without(name)
            links.append(Link(Markup(", ").join(labels), self.url(relaxed), count))
        return sorted(links, key=lambda link: -link.count)

    @property
    def facet_groups(self) -> list[FacetGroup]:
        return [group for group in (self._group(*spec) for spec in FACET_GROUPS) if group is not None]

    def _written(self, group: FacetGroup) -> FacetGroup:
        """The group with its options' ids and counts written out (once here, not per option in the template)."""
        for option in group.options:
            if group.kind == "flags":
                option.input_id = f"f-{option.value}"
            else:
                option.input_id = f"f-{group.name}-{option.value.replace(' ', '_').replace('.', '_')}"
            option.count_text = self.number(option.count)
        return group

    def long_group(self, name: str) -> FacetGroup:
        """One long group on its own (for the facet endpoint), empty when nothing is left to show."""
        title, kind = LONG_GROUPS[name]
        return self._group(name, title, kind) or FacetGroup(name, str(title), kind, expanded=True,
                                                             search_text=self.searches.get(name, ""))

    def _group(self, name: str, title, kind: str) -> FacetGroup | None:
        if name in self.fixed:
            return None
        group = FacetGroup(name, str(title), kind, parameters=GROUP_PARAMETERS.get(name, (name,)))
        facets = self.result.facets
        if kind == "range":
            group.values = tuple(_plain(getattr(self.query, parameter)) for parameter in group.parameters)
            group.available = self.result.ranges.get(name)
            return group
        if kind == "flags":
            group.options = [Option(flag, str(label), facets[flag][0][1], facets[flag][0][2])
                             for flag, label in FLAG_LABELS.items() if facets[flag][0][1] or facets[flag][0][2]]
            return self._written(group) if group.options else None
        if kind == "minimum":
            group.options = [Option(f"{step:g}", _("%(score)s and up", score=format_decimal(step, format="0.#")),
                                    count, selected)
                             for step, count, selected in facets[name] if count or selected]
            return self._written(group) if group.options else None
        if kind in LONG_KINDS:
            group = self._long_group(group, facets[name])
            return None if group is None else self._written(group)
        options = [self._option(name, value, count, selected) for value, count, selected in facets[name]]
        if not options:
            return None
        vocabulary = CHOICES.get(name) or VALUE_LABELS.get(name)
        order = {value: position for position, value in enumerate(vocabulary or ())}
        group.options = sorted(options, key=lambda option: order.get(option.value, len(order)))
        return self._written(group)

    def _long_group(self, group: FacetGroup, values: list[tuple]) -> FacetGroup | None:
        """The chosen values, then the highest counts up to SHOWN_OPTIONS; expanded, the rest A to Z after
        them; searched, the values whose names (in either language) hold every word typed. Only the
        options shown get a label."""
        name = group.name
        group.total = len(values)
        group.expanded = name in self.expanded or name in self.searches
        group.search_text = self.searches.get(name, "")
        ranked = sorted(values, key=lambda item: (not item[2], -item[1], str(item[0])))
        if group.search_text:
            terms = [synonyms(word) for word in words(group.search_text)[:MAX_SEARCH_WORDS]]
            found = [item for item in ranked if terms and _holds_every(self._known_as(name, item[0]), terms)]
            group.options = [self._option(name, *item) for item in found]
            return group
        if not values:
            return None
        chosen = sum(1 for item in ranked if item[2])
        shown = len(ranked) if len(ranked) <= COLLAPSE_OVER else max(SHOWN_OPTIONS, chosen)
        group.options = [self._option(name, *item) for item in ranked[:shown]]
        if group.expanded and len(ranked) > shown:
            group.first_more = shown
            group.options += sorted((self._option(name, *item) for item in ranked[shown:]),
                                    key=lambda option: option.label.casefold())
        return group

    def _option(self, name: str, value, count: int, selected: bool) -> Option:
        form_value = value.lower() if name == "origin" else str(value)
        return Option(form_value, self.value_label(name, form_value), count, selected)

    def _known_as(self, name: str, value) -> str:
        """Every name of a value, folded for matching: both languages where the index knows them."""
        names = self.result.labels.get(name, {}).get(value)
        return _folded(" ".join(names) if names else self._option(name, value, 0, False).label)


def _holds_every(text: str, terms: list[frozenset[str]]) -> bool:
    return all(any(word in text for word in alternatives) for alternatives in terms)


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    return normalise(text)


@cache
def value_labels_in(locale_name: str) -> dict[str, dict[str, str]]:
    """The filter values' words in one language, translated once per process (they are fixed
    vocabularies): the panel labels a hundred options a page."""
    with force_locale(locale_name):
        return {name: {value: str(label) for value, label in labels.items()} for name, labels in VALUE_LABELS.items()}


@cache
def count_formatter(locale_name: str) -> Callable[[int], str]:
    """Whole numbers exactly as Babel writes them in this locale (12,345 with Latin digits in Arabic too),
    without Babel's pattern machinery per number: the panel shows a count beside every option."""
    locale = Locale.parse(locale_name)
    if locale.decimal_formats[None].grouping != (3, 3):
        return lambda number: format_decimal(number, locale=locale)
    group = get_group_symbol(locale)
    return lambda number: f"{number:,}".replace(",", group)


def expanded_groups(args) -> frozenset[str]:
    """The long groups the URL asks to show in full (`expand=note`): a display choice, not a filter."""
    return frozenset(name for name in args.getlist("expand")[:len(LONG_GROUPS)] if name in LONG_GROUPS)


def facet_search_text(args) -> str:
    return " ".join((args.get("facet_q") or "").split())[:MAX_SEARCH_LENGTH]


def _plain(value) -> str | None:
    """A range's value as the shopper would type it: 100, not 100.00."""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return None if value is None else str(value)


def listing_for_request(base_url: str, fixed: dict[str, tuple[str, ...]] | None, expanded: frozenset[str],
                        searches: dict[str, str] | None = None) -> ListingPage:
    """The request's URL as a listing within the page's fixed scope (a URL parameter cannot widen it)."""
    from app.search.backend import search_products  # search builds on the catalog package, not the reverse

    fixed = fixed or {}
    query = replace(ListingQuery.from_args(request.args), **fixed)
    return ListingPage(query, search_products(query), base_url, fixed, expanded, searches)


def render_listing(template: str = "catalog/products.html", *, base_url: str,
                   fixed: dict[str, tuple[str, ...]] | None = None, **context):
    """Render a listing page (or its `listing` block for htmx) for the request's URL within `fixed`."""
    listing = listing_for_request(base_url, fixed, expanded_groups(request.args))
    result, query = listing.result, listing.query
    response = render_page_or_block(template, "listing", listing=listing, result=result,
                                    sorts=SORT_LABELS, query=query.q, **context)
    if wants_fragment():
        response.headers["HX-Push-Url"] = listing.url(query.with_changes(page=result.page))
    return response


def render_facet_options(name: str, *, base_url: str, fixed: dict[str, tuple[str, ...]] | None = None):
    """Every option of one long filter group, or those matching `facet_q`, with the listing's disjunctive
    counts, for htmx to swap into the panel; a browser without htmx goes to the listing with it expanded."""
    if name not in LONG_GROUPS or name in (fixed or {}):
        abort(404)
    listing = listing_for_request(base_url, fixed, frozenset({name}), {name: facet_search_text(request.args)})
    if not wants_fragment():
        return redirect(listing.expand_url(name))
    response = make_response(render_template("catalog/_facet_options.html", listing=listing,
                                             group=listing.long_group(name)))
    response.vary.add("HX-Request")
    return response


def home_crumb() -> Link:
    return Link(_("Home"), url_for("catalog.show_home"))


# The pages' subjects ------------------------------------------------------------------------------

def get_brand_or_404(slug: str) -> Brand:
    brand = db.session.scalar(select(Brand).where(Brand.slug == slug.lower()))
    if brand is None:
        abort(404)
    return brand


def get_selling_vendor_or_404(slug: str) -> Vendor:
    """An approved shop; a pending, suspended or unknown one is not found."""
    vendor = db.session.scalar(select(Vendor).where(Vendor.slug == slug.lower(), Vendor.status == "approved"))
    if vendor is None:
        abort(404)
    return vendor


@dataclass
class VendorRating:
    average: float
    count: int


def vendor_rating(vendor: Vendor) -> VendorRating | None:
    """The average review of the products the shop sells now, or None before any review."""
    average, count = db.session.execute(
        select(func.avg(Review.rating), func.count(Review.id)).where(Review.product_id.in_(
            select(Variant.product_id).join(Offer, Offer.variant_id == Variant.id)
            .where(Offer.vendor_id == vendor.id, Offer.is_active)))).one()
    return VendorRating(float(average), count) if count else None


@dataclass
class BrandEntry:
    slug: str
    name: str
    other_name: str  # in the other language
    count: int


def brands_by_letter() -> list[tuple[str, list[BrandEntry]]]:
    """The houses with products in the store, grouped by the first letter of their name in the reader's
    language, from the facet index (no query per brand)."""
    from app.search.backend import search_products

    result = search_products(ListingQuery(page_size=1))
    arabic = get_locale().language == "ar"
    entries = []
    for slug, count, _selected in result.facets["brand"]:
        english, arabic_name = result.labels["brand"].get(slug, (slug, slug))
        name, other = (arabic_name, english) if arabic else (english, arabic_name)
        entries.append(BrandEntry(slug, name, other, count))
    groups: dict[str, list[BrandEntry]] = {}
    for entry in sorted(entries, key=lambda entry: normalise(entry.name)):
        groups.setdefault(normalise(entry.name)[:1].upper(), []).append(entry)
    return list(groups.items())
