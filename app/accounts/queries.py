"""Reading accounts."""
from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db, login_manager


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def totp_secret_of(email: str) -> str | None:
    """The second-factor secret of an account (`make run` prints the demo admin's)."""
    user = find_user_by_email(email)
    return user.totp_secret if user is not None else None


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


@login_manager.user_loader
def load_signed_in_user(session_id: str) -> User | None:
    """Flask-Login's loader: the account behind a session or remember cookie ("id:session version"),
    only while that version is current and the account may sign in."""
    user_id, _, version = session_id.partition(":")
    if not (user_id.isdigit() and version.isdigit()):
        return None
    user = db.session.get(User, int(user_id))
    if user is None or not user.is_active or user.session_version != int(version):
        return None
    return user
