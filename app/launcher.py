"""`make run`: the whole marketplace on one machine.

Starts the embedded PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set) and, when no Stripe keys are
set, localstripe as the local card processor (never in production); migrates, loads the demo data into an empty
database, then serves with gunicorn beside one RQ worker and the recurring-job scheduler. Ctrl-C, SIGTERM or
SIGHUP stops every process it started, in reverse order, and exits 0 however many signals arrive and whenever.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

from app.config import PROJECT_ROOT, Config

DATABASE_NAME = "aromasouq"
SERVICES_FILE_NAME = "embedded-services.json"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
TEST_CARD = "4242 4242 4242 4242"


class ShutdownRequested(Exception):
    pass


class StopRequests:
    """Ctrl-C, SIGTERM and SIGHUP as one ShutdownRequested: raised at most once, never inside a shielded step
    (starting a process and recording it) and never once stopping has begun; later signals are only noted.

    A process manager, `timeout` or a double Ctrl-C sends several signals to the whole process group; an
    exception raised by the second one inside the stopping itself would leave the servers running.
    """

    def __init__(self) -> None:
        self.requested = False
        self.may_raise = True
        self.shields = 0

    def listen(self) -> None:
        for number in STOP_SIGNALS:
            signal.signal(number, self.on_signal)

    def on_signal(self, signum, frame) -> None:
        self.requested = True
        self.raise_if_due()

    def raise_if_due(self) -> None:
        if self.requested and self.may_raise and not self.shields:
            self.may_raise = False
            raise ShutdownRequested()

    @contextmanager
    def shielded(self):
        """Let the step finish before a signal acts, so that what it starts is recorded and later stopped."""
        self.shields += 1
        try:
            yield
        finally:
            self.shields -= 1
        self.raise_if_due()

    def stopping_begins(self) -> None:
        self.may_raise = False

    def ignore_from_now(self) -> None:
        """Everything has stopped: ignore further signals (at exit Python would restore the default action,
        and a late SIGTERM would end the process with "Terminated" instead of 0)."""
        for number in STOP_SIGNALS:
            signal.signal(number, signal.SIG_IGN)


def say(message: str) -> None:
    try:
        print(f"[aromasouq] {message}", flush=True)
    except OSError:  # the terminal or pipe went away: stopping must go on quietly
        pass


def prepare_database() -> tuple[list[str], str | None]:
    """Apply migrations and load the demo data into an empty database; return the demo logins and
    the demo admin's second-factor secret."""
    from flask_migrate import upgrade

    from app import create_app
    from app.accounts.demo import DEMO_ADMIN_EMAIL
    from app.accounts.queries import totp_secret_of
    from app.core.demo import DemoDataRefused, load_demo_data

    app = create_app()
    with app.app_context():
        upgrade()
        try:
            logins = load_demo_data()
        except DemoDataRefused as refusal:
            say(f"demo data not loaded: {refusal}")
            logins = []
        return logins, totp_secret_of(DEMO_ADMIN_EMAIL)


def wants_local_card_processor(config: Config) -> bool:
    """No Stripe setting at all: localstripe stands in, except in production, where card payment stays off."""
    if any(os.environ.get(name) for name in ("STRIPE_SECRET_KEY", "STRIPE_PUBLISHABLE_KEY",
                                             "STRIPE_WEBHOOK_SECRET")):
        return False
    if config.is_production:
        say("card payments are off: no Stripe keys are set (localstripe is never started in production)")
        return False
    return True


class Child:
    """A process we started and keep running: a crashed worker is restarted (with back-off), so that
    an outage of Redis shows on /health instead of taking the whole marketplace down."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], restart: bool, shielded):
        self.name, self.command, self.env, self.restart = name, command, env, restart
        self.shielded = shielded
        self.restarts = 0
        self.restart_at: float | None = None
        self.process = self.spawn()

    def spawn(self) -> subprocess.Popen:
        # Its own session: the terminal's Ctrl-C reaches only us, and we stop the children in order.
        return subprocess.Popen(self.command, cwd=PROJECT_ROOT, env=self.env, start_new_session=True)

    def keep_running(self) -> bool:
        """Restart the process if it died and may be restarted; False when it died for good."""
        if self.process.poll() is None:
            return True
        if not self.restart:
            say(f"{self.name} exited with {self.process.returncode}; stopping everything")
            return False
        now = time.monotonic()
        if self.restart_at is None:
            delay = min(30, 2 ** self.restarts)
            say(f"{self.name} exited with {self.process.returncode}; restarting in {delay}s")
            self.restart_at = now + delay
        elif now >= self.restart_at:
            self.restarts += 1
            self.restart_at = None
            with self.shielded():
                self.process = self.spawn()
        return True

    def terminate(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()

    def wait(self) -> None:
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            say(f"{self.name} did not stop in time; killing it")
            self.process.kill()
            self.process.wait()


class Marketplace:
    """Everything one `make run` starts, recorded as it starts, so that stopping stops all of it."""

    def __init__(self, port: int, stops: StopRequests):
        self.port, self.stops = port, stops
        self.instance = Path(Config().INSTANCE_PATH)
        self.services_file = self.instance / SERVICES_FILE_NAME
        self.servers: list = []  # the embedded servers, in the order they started
        self.children: list[Child] = []  # worker, scheduler, web
        self.card_processor = None
        self.said_stopping = self.said_stopped = False

    def run(self) -> int:
        """Start everything, serve until a child dies for good or `make` goes away; return the exit status."""
        parent = os.getppid()
        self.instance.mkdir(parents=True, exist_ok=True)
        settings = self.start_services()
        os.environ.update(settings)
        if settings:
            self.services_file.write_text(json.dumps(settings))
        demo_logins, admin_totp_secret = prepare_database()
        if self.card_processor is not None:
            self.card_processor.register_webhook(f"http://127.0.0.1:{self.port}/payments/stripe/webhook")
        env = dict(os.environ)
        self.start_children(env)
        web = self.children[-1]
        wait_for(lambda: accepts_connections(self.port) or web.process.poll() is not None,
                 timeout=60, what="the web server")
        # The scheduler only enqueues recurring jobs: it starts once the site is up, so that on a busy machine it
        # does not compete with the web server and the worker for the CPU while they load the app.
        self.start_child("scheduler", [sys.executable, "worker.py", "--cron"], env, restart=True)
        announce(self.port, demo_logins, admin_totp_secret, self.card_processor is not None)
        while all(child.keep_running() for child in self.children):
            if os.getppid() != parent:  # `make` was killed without passing the signal on
                return 0
            time.sleep(0.5)
        return 1

    def start_services(self) -> dict[str, str]:
        """Start what is not configured; return the settings that point the app at it."""
        from app.embedded import EmbeddedPostgres, EmbeddedRedis, EmbeddedStripe

        settings, card_processor = {}, None
        if wants_local_card_processor(Config()):  # it comes up while the databases do
            card_processor = EmbeddedStripe(self.instance / "localstripe")
            self.start_server(card_processor, card_processor.launch)
        if not os.environ.get("DATABASE_URL"):
            postgres = self.start_server(EmbeddedPostgres(self.instance / "postgres"))
            settings["DATABASE_URL"] = postgres.create_database(DATABASE_NAME)
            say(f"embedded PostgreSQL on 127.0.0.1:{postgres.port} (data in instance/postgres)")
        if not os.environ.get("REDIS_URL"):
            redis_server = self.start_server(EmbeddedRedis(self.instance / "redis"))
            settings["REDIS_URL"] = redis_server.url()
            say(f"embedded Redis on 127.0.0.1:{redis_server.port} (data in instance/redis)")
        if card_processor is not None:
            self.card_processor = card_processor.wait_until_ready()
            settings.update(self.card_processor.settings())
            say(f"localstripe on 127.0.0.1:{self.card_processor.port}: card payments in test mode "
                f"(data in instance/localstripe)")
        return settings

    def start_server(self, server, start=None):
        """Start an embedded server (`start`: another way than its start()) as one step a signal waits for,
        recorded before it starts."""
        with self.stops.shielded():
            self.servers.append(server)
            (start or server.start)()
        return server

    def start_children(self, env: dict[str, str]) -> None:
        python = sys.executable
        self.start_child("worker", [python, "worker.py"], env, restart=True)
        # --preload: the app is imported once and its two workers forked from it (no connection is opened at
        # import), which halves the start-up's CPU on a two-core machine.
        self.start_child("web", [
            python, "-m", "gunicorn", "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "4",
            "--preload", "--graceful-timeout", "5", "--log-level", "warning", "wsgi:app",
        ], env, restart=False)

    def start_child(self, name: str, command: list[str], env: dict[str, str], restart: bool) -> None:
        with self.stops.shielded():
            self.children.append(Child(name, command, env, restart, self.stops.shielded))

    def stop(self) -> None:
        """Stop everything, newest first. Safe to call again when a signal cut the first call short."""
        self.stops.stopping_begins()
        if not self.said_stopping:
            self.said_stopping = True
            say("stopping…")
        for child in reversed(self.children):
            child.terminate()
        for child in reversed(self.children):
            child.wait()
        for server in reversed(self.servers):
            server.stop()
        stop_leftover_processes()
        self.services_file.unlink(missing_ok=True)
        if not self.said_stopped:
            self.said_stopped = True
            say("stopped")
        self.stops.ignore_from_now()


def stop_leftover_processes() -> None:
    """End any child process still ours (one a signal caught half-started), so that nothing outlives the run."""
    import psutil

    leftovers = psutil.Process().children(recursive=True)
    for process in leftovers:
        try:
            process.terminate()
        except psutil.NoSuchProcess:
            pass
    _gone, alive = psutil.wait_procs(leftovers, timeout=10)
    for process in alive:
        try:
            process.kill()
        except psutil.NoSuchProcess:
            pass


def main() -> int:
    stops = StopRequests()
    marketplace = None
    try:
        stops.listen()
        marketplace = Marketplace(int(os.environ.get("PORT", "5000")), stops)
        try:
            return marketplace.run()
        finally:
            marketplace.stop()
    except ShutdownRequested:
        if marketplace is not None:
            marketplace.stop()  # finishes what a signal interrupted (nothing twice)
        else:
            stops.ignore_from_now()
        return 0


def wait_for(check, timeout: float, what: str) -> None:
    from app.embedded import wait_for as wait

    wait(check, timeout, what)


def accepts_connections(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def announce(port: int, demo_logins: list[str], admin_totp_secret: str | None, local_cards: bool) -> None:
    from app.accounts.demo import DEMO_ACCOUNTS, DEMO_ADMIN_EMAIL

    config = Config()
    say(f"AromaSouQ is running at http://127.0.0.1:{port}/  (health: /health; Ctrl-C to stop)")
    if config.DEMO_DATA:
        logins = demo_logins or [email for email, *_ in DEMO_ACCOUNTS]
        say("demo accounts: " + ", ".join(logins) + f"  password: {config.DEMO_PASSWORD}")
    if config.DEMO_DATA and admin_totp_secret:
        uri = f"otpauth://totp/AromaSouQ:{DEMO_ADMIN_EMAIL}?secret={admin_totp_secret}&issuer=AromaSouQ"
        say(f"demo admin's second factor: add the secret {admin_totp_secret} to an authenticator app ({uri})")
    if local_cards:
        say(f"card payments in test mode: pay with the test card {TEST_CARD}, any future date, any CVC")


if __name__ == "__main__":
    sys.exit(main())
