"""The address book's form. Labels and messages are lazy so they follow the request's language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import BooleanField, SelectField, StringField, TelField
from wtforms.validators import AnyOf, DataRequired, Optional, StopValidation, ValidationError

from app.accounts.address_book import DELIVERY_COUNTRIES, EMIRATES, UAE, country_choices, emirate_key, region_name
from app.accounts.phones import format_mobile_for_display
from app.accounts.validators import GccMobile
from app.core.forms import HtmlForm, clean_name, clean_text

ADDRESS_FIELDS = (
    "label", "recipient_name", "mobile", "country", "region", "area", "street", "building", "flat", "landmark",
)


class MaxLength:
    """At most `limit` characters, said with the right plural form in every language."""

    def __init__(self, limit: int):
        self.limit = limit

    def __call__(self, form, field):
        if field.data and len(field.data) > self.limit:
            raise StopValidation(ngettext(
                "Use at most %(num)d character.", "Use at most %(num)d characters.", self.limit
            ))


class KeepTyped:
    """Show back what the person typed when the form comes back with errors, else the stored value."""

    def _value(self):
        if self.raw_data:
            return self.raw_data[0]
        return self.display_value()

    def display_value(self) -> str:
        return "" if self.data is None else str(self.data)


class MobileField(KeepTyped, TelField):
    """A mobile number: typed freely, stored in E.164, shown as '+971 50 123 4567'."""

    def display_value(self) -> str:
        return format_mobile_for_display(self.data)


class RegionField(KeepTyped, StringField):
    """An emirate (stored by its key, shown by its name in the page's language); an address kept from before
    elsewhere in the GCC shows its region as it was typed."""

    country_field = None  # the form's country field, set by the form

    def display_value(self) -> str:
        country = self.country_field.data if self.country_field is not None else UAE
        return region_name(country or UAE, self.data or "")


def text(label, required_message=None, limit: int = 120, clean=clean_text, **render_kw):
    """A trimmed text field, required when given a message, with a length limit matching the model
    (`clean=clean_name` for a person's name)."""
    validators = [DataRequired(required_message)] if required_message else [Optional()]
    return StringField(label, filters=[clean], validators=[*validators, MaxLength(limit)], render_kw=render_kw)


# Checkout delivers only to the emirates: the book says so rather than keep addresses it cannot deliver to.
NOT_DELIVERED = _l("We deliver only within the United Arab Emirates for now: choose an address in one of the seven "
                   "emirates.")


class AddressForm(HtmlForm):
    label = text(_l("Label"), _l("Give this address a short name, such as Home or Office."), 40, autocomplete="off")
    recipient_name = text(_l("Recipient's full name"), _l("Enter the name of the person who receives the order."),
                          120, clean=clean_name, autocomplete="name")
    mobile = MobileField(
        _l("Recipient's mobile"),
        filters=[clean_text],
        validators=[DataRequired(_l("Enter a mobile number for the courier.")), MaxLength(32),
                    GccMobile(region_field="country")],
        render_kw={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr"},
    )
    country = SelectField(
        _l("Country"), default=UAE, validate_choice=False,
        validators=[AnyOf(DELIVERY_COUNTRIES, message=NOT_DELIVERED)],
        render_kw={"autocomplete": "country"},
    )
    region = RegionField(
        _l("Emirate"),
        filters=[clean_text],
        validators=[DataRequired(_l("Enter the emirate, for example Dubai.")), MaxLength(60)],
        render_kw={"autocomplete": "address-level1"},
    )
    area = text(_l("Area"), _l("Enter the area or district."), 80, autocomplete="address-level2")
    street = text(_l("Street"), _l("Enter the street."), 120, autocomplete="address-line1")
    building = text(_l("Building or villa"), _l("Enter the building or villa."), 80, autocomplete="address-line2")
    flat = text(_l("Flat or floor (optional)"), None, 40, autocomplete="address-line3")
    landmark = text(_l("Nearby landmark (optional)"), None, 160, autocomplete="off")
    is_default = BooleanField(_l("Make this my default address"))

    def __init__(self, *args, id_prefix: str = "", **kwargs):
        """`id_prefix` keeps element ids unique when several address forms share a page."""
        super().__init__(*args, **kwargs)
        self.country.choices = country_choices()
        self.region.country_field = self.country
        for field in self:
            field.id = f"{id_prefix}{field.id}"
            field.label.field_id = field.id
        self.region.render_kw = {**self.region.render_kw, "list": self.emirates_list_id}

    @property
    def emirates_list_id(self) -> str:
        return f"{self.region.id}-emirates"

    @property
    def emirate_names(self) -> list[str]:
        """The seven emirates in the page's language: the region field's suggestions."""
        return [str(name) for name in EMIRATES.values()]

    def validate_region(self, field):
        """In the UAE, one of the seven emirates (stored by key); elsewhere, the region as typed."""
        if self.country.data != UAE:
            return
        key = emirate_key(field.data)
        if key is None:
            raise ValidationError(_l("Choose one of the seven emirates, for example Dubai."))
        field.data = key

    def focus_first(self) -> None:
        """Put the cursor in the first field with an error, or in the first field."""
        target = next((field for field in self if field.errors and field.type != "CSRFTokenField"), self.label)
        target.render_kw = {**(target.render_kw or {}), "autofocus": True}

    def address_fields(self) -> dict:
        """The fields as the address book's services take them (empty optional fields as None)."""
        fields = {name: getattr(self, name).data for name in ADDRESS_FIELDS}
        fields["flat"] = fields["flat"] or None
        fields["landmark"] = fields["landmark"] or None
        fields["is_default"] = bool(self.is_default.data)
        return fields
