"""Bilingual error pages for 400/403/404/405/429/500; htmx requests get a fragment."""
from __future__ import annotations

import logging

from flask import Flask
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from app.core.rendering import render_page_or_block
from app.extensions import db

logger = logging.getLogger(__name__)

ERROR_TEXTS = {
    400: (_l("Something in that request was not right"), _l("Please go back, check what you entered and try again.")),
    403: (_l("This page is not for your account"), _l("You do not have permission to open it. If you think you should, sign in with another account.")),
    404: (_l("We could not find that page"), _l("It may have moved, or the address may be mistyped. Try searching for a scent instead.")),
    405: (_l("That action is not allowed here"), _l("This address does not accept that kind of request.")),
    429: (_l("Too many attempts"), _l("Please wait a moment before trying again.")),
    500: (_l("Something went wrong on our side"), _l("We have been told about it. Please try again in a moment.")),
}
CSRF_TEXTS = (
    _l("Your session has expired"),
    _l("For your security the form could not be sent. Please reload the page and try again."),
)


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, render_csrf_error)
    app.register_error_handler(HTTPException, render_http_error)
    app.register_error_handler(InternalServerError, render_server_error)


def render_error(status: int, title, message):
    return render_page_or_block(
        "errors/error.html", "error", status=status, status_code=status, title=title, message=message
    )


def render_http_error(error: HTTPException):
    status = error.code or 500
    if status not in ERROR_TEXTS:
        return error  # redirects and rare codes keep Werkzeug's own response
    title, message = ERROR_TEXTS[status]
    response = render_error(status, title, message)
    if status == 405 and error.valid_methods:
        response.headers["Allow"] = ", ".join(error.valid_methods)
    if status == 429 and getattr(error, "retry_after", None):
        response.headers["Retry-After"] = str(error.retry_after)
    return response


def render_csrf_error(error: CSRFError):
    return render_error(400, *CSRF_TEXTS)


# The last resort when even the error page cannot be rendered (a broken template or base layout).
BARE_SERVER_ERROR = (
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>Error · خطأ</title>'
    "<h1>Something went wrong on our side.</h1>"
    '<p lang="ar" dir="rtl">حدث خطأ من جهتنا. يُرجى المحاولة مرة أخرى بعد قليل.</p></html>'
)


def render_server_error(error: InternalServerError):
    db.session.rollback()  # nothing half-written survives a failed request
    try:
        return render_error(500, *ERROR_TEXTS[500])
    except Exception:
        logger.exception("the error page itself failed to render")
        return BARE_SERVER_ERROR, 500, {"Content-Type": "text/html; charset=utf-8"}
