"""The bag's small forms. Every number is checked here first: text, 0, −1 or 10^9 get a clear message."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import HiddenField, IntegerField
from wtforms.validators import StopValidation

from app.cart.models import MAX_QUANTITY_PER_LINE
from app.core.forms import HtmlForm

LARGEST_ID = 2**31 - 1


class WholeNumberField(IntegerField):
    """An integer; anything else (text, decimals, nothing) fails with the field's own message."""

    def __init__(self, *args, not_a_number=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.not_a_number = not_a_number

    def process_formdata(self, valuelist):
        if not valuelist:
            return
        try:
            self.data = int(str(valuelist[0]).strip())
        except ValueError:
            self.data = None
            raise ValueError(str(self.not_a_number))


def quantity_in_range(form, field) -> None:
    if field.data is None or field.data < 1:
        raise StopValidation(str(_l("Choose a quantity of at least 1.")))
    if field.data > MAX_QUANTITY_PER_LINE:
        raise StopValidation(ngettext("You can have at most %(num)d of one item in your bag.",
                                      "You can have at most %(num)d of one item in your bag.",
                                      MAX_QUANTITY_PER_LINE))


def an_offer_id(form, field) -> None:
    if field.data is None or not 1 <= field.data <= LARGEST_ID:
        raise StopValidation(str(_l("Sorry, this perfume is not available.")))


class QuantityForm(HtmlForm):
    """A bag line's new quantity (the stepper's buttons send it)."""

    quantity = WholeNumberField(_l("Quantity"), validators=[quantity_in_range],
                                not_a_number=_l("Choose a quantity of at least 1."))


class BackForm(HtmlForm):
    """A form with only its CSRF token and where to go back to without htmx."""

    next = HiddenField()


class AddToCartForm(QuantityForm):
    """An offer and a quantity, from a card or a product page; `next` is where to go back to without htmx."""

    offer_id = WholeNumberField(validators=[an_offer_id], not_a_number=_l("Sorry, this perfume is not available."))
    quantity = WholeNumberField(_l("Quantity"), default=1, validators=[quantity_in_range],
                                not_a_number=_l("Choose a quantity of at least 1."))
    next = HiddenField()

    def first_error(self) -> str:
        for name in ("offer_id", "quantity", "csrf_token"):
            field = getattr(self, name, None)
            if field is not None and field.errors:
                return field.errors[0]
        return str(_l("Sorry, this perfume is not available."))
