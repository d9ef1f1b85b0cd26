"""Card payments against a real localstripe (a stateful Stripe server from PyPI with a Stripe.js stand-in).

Fixtures: `localstripe` (the server of the test session, on a free port), `stripe_configured` (the session
app pointed at it for one test), `card_live_server` (gunicorn with the Stripe settings, its webhook
registered at localstripe with our secret). Helpers: `signed_event` / `post_event` (an event signed as Stripe
signs them), `pay_at_localstripe` (a card confirmed server-side, as the stand-in's page does), `wait_for`.
Import the fixtures into a test module: `from tests.payments_fixtures import localstripe, ...  # noqa: F401`.
"""
from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import time
from dataclasses import dataclass

import pytest
import requests

from tests.conftest import TEST_INSTANCE

SECRET_KEY = "sk_test_aromasouq_localstripe"
PUBLISHABLE_KEY = "pk_test_aromasouq_localstripe"
WEBHOOK_SECRET = "whsec_aromasouq_test_secret"
VISA = "4242424242424242"
DECLINED = "4000000000000341"  # attaches, then its charge is declined


@dataclass(frozen=True)
class LocalStripe:
    url: str

    def settings(self) -> dict[str, str]:
        return {"STRIPE_SECRET_KEY": SECRET_KEY, "STRIPE_PUBLISHABLE_KEY": PUBLISHABLE_KEY,
                "STRIPE_WEBHOOK_SECRET": WEBHOOK_SECRET, "STRIPE_API_BASE": self.url,
                "STRIPE_JS_URL": f"{self.url}/js.stripe.com/v3/"}

    def api(self, method: str, path: str, **data):
        where = {"params": data} if method == "GET" else {"data": data}
        answer = requests.request(method, self.url + path, auth=(SECRET_KEY, ""), timeout=10, **where)
        return answer.json()

    def payment_intent(self, intent_id: str) -> dict:
        return self.api("GET", f"/v1/payment_intents/{intent_id}")

    def payment_intents(self) -> list[dict]:
        return self.api("GET", "/v1/payment_intents", limit=100)["data"]

    def register_webhook(self, url: str) -> None:
        answer = requests.post(f"{self.url}/_config/webhooks/aromasouq", data={"url": url, "secret": WEBHOOK_SECRET},
                               timeout=10)
        answer.raise_for_status()


@pytest.fixture(scope="session")
def localstripe():
    """`python -m localstripe` on a free port, from scratch, for the whole test session."""
    from app.embedded import free_port
    from tests.processes import answers, start_process, stop_process, wait_until

    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = start_process(["-m", "localstripe", "--port", str(port), "--from-scratch"], dict(os.environ),
                            TEST_INSTANCE / "localstripe.log")
    try:
        wait_until(lambda: answers(f"{url}/js.stripe.com/v3/") or process.poll() is not None, timeout=30,
                   what="localstripe")
        assert process.poll() is None, (TEST_INSTANCE / "localstripe.log").read_text()
        yield LocalStripe(url)
    finally:
        stop_process(process)


@pytest.fixture
def stripe_configured(app, localstripe):
    """The session's app with card payments on, against localstripe, for this test only."""
    saved = {key: app.config[key] for key in localstripe.settings()}
    app.config.update(localstripe.settings())
    yield localstripe
    app.config.update(saved)


@pytest.fixture(scope="session")
def card_live_server(app, services, localstripe):
    """gunicorn serving the app with card payments on; localstripe delivers its webhooks here."""
    from app.embedded import free_port
    from tests.processes import answers, start_process, stop_process, wait_until

    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = services.environment(SITE_URL=base_url, **localstripe.settings())
    process = start_process(
        ["-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "4", "wsgi:app"],
        env, TEST_INSTANCE / "card-web.log",
    )
    try:
        wait_until(lambda: answers(base_url + "/") or process.poll() is not None, timeout=30, what="web server")
        assert process.poll() is None, (TEST_INSTANCE / "card-web.log").read_text()
        localstripe.register_webhook(base_url + "/payments/stripe/webhook")
        yield base_url
    finally:
        stop_process(process)


def signed_event(event_type: str, intent: dict, secret: str = WEBHOOK_SECRET, event_id: str | None = None,
                 timestamp: int | None = None) -> tuple[bytes, dict[str, str]]:
    """A Stripe event about `intent` and the headers Stripe would send with it (signed with `secret`)."""
    timestamp = timestamp or int(time.time())
    payload = json.dumps({"id": event_id or f"evt_{secrets.token_hex(12)}", "object": "event", "type": event_type,
                          "created": timestamp, "data": {"object": intent}}).encode()
    signature = hmac.new(secret.encode(), b"%d.%s" % (timestamp, payload), hashlib.sha256).hexdigest()
    return payload, {"Stripe-Signature": f"t={timestamp},v1={signature}", "Content-Type": "application/json"}


def post_event(client, event_type: str, intent: dict, **options):
    payload, headers = signed_event(event_type, intent, **options)
    return client.post("/payments/stripe/webhook", data=payload, headers=headers)


def pay_at_localstripe(localstripe: LocalStripe, intent_id: str, card: str = VISA) -> dict:
    """Confirm the PaymentIntent with a card, as the stand-in's page does; returns the intent (or the error)."""
    token = localstripe.api("POST", "/v1/tokens", **{"card[number]": card, "card[exp_month]": "12",
                                                     "card[exp_year]": "2030", "card[cvc]": "123"})
    localstripe.api("POST", f"/v1/payment_intents/{intent_id}", payment_method=token["card"]["id"])
    return localstripe.api("POST", f"/v1/payment_intents/{intent_id}/confirm")


def wait_for(condition, timeout: float = 15, what: str = "condition"):
    from tests.processes import wait_until

    return wait_until(condition, timeout=timeout, interval=0.2, what=what)
