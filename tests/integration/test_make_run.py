"""`make run`'s launcher as a person uses it: starts everything, serves, reports healthy, and stops cleanly."""
import os
import re
import signal
import subprocess
import sys
import time

import psutil
import pytest
import requests

from app.embedded import free_port
from tests.processes import PROJECT_ROOT, wait_until

pytestmark = pytest.mark.slow


def start_launcher(instance, port):
    env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "REDIS_URL")}
    env.update(INSTANCE_PATH=str(instance), PORT=str(port), APP_ENV="development", LOG_LEVEL="WARNING")
    return subprocess.Popen([sys.executable, "-m", "app.launcher"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def healthy(url):
    try:
        return requests.get(url + "/health", timeout=3).status_code == 200
    except requests.RequestException:
        return False


def processes_started_by(launcher, instance):
    """The launcher's descendants (web, worker, scheduler, Redis) and the PostgreSQL server with its backends."""
    found = psutil.Process(launcher.pid).children(recursive=True)
    for process in psutil.process_iter(["cmdline"]):
        if str(instance) in " ".join(process.info["cmdline"] or []):
            found += [process, *process.children(recursive=True)]
    return found


def all_gone(processes):
    return not [process for process in processes if process.is_running() and process.status() != "zombie"]


def stop(launcher, how=signal.SIGINT):
    launcher.send_signal(how)
    output, _ = launcher.communicate(timeout=60)
    return output


def test_make_run_serves_the_marketplace_and_stops_everything(tmp_path):
    instance, port = tmp_path / "instance", free_port()
    url = f"http://127.0.0.1:{port}"
    launcher = start_launcher(instance, port)
    try:
        wait_until(lambda: healthy(url) or launcher.poll() is not None, timeout=120, what="healthy marketplace")
        assert launcher.poll() is None
        home = requests.get(url + "/", headers={"Accept-Language": "ar"}, timeout=5)
        assert '<html lang="ar" dir="rtl"' in home.text
        report = requests.get(url + "/health", timeout=5).json()
        assert report["database"]["ok"] and report["redis"]["ok"] and report["worker"]["ok"]
        started_processes = processes_started_by(launcher, instance)
        commands = " ".join(" ".join(process.cmdline()) for process in started_processes)
        assert "redis-server" in commands and "postgres" in commands and "gunicorn" in commands
        assert "worker.py --cron" in commands
    finally:
        output = stop(launcher, signal.SIGINT)
    assert "http://127.0.0.1:%d/" % port in output
    assert "admin@example.com" in output and "aromasouq-demo" in output
    assert re.search(r"second factor: add the secret [A-Z2-7]{32} to an authenticator app", output)
    wait_until(lambda: all_gone(started_processes), timeout=20, what="every process stopped")

    # A second run reuses the data (the demo accounts are not loaded twice) and is healthy within 20 s.
    launcher = start_launcher(instance, port)
    started = time.monotonic()
    try:
        wait_until(lambda: healthy(url) or launcher.poll() is not None, timeout=20, what="healthy again")
        assert launcher.poll() is None and time.monotonic() - started < 20
        started_processes = processes_started_by(launcher, instance)
    finally:
        output = stop(launcher, signal.SIGTERM)
    assert "demo data not loaded: the database already holds accounts" in output
    wait_until(lambda: all_gone(started_processes), timeout=20, what="every process stopped")


def test_health_names_redis_when_it_is_stopped(tmp_path):
    instance, port = tmp_path / "instance", free_port()
    url = f"http://127.0.0.1:{port}"
    launcher = start_launcher(instance, port)
    try:
        wait_until(lambda: healthy(url) or launcher.poll() is not None, timeout=120, what="healthy marketplace")
        started_processes = processes_started_by(launcher, instance)
        redis_server = next(p for p in started_processes if "redis-server" in " ".join(p.cmdline()))
        redis_server.terminate()
        wait_until(lambda: all_gone([redis_server]), timeout=10, what="Redis stopped")
        response = requests.get(url + "/health", timeout=10)
        assert response.status_code == 503
        assert "redis unreachable" in response.json()["redis"]["error"]
    finally:
        stop(launcher)
    wait_until(lambda: all_gone(started_processes), timeout=20, what="every process stopped")
