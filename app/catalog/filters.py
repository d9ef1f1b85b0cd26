"""The listing's URL state: request.args parsed into a typed, validated `ListingQuery`, and back.

The parameter names are ARCHITECTURE.md's (the 30 smart filters, `q`, `sort`, `page`). Parsing never
raises: an unknown value is dropped, a malformed number ignored, a reversed range put the right way
round, so any URL a person or a bot types gives a clean listing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from decimal import Decimal, InvalidOperation
from urllib.parse import urlencode

from app.accounts.address_book import EMIRATES
from app.catalog.models import CATEGORIES, CONCENTRATIONS, FAMILIES, GENDERS, OCCASIONS, SEASONS, STYLES

SORTS = ("relevance", "trending", "bestselling", "newest", "price_asc", "price_desc", "rating", "price_per_ml")
# Size buckets in ml (grams for bakhoor): (slug, smallest, largest) — samples and decants, travel, …
SIZE_BUCKETS = (("1-10", 0, 10), ("11-30", 10, 30), ("31-60", 30, 60), ("61-100", 60, 100), ("100-plus", 100, None))
SIZES = tuple(slug for slug, _, _ in SIZE_BUCKETS)
EMIRATE_KEYS = tuple(EMIRATES)
PAGE_SIZE = 24
MAX_PAGE = 10_000
MAX_VALUES = 40  # per multi-value parameter: more is a bot, not a shopper
MAX_QUERY_LENGTH = 200
MAX_PRICE = Decimal("1000000")
YEARS = (1700, 2100)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]{0,79}$")
TRUE = {"1", "true", "on", "yes", "y"}

# Multi-value parameters: name → the closed vocabulary, or None for slugs the backend resolves.
CHOICES: dict[str, tuple[str, ...] | None] = {
    "category": CATEGORIES,
    "brand": None,
    "gender": GENDERS,
    "concentration": CONCENTRATIONS,
    "size": SIZES,
    "family": FAMILIES,
    "note": None,
    "top": None,
    "heart": None,
    "base": None,
    "exclude": None,
    "season": SEASONS,
    "occasion": OCCASIONS,
    "style": STYLES,
    "origin": None,  # ISO country codes, lower case in the URL
    "vendor": None,
    "perfumer": None,  # free text, matched without regard to case
    "delivery": EMIRATE_KEYS,
}
FLAGS = ("alcohol_free", "in_stock", "on_sale", "new", "gift", "sample", "rewards")
# Scores and stars: minimums on a 1–5 scale.
MINIMUMS = ("rating", "longevity", "sillage")
PARAMETER_ORDER = ("q", *CHOICES, "price_min", "price_max", "ppm_max", "year_min", "year_max", *MINIMUMS,
                   *FLAGS, "sort", "page")


@dataclass(frozen=True)
class ListingQuery:
    """Everything that decides a listing page. Tuples keep the URL's order, without repeats."""

    q: str = ""
    category: tuple[str, ...] = ()
    brand: tuple[str, ...] = ()
    gender: tuple[str, ...] = ()
    concentration: tuple[str, ...] = ()
    size: tuple[str, ...] = ()
    family: tuple[str, ...] = ()
    note: tuple[str, ...] = ()
    top: tuple[str, ...] = ()
    heart: tuple[str, ...] = ()
    base: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    season: tuple[str, ...] = ()
    occasion: tuple[str, ...] = ()
    style: tuple[str, ...] = ()
    origin: tuple[str, ...] = ()
    vendor: tuple[str, ...] = ()
    perfumer: tuple[str, ...] = ()
    delivery: tuple[str, ...] = ()
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    ppm_max: Decimal | None = None
    year_min: int | None = None
    year_max: int | None = None
    rating: float | None = None
    longevity: float | None = None
    sillage: float | None = None
    alcohol_free: bool = False
    in_stock: bool = False
    on_sale: bool = False
    new: bool = False
    gift: bool = False
    sample: bool = False
    rewards: bool = False
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @classmethod
    def from_args(cls, args) -> ListingQuery:
        """Parse a MultiDict (request.args) — or a plain dict — into a valid query. Never raises."""
        get_all = args.getlist if hasattr(args, "getlist") else (lambda key: _as_list(args.get(key)))
        first = lambda key: (get_all(key) or [None])[0]  # noqa: E731
        values: dict[str, object] = {"q": _text(first("q"))}
        for name, vocabulary in CHOICES.items():
            values[name] = _choices(name, get_all(name), vocabulary)
        price_min, price_max = _ordered(_money(first("price_min")), _money(first("price_max")))
        year_min, year_max = _ordered(_year(first("year_min")), _year(first("year_max")))
        values.update(price_min=price_min, price_max=price_max, ppm_max=_money(first("ppm_max")),
                      year_min=year_min, year_max=year_max)
        for name in MINIMUMS:
            values[name] = _score(first(name))
        for name in FLAGS:
            values[name] = _flag(first(name))
        sort = (first("sort") or "").strip().lower()
        values["sort"] = sort if sort in SORTS else "relevance"
        values["page"] = _page(first("page"))
        return cls(**values)

    # Back to the URL ------------------------------------------------------------------------------

    def to_params(self) -> list[tuple[str, str]]:
        """The query as (name, value) pairs in a fixed order; defaults are left out."""
        pairs: list[tuple[str, str]] = []
        for name in PARAMETER_ORDER:
            value = getattr(self, name)
            if name == "sort" and value == "relevance" or name == "page" and value == 1:
                continue
            if isinstance(value, tuple):
                pairs.extend((name, item) for item in value)
            elif isinstance(value, bool):
                if value:
                    pairs.append((name, "1"))
            elif value is not None and value != "":
                pairs.append((name, _format(value)))
        return pairs

    def to_query_string(self) -> str:
        return urlencode(self.to_params())

    def with_changes(self, **changes) -> ListingQuery:
        """A copy with some fields changed; any change but the page goes back to page 1."""
        if "page" not in changes:
            changes["page"] = 1
        return replace(self, **changes)

    def without(self, name: str, value: str | None = None) -> ListingQuery:
        """A copy without one filter value (a chip's ✕), or without the whole parameter."""
        current = getattr(self, name)
        if isinstance(current, tuple) and value is not None:
            return self.with_changes(**{name: tuple(item for item in current if item != value)})
        default = next(field.default for field in fields(self) if field.name == name)
        return self.with_changes(**{name: default})

    def chips(self) -> list[tuple[str, str]]:
        """The active filters as (name, value) pairs, one chip each (text, sort and page are not chips)."""
        return [(name, value) for name, value in self.to_params() if name not in ("q", "sort", "page")]

    @property
    def has_filters(self) -> bool:
        return bool(self.chips())

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


# Parsing helpers: each takes what the URL gave (maybe None) and returns a clean value or None.

def _as_list(value) -> list[str]:
    if value is None:
        return []
    return [str(item) for item in value] if isinstance(value, (list, tuple)) else [str(value)]


def _text(raw: str | None) -> str:
    if not raw:
        return ""
    cleaned = "".join(ch if ch.isprintable() else " " for ch in raw)
    return " ".join(cleaned.split())[:MAX_QUERY_LENGTH]


def _choices(name: str, raws: list[str], vocabulary: tuple[str, ...] | None) -> tuple[str, ...]:
    chosen: list[str] = []
    for raw in raws[:MAX_VALUES * 2]:
        value = _choice(name, raw, vocabulary)
        if value is not None and value not in chosen:
            chosen.append(value)
    return tuple(chosen[:MAX_VALUES])


def _choice(name: str, raw: str, vocabulary: tuple[str, ...] | None) -> str | None:
    if name == "perfumer":
        value = _text(raw)[:120]
        return value or None
    value = (raw or "").strip().lower()
    if name == "origin":
        return value if re.fullmatch(r"[a-z]{2}", value) else None
    if vocabulary is not None:
        return value if value in vocabulary else None
    return value if SLUG.fullmatch(value) else None


def _number(raw: str | None) -> Decimal | None:
    if raw is None:
        return None
    try:
        number = Decimal(raw.strip().replace(",", ""))
    except (InvalidOperation, ValueError, AttributeError):
        return None
    return number if number.is_finite() else None


def _money(raw: str | None) -> Decimal | None:
    number = _number(raw)
    if number is None or number < 0:
        return None
    return min(number, MAX_PRICE).quantize(Decimal("0.01"))


def _year(raw: str | None) -> int | None:
    number = _number(raw)
    if number is None or number != number.to_integral_value():
        return None
    return int(number) if YEARS[0] <= number <= YEARS[1] else None


def _score(raw: str | None) -> float | None:
    number = _number(raw)
    if number is None or not 0 < number <= 5:
        return None
    return float(number)


def _flag(raw: str | None) -> bool:
    return (raw or "").strip().lower() in TRUE


def _page(raw: str | None) -> int:
    number = _number(raw)
    if number is None or number != number.to_integral_value() or number < 1:
        return 1
    return int(min(number, MAX_PAGE))


def _ordered(low, high):
    if low is not None and high is not None and low > high:
        return high, low
    return low, high


def _format(value) -> str:
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f") if value == value.to_integral_value() else str(value)
    return str(value)
