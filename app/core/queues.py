"""Redis and the RQ queues: `notifications`, `search`, `default`; jobs enqueued after commit.

What a commit did is done: a Redis that is down or frozen afterwards never turns it into an error page. Its
jobs are then left to the sweepers (the outbox's re-enqueues undelivered notifications once Redis is back), and
short socket timeouts keep a frozen Redis from holding a request.
"""
from __future__ import annotations

import logging
import time

from flask import current_app
from redis import Redis
from redis.exceptions import RedisError
from rq import Queue
from sqlalchemy import event
from sqlalchemy.orm import Session

QUEUE_NAMES = ("notifications", "search", "default")
WORKER_HEARTBEAT_KEY = "aromasouq:worker:heartbeat"
SCHEDULER_BEAT_KEY = "aromasouq:scheduler:beat"
PENDING_JOBS = "aromasouq_pending_jobs"
# A web request waits at most this long (seconds) for one Redis command, and for a connection.
SOCKET_TIMEOUT, CONNECT_TIMEOUT = 2, 1
logger = logging.getLogger(__name__)


def redis_connection() -> Redis:
    """The app's Redis client (one connection pool per process)."""
    connection = current_app.extensions.get("redis")
    if connection is None:
        connection = Redis.from_url(current_app.config["REDIS_URL"], socket_timeout=SOCKET_TIMEOUT,
                                    socket_connect_timeout=CONNECT_TIMEOUT)
        current_app.extensions["redis"] = connection
    return connection


def get_queue(name: str = "default") -> Queue:
    if name not in QUEUE_NAMES:
        raise ValueError(f"unknown queue {name!r}")
    return Queue(name, connection=redis_connection())


def enqueue_after_commit(session: Session, queue_name: str, func, *args, **kwargs) -> None:
    """Enqueue `func(*args, **kwargs)` once `session` commits; a rollback drops it."""
    get_queue(queue_name)  # fail now, inside the request, on an unknown queue name
    session.info.setdefault(PENDING_JOBS, []).append((queue_name, func, args, kwargs))


@event.listens_for(Session, "after_commit")
def _enqueue_pending_jobs(session: Session) -> None:
    pending = session.info.pop(PENDING_JOBS, [])
    for done, (queue_name, func, args, kwargs) in enumerate(pending):
        try:
            get_queue(queue_name).enqueue(func, *args, **kwargs)
        except (RedisError, OSError) as error:
            left = [f"{queue}:{job.__name__}" for queue, job, _args, _kwargs in pending[done:]]
            logger.warning("Redis is unavailable (%s); jobs left for the sweepers: %s", type(error).__name__,
                           ", ".join(left), extra={"fields": {"jobs_not_enqueued": left}})
            return  # the next ones would wait for the same timeout


@event.listens_for(Session, "after_rollback")
def _drop_pending_jobs(session: Session) -> None:
    session.info.pop(PENDING_JOBS, None)


def record_worker_heartbeat(connection: Redis) -> None:
    connection.set(WORKER_HEARTBEAT_KEY, f"{time.time():.3f}")


def seconds_since(connection: Redis, key: str) -> float | None:
    raw = connection.get(key)
    return None if raw is None else max(0.0, time.time() - float(raw))


def queue_lengths(connection: Redis) -> dict[str, int]:
    return {name: Queue(name, connection=connection).count for name in QUEUE_NAMES}
