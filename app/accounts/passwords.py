"""What makes a password acceptable: at least 10 characters, and not one that everybody uses."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

MINIMUM_LENGTH = 10
MAXIMUM_LENGTH = 256
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def is_common_password(password: str) -> bool:
    return password.strip().lower() in common_passwords()


def password_problem(password: str, email: str = "") -> str | None:
    """The reason a password is refused ("too_short", "too_long", "common", "is_email"), or None."""
    if len(password) < MINIMUM_LENGTH:
        return "too_short"
    if len(password) > MAXIMUM_LENGTH:
        return "too_long"
    if is_common_password(password):
        return "common"
    if email and password.strip().lower() in {email.lower(), email.split("@")[0].lower()}:
        return "is_email"
    return None
