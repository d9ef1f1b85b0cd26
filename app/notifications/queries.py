"""Reading notifications, always scoped to the account that owns them."""
from __future__ import annotations

from flask import abort
from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import Select, func, select

from app.extensions import db
from app.notifications.models import Notification

PER_PAGE = 20


def in_app_notifications_of(user) -> Select:
    """The account's in-app notifications (a failed row is not shown; in-app rows do not fail)."""
    return select(Notification).where(
        Notification.user_id == user.id, Notification.channel == "in_app", Notification.status != "failed"
    )


def unread_count_for(user) -> int:
    """How many of the account's in-app notifications are unread (the bell's number)."""
    unread = in_app_notifications_of(user).where(Notification.read_at.is_(None))
    return db.session.scalar(select(func.count()).select_from(unread.subquery())) or 0


def notifications_for(user, page: int = 1, per_page: int = PER_PAGE) -> Pagination:
    """One page of the account's in-app notifications, newest first."""
    query = in_app_notifications_of(user).order_by(Notification.created_at.desc(), Notification.id.desc())
    return db.paginate(query, page=max(page, 1), per_page=per_page, error_out=False, count=True)


def get_notification_for_user_or_404(notification_id: int, user) -> Notification:
    """The account's own in-app notification; anyone else's answers 404, as if it did not exist."""
    notification = db.session.scalar(
        in_app_notifications_of(user).where(Notification.id == notification_id)
    )
    if notification is None:
        abort(404)
    return notification
