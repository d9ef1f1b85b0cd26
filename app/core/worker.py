"""The RQ worker and the recurring-job scheduler that `worker.py` runs."""
from __future__ import annotations

import logging

from flask import Flask
from rq import Worker
from rq.cron import CronScheduler

from app.core.jobs import RECURRING_JOBS
from app.core.queues import QUEUE_NAMES, record_worker_heartbeat, redis_connection
from app.extensions import db

# Idle workers heartbeat every WORKER_TTL - 15 seconds (RQ's dequeue timeout).
WORKER_TTL = 30


class MarketplaceWorker(Worker):
    """An RQ worker whose jobs run inside the app context and whose heartbeat /health reads."""

    flask_app: Flask

    def heartbeat(self, timeout=None, pipeline=None):
        super().heartbeat(timeout, pipeline)
        record_worker_heartbeat(self.connection)

    def perform_job(self, job, queue):
        # Runs in the forked work horse: it must not reuse the parent's database connections.
        with self.flask_app.app_context():
            db.engine.dispose(close=False)
            try:
                return super().perform_job(job, queue)
            finally:
                db.session.remove()


def run_worker(app: Flask, burst: bool = False) -> None:
    with app.app_context():
        connection = redis_connection()
    worker = MarketplaceWorker(list(QUEUE_NAMES), connection=connection, worker_ttl=WORKER_TTL)
    worker.flask_app = app
    record_worker_heartbeat(connection)
    worker.work(burst=burst, with_scheduler=True, logging_level=app.config["LOG_LEVEL"])


def run_recurring_job_scheduler(app: Flask) -> None:
    """Enqueue RECURRING_JOBS on time (run exactly one of these per deployment)."""
    with app.app_context():
        connection = redis_connection()
    scheduler = CronScheduler(connection=connection, logging_level=app.config["LOG_LEVEL"])
    for queue_name, job, interval in RECURRING_JOBS:
        scheduler.register(job, queue_name, interval=interval)
    logging.getLogger(__name__).info("recurring job scheduler starting with %d jobs", len(RECURRING_JOBS))
    scheduler.start()
