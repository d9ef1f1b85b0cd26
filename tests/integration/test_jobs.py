"""RQ on a real worker process: jobs enqueued after commit, dropped on rollback, and the scheduler's beat."""
import time

from rq.job import Job

from app.accounts.services import create_user
from app.core.jobs import record_scheduler_beat
from app.core.queues import SCHEDULER_BEAT_KEY, enqueue_after_commit, get_queue
from tests.processes import wait_until


def test_a_job_enqueued_after_commit_runs_on_the_worker(app, committed_db, redis_client, worker):
    redis_client.delete(SCHEDULER_BEAT_KEY)
    with app.test_request_context():
        create_user("beat@example.com", "Beat", "long enough password")
        enqueue_after_commit(committed_db.session, "default", record_scheduler_beat)
        assert get_queue("default").count == 0  # nothing before the commit
        committed_db.session.commit()
    wait_until(lambda: redis_client.exists(SCHEDULER_BEAT_KEY), timeout=20, what="job ran on the worker")
    assert abs(float(redis_client.get(SCHEDULER_BEAT_KEY)) - time.time()) < 30


def test_a_rolled_back_change_enqueues_nothing(app, committed_db, redis_client):
    with app.test_request_context():
        enqueue_after_commit(committed_db.session, "notifications", record_scheduler_beat)
        committed_db.session.rollback()
        committed_db.session.commit()
        assert get_queue("notifications").count == 0


def test_worker_runs_jobs_inside_the_app_context_with_the_database(app, committed_db, redis_client, worker):
    from app.accounts.queries import count_users

    with app.app_context():
        create_user("counted@example.com", "Counted", "long enough password")
        committed_db.session.commit()
        job = get_queue("default").enqueue(count_users)
    wait_until(lambda: Job.fetch(job.id, connection=redis_client).is_finished, timeout=20, what="job finished")
    assert Job.fetch(job.id, connection=redis_client).return_value() == 1


def test_the_recurring_scheduler_enqueues_its_jobs(app, committed_db, redis_client, services, worker):
    from tests.conftest import TEST_INSTANCE
    from tests.processes import start_process, stop_process

    redis_client.delete(SCHEDULER_BEAT_KEY)
    scheduler = start_process(["worker.py", "--cron"], services.environment(), TEST_INSTANCE / "cron.log")
    try:
        wait_until(lambda: redis_client.exists(SCHEDULER_BEAT_KEY), timeout=30, what="scheduled beat")
    finally:
        stop_process(scheduler)
    with app.app_context():  # the jobs it enqueued write to the database: let them end before it is emptied
        queues = [get_queue(name) for name in ("default", "notifications")]
        wait_until(lambda: all(queue.count == 0 and queue.started_job_registry.count == 0 for queue in queues),
                   timeout=30, what="the recurring jobs done")
