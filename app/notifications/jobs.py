"""The outbox's jobs: deliver one row at most once, and sweep up rows whose job was lost.

Delivery claims the row with SELECT … FOR UPDATE SKIP LOCKED, sends it, and marks it delivered in the
same transaction. A second job for the same row finds nothing to do. If the worker dies mid-send its
database connection dies too, the lock goes with it, the row stays pending and the sweeper re-enqueues it.
"""
from __future__ import annotations

import logging
from datetime import timedelta

from app.core.queues import enqueue_after_commit, get_queue
from app.extensions import db
from app.notifications.channels import send_notification
from app.notifications.services import (
    claim_pending_notification,
    mark_delivered,
    reclaim_overdue_notifications,
    record_failed_attempt,
)

logger = logging.getLogger(__name__)

# The normal path enqueues on commit (first attempts) or at next_attempt_at (retries): the sweeper
# steps in only once a row is this overdue, so it does not race that path.
OVERDUE_AFTER = timedelta(minutes=2)
SWEEP_BATCH = 500


def deliver_notification(notification_id: int) -> str:
    """Deliver one outbox row: claim it, send it, mark it, in one transaction; retry later on failure."""
    notification = claim_pending_notification(notification_id)
    if notification is None:
        db.session.rollback()
        return "nothing to deliver"
    try:
        send_notification(notification)
    except Exception as error:  # any failure to send is retried, and its reason kept on the row
        reason = f"{type(error).__name__}: {error}"
        delay = record_failed_attempt(notification, reason)
        attempts = notification.attempts
        db.session.commit()
        if delay is None:
            logger.error("notification %s failed after %s attempts: %s", notification_id, attempts, reason)
            return "failed"
        logger.warning("notification %s attempt %s failed, retrying in %s: %s",
                       notification_id, attempts, delay, reason)
        get_queue("notifications").enqueue_in(delay, deliver_notification, notification_id)
        return f"retry in {int(delay.total_seconds())} s"
    mark_delivered(notification)
    db.session.commit()
    return "delivered"


def sweep_notifications() -> int:
    """Re-enqueue outbox rows whose delivery is overdue (the recurring scheduler runs this every minute)."""
    overdue = reclaim_overdue_notifications(OVERDUE_AFTER, SWEEP_BATCH)
    for notification_id in overdue:
        enqueue_after_commit(db.session, "notifications", deliver_notification, notification_id)
    db.session.commit()
    if overdue:
        logger.warning("re-enqueued %d overdue notifications", len(overdue))
    return len(overdue)
