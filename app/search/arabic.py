"""Text normalisation for search in both scripts, and the bilingual synonyms of notes and families.

Shoppers type Arabic with or without diacritics, with tatweel, with any form of alef, with ى for ي and
ه for ة; and Latin with or without accents. Both the indexed text and the query go through the same
folding: `normalise()` in Python, `sql_normalise()` inside PostgreSQL (for the read model's tsvector).
"""
from __future__ import annotations

import re
import unicodedata

# Tashkeel (fathatan … sukun, and the Quranic marks up to U+065F), superscript alef, tatweel.
_ARABIC_MARKS = "\u064b-\u065f\u0670\u0640"
_MARKS = re.compile(f"[{_ARABIC_MARKS}]")
# Letter forms folded to one: alef with hamza above/below, madda, wasla → alef; alef maqsura → yaa;
# taa marbuta → haa; hamza on waw / yaa → the bare letter.
_FOLD_FROM = "أإآٱىةؤئ"
_FOLD_TO = "اااايهوي"
_FOLD = str.maketrans(_FOLD_FROM, _FOLD_TO)
_WORD = re.compile(r"[^\W_]+", re.UNICODE)


def normalise(text: str) -> str:
    """Fold `text` for matching: lower case, no accents or tashkeel, one form per Arabic letter."""
    text = unicodedata.normalize("NFKC", text or "").casefold().translate(_FOLD)
    # NFD splits accents (and any tashkeel) from their letters; the letters with hamza or madda were
    # folded above, so nothing Arabic that matters is a combining mark any more.
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", _MARKS.sub("", stripped))


def words(text: str) -> list[str]:
    """The normalised words of `text` (letters and digits of any script)."""
    return _WORD.findall(normalise(text))


def sql_normalise(expression: str) -> str:
    """The SQL expression that folds `expression` the way `normalise()` does (needs unaccent)."""
    return (f"translate(regexp_replace(lower(unaccent({expression})), '[{_ARABIC_MARKS}]', '', 'g'), "
            f"'{_FOLD_FROM}', '{_FOLD_TO}')")


# Notes and families by their names in both languages (and common spellings). Every word of a group
# finds every other: "oud" finds عود, "عود" finds oud and agarwood.
SYNONYM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("oud", "oudh", "aoud", "agarwood", "عود"),
    ("rose", "roses", "ورد", "وردة", "الورد"),
    ("amber", "عنبر"),
    ("musk", "musky", "مسك"),
    ("saffron", "زعفران"),
    ("sandalwood", "sandal", "صندل"),
    ("jasmine", "ياسمين"),
    ("vanilla", "فانيليا", "فانيلا"),
    ("incense", "frankincense", "olibanum", "لبان", "بخور"),
    ("bakhoor", "bakhour", "bukhoor", "بخور"),
    ("attar", "ittar", "عطر زيتي"),
    ("leather", "جلد"),
    ("patchouli", "باتشولي"),
    ("vetiver", "فيتيفر", "نجيل"),
    ("cardamom", "هيل", "حبهان"),
    ("cinnamon", "قرفة"),
    ("bergamot", "برغموت", "برغموط"),
    ("lemon", "ليمون"),
    ("orange", "برتقال"),
    ("neroli", "نيرولي", "زهر البرتقال"),
    ("lavender", "لافندر", "خزامى"),
    ("tobacco", "تبغ"),
    ("coffee", "قهوة", "بن"),
    ("honey", "عسل"),
    ("pepper", "فلفل"),
    ("cedar", "cedarwood", "أرز"),
    ("iris", "orris", "سوسن"),
    ("tuberose", "مسك الروم"),
    ("woody", "wood", "woods", "خشبي", "خشب"),
    ("floral", "flower", "flowers", "زهري", "زهور"),
    ("fresh", "منعش"),
    ("citrus", "حمضيات", "حمضي"),
    ("aquatic", "marine", "مائي", "بحري"),
    ("gourmand", "حلو"),
    ("spicy", "spice", "spices", "حار", "توابل", "بهارات"),
    ("aromatic", "عطري"),
    ("fruity", "fruit", "فواكه", "فاكهي"),
    ("green", "أخضر"),
    ("powdery", "بودري"),
    ("perfume", "fragrance", "عطر"),
)


def _synonym_table() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for group in SYNONYM_GROUPS:
        folded = {normalise(word) for word in group}
        for word in folded:
            table.setdefault(word, set()).update(folded)
    return {word: frozenset(group) for word, group in table.items()}


SYNONYMS = _synonym_table()


def synonyms(word: str) -> frozenset[str]:
    """`word` (normalised) and every word that means the same, in either language."""
    word = normalise(word)
    return SYNONYMS.get(word, frozenset((word,)))
