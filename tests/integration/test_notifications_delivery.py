"""The notification outbox on real parts: PostgreSQL, Redis, RQ workers, an SMTP server (aiosmtpd) and a
local HTTP server standing in for Twilio's API.

Redis databases keep the workers apart: the session's shared worker consumes database 0; here a worker
with mail and Twilio settings consumes OUTBOX_DB, the worker that is killed mid-send consumes STALLED_DB,
and in-process deliveries enqueue on QUIET_DB, which no worker reads.
"""
from __future__ import annotations

import asyncio
import email
import email.policy
import json
import threading
import time
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
import re
from urllib.parse import parse_qs, urlsplit, urlunsplit

import psutil
import pytest
from aiosmtpd.controller import Controller
from redis import Redis
from rq.job import Job
from rq.registry import ScheduledJobRegistry
from sqlalchemy import func, select, text

from app.core.jobs import RECURRING_JOBS
from app.core.queues import WORKER_HEARTBEAT_KEY, get_queue
from app.embedded import free_port
from app.notifications.jobs import deliver_notification, sweep_notifications
from app.notifications.messages import KINDS
from app.notifications.models import Notification
from app.notifications.services import notify
from tests.conftest import TEST_INSTANCE
from tests.processes import start_process, stop_process, wait_until

OUTBOX_DB, STALLED_DB, QUIET_DB = 1, 2, 3
TWILIO_SID = "AC" + "0123456789abcdef" * 2
TWILIO_FROM = "+15005550006"
LAYLA_MOBILE = "+971501234567"


# ---- Real servers the worker talks to ---------------------------------------------------------

class MailStore:
    """An aiosmtpd handler that keeps every message it accepts."""

    def __init__(self):
        self.messages: list[email.message.EmailMessage] = []

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        message["X-Envelope-To"] = ", ".join(envelope.rcpt_tos)
        self.messages.append(message)
        return "250 2.0.0 Message accepted"

    def to(self, address: str) -> list:
        return [message for message in self.messages if message["X-Envelope-To"] == address]


class RefusingMailServer:
    async def handle_DATA(self, server, session, envelope):
        return "550 5.7.1 Mailbox unavailable"


class StallingMailServer:
    """Accepts a message's data, then hangs until released: a worker killed now has not finished sending."""

    def __init__(self):
        self.receiving = threading.Event()
        self.released = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.receiving.set()
        while not self.released.is_set():
            await asyncio.sleep(0.05)
        return "451 4.3.0 Try again later"


def smtp_server(handler) -> Controller:
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    return controller


class TwilioStandIn(BaseHTTPRequestHandler):
    """Answers POST …/Messages.json as Twilio does, and records the request."""

    requests: list[dict] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = {key: values[0] for key, values in parse_qs(body).items()}
        self.requests.append({"path": self.path, "form": form, "authorization": self.headers["Authorization"]})
        answer = json.dumps({"sid": "SM" + "1" * 32, "account_sid": TWILIO_SID, "status": "queued",
                             "to": form.get("To"), "from": form.get("From"), "body": form.get("Body")}).encode()
        self.send_response(201)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def mail_server():
    store = MailStore()
    controller = smtp_server(store)
    yield controller.port, store
    controller.stop()


@pytest.fixture(scope="module")
def twilio_api():
    server = ThreadingHTTPServer(("127.0.0.1", free_port()), TwilioStandIn)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", TwilioStandIn.requests
    server.shutdown()
    server.server_close()
    thread.join()


def redis_url_for(services, number: int) -> str:
    parts = urlsplit(services.redis_url)
    return urlunsplit(parts._replace(path=f"/{number}"))


def start_worker(services, redis_url: str, log_name: str, **settings):
    connection = Redis.from_url(redis_url)
    connection.delete(WORKER_HEARTBEAT_KEY)
    process = start_process(["worker.py"], services.environment(REDIS_URL=redis_url, **settings),
                            TEST_INSTANCE / log_name)
    wait_until(lambda: connection.exists(WORKER_HEARTBEAT_KEY) or process.poll() is not None,
               timeout=30, what="notifications worker heartbeat")
    connection.close()
    assert process.poll() is None, (TEST_INSTANCE / log_name).read_text()
    return process


@pytest.fixture(scope="module")
def outbox_worker(services, mail_server, twilio_api):
    """The one worker on OUTBOX_DB, sending mail to `mail_server` and SMS to `twilio_api`."""
    process = start_worker(
        services, redis_url_for(services, OUTBOX_DB), "notifications-worker.log",
        MAIL_SERVER="127.0.0.1", MAIL_PORT=str(mail_server[0]), TWILIO_ACCOUNT_SID=TWILIO_SID,
        TWILIO_AUTH_TOKEN="twilio-test-token", TWILIO_PHONE_NUMBER=TWILIO_FROM, TWILIO_API_BASE_URL=twilio_api[0],
    )
    yield process
    stop_process(process)
    Redis.from_url(redis_url_for(services, OUTBOX_DB)).close()


@pytest.fixture
def flush_databases(services):
    yield
    for number in (OUTBOX_DB, STALLED_DB, QUIET_DB):
        connection = Redis.from_url(redis_url_for(services, number))
        connection.flushdb()
        connection.close()


@pytest.fixture
def outbox_app(make_app, services, mail_server, committed_db, flush_databases):
    """An app whose jobs go to the outbox worker (rows committed for real, emptied after the test)."""
    return make_app(REDIS_URL=redis_url_for(services, OUTBOX_DB), MAIL_SERVER="127.0.0.1",
                    MAIL_PORT=mail_server[0])


@pytest.fixture
def quiet_app(make_app, services, committed_db, flush_databases, tmp_path):
    """Factory: an app whose jobs nobody runs (the test delivers in-process), mail and SMS to tmp_path."""
    def factory(**settings):
        settings = {"REDIS_URL": redis_url_for(services, QUIET_DB), "INSTANCE_PATH": str(tmp_path),
                    "MAIL_SERVER": "", **settings}
        return make_app(**settings)
    return factory


def add_user(application, email="layla@example.com", full_name="Layla Haddad", language="en", mobile=None):
    from app.accounts.services import create_user
    from app.extensions import db

    with application.app_context():
        user = create_user(email, full_name, "correct horse battery", preferred_language=language)
        user.mobile = mobile
        db.session.commit()
        return user.id


def write(application, user_id, kind, payload, **options) -> list[int]:
    """notify() inside a transaction that commits, as a request would."""
    from app.accounts.models import User
    from app.extensions import db

    with application.app_context():
        rows = notify(db.session.get(User, user_id), kind, payload, **options)
        db.session.commit()
        return [row.id for row in rows]


def row(application, notification_id) -> Notification:
    from app.extensions import db

    with application.app_context():
        found = db.session.get(Notification, notification_id)
        db.session.expunge_all()
        return found


def delivered(application, *ids) -> bool:
    return all(row(application, notification_id).status == "delivered" for notification_id in ids)


WELCOME = {"name": "Layla", "shop_url": "http://127.0.0.1:5000/products"}
RESET = {"name": "Layla", "reset_url": "http://127.0.0.1:5000/reset-password/abc"}
VERIFY = {"name": "Layla", "verify_url": "http://127.0.0.1:5000/verify-email/abc"}


# ---- Writing the outbox ---------------------------------------------------------------------------

def test_notify_writes_a_row_per_channel_that_is_enqueued_only_on_commit(quiet_app):
    from app.accounts.models import User
    from app.extensions import db

    application = quiet_app()
    user_id = add_user(application, language="ar", mobile=LAYLA_MOBILE)
    with application.app_context():
        user = db.session.get(User, user_id)
        rows = notify(user, "password_changed", RESET)
        assert [(r.channel, r.recipient, r.language, r.status) for r in rows] == [
            ("email", "layla@example.com", "ar", "pending"), ("sms", LAYLA_MOBILE, "ar", "pending"),
            ("in_app", "", "ar", "pending")]
        assert all(r.id for r in rows) and get_queue("notifications").count == 0  # flushed, not committed
        db.session.commit()
        queued = get_queue("notifications").jobs
        assert sorted(job.args[0] for job in queued) == sorted(r.id for r in rows)
        assert {job.func_name for job in queued} == {"app.notifications.jobs.deliver_notification"}
        with pytest.raises(ValueError):
            notify(user, "password_changed", {"name": "Layla"})  # no reset_url


def test_email_to_sends_the_email_row_elsewhere(quiet_app):
    application = quiet_app()
    user_id = add_user(application, email="new@example.com")
    ids = write(application, user_id, "email_changed",
                {"name": "Layla", "old_email": "old@example.com", "new_email": "new@example.com"},
                email_to="old@example.com")
    assert [(row(application, i).channel, row(application, i).recipient) for i in ids] == [
        ("email", "old@example.com"), ("in_app", "")]


def test_a_rolled_back_notification_is_never_sent(outbox_app, outbox_worker, mail_server):
    from app.accounts.models import User
    from app.extensions import db

    store = mail_server[1]
    user_id = add_user(outbox_app)
    with outbox_app.app_context():
        notify(db.session.get(User, user_id), "password_reset", RESET)
        db.session.rollback()
    [marker] = write(outbox_app, user_id, "verify_email", VERIFY)
    wait_until(lambda: delivered(outbox_app, marker), timeout=10, what="the marker delivered")
    assert [message["Subject"] for message in store.to("layla@example.com")] == [
        "Confirm your email address for AromaSouQ"]
    with outbox_app.app_context():
        assert db.session.scalar(select(func.count()).select_from(Notification)) == 1


# ---- Delivery by a real worker ----------------------------------------------------------------------

def test_the_worker_delivers_email_over_smtp_and_marks_the_rows(outbox_app, outbox_worker, mail_server):
    store = mail_server[1]
    user_id = add_user(outbox_app, email="welcome@example.com")
    email_id, in_app_id = write(outbox_app, user_id, "welcome", WELCOME)
    wait_until(lambda: delivered(outbox_app, email_id, in_app_id), timeout=10, what="welcome delivered")
    [message] = store.to("welcome@example.com")
    assert message["Subject"] == "Welcome to AromaSouQ, Layla"
    assert message["Message-ID"] == f"<notification-{email_id}@aromasouq.example>"
    assert message["From"] == "AromaSouQ <no-reply@aromasouq.example>"
    alternative = next(part for part in message.walk() if part.get_content_type() == "multipart/alternative")
    plain, html = [part.get_content() for part in alternative.iter_parts()]
    assert "Hello Layla," in plain and WELCOME["shop_url"] in plain
    assert '<html lang="en" dir="ltr">' in html and f'href="{WELCOME["shop_url"]}"' in html
    assert "AromaSouQ" in html and "Start exploring" in html
    email_row = row(outbox_app, email_id)
    assert email_row.delivered_at is not None and email_row.attempts == 0 and email_row.last_error is None


def test_a_notification_whose_job_runs_three_times_is_sent_once(outbox_app, outbox_worker, mail_server):
    store = mail_server[1]
    user_id = add_user(outbox_app, email="twice@example.com")
    [email_id] = write(outbox_app, user_id, "verify_email", VERIFY)
    with outbox_app.app_context():
        queue = get_queue("notifications")
        extra = [queue.enqueue(deliver_notification, email_id) for _ in range(2)]
        connection = queue.connection
    wait_until(lambda: all(Job.fetch(job.id, connection=connection).is_finished for job in extra),
               timeout=10, what="every job ran")
    assert [Job.fetch(job.id, connection=connection).return_value() for job in extra] == ["nothing to deliver"] * 2
    assert len(store.to("twice@example.com")) == 1 and delivered(outbox_app, email_id)


def test_twilio_receives_the_sms(outbox_app, outbox_worker, twilio_api):
    requests = twilio_api[1]
    requests.clear()
    user_id = add_user(outbox_app, mobile=LAYLA_MOBILE)
    [sms_id] = write(outbox_app, user_id, "password_changed", RESET, channels=["sms"])
    wait_until(lambda: delivered(outbox_app, sms_id), timeout=10, what="sms delivered")
    [request] = requests
    assert request["path"] == f"/2010-04-01/Accounts/{TWILIO_SID}/Messages.json"
    assert request["form"]["To"] == LAYLA_MOBILE and request["form"]["From"] == TWILIO_FROM
    assert request["form"]["Body"] == (
        "AromaSouQ: the password of your account was just changed. If this wasn't you, reset it now: "
        + RESET["reset_url"])
    assert request["authorization"].startswith("Basic ")


def test_a_worker_killed_mid_send_loses_nothing(services, make_app, outbox_app, outbox_worker, mail_server):
    """The row stays pending (its lock died with the worker's connection); the sweeper re-sends it once."""
    from app.extensions import db

    stalling = StallingMailServer()
    controller = smtp_server(stalling)
    stalled_redis = redis_url_for(services, STALLED_DB)
    worker = start_worker(services, stalled_redis, "stalled-worker.log",
                          MAIL_SERVER="127.0.0.1", MAIL_PORT=str(controller.port))
    try:
        stalled_app = make_app(REDIS_URL=stalled_redis)
        user_id = add_user(stalled_app, email="killed@example.com")
        [email_id] = write(stalled_app, user_id, "password_reset", RESET)
        assert stalling.receiving.wait(10), "the worker never reached the SMTP server"
        kill_worker_and_work_horse(worker)
    finally:
        stalling.released.set()
        stop_process(worker)
        controller.stop()
    wait_until(lambda: not row_is_locked(outbox_app, email_id), timeout=10, what="the dead worker's lock released")
    left = row(outbox_app, email_id)
    assert (left.status, left.attempts, left.delivered_at) == ("pending", 0, None)

    with outbox_app.app_context():
        assert sweep_notifications() == 0  # not overdue yet: its first job might still be on its way
        db.session.execute(text("UPDATE notification SET next_attempt_at = now() - interval '3 minutes'"))
        db.session.commit()
        assert sweep_notifications() == 1  # the sweeper enqueues it for the outbox worker
    wait_until(lambda: delivered(outbox_app, email_id), timeout=10, what="re-delivered")
    assert len(mail_server[1].to("killed@example.com")) == 1


def kill_worker_and_work_horse(worker) -> None:
    """SIGKILL, mid-send: the RQ work horse (which runs the job, in a process group of its own) and its worker."""
    horses = psutil.Process(worker.pid).children(recursive=True)
    assert horses, "the worker has no work horse: the job is not running"
    for horse in horses:
        horse.kill()
    worker.kill()
    worker.wait()
    psutil.wait_procs(horses, timeout=5)


def row_is_locked(application, notification_id) -> bool:
    from app.extensions import db

    with application.app_context():
        free = db.session.scalar(select(Notification.id).where(Notification.id == notification_id)
                                 .with_for_update(skip_locked=True))
        db.session.rollback()
        return free is None


# ---- In-process: retries, the sweeper, files instead of servers ------------------------------------

def test_a_refused_email_is_retried_with_back_off_then_failed(quiet_app):
    from app.extensions import db

    refusing = smtp_server(RefusingMailServer())
    try:
        application = quiet_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=refusing.port)
        [email_id] = write(application, add_user(application), "verify_email", VERIFY)
        with application.app_context():
            scheduled = ScheduledJobRegistry("notifications", connection=get_queue("notifications").connection)
            for attempt in range(1, 6):
                outcome = deliver_notification(email_id)
                failed = db.session.get(Notification, email_id)
                assert failed.attempts == attempt and "550" in failed.last_error
                if attempt < 5:
                    assert outcome == f"retry in {30 * 2 ** attempt} s" and failed.status == "pending"
                    wait = db.session.scalar(select(Notification.next_attempt_at - func.now())
                                             .where(Notification.id == email_id))
                    assert abs(wait - timedelta(seconds=30 * 2 ** attempt)) < timedelta(seconds=5)
                    assert scheduled.count == attempt
                    assert deliver_notification(email_id) == "nothing to deliver"  # not due yet
                    db.session.execute(text("UPDATE notification SET next_attempt_at = now()"))  # time passes
                    db.session.commit()
            assert outcome == "failed" and failed.status == "failed" and scheduled.count == 4
            assert "SMTPDataError" in failed.last_error and "Mailbox unavailable" in failed.last_error
            assert deliver_notification(email_id) == "nothing to deliver"
    finally:
        refusing.stop()


def test_a_closed_mail_port_counts_as_a_failed_attempt(quiet_app):
    application = quiet_app(MAIL_SERVER="127.0.0.1", MAIL_PORT=free_port())
    [email_id] = write(application, add_user(application), "verify_email", VERIFY)
    with application.app_context():
        assert deliver_notification(email_id) == "retry in 60 s"
    failed = row(application, email_id)
    assert failed.attempts == 1 and "ConnectionRefusedError" in failed.last_error


def test_a_row_locked_by_another_delivery_is_skipped_and_delivery_happens_once(quiet_app, tmp_path):
    from app.extensions import db

    application = quiet_app()
    [email_id] = write(application, add_user(application), "verify_email", VERIFY)
    with application.app_context():
        with db.engine.connect() as other_job:
            other_job.execute(text("SELECT id FROM notification WHERE id = :id FOR UPDATE"), {"id": email_id})
            assert deliver_notification(email_id) == "nothing to deliver"  # skipped, not waited for
            other_job.rollback()
        assert deliver_notification(email_id) == "delivered"
        assert deliver_notification(email_id) == "nothing to deliver"
    assert len(list((tmp_path / "mail").glob("*.eml"))) == 1


def test_the_sweeper_re_enqueues_only_overdue_pending_rows(quiet_app):
    from app.extensions import db

    assert ("notifications", sweep_notifications, 60) in RECURRING_JOBS
    application = quiet_app()
    user_id = add_user(application)
    [fresh] = write(application, user_id, "verify_email", VERIFY)
    [overdue] = write(application, user_id, "password_reset", RESET)
    [done] = write(application, user_id, "verify_email", VERIFY)
    with application.app_context():
        queue = get_queue("notifications")
        queue.empty()
        db.session.execute(text("UPDATE notification SET next_attempt_at = now() - interval '3 minutes' "
                                "WHERE id IN (:overdue, :done)"), {"overdue": overdue, "done": done})
        db.session.execute(text("UPDATE notification SET status = 'delivered' WHERE id = :done"), {"done": done})
        db.session.commit()
        assert sweep_notifications() == 1
        assert [job.args for job in queue.jobs] == [(overdue,)]
        assert sweep_notifications() == 0  # its due time moved to now: the new job gets its chance
        assert fresh not in [job.args[0] for job in queue.jobs]


def test_without_a_mail_server_emails_are_written_as_eml_files(quiet_app, tmp_path):
    application = quiet_app()
    [email_id] = write(application, add_user(application), "verify_email", VERIFY)
    with application.app_context():
        assert deliver_notification(email_id) == "delivered"
    [path] = (tmp_path / "mail").glob("*.eml")
    assert path.name.endswith(f"-{email_id}-verify_email.eml") and path.name[:8].isdigit()
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["To"] == "layla@example.com" and message["Message-ID"] == f"<notification-{email_id}@aromasouq.example>"
    assert {part.get_content_type() for part in message.walk()} >= {"multipart/alternative", "text/plain", "text/html"}
    assert VERIFY["verify_url"] in message.get_body(("plain",)).get_content()


def test_without_twilio_sms_are_appended_to_the_sms_log(quiet_app, tmp_path):
    application = quiet_app(TWILIO_ACCOUNT_SID="", TWILIO_AUTH_TOKEN="", TWILIO_PHONE_NUMBER="")
    user_id = add_user(application, mobile=LAYLA_MOBILE)
    sms_ids = write(application, user_id, "password_changed", RESET, channels=["sms"])
    sms_ids += write(application, user_id, "password_changed", RESET, channels=["sms"])
    with application.app_context():
        assert [deliver_notification(sms_id) for sms_id in sms_ids] == ["delivered", "delivered"]
    lines = (tmp_path / "sms" / "sms.log").read_text().splitlines()
    assert len(lines) == 2
    stamp, to, text_sent = lines[0].split("\t")
    assert to == LAYLA_MOBILE and text_sent.startswith("AromaSouQ: the password") and stamp.startswith("20")


def test_an_arabic_account_is_written_to_in_arabic_right_to_left(quiet_app, tmp_path):
    application = quiet_app()
    user_id = add_user(application, full_name="هدى المنصوري", language="ar", mobile=LAYLA_MOBILE)
    ids = write(application, user_id, "password_changed", {**RESET, "name": "هدى"}, channels=["email", "sms"])
    with application.app_context():
        assert [deliver_notification(i) for i in ids] == ["delivered", "delivered"]
    [path] = (tmp_path / "mail").glob("*.eml")
    message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "تم تغيير كلمة مرور حسابك في أروما سوق"
    assert message["Content-Language"] == "ar"
    html = message.get_body(("html",)).get_content()
    plain = message.get_body(("plain",)).get_content()
    assert '<html lang="ar" dir="rtl">' in html and "مرحبًا هدى،" in html
    assert "إعادة تعيين كلمة المرور" in html and "مرحبًا هدى،" in plain
    sms_line = (tmp_path / "sms" / "sms.log").read_text()
    assert "أروما سوق" in sms_line and RESET["reset_url"] in sms_line


# ---- Account mail end to end: the request writes, the worker sends over SMTP, the test follows the link ----

def link_in(message) -> str:
    body = message.get_body(preferencelist=("plain",)).get_content()
    return urlsplit(re.search(r"https?://\S+", body).group(0)).path


def test_verification_and_reset_mails_arrive_over_smtp_and_their_links_work(outbox_app, outbox_worker, mail_server):
    from tests.conftest import csrf_token_from

    _, store = mail_server
    client = outbox_app.test_client()
    client.post("/register", data={"full_name": "Maitha Al Ketbi", "email": "maitha@example.com",
                                   "password": "frankincense at night", "preferred_language": "ar",
                                   "csrf_token": csrf_token_from(client, "/register")})
    verification = wait_until(lambda: store.to("maitha@example.com"), timeout=20, what="verification mail")[-1]
    assert "dir=\"rtl\"" in verification.get_body(preferencelist=("html",)).get_content()
    assert client.get(link_in(verification)).status_code == 303
    assert "تم تأكيد بريدك الإلكتروني" in client.get("/account").get_data(as_text=True)

    client.post("/sign-out", data={"csrf_token": csrf_token_from(client)})
    store.messages.clear()
    client.post("/forgot-password", data={"email": "maitha@example.com",
                                          "csrf_token": csrf_token_from(client, "/forgot-password")})
    reset = wait_until(lambda: [m for m in store.to("maitha@example.com") if "reset-password" in link_in(m)],
                       timeout=20, what="reset mail")[-1]
    path = link_in(reset)
    response = client.post(path, data={"password": "myrrh and amber 2026", "csrf_token": csrf_token_from(client, path)})
    assert response.status_code == 303
    response = client.post("/sign-in", data={"email": "maitha@example.com", "password": "myrrh and amber 2026",
                                             "csrf_token": csrf_token_from(client, "/sign-in")})
    assert response.status_code == 303


# ---- Every Arabic subject arrives whole; every message is written in one language ----------------------

def sample_payload(kind) -> dict:
    """A payload with every key the kind's texts need, the amounts and names kept as the services keep them."""
    from decimal import Decimal

    from app.notifications.messages import bilingual_value, money_value

    samples = {
        "name": "هدى", "order_number": "AS-2026-000123", "number": "AS-2026-000123",
        "total": money_value(Decimal("2053.25")), "amount": money_value(Decimal("2053.25")),
        "lines": [["نور الغروب", "50 مل", 1, "د.إ.‏ 2,053.25"]], "payment_method": "cod", "guest": False,
        "items": 2, "shop": bilingual_value("Marina Scent Gallery", "معرض مارينا للعطور"),
        "carrier": bilingual_value("Aramex", "أرامكس"), "tracking_number": "AW12345678",
        "reason": "الرخصة التجارية منتهية", "product": "نور الغروب", "old_email": "old@example.com",
        "new_email": "new@example.com",
    }
    return {key: samples.get(key, f"http://127.0.0.1:5000/{key}") for key in kind.payload_keys}


def test_every_arabic_subject_arrives_exactly_as_written(outbox_app, outbox_worker, mail_server):
    from flask_babel import force_locale

    from app.notifications.messages import localised_payload, render_text

    store = mail_server[1]
    user_id = add_user(outbox_app, email="huda@example.com", full_name="هدى المنصوري", language="ar")
    expected, ids = [], []
    for kind in KINDS.values():
        payload = sample_payload(kind)
        with outbox_app.test_request_context(), force_locale("ar"):
            expected.append(render_text(kind.subject, localised_payload(payload)))
        ids += write(outbox_app, user_id, kind.name, payload, channels=["email"])
    wait_until(lambda: delivered(outbox_app, *ids), timeout=30, what="every Arabic email delivered")
    received = sorted(message["Subject"] for message in store.to("huda@example.com"))
    assert received == sorted(expected)
    assert "أكِّد بريدك الإلكتروني في أروما سوق" in received  # folded at "الإلكتروني في", the space kept


def test_an_order_message_reads_in_one_language_whatever_the_page_language(quiet_app, tmp_path):
    """An Arabic account's order message, read in the English centre, is English with an English amount,
    and an English account's, read in Arabic, is Arabic with an Arabic amount; emails keep the row's."""
    from decimal import Decimal

    from flask_babel import force_locale

    from app.core.templating import currency_text
    from app.notifications.messages import in_app_message
    from app.notifications.models import Notification

    application = quiet_app()
    placed = sample_payload(KINDS["order_placed"])
    for account_language, page_language in (("ar", "en"), ("en", "ar")):
        user_id = add_user(application, email=f"{account_language}@example.com", language=account_language)
        email_id, in_app_id = write(application, user_id, "order_placed", placed, channels=["email", "in_app"])
        with application.test_request_context(), force_locale(page_language):
            message = in_app_message(row(application, in_app_id))
            amount = currency_text(Decimal("2053.25"), "AED")
        assert amount in message.body and message.language == page_language
        words = re.sub(r"<[^>]+>|AS-2026-000123", "", str(message.title) + str(message.body))
        assert written_in(words) == page_language, words
        with application.app_context():
            assert deliver_notification(email_id) == "delivered"
    for path in (tmp_path / "mail").glob("*.eml"):
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        html = message.get_body(("html",)).get_content()
        language = message["Content-Language"]
        with application.test_request_context(), force_locale(language):
            amount = currency_text(Decimal("2053.25"), "AED")
        assert amount in html


def test_a_message_stored_with_its_amount_written_out_is_shown_wholly_in_its_own_language(quiet_app):
    from flask_babel import force_locale

    from app.notifications.messages import in_app_message

    application = quiet_app()
    user_id = add_user(application, language="ar")
    legacy = {**sample_payload(KINDS["order_placed"]), "total": "د.إ.‏ 2,053.25"}
    [in_app_id] = write(application, user_id, "order_placed", legacy, channels=["in_app"])
    with application.test_request_context(), force_locale("en"):
        message = in_app_message(row(application, in_app_id))
    assert message.language == "ar" and message.direction == "rtl"
    assert "شكرًا" in str(message.body) and "Thank you" not in str(message.body)


ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")
LATIN_LETTER = re.compile(r"[A-Za-z]")


def written_in(text: str) -> str:
    """'ar' or 'en' when the text's letters are all of one script; 'mixed' otherwise."""
    arabic, latin = bool(ARABIC_LETTER.search(text)), bool(LATIN_LETTER.search(text))
    return "mixed" if arabic and latin else "ar" if arabic else "en"
