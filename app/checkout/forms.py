"""The checkout's forms, one per step. None of them carries a price, an offer or a quantity: those come
from the bag and the offers, whatever else a request sends."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from wtforms import BooleanField, HiddenField, RadioField, StringField, TextAreaField
from wtforms.validators import DataRequired, Optional, StopValidation

from app.accounts.address_forms import ADDRESS_FIELDS, AddressForm, MaxLength, MobileField, text
from app.accounts.forms import email_field
from app.accounts.validators import GccMobile
from app.core.forms import HtmlForm, clean_name, clean_text
from app.orders.placing import GIFT_MESSAGE_LIMIT

NEW_ADDRESS = "new"


class ContactForm(HtmlForm):
    """Who we write to about the order: a guest's email, and everyone's name and mobile."""

    email = email_field()
    name = text(_l("Full name"), _l("Enter your name."), 120, clean=clean_name, autocomplete="name")
    mobile = MobileField(
        _l("Mobile number"),
        filters=[clean_text],
        validators=[DataRequired(_l("Enter your mobile number.")), MaxLength(32), GccMobile()],
        render_kw={"autocomplete": "tel", "inputmode": "tel", "dir": "ltr", "placeholder": "050 123 4567"},
    )

    def contact(self) -> dict:
        return {"email": self.email.data.strip().lower(), "name": self.name.data, "mobile": self.mobile.data}


class CheckoutAddressForm(AddressForm):
    """A new delivery address, checked as the address book checks it; customers may keep it in their book."""

    label = text(_l("Name this address (optional)"), None, 40, autocomplete="off")
    is_default = None
    save_to_book = BooleanField(_l("Save this address to my address book"), default=True)

    def __init__(self, *args, for_guest: bool = False, **kwargs):
        super().__init__(*args, meta={"csrf": False}, **kwargs)  # it travels inside AddressChoiceForm's POST
        if for_guest:
            del self.label
            del self.save_to_book

    def focus_first(self) -> None:
        target = next((field for field in self if field.errors), self.recipient_name)
        target.render_kw = {**(target.render_kw or {}), "autofocus": True}

    def delivery_address(self) -> dict:
        """The address as an order keeps it (no label; empty optional parts as None)."""
        fields = {name: getattr(self, name).data for name in ADDRESS_FIELDS if name != "label"}
        fields["flat"] = fields["flat"] or None
        fields["landmark"] = fields["landmark"] or None
        return fields

    def book_label(self) -> str:
        return (self.label.data if "label" in self else "") or self.area.data


class ChoiceField(RadioField):
    """A radio group whose choices depend on the bag and the time. An answer outside them is refused with
    the reason the form knows for it (`form.refusals`, e.g. cash above the limit), or the field's message."""

    def __init__(self, *args, not_offered=None, **kwargs):
        super().__init__(*args, validate_choice=False, **kwargs)
        self.not_offered = not_offered

    def pre_validate(self, form):
        reason = getattr(form, "refusals", {}).get(self.data)
        if reason:
            raise StopValidation(reason)
        if self.data not in {value for value, *_rest in self.choices}:
            raise StopValidation(str(self.not_offered))


class AddressChoiceForm(HtmlForm):
    """A customer's choice: one of their saved addresses, or a new one (the fields of CheckoutAddressForm)."""

    choice = ChoiceField(_l("Deliver to"), not_offered=_l("Choose one of your addresses, or enter a new one."))

    def __init__(self, *args, addresses=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.choice.choices = [(str(address.id), address.label) for address in addresses] + \
            [(NEW_ADDRESS, _l("A new address"))]

    @property
    def wants_new_address(self) -> bool:
        return self.choice.data == NEW_ADDRESS


def gift_message_length(form, field) -> None:
    if field.data and len(field.data) > GIFT_MESSAGE_LIMIT:
        raise StopValidation(ngettext("Keep the gift message to %(num)d character.",
                                      "Keep the gift message to %(num)d characters.", GIFT_MESSAGE_LIMIT))


class DeliveryForm(HtmlForm):
    """How the order travels (the options the address's emirate offers now) and whether it is a gift."""

    option = ChoiceField(_l("Delivery"), not_offered=_l("Choose one of the delivery options offered."))
    gift_wrap = BooleanField(_l("Gift-wrap this order"))
    gift_message = TextAreaField(_l("Gift message (optional)"), filters=[clean_text],
                                 validators=[Optional(), gift_message_length],
                                 render_kw={"rows": 3, "maxlength": GIFT_MESSAGE_LIMIT})

    def __init__(self, *args, options=(), refusals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.option.choices = list(options)
        self.refusals = refusals or {}


class PaymentForm(HtmlForm):
    """How the customer pays: cash on delivery or card, whichever this order allows."""

    method = ChoiceField(_l("Payment"), not_offered=_l("Choose how you would like to pay."))

    def __init__(self, *args, methods=(), refusals=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.method.choices = list(methods)
        self.refusals = refusals or {}


class CouponForm(HtmlForm):
    code = StringField(_l("Coupon code"), filters=[clean_text],
                       validators=[MaxLength(40)], render_kw={"autocomplete": "off", "dir": "ltr",
                                                              "spellcheck": "false", "autocapitalize": "characters"})
    action = HiddenField(default="apply")


class PlaceOrderForm(HtmlForm):
    """The review step's button: the key the page was given and the total it showed (never a price to use)."""

    key = HiddenField(validators=[DataRequired()])
    expected_total = HiddenField(validators=[DataRequired()])
