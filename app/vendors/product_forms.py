"""The vendor's product form: every piece of catalog data, the sizes with the vendor's first offer on each,
and photos. Labels and messages are lazy so they follow the request's language.

Numbers are typed as text (Arabic-Indic digits too) and shown back as typed when the form returns with
errors. Notes are typed into inputs suggesting the catalog's notes in both scripts (a <datalist>, so
it works without JavaScript) and matched by either name.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf.file import MultipleFileField
from sqlalchemy import select
from wtforms import BooleanField, Field, FieldList, Form, FormField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, Length, Optional, ValidationError

from app.catalog.families import SCENT_FAMILIES
from app.catalog.models import (
    LAYERS,
    OCCASIONS,
    Accord,
    Brand,
    Category,
    Note,
)
from app.catalog.product_labels import CONCENTRATION_LABELS, DELIVERY_PROMISE_LABELS, GENDER_LABELS
from app.catalog.review_forms import TickBoxesField
from app.core.forms import HtmlForm, clean_name, clean_text
from app.core.i18n import current_language
from app.extensions import db
from app.search.arabic import normalise
from app.vendors.photos import PhotoRefused, check_photo, is_stored_photo, max_photo_bytes
from app.vendors.validators import has_arabic_letters

NOTE_SLOTS = 8  # inputs per layer of the pyramid
ACCORD_SLOTS = 6
VARIANT_SLOTS = 4  # size rows of a new product; an approved product's form offers this many new ones
MAX_PHOTOS = 6
OLDEST_LAUNCH_YEAR = 1700
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")
OCCASION_LABELS = {"day": _l("Day"), "night": _l("Night"), "office": _l("Office"), "evening": _l("Evening out"),
                   "wedding": _l("Weddings"), "ramadan-eid": _l("Ramadan and Eid")}
KIND_LABELS = {"full": _l("Full bottle"), "sample": _l("Sample"), "gift-set": _l("Gift set"), "tester": _l("Tester")}


def western_number(raw: str | None) -> str:
    """'١٢٥٫٥٠' → '125.50'; thousands separators and spaces dropped."""
    text = (raw or "").strip().translate(WESTERN_DIGITS).replace("٬", "").replace(" ", "")
    if "," in text and "." not in text and text.count(",") == 1 and len(text.split(",")[1]) <= 2:
        return text.replace(",", ".")
    return text.replace(",", "")


class TypedField(StringField):
    """Text parsed into a value by `parse` (None when empty); what was typed is shown back on errors."""

    problem = _l("Enter a number.")

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        text = clean_text(valuelist[0]) or ""
        self.data = None
        if text:
            try:
                self.data = self.parse(western_number(text))
            except (ValueError, InvalidOperation):
                raise ValueError(str(self.problem)) from None

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return "" if self.data is None else str(self.data)

    def parse(self, text: str):
        raise NotImplementedError


class AmountField(TypedField):
    """AED with at most two decimals."""

    problem = _l("Enter an amount in AED, such as 250 or 99.50.")

    def parse(self, text: str) -> Decimal:
        value = Decimal(text)
        if not value.is_finite() or value != value.quantize(Decimal("0.01")):
            raise ValueError(text)
        return value.quantize(Decimal("0.01"))


class SizeField(TypedField):
    problem = _l("Enter the size in ml (or grams), such as 100 or 7.5.")

    def _value(self):
        if self.raw_data or self.data is None:
            return super()._value()
        return f"{self.data.normalize():f}"  # 100, not 100.0

    def parse(self, text: str) -> Decimal:
        value = Decimal(text)
        if not value.is_finite() or value != value.quantize(Decimal("0.1")):
            raise ValueError(text)
        return value.quantize(Decimal("0.1"))


class WholeField(TypedField):
    problem = _l("Enter a whole number.")

    def parse(self, text: str) -> int:
        return int(text)


def choices(labels: dict) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in labels.items()]


def in_range(low, high, message):
    def check(form, field):
        if field.data is not None and not low <= field.data <= high:
            raise ValidationError(message)
    return check


class VariantRowForm(Form):
    """One size and the vendor's first offer on it; a row left blank is skipped."""

    size_ml = SizeField(_l("Size (ml or g)"), validators=[in_range(Decimal("0.1"), Decimal("5000"),
                                                                   _l("Enter a size between 0.1 and 5,000."))],
                        render_kw={"inputmode": "decimal", "dir": "ltr"})
    kind = SelectField(_l("Kind"), choices=choices(KIND_LABELS), default="full",
                       validate_choice=True, invalid_choice_message=_l("Choose a kind from the list."))
    price = AmountField(_l("Price (AED, VAT included)"),
                        validators=[in_range(Decimal("1"), Decimal("500000"), _l("Enter a price between AED 1 and 500,000."))],
                        render_kw={"inputmode": "decimal", "dir": "ltr"})
    compare_at_price = AmountField(_l("Compare-at price (optional)"), render_kw={"inputmode": "decimal", "dir": "ltr"})
    stock = WholeField(_l("Stock"), validators=[in_range(0, 100_000, _l("Enter a stock between 0 and 100,000."))],
                       render_kw={"inputmode": "numeric", "dir": "ltr"})
    sku = StringField(_l("SKU"), filters=[clean_text],
                      validators=[Length(max=64, message=_l("Use at most 64 characters."))], render_kw={"dir": "ltr"})
    delivery_promise = SelectField(_l("Delivery"), choices=choices(DELIVERY_PROMISE_LABELS), default="standard",
                                   invalid_choice_message=_l("Choose a delivery promise from the list."))
    gift_wrap = BooleanField(_l("Gift wrap offered"))

    @property
    def is_blank(self) -> bool:
        return not any(raw.strip() for name in ("size_ml", "price", "compare_at_price", "stock", "sku")
                       for raw in (getattr(self, name).raw_data or []))

    def validate_size_ml(self, field):
        if not self.is_blank and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the size."))

    def validate_price(self, field):
        if not self.is_blank and field.data is None and not field.errors:
            raise ValidationError(_l("Enter the price."))

    def validate_compare_at_price(self, field):
        if field.data is not None and self.price.data is not None and field.data <= self.price.data:
            raise ValidationError(_l("The compare-at price must be higher than the price."))

    def validate_stock(self, field):
        if not self.is_blank and field.data is None and not field.errors:
            raise ValidationError(_l("Enter how many you have in stock (0 is allowed)."))

    def validate_sku(self, field):
        if not self.is_blank and not field.data:
            raise ValidationError(_l("Enter your SKU for this size."))

    def row_data(self) -> dict:
        return {"size_ml": str(self.size_ml.data), "kind": self.kind.data, "offer": {
            "price": str(self.price.data),
            "compare_at_price": str(self.compare_at_price.data) if self.compare_at_price.data is not None else None,
            "stock": self.stock.data, "sku": self.sku.data, "delivery_promise": self.delivery_promise.data,
            "gift_wrap": bool(self.gift_wrap.data)}}


class SentPhotosField(Field):
    """Photos sent with an earlier try of the form that came back with errors: already checked and stored,
    carried as hidden "path width,width,…" values, so the vendor need not choose them again."""

    def process_formdata(self, valuelist):
        self.data = []
        for value in valuelist[:MAX_PHOTOS]:
            path, _, widths = str(value).partition(" ")
            sizes = [int(width) for width in widths.split(",") if width.isdigit()]
            if is_stored_photo(path, sizes):
                self.data.append({"path": path, "widths": sizes})

    def _value(self):
        return ""

    def values(self) -> list[str]:
        return [f"{photo['path']} {','.join(map(str, photo['widths']))}" for photo in self.data or []]


class AccordRowForm(Form):
    accord = SelectField(_l("Accord"), validate_choice=False)
    strength = WholeField(_l("Strength (1–100)"), validators=[in_range(1, 100, _l("Give a strength from 1 to 100."))],
                          render_kw={"inputmode": "numeric", "dir": "ltr"})

    def validate_accord(self, field):
        if field.data and field.data not in {choice.value for choice in field.choices}:
            raise ValidationError(_l("Choose an accord from the list."))

    def validate_strength(self, field):
        if self.accord.data and field.data is None and not field.errors:
            raise ValidationError(_l("Give a strength from 1 to 100."))


@dataclass(frozen=True)
class Vocabulary:
    """The catalog's choices: brands, categories, notes and accords (a few hundred rows, one query each)."""

    brands: list[Brand]
    categories: list[Category]
    notes: list[Note]
    accords: list[Accord]

    @classmethod
    def load(cls) -> Vocabulary:
        return cls(list(db.session.scalars(select(Brand).order_by(Brand.name_en))),
                   list(db.session.scalars(select(Category).order_by(Category.position, Category.id))),
                   list(db.session.scalars(select(Note).order_by(Note.name_en))),
                   list(db.session.scalars(select(Accord).order_by(Accord.name_en))))

    def note_by_words(self) -> dict[str, Note]:
        """Every way a note may be typed, folded: its English name, its Arabic name, or both as suggested."""
        found = {}
        for note in self.notes:
            for words in (note.name_en, note.name_ar, note_label(note)):
                found.setdefault(normalise(words), note)
        return found

    def note_label_of(self, note_id: int) -> str:
        note = next((note for note in self.notes if note.id == note_id), None)
        return note_label(note) if note else ""


def note_label(note: Note) -> str:
    """How a note is suggested and shown back: both names, so either script finds it."""
    return f"{note.name_en} · {note.name_ar}"


class ProductForm(HtmlForm):
    name_en = StringField(_l("Name in English"), filters=[clean_name],
                          validators=[DataRequired(_l("Enter the name in English.")),
                                      Length(max=160, message=_l("Use at most 160 characters."))],
                          render_kw={"lang": "en", "dir": "ltr"})
    name_ar = StringField(_l("Name in Arabic"), filters=[clean_name],
                          validators=[DataRequired(_l("Enter the name in Arabic.")),
                                      Length(max=160, message=_l("Use at most 160 characters."))],
                          render_kw={"lang": "ar", "dir": "rtl"})
    description_en = TextAreaField(_l("Description in English"),
                                   validators=[Length(max=5000, message=_l("Use at most 5,000 characters."))],
                                   render_kw={"lang": "en", "dir": "ltr", "rows": 5})
    description_ar = TextAreaField(_l("Description in Arabic"),
                                   validators=[Length(max=5000, message=_l("Use at most 5,000 characters."))],
                                   render_kw={"lang": "ar", "dir": "rtl", "rows": 5})
    brand = SelectField(_l("House (brand)"), coerce=lambda value: int(value) if str(value).isdigit() else None,
                        invalid_choice_message=_l("Choose the house from the list."))
    category = SelectField(_l("Category"), coerce=lambda value: int(value) if str(value).isdigit() else None,
                           invalid_choice_message=_l("Choose a category from the list."))
    family = SelectField(_l("Main scent family"), choices=choices(SCENT_FAMILIES),
                         invalid_choice_message=_l("Choose a scent family from the list."))
    gender = SelectField(_l("For"), choices=choices(GENDER_LABELS), default="unisex",
                         invalid_choice_message=_l("Choose who it is for from the list."))
    concentration = SelectField(_l("Concentration"), choices=choices(CONCENTRATION_LABELS), default="edp",
                                invalid_choice_message=_l("Choose a concentration from the list."))
    launch_year = WholeField(_l("Launch year (optional)"), render_kw={"inputmode": "numeric", "dir": "ltr"})
    perfumer = StringField(_l("Perfumer (optional)"), filters=[clean_name],
                           validators=[Optional(), Length(max=120, message=_l("Use at most 120 characters."))])
    alcohol_free = BooleanField(_l("Alcohol-free"))
    occasions = TickBoxesField(_l("Occasions"), choices=choices(OCCASION_LABELS),
                               invalid_choice_message=_l("Choose occasions from the list."))
    top = FieldList(StringField(filters=[clean_name]), min_entries=NOTE_SLOTS, max_entries=NOTE_SLOTS)
    heart = FieldList(StringField(filters=[clean_name]), min_entries=NOTE_SLOTS, max_entries=NOTE_SLOTS)
    base = FieldList(StringField(filters=[clean_name]), min_entries=NOTE_SLOTS, max_entries=NOTE_SLOTS)
    accords = FieldList(FormField(AccordRowForm), min_entries=ACCORD_SLOTS, max_entries=ACCORD_SLOTS)
    variants = FieldList(FormField(VariantRowForm), min_entries=VARIANT_SLOTS, max_entries=VARIANT_SLOTS)
    photos = MultipleFileField(_l("Add photos"), render_kw={"accept": "image/jpeg,image/png,image/webp"})
    sent_photos = SentPhotosField(default=list)
    remove_photos = TickBoxesField(_l("Remove these photos"), choices=[], validate_choice=False)

    def __init__(self, vocabulary: Vocabulary, *args, kept_photos=(), live_sizes=(), **kwargs):
        """`kept_photos`: the photos the product has now ([{path, widths}]); `live_sizes`: the sizes of an
        approved product (they stay; its form adds new ones only)."""
        super().__init__(*args, **kwargs)
        self.vocabulary = vocabulary
        self.kept_photos = list(kept_photos)
        self.live_sizes = list(live_sizes)
        language_is_ar = current_language() == "ar"
        self.brand.choices = [SelectChoice(brand.id, f"{brand.name_ar} · {brand.name_en}" if language_is_ar
                                           else f"{brand.name_en} · {brand.name_ar}") for brand in vocabulary.brands]
        self.category.choices = [SelectChoice(category.id, category.name_ar if language_is_ar else category.name_en)
                                 for category in vocabulary.categories]
        accord_choices = [SelectChoice("", _l("No accord"))] + [
            SelectChoice(accord.slug, accord.name_ar if language_is_ar else accord.name_en)
            for accord in vocabulary.accords]
        for row in self.accords:
            row.form.accord.choices = accord_choices
        self.remove_photos.choices = [SelectChoice(photo["path"], str(number))
                                      for number, photo in enumerate(self.kept_photos, start=1)]
        self.notes_found: dict[str, list[int]] = {}

    def validate_name_ar(self, field):
        if not has_arabic_letters(field.data):
            raise ValidationError(_l("Write the Arabic name in Arabic letters."))

    def validate_launch_year(self, field):
        if field.data is not None and not OLDEST_LAUNCH_YEAR <= field.data <= date.today().year + 1:
            raise ValidationError(_l("Enter a year between %(first)d and %(last)d.", first=OLDEST_LAUNCH_YEAR,
                                     last=date.today().year + 1))

    def validate_top(self, field):
        self._notes_of("top", field)

    def validate_heart(self, field):
        self._notes_of("heart", field)

    def validate_base(self, field):
        self._notes_of("base", field)

    def _notes_of(self, layer: str, field) -> None:
        by_words = self.vocabulary.note_by_words()
        chosen, unknown = [], []
        for entry in field:
            if not entry.data:
                continue
            note = by_words.get(normalise(entry.data))
            if note is None:
                unknown.append(entry.data)
            elif note.id not in chosen:
                chosen.append(note.id)
        self.notes_found[layer] = chosen
        if unknown:
            raise ValidationError(str(_l("Choose notes from the suggestions; we do not know: %(notes)s",
                                         notes="، ".join(unknown))))

    # The list fields' own messages are plain strings: their `errors` also hold each row's errors.
    def validate_variants(self, field):
        rows = [row.form for row in field if not row.form.is_blank]
        if not rows and not self.live_sizes:
            raise ValidationError(str(_l("Add at least one size with its price and stock.")))
        taken = {(Decimal(str(size["size_ml"])), size["kind"]) for size in self.live_sizes}
        for row in rows:
            key = (row.size_ml.data, row.kind.data)
            if row.size_ml.data is not None and key in taken:
                raise ValidationError(str(_l("Each size and kind may be listed once.")))
            taken.add(key)

    def validate_accords(self, field):
        chosen = [row.form.accord.data for row in field if row.form.accord.data]
        if len(chosen) != len(set(chosen)):
            raise ValidationError(str(_l("Each accord may be given once.")))

    def validate_photos(self, field):
        """Each photo checked by its content; the checked ones wait in `field.checked` for the service."""
        uploads = [upload for upload in (field.data or []) if upload and upload.filename]
        kept = len(self.kept_photos) - len(self.remove_photos.data or []) + len(self.sent_photos.data)
        if kept + len(uploads) > MAX_PHOTOS:
            raise ValidationError(ngettext("A product may have at most %(num)d photo.",
                                           "A product may have at most %(num)d photos.", MAX_PHOTOS))
        field.checked = []
        for upload in uploads:
            try:
                field.checked.append(check_photo(upload.stream))
            except PhotoRefused as refusal:
                raise ValidationError(photo_problem(refusal.reason, upload.filename)) from refusal

    def fill(self, data: dict) -> None:
        """Show catalog data (the live product's or a pending proposal's) in the form."""
        for name in ("name_en", "name_ar", "description_en", "description_ar", "family", "gender", "concentration",
                     "launch_year", "perfumer", "alcohol_free", "occasions"):
            getattr(self, name).data = data.get(name)
        self.brand.data, self.category.data = data.get("brand_id"), data.get("category_id")
        for layer in LAYERS:
            labels = [self.vocabulary.note_label_of(note_id) for note_id in data.get("notes", {}).get(layer, [])]
            for entry, label in zip(getattr(self, layer), labels + [""] * NOTE_SLOTS):
                entry.data = label
        slugs = {accord.id: accord.slug for accord in self.vocabulary.accords}
        for row, (accord_id, strength) in zip(self.accords, data.get("accords", [])):
            row.form.accord.data, row.form.strength.data = slugs.get(accord_id, ""), strength
        sizes = data.get("variants", [])
        if self.live_sizes:  # an approved product's sizes stay; its rows hold the proposed new ones
            sizes = [size for size in sizes if "variant_id" not in size]
        if sizes:
            for row, variant in zip(self.variants, sizes):
                offer = variant.get("offer") or {}
                row.form.size_ml.data, row.form.kind.data = Decimal(variant["size_ml"]), variant["kind"]
                row.form.price.data = Decimal(offer["price"]) if offer.get("price") else None
                row.form.compare_at_price.data = (Decimal(offer["compare_at_price"])
                                                  if offer.get("compare_at_price") else None)
                row.form.stock.data, row.form.sku.data = offer.get("stock"), offer.get("sku")
                row.form.delivery_promise.data = offer.get("delivery_promise", "standard")
                row.form.gift_wrap.data = offer.get("gift_wrap", False)

    def catalog_data(self) -> dict:
        """The validated form as catalog data (ProductRevision.proposed's shape), photos not yet included."""
        accord_ids = {accord.slug: accord.id for accord in self.vocabulary.accords}
        accords = sorted(([accord_ids[row.form.accord.data], row.form.strength.data] for row in self.accords
                          if row.form.accord.data), key=lambda pair: -pair[1])
        return {
            "name_en": self.name_en.data, "name_ar": self.name_ar.data,
            "description_en": plain(self.description_en.data), "description_ar": plain(self.description_ar.data),
            "brand_id": self.brand.data, "category_id": self.category.data, "family": self.family.data,
            "gender": self.gender.data, "concentration": self.concentration.data,
            "launch_year": self.launch_year.data, "perfumer": self.perfumer.data or None,
            "alcohol_free": bool(self.alcohol_free.data),
            "occasions": [occasion for occasion in OCCASIONS if occasion in (self.occasions.data or [])],
            "notes": {layer: self.notes_found.get(layer, []) for layer in LAYERS},
            "accords": accords,
            "variants": [*self.live_sizes, *(row.form.row_data() for row in self.variants if not row.form.is_blank)],
        }


def plain(text: str | None) -> str:
    from app.catalog.reviews import plain_review_text  # the same cleaning as reviews: plain text, no HTML

    return plain_review_text(text)


def photo_problem(reason: str, filename: str) -> str:
    if reason == "size":
        return _l("%(file)s is larger than %(size)d MB.", file=filename, size=max_photo_bytes() // (1024 * 1024))
    if reason == "dimensions":
        return _l("%(file)s has unusable dimensions: photos must be 200 to 10,000 pixels a side and not "
                  "more than four times as long as they are wide.", file=filename)
    return _l("%(file)s is not a JPEG, PNG or WebP photo.", file=filename)

