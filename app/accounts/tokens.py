"""Signed, expiring tokens for emailed links: verify an email, reset a password, confirm a new email.

Each token names what it is for (its salt) and binds the state it may change, so that it stops working
once used: a reset token carries a fingerprint of the current password hash, an email token the address.
"""
from __future__ import annotations

import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

VERIFY_EMAIL = ("verify-email", 3 * 24 * 3600)
RESET_PASSWORD = ("reset-password", 3600)
CONFIRM_NEW_EMAIL = ("confirm-new-email", 24 * 3600)


class InvalidToken(Exception):
    """The link is broken, expired or already used."""

    def __init__(self, expired: bool = False):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _serializer(purpose: tuple[str, int]) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=purpose[0])


def make_token(purpose: tuple[str, int], payload: dict) -> str:
    return _serializer(purpose).dumps(payload)


def read_token(purpose: tuple[str, int], token: str) -> dict:
    try:
        return _serializer(purpose).loads(token, max_age=purpose[1])
    except SignatureExpired as error:
        raise InvalidToken(expired=True) from error
    except BadSignature as error:
        raise InvalidToken() from error


def password_fingerprint(password_hash: str) -> str:
    """Changes whenever the password does, so a reset link works only once."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16]
