"""One interface for search and listings, so an Elasticsearch backend can come later without touching views.

    result = search_products(ListingQuery.from_args(request.args))
    result.products        # ProductCard rows of this page, in order
    result.total, result.page, result.pages
    result.facets          # {dimension: [(value, count, selected), …]} — disjunctive counts
    result.ranges          # {"price" | "ppm" | "year": (lowest, highest) or None}
    result.suggestion      # "did you mean" text when `q` found nothing, else None

The PostgreSQL backend keeps the product_listing read model (refreshed by jobs on the `search` queue),
narrows by free text with PostgreSQL full-text search (english, arabic and simple configurations over
normalised text, with bilingual synonyms), and filters, counts and sorts with the in-process numpy
facet index, reloaded when the listing version in Redis changes.
"""
from __future__ import annotations

import abc
import difflib
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from flask import current_app
from sqlalchemy import text

from app.catalog.filters import ListingQuery
from app.extensions import db
from app.search.arabic import synonyms, words
from app.search.facets import FacetIndex, ProductCard
from app.search.listing import bump_listing_version, listing_version, refresh_listing

MAX_TERMS = 8
RELEVANCE_WEIGHT = 0.75  # the rest is popularity (ratings, reviews, trend)
MIN_PREFIX = 3
SIMILARITY_THRESHOLD = 0.45  # pg_trgm word similarity of a misspelt word to a known one  # the last word of `q` also matches as a prefix from this many letters


@dataclass
class ListingResult:
    query: ListingQuery
    products: list[ProductCard]
    total: int
    page: int
    page_size: int
    facets: dict[str, list[tuple]] = field(default_factory=dict)
    ranges: dict[str, tuple | None] = field(default_factory=dict)
    labels: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)  # {dimension: {slug: (en, ar)}}
    suggestion: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.page_size))

    @property
    def product_ids(self) -> list[int]:
        return [card.product_id for card in self.products]


class SearchBackend(abc.ABC):
    """What the store needs from a search engine."""

    @abc.abstractmethod
    def index_products(self, product_ids: Iterable[int]) -> None:
        """Bring these products up to date (a hidden product is removed)."""

    @abc.abstractmethod
    def remove_products(self, product_ids: Iterable[int]) -> None:
        """Take these products out of search."""

    @abc.abstractmethod
    def search(self, query: ListingQuery, with_facets: bool = True) -> ListingResult:
        """Filter, search, count facets, sort and page."""

    @abc.abstractmethod
    def suggest(self, prefix: str, limit: int = 8) -> list[ProductCard]:
        """Products whose names start with what is typed (for autocomplete)."""


class PostgresSearchBackend(SearchBackend):
    def __init__(self):
        self._index: FacetIndex | None = None
        self._version: str | None = None
        self._lock = threading.Lock()

    # Writing --------------------------------------------------------------------------------------

    def index_products(self, product_ids: Iterable[int]) -> None:
        refresh_listing(product_ids)
        db.session.flush()
        # Readers of this session see the change now; the job bumps again after it commits, for the others.
        bump_listing_version()

    def remove_products(self, product_ids: Iterable[int]) -> None:
        ids = sorted({int(product_id) for product_id in product_ids})
        db.session.execute(text("DELETE FROM product_listing WHERE product_id = ANY(:ids)"), {"ids": ids})
        bump_listing_version()

    # Reading --------------------------------------------------------------------------------------

    def facet_index(self) -> FacetIndex:
        """The facet index of the current listing version (loaded again when the version moved)."""
        version = listing_version()
        index = self._index
        if index is not None and version is not None and version == self._version:
            return index
        with self._lock:
            if self._index is None or version is None or version != self._version:
                self._index = FacetIndex.load(db.session)
                self._version = version
            return self._index

    def search(self, query: ListingQuery, with_facets: bool = True) -> ListingResult:
        index = self.facet_index()
        candidates = relevance = None
        terms = words(query.q)[:MAX_TERMS]
        if terms:
            ids, ranks = self._full_text(terms)
            candidates = index.rows_of(ids)
            relevance = self._blend(index, candidates, ids, ranks)
        page = index.query(query, candidates, relevance, with_facets=with_facets)
        result = ListingResult(query=query, products=index.cards(page.rows), total=page.total, page=page.page,
                               page_size=query.page_size, facets=page.facets, ranges=page.ranges,
                               labels=index.labels)
        if terms and page.total == 0:
            result.suggestion = self.did_you_mean(query.q)
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[ProductCard]:
        index = self.facet_index()
        return index.cards(index.prefix_rows(words(prefix)[:MAX_TERMS], limit))

    def did_you_mean(self, q: str) -> str | None:
        """The query with each word that finds nothing replaced by the nearest known word (pg_trgm)."""
        tokens = words(q)[:MAX_TERMS]
        corrected = []
        for token in tokens:
            if len(token) < 3 or self._finds_something([token]):
                corrected.append(token)
                continue
            # Typos of short words share few trigrams: a looser threshold, for this transaction only.
            db.session.execute(text("SELECT set_config('pg_trgm.word_similarity_threshold', :limit, true)"),
                               {"limit": str(SIMILARITY_THRESHOLD)})
            texts = db.session.execute(text(
                "SELECT suggest_text FROM product_listing WHERE :token <% suggest_text "
                "ORDER BY word_similarity(:token, suggest_text) DESC, popularity DESC LIMIT 5"),
                {"token": token}).scalars().all()
            known = {word for value in texts for word in value.split()}
            nearest = difflib.get_close_matches(token, known, n=1, cutoff=0.6)
            corrected.append(nearest[0] if nearest else token)
        suggestion = " ".join(corrected)
        return suggestion if corrected != tokens and self._finds_something(corrected) else None

    # Full text ------------------------------------------------------------------------------------

    @staticmethod
    def _tsquery(terms: list[str]) -> tuple[str, dict[str, str]]:
        """A tsquery expression: every term (or a synonym of it) in any of the three configurations."""
        parts, params = [], {}
        for number, term in enumerate(terms):
            alternatives = []
            for other, alternative in enumerate(sorted(synonyms(term))):
                key = f"t{number}_{other}"
                params[key] = alternative
                alternatives.extend(f"plainto_tsquery('{config}', :{key})" for config in ("english", "arabic", "simple"))
            if number == len(terms) - 1 and len(term) >= MIN_PREFIX:
                params["prefix"] = term
                alternatives.append("to_tsquery('simple', quote_literal(:prefix) || ':*')")
            parts.append("(" + " || ".join(alternatives) + ")")
        return " && ".join(parts), params

    def _full_text(self, terms: list[str]) -> tuple[np.ndarray, np.ndarray]:
        expression, params = self._tsquery(terms)
        rows = db.session.execute(text(
            f"SELECT product_id, ts_rank_cd(search_vector, query) FROM product_listing, "
            f"(SELECT {expression} AS query) AS q WHERE search_vector @@ query"), params).all()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0)
        ids, ranks = zip(*rows)
        return np.array(ids, dtype=np.int64), np.array(ranks, dtype=np.float64)

    def _finds_something(self, terms: list[str]) -> bool:
        expression, params = self._tsquery(terms)
        return db.session.execute(text(
            f"SELECT EXISTS (SELECT 1 FROM product_listing, (SELECT {expression} AS query) AS q "
            f"WHERE search_vector @@ query)"), params).scalar()

    @staticmethod
    def _blend(index: FacetIndex, candidates: np.ndarray, ids: np.ndarray, ranks: np.ndarray) -> np.ndarray:
        """Relevance for each candidate row: the text rank (scaled to 0–1) blended with popularity."""
        if candidates.size == 0:
            return np.zeros(0)
        rank_of = dict(zip(ids.tolist(), ranks.tolist()))
        text_rank = np.array([rank_of[product_id] for product_id in index.product_ids[candidates].tolist()])
        text_rank = text_rank / (text_rank.max() or 1.0)
        return RELEVANCE_WEIGHT * text_rank + (1 - RELEVANCE_WEIGHT) * index.popularity[candidates]


def get_search_backend() -> SearchBackend:
    """The app's search backend (one per process; the facet index it holds is shared by threads)."""
    backend = current_app.extensions.get("search_backend")
    if backend is None:
        # ELASTICSEARCH_NODE will choose an Elasticsearch backend here; PostgreSQL is the default.
        backend = current_app.extensions.setdefault("search_backend", PostgresSearchBackend())
    return backend


def search_products(query: ListingQuery, with_facets: bool = True) -> ListingResult:
    """The listing page for `query`: products, total, facets, and a suggestion when nothing is found."""
    return get_search_backend().search(query, with_facets=with_facets)
