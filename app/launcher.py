"""`make run`: the whole marketplace on one machine.

Starts the embedded PostgreSQL and Redis (unless DATABASE_URL / REDIS_URL are set), migrates, loads the
demo data into an empty database, then serves with gunicorn beside one RQ worker and the recurring-job
scheduler. Ctrl-C or SIGTERM stops every process it started, in reverse order.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from app.config import PROJECT_ROOT, Config
from app.embedded import EmbeddedPostgres, EmbeddedRedis

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


def prepare_database() -> list[str]:
    """Apply migrations and load the demo data into an empty database; return the demo logins."""
    from flask_migrate import upgrade

    from app import create_app
    from app.core.demo import DemoDataRefused, load_demo_data

    app = create_app()
    with app.app_context():
        upgrade()
        try:
            return load_demo_data()
        except DemoDataRefused as refusal:
            say(f"demo data not loaded: {refusal}")
            return []


def spawn(name: str, command: list[str], env: dict[str, str]) -> tuple[str, subprocess.Popen]:
    """Start a child in its own session: the terminal's Ctrl-C reaches us, and we stop it in order."""
    return name, subprocess.Popen(command, cwd=PROJECT_ROOT, env=env, start_new_session=True)


def stop_children(children: list[tuple[str, subprocess.Popen]]) -> None:
    for name, process in reversed(children):
        if process.poll() is None:
            process.terminate()
    for name, process in reversed(children):
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            say(f"{name} did not stop in time; killing it")
            process.kill()
            process.wait()


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
        demo_logins = prepare_database()
        env = dict(os.environ)
        python = sys.executable
        children.append(spawn("worker", [python, "worker.py"], env))
        children.append(spawn("scheduler", [python, "worker.py", "--cron"], env))
        children.append(spawn("web", [
            python, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4",
            "--graceful-timeout", "5", "--log-level", "warning", "wsgi:app",
        ], env))
        announce(port, demo_logins)
        while True:
            for name, process in children:
                if process.poll() is not None:
                    say(f"{name} exited with {process.returncode}; stopping everything")
                    return 1
            if os.getppid() != parent:  # `make` was killed without passing the signal on
                return 0
            time.sleep(0.5)
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


def announce(port: int, demo_logins: list[str]) -> None:
    password = os.environ.get("DEMO_PASSWORD", "aromasouq-demo")
    say(f"AromaSouQ is running at http://127.0.0.1:{port}/  (health: /health; Ctrl-C to stop)")
    logins = demo_logins or [f"{role}@example.com" for role in ("customer", "vendor", "courier", "admin")]
    say("demo accounts: " + ", ".join(logins) + f"  password: {password}")


if __name__ == "__main__":
    sys.exit(main())
