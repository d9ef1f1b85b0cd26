"""The in-process facet index: the product_listing rows as numpy arrays, filtered and counted in memory.

Each dimension is an array over the rows: codes for single-valued dimensions (brand, gender …), and
CSR-style (rows, values) pairs for multi-valued ones (notes, vendors, sizes …). A query turns every
active filter into a boolean mask; the result is the AND of all masks; a dimension's facet counts use
the AND of the *other* masks (disjunctive facets), then `np.bincount` over that dimension's codes.
Sorting uses a rank per sort order computed once at load, so a page is an `argpartition` away. Every sort but
an explicit price sort ranks what is in stock before what is sold out.

The index is immutable once built: a reload builds a new one and swaps it in.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import numpy as np

from app.catalog.filters import ListingQuery
from app.search.arabic import sql_normalise

SINGLE = ("category", "brand", "gender", "concentration", "family", "style", "origin", "perfumer")
MULTI = ("size", "note", "top", "heart", "base", "season", "occasion", "vendor", "delivery")
FLAGS = ("alcohol_free", "in_stock", "on_sale", "new", "gift", "sample", "rewards")
NOTE_DIMENSIONS = ("note", "top", "heart", "base", "exclude")
SCORE_STEPS = (4.5, 4.0, 3.5, 3.0, 2.0, 1.0)  # "at least …" choices of rating, longevity, sillage
NEW_DAYS = 30
# Multi-valued counts visit only the entries of the rows counted below this share of the rows, and above
# 1 - this share take the rows left out from the counts over every row; between, they pass over all entries.
# Measured on 100,000 products (834k note entries): the visits cost as much as the pass at about 0.3-0.5.
SPARSE_SHARE = 0.3
# The text whose words prefix lookups and name matches search (the same split as the "did you mean" lexicon).
NAME_TEXT = "brand_name_en || ' ' || name_en || ' ' || brand_name_ar || ' ' || name_ar"
WORD_SEPARATORS = r"[\s\-_,.;:!?''\"()&/+|]+"  # '' is one quote inside the SQL literal
# The listing column behind each dimension.
SINGLE_COLUMNS = {"category": "category", "brand": "brand_slug", "gender": "gender",
                  "concentration": "concentration", "family": "family", "style": "style", "origin": "origin",
                  "perfumer": "perfumer"}
MULTI_COLUMNS = {"size": "size_buckets", "note": "note_ids", "top": "top_note_ids", "heart": "heart_note_ids",
                 "base": "base_note_ids", "season": "seasons", "occasion": "occasions",
                 "vendor": "vendor_slugs", "delivery": "next_day_emirates"}
SORT_KEYS = ("trending", "bestselling", "newest", "price_asc", "price_desc", "rating", "price_per_ml",
             "popularity")
CARD_COLUMNS = ("product_id", "slug", "name_en", "name_ar", "brand_slug", "brand_name_en", "brand_name_ar",
                "category", "concentration", "family", "style", "min_price", "max_price", "compare_at_price",
                "sample_price", "rating_avg", "rating_count", "in_stock", "on_sale", "alcohol_free", "sample",
                "photo_path", "photo_widths")
MONEY_COLUMNS = ("min_price", "max_price", "compare_at_price", "sample_price")  # loaded as floats, shown as Decimal
# Sorts that put what can be bought now first; an explicit price sort keeps strict price order.
PRICE_SORTS = ("price_asc", "price_desc", "price_per_ml")


@dataclass(frozen=True)
class ProductCard:
    """What a product card shows, straight from the index (no query per card)."""

    product_id: int
    slug: str
    name_en: str
    name_ar: str
    brand_slug: str
    brand_name_en: str
    brand_name_ar: str
    category: str  # category, concentration, family and style draw the bottle picture
    concentration: str
    family: str
    style: str
    min_price: Decimal  # the cheapest full size's price (a sample's only when only samples are sold)
    max_price: Decimal
    compare_at_price: Decimal | None  # the strike-through price of the cheapest offer, when it is on sale
    sample_price: Decimal | None  # the cheapest sample's, shown apart beside a full size's price
    rating_avg: float | None
    rating_count: int
    in_stock: bool
    on_sale: bool
    alcohol_free: bool
    sample: bool
    photo_path: str | None  # the first vendor photo (ProductImage.path); None: the bottle illustration
    photo_widths: list[int]  # its web sizes
    new: bool  # listed in the last NEW_DAYS days


@dataclass
class Page:
    rows: np.ndarray  # row numbers of this page, in order
    total: int
    page: int
    facets: dict[str, list[tuple]] = field(default_factory=dict)
    ranges: dict[str, tuple] = field(default_factory=dict)


class Dimension:
    """Codes of one dimension: `vocabulary[code]` is the value; multi-valued ones keep (rows, codes), sorted
    by row, with `offsets[row]:offsets[row + 1]` the entries of one row."""

    def __init__(self, vocabulary: list, codes: np.ndarray, rows: np.ndarray | None = None, size: int = 0):
        self.vocabulary = vocabulary
        self.code_of = {value: code for code, value in enumerate(vocabulary)}
        self.codes = codes
        self.rows = rows  # None for single-valued dimensions
        self.offsets = None if rows is None else np.searchsorted(rows, np.arange(size + 1))
        self._counts_of_all: np.ndarray | None = None  # the counts over every row, which never change

    def mask(self, values, size: int) -> np.ndarray | None:
        chosen = [self.code_of[value] for value in values if value in self.code_of]
        table = np.zeros(len(self.vocabulary) + 1, dtype=bool)  # the last code is "none"
        table[chosen] = True
        if self.rows is None:
            return table[self.codes]
        mask = np.zeros(size, dtype=bool)
        mask[self.rows[table[self.codes]]] = True
        return mask

    def counts(self, base: np.ndarray, base_rows: np.ndarray) -> np.ndarray:
        """How many rows of `base` (a mask; `base_rows` its row numbers) have each value."""
        every_row = base_rows.size == base.size
        if every_row and self._counts_of_all is not None:
            return self._counts_of_all
        if self.rows is None:
            codes = self.codes[base_rows]
        elif base_rows.size < base.size * SPARSE_SHARE:
            codes = self.codes[self._entries_of(base_rows)]  # a narrow page: visit only its rows' entries
        elif base_rows.size > base.size * (1 - SPARSE_SHARE) and not every_row:
            # A wide page: every row's counts less those of the few rows left out.
            left_out = self.codes[self._entries_of(np.flatnonzero(~base))]
            return self.counts_of_all(base.size) - self._bincount(left_out)
        else:
            codes = self.codes[base[self.rows]]
        counts = self._bincount(codes)
        if every_row:
            self._counts_of_all = counts
        return counts

    def counts_of_all(self, size: int) -> np.ndarray:
        if self._counts_of_all is None:
            everything = np.ones(size, dtype=bool)
            self.counts(everything, np.arange(size))
        return self._counts_of_all

    def _bincount(self, codes: np.ndarray) -> np.ndarray:
        return np.bincount(codes, minlength=len(self.vocabulary) + 1)[:len(self.vocabulary)]

    def _entries_of(self, rows: np.ndarray) -> np.ndarray:
        starts = self.offsets[rows]
        lengths = self.offsets[rows + 1] - starts
        # For each entry: its row's start, plus its place among that row's entries.
        first_of_each = np.cumsum(lengths) - lengths
        return np.repeat(starts - first_of_each, lengths) + np.arange(int(lengths.sum()))


class FacetIndex:
    """Every listed product, as arrays; `query()` filters, counts, sorts and pages."""

    def __init__(self, columns: dict[str, tuple], note_slugs: dict[int, str],
                 labels: dict[str, dict[str, tuple[str, str]]], word_pairs: list[tuple[str, int]]):
        """`columns`: product_listing's columns, rows ordered by product id; `word_pairs`: (normalised
        word of a name, product id), ordered by word in code-point order."""
        self.size = n = len(columns["product_id"])
        self.product_ids = np.array(columns["product_id"], dtype=np.int64)
        self.labels = labels
        self.card_values = {name: columns[name] for name in CARD_COLUMNS}
        self.dimensions: dict[str, Dimension] = {}
        for name, column in SINGLE_COLUMNS.items():
            values = columns[column]
            vocabulary = sorted({value for value in values if value is not None})
            code_of = {value: code for code, value in enumerate(vocabulary)}
            none = len(vocabulary)
            codes = np.fromiter((code_of.get(value, none) for value in values), dtype=np.int32, count=n)
            self.dimensions[name] = Dimension(vocabulary, codes)
        for name, column in MULTI_COLUMNS.items():
            strings = columns[column]  # "a,b,c" (array_to_string), "" for none
            lengths = np.fromiter((value.count(",") + 1 if value else 0 for value in strings), dtype=np.int64, count=n)
            joined = ",".join(value for value in strings if value)
            flat = np.array(joined.split(",") if joined else [], dtype=np.int64 if name in NOTE_DIMENSIONS else str)
            distinct, codes = np.unique(flat, return_inverse=True)
            vocabulary = distinct.tolist()
            if name in NOTE_DIMENSIONS:
                vocabulary = [note_slugs.get(note_id, str(note_id)) for note_id in vocabulary]
            rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
            self.dimensions[name] = Dimension(vocabulary, codes.astype(np.int32).ravel(), rows, size=n)
        self.dimensions["exclude"] = self.dimensions["note"]
        # Prefix lookups: every (normalised word of a name or brand, row), sorted by word.
        self.words = np.array([word for word, _ in word_pairs], dtype=str)
        self.word_rows = self.rows_of(np.array([product_id for _, product_id in word_pairs], dtype=np.int64))

        def numbers(column, dtype=np.float64):
            return np.array([np.nan if value is None else value for value in columns[column]], dtype=dtype)

        self.min_price = numbers("min_price")
        self.max_price = numbers("max_price")
        self.price_per_ml = numbers("min_price_per_ml")
        self.rating = numbers("rating_avg")
        self.rating_count = numbers("rating_count")
        self.longevity = numbers("longevity_avg")
        self.sillage = numbers("sillage_avg")
        self.year = numbers("launch_year")
        self.popularity = numbers("popularity")
        self.listed_at = numbers("listed_epoch")
        self.flags = {name: np.array(columns[name], dtype=bool) for name in FLAGS if name != "new"}
        trending, bestselling = numbers("trending_score"), numbers("bestselling_score")
        ids = self.product_ids
        self.sold_out = ~self.flags["in_stock"]  # False sorts first: in stock before sold out
        # The keys of each sort order, least significant first (ties broken by product id).
        keys = {
            "trending": (ids, -trending),
            "bestselling": (ids, -bestselling),
            "newest": (-ids, -self.listed_at),
            "price_asc": (ids, self.min_price),
            "price_desc": (ids, -self.min_price),
            "rating": (ids, -self.rating_count, -np.nan_to_num(self.rating, nan=0.0)),
            "price_per_ml": (ids, self.price_per_ml),
            "popularity": (ids, -self.popularity),
        }
        # One permutation rank per sort order, so paging is argpartition.
        orders = {name: np.lexsort(key if name in PRICE_SORTS else (*key, self.sold_out)) for name, key in keys.items()}
        self.ranks = {}
        for name, order in orders.items():
            rank = np.empty(n, dtype=np.int64)
            rank[order] = np.arange(n)
            self.ranks[name] = rank

    @classmethod
    def load(cls, session) -> FacetIndex:
        scalars = sorted({*CARD_COLUMNS, *SINGLE_COLUMNS.values(), "longevity_avg", "sillage_avg", "launch_year",
                          "popularity", "trending_score", "bestselling_score",
                          *(flag for flag in FLAGS if flag != "new")} - set(MONEY_COLUMNS))
        # Floats, and arrays as text: psycopg turns these into Python objects several times faster.
        computed = {**{column: f"{column}::float8" for column in MONEY_COLUMNS},
                    "min_price_per_ml": "min_price_per_ml::float8",
                    "listed_epoch": "extract(epoch FROM listed_at)::float8",
                    **{column: f"array_to_string({column}, ',')" for column in MULTI_COLUMNS.values()}}
        names = [*scalars, *computed]
        cursor = session.connection().connection.driver_connection.cursor()
        try:
            cursor.execute(f"SELECT {', '.join([*scalars, *computed.values()])} "
                           f"FROM product_listing ORDER BY product_id")
            rows = cursor.fetchall()
            cursor.execute(f"SELECT word, product_id FROM product_listing, regexp_split_to_table("
                           f"{sql_normalise(NAME_TEXT)}, '{WORD_SEPARATORS}') AS word "
                           f"WHERE word <> '' ORDER BY word COLLATE \"C\", product_id")
            word_pairs = cursor.fetchall()
            cursor.execute("SELECT id, slug, name_en, name_ar FROM note")
            notes = cursor.fetchall()
            cursor.execute("SELECT slug, name_en, name_ar FROM vendor")
            vendors = cursor.fetchall()
        finally:
            cursor.close()
        columns = dict(zip(names, zip(*rows))) if rows else {name: () for name in names}
        note_labels = {slug: (en, ar) for _, slug, en, ar in notes}
        labels = {
            "brand": dict(zip(columns["brand_slug"], zip(columns["brand_name_en"], columns["brand_name_ar"]))),
            "vendor": {slug: (en, ar) for slug, en, ar in vendors},
            **{name: note_labels for name in NOTE_DIMENSIONS},
        }
        return cls(columns, {note_id: slug for note_id, slug, _, _ in notes}, labels, word_pairs)

    # Querying -------------------------------------------------------------------------------------

    def rows_of(self, product_ids) -> np.ndarray:
        """Row numbers of these product ids (ids not in the index are left out)."""
        ids = np.asarray(product_ids, dtype=np.int64)
        if self.size == 0 or ids.size == 0:
            return np.zeros(0, dtype=np.int64)
        positions = np.searchsorted(self.product_ids, ids).clip(0, self.size - 1)
        return positions[self.product_ids[positions] == ids]

    def masks(self, query: ListingQuery, now: datetime | None = None) -> dict[str, np.ndarray]:
        """One boolean mask per active filter group, keyed by the facet it belongs to."""
        n = self.size
        masks: dict[str, np.ndarray] = {}
        for name in (*SINGLE, *MULTI):
            values = getattr(query, name)
            if values:
                if name == "origin":
                    values = [value.upper() for value in values]
                elif name == "perfumer":
                    wanted = {value.casefold() for value in values}
                    values = [value for value in self.dimensions[name].vocabulary if value.casefold() in wanted]
                masks[name] = self.dimensions[name].mask(values, n)
        if query.exclude:
            masks["exclude"] = ~self.dimensions["exclude"].mask(query.exclude, n)
        if query.price_min is not None or query.price_max is not None:
            masks["price"] = _between(self.min_price, query.price_min, query.price_max)
        if query.ppm_max is not None:
            masks["ppm"] = self.price_per_ml <= float(query.ppm_max)
        if query.year_min is not None or query.year_max is not None:
            masks["year"] = _between(self.year, query.year_min, query.year_max)
        for name in ("rating", "longevity", "sillage"):
            minimum = getattr(query, name)
            if minimum is not None:
                masks[name] = getattr(self, name) >= minimum  # NaN (no votes) compares False
        for name in FLAGS:
            if getattr(query, name):
                masks[name] = self._flag(name, now)
        return masks

    def _flag(self, name: str, now: datetime | None) -> np.ndarray:
        if name == "new":
            now = now or datetime.now(timezone.utc)
            return self.listed_at >= (now - timedelta(days=NEW_DAYS)).timestamp()
        return self.flags[name]

    def query(self, query: ListingQuery, candidates: np.ndarray | None = None, relevance: np.ndarray | None = None,
              with_facets: bool = True, now: datetime | None = None) -> Page:
        """Filter, count, sort and page. `candidates` (rows) narrows first, e.g. to full-text matches;
        `relevance` (one score per candidate) orders them under the "relevance" sort."""
        n = self.size
        masks = self.masks(query, now)
        everything = np.ones(n, dtype=bool)
        if candidates is not None:
            everything = np.zeros(n, dtype=bool)
            everything[candidates] = True
        selected = everything.copy()
        for mask in masks.values():
            selected &= mask
        rows = np.flatnonzero(selected)
        total = int(rows.size)
        last_page = max(1, -(-total // query.page_size))
        page = min(query.page, last_page)
        start = (page - 1) * query.page_size
        result = Page(self._order(query, rows, start, candidates, relevance), total, page)
        if with_facets:
            self._count(query, masks, everything, selected, result, now)
        return result

    def _order(self, query, rows, start, candidates, relevance) -> np.ndarray:
        stop = start + query.page_size
        if rows.size == 0:
            return rows
        if query.sort == "relevance" and relevance is not None and candidates is not None:
            score = np.full(self.size, -np.inf)
            score[candidates] = relevance
            keys = np.lexsort((self.product_ids[rows], -score[rows], self.sold_out[rows]))
            return rows[keys[start:stop]]
        rank = self.ranks["popularity" if query.sort == "relevance" else query.sort][rows]
        if stop < rows.size:
            nearest = np.argpartition(rank, stop - 1)[:stop]
            return rows[nearest[np.argsort(rank[nearest])]][start:stop]
        return rows[np.argsort(rank)][start:stop]

    def _count(self, query, masks, everything, selected, result, now) -> None:
        def others(*names):
            """The rows every active filter but these lets through (the base of disjunctive counts)."""
            if not any(name in masks for name in names):
                return selected
            base = everything.copy()
            for key, mask in masks.items():
                if key not in names:
                    base &= mask
            return base

        # id(base) → (base, its row numbers): most dimensions share `selected`. Holding the base keeps its id
        # from being reused by a later array.
        row_numbers: dict[int, tuple[np.ndarray, np.ndarray]] = {}

        counted: dict[tuple[int, int], np.ndarray] = {}  # the note dimension counts for "exclude" too

        def counts(dimension: Dimension, base: np.ndarray) -> np.ndarray:
            if id(base) not in row_numbers:
                row_numbers[id(base)] = (base, np.flatnonzero(base))
            if (id(dimension), id(base)) not in counted:
                counted[id(dimension), id(base)] = dimension.counts(base, row_numbers[id(base)][1])
            return counted[id(dimension), id(base)]

        for name in (*SINGLE, *MULTI):
            dimension = self.dimensions[name]
            value_counts = counts(dimension, others(name))
            chosen = set(getattr(query, name))
            if name == "origin":
                chosen = {value.upper() for value in chosen}
            elif name == "perfumer":
                chosen = {value.casefold() for value in chosen}
            key = (lambda value: value.casefold()) if name == "perfumer" else (lambda value: value)
            result.facets[name] = [
                (value, int(count), key(value) in chosen)
                for value, count in zip(dimension.vocabulary, value_counts.tolist()) if count or key(value) in chosen
            ]
        excluded = set(query.exclude)
        base = others("exclude")  # "without this note": the rows left once the note's rows are dropped
        total = int(np.count_nonzero(base))
        note = self.dimensions["exclude"]
        result.facets["exclude"] = [
            (value, total - int(count), value in excluded)
            for value, count in zip(note.vocabulary, counts(note, base).tolist()) if count or value in excluded
        ]
        for name in FLAGS:
            base = others(name)
            result.facets[name] = [(True, int(np.count_nonzero(base & self._flag(name, now))), getattr(query, name))]
        for name in ("rating", "longevity", "sillage"):
            values = getattr(self, name)[others(name)]
            minimum = getattr(query, name)
            result.facets[name] = [(step, int(np.count_nonzero(values >= step)), minimum == step)
                                   for step in SCORE_STEPS]
        for name, values in (("price", self.min_price), ("ppm", self.price_per_ml), ("year", self.year)):
            within = values[others(name)]
            within = within[~np.isnan(within)]
            result.ranges[name] = (float(within.min()), float(within.max())) if within.size else None

    def relaxations(self, query: ListingQuery, candidates: np.ndarray | None = None,
                    now: datetime | None = None) -> dict[str, int]:
        """For each active filter group (and "q" when text narrows), how many rows match once that group
        alone is dropped: what a page with no result can suggest removing."""
        masks = self.masks(query, now)
        everything = np.ones(self.size, dtype=bool)
        if candidates is not None:
            everything = np.zeros(self.size, dtype=bool)
            everything[candidates] = True
        counts = {}
        for name in masks:
            base = everything.copy()
            for key, mask in masks.items():
                if key != name:
                    base &= mask
            counts[name] = int(np.count_nonzero(base))
        if candidates is not None:
            base = np.ones(self.size, dtype=bool)
            for mask in masks.values():
                base &= mask
            counts["q"] = int(np.count_nonzero(base))
        return counts

    def prefix_rows(self, tokens: list[str], limit: int) -> np.ndarray:
        """The most popular rows whose names have a word starting with each token."""
        if not tokens or self.size == 0:
            return np.zeros(0, dtype=np.int64)
        everywhere = np.ones(self.size, dtype=bool)
        for token in tokens:
            start = np.searchsorted(self.words, token, side="left")
            stop = np.searchsorted(self.words, token + "\uffff", side="left")
            has = np.zeros(self.size, dtype=bool)
            has[self.word_rows[start:stop]] = True
            everywhere &= has
        matched = np.flatnonzero(everywhere)
        rank = self.ranks["popularity"][matched]
        if rank.size > limit:
            nearest = np.argpartition(rank, limit - 1)[:limit]
            return matched[nearest[np.argsort(rank[nearest])]]
        return matched[np.argsort(rank)]

    def name_matches(self, alternatives: list[frozenset[str]], prefix: str | None = None) -> np.ndarray:
        """Per row, the share of the query's words (any of each word's alternatives) its names contain;
        `prefix` (the last word) also counts as the start of a word."""
        found = np.zeros(self.size, dtype=np.float64)
        for words_of_term in alternatives:
            has = np.zeros(self.size, dtype=bool)
            for word in words_of_term:
                start = np.searchsorted(self.words, word, side="left")
                stop = np.searchsorted(self.words, word + ("\uffff" if word == prefix else ""), side="right")
                has[self.word_rows[start:stop]] = True
            found += has
        return found / max(len(alternatives), 1)

    def cards(self, rows, now: datetime | None = None) -> list[ProductCard]:
        rows = np.asarray(rows, dtype=np.int64)
        since = ((now or datetime.now(timezone.utc)) - timedelta(days=NEW_DAYS)).timestamp()
        cards = []
        for row, new in zip(rows.tolist(), (self.listed_at[rows] >= since).tolist()):
            values = {name: self.card_values[name][row] for name in CARD_COLUMNS}
            for name in MONEY_COLUMNS:
                values[name] = None if values[name] is None else Decimal(f"{values[name]:.2f}")
            cards.append(ProductCard(**values, new=new))
        return cards


def _between(values: np.ndarray, low, high) -> np.ndarray:
    mask = ~np.isnan(values)
    if low is not None:
        mask &= values >= float(low)
    if high is not None:
        mask &= values <= float(high)
    return mask
