"""The session cookie, minus one side effect: Flask marks every response `Vary: Cookie` once anything has
looked at the session (Flask-Login looks on every request), which would make browsers re-download
stylesheets, fonts and pictures each time the session cookie changes. Files that are the same for
everyone say so."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface

# Endpoints whose responses never depend on who asks.
SHARED_ENDPOINTS = {"static", "catalog.bottle_illustration"}


class MarketplaceSessionInterface(SecureCookieSessionInterface):
    def save_session(self, app, session, response) -> None:
        super().save_session(app, session, response)
        if request.endpoint in SHARED_ENDPOINTS and not session.modified:
            response.vary.discard("Cookie")


def init_app(app: Flask) -> None:
    app.session_interface = MarketplaceSessionInterface()
