"""Writing the notification outbox. Services flush; the request (or the delivery job) commits once.

Other domains call `notify(...)` inside their own transaction: the rows commit with the change that
causes them, and a job on the `notifications` queue delivers each one after the commit.
"""
from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select, update

from app.core.queues import enqueue_after_commit
from app.extensions import db
from app.notifications.messages import check_payload, choose_channels, message_kind
from app.notifications.models import Notification

LANGUAGES = ("en", "ar")
MAX_ATTEMPTS = 5
RETRY_BASE_DELAY = timedelta(seconds=30)


def notify(user, kind: str, payload: dict | None = None, *, channels=None,
           email_to: str | None = None) -> list[Notification]:
    """Write the outbox rows for `kind` to `user`, in the user's preferred_language, and deliver them after commit.

    `channels=None` means the kind's default channels; either way only the channels the account can
    receive and has not turned off. `email_to` sends the email row to another address (the old one,
    when the email address changes). Returns the rows written, flushed and not committed.
    """
    from app.notifications.jobs import deliver_notification  # the job module imports this one

    message = message_kind(kind)
    payload = dict(payload or {})
    check_payload(message, payload)
    if user.id is None:
        db.session.flush()
    language = user.preferred_language if user.preferred_language in LANGUAGES else "en"
    rows = [
        Notification(user_id=user.id, channel=channel, kind=kind, language=language, payload=payload,
                     recipient=recipient_for(channel, user, email_to))
        for channel in choose_channels(message, user, channels, email_to)
    ]
    db.session.add_all(rows)
    db.session.flush()  # the ids the jobs need
    for row in rows:
        enqueue_after_commit(db.session, "notifications", deliver_notification, row.id)
    return rows


def recipient_for(channel: str, user, email_to: str | None = None) -> str:
    """The address a row is sent to, as it is now: a later change of address does not redirect it."""
    if channel == "email":
        return (email_to or user.email).strip()
    if channel == "sms":
        return user.mobile
    return ""


def claim_pending_notification(notification_id: int) -> Notification | None:
    """Lock the row for delivery if it is still pending and due; None if it is delivered, failed,
    not yet due, or being delivered by another job right now (its lock is skipped, not waited for)."""
    return db.session.scalar(
        select(Notification)
        .where(Notification.id == notification_id, Notification.status == "pending",
               Notification.next_attempt_at <= func.now())
        .with_for_update(skip_locked=True)
    )


def mark_delivered(notification: Notification) -> None:
    """Record that the row reached its channel (same transaction as the claim)."""
    notification.status = "delivered"
    notification.delivered_at = func.now()
    notification.last_error = None
    db.session.flush()


def retry_delay(attempts: int) -> timedelta | None:
    """How long to wait after `attempts` failed attempts: 30 s × 2^attempts; None after the last one."""
    if attempts >= MAX_ATTEMPTS:
        return None
    return RETRY_BASE_DELAY * 2 ** attempts


def record_failed_attempt(notification: Notification, reason: str) -> timedelta | None:
    """Count a failed send and keep its reason; schedule the next attempt, or give up after the last.

    Returns the delay before the next attempt, or None when the row is now `failed`.
    """
    notification.attempts += 1
    notification.last_error = reason[:2000]
    delay = retry_delay(notification.attempts)
    if delay is None:
        notification.status = "failed"
    else:
        notification.next_attempt_at = func.now() + delay
    db.session.flush()
    return delay


def reclaim_overdue_notifications(overdue_after: timedelta, limit: int) -> list[int]:
    """Ids of pending rows whose attempt was due more than `overdue_after` ago (their job was lost:
    a killed worker, a flushed Redis). Their due time moves to now, so the next sweep leaves them
    alone for another `overdue_after` while the new job runs. Rows being sent right now are locked
    by their job and skipped."""
    overdue = (
        select(Notification.id)
        .where(Notification.status == "pending", Notification.next_attempt_at < func.now() - overdue_after)
        .order_by(Notification.next_attempt_at)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    return list(db.session.scalars(
        update(Notification).where(Notification.id.in_(overdue)).values(next_attempt_at=func.now())
        .returning(Notification.id)
    ))


def mark_notification_read(notification: Notification) -> None:
    """Mark one in-app notification read (reading it twice keeps the first time)."""
    if notification.read_at is None:
        notification.read_at = func.now()
        db.session.flush()


def mark_all_notifications_read(user) -> int:
    """Mark every unread in-app notification of the account read; returns how many were unread."""
    result = db.session.execute(
        update(Notification)
        .where(Notification.user_id == user.id, Notification.channel == "in_app", Notification.read_at.is_(None))
        .values(read_at=func.now())
        .execution_options(synchronize_session=False)
    )
    return result.rowcount
