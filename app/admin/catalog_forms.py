"""Back-office forms for the catalog's reference data: brands, categories and notes, in both languages.

Arabic names must be written in Arabic script and English ones in Latin script; slugs are lowercase
words joined by hyphens, unique, and made from the English name when left empty.
"""
from __future__ import annotations

import re
import unicodedata
from datetime import date

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.admin.catalog_queries import slug_taken
from app.catalog.families import SCENT_FAMILIES
from app.catalog.listing_labels import STYLE_LABELS
from app.catalog.models import Brand, Note
from app.catalog.reviews import plain_review_text
from app.core.forms import HtmlForm, clean_name, clean_text

SLUG_SHAPE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FIRST_FOUNDED_YEAR = 1500


def letters_of(text: str, script: str) -> int:
    """How many letters of `text` belong to `script` ("ARABIC", "LATIN")."""
    return sum(1 for char in text if char.isalpha() and unicodedata.name(char, "").startswith(script))


def in_arabic_script(form, field) -> None:
    text = field.data or ""
    if not letters_of(text, "ARABIC") or letters_of(text, "LATIN"):
        raise ValidationError(_l("Write the Arabic name in Arabic letters."))


def in_latin_script(form, field) -> None:
    text = field.data or ""
    if not letters_of(text, "LATIN") or letters_of(text, "ARABIC"):
        raise ValidationError(_l("Write the English name in Latin letters."))


def slug_from(name: str) -> str:
    """A slug made from an English name: "Maison Crivelli" → "maison-crivelli"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_name).strip("-")


def english_name(limit: int):
    return StringField(_l("Name in English"), filters=[clean_name], render_kw={"dir": "ltr", "lang": "en"},
                       validators=[DataRequired(_l("Enter the English name.")), Length(max=limit), in_latin_script])


def arabic_name(limit: int):
    return StringField(_l("Name in Arabic"), filters=[clean_name], render_kw={"dir": "rtl", "lang": "ar"},
                       validators=[DataRequired(_l("Enter the Arabic name.")), Length(max=limit), in_arabic_script])


def slug_field(limit: int):
    return StringField(_l("Slug (web address)"), filters=[clean_text, lambda value: (value or "").lower()],
                       validators=[Length(max=limit, message=_l("Keep the slug to %(max)d characters."))],
                       render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false"})


class SluggedForm(HtmlForm):
    """A form with `name_en` and `slug` for `model`; `editing` is the row being edited (None: a new one)."""

    model = None

    def __init__(self, *args, editing=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.editing = editing

    def validate_slug(self, field):
        if not field.data and self.name_en.data:
            field.data = slug_from(self.name_en.data)
        if not field.data:
            raise ValidationError(_l("Enter a slug, or an English name to make one from."))
        if not SLUG_SHAPE.match(field.data):
            raise ValidationError(_l("Use lowercase Latin letters, digits and single hyphens only."))
        if slug_taken(self.model, field.data, getattr(self.editing, "id", None)):
            raise ValidationError(_l("Another one already uses this slug."))


def choices_of(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


# Two-letter codes Babel names that are not countries (the EU, the UN, "Unknown Region", pseudo-locales …).
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "ZZ", "QO", "XA", "XB"})


def country_choices() -> list[SelectChoice]:
    """Countries by their two-letter codes, named and sorted in the reader's language."""
    territories = get_locale().territories
    countries = sorted((name, code) for code, name in territories.items()
                       if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES)
    return [SelectChoice(code, name) for name, code in countries]


class BrandForm(SluggedForm):
    model = Brand
    name_en = english_name(120)
    name_ar = arabic_name(120)
    slug = slug_field(80)
    style = SelectField(_l("Style"), choices=choices_of(STYLE_LABELS))
    country = SelectField(_l("Country of origin"))
    founded_year = StringField(_l("Founded (year, optional)"), filters=[clean_text],
                               render_kw={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})
    story_en = TextAreaField(_l("Story in English"), filters=[plain_review_text], validators=[Length(max=5000)],
                             render_kw={"rows": 5, "dir": "ltr", "lang": "en"})
    story_ar = TextAreaField(_l("Story in Arabic"), filters=[plain_review_text], validators=[Length(max=5000)],
                             render_kw={"rows": 5, "dir": "rtl", "lang": "ar"})
    is_featured = BooleanField(_l("Featured on the home page"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()

    def validate_founded_year(self, field):
        """Empty, or a year from 1500 to this one; the parsed number replaces the text."""
        if not field.data:
            field.data = None
            return
        digits = "".join(str(unicodedata.digit(char, "x")) for char in field.data)
        if not digits.isdigit() or not FIRST_FOUNDED_YEAR <= int(digits) <= date.today().year:
            raise ValidationError(_l("Enter a year from %(first)d to %(last)d, or leave it empty.",
                                     first=FIRST_FOUNDED_YEAR, last=date.today().year))
        field.data = int(digits)


class CategoryForm(HtmlForm):
    name_en = english_name(60)
    name_ar = arabic_name(60)
    position = StringField(_l("Position in menus (1 comes first)"), filters=[clean_text],
                           render_kw={"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"})

    def validate_position(self, field):
        """A whole number from 0 to 999; the parsed number replaces the text."""
        digits = "".join(str(unicodedata.digit(char, "x")) for char in field.data or "")
        if not digits.isdigit() or int(digits) > 999:
            raise ValidationError(_l("Enter a whole number from 0 to 999."))
        field.data = int(digits)


class NoteForm(SluggedForm):
    model = Note
    name_en = english_name(80)
    name_ar = arabic_name(80)
    slug = slug_field(60)
    family = SelectField(_l("Scent family"), choices=choices_of(SCENT_FAMILIES))
