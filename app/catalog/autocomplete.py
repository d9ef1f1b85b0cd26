"""Suggestions while a shopper types in the header search: perfumes, houses and notes by the start of a word.

`GET /search/suggest?q=…` answers with the options of the header's listbox (an htmx fragment). Perfumes
come from the search backend's prefix lookup (the in-process facet index); houses and notes from one small
query over their names, folded the way all search text is (so "عو" finds عود and "oud" finds Oud). Text
shorter than two letters, longer than anyone types, or without a letter gives no options at once, and a
client asking far faster than a person types is refused (429), so the work one client can cause is bounded.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from flask import render_template, request
from sqlalchemy import text

from app.catalog import bp
from app.extensions import db, limiter
from app.search.arabic import sql_normalise, words

MIN_LETTERS = 2
MAX_TEXT = 100  # characters: a longer "prefix" is not someone typing
MAX_WORDS = 4
PRODUCTS = 8
BRANDS = 3
NOTES = 3
RATE_LIMIT = "60 per 10 seconds"


@lru_cache(maxsize=1)
def names_sql() -> str:
    """Houses with products in the store, then notes, with a word of their name (folded, in either
    language) starting with :phrase."""
    from app.search.facets import WORD_SEPARATORS  # late: the search package imports this one

    def starts(column: str) -> str:
        words_of_name = f"' ' || regexp_replace({sql_normalise(column)}, '{WORD_SEPARATORS}', ' ', 'g')"
        return f"({words_of_name}) LIKE '% ' || :phrase || '%'"

    return f"""
    (SELECT 'brand' AS kind, b.slug, b.name_en, b.name_ar FROM brand b
     WHERE ({starts('b.name_en')} OR {starts('b.name_ar')})
       AND EXISTS (SELECT 1 FROM product_listing pl WHERE pl.brand_id = b.id)
     ORDER BY char_length(b.name_en), b.slug LIMIT {BRANDS})
    UNION ALL
    (SELECT 'note', n.slug, n.name_en, n.name_ar FROM note n
     WHERE {starts('n.name_en')} OR {starts('n.name_ar')}
     ORDER BY char_length(n.name_en), n.slug LIMIT {NOTES})
    """


@dataclass(frozen=True)
class NamedSuggestion:
    """A house or a note whose name starts with what was typed."""

    kind: str  # "brand" or "note"
    slug: str
    name_en: str
    name_ar: str


@dataclass(frozen=True)
class Suggestions:
    products: list  # ProductCards, most popular first
    brands: list[NamedSuggestion]
    notes: list[NamedSuggestion]

    def __len__(self) -> int:
        return len(self.products) + len(self.brands) + len(self.notes)


NO_SUGGESTIONS = Suggestions([], [], [])


def suggestion_words(typed: str | None) -> list[str]:
    """The folded words worth looking up, or none when the text is too short, too long or wordless."""
    if not typed or len(typed) > MAX_TEXT:
        return []
    found = words(typed)[:MAX_WORDS]
    return found if sum(len(word) for word in found) >= MIN_LETTERS else []


def suggestions_for(typed: str | None) -> Suggestions:
    """Perfumes, houses and notes whose names start with the typed words."""
    from app.search.backend import get_search_backend  # late: the search package imports this one

    found = suggestion_words(typed)
    if not found:
        return NO_SUGGESTIONS
    products = get_search_backend().suggest(" ".join(found), limit=PRODUCTS)
    rows = db.session.execute(text(names_sql()), {"phrase": " ".join(found)}).all()
    named = [NamedSuggestion(*row) for row in rows]
    return Suggestions(products=products, brands=[item for item in named if item.kind == "brand"],
                       notes=[item for item in named if item.kind == "note"])


@bp.get("/search/suggest")
@limiter.limit(RATE_LIMIT)
def suggest_searches():
    """The header search's suggestions for `q` (the options of its listbox)."""
    typed = request.args.get("q", "", type=str)
    return render_template("catalog/_suggestions.html", suggestions=suggestions_for(typed))
