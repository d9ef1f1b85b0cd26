"""Helpers for the vendor portal and back-office tests: signing in by role, applying with documents.

`sign_in_as(client, user, second_factor=True)` leaves the session a real sign-in would (the admin's
second factor included when asked); `apply(client, files=…, **fields)` posts the application form with
its CSRF token; `pdf_file()`, `png_file()` make small real documents; `assert_answer(response, expected)` checks
what an authorization matrix expects of a role (SIGN_IN, TWO_FACTOR or a status code).
"""
from __future__ import annotations

import io
import re

from PIL import Image
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app.accounts.access import SECOND_FACTOR_SESSION_KEY
from tests.conftest import csrf_token_from

APPLICATION = {
    "name_en": "Layla's Oud House", "name_ar": "بيت ليلى للعود", "trade_licence_number": "DED-123456",
    "trade_licence_expires_on": "2031-06-30", "emirate": "sharjah", "contact_name": "Layla Haddad",
    "contact_mobile": "050 123 4567", "trn": "100123456700003", "iban": "AE07 0331 2345 6789 0123 456",
}
MINIMAL_PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SIGN_IN, TWO_FACTOR = "sign-in", "second-factor"  # sent to sign in; sent to the second factor


def assert_answer(response, expected) -> None:
    """The response is what the matrix expects: a redirect to sign in, to the second factor, or a status."""
    if expected == SIGN_IN:
        assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    elif expected == TWO_FACTOR:
        assert response.status_code == 302 and "/sign-in/second-factor" in response.headers["Location"]
    else:
        assert response.status_code == expected


def sign_in_as(client, user, second_factor: bool = False) -> None:
    with client.session_transaction() as session:
        session.clear()
        session["_user_id"] = user.get_id()
        session["_fresh"] = True
        if second_factor:
            session[SECOND_FACTOR_SESSION_KEY] = user.get_id()


def sign_out(client) -> None:
    with client.session_transaction() as session:
        session.clear()


def pdf_file(name: str = "trade-licence.pdf"):
    return io.BytesIO(MINIMAL_PDF), name


def png_file(name: str = "shop-front.png"):
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, "PNG")
    buffer.seek(0)
    return buffer, name


def apply(client, files=None, **fields):
    """POST the application; the body is encoded in memory (the test client would spool a large one to
    a temporary file it never closes)."""
    values = MultiDict({**APPLICATION, **fields, "csrf_token": csrf_token_from(client, "/vendor/apply")})
    for stream, name in ([pdf_file()] if files is None else files):
        values.add("documents", FileStorage(stream, filename=name))
    boundary, body = encode_multipart(values)
    return client.post("/vendor/apply", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def post_form(client, path: str, page: str, **data):
    """POST with the CSRF token a page of the same session hands out."""
    return client.post(path, data={**data, "csrf_token": csrf_token_from(client, page)})


def text_of(response) -> str:
    html = response.get_data(as_text=True)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))
