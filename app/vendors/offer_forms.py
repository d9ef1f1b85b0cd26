"""Forms of the vendor's offers: changing one (inline in the table or on its own page), adding one to a
catalog perfume, and uploading the CSV of prices and stock. Numbers are read as typed (Arabic digits too)
and checked by the offer rules of `offer_services`, so what was typed comes back with its error."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf.file import FileField
from wtforms import BooleanField, SelectChoice, SelectField, StringField
from wtforms.validators import DataRequired, Length

from app.catalog.product_labels import DELIVERY_PROMISE_LABELS
from app.core.forms import HtmlForm, clean_text
from app.vendors.offer_services import (
    COMPARE_AT_PROBLEM,
    PRICE_PROBLEM,
    SKU_MAX_LENGTH,
    SKU_MISSING,
    STOCK_PROBLEM,
    OfferValues,
    parse_amount,
    parse_stock,
    value_problems,
)

NUMBER = {"dir": "ltr", "autocomplete": "off", "spellcheck": "false"}


class OfferForm(HtmlForm):
    price = StringField(_l("Price (AED)"), filters=[clean_text], render_kw={**NUMBER, "inputmode": "decimal"})
    compare_at_price = StringField(_l("Earlier price (AED, optional)"), filters=[clean_text],
                                   render_kw={**NUMBER, "inputmode": "decimal"})
    stock = StringField(_l("Stock"), filters=[clean_text], render_kw={**NUMBER, "inputmode": "numeric"})
    sku = StringField(_l("SKU"), filters=[clean_text],
                      validators=[DataRequired(SKU_MISSING), Length(max=SKU_MAX_LENGTH)], render_kw=NUMBER)
    delivery_promise = SelectField(_l("Delivery promise"),
                                   choices=[SelectChoice(key, label) for key, label in DELIVERY_PROMISE_LABELS.items()])
    gift_wrap = BooleanField(_l("Gift wrap available"))
    is_active = BooleanField(_l("For sale"))

    def validate(self, extra_validators=None) -> bool:
        """The field checks, then the offer rules over the numbers that could be read."""
        valid = super().validate(extra_validators)
        price = self._read(self.price, parse_amount, PRICE_PROBLEM)
        compare_at = self._read(self.compare_at_price, parse_amount, COMPARE_AT_PROBLEM, optional=True)
        stock = self._read(self.stock, parse_stock, STOCK_PROBLEM)
        readable = {"price": price, "compare_at_price": compare_at, "stock": stock}
        for name, message in value_problems(price, compare_at, stock).items():
            field = getattr(self, name)
            if not field.errors:
                field.errors.append(message)
        self.parsed = readable
        return valid and not any(getattr(self, name).errors for name in readable)

    @staticmethod
    def _read(field, parse, message, optional=False):
        """The field's value parsed, or None with `message` as its error (nothing typed is None when optional)."""
        field.errors = list(field.errors)
        if optional and not field.data:
            return None
        try:
            return parse(field.data)
        except ValueError:
            field.errors.append(message)
            return None

    def values(self) -> OfferValues:
        return OfferValues(price=self.parsed["price"], compare_at_price=self.parsed["compare_at_price"],
                           stock=self.parsed["stock"], sku=self.sku.data, gift_wrap=self.gift_wrap.data,
                           delivery_promise=self.delivery_promise.data, is_active=self.is_active.data)

    def show_refusal(self, refusal) -> None:
        """Put a service's refusal beside the field it concerns (or on the form)."""
        field = getattr(self, refusal.field, None) if refusal.field else None
        if field is not None:
            field.errors = [*field.errors, refusal.message]
        else:
            self.form_errors.append(refusal.message)


def edit_offer_form(offer, sent: bool = False) -> OfferForm:
    """The form of one offer, with a prefix of its own so that several table rows can be open at once:
    filled from what was sent, or from the offer."""
    prefix = f"offer-{offer.id}"
    if sent:
        return OfferForm(prefix=prefix)
    compare_at = "" if offer.compare_at_price is None else f"{offer.compare_at_price:.2f}"
    return OfferForm(formdata=None, prefix=prefix, data={
        "price": f"{offer.price:.2f}", "compare_at_price": compare_at, "stock": str(offer.stock), "sku": offer.sku,
        "delivery_promise": offer.delivery_promise, "gift_wrap": offer.gift_wrap, "is_active": offer.is_active})


def new_offer_form(sent: bool = False) -> OfferForm:
    """The form of a new offer: for sale, standard delivery, unless something was sent."""
    if sent:
        return OfferForm()
    return OfferForm(formdata=None, data={"delivery_promise": "standard", "is_active": True})


class OfferImportForm(HtmlForm):
    file = FileField(_l("CSV file of your offers"),
                     render_kw={"accept": ".csv,text/csv", "aria-describedby": "import-file-hint"})
