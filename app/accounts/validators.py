"""WTForms validators shared by the account forms."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms.validators import ValidationError

from app.accounts.phones import InvalidMobile, normalise_gcc_mobile


class GccMobile:
    """A UAE/GCC mobile number; on success the field's data becomes its E.164 form."""

    def __init__(self, message=None, region_field: str | None = None):
        self.message = message or _l("Enter a UAE or GCC mobile number, for example 050 123 4567.")
        self.region_field = region_field

    def __call__(self, form, field):
        if not field.data:
            return
        region = getattr(form, self.region_field).data if self.region_field else "AE"
        try:
            field.data = normalise_gcc_mobile(field.data, region or "AE")
        except InvalidMobile as error:
            raise ValidationError(self.message) from error
