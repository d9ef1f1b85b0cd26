"""Which language a request is served in, and the direction that language is written in."""
from __future__ import annotations

from babel import Locale
from flask import current_app, request
from flask_babel import get_locale
from flask_login import current_user

LANGUAGE_COOKIE = "lang"
LANGUAGE_COOKIE_MAX_AGE = 365 * 24 * 3600


def supported_languages() -> tuple[str, ...]:
    return current_app.config["LANGUAGES"]


def select_locale() -> str:
    """The language cookie first, then the account's preference, then Accept-Language; English by default."""
    languages = supported_languages()
    chosen = request.cookies.get(LANGUAGE_COOKIE)
    if chosen in languages:
        return chosen
    preferred = getattr(current_user, "preferred_language", None)
    if preferred in languages:
        return preferred
    return request.accept_languages.best_match(languages) or current_app.config["BABEL_DEFAULT_LOCALE"]


def text_direction(language: str) -> str:
    """'rtl' or 'ltr', from Babel's locale data rather than a hand-kept list."""
    return Locale.parse(language).text_direction


def current_language() -> str:
    return str(get_locale() or current_app.config["BABEL_DEFAULT_LOCALE"])


def language_switch_target() -> str:
    """The other of our two languages (the header's EN / عربي switch offers it)."""
    return "en" if current_language() == "ar" else "ar"


def remember_language(response, language: str) -> None:
    """Keep the chosen language in a cookie on this browser."""
    response.set_cookie(LANGUAGE_COOKIE, language, max_age=LANGUAGE_COOKIE_MAX_AGE, samesite="Lax",
                        httponly=True, secure=request.is_secure)


def comma_joined(*parts) -> str:
    """The non-empty parts joined with the language's comma ("Villa 12, Street 15"; «فيلا 12، شارع 15»)."""
    from flask_babel import gettext

    text = ""
    for part in parts:
        if part is None or str(part).strip() == "":
            continue
        text = gettext("%(first)s, %(next)s", first=text, next=part) if text else str(part)
    return text
