"""Small pieces of the product page's markup, as template globals: cheaper than Jinja macros on a page
that repeats them dozens of times (every bar of every chart, every review's stars)."""
from __future__ import annotations

import re

from jinja2 import pass_context
from markupsafe import Markup, escape

from app.catalog import bp

HEX_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")


def in_language(record, field: str, language: str) -> str:
    """A record's `field_ar` in Arabic when it has one, else its `field_en`."""
    if language == "ar":
        return getattr(record, f"{field}_ar") or getattr(record, f"{field}_en")
    return getattr(record, f"{field}_en")


@bp.app_template_global("in_language")
@pass_context
def in_page_language(context, record, field: str) -> str:
    """`in_language` in the page's language (read from the template, not asked of Babel each time)."""
    return in_language(record, field, context["html_lang"])


@bp.app_template_global()
@pass_context
def meter_svg(context, percent, colour: str | None = None) -> Markup:
    """A bar of 0–100 % that grows from the start edge of the page's direction (decorative: say the
    number in text beside it)."""
    width = max(0, min(100, round(float(percent))))
    start = 100 - width if context["html_dir"] == "rtl" else 0
    fill = f' fill="{escape(colour)}"' if colour and HEX_COLOUR.fullmatch(colour) else ""
    return Markup(
        '<svg class="meter" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">'
        '<rect class="meter__track" width="100" height="10"/>'
        f'<rect class="meter__fill" x="{start}" width="{width}" height="10"{fill}/></svg>'
    )


@bp.app_template_global()
def star_marks(rating) -> Markup:
    """Five stars filled to the rounded rating, hidden from screen readers (say the rating in text)."""
    filled = round(float(rating or 0))
    stars = "".join(f'<span class="stars__star{" stars__star--on" if number <= filled else ""}">★</span>'
                    for number in range(1, 6))
    return Markup(f'<span class="stars" aria-hidden="true">{stars}</span>')
