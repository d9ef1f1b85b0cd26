"""`make run`'s launcher as a person uses it: starts everything (localstripe as the card processor when no Stripe
keys are set), serves, reports healthy, lets an admin refund a demo card order for real, and stops completely
and quietly however many signals arrive, whenever they arrive."""
import itertools
import json
import os
import re
import signal
import subprocess
import sys
import time

import psutil
import psycopg
import pyotp
import pytest
import requests

from app.embedded import free_port
from tests.processes import PROJECT_ROOT, wait_until

pytestmark = pytest.mark.slow


def start_launcher(instance, port, **settings):
    """The launcher in a process group of its own, as `make run` is in a terminal (group signals reach only it)."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("DATABASE_URL", "REDIS_URL") and not key.startswith("STRIPE_")}
    env.update(INSTANCE_PATH=str(instance), PORT=str(port), APP_ENV="development", LOG_LEVEL="WARNING", **settings)
    return subprocess.Popen([sys.executable, "-m", "app.launcher"], cwd=PROJECT_ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)


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


def processes_of_run(instance):
    """Every live process of the run, found again from scratch: its environment or command line names the
    run's instance directory (web, worker, scheduler, PostgreSQL and its backends, Redis, localstripe)."""
    found = []
    for process in psutil.process_iter(["cmdline", "status"]):
        try:
            if process.info["status"] == psutil.STATUS_ZOMBIE:
                continue
            if str(instance) in " ".join(process.info["cmdline"] or []) or \
                    process.environ().get("INSTANCE_PATH") == str(instance):
                found.append(process)
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return found


def signal_group(launcher, how):
    try:
        os.killpg(launcher.pid, how)
    except ProcessLookupError:  # it has already exited
        pass


def admin_refunds_a_demo_card_order(instance, url) -> tuple[str, str, list[dict]]:
    """Sign in as the demo admin (password and authenticator code), refund AED 10 of a delivered demo card order
    in the back office; return the page's text afterwards, the order's PaymentIntent and localstripe's refunds."""
    services = json.loads((instance / "embedded-services.json").read_text())
    with psycopg.connect(services["DATABASE_URL"].replace("+psycopg", "")) as database:
        secret = database.execute("SELECT totp_secret FROM user_account WHERE email = 'admin@example.com'").fetchone()[0]
        number, intent = database.execute(
            "SELECT o.number, p.payment_intent_id FROM customer_order o JOIN payment p ON p.order_id = o.id"
            " WHERE p.provider = 'stripe' AND o.status = 'delivered' ORDER BY o.id DESC LIMIT 1").fetchone()
    browser = requests.Session()

    def token(page):
        return re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)

    browser.post(url + "/sign-in", data={"email": "admin@example.com", "password": "aromasouq-demo",
                                         "csrf_token": token(browser.get(url + "/sign-in").text)}, timeout=30)
    browser.post(url + "/sign-in/second-factor", timeout=30, data={
        "code": pyotp.TOTP(secret).now(), "csrf_token": token(browser.get(url + "/sign-in/second-factor").text)})
    order_page = browser.get(f"{url}/admin/orders/{number}", timeout=30).text
    answer = browser.post(f"{url}/admin/orders/{number}/refund", timeout=60, data={
        "csrf_token": token(order_page), "refund-part": "order", "refund-amount": "10.00",
        "refund-reason": "A bottle arrived broken.",
        "refund-request_key": re.search(r'name="refund-request_key"[^>]*value="([^"]+)"', order_page).group(1)})
    page_text = " ".join(re.sub(r"<[^>]+>", " ", answer.text).split())
    at_stripe = requests.get(services["STRIPE_API_BASE"] + "/v1/refunds", params={"payment_intent": intent},
                             auth=(services["STRIPE_SECRET_KEY"], ""), timeout=10).json()["data"]
    return page_text, intent, at_stripe


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
        assert "payments/stand_in.py" in commands  # localstripe: no Stripe keys are set
        page, intent, at_stripe = admin_refunds_a_demo_card_order(instance, url)
        assert re.search(r"AED\s?10\.00 refunded\. The customer has been told\.", page), page
        assert [(refund["amount"], refund["payment_intent"]) for refund in at_stripe] == [(1000, intent)]
    finally:
        output = stop(launcher, signal.SIGINT)
    assert "http://127.0.0.1:%d/" % port in output
    assert "pay with the test card 4242 4242 4242 4242" in output
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


# Signals a moment apart: the launcher's Python handler may be running for one when the next arrives.
BURST_PAUSES = (0, 0.0003, 0.0006, 0.001, 0.002, 0.004, 0.008, 0.016, 0.05, 0.1)


@pytest.fixture(scope="module")
def instance_without_demo(tmp_path_factory):
    return tmp_path_factory.mktemp("signals") / "instance"


def assert_stopped_quietly(launcher, instance, output=None):
    output = output if output is not None else launcher.communicate(timeout=90)[0]
    assert launcher.returncode == 0, output
    assert "Traceback" not in output and "ShutdownRequested" not in output, output
    wait_until(lambda: not processes_of_run(instance), timeout=30, what="no process of the run left")
    return output


def test_signals_during_start_up_stop_everything_quietly(instance_without_demo):
    """A burst of signals to the process group once PostgreSQL has started and the rest is still starting."""
    instance = instance_without_demo
    launcher = start_launcher(instance, free_port(), DEMO_DATA="0")
    try:
        wait_until(lambda: any("postgres" in " ".join(process.info["cmdline"] or [])
                               for process in processes_of_run(instance)) or launcher.poll() is not None,
                   timeout=120, what="PostgreSQL started")
        for pause in BURST_PAUSES:
            time.sleep(pause)
            signal_group(launcher, signal.SIGTERM)
    finally:
        output = assert_stopped_quietly(launcher, instance)
    assert "stopped" in output


def test_signals_while_serving_and_while_stopping_stop_everything_quietly(instance_without_demo):
    """Ctrl-C, then SIGTERM and Ctrl-C to the process group, a fraction of a millisecond to a tenth of a second
    apart, until the launcher has exited: the later ones land in the middle of stopping, as a process manager,
    `timeout` or a double Ctrl-C send them."""
    instance, port = instance_without_demo, free_port()
    url = f"http://127.0.0.1:{port}"
    launcher = start_launcher(instance, port, DEMO_DATA="0")
    try:
        wait_until(lambda: healthy(url) or launcher.poll() is not None, timeout=120, what="healthy marketplace")
        assert launcher.poll() is None
        running = processes_of_run(instance)
        assert len(running) >= 8  # web (and its workers), worker, scheduler, PostgreSQL, Redis, localstripe
        signal_group(launcher, signal.SIGINT)
        sent, flood_until = 1, time.monotonic() + 0.3
        while time.monotonic() < flood_until:  # back to back while the first one is being handled
            signal_group(launcher, signal.SIGTERM)
            sent += 1
        pauses = itertools.cycle(BURST_PAUSES)
        while launcher.poll() is None and sent < 5000:
            time.sleep(next(pauses))
            signal_group(launcher, signal.SIGTERM if sent % 2 else signal.SIGINT)
            sent += 1
    finally:
        output = assert_stopped_quietly(launcher, instance)
    assert sent > 3 and output.count("stopping…") == 1 and output.rstrip().endswith("[aromasouq] stopped")
    assert all_gone(running)
