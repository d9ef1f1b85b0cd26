"""Reading an amount of money someone typed: one place where text becomes a Decimal, so that no form meets
`decimal.InvalidOperation` (forty digits, '1e999999' or 'NaN' are refused like any other unreadable amount)."""
from __future__ import annotations

from decimal import Decimal, InvalidOperation

# Money columns are Numeric(12, 2): ten digits before the point at most.
MOST_WHOLE_DIGITS = 10
WESTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫", "01234567890123456789.")


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
