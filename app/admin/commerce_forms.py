"""Back-office forms for orders (status, cancel, refund), coupons and delivery zones.

Amounts are typed as text (Western or Arabic-Indic digits, a point or the Arabic decimal separator) and
become Decimals here; a wrong one comes back with the admin's text kept and a translated message.
"""
from __future__ import annotations

import secrets
from decimal import Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from wtforms import BooleanField, HiddenField, IntegerField, SelectChoice, SelectField, StringField, TextAreaField
from wtforms.fields import DateTimeLocalField, TimeField
from wtforms.validators import DataRequired, Length, NumberRange, Optional, Regexp, StopValidation, ValidationError

from app.admin.commerce_services import ADMIN_MOVES
from app.core.forms import HtmlForm, clean_text
from app.core.money import read_amount
from app.extensions import db
from app.orders.models import Coupon
from app.orders.pricing import UAE_TIME, normalise_coupon_code

CENT = Decimal("0.01")
MONEY_ATTRIBUTES = {"inputmode": "decimal", "dir": "ltr", "autocomplete": "off"}


def parse_amount(text: str) -> Decimal | None:
    """'25.5', '٢٥٫٥' or '25,5' as Decimal('25.5'); None when it is not a finite number."""
    try:
        return read_amount(text.replace(",", ".").replace(" ", ""))
    except ValueError:
        return None


class Amount:
    """An amount in AED to the fils, within bounds; blank is allowed unless `required`. The field keeps the
    admin's text (shown again on an error); its Decimal, or None when blank, is `field.parsed`."""

    def __init__(self, message, minimum=Decimal("0"), maximum=Decimal("100000"), required=False,
                 above_minimum=False):
        self.message, self.minimum, self.maximum = message, minimum, maximum
        self.required, self.above_minimum = required, above_minimum

    def __call__(self, form, field):
        field.parsed = None
        text = (field.data or "").strip()
        if not text:
            if self.required:
                raise StopValidation(self.message)
            raise StopValidation()
        value = parse_amount(text)
        too_low = value is not None and (value <= self.minimum if self.above_minimum else value < self.minimum)
        if value is None or too_low or value > self.maximum or value != value.quantize(CENT):
            raise StopValidation(self.message)
        field.parsed = value.quantize(CENT)


def new_request_key() -> str:
    """One per form shown: the same form sent twice is carried out once."""
    return secrets.token_urlsafe(18)


# Orders -------------------------------------------------------------------------------------


class StatusChangeForm(HtmlForm):
    to_status = HiddenField(validators=[DataRequired(), Regexp("^(" + "|".join(ADMIN_MOVES) + ")$")])
    seen_status = HiddenField(validators=[DataRequired(), Length(max=20)])
    note = StringField(_l("Note for the timeline (optional)"), filters=[clean_text],
                       validators=[Length(max=300, message=_l("Write at most 300 characters."))])


class CancelForm(HtmlForm):
    seen_status = HiddenField(validators=[DataRequired(), Length(max=20)])
    reason = TextAreaField(_l("Why is it cancelled?"), filters=[clean_text],
                           validators=[DataRequired(_l("Give the reason for the cancellation.")),
                                       Length(min=5, max=500, message=_l("Write between 5 and 500 characters."))],
                           render_kw={"rows": 2})


class RefundForm(HtmlForm):
    part = SelectField(_l("Refund"), choices=[], validate_choice=True)
    amount = StringField(_l("Amount (AED)"), filters=[clean_text],
                         validators=[Amount(_l("Enter the amount to refund in dirhams, for example 25.50."),
                                            maximum=Decimal("9999999999"), above_minimum=True)],  # the service caps it
                         render_kw=MONEY_ATTRIBUTES)
    reason = TextAreaField(_l("Reason"), filters=[clean_text],
                           validators=[DataRequired(_l("Give the reason for the refund.")),
                                       Length(min=5, max=500, message=_l("Write between 5 and 500 characters."))],
                           render_kw={"rows": 2})
    request_key = HiddenField(validators=[DataRequired(), Regexp(r"^[A-Za-z0-9_-]{16,40}$")])

    def offer_parts(self, order_file, name_of_sub_order) -> RefundForm:
        """The whole order, or one of its sub-orders (named by `name_of_sub_order`)."""
        self.part.choices = [SelectChoice("order", _l("The whole order"))] + [
            SelectChoice(str(sub_order.id), name_of_sub_order(sub_order)) for sub_order in order_file.order.sub_orders]
        if not self.request_key.data:
            self.request_key.data = new_request_key()
        return self


# Coupons ------------------------------------------------------------------------------------


VALUE_PROBLEM = _l("A percentage is between 1 and 100; a fixed amount is more than 0 AED (to the fils).")
CODE_PROBLEM = _l("Use 3 to 40 letters, digits, hyphens or underscores.")


class CouponForm(HtmlForm):
    code = StringField(_l("Code"), filters=[normalise_coupon_code],
                       validators=[DataRequired(CODE_PROBLEM), Regexp(r"^[A-Z0-9_-]{3,40}$", message=CODE_PROBLEM)],
                       render_kw={"dir": "ltr", "autocomplete": "off", "autocapitalize": "characters"})
    kind = SelectField(_l("Kind"), choices=[SelectChoice("percent", _l("Percentage off")),
                                            SelectChoice("fixed", _l("Fixed amount off"))],
                       validators=[DataRequired()])
    value = StringField(_l("Value (percent or AED)"), filters=[clean_text],
                        validators=[Amount(VALUE_PROBLEM, required=True, above_minimum=True)],
                        render_kw=MONEY_ATTRIBUTES)
    min_spend = StringField(_l("Minimum spend (AED, optional)"), filters=[clean_text],
                            validators=[Amount(_l("Enter a minimum spend of 0 AED or more, to the fils."))],
                            render_kw=MONEY_ATTRIBUTES)
    starts_at = DateTimeLocalField(_l("Starts (UAE time, optional)"), validators=[Optional()],
                                   format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"])
    ends_at = DateTimeLocalField(_l("Ends (UAE time, optional)"), validators=[Optional()],
                                 format=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"])
    usage_limit = IntegerField(_l("Orders in all (optional)"), validators=[
        Optional(), NumberRange(min=1, max=1_000_000, message=_l("Enter a whole number of at least 1."))])
    per_customer_limit = IntegerField(_l("Orders per customer (optional)"), validators=[
        Optional(), NumberRange(min=1, max=1000, message=_l("Enter a whole number of at least 1."))])
    vendor_id = SelectField(_l("Only this shop's items"), choices=[], default="", validate_choice=True)
    brand_id = SelectField(_l("Only this brand's items"), choices=[], default="", validate_choice=True)
    is_active = BooleanField(_l("Active: customers can use it"), default=True)

    def __init__(self, *args, coupon_id: int | None = None, vendors=(), brands=(), language="en", **kwargs):
        super().__init__(*args, **kwargs)
        self.coupon_id = coupon_id
        pick = 2 if language == "ar" else 1
        self.vendor_id.choices = [SelectChoice("", _l("Every shop"))] + [SelectChoice(row[0], row[pick]) for row in vendors]
        self.brand_id.choices = [SelectChoice("", _l("Every brand"))] + [SelectChoice(row[0], row[pick]) for row in brands]

    def validate_code(self, field):
        taken = db.session.scalar(select(Coupon.id).where(Coupon.code == field.data))
        if taken is not None and taken != self.coupon_id:
            raise ValidationError(_l("Another coupon already has the code %(code)s.", code=field.data))

    def validate_value(self, field):
        if self.kind.data == "percent" and field.parsed is not None and not 1 <= field.parsed <= 100:
            raise ValidationError(VALUE_PROBLEM)

    def validate_ends_at(self, field):
        if field.data and self.starts_at.data and field.data <= self.starts_at.data:
            raise ValidationError(_l("The end must come after the start."))

    @classmethod
    def data_of(cls, coupon: Coupon) -> dict:
        """The form's values for an existing coupon (times in UAE time, to the minute)."""
        def local(moment):
            return moment.astimezone(UAE_TIME).replace(tzinfo=None, second=0, microsecond=0) if moment else None

        return {"code": coupon.code, "kind": coupon.kind, "value": f"{coupon.value.normalize():f}",
                "min_spend": f"{coupon.min_spend:f}" if coupon.min_spend is not None else "",
                "starts_at": local(coupon.starts_at), "ends_at": local(coupon.ends_at),
                "usage_limit": coupon.usage_limit, "per_customer_limit": coupon.per_customer_limit,
                "vendor_id": str(coupon.vendor_id or ""), "brand_id": str(coupon.brand_id or ""),
                "is_active": coupon.is_active}

    def values(self, coupon: Coupon | None = None) -> dict:
        """The coupon's columns from the form; a time left at the minute it showed keeps its seconds."""
        def moment(field, kept):
            if field.data is None:
                return None
            chosen = field.data.replace(tzinfo=UAE_TIME)
            if kept is not None and kept.astimezone(UAE_TIME).replace(second=0, microsecond=0) == chosen:
                return kept
            return chosen

        return {"code": self.code.data, "kind": self.kind.data, "value": self.value.parsed,
                "min_spend": self.min_spend.parsed,
                "starts_at": moment(self.starts_at, coupon.starts_at if coupon else None),
                "ends_at": moment(self.ends_at, coupon.ends_at if coupon else None),
                "usage_limit": self.usage_limit.data, "per_customer_limit": self.per_customer_limit.data,
                "vendor_id": int(self.vendor_id.data) if self.vendor_id.data else None,
                "brand_id": int(self.brand_id.data) if self.brand_id.data else None,
                "is_active": self.is_active.data}


# Delivery zones -----------------------------------------------------------------------------


SAME_DAY_PROBLEM = _l("Same-day delivery needs both its fee and its cut-off time; leave both empty to stop "
                      "offering it.")
FEE_PROBLEM = _l("Enter a fee from 0 to 1,000 AED, to the fils, or leave it empty if the option is not offered.")


class DeliveryZoneForm(HtmlForm):
    is_active = BooleanField(_l("We deliver to this emirate"))
    fee_standard = StringField(_l("Standard delivery fee (AED)"), filters=[clean_text],
                               validators=[Amount(FEE_PROBLEM, maximum=Decimal("1000"))], render_kw=MONEY_ATTRIBUTES)
    fee_next_day = StringField(_l("Next-day delivery fee (AED)"), filters=[clean_text],
                               validators=[Amount(FEE_PROBLEM, maximum=Decimal("1000"))], render_kw=MONEY_ATTRIBUTES)
    fee_same_day = StringField(_l("Same-day delivery fee (AED)"), filters=[clean_text],
                               validators=[Amount(FEE_PROBLEM, maximum=Decimal("1000"))], render_kw=MONEY_ATTRIBUTES)
    same_day_cutoff = TimeField(_l("Same-day orders until (UAE time)"), validators=[Optional()])
    free_delivery_threshold = StringField(
        _l("Free standard delivery from (AED, optional)"), filters=[clean_text],
        validators=[Amount(_l("Enter an amount of 0 AED or more, to the fils, or leave it empty."))],
        render_kw=MONEY_ATTRIBUTES)

    OPTIONS = {"standard": "fee_standard", "next-day": "fee_next_day", "same-day": "fee_same_day"}

    def validate(self, extra_validators=None) -> bool:
        """The fields one by one, then same-day's fee and cut-off together (either may be left empty alone)."""
        valid = super().validate(extra_validators)
        if not self.same_day_cutoff.errors and not self.fee_same_day.errors and \
                (self.same_day_cutoff.data is None) != (self.fee_same_day.data in (None, "")):
            self.same_day_cutoff.errors = [SAME_DAY_PROBLEM]
            return False
        return valid

    def validate_is_active(self, field):
        if field.data and all(getattr(self, name).data in (None, "") for name in self.OPTIONS.values()):
            raise ValidationError(_l("An emirate we deliver to needs at least one delivery option with a fee."))

    def fees(self) -> dict[str, Decimal | None]:
        return {option: getattr(self, name).parsed for option, name in self.OPTIONS.items()}

    @classmethod
    def data_of(cls, zone) -> dict:
        fees = {rate.option: f"{rate.fee:f}" for rate in zone.rates}
        return {"is_active": zone.is_active, "same_day_cutoff": zone.same_day_cutoff,
                "free_delivery_threshold": f"{zone.free_delivery_threshold:f}"
                if zone.free_delivery_threshold is not None else "",
                **{name: fees.get(option, "") for option, name in cls.OPTIONS.items()}}

