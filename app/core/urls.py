"""Safe redirects: only same-site paths are ever followed."""
from __future__ import annotations

from urllib.parse import unquote, urlsplit

from flask import current_app, url_for


def is_safe_next_path(target: str | None) -> bool:
    """True only for a local path such as `/products?q=oud`; never another host or a script."""
    if not target or not isinstance(target, str):
        return False
    decoded = unquote(target)
    if any(ord(char) < 32 or char == "\\" for char in decoded):
        return False
    if not decoded.startswith("/") or decoded.startswith("//"):
        return False
    parts = urlsplit(decoded)
    return not parts.scheme and not parts.netloc


def safe_next_path(target: str | None, default: str = "/") -> str:
    return target if is_safe_next_path(target) else default


def site_url(endpoint: str, **values) -> str:
    """An absolute link for emails and SMS, on SITE_URL rather than the request's (forgeable) Host."""
    return current_app.config["SITE_URL"] + url_for(endpoint, _external=False, **values)

