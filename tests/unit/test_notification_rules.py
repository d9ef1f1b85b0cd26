"""The outbox's pure rules: which channels a message goes out on, back-off, and the message registry."""
from datetime import timedelta
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_file

from app.accounts.models import User
from app.notifications.messages import KINDS, MessageKind, choose_channels, in_app_message, message_kind
from app.notifications.models import Notification
from app.notifications.services import MAX_ATTEMPTS, retry_delay

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
# The payloads the accounts code passes, kind by kind.
PAYLOADS = {
    "verify_email": {"name": "Layla", "verify_url": "https://aromasouq.example/verify/abc"},
    "password_reset": {"name": "Layla", "reset_url": "https://aromasouq.example/reset/abc"},
    "welcome": {"name": "Layla", "shop_url": "https://aromasouq.example/products"},
    "password_changed": {"name": "Layla", "reset_url": "https://aromasouq.example/reset/abc"},
    "email_changed": {"name": "Layla", "old_email": "old@example.com", "new_email": "new@example.com"},
    "order_placed": {"name": "Layla", "order_number": "AS-2026-000123", "total": "AED460.00",
                     "lines": [["Royal Oud", "100 ml", 1, "AED450.00"]], "payment_method": "cod", "guest": False,
                     "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "order_cancelled": {"name": "Layla", "order_number": "AS-2026-000123", "total": "AED460.00",
                        "lines": [["Royal Oud", "100 ml", 1, "AED450.00"]], "payment_method": "cod", "guest": True,
                        "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "order_delivered": {"name": "Layla", "order_number": "AS-2026-000123", "total": "AED460.00",
                        "lines": [["Royal Oud", "100 ml", 1, "AED450.00"]], "payment_method": "cod", "guest": False,
                        "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "sub_order_received": {"name": "Hessa", "shop": "Souq A", "order_number": "AS-2026-000123", "items": 2,
                           "total": "AED900.00"},
    "order_shipped": {"name": "Layla", "order_number": "AS-2026-000123", "shop": "Souq A", "carrier": "Aramex",
                      "tracking_number": "AWB1234567890",
                      "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "order_paid": {"number": "AS-2026-000123", "amount": "AED460.00",
                   "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "order_refunded": {"number": "AS-2026-000123", "amount": "AED120.00",
                       "order_url": "https://aromasouq.example/account/orders/AS-2026-000123"},
    "vendor_application_received": {"name": "Aisha", "shop": "Souq A",
                                    "review_url": "https://aromasouq.example/admin/vendors/7"},
    "vendor_approved": {"name": "Hessa", "shop": "Souq A", "portal_url": "https://aromasouq.example/vendor"},
    "vendor_rejected": {"name": "Hessa", "shop": "Souq A", "reason": "The trade licence copy is unreadable.",
                        "application_url": "https://aromasouq.example/vendor/application"},
    "vendor_suspended": {"name": "Hessa", "shop": "Souq A", "reason": "Counterfeit products were reported.",
                         "application_url": "https://aromasouq.example/vendor/application"},
    "product_approved": {"name": "Hessa", "shop": "Souq A", "product": "Royal Oud",
                         "product_url": "https://aromasouq.example/products/royal-oud"},
    "product_rejected": {"name": "Hessa", "shop": "Souq A", "product": "Royal Oud",
                         "reason": "The photos show another brand.", "portal_url": "https://aromasouq.example/vendor"},
    "product_submitted": {"name": "Aisha", "shop": "Souq A", "product": "Royal Oud",
                          "review_url": "https://aromasouq.example/admin/products/1"},
}


def account(**preferences) -> User:
    settings = dict(email="layla@example.com", mobile="+971501234567", marketing_opt_in=False,
                    notify_orders_by_email=True, notify_orders_by_sms=True, notify_orders_in_app=True,
                    notify_marketing_by_email=False, notify_marketing_by_sms=False)
    settings.update(preferences)
    return User(**settings)


def kind_of(category: str) -> MessageKind:
    return MessageKind(name=f"some_{category}", category=category, channels=("email", "sms", "in_app"),
                       payload_keys=frozenset(), subject="Subject")


def test_the_kinds_default_channels():
    assert choose_channels(message_kind("verify_email"), account()) == ["email"]
    assert choose_channels(message_kind("password_reset"), account()) == ["email"]
    assert choose_channels(message_kind("welcome"), account()) == ["email", "in_app"]
    assert choose_channels(message_kind("password_changed"), account()) == ["email", "sms", "in_app"]
    assert choose_channels(message_kind("email_changed"), account()) == ["email", "in_app"]


def test_no_sms_without_a_mobile():
    assert choose_channels(message_kind("password_changed"), account(mobile=None)) == ["email", "in_app"]
    assert choose_channels(kind_of("orders"), account(mobile=""), channels=["sms"]) == []


def test_account_and_security_messages_ignore_the_order_and_marketing_switches():
    everything_off = account(notify_orders_by_email=False, notify_orders_by_sms=False, notify_orders_in_app=False)
    assert choose_channels(message_kind("password_changed"), everything_off) == ["email", "sms", "in_app"]
    assert choose_channels(kind_of("account"), everything_off) == ["email", "sms", "in_app"]


@pytest.mark.parametrize("switch, channel", [
    ("notify_orders_by_email", "email"), ("notify_orders_by_sms", "sms"), ("notify_orders_in_app", "in_app"),
])
def test_order_updates_honour_each_channel_switch(switch, channel):
    chosen = choose_channels(kind_of("orders"), account(**{switch: False}))
    assert channel not in chosen and len(chosen) == 2


def test_marketing_needs_the_opt_in_and_the_channel_switch():
    assert choose_channels(kind_of("marketing"), account(notify_marketing_by_email=True)) == []
    opted_in = account(marketing_opt_in=True, notify_marketing_by_email=True)
    assert choose_channels(kind_of("marketing"), opted_in) == ["email", "in_app"]
    assert choose_channels(kind_of("marketing"), account(marketing_opt_in=True, notify_marketing_by_sms=True)) == [
        "sms", "in_app"]


def test_requested_channels_replace_the_defaults_but_not_the_preferences():
    assert choose_channels(message_kind("password_changed"), account(), channels=["in_app"]) == ["in_app"]
    assert choose_channels(kind_of("orders"), account(notify_orders_by_sms=False), channels=["sms"]) == []
    with pytest.raises(ValueError):
        choose_channels(message_kind("welcome"), account(), channels=["pigeon"])


def test_an_unknown_kind_is_refused():
    with pytest.raises(ValueError):
        message_kind("free_perfume")


def test_back_off_doubles_from_a_minute_and_stops_after_the_last_attempt():
    assert [retry_delay(attempts) for attempts in range(1, MAX_ATTEMPTS)] == [
        timedelta(seconds=60), timedelta(seconds=120), timedelta(seconds=240), timedelta(seconds=480)]
    assert MAX_ATTEMPTS == 5 and retry_delay(MAX_ATTEMPTS) is None


def test_every_kind_has_its_email_templates_and_texts_for_its_payload():
    assert set(PAYLOADS) == set(KINDS)
    for name, kind in KINDS.items():
        assert (TEMPLATES / "emails" / f"{name}.html").exists() and (TEMPLATES / "emails" / f"{name}.txt").exists()
        assert kind.payload_keys == set(PAYLOADS[name])
        assert "%(" not in str(kind.subject) % PAYLOADS[name]
        if "sms" in kind.channels:
            assert "%(" not in str(kind.sms) % PAYLOADS[name]
        if "in_app" in kind.channels:
            message = in_app_message(Notification(kind=name, payload=PAYLOADS[name]))
            assert message.title and "%(" not in message.title + message.body


def msgids(path: Path) -> set[str]:
    """The sentences a template translates, as `pybabel extract` with babel.cfg sees them."""
    found = extract_from_file("jinja2", str(path), options={"trimmed": "true"})
    return {message if isinstance(message, str) else message[0] for _, message, _, _ in found}


def test_plain_text_emails_say_only_what_the_html_emails_say():
    # babel.cfg extracts templates/**.html only: a sentence new in a .txt would never be translated.
    for text_template in (TEMPLATES / "emails").glob("*.txt"):
        html_template = text_template.with_suffix(".html")
        assert msgids(text_template) <= msgids(html_template), text_template.name
