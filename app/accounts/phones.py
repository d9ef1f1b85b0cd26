"""Mobile numbers of the UAE and the GCC, validated with phonenumbers and stored in E.164."""
from __future__ import annotations

import phonenumbers
from phonenumbers import NumberParseException, PhoneNumberType

GCC_REGIONS = ("AE", "SA", "KW", "QA", "BH", "OM")
MOBILE_TYPES = (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE)


class InvalidMobile(ValueError):
    """Not a mobile number of the UAE or another GCC country."""


def normalise_gcc_mobile(raw: str, default_region: str = "AE") -> str:
    """'050 123 4567' → '+971501234567'. Raise InvalidMobile for anything else."""
    try:
        number = phonenumbers.parse((raw or "").strip(), default_region)
    except NumberParseException as error:
        raise InvalidMobile(str(error)) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidMobile("not a valid number")
    if phonenumbers.region_code_for_number(number) not in GCC_REGIONS:
        raise InvalidMobile("not a GCC number")
    if phonenumbers.number_type(number) not in MOBILE_TYPES:
        raise InvalidMobile("not a mobile number")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def format_mobile_for_display(e164: str | None) -> str:
    """'+971501234567' → '+971 50 123 4567'."""
    if not e164:
        return ""
    try:
        return phonenumbers.format_number(phonenumbers.parse(e164), phonenumbers.PhoneNumberFormat.INTERNATIONAL)
    except NumberParseException:
        return e164
