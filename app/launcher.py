"""`make run`: the whole marketplace on one machine.

Starts the embedded PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set), migrates, loads the
demo data into an empty database, then serves with gunicorn beside one RQ worker and the recurring-job
scheduler. Ctrl-C or SIGTERM stops every process it started, in reverse order.
"""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from app.config import PROJECT_ROOT, Config
from app.accounts.demo import DEMO_ACCOUNTS, DEMO_ADMIN_EMAIL
from app.embedded import EmbeddedPostgres, EmbeddedRedis, wait_for

DATABASE_NAME = "aromasouq"
SERVICES_FILE_NAME = "embedded-services.json"


class ShutdownRequested(Exception):
    pass


def request_shutdown(signum, frame):
    raise ShutdownRequested()


def say(message: str) -> None:
    print(f"[aromasouq] {message}", flush=True)


def start_embedded_services(instance: Path) -> tuple[dict[str, str], list]:
    """Start what is not configured; return the URLs to use and the servers to stop later."""
    urls, started = {}, []
    if not os.environ.get("DATABASE_URL"):
        postgres = EmbeddedPostgres(instance / "postgres").start()
        started.append(postgres)
        urls["DATABASE_URL"] = postgres.create_database(DATABASE_NAME)
        say(f"embedded PostgreSQL on 127.0.0.1:{postgres.port} (data in instance/postgres)")
    if not os.environ.get("REDIS_URL"):
        redis_server = EmbeddedRedis(instance / "redis").start()
        started.append(redis_server)
        urls["REDIS_URL"] = redis_server.url()
        say(f"embedded Redis on 127.0.0.1:{redis_server.port} (data in instance/redis)")
    return urls, started


def prepare_database() -> tuple[list[str], str | None]:
    """Apply migrations and load the demo data into an empty database; return the demo logins and
    the demo admin's second-factor secret."""
    from flask_migrate import upgrade

    from app import create_app
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


class Child:
    """A process we started and keep running: a crashed worker is restarted (with back-off), so that
    an outage of Redis shows on /health instead of taking the whole marketplace down."""

    def __init__(self, name: str, command: list[str], env: dict[str, str], restart: bool):
        self.name, self.command, self.env, self.restart = name, command, env, restart
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


def stop_children(children: list[Child]) -> None:
    for child in reversed(children):
        child.terminate()
    for child in reversed(children):
        child.wait()


def main() -> int:
    port = int(os.environ.get("PORT", "5000"))
    instance = Path(Config().INSTANCE_PATH)
    instance.mkdir(parents=True, exist_ok=True)
    services_file = instance / SERVICES_FILE_NAME
    signal.signal(signal.SIGINT, request_shutdown)
    signal.signal(signal.SIGTERM, request_shutdown)
    parent = os.getppid()
    servers, children = [], []
    try:
        urls, servers = start_embedded_services(instance)
        os.environ.update(urls)
        if urls:
            services_file.write_text(json.dumps(urls))
        demo_logins, admin_totp_secret = prepare_database()
        env = dict(os.environ)
        python = sys.executable
        children.append(Child("worker", [python, "worker.py"], env, restart=True))
        children.append(Child("scheduler", [python, "worker.py", "--cron"], env, restart=True))
        children.append(Child("web", [
            python, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
            "--graceful-timeout", "5", "--log-level", "warning", "wsgi:app",
        ], env, restart=False))
        wait_for(lambda: accepts_connections(port) or children[-1].process.poll() is not None,
                 timeout=60, what="the web server")
        announce(port, demo_logins, admin_totp_secret)
        while all(child.keep_running() for child in children):
            if os.getppid() != parent:  # `make` was killed without passing the signal on
                return 0
            time.sleep(0.5)
        return 1
    except ShutdownRequested:
        say("stopping…")
        return 0
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        stop_children(children)
        for server in reversed(servers):
            server.stop()
        services_file.unlink(missing_ok=True)
        say("stopped")


def accepts_connections(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def announce(port: int, demo_logins: list[str], admin_totp_secret: str | None) -> None:
    config = Config()
    say(f"AromaSouQ is running at http://127.0.0.1:{port}/  (health: /health; Ctrl-C to stop)")
    if config.DEMO_DATA:
        logins = demo_logins or [email for email, *_ in DEMO_ACCOUNTS]
        say("demo accounts: " + ", ".join(logins) + f"  password: {config.DEMO_PASSWORD}")
    if config.DEMO_DATA and admin_totp_secret:
        uri = f"otpauth://totp/AromaSouQ:{DEMO_ADMIN_EMAIL}?secret={admin_totp_secret}&issuer=AromaSouQ"
        say(f"demo admin's second factor: add the secret {admin_totp_secret} to an authenticator app ({uri})")


if __name__ == "__main__":
    sys.exit(main())
