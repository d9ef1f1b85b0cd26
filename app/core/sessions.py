"""The session cookie, minus one side effect: Flask marks every response `Vary: Cookie` once anything has
looked at the session (Flask-Login looks on every request), which would make browsers re-download
stylesheets, fonts and pictures each time the session cookie changes. Files that are the same for
everyone say so.

The CSRF secret kept in the session is replaced whenever the person behind it changes (signing in, the
second factor, signing out): a token learnt before signing in must not be good for the account after."""
from __future__ import annotations

from flask import Flask, current_app, g, request, session
from flask.sessions import SecureCookieSessionInterface
from flask_login import user_logged_in, user_logged_out

# Endpoints whose responses never depend on who asks.
SHARED_ENDPOINTS = {"static", "catalog.bottle_illustration"}


class MarketplaceSessionInterface(SecureCookieSessionInterface):
    def save_session(self, app, session, response) -> None:
        super().save_session(app, session, response)
        if request.endpoint in SHARED_ENDPOINTS and not session.modified:
            response.vary.discard("Cookie")


def rotate_csrf_secret(sender, **_) -> None:
    """Drop the session's CSRF secret (and this request's token made from it): the next form gets a new one."""
    field = current_app.config.get("WTF_CSRF_FIELD_NAME", "csrf_token")
    session.pop(field, None)
    g.pop(field, None)


def init_app(app: Flask) -> None:
    app.session_interface = MarketplaceSessionInterface()
    user_logged_in.connect(rotate_csrf_secret, sender=app)
    user_logged_out.connect(rotate_csrf_secret, sender=app)
