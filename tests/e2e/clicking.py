"""Clicking a storefront page's controls the four ways a person meets them: in Arabic on a phone and in English on
a desktop, each with JavaScript (htmx swaps the page in place) and without it (plain links and forms, the page
reloads).

Fixtures (import them into the test module): `way` — one of WAYS, parametrising the test; `say` — the app's own
words in the way's language (`say("Added to your bag.")`), so tests survive rewording. `Visit(page, way)` wraps a
page with what differs between the ways: where a message shows (a toast with htmx, a flash without), and whether
the page stayed the same page.
"""
from __future__ import annotations

from dataclasses import dataclass

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import DESKTOP, PHONE


@dataclass(frozen=True)
class Way:
    language: str
    viewport: dict
    javascript: bool

    def __str__(self) -> str:
        device = "phone" if self.viewport is PHONE else "desktop"
        return f"{self.language}-{device}-{'js' if self.javascript else 'no-js'}"


WAYS = (Way("ar", PHONE, True), Way("ar", PHONE, False), Way("en", DESKTOP, True), Way("en", DESKTOP, False))


@pytest.fixture(params=WAYS, ids=str)
def way(request) -> Way:
    return request.param


@pytest.fixture
def say(app, way):
    """say(message, **values) → the message as the app says it in the way's language; say(singular, plural,
    num=n) for a count."""
    from flask_babel import force_locale, gettext, ngettext

    def translate(message: str, plural: str | None = None, **values) -> str:
        with app.test_request_context(), force_locale(way.language):
            return ngettext(message, plural, **values) if plural else gettext(message, **values)

    return translate


class Visit:
    """A page seen one way: it knows where messages show and whether the page may reload."""

    def __init__(self, page, way: Way):
        self.page, self.way = page, way

    def goto(self, path: str):
        self.page.goto(path)
        self.mark()
        return self.page

    def mark(self) -> None:
        """Leave a mark on the page that only a reload wipes out."""
        if self.way.javascript:
            self.page.wait_for_function("() => window.htmx !== undefined")
            self.page.evaluate("() => { window.stillTheSamePage = true; }")

    def expect_in_place(self) -> None:
        """With JavaScript, what was clicked changed the page in place (without, it reloaded: nothing to check)."""
        if self.way.javascript:
            assert self.page.evaluate("() => window.stillTheSamePage === true"), "the page reloaded"

    def expect_told(self, message: str, kind: str = "success") -> None:
        """The person is told `message`: a toast with htmx, a flash message on the next page without."""
        where = f".toast--{kind}" if self.way.javascript else f".flash--{kind}"
        expect(self.page.locator(where).filter(has_text=message).last).to_be_visible()

    def expect_badge(self, count: int) -> None:
        """The header's bag badge shows `count` items."""
        expect(self.page.locator("#cart-badge .cart-badge__count")).to_have_text(str(count))
