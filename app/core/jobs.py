"""Jobs of the plumbing itself, and the table of recurring jobs the scheduler enqueues."""
from __future__ import annotations

import time

from app.admin.jobs import copy_store_traffic
from app.core.queues import SCHEDULER_BEAT_KEY, redis_connection
from app.notifications.jobs import sweep_notifications
from app.orders.jobs import cancel_expired_card_orders
from app.search.jobs import sweep_stale_listing

def record_scheduler_beat() -> float:
    """Prove the scheduler → queue → worker path works: /health shows how long ago this ran."""
    now = time.time()
    redis_connection().set(SCHEDULER_BEAT_KEY, f"{now:.3f}")
    return now


# (queue, job, interval in seconds). Later issues add their sweepers and reminders here.
RECURRING_JOBS = [
    ("default", record_scheduler_beat, 60),
    ("notifications", sweep_notifications, 60),  # re-enqueue outbox rows whose delivery job was lost
    ("default", cancel_expired_card_orders, 60),  # unpaid card orders give their stock back
    ("default", copy_store_traffic, 600),  # the day's visitors and product views, from Redis into PostgreSQL
    ("search", sweep_stale_listing, 300),  # listing rows whose refresh job was lost while Redis was out
]
