"""A size as people read it, in its unit ("100 ml", "50 g"), for pages, emails and messages alike."""
from __future__ import annotations

from decimal import Decimal

from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import ngettext

from app.catalog import bp


@bp.app_template_global()
def size_text(amount: Decimal, unit: str) -> str:
    """'100 ml', '2.5 ml', '50 g', '12 pieces', '1 set' in the request's (or the forced) language."""
    number = format_decimal(amount, "0.#", locale=get_locale() or "en")
    if unit == "g":
        return _("%(size)s g", size=number)
    if unit == "pieces":
        return ngettext("%(size)s piece", "%(size)s pieces", int(amount), size=number)
    if unit == "set":
        return ngettext("%(size)s set", "%(size)s sets", int(amount), size=number)
    return _("%(size)s ml", size=number)
