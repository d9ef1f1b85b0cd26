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
