"""One interface for search and listings, so an Elasticsearch backend can come later without touching views.

    result = search_products(ListingQuery.from_args(request.args))
    result.products        # ProductCard rows of this page, in order
    result.total, result.page, result.pages
    result.facets          # {dimension: [(value, count, selected), …]} — disjunctive counts
    result.ranges          # {"price" | "ppm" | "year": (lowest, highest) or None}
    result.suggestion      # "did you mean" text when `q` found nothing, else None
    result.relaxations     # with no result: {filter group: how many match without it}

The PostgreSQL backend keeps the product_listing read model (refreshed by jobs on the `search` queue),
narrows by free text with PostgreSQL full-text search (english, arabic and simple configurations over
normalised text, with bilingual synonyms), and filters, counts and sorts with the in-process numpy
facet index, reloaded when the listing version in Redis changes.
"""
from __future__ import annotations

import abc
import logging
import threading
from collections import OrderedDict
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.orm import Session

from app.catalog.filters import ListingQuery
from app.extensions import db
from app.search.arabic import synonyms, words
from app.search.facets import FacetIndex, ProductCard
from app.search.listing import bump_listing_version, listing_version, refresh_listing

logger = logging.getLogger(__name__)

MAX_TERMS = 8
RELEVANCE_WEIGHT = 0.75  # the rest is popularity (ratings, reviews, trend)
MIN_PREFIX = 3  # the last word of `q` also matches as a prefix from this many letters
SIMILARITY_THRESHOLD = 0.35  # pg_trgm similarity of a misspelt word to a known one
NOTES_ONLY_SCORE = 0.3  # the text score of a product found by its notes or description, not its name
MATCH_CACHE_SIZE = 64
BACKGROUND_RELOAD_FROM = 20_000  # products: below this a reload takes milliseconds and happens inline


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
    relaxations: dict[str, int] = field(default_factory=dict)  # with no result: {filter group: count without it}

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

    @abc.abstractmethod
    def cards(self, product_ids: list[int]) -> list[ProductCard]:
        """The cards of these products in the order given, leaving out those not in the store."""


class PostgresSearchBackend(SearchBackend):
    def __init__(self):
        self._index: FacetIndex | None = None
        self._version: str | None = None
        self._loading: str | None = None
        self._lock = threading.Lock()
        # Full-text matches (rows) by query words, for the current index: facet clicks repeat the same q.
        self._matches: OrderedDict[tuple[str, ...], np.ndarray] = OrderedDict()
        self._matches_lock = threading.Lock()

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
        """The facet index of the current listing version. A small index reloads at once; a large one
        reloads on a background thread while requests keep using the previous one (seconds stale)."""
        try:
            version = listing_version()
        except RedisError:  # Redis down: keep serving the index we have rather than failing the page
            logger.warning("listing version unavailable; serving the loaded facet index", exc_info=True)
            version = self._version if self._index is not None else None
        index = self._index
        if index is not None and version is not None and version == self._version:
            return index
        if index is not None and version is not None and index.size >= BACKGROUND_RELOAD_FROM:
            self._reload_in_background(version)
            return index
        with self._lock:
            if self._index is None or version is None or version != self._version:
                self._install(FacetIndex.load(db.session), version)
            return self._index

    def _install(self, index: FacetIndex, version: str | None) -> None:
        with self._matches_lock:
            self._index, self._version = index, version
            self._matches.clear()

    def _reload_in_background(self, version: str) -> None:
        with self._lock:
            if self._loading == version:
                return
            self._loading = version
        app = current_app._get_current_object()

        def reload() -> None:
            try:
                with app.app_context(), Session(db.engine) as session:
                    index = FacetIndex.load(session)
                with self._lock:
                    self._install(index, version)
            except Exception:  # the old index keeps serving; the next query tries again
                logger.exception("reloading the facet index failed")
            finally:
                with self._lock:
                    self._loading = None

        threading.Thread(target=reload, name="facet-index-reload", daemon=True).start()

    def search(self, query: ListingQuery, with_facets: bool = True) -> ListingResult:
        index = self.facet_index()
        candidates = relevance = None
        terms = words(query.q)[:MAX_TERMS]
        if terms:
            candidates = self._matching_rows(index, terms)
            relevance = self._blend(index, candidates, terms)
        page = index.query(query, candidates, relevance, with_facets=with_facets)
        result = ListingResult(query=query, products=index.cards(page.rows), total=page.total, page=page.page,
                               page_size=query.page_size, facets=page.facets, ranges=page.ranges,
                               labels=index.labels)
        if page.total == 0:
            result.relaxations = index.relaxations(query, candidates)
        if terms and page.total == 0:
            result.suggestion = self.did_you_mean(query.q)
        return result

    def suggest(self, prefix: str, limit: int = 8) -> list[ProductCard]:
        index = self.facet_index()
        return index.cards(index.prefix_rows(words(prefix)[:MAX_TERMS], limit))

    def cards(self, product_ids: list[int]) -> list[ProductCard]:
        index = self.facet_index()
        by_id = {card.product_id: card for card in index.cards(index.rows_of(product_ids))}
        return [by_id[product_id] for product_id in product_ids if product_id in by_id]

    def did_you_mean(self, q: str) -> str | None:
        """The query with each word that finds nothing replaced by the nearest known word (pg_trgm)."""
        index = self.facet_index()
        tokens = words(q)[:MAX_TERMS]
        corrected = []
        for token in tokens:
            # A query of one word that found nothing needs no second look (and EXISTS over a word that
            # matches nothing makes PostgreSQL scan the whole table).
            if len(token) < 3 or len(tokens) > 1 and self._matching_rows(index, [token]).size:
                corrected.append(token)
                continue
            # Typos of short words share few trigrams: a looser threshold, for this transaction only.
            db.session.execute(text("SELECT set_config('pg_trgm.similarity_threshold', :limit, true)"),
                               {"limit": str(SIMILARITY_THRESHOLD)})
            nearest = db.session.execute(text(
                "SELECT term FROM search_term WHERE term % :token "
                "ORDER BY similarity(term, :token) DESC, term LIMIT 1"), {"token": token}).scalar()
            corrected.append(nearest or token)
        if corrected == tokens or not self._matching_rows(index, corrected).size:
            return None
        return " ".join(corrected)

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

    def _full_text(self, terms: list[str]) -> np.ndarray:
        """Ids of the listed products the terms find (the GIN index answers; no row is ranked here)."""
        expression, params = self._tsquery(terms)
        # One comma-separated string instead of a row per match: broad words find most of the catalog.
        ids = db.session.execute(text(
            f"SELECT string_agg(product_id::text, ',') FROM product_search WHERE search_vector @@ ({expression})"),
            params).scalar()
        return np.array(ids.split(","), dtype=np.int64) if ids else np.zeros(0, dtype=np.int64)

    def _matching_rows(self, index: FacetIndex, terms: list[str]) -> np.ndarray:
        key = tuple(terms)
        with self._matches_lock:
            rows = self._matches.get(key)
            if rows is not None:
                self._matches.move_to_end(key)
                return rows
        rows = index.rows_of(self._full_text(terms))
        with self._matches_lock:
            if index is self._index:
                self._matches[key] = rows
                while len(self._matches) > MATCH_CACHE_SIZE:
                    self._matches.popitem(last=False)
        return rows

    @staticmethod
    def _blend(index: FacetIndex, candidates: np.ndarray, terms: list[str]) -> np.ndarray:
        """Relevance of each candidate: how many query words its name or brand has (else a match in
        notes or description), blended with popularity. Ranking in memory keeps broad words fast."""
        if candidates.size == 0:
            return np.zeros(0)
        name_share = index.name_matches([synonyms(term) for term in terms], prefix=terms[-1])[candidates]
        text_score = NOTES_ONLY_SCORE + (1 - NOTES_ONLY_SCORE) * name_share
        return RELEVANCE_WEIGHT * text_score + (1 - RELEVANCE_WEIGHT) * index.popularity[candidates]


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
