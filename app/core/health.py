"""The state of the parts the marketplace needs, as /health reports it."""
from __future__ import annotations

from flask import current_app
from redis.exceptions import RedisError
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.core.queues import (
    SCHEDULER_BEAT_KEY,
    WORKER_HEARTBEAT_KEY,
    queue_lengths,
    redis_connection,
    seconds_since,
)
from app.extensions import db


def check_database() -> dict:
    try:
        db.session.execute(text("SELECT 1"))
        return {"ok": True}
    except SQLAlchemyError as error:
        db.session.rollback()
        return {"ok": False, "error": f"database unreachable: {type(error).__name__}"}


def check_redis_and_worker() -> tuple[dict, dict, dict]:
    """Redis, the worker's heartbeat, and the queue lengths (the last two need the first)."""
    max_age = current_app.config["WORKER_HEARTBEAT_MAX_AGE"]
    try:
        connection = redis_connection()
        connection.ping()
        heartbeat_age = seconds_since(connection, WORKER_HEARTBEAT_KEY)
        scheduler_age = seconds_since(connection, SCHEDULER_BEAT_KEY)
        queues = queue_lengths(connection)
    except (RedisError, OSError) as error:
        unreachable = f"redis unreachable: {type(error).__name__}"
        return {"ok": False, "error": unreachable}, {"ok": False, "error": unreachable}, {}
    if heartbeat_age is None:
        worker = {"ok": False, "error": "no worker heartbeat recorded", "heartbeat_age_seconds": None}
    elif heartbeat_age > max_age:
        worker = {
            "ok": False,
            "error": f"worker heartbeat is stale ({heartbeat_age:.0f}s > {max_age}s)",
            "heartbeat_age_seconds": round(heartbeat_age, 1),
        }
    else:
        worker = {"ok": True, "heartbeat_age_seconds": round(heartbeat_age, 1)}
    worker["scheduler_beat_age_seconds"] = None if scheduler_age is None else round(scheduler_age, 1)
    return {"ok": True}, worker, queues


def health_report() -> tuple[dict, bool]:
    database = check_database()
    redis_state, worker, queues = check_redis_and_worker()
    healthy = database["ok"] and redis_state["ok"] and worker["ok"]
    report = {
        "status": "ok" if healthy else "unavailable",
        "version": current_app.config["APP_VERSION"],
        "database": database,
        "redis": redis_state,
        "worker": worker,
        "queues": queues,
    }
    return report, healthy
