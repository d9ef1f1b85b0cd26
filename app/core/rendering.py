"""One view, two renderings: the whole page, or one named block of it for htmx."""
from __future__ import annotations

from flask import make_response, render_template, request
from jinja2_fragments.flask import render_block


def wants_fragment() -> bool:
    """An htmx request that is not restoring history (history restores need the whole page)."""
    htmx = getattr(request, "htmx", None)
    return bool(htmx) and not htmx.history_restore_request


def render_page_or_block(template: str, block: str, status: int = 200, **context):
    """Render `block` of `template` for htmx requests and the whole page otherwise."""
    body = render_block(template, block, **context) if wants_fragment() else render_template(template, **context)
    response = make_response(body, status)
    response.vary.add("HX-Request")
    return response
