"""Back-office reads about people: the users table (search by name, email or mobile; role, verified and
active filters), one account with its shop and latest orders."""
from __future__ import annotations

import unicodedata

from flask import abort
from sqlalchemy import select

from app.accounts.models import User
from app.extensions import db
from app.orders.models import Order
from app.vendors.models import Vendor

USER_SORT_COLUMNS = {"name": User.full_name, "email": User.email, "joined": User.created_at}
YES_NO = ("yes", "no")
LATEST_ORDERS = 10


def like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def mobile_digits(text: str) -> str:
    """The digits of a typed mobile (Arabic-Indic digits too), without the trunk 0 of a local number:
    "050 123 4567" and "٠٥٠١٢٣٤٥٦٧" both look for "501234567" inside +971501234567."""
    digits = "".join(str(unicodedata.digit(char)) for char in text if unicodedata.digit(char, None) is not None)
    return digits.lstrip("0")


def users_matching(filters: dict[str, str]):
    """SELECT of accounts by text (name, email or mobile), role, verified email and active state."""
    query = select(User)
    if "q" in filters:
        text = filters["q"]
        found = User.full_name.ilike(like_pattern(text)) | User.email.ilike(like_pattern(text))
        digits = mobile_digits(text)
        if len(digits) >= 4:
            found = found | User.mobile.like(like_pattern(digits))
        query = query.where(found)
    if "role" in filters:
        query = query.where(User.roles.any(filters["role"]))
    if "verified" in filters:
        query = query.where(User.email_verified_at.isnot(None) if filters["verified"] == "yes"
                            else User.email_verified_at.is_(None))
    if "active" in filters:
        active = User.is_active_account & User.deleted_at.is_(None)
        query = query.where(active if filters["active"] == "yes" else ~active)
    return query


def get_user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def users_by_ids(user_ids: list[int]) -> list[User]:
    """The accounts among these ids (unknown ids are left out), locked for a bulk change."""
    if not user_ids:
        return []
    return list(db.session.scalars(select(User).where(User.id.in_(user_ids)).order_by(User.id).with_for_update()))


def latest_orders_of(user: User, limit: int = LATEST_ORDERS) -> list[Order]:
    return list(db.session.scalars(select(Order).where(Order.user_id == user.id)
                                   .order_by(Order.created_at.desc(), Order.id.desc()).limit(limit)))


def shop_of(user: User) -> Vendor | None:
    """The shop the account owns, if it applied for one."""
    return db.session.scalar(select(Vendor).where(Vendor.owner_id == user.id).order_by(Vendor.id).limit(1))
