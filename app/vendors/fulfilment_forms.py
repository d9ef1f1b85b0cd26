"""The vendor's fulfilment forms: start preparing a part of an order, and hand it to a carrier."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import SelectField, StringField
from wtforms.validators import DataRequired, Length, ValidationError

from app.core.forms import HtmlForm, clean_text
from app.orders.carriers import CARRIERS, OTHER_CARRIER, is_tracking_number, normal_tracking_number


class PrepareForm(HtmlForm):
    """"Mark as being prepared": only the CSRF token."""


def carrier_choices() -> list[tuple[str, str]]:
    return [("", _l("Choose the carrier")), *CARRIERS.items(), (OTHER_CARRIER, _l("Another carrier"))]


class ShipForm(HtmlForm):
    carrier = SelectField(_l("Carrier"), choices=carrier_choices, validate_choice=False,
                          validators=[DataRequired(_l("Choose the carrier that has the parcel."))])
    other_carrier = StringField(_l("Carrier’s name"), filters=[clean_text],
                                validators=[Length(max=40, message=_l("Write at most 40 characters."))],
                                render_kw={"autocomplete": "off"})
    tracking_number = StringField(_l("Tracking number"), filters=[clean_text, normal_tracking_number],
                                  validators=[DataRequired(_l("Enter the tracking number from the waybill."))],
                                  render_kw={"dir": "ltr", "autocomplete": "off", "spellcheck": "false",
                                             "autocapitalize": "characters"})

    def validate_carrier(self, field):
        if field.data not in CARRIERS and field.data != OTHER_CARRIER:
            raise ValidationError(_l("Choose the carrier that has the parcel."))

    def validate_other_carrier(self, field):
        if self.carrier.data == OTHER_CARRIER and len(field.data or "") < 2:
            raise ValidationError(_l("Write the carrier’s name."))

    def validate_tracking_number(self, field):
        if field.data and not is_tracking_number(field.data):
            raise ValidationError(_l("A tracking number has 6 to 40 letters, digits or dashes, as on the waybill."))

    @property
    def chosen_carrier(self) -> str:
        """What the sub-order keeps: a known carrier's key, or the name the vendor typed."""
        return self.other_carrier.data if self.carrier.data == OTHER_CARRIER else self.carrier.data
