"""The back office's form to record a payout to a vendor."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, ValidationError

from app.core.forms import HtmlForm, clean_text
from app.core.money import read_amount

AMOUNT_PROBLEM = _l("Enter the amount paid in dirhams, for example 1250.50.")


class PayoutForm(HtmlForm):
    vendor = SelectField(_l("Vendor"), coerce=int, validate_choice=True,
                         validators=[InputRequired(_l("Choose the vendor that was paid."))])
    period_start = DateField(_l("Period from"), validators=[InputRequired(_l("Enter a date."))])
    period_end = DateField(_l("Period to"), validators=[InputRequired(_l("Enter a date."))])
    amount = StringField(_l("Amount paid (AED)"), filters=[clean_text], validators=[DataRequired(AMOUNT_PROBLEM)],
                         render_kw={"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"})
    paid_on = DateField(_l("Paid on"), validators=[InputRequired(_l("Enter a date."))])
    reference = StringField(_l("Bank reference"), filters=[clean_text],
                            validators=[DataRequired(_l("Enter the bank transfer’s reference.")),
                                        Length(max=80, message=_l("Write at most 80 characters."))],
                            render_kw={"dir": "ltr", "autocomplete": "off"})
    note = TextAreaField(_l("Note (optional)"), filters=[clean_text],
                         validators=[Length(max=500, message=_l("Write at most 500 characters."))],
                         render_kw={"rows": 2})
    more_than_due = BooleanField(_l("Yes, record more than the balance due"))

    def __init__(self, *args, vendors=(), **kwargs):
        """`vendors`: (id, name) pairs of the shops that may be paid."""
        super().__init__(*args, **kwargs)
        self.vendor.choices = [(0, str(_l("Choose the vendor"))), *vendors]

    def validate_vendor(self, field):
        if not field.data:
            raise ValidationError(_l("Choose the vendor that was paid."))

    def validate_period_end(self, field):
        if self.period_start.data and field.data and field.data < self.period_start.data:
            raise ValidationError(_l("The period must end on or after the day it starts."))

    def validate_amount(self, field):
        """A positive amount in dirhams and fils; the parsed Decimal replaces the text."""
        try:
            value = read_amount(field.data.replace(",", "").replace("٬", ""))
        except ValueError:
            raise ValidationError(AMOUNT_PROBLEM) from None
        if value <= 0:
            raise ValidationError(_l("Enter an amount above zero."))
        field.data = value
