"""The demo catalog `make run` loads into an empty database (and `flask catalog demo` by hand).

Deterministic: the same seed gives the same houses, products, notes, prices and reviews (only the dates move
with the clock, so that "listed in the last 30 days" always finds something). Built from the hand-written
vocabulary in `demo_vocabulary.py` by `CatalogBuilder`, which the 100,000-product generator reuses, and
written with bulk inserts so that `make run`'s first start stays fast.
"""
from __future__ import annotations

import math
import random
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from itertools import accumulate

from flask import current_app
from sqlalchemy import func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.orm import Session

from app.accounts.models import User, password_hasher
from app.accounts.queries import find_user_by_email
from app.catalog import demo_vocabulary as vocab
from app.catalog.demo_vocabulary import DemoHouse, DemoNote, DemoVendor
from app.catalog.models import (
    Accord,
    Brand,
    Category,
    Note,
    Offer,
    Product,
    ProductAccord,
    ProductNote,
    Review,
    Variant,
)
from app.vendors.models import Vendor

DEMO_SEED = 20261124
DEMO_PRODUCT_COUNT = 660
DEMO_REVIEWER_COUNT = 60
DEMO_VENDOR_OWNER_EMAIL = "vendor@example.com"  # runs the first demo shop
LATEST_LAUNCH_YEAR = 2026
CENTS = Decimal("0.01")

# How each style's catalogue splits across categories.
CATEGORY_MIX = {
    "arabian": {"perfume": 45, "attar-oil": 22, "bakhoor": 12, "body-mist": 8, "gift-set": 6, "home": 4, "samples": 3},
    "designer": {"perfume": 70, "body-mist": 10, "gift-set": 12, "samples": 4, "home": 2, "attar-oil": 2},
    "niche": {"perfume": 70, "attar-oil": 8, "samples": 10, "home": 7, "gift-set": 3, "bakhoor": 2},
    "indie": {"perfume": 60, "attar-oil": 12, "samples": 10, "home": 8, "body-mist": 6, "bakhoor": 2, "gift-set": 2},
}
PRODUCTS_PER_HOUSE = {"arabian": 14, "designer": 11, "niche": 10, "indie": 9}  # before the remainder is shared
SPRAY_CONCENTRATIONS = {
    "arabian": {"edp": 55, "parfum": 20, "extrait": 15, "edt": 10},
    "designer": {"edp": 45, "edt": 35, "parfum": 12, "edc": 5, "extrait": 3},
    "niche": {"edp": 45, "extrait": 35, "parfum": 15, "edt": 5},
    "indie": {"edp": 50, "extrait": 25, "edt": 15, "parfum": 10},
}
STYLE_FAMILIES = {
    "arabian": {"oud": 6, "amber": 5, "floral": 4, "musky": 4, "spicy": 3, "woody": 2, "gourmand": 2, "fruity": 1},
    "designer": {"woody": 4, "floral": 5, "fresh": 4, "aromatic": 4, "citrus": 3, "gourmand": 3, "fruity": 3,
                 "amber": 3, "aquatic": 3, "spicy": 2, "powdery": 2, "leather": 1},
    "niche": {"woody": 5, "amber": 4, "leather": 3, "oud": 3, "floral": 3, "green": 3, "powdery": 2, "spicy": 3,
              "musky": 2, "citrus": 2, "aromatic": 2, "gourmand": 2},
    "indie": {"floral": 4, "green": 3, "gourmand": 3, "woody": 4, "fruity": 2, "musky": 2, "aromatic": 2,
              "amber": 2, "citrus": 2, "aquatic": 1, "spicy": 2},
}
LIGHT_FAMILIES = {"floral": 4, "fruity": 3, "gourmand": 3, "musky": 3, "fresh": 3, "citrus": 2, "aquatic": 1}
BAKHOOR_FAMILIES = {"oud": 5, "amber": 3, "woody": 2, "spicy": 1, "floral": 1, "musky": 1}
# Which note families a scent family draws its pyramid from.
FAMILY_AFFINITY = {
    "oud": {"oud": 6, "amber": 3, "spicy": 3, "floral": 2, "woody": 3, "leather": 1.5, "musky": 2, "gourmand": 0.5,
            "citrus": 0.7},
    "amber": {"amber": 6, "gourmand": 2.5, "spicy": 3, "woody": 2.5, "floral": 1.5, "musky": 2, "oud": 1,
              "citrus": 1, "powdery": 1},
    "woody": {"woody": 6, "aromatic": 2, "spicy": 2, "citrus": 2, "amber": 2, "leather": 1, "musky": 1.5, "green": 1,
              "powdery": 0.5},
    "floral": {"floral": 6, "fruity": 2, "citrus": 2, "musky": 2.5, "powdery": 2, "woody": 1.5, "green": 1,
               "gourmand": 1, "amber": 1},
    "fresh": {"fresh": 4, "citrus": 4, "aquatic": 2, "aromatic": 2.5, "green": 2, "musky": 2, "woody": 2,
              "floral": 1},
    "citrus": {"citrus": 6, "aromatic": 2.5, "fresh": 2, "green": 1.5, "floral": 1.5, "woody": 2, "musky": 1.5,
               "spicy": 1},
    "aquatic": {"aquatic": 5, "citrus": 3, "fresh": 2.5, "aromatic": 2, "woody": 2.5, "musky": 1.5, "amber": 1},
    "gourmand": {"gourmand": 6, "amber": 2.5, "fruity": 2, "floral": 1.5, "spicy": 1.5, "musky": 1.5, "woody": 1,
                 "powdery": 1},
    "spicy": {"spicy": 6, "amber": 3, "woody": 3, "citrus": 1.5, "oud": 1, "leather": 1, "floral": 1, "gourmand": 1},
    "musky": {"musky": 6, "powdery": 2.5, "floral": 2.5, "fresh": 1.5, "woody": 1.5, "amber": 1.5, "fruity": 1,
              "citrus": 1},
    "leather": {"leather": 6, "woody": 3, "spicy": 2, "amber": 2, "aromatic": 1.5, "oud": 1, "floral": 1, "musky": 1},
    "aromatic": {"aromatic": 6, "citrus": 3, "woody": 3, "spicy": 2, "fresh": 1.5, "green": 1.5, "amber": 1,
                 "musky": 1},
    "fruity": {"fruity": 6, "floral": 3, "gourmand": 2, "citrus": 2, "musky": 2, "woody": 1, "amber": 1},
    "green": {"green": 6, "citrus": 2.5, "aromatic": 2, "floral": 2, "woody": 2, "fresh": 2, "musky": 1},
    "powdery": {"powdery": 6, "floral": 3, "musky": 2.5, "gourmand": 2, "amber": 1.5, "woody": 1.5, "fruity": 1},
}
GENDER_MIX = {  # (men, women, unisex)
    "oud": (3, 1, 6), "amber": (3, 3, 4), "woody": (6, 1, 3), "floral": (1, 8, 2), "fresh": (5, 2, 3),
    "citrus": (4, 3, 4), "aquatic": (7, 1, 2), "gourmand": (1, 6, 3), "spicy": (5, 1, 3), "musky": (1, 4, 5),
    "leather": (6, 1, 3), "aromatic": (7, 1, 2), "fruity": (1, 7, 2), "green": (3, 3, 4), "powdery": (1, 7, 2),
}
NIGHT_FAMILIES = {"oud", "amber", "gourmand", "leather", "spicy"}
DAY_FAMILIES = {"fresh", "citrus", "aquatic", "green", "aromatic"}
OCCASION_MIX = {
    "night": {"evening": 3, "night": 3, "wedding": 2, "ramadan-eid": 2, "day": 0.5},
    "day": {"day": 4, "office": 4, "evening": 1},
    "other": {"day": 3, "office": 2, "evening": 2, "wedding": 2, "ramadan-eid": 1, "night": 1},
}
SEASONS_BY_FAMILY = {
    "oud": ("winter", "autumn"), "amber": ("winter", "autumn"), "spicy": ("autumn", "winter"),
    "leather": ("autumn", "winter"), "gourmand": ("winter", "autumn"), "fresh": ("summer", "spring"),
    "citrus": ("summer", "spring"), "aquatic": ("summer", "spring"), "green": ("spring", "summer"),
    "floral": ("spring", "summer"), "fruity": ("spring", "summer"), "musky": ("spring", "autumn"),
    "powdery": ("spring", "autumn"), "woody": ("autumn", "spring"), "aromatic": ("spring", "autumn"),
}
LAYER_WEIGHT = {"top": 0.7, "heart": 0.85, "base": 1.0}
LAYER_CODES = {"top": "t", "heart": "h", "base": "b"}

# Prices (AED, VAT included): a 100 ml eau de parfum of a typical house of each style …
STYLE_BASE_PRICE = {"arabian": (160, 380), "designer": (420, 640), "niche": (900, 1500), "indie": (380, 700)}
CONCENTRATION_PRICE = {"extrait": 1.4, "parfum": 1.22, "edp": 1.0, "edt": 0.85, "edc": 0.7, "oil": 1.0}
FAMILY_PRICE = {"oud": 1.3, "amber": 1.1, "leather": 1.1}
STYLE_SMALL_GOODS = {"arabian": 1.0, "designer": 1.6, "niche": 2.2, "indie": 1.4}  # mists, home, samples
PERFUME_SIZES = {
    "arabian": {100: 6, 50: 3, 75: 1, 30: 1, 200: 0.3},
    "designer": {100: 5, 50: 4, 30: 3, 200: 1, 75: 0.5},
    "niche": {100: 5, 50: 4, 75: 2, 30: 1, 200: 0.3},
    "indie": {50: 5, 30: 3, 100: 3, 75: 0.5},
}
DELIVERY_BY_EMIRATE = {  # (same-day, next-day, standard)
    "dubai": (75, 20, 5), "abu-dhabi": (25, 60, 15), "sharjah": (15, 60, 25), "ajman": (15, 60, 25),
}
OTHER_EMIRATES_DELIVERY = (0, 40, 60)
CASHBACK_PERCENTS = (Decimal("2.00"), Decimal("3.00"), Decimal("5.00"), Decimal("5.00"), Decimal("7.50"),
                     Decimal("10.00"))


class CatalogNotEmpty(RuntimeError):
    """The demo catalog goes only into a database without products."""


# Specifications: what the builder decides, before anything has an id ------------------------------


@dataclass(slots=True)
class OfferSpec:
    vendor: str  # vendor slug
    price: Decimal
    compare_at_price: Decimal | None
    stock: int
    sku: str
    delivery_promise: str
    gift_wrap: bool
    cashback_percent: Decimal
    is_active: bool


@dataclass(slots=True)
class VariantSpec:
    size_ml: Decimal
    kind: str
    offers: list[OfferSpec]


@dataclass(slots=True)
class ProductSpec:
    slug: str
    brand: str  # house slug
    category: str
    name_en: str
    name_ar: str
    description_en: str
    description_ar: str
    gender: str
    concentration: str
    family: str
    launch_year: int
    perfumer: str | None
    alcohol_free: bool
    occasions: list[str]
    status: str
    rejection_reason: str | None
    is_featured: bool
    created_at: datetime
    approved_at: datetime | None
    notes: list[tuple[str, str, int]]  # (note slug, layer, position)
    accords: list[tuple[str, int]]  # (accord slug, strength)
    variants: list[VariantSpec]
    rating_mean: float
    review_count: int
    price_level: float  # 0 inexpensive … 1 very expensive, for the value-for-money votes
    longevity: float
    sillage: float


@dataclass(slots=True)
class Reviewer:
    user_id: int
    author_name: str
    arabic_share: float  # how often this reviewer writes in Arabic


# Small helpers ----------------------------------------------------------------------------------


def slugify(text: str) -> str:
    text = text.replace("œ", "oe").replace("Œ", "Oe").replace("'", "").replace("&", "and")
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def weighted(mix: dict) -> tuple[list, list[float]]:
    """A mix {value: weight} as (values, cumulative weights) for `Random.choices`."""
    return list(mix), list(accumulate(mix.values()))


def arabic_definite(name: str) -> str:
    """The Arabic name with its article, as a sentence needs it: زعفران → الزعفران, ورد طائفي → الورد الطائفي."""
    if name in vocab.NOTE_DEFINITE_AR:
        return vocab.NOTE_DEFINITE_AR[name]
    words = name.split()
    if any(word.startswith("ال") for word in words):
        return name  # already a construct such as زهر البرتقال
    return " ".join("ال" + word for word in words)


def english_in_sentence(name: str) -> str:
    """The English name as it reads inside a sentence: "bergamot", but "Taif rose"."""
    first = name.split()[0]
    return name if first in vocab.PROPER_NOTE_WORDS else name[0].lower() + name[1:]


def join_en(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def join_ar(items: list[str]) -> str:
    return items[0] + "".join(" و" + item for item in items[1:])


def article(word: str) -> str:
    return "an" if word[0] in "aeiou" else "a"


def retail_price(rng: random.Random, amount: float) -> Decimal:
    """A shelf price near `amount`: whole dirhams ending in 0, 5 or 9, now and then .50 (UAE retail habits)."""
    amount = max(amount, 15.0)
    if amount < 2000:
        whole = 5 * round(amount / 5)
        if rng.random() < 0.3:
            whole -= 1
    else:
        whole = 50 * round(amount / 50)
    price = Decimal(whole)
    if amount < 400 and rng.random() < 0.1:
        price -= Decimal("0.50")
    return price.quantize(CENTS)


def compare_at_price(rng: random.Random, price: Decimal) -> Decimal:
    """The struck-through price of an offer on sale: 15–45 % above, rounded up to 5 dirhams."""
    target = float(price) * rng.uniform(1.15, 1.45)
    compare = Decimal(5 * math.ceil(target / 5)).quantize(CENTS)
    return compare if compare > price else (price + 5).quantize(CENTS)


# The builder ------------------------------------------------------------------------------------


class CatalogBuilder:
    """Decides products (names, notes, accords, sizes, offers, prices) from a seeded random generator."""

    def __init__(self, rng: random.Random, vendors: tuple[DemoVendor, ...] | list[DemoVendor], now: datetime):
        self.rng = rng
        self.now = now
        self.vendors = {vendor.slug: vendor for vendor in vendors}
        self.names_used: dict[str, set[str]] = defaultdict(set)
        self.slugs_used: set[str] = set()
        self.house_perfumers: dict[str, list[str]] = {}
        self.category_mix = {style: weighted(mix) for style, mix in CATEGORY_MIX.items()}
        self.spray_mix = {style: weighted(mix) for style, mix in SPRAY_CONCENTRATIONS.items()}
        self.style_families = {style: weighted(mix) for style, mix in STYLE_FAMILIES.items()}
        self.light_families = weighted(LIGHT_FAMILIES)
        self.bakhoor_families = weighted(BAKHOOR_FAMILIES)
        self.occasion_mix = {kind: weighted(mix) for kind, mix in OCCASION_MIX.items()}
        self.perfume_sizes = {style: (list(mix), list(mix.values())) for style, mix in PERFUME_SIZES.items()}
        self.note_tables = self._note_tables()
        self.vendor_tables: dict[tuple[str, str], tuple[list[str], list[float]]] = {}

    def _choose(self, mix: tuple[list, list[float]]):
        values, cumulative = mix
        return self.rng.choices(values, cum_weights=cumulative)[0]

    # -- one product

    def product(self, house: DemoHouse, serial: int, slug_suffix: str = "") -> ProductSpec:
        """A product of `house`; `serial` makes its SKUs unique, `slug_suffix` its slug (the generator's)."""
        rng = self.rng
        style = house.style
        category = self._choose(self.category_mix[style])
        family = self._family(house, category)
        gender = self._gender(family, style, category)
        home_kind = rng.choice(("room-spray", "diffuser")) if category == "home" else None
        concentration = self._concentration(style, category, home_kind)
        name_en, name_ar = self._name(house, category, family, home_kind)
        slug = self._slug(house, name_en, slug_suffix)
        notes = self._pyramid(family, style == "arabian")
        accords = self._accords(family, notes)
        status = self._status()
        days_ago = rng.uniform(0, 45) if status in ("pending", "draft") else (
            rng.uniform(0.2, 29.5) if rng.random() < 0.07 else rng.uniform(30, 730))
        created_at = self.now - timedelta(days=days_ago)
        approved_at = None
        if status in ("approved", "archived"):
            approved_at = min(created_at + timedelta(hours=rng.uniform(2, 96)), self.now - timedelta(minutes=5))
        launch_year = self._launch_year(house, created_at, days_ago)
        alcohol_free = concentration == "oil" or category == "bakhoor" or (
            style == "arabian" and rng.random() < (0.3 if category == "body-mist" else 0.08))
        base_price = self._base_price(house, concentration, family)
        variants = self._variants(house, category, concentration, family, base_price, serial)
        description_en, description_ar = self._description(house, category, family, concentration, gender,
                                                           name_en, name_ar, notes)
        longevity = {"oil": 4.3, "extrait": 4.0, "parfum": 3.8, "edp": 3.4, "edt": 2.7, "edc": 2.1}[concentration]
        sillage = longevity - 0.3
        if category == "bakhoor":
            longevity, sillage = 4.0, 4.2
        if family in ("oud", "amber", "leather", "spicy"):
            longevity, sillage = longevity + 0.3, sillage + 0.4
        elif family in DAY_FAMILIES:
            longevity, sillage = longevity - 0.3, sillage - 0.2
        return ProductSpec(
            slug=slug, brand=house.slug, category=category, name_en=name_en, name_ar=name_ar,
            description_en=description_en, description_ar=description_ar, gender=gender,
            concentration=concentration, family=family, launch_year=launch_year,
            perfumer=self._perfumer(house), alcohol_free=alcohol_free,
            occasions=self._occasions(family, category), status=status,
            rejection_reason=rng.choice(vocab.REJECTION_REASONS) if status == "rejected" else None,
            is_featured=status == "approved" and rng.random() < 0.04, created_at=created_at, approved_at=approved_at,
            notes=[(note.slug, layer, position) for note, layer, position in notes], accords=accords,
            variants=variants, rating_mean=rng.uniform(3.5, 4.8),
            review_count=self._review_count() if status == "approved" else 0,
            price_level=min(max((math.log(base_price) - math.log(150)) / (math.log(2500) - math.log(150)), 0), 1),
            longevity=longevity, sillage=sillage,
        )

    def _family(self, house: DemoHouse, category: str) -> str:
        rng = self.rng
        if category == "bakhoor":
            return self._choose(self.bakhoor_families)
        if category == "body-mist":
            light = [family for family in house.families if family in LIGHT_FAMILIES]
            return rng.choice(light) if light and rng.random() < 0.6 else self._choose(self.light_families)
        if rng.random() < 0.7:
            return rng.choices(house.families, weights=(5, 3, 2)[: len(house.families)])[0]
        return self._choose(self.style_families[house.style])

    def _gender(self, family: str, style: str, category: str) -> str:
        if category in ("bakhoor", "home"):
            return "unisex"
        men, women, unisex = GENDER_MIX[family]
        if style == "arabian":
            unisex += 3
        if category == "body-mist":
            men, women = men / 3, women * 2
        return self.rng.choices(("men", "women", "unisex"), weights=(men, women, unisex))[0]

    def _concentration(self, style: str, category: str, home_kind: str | None) -> str:
        rng = self.rng
        if category in ("attar-oil", "bakhoor"):
            return "oil"
        if category == "body-mist":
            return "edc"
        if category == "home":
            return "oil" if home_kind == "diffuser" else "edc"
        if category == "samples":
            return rng.choice(("edp", "edp", "extrait") if style in ("niche", "indie") else ("edp", "edp", "edt"))
        if category == "gift-set":
            return rng.choice(("edp", "edp", "edt"))
        return self._choose(self.spray_mix[style])

    def _phrase(self, house: DemoHouse, family: str) -> tuple[str, str, str]:
        """A name in one of the house's languages, with its Arabic and that language, whose words suit `family`."""
        for _attempt in range(20):
            language = self._name_language(house)
            words, name_en, name_ar = self._any_phrase(language)
            if all(family in vocab.NAME_WORD_FAMILIES.get(word, (family,)) for word in words):
                break
        return name_en, name_ar, language

    def _any_phrase(self, language: str) -> tuple[tuple[str, str], str, str]:
        rng = self.rng
        if language == "ar":
            while True:
                (head_en, head_ar), (tail_en, tail_ar) = rng.choice(vocab.ARABIC_NAME_HEADS), rng.choice(
                    vocab.ARABIC_NAME_TAILS)
                if tail_ar.removeprefix("ال") != head_ar and (head_en, tail_en) not in vocab.ARABIC_NAME_CLASHES:
                    return (head_en, tail_en), f"{head_en} {tail_en}", f"{head_ar} {tail_ar}"
        if language in ("fr", "it"):
            heads, tails, joiner = ((vocab.FRENCH_HEADS, vocab.FRENCH_TAILS, "de") if language == "fr"
                                    else (vocab.ITALIAN_HEADS, vocab.ITALIAN_TAILS, "di"))
            (head_en, head_ar), (tail_en, tail_ar) = rng.choice(heads), rng.choice(tails)
            link = f" {joiner[0]}'" if tail_en[0] in "AEIOUÉ" else f" {joiner} "
            return (head_en, tail_en), f"{head_en}{link}{tail_en}", f"{head_ar} {tail_ar}"
        adjective_en, masculine, feminine = rng.choice(vocab.ENGLISH_ADJECTIVES)
        noun_en, noun_ar, gender = rng.choice(vocab.ENGLISH_NOUNS)
        return ((adjective_en, noun_en), f"{adjective_en} {noun_en}",
                f"{noun_ar} {masculine if gender == 'm' else feminine}")

    def _name_language(self, house: DemoHouse) -> str:
        if house.style == "arabian":
            return "ar"
        if house.country in ("FR", "CH"):
            return "fr"
        if house.country == "IT":
            return "it"
        if house.country in ("AE", "SA", "OM", "KW", "QA", "BH", "EG", "JO", "LB") and self.rng.random() < 0.5:
            return "ar"
        return "en"

    def _name(self, house: DemoHouse, category: str, family: str, home_kind: str | None) -> tuple[str, str]:
        used = self.names_used[house.slug]
        for _attempt in range(12):
            name_en, name_ar = self._category_name(house, category, family, home_kind)
            if name_en.lower() not in used:
                break
        else:
            number = sum(1 for name in used if name.startswith(name_en.lower())) + 1
            name_en, name_ar = f"{name_en} No. {number}", f"{name_ar} رقم {number}"
        used.add(name_en.lower())
        return name_en, name_ar

    def _category_name(self, house: DemoHouse, category: str, family: str, home_kind: str | None) -> tuple[str, str]:
        rng = self.rng
        arabic = house.style == "arabian"
        if category == "attar-oil" and arabic:
            if family == "oud" and rng.random() < 0.7:
                origin_en, origin_ar = rng.choice(vocab.OUD_ORIGINS)
                name_en, name_ar = f"Dehn Al Oud {origin_en}", f"دهن العود {origin_ar}"
                if rng.random() < 0.5:
                    grade_en, grade_ar = rng.choice(vocab.OUD_GRADES)
                    name_en, name_ar = f"{name_en} {grade_en}", f"{name_ar} {grade_ar}"
                return name_en, name_ar
            materials = [tail for tail in vocab.DEHN_TAILS if family in vocab.NAME_WORD_FAMILIES[tail[0]]]
            if materials and rng.random() < 0.5:
                tail_en, tail_ar = rng.choice(materials)
                return f"Dehn {tail_en}", f"دهن {tail_ar}"
            return self._phrase(house, family)[:2]
        if category == "bakhoor" and arabic:
            kind_en, kind_ar = rng.choice(vocab.BAKHOOR_KINDS)
            tails = [tail for tail in vocab.ARABIC_NAME_TAILS
                     if family in vocab.NAME_WORD_FAMILIES.get(tail[0], (family,))]
            tail_en, tail_ar = rng.choice(tails)
            return f"{kind_en} {tail_en}", f"{kind_ar} {tail_ar}"
        name_en, name_ar, language = self._phrase(house, family)
        if category == "perfume":
            flankers, chance = (vocab.ARABIAN_FLANKERS, 0.08) if arabic else (vocab.FLANKERS, 0.12)
            if rng.random() < chance:
                flanker_en, flanker_ar = rng.choice(flankers)
                name_en, name_ar = name_en + flanker_en, name_ar + flanker_ar
            return name_en, name_ar
        if category == "attar-oil" and language == "ar":
            return name_en, name_ar  # an Arabic name needs no "Attar"
        form_en, form_ar = vocab.CATEGORY_NAME_FORMS[home_kind or category]
        return form_en.format(name=name_en), form_ar.format(name=name_ar)

    def _slug(self, house: DemoHouse, name_en: str, suffix: str) -> str:
        base = f"{house.slug}-{slugify(name_en)}"[: 150 - len(suffix)].rstrip("-") + suffix
        slug, number = base, 2
        while slug in self.slugs_used:
            slug, number = f"{base}-{number}", number + 1
        self.slugs_used.add(slug)
        return slug

    def _note_tables(self) -> dict[tuple[str, str, bool], tuple[list[DemoNote], list[float]]]:
        tables = {}
        for family, affinity in FAMILY_AFFINITY.items():
            for layer, code in LAYER_CODES.items():
                for arabian in (False, True):
                    population = [note for note in vocab.NOTES if code in note.layers]
                    per_family = Counter(note.family for note in population)
                    # A family's share is its affinity, whatever its number of notes (flowers are many).
                    weights = [affinity.get(note.family, 0.05) / per_family[note.family]
                               * (2.5 if arabian and note.slug in vocab.GULF_SIGNATURE_NOTES else 1.0)
                               for note in population]
                    tables[family, layer, arabian] = population, list(accumulate(weights))
        return tables

    def _pyramid(self, family: str, arabian: bool) -> list[tuple[DemoNote, str, int]]:
        """Top, heart and base notes (2–5 each) drawn from the families that suit `family`."""
        rng = self.rng
        used: set[str] = set()
        pyramid: list[tuple[DemoNote, str, int]] = []
        for layer in LAYER_CODES:
            population, cumulative = self.note_tables[family, layer, arabian]
            wanted = rng.choices((2, 3, 4, 5), weights=(3, 4, 2, 1))[0]
            picked: list[DemoNote] = []
            for note in rng.choices(population, cum_weights=cumulative, k=wanted * 3):
                if note.slug not in used:
                    used.add(note.slug)
                    picked.append(note)
                    if len(picked) == wanted:
                        break
            while len(picked) < 2:  # the draws kept repeating notes already used: take any unused one
                note = rng.choice([note for note in population if note.slug not in used])
                used.add(note.slug)
                picked.append(note)
            pyramid.extend((note, layer, position) for position, note in enumerate(picked))
        if not any(note.family == family for note, _layer, _position in pyramid):
            # The main family must show in the pyramid: its note takes the first place of a layer it suits.
            candidates = [note for note in vocab.NOTES if note.family == family and note.slug not in used]
            note = rng.choice(candidates)
            layer = next(layer for layer in ("base", "heart", "top") if LAYER_CODES[layer] in note.layers)
            index = next(i for i, (_n, existing_layer, position) in enumerate(pyramid)
                         if existing_layer == layer and position == 0)
            pyramid[index] = (note, layer, 0)
        return pyramid

    def _accords(self, family: str, pyramid: list[tuple[DemoNote, str, int]]) -> list[tuple[str, int]]:
        """4–7 accords with strengths, the main family's first, the rest in proportion to the notes."""
        rng = self.rng
        scores: dict[str, float] = defaultdict(float)
        scores[vocab.FAMILY_ACCORD[family]] += 2.2
        for note, layer, position in pyramid:
            accord = vocab.NOTE_ACCORD.get(note.slug, vocab.FAMILY_ACCORD[note.family])
            scores[accord] += LAYER_WEIGHT[layer] * (1.0 - 0.12 * position)
        main = vocab.FAMILY_ACCORD[family]
        others = sorted(((slug, score) for slug, score in scores.items() if slug != main),
                        key=lambda item: (-item[1], item[0]))
        ranked = [(main, scores[main]), *others][: rng.randint(4, 7)]  # the main family's accord leads
        lead, top_score = rng.randint(88, 100), max(score for _slug, score in ranked)
        accords = [(ranked[0][0], lead)]
        for slug, score in ranked[1:]:
            strength = round(lead * score / top_score + rng.uniform(-6, 6))
            accords.append((slug, max(12, min(strength, lead - 3))))
        return sorted(accords, key=lambda item: -item[1])

    def _status(self) -> str:
        draw = self.rng.random()
        if draw < 0.92:
            return "approved"
        if draw < 0.955:
            return "pending"
        if draw < 0.975:
            return "draft"
        if draw < 0.99:
            return "rejected"
        return "archived"

    def _launch_year(self, house: DemoHouse, created_at: datetime, days_ago: float) -> int:
        latest = min(LATEST_LAUNCH_YEAR, created_at.year)
        earliest = min(max(1990, house.founded_year), latest)
        if days_ago < 30:
            return latest
        return max(earliest, latest - int(abs(self.rng.gauss(0, 7))))

    def _perfumer(self, house: DemoHouse) -> str | None:
        if house.slug not in self.house_perfumers:
            pool = vocab.ARAB_PERFUMERS if house.style == "arabian" else vocab.PERFUMERS
            self.house_perfumers[house.slug] = self.rng.sample(pool, 3) + self.rng.sample(vocab.PERFUMERS, 1)
        if self.rng.random() < 0.12:
            return None  # composed in-house, no nose named
        return self.rng.choice(self.house_perfumers[house.slug])

    def _occasions(self, family: str, category: str) -> list[str]:
        if category == "bakhoor":
            return sorted(self.rng.sample(("evening", "wedding", "ramadan-eid"), self.rng.randint(2, 3)))
        kind = "night" if family in NIGHT_FAMILIES else "day" if family in DAY_FAMILIES else "other"
        values, cumulative = self.occasion_mix[kind]
        occasions = set(self.rng.choices(values, cum_weights=cumulative, k=self.rng.randint(1, 3)))
        return sorted(occasions)

    def _review_count(self) -> int:
        rng = self.rng
        band = rng.random()
        if band < 0.15:
            return 0
        if band < 0.50:
            return rng.randint(1, 5)
        if band < 0.80:
            return rng.randint(6, 15)
        return rng.randint(16, 40)

    # -- sizes, vendors, prices

    def _base_price(self, house: DemoHouse, concentration: str, family: str) -> float:
        low, high = STYLE_BASE_PRICE[house.style]
        return (self.rng.uniform(low, high) * house.tier * CONCENTRATION_PRICE[concentration]
                * FAMILY_PRICE.get(family, 1.0))

    def _variants(self, house: DemoHouse, category: str, concentration: str, family: str, base: float,
                  serial: int) -> list[VariantSpec]:
        rng = self.rng
        style = house.style
        small = STYLE_SMALL_GOODS[style]
        sizes: list[tuple[int, str, float]] = []  # (size, kind, list price before rounding)
        if category == "perfume":
            full = self._pick_sizes(*self.perfume_sizes[style], rng.choices((1, 2, 3), weights=(35, 45, 20))[0])
            sizes = [(size, "full", base * (size / 100) ** 0.62) for size in full]
            if rng.random() < 0.3:
                decant = rng.choice((2, 5, 10))
                sizes.append((decant, "sample", max(25.0, base * decant / 100 * 2.6) + 10))
            if 100 in full and rng.random() < 0.06:
                sizes.append((100, "tester", base * 0.82))
            if rng.random() < 0.08:
                largest = max(full)
                sizes.append((largest, "gift-set", base * (largest / 100) ** 0.62 * 1.15))
        elif category == "attar-oil":
            per_3ml = rng.uniform(55, 190) * house.tier if style == "arabian" else rng.uniform(90, 300) * small / 1.4
            if family == "oud":
                per_3ml *= rng.uniform(2.5, 6)
            chosen = self._pick_sizes([3, 6, 12], [4, 7, 11], rng.choices((1, 2, 3), weights=(30, 40, 30))[0])
            sizes = [(size, "full", per_3ml * (size / 3) ** 0.88) for size in chosen]
        elif category == "bakhoor":
            per_50g = rng.uniform(55, 160) * house.tier * (1.6 if family == "oud" else 1.0)
            chosen = self._pick_sizes([40, 50, 100], [3, 7, 10], rng.choice((1, 2)))
            sizes = [(size, "full", per_50g * (size / 50) ** 0.85) for size in chosen]
        elif category == "body-mist":
            per_100 = rng.uniform(45, 110) * (1 + 0.5 * (house.tier - 1)) * small
            chosen = self._pick_sizes([100, 250], [6, 10], rng.choice((1, 2)))
            sizes = [(size, "full", per_100 * (1.75 if size == 250 else 1.0)) for size in chosen]
        elif category == "home":
            per_100 = rng.uniform(85, 180) * small
            chosen = self._pick_sizes([100, 200, 250], [5, 8, 10], rng.choice((1, 2)))
            sizes = [(size, "full", per_100 * {100: 1.0, 200: 1.6, 250: 1.8}[size]) for size in chosen]
        elif category == "gift-set":
            chosen = self._pick_sizes([50, 100], [4, 9], rng.choices((1, 2), weights=(70, 30))[0])
            sizes = [(size, "gift-set", base * (size / 100) ** 0.62 * 1.2) for size in chosen]
        else:  # samples: discovery sets of vials
            per_2ml = rng.uniform(45, 90) * small
            chosen = self._pick_sizes([2, 3, 5, 10], [8, 5, 6, 4], rng.choices((1, 2, 3), weights=(40, 40, 20))[0])
            sizes = [(size, "sample", per_2ml * (size / 2) ** 0.6) for size in chosen]

        vendors = self._vendors_for(style, category)
        variants = []
        for size, kind, amount in sorted(sizes):
            list_price = retail_price(rng, amount)
            sellers = [vendors[0]] + [vendor for vendor in vendors[1:] if rng.random() < 0.65]
            offers = []
            for position, vendor_slug in enumerate(sellers):
                price = list_price if position == 0 else retail_price(rng, amount * rng.uniform(0.93, 1.08))
                offers.append(self._offer(vendor_slug, price, serial, size, kind, category))
            variants.append(VariantSpec(Decimal(size), kind, offers))
        return variants

    def _pick_sizes(self, sizes: list[int], weights: list[float], count: int) -> list[int]:
        """`count` distinct sizes drawn by weight (fewer if the draws keep repeating)."""
        chosen: set[int] = set()
        for size in self.rng.choices(sizes, weights=weights, k=count * 4):
            chosen.add(size)
            if len(chosen) == count:
                break
        return sorted(chosen)

    def _vendors_for(self, style: str, category: str) -> list[str]:
        """1–3 distinct shops selling this product, the first its main seller."""
        key = (style, category)
        if key not in self.vendor_tables:
            slugs, weights = [], []
            for vendor in self.vendors.values():
                weight = vendor.styles.get(style, 0)
                if not weight:
                    continue
                weight *= {("bakhoor", "ABC"): 4, ("attar-oil", "SHA"): 2.5, ("attar-oil", "ABC"): 1.5,
                           ("samples", "MSG"): 3, ("samples", "DHB"): 6, ("gift-set", "CNF"): 2.5,
                           ("body-mist", "KHR"): 2.5}.get((category, vendor.sku_code), 1)
                if vendor.sku_code == "ABC" and category not in ("bakhoor", "attar-oil", "home"):
                    weight *= 0.1  # the bakhoor shop sells little else
                slugs.append(vendor.slug)
                weights.append(weight)
            self.vendor_tables[key] = slugs, list(accumulate(weights))
        slugs, cumulative = self.vendor_tables[key]
        wanted = min(len(slugs), self.rng.choices((1, 2, 3), weights=(55, 33, 12))[0])
        chosen: list[str] = []
        for slug in self.rng.choices(slugs, cum_weights=cumulative, k=wanted * 4):
            if slug not in chosen:
                chosen.append(slug)
                if len(chosen) == wanted:
                    break
        return chosen

    def _offer(self, vendor_slug: str, price: Decimal, serial: int, size: int, kind: str, category: str) -> OfferSpec:
        rng = self.rng
        vendor = self.vendors[vendor_slug]
        same_day, next_day, standard = DELIVERY_BY_EMIRATE.get(vendor.emirate, OTHER_EMIRATES_DELIVERY)
        unit = "G" if category == "bakhoor" else "ML"
        suffix = {"full": "", "sample": "-S", "gift-set": "-GS", "tester": "-T"}[kind]
        return OfferSpec(
            vendor=vendor_slug,
            price=price,
            compare_at_price=compare_at_price(rng, price) if rng.random() < 0.15 else None,
            stock=0 if rng.random() < 0.08 else int(rng.triangular(1, 60, 8)),
            sku=f"{vendor.sku_code}-{serial:06d}-{size}{unit}{suffix}",
            delivery_promise=rng.choices(("same-day", "next-day", "standard"),
                                         weights=(same_day, next_day, standard))[0],
            gift_wrap=rng.random() < (0.9 if vendor.sku_code == "CNF" else 0.3) or kind == "gift-set",
            cashback_percent=rng.choice(CASHBACK_PERCENTS) if rng.random() < 0.2 else Decimal("0.00"),
            is_active=rng.random() >= 0.03,
        )

    # -- words

    def _description(self, house: DemoHouse, category: str, family: str, concentration: str, gender: str,
                     name_en: str, name_ar: str, pyramid: list[tuple[DemoNote, str, int]]) -> tuple[str, str]:
        family_en, family_ar = vocab.FAMILY_WORDS[family]
        conc_en, conc_ar = vocab.CONCENTRATION_WORDS[concentration]
        gender_en, gender_ar = vocab.GENDER_WORDS[gender]
        opening_en, opening_ar = vocab.DESCRIPTION_OPENINGS[category]
        english = [opening_en.format(name=name_en, a=article(family_en), family=family_en, conc=conc_en,
                                     gender=gender_en, house=house.name_en)]
        arabic = [opening_ar.format(name=name_ar, family_ar=family_ar, conc_ar=conc_ar, gender_ar=gender_ar,
                                    house=house.name_ar)]
        if category != "samples":
            layers = {layer: [note for note, note_layer, _p in pyramid if note_layer == layer] for layer in LAYER_CODES}
            pyramid_en, pyramid_ar = vocab.DESCRIPTION_PYRAMID
            english.append(pyramid_en.format(**{
                layer: join_en([english_in_sentence(note.name_en) for note in notes])
                for layer, notes in layers.items()}))
            arabic.append(pyramid_ar.format(**{layer: join_ar([note.name_ar for note in notes])
                                               for layer, notes in layers.items()}))
            closing_en, closing_ar = vocab.DESCRIPTION_CLOSINGS[family]
            english.append(closing_en)
            arabic.append(closing_ar)
        return " ".join(english), " ".join(arabic)


# Reviews ----------------------------------------------------------------------------------------


def demo_reviewers() -> list[tuple[str, str, str, float]]:
    """The demo reviewers as (email, full name, preferred language, share of their reviews written in Arabic):
    Gulf and Arab names first, then expatriates who write in English."""
    rng = random.Random(DEMO_SEED)
    reviewers: list[tuple[str, str, str, float]] = []
    emails: set[str] = set()
    first_names, family_names = vocab.ARAB_REVIEWER_FIRST_NAMES, vocab.ARAB_REVIEWER_FAMILY_NAMES
    arab_count = DEMO_REVIEWER_COUNT - len(vocab.OTHER_REVIEWERS)
    for index in range(arab_count):
        (first_en, first_ar) = first_names[index % len(first_names)]
        (family_en, family_ar) = family_names[(index * 7) % len(family_names)]
        language = "ar" if rng.random() < 0.6 else "en"
        full_name = f"{first_ar} {family_ar}" if language == "ar" else f"{first_en} {family_en}"
        reviewers.append((_unique_email(f"{first_en}.{family_en}", emails), full_name, language,
                          0.8 if language == "ar" else 0.3))
    for full_name in vocab.OTHER_REVIEWERS:
        reviewers.append((_unique_email(full_name, emails), full_name, "en", 0.0))
    return reviewers


def _unique_email(name: str, taken: set[str]) -> str:
    local = re.sub(r"[^a-z.]+", "", name.lower().replace(" ", "."))
    email, number = f"{local}@example.com", 2
    while email in taken:
        email, number = f"{local}{number}@example.com", number + 1
    taken.add(email)
    return email


def author_name(full_name: str) -> str:
    """As a review shows its author: "Fatima M." / "فاطمة م." (first name and the family name's initial)."""
    first, *rest = full_name.split()
    if not rest:
        return first
    last = rest[-1].removeprefix("ال") if rest[-1].startswith("ال") and len(rest[-1]) > 2 else rest[-1]
    return f"{first} {last[0]}."


def build_reviews(rng: random.Random, spec: ProductSpec, product_id: int, reviewers: list[Reviewer],
                  notes: dict[str, DemoNote], now: datetime) -> list[dict]:
    """The community's reviews of one product: ratings around its mean, votes that fit its family."""
    if not spec.review_count or not reviewers:
        return []
    rows = []
    seasons_pair = SEASONS_BY_FAMILY[spec.family]
    note_slugs = [slug for slug, _layer, _position in spec.notes]
    age = max((now - spec.created_at).total_seconds(), 3600.0)
    for reviewer in rng.sample(reviewers, min(spec.review_count, len(reviewers))):
        rating = min(5, max(1, round(rng.gauss(spec.rating_mean, 0.75))))
        arabic = rng.random() < reviewer.arabic_share
        voted = rng.random() >= 0.15
        longevity = min(5, max(1, round(rng.gauss(spec.longevity, 0.8)))) if voted else None
        sillage = min(5, max(1, round(rng.gauss(spec.sillage, 0.8)))) if voted else None
        value = min(5, max(1, round(rng.gauss(4.3 - 1.3 * spec.price_level + (rating - 4) * 0.5, 0.7)))) if voted \
            else None
        seasons = sorted({seasons_pair[0]} | ({seasons_pair[1]} if rng.random() < 0.5 else set())) if voted else []
        times = _times_of_day(rng, spec.family) if voted else []
        lean = _gender_lean(rng, spec.gender) if voted else None
        body = _review_body(rng, spec, rating, arabic, longevity, sillage, value, seasons, note_slugs, notes)
        created_at = spec.created_at + timedelta(seconds=rng.uniform(3600, age) if age > 3600 else age / 2)
        rows.append({
            "product_id": product_id, "user_id": reviewer.user_id, "author_name": reviewer.author_name,
            "rating": rating, "body": body, "language": "ar" if arabic else "en", "longevity": longevity,
            "sillage": sillage, "value_for_money": value, "seasons": seasons, "times_of_day": times,
            "gender_lean": lean, "created_at": created_at, "updated_at": created_at,
        })
    return rows


def _times_of_day(rng: random.Random, family: str) -> list[str]:
    if family in NIGHT_FAMILIES:
        weights = (15, 60, 25)
    elif family in DAY_FAMILIES:
        weights = (65, 10, 25)
    else:
        weights = (45, 25, 30)
    return rng.choices((["day"], ["night"], ["day", "night"]), weights=weights)[0]


def _gender_lean(rng: random.Random, gender: str) -> str:
    if gender == "men":
        return rng.choices(("masculine", "unisex"), weights=(80, 20))[0]
    if gender == "women":
        return rng.choices(("feminine", "unisex"), weights=(80, 20))[0]
    return rng.choices(("unisex", "masculine", "feminine"), weights=(50, 25, 25))[0]


def _review_body(rng: random.Random, spec: ProductSpec, rating: int, arabic: bool, longevity: int | None,
                 sillage: int | None, value: int | None, seasons: list[str], note_slugs: list[str],
                 notes: dict[str, DemoNote]) -> str:
    side = 1 if arabic else 0
    sentences = [rng.choice(vocab.REVIEW_OPENINGS[rating])[side]]
    if note_slugs and rng.random() < 0.5:
        first, second = rng.sample(note_slugs, 2) if len(note_slugs) > 1 else (note_slugs[0], note_slugs[0])
        template = rng.choice(vocab.REVIEW_NOTE_SENTENCES)[side]
        base_notes = [slug for slug, layer, _position in spec.notes if layer == "base"]
        if base_notes and rng.random() < 0.2:
            first, template = rng.choice(base_notes), vocab.REVIEW_BASE_NOTE_SENTENCE[side]
        if arabic:
            sentences.append(template.format(note=arabic_definite(notes[first].name_ar),
                                             note2=arabic_definite(notes[second].name_ar)))
        else:
            sentences.append(template.format(note=english_in_sentence(notes[first].name_en),
                                             note2=english_in_sentence(notes[second].name_en)))
    if spec.category == "bakhoor" and rng.random() < 0.6:
        sentences.append(rng.choice(vocab.REVIEW_BAKHOOR)[side])
    if longevity is not None and rng.random() < 0.5:
        level = "weak" if longevity <= 2 else "moderate" if longevity == 3 else "strong"
        sentences.append(rng.choice(vocab.REVIEW_LONGEVITY[level])[side])
    if sillage is not None and rng.random() < 0.35:
        level = "soft" if sillage <= 2 else "moderate" if sillage == 3 else "strong"
        sentences.append(rng.choice(vocab.REVIEW_SILLAGE[level])[side])
    if rng.random() < 0.3:
        occasion = next((o for o in spec.occasions if o in vocab.REVIEW_OCCASIONS), None)
        season = "winter" if "winter" in seasons else "summer" if "summer" in seasons else None
        key = occasion if occasion and rng.random() < 0.5 else season or occasion
        if key:
            sentences.append(vocab.REVIEW_OCCASIONS[key][side])
    if value is not None and rng.random() < 0.25 and value != 3:
        sentences.append(vocab.REVIEW_VALUE["good" if value >= 4 else "poor"][side])
    return " ".join(sentences)


# Reference data: categories, notes, accords, houses, shops, reviewers ---------------------------


@dataclass
class ReferenceIds:
    categories: dict[str, int]
    notes: dict[str, int]
    accords: dict[str, int]
    brands: dict[str, int]
    vendors: dict[str, int]


def _ensure_rows(session: Session, model, rows: list[dict], key: str = "slug") -> dict[str, int]:
    """Insert the rows whose key is new; return key → id for all of them."""
    table = model.__table__
    if rows:
        session.execute(pg_insert(table).on_conflict_do_nothing(index_elements=[key]), rows)
    column = table.c[key]
    wanted = [row[key] for row in rows]
    return dict(session.execute(select(column, table.c.id).where(column.in_(wanted))).all())


def house_rows(houses) -> list[dict]:
    return [{"slug": house.slug, "name_en": house.name_en, "name_ar": house.name_ar, "style": house.style,
             "country": house.country, "story_en": house.story_en, "story_ar": house.story_ar,
             "founded_year": house.founded_year, "is_featured": house.is_featured} for house in houses]


def vendor_rows(vendors, now: datetime) -> list[dict]:
    opened = now - timedelta(days=760)
    rows = []
    for position, vendor in enumerate(vendors):
        created_at = now - timedelta(days=20) if vendor.status == "pending" else opened + timedelta(days=position * 3)
        rows.append({"slug": vendor.slug, "name_en": vendor.name_en, "name_ar": vendor.name_ar,
                     "story_en": vendor.story_en, "story_ar": vendor.story_ar, "status": vendor.status,
                     "commission_rate": Decimal(vendor.commission_rate), "emirate": vendor.emirate,
                     "created_at": created_at,
                     "approved_at": None if vendor.status == "pending" else created_at + timedelta(days=2)})
    return rows


def ensure_reference_data(session: Session, houses, vendors, now: datetime) -> ReferenceIds:
    """Categories, notes, accords, houses and shops, inserted where missing (by slug)."""
    return ReferenceIds(
        categories=_ensure_rows(session, Category, [category._asdict() for category in vocab.CATEGORIES]),
        notes=_ensure_rows(session, Note, [{"slug": note.slug, "name_en": note.name_en, "name_ar": note.name_ar,
                                            "family": note.family} for note in vocab.NOTES]),
        accords=_ensure_rows(session, Accord, [accord._asdict() for accord in vocab.ACCORDS]),
        brands=_ensure_rows(session, Brand, house_rows(houses)),
        vendors=_ensure_rows(session, Vendor, vendor_rows(vendors, now)),
    )


def ensure_demo_reviewers(session: Session, now: datetime) -> list[Reviewer]:
    """The demo's reviewing customers (verified, password DEMO_PASSWORD), created where missing.

    Written in one bulk insert with one password hash shared by all of them: argon2 takes a third of a
    second per hash, and sixty of them would triple `make run`'s first start.
    """
    people = demo_reviewers()
    emails = [email for email, *_rest in people]
    existing = set(session.scalars(select(User.email).where(User.email.in_(emails))))
    missing = [person for person in people if person[0] not in existing]
    if missing:
        password_hash = password_hasher.hash(current_app.config["DEMO_PASSWORD"])
        joined = now - timedelta(days=800)
        session.execute(insert(User.__table__), [
            {"email": email, "full_name": full_name, "password_hash": password_hash, "roles": ["customer"],
             "preferred_language": language, "is_active_account": True, "email_verified_at": joined,
             "created_at": joined}
            for email, full_name, language, _arabic_share in missing
        ])
    ids = dict(session.execute(select(User.email, User.id).where(User.email.in_(emails))).all())
    return [Reviewer(ids[email], author_name(full_name), arabic_share)
            for email, full_name, _language, arabic_share in people]


def catalog_is_empty(session: Session) -> bool:
    return not session.scalar(select(func.count()).select_from(Product))


# Loading ----------------------------------------------------------------------------------------


def plan_demo_products(rng: random.Random, builder: CatalogBuilder,
                       count: int = DEMO_PRODUCT_COUNT) -> list[ProductSpec]:
    """`count` products shared across the demo houses: more for Arabian houses, a little chance for each."""
    quotas = {house.slug: PRODUCTS_PER_HOUSE[house.style] for house in vocab.HOUSES}
    houses = list(vocab.HOUSES)
    weights = [PRODUCTS_PER_HOUSE[house.style] for house in houses]
    while sum(quotas.values()) < count:
        quotas[rng.choices(houses, weights=weights)[0].slug] += 1
    specs = []
    for house in houses:
        for _index in range(quotas[house.slug]):
            specs.append(builder.product(house, serial=len(specs) + 1))
    return specs


def insert_products(session: Session, specs: list[ProductSpec], refs: ReferenceIds) -> list[int]:
    """Insert the products with their notes, accords, variants and offers; return the products' ids in order."""
    product_ids = list(session.scalars(insert(Product).returning(Product.id, sort_by_parameter_order=True), [
        {"slug": spec.slug, "brand_id": refs.brands[spec.brand], "category_id": refs.categories[spec.category],
         "name_en": spec.name_en, "name_ar": spec.name_ar, "description_en": spec.description_en,
         "description_ar": spec.description_ar, "gender": spec.gender, "concentration": spec.concentration,
         "family": spec.family, "launch_year": spec.launch_year, "perfumer": spec.perfumer,
         "alcohol_free": spec.alcohol_free, "occasions": spec.occasions, "status": spec.status,
         "rejection_reason": spec.rejection_reason, "is_featured": spec.is_featured,
         "created_at": spec.created_at, "approved_at": spec.approved_at}
        for spec in specs
    ]))
    session.execute(insert(ProductNote), [
        {"product_id": product_id, "note_id": refs.notes[slug], "layer": layer, "position": position}
        for product_id, spec in zip(product_ids, specs) for slug, layer, position in spec.notes
    ])
    session.execute(insert(ProductAccord), [
        {"product_id": product_id, "accord_id": refs.accords[slug], "strength": strength}
        for product_id, spec in zip(product_ids, specs) for slug, strength in spec.accords
    ])
    variant_specs = [(product_id, spec, variant) for product_id, spec in zip(product_ids, specs)
                     for variant in spec.variants]
    variant_ids = list(session.scalars(insert(Variant).returning(Variant.id, sort_by_parameter_order=True), [
        {"product_id": product_id, "size_ml": variant.size_ml, "kind": variant.kind}
        for product_id, _spec, variant in variant_specs
    ]))
    session.execute(insert(Offer), [
        {"vendor_id": refs.vendors[offer.vendor], "variant_id": variant_id, "price": offer.price,
         "compare_at_price": offer.compare_at_price, "stock": offer.stock, "sku": offer.sku,
         "delivery_promise": offer.delivery_promise, "gift_wrap": offer.gift_wrap,
         "cashback_percent": offer.cashback_percent, "is_active": offer.is_active,
         "created_at": spec.created_at, "updated_at": spec.created_at}
        for variant_id, (_product_id, spec, variant) in zip(variant_ids, variant_specs) for offer in variant.offers
    ])
    return product_ids


def load_demo_catalog(session: Session, seed: int = DEMO_SEED) -> dict[str, int]:
    """Load the demo catalog into a database without products; return how many of each thing it made.

    Flushes only; the caller commits. Raises CatalogNotEmpty when products exist.
    """
    if not catalog_is_empty(session):
        raise CatalogNotEmpty("the database already holds products")
    now = datetime.now(timezone.utc)
    refs = ensure_reference_data(session, vocab.HOUSES, vocab.VENDORS, now)
    owner = find_user_by_email(DEMO_VENDOR_OWNER_EMAIL)
    if owner is not None:
        session.execute(update(Vendor).where(Vendor.slug == vocab.VENDORS[0].slug, Vendor.owner_id.is_(None))
                        .values(owner_id=owner.id))
    reviewers = ensure_demo_reviewers(session, now)

    rng = random.Random(seed)
    builder = CatalogBuilder(rng, vocab.VENDORS, now)
    specs = plan_demo_products(rng, builder)
    product_ids = insert_products(session, specs, refs)

    review_rng = random.Random(seed + 1)
    notes = {note.slug: note for note in vocab.NOTES}
    reviews = [row for product_id, spec in zip(product_ids, specs)
               for row in build_reviews(review_rng, spec, product_id, reviewers, notes, now)]
    if reviews:
        session.execute(insert(Review), reviews)
    session.flush()
    return {
        "houses": len(vocab.HOUSES),
        "vendors": len(vocab.VENDORS),
        "notes": len(vocab.NOTES),
        "accords": len(vocab.ACCORDS),
        "products": len(specs),
        "variants": sum(len(spec.variants) for spec in specs),
        "offers": sum(len(variant.offers) for spec in specs for variant in spec.variants),
        "reviews": len(reviews),
        "reviewers": len(reviewers),
    }
