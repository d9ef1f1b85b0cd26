"""Where input enters the app: every path segment, query value and form value is checked here once, so that
no handler meets a character PostgreSQL refuses (NUL) or that no person types (other control characters).

A path segment holding one is no page at all (404, from the URL converters); query and form values lose them
(tab and line breaks stay, for text areas), and their forms then judge what is left as they judge any input.
Whole numbers read from the request (`args.get("page", 1, type=int)`, `database_id(text)`) fit PostgreSQL's
integer, or count as unreadable.
"""
from __future__ import annotations

import re

from flask import Flask
from htmx_flask.requests import HtmxAwareRequest
from werkzeug.datastructures import ImmutableMultiDict, MultiDict
from werkzeug.routing import IntegerConverter, PathConverter, UnicodeConverter

CONTROL_CHARACTERS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # Unicode's Cc, less tab, line feed, return
UNTYPEABLE = re.compile(f"[{CONTROL_CHARACTERS}]")
DATABASE_INTEGERS = range(-(2**31), 2**31)


def without_control_characters(value):
    """The text without control characters (tab and line breaks kept); anything else (a file) as it is."""
    return UNTYPEABLE.sub("", value) if isinstance(value, str) else value


def database_id(text) -> int | None:
    """'42' → 42; None for anything that is not an id PostgreSQL's integer holds (signs, '²', forty digits)."""
    text = str(text or "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if number in DATABASE_INTEGERS else None


class CleanedMultiDict(ImmutableMultiDict):
    """The request's query and form values, keys and values without control characters."""

    def __init__(self, mapping=None):
        pairs = MultiDict(mapping).items(multi=True) if mapping is not None else ()
        super().__init__([(without_control_characters(key), without_control_characters(value))
                          for key, value in pairs])

    def get(self, key, default=None, type=None):
        """As MultiDict.get; a whole number (`type=int`) beyond PostgreSQL's integer is `default`, like any
        other value `type` cannot read."""
        value = super().get(key, default, type)
        if type is int and value is not default and value not in DATABASE_INTEGERS:
            return default
        return value


class MarketplaceRequest(HtmxAwareRequest):
    """The app's request (htmx-aware) with cleaned values, that also closes the files of a multipart body it could not finish
    parsing (Werkzeug closes only those that made it into `files`)."""

    parameter_storage_class = CleanedMultiDict

    def _get_file_stream(self, *args, **kwargs):
        stream = super()._get_file_stream(*args, **kwargs)
        self.__dict__.setdefault("_opened_file_streams", []).append(stream)
        return stream

    def close(self) -> None:
        super().close()
        for stream in self.__dict__.pop("_opened_file_streams", []):
            stream.close()


class SegmentConverter(UnicodeConverter):
    """`<name>` and `<string:name>`: one path segment without control characters."""

    def __init__(self, url_map, minlength=1, maxlength=None, length=None):
        super().__init__(url_map, minlength, maxlength, length)
        self.regex = self.regex.replace("[^/]", f"[^/{CONTROL_CHARACTERS}]", 1)


class SegmentsConverter(PathConverter):
    """`<path:name>`: segments and slashes without control characters."""

    regex = f"[^/{CONTROL_CHARACTERS}][^{CONTROL_CHARACTERS}]*?"


class DatabaseIdConverter(IntegerConverter):
    """`<id:name>`: a positive id that fits PostgreSQL's integer; anything else is a 404, not a database error."""

    def __init__(self, url_map):
        super().__init__(url_map, min=1, max=2**31 - 1)


def guard_input(app: Flask) -> None:
    """Check input where it enters: URL converters for path segments, the request class for values (after the
    extensions, as Flask-htmx sets a request class of its own, and before the blueprints' routes)."""
    app.request_class = MarketplaceRequest
    app.url_map.converters.update(default=SegmentConverter, string=SegmentConverter, path=SegmentsConverter,
                                  id=DatabaseIdConverter)
