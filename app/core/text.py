"""Person-typed text that is shown to others: names keep no bidirectional controls, and pages isolate them.

An embedding, override or isolate control (U+202A–U+202E, U+2066–U+2069) in a name makes it, and the text
after it, read differently from what it is ("Oud \u202ed832cd EN" shows as "Oud NE dc238d"). Names lose them
where they enter; pages still show each name in a <bdi>, so a Latin name keeps its order in an Arabic sentence
and an Arabic one in an English sentence.
"""
from __future__ import annotations

import re

from markupsafe import Markup

BIDI_CONTROLS = frozenset(chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
BIDI_CONTROL = re.compile("[\u202a-\u202e\u2066-\u2069]")
# The same characters as a PostgreSQL regular expression (for migrations that clean stored names).
BIDI_CONTROL_SQL = "[\\u202a-\\u202e\\u2066-\\u2069]"


def without_bidi_controls(value):
    """The text without bidirectional embeddings, overrides and isolates (anything else as it is)."""
    return BIDI_CONTROL.sub("", value) if isinstance(value, str) else value


def isolated(value) -> Markup:
    """User text for a page: escaped, without bidi controls, in a <bdi> of its own direction."""
    if value is None or value == "":
        return Markup("")
    if hasattr(value, "__html__"):  # already markup (a macro's output): keep it, unescaped again
        return Markup("<bdi>{}</bdi>").format(Markup(without_bidi_controls(value.__html__())))
    return Markup("<bdi>{}</bdi>").format(without_bidi_controls(str(value)))


def names_read_as_written(*columns: str):
    """A model's validator that drops bidi controls from its name `columns`, however a name is set
    (forms, services, imports, the shell): `_names = names_read_as_written("name_en", "name_ar")`."""
    from sqlalchemy.orm import validates

    @validates(*columns)
    def drop_bidi_controls(self, key, value):
        return without_bidi_controls(value)

    return drop_bidi_controls


def sentence_with_isolated(sentence: str, **values) -> Markup:
    """A translated sentence whose placeholders are still open (`_("Results for “%(query)s”")`), filled with
    each value escaped and isolated, so a Latin search, SKU or email keeps its place in an Arabic sentence
    (and the quotation marks around it keep the sentence's direction)."""
    return Markup.escape(sentence) % {name: isolated(value) for name, value in values.items()}
