"""The base of every form: HTML form data only, and text cleaned of control characters."""
from __future__ import annotations

import unicodedata

from flask import request
from flask_wtf import FlaskForm
from flask_wtf.form import _Auto
from werkzeug.datastructures import CombinedMultiDict, ImmutableMultiDict

from app.core.text import without_bidi_controls


def clean_text(value):
    """Trim, and drop control characters: PostgreSQL refuses NUL, and a line break in a name would
    become a new header in an email subject."""
    if value is None:
        return value
    return "".join(ch for ch in str(value) if unicodedata.category(ch) != "Cc").strip()


def clean_name(value):
    """Like clean_text, and without bidirectional controls: a name must read as what it is."""
    return without_bidi_controls(clean_text(value))


class HtmlForm(FlaskForm):
    """A FlaskForm that reads only what an HTML form sends (never a JSON body, whose numbers and lists
    would reach validators that expect text)."""

    class Meta(FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            if formdata is _Auto:
                if not form.is_submitted():
                    return None
                if request.files:
                    return CombinedMultiDict((request.files, request.form))
                return request.form if request.form else ImmutableMultiDict()
            return formdata

        def render_field(self, field, render_kw):
            # A page often holds several forms, each with its token: an id on the token would repeat
            # (invalid HTML, and a label or script could reach the wrong one). Nothing refers to it by id.
            if field.type == "CSRFTokenField":
                render_kw = {**render_kw, "id": False}
            elif field.type == "SelectField" and not starts_with_a_placeholder(field):
                # HTML allows `required` on a list only when its first option is an empty placeholder; a list
                # that always holds a choice needs no such check in the browser (the server's check stays).
                render_kw = {"required": False, **render_kw}
            return super().render_field(field, render_kw)


def starts_with_a_placeholder(field) -> bool:
    """The list's first option has an empty value, as a "Choose …" line has; or there is no option at all."""
    first = next(iter(field.iter_choices()), None)
    return first is None or first[0] == ""

