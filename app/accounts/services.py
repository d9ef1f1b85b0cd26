"""Changing accounts. Services flush; the request or command commits."""
from __future__ import annotations

from collections.abc import Iterable

from app.accounts.models import ROLES, User
from app.extensions import db


def create_user(
    email: str,
    full_name: str,
    password: str,
    roles: Iterable[str] = ("customer",),
    preferred_language: str = "en",
) -> User:
    """Create an account with the given roles."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    user = User(
        email=email.strip().lower(),
        full_name=full_name.strip(),
        roles=list(dict.fromkeys(roles)),
        preferred_language=preferred_language,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def set_preferred_language(user: User, language: str) -> None:
    """Remember the language the person reads AromaSouQ in."""
    if user.preferred_language != language:
        user.preferred_language = language
        db.session.flush()


def authenticate(email: str, password: str) -> User | None:
    """The active account with this email and password, or None (the same None for either mistake)."""
    from app.accounts.queries import find_user_by_email

    user = find_user_by_email(email)
    if user is None:
        User(password_hash="").check_password(password)  # spend the same time as a real check
        return None
    if not user.check_password(password) or not user.is_active:
        return None
    return user
