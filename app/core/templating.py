"""What every template can use: language and direction, the page's path, the version."""
from __future__ import annotations

from flask import Flask, current_app, request

from app.core.i18n import current_language, language_switch_target, text_direction


def init_app(app: Flask) -> None:
    app.context_processor(page_context)
    app.after_request(vary_by_language)
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True


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
