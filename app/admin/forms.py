"""Back-office forms. Labels and messages are lazy so they follow the request's language."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

from flask_babel import lazy_gettext as _l
from wtforms import StringField, TextAreaField
from wtforms.validators import DataRequired, Length, ValidationError

from app.core.forms import HtmlForm, clean_text

COMMISSION_PROBLEM = _l("Enter a commission between 0 and 50 %, with at most one decimal place.")


class ConfirmForm(HtmlForm):
    """A button that changes something: only the CSRF token."""


class ReasonForm(HtmlForm):
    reason = TextAreaField(_l("Reason (sent to the vendor)"), filters=[clean_text],
                           validators=[DataRequired(_l("Give the reason: the vendor reads it.")),
                                       Length(min=5, max=500, message=_l("Write between 5 and 500 characters."))],
                           render_kw={"rows": 3})


class CommissionForm(HtmlForm):
    percent = StringField(_l("Commission (%)"), filters=[clean_text],
                          validators=[DataRequired(COMMISSION_PROBLEM)],
                          render_kw={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})

    def validate_percent(self, field):
        """0–50 with at most one decimal place; the parsed Decimal replaces the text."""
        try:
            value = Decimal(field.data.replace(",", ".").replace("٫", "."))
        except InvalidOperation:
            raise ValidationError(COMMISSION_PROBLEM) from None
        if not value.is_finite() or not Decimal("0") <= value <= Decimal("50") or value != value.quantize(Decimal("0.1")):
            raise ValidationError(COMMISSION_PROBLEM)
        field.data = value
