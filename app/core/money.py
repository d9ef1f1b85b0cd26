"""Amounts of money as a person reads them: the locale's CLDR currency pattern, with CLDR's currency spacing.

Babel applies the pattern ("¤#,##0.00" in English, "#,##0.00 ¤" in Arabic) but not CLDR's currencySpacing
rule, so English reads "AED545.00". The rule: where the currency symbol meets a digit, and the symbol's
character on that side is not itself a symbol or a space (a letter such as the D of AED, not the $ of $5),
a no-break space goes between them ("AED 545.00", "-AED 545.00"; "$5.00" stays as it is). Every price the
store writes (template filter, emails, notifications, invoices, messages formatted in Python) comes from
`format_money`, so the rule lives here only.

`read_amount` is the other direction: one place where text someone typed becomes a Decimal, so that no form
meets `decimal.InvalidOperation` (forty digits, '1e999999' or 'NaN' are refused like any other unreadable amount).
"""
from __future__ import annotations

import unicodedata
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from babel import Locale, numbers
from flask_babel import get_locale

NO_BREAK_SPACE = "\u00a0"
# Money columns are Numeric(12, 2): ten digits before the point at most.
MOST_WHOLE_DIGITS = 10
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


def format_money(amount, currency: str = "AED", locale: Locale | str | None = None, format: str | None = None,
                 currency_digits: bool = True, format_type: str = "standard") -> str:
    """The amount in the locale's currency pattern (the request's locale unless given), spaced as CLDR says."""
    if locale is None:
        locale = get_locale() or "en"
    if isinstance(locale, str):
        locale = Locale.parse(locale)
    return _money_text(amount, currency, locale, format, currency_digits, format_type)


@lru_cache(maxsize=4096)
def _money_text(amount, currency, locale, format, currency_digits, format_type) -> str:
    text = numbers.format_currency(amount, currency, format=format, locale=locale, currency_digits=currency_digits,
                                   format_type=format_type)
    return with_currency_spacing(text, numbers.get_currency_symbol(currency, locale=locale))


def with_currency_spacing(text: str, symbol: str) -> str:
    """Put a no-break space between the currency symbol and a digit it touches, when CLDR asks for one."""
    if not symbol:
        return text
    start = text.find(symbol)
    if start < 0:
        return text
    end = start + len(symbol)
    if end < len(text) and is_digit(text[end]) and needs_spacing(symbol[-1]):
        text = text[:end] + NO_BREAK_SPACE + text[end:]
    if start > 0 and is_digit(text[start - 1]) and needs_spacing(symbol[0]):
        text = text[:start] + NO_BREAK_SPACE + text[start:]
    return text


def is_digit(character: str) -> bool:
    return unicodedata.category(character) == "Nd"


def needs_spacing(character: str) -> bool:
    """CLDR's currencyMatch [[:^S:]&[:^Z:]]: neither a symbol nor a separator."""
    category = unicodedata.category(character)
    return not (category.startswith("S") or category.startswith("Z"))


def read_amount(text, places: int = 2) -> Decimal:
    """'249.5' or '٢٤٩٫٥' → Decimal('249.50'); ValueError for anything that is not a finite plain number with at
    most `places` decimals and MOST_WHOLE_DIGITS before the point (signs pass: callers judge the bounds)."""
    try:
        amount = Decimal(str(text).translate(WESTERN_DIGITS).strip())
    except (InvalidOperation, TypeError, ValueError):
        raise ValueError(text) from None
    if not amount.is_finite() or amount.as_tuple().exponent < -places or amount.adjusted() >= MOST_WHOLE_DIGITS:
        raise ValueError(text)
    return amount.quantize(Decimal(1).scaleb(-places))
