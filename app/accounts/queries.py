"""Reading accounts."""
from __future__ import annotations

from sqlalchemy import func, select

from app.accounts.models import User
from app.extensions import db, login_manager


def find_user_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == email.strip().lower()))


def count_users() -> int:
    return db.session.scalar(select(func.count()).select_from(User)) or 0


@login_manager.user_loader
def load_signed_in_user(user_id: str) -> User | None:
    """Flask-Login's loader: the account behind the session, if it still may sign in."""
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    return user if user is not None and user.is_active else None
