"""What every template can use: language and direction, the page's path, the version; and the fast
paths templates take to their translations and number formats."""
from __future__ import annotations

from functools import lru_cache

from babel import numbers
from flask import Flask, current_app, request
from flask_babel import _get_current_context as babel_state  # the per-context state Flask-Babel keeps
from flask_babel import get_locale, get_translations

from app.core.i18n import comma_joined, current_language, language_switch_target, text_direction
from app.core.money import format_money
from app.core.text import isolated


def init_app(app: Flask) -> None:
    app.jinja_env.filters["bdi"] = isolated  # a person's or a shop's name, isolated from the text around it
    app.context_processor(page_context)
    app.after_request(vary_by_language)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    install_template_translations(app)
    install_number_filters(app)
    app.add_template_global(comma_joined)
    app.jinja_env.filters["html_datetime"] = html_datetime


def html_datetime(moment) -> str:
    """The moment as a `<time datetime>` value: ISO 8601 to the second (HTML allows no microseconds)."""
    return moment.isoformat(timespec="seconds")


def install_template_translations(app: Flask) -> None:
    """Templates call gettext a few hundred times a page; Flask-Babel looks up the context, the domain,
    the locale and the locale's name on each call. Templates look the translations up once per locale."""
    app.jinja_env.install_gettext_callables(
        gettext=lambda message: template_translations().ugettext(message),
        ngettext=lambda singular, plural, n: template_translations().ungettext(singular, plural, n),
        pgettext=lambda context, message: template_translations().upgettext(context, message),
        npgettext=lambda context, singular, plural, n: template_translations().unpgettext(
            context, singular, plural, n),
        newstyle=True,
    )


def template_translations():
    """The translations of the locale in force, kept beside Flask-Babel's own state under that locale
    (so `force_locale`, which sets another locale object, gets its own)."""
    state = babel_state()
    locale = getattr(state, "babel_locale", None)
    if locale is None:
        return get_translations()
    cached = getattr(state, "template_translations", None)
    if cached is None or cached[0] is not locale:
        cached = state.template_translations = (locale, get_translations())
    return cached[1]


def install_number_filters(app: Flask) -> None:
    """Flask-Babel's currency, percent, number and decimal filters, remembering each value's text per locale: a
    page formats the same prices and percentages many times, and Babel takes ~50 µs each time. Prices go
    through `format_money` (CLDR's currency spacing, as every other price the store writes)."""
    app.jinja_env.filters.update(currencyformat=currency_text, percentformat=percent_text,
                                 numberformat=number_text, decimalformat=decimal_text)


def currency_text(number, currency: str, format=None, currency_digits: bool = True,
                  format_type: str = "standard") -> str:
    return format_money(number, currency, get_locale() or "en", format, currency_digits, format_type)


def percent_text(number, format=None) -> str:
    return _percent_text(number, format, get_locale())


def number_text(number) -> str:
    return _number_text(number, get_locale())


def decimal_text(number, format=None) -> str:
    return _decimal_text(number, format, get_locale())


@lru_cache(maxsize=1024)
def _percent_text(number, format, locale) -> str:
    return numbers.format_percent(number, format=format, locale=locale)


@lru_cache(maxsize=4096)
def _number_text(number, locale) -> str:
    return numbers.format_decimal(number, locale=locale)


def page_context() -> dict:
    language = current_language()
    return {
        "html_lang": language,
        "html_dir": text_direction(language),
        "switch_language": language_switch_target(),
        "current_path": current_path(),
        "app_version": current_app.config["APP_VERSION"],
    }


def current_path() -> str:
    """This page's path and query, for "stay on this page" forms such as the language switch."""
    query = request.query_string.decode("utf-8", "replace")
    return request.path + (f"?{query}" if query else "")


def vary_by_language(response):
    """A page's language comes from the cookie or Accept-Language: caches must keep them apart."""
    if response.mimetype == "text/html":
        response.vary.update(("Accept-Language", "Cookie"))
    return response


@lru_cache(maxsize=4096)
def _decimal_text(number, format, locale) -> str:
    return numbers.format_decimal(number, format=format, locale=locale)
