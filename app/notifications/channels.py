"""The three channels: email (SMTP or .eml files), SMS (Twilio or a log file) and in-app (the row itself).

Each sender raises on failure; the delivery job counts the attempt and retries. Emails and SMS are
written in the row's language, whatever the language of the request that caused them.
"""
from __future__ import annotations

import base64
import logging
import re
import smtplib
import time
from datetime import datetime, timezone
from email import policy
from email.utils import parseaddr
from pathlib import Path

from flask import current_app
from flask_babel import force_locale
from flask_mail import Connection, Message

from app.core.i18n import text_direction
from app.notifications.messages import email_subject, localised_payload, sms_text

logger = logging.getLogger(__name__)

# A worker holds the row's lock while it sends: never wait on a silent server for long.
SEND_TIMEOUT_SECONDS = 30


def send_notification(notification) -> None:
    """Send the row on its channel (raises when it could not be sent)."""
    SENDERS[notification.channel](notification)


# ---- Email -------------------------------------------------------------------------------------

def send_email(notification) -> None:
    """Send by SMTP when MAIL_SERVER is set; otherwise write an .eml file under <INSTANCE_PATH>/mail/."""
    message = compose_email(notification)
    if current_app.config["MAIL_SERVER"]:
        send_by_smtp(message)
        logger.info("email %s (%s) sent by SMTP", notification.id, notification.kind)
    else:
        path = write_eml_file(notification, message)
        logger.info("email %s (%s) to %s written to %s", notification.id, notification.kind,
                    notification.recipient, path)


def compose_email(notification) -> Message:
    """The email for a row: HTML and plain text in the row's language, with a Message-ID of its own."""
    language = notification.language
    with force_locale(language):
        subject = email_subject(notification)
        context = {
            "payload": localised_payload(notification.payload),
            "subject": subject,
            "lang": language,
            "dir": text_direction(language),
            "site_url": current_app.config["SITE_URL"],
        }
        html = render_email_template(f"emails/{notification.kind}.html", context)
        text = render_email_template(f"emails/{notification.kind}.txt", context)
    message = MarketplaceMessage(
        subject=subject,
        recipients=[notification.recipient],
        body=text,
        html=html,
        sender=current_app.config["MAIL_DEFAULT_SENDER"],
        extra_headers={"Content-Language": language, "Auto-Submitted": "auto-generated"},
    )
    message.msgId = message_id_for(notification)
    message.date = time.time()
    return message


class MarketplaceMessage(Message):
    """Flask-Mail's message with a Subject that reads back exactly as written.

    Flask-Mail encodes it with `email.header.Header`, which folds a long subject between two encoded words
    at a space and drops that space (RFC 2047 ignores white space between encoded words): "الإلكترونيفي".
    """

    def _message(self):
        message = super()._message()
        if self.subject and not self.subject.isascii():
            smtp_policy, message.policy = message.policy, policy.compat32  # keeps the folded lines as they are
            message.replace_header("Subject", encoded_subject(self.subject))
            message.policy = smtp_policy
        return message


# "Subject: " and an encoded word must fit a 78-character line, or the policy refolds it (and drops the space
# again): "=?utf-8?b?" and "?=" take 12, 40 bytes of text take 56 in base64.
ENCODED_WORD_BYTES = 40
WORD_AND_SPACE = re.compile(r"\S+\s*|\s+")


def encoded_subject(subject: str) -> str:
    """`subject` as RFC 2047 encoded words, one per folded line, each space inside the word before it."""
    chunks, chunk = [], ""
    for word in WORD_AND_SPACE.findall(subject):
        if len((chunk + word).encode()) <= ENCODED_WORD_BYTES:
            chunk += word
            continue
        if chunk:
            chunks.append(chunk)
            chunk = ""
        for character in word:  # a word longer than an encoded word is cut between characters
            if chunk and len((chunk + character).encode()) > ENCODED_WORD_BYTES:
                chunks.append(chunk)
                chunk = ""
            chunk += character
    if chunk:
        chunks.append(chunk)
    return "\r\n ".join("=?utf-8?b?" + base64.b64encode(chunk.encode()).decode("ascii") + "?=" for chunk in chunks)


def render_email_template(name: str, context: dict) -> str:
    """Render without the page context processors: they need a request, and a job has none."""
    return current_app.jinja_env.get_template(name).render(context)


def message_id_for(notification) -> str:
    """A Message-ID derived from the row, so a re-sent email is recognisably the same message."""
    domain = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1].rpartition("@")[2] or "aromasouq.localhost"
    return f"<notification-{notification.id}@{domain}>"


def send_by_smtp(message: Message) -> None:
    """Send through Flask-Mail with its settings, over a connection opened here with a timeout.

    Flask-Mail's own `send` opens SMTP without a timeout and sends nothing while TESTING is on; here
    MAIL_SERVER alone decides, and a hung server costs a retry rather than a stuck worker.
    """
    settings = current_app.extensions["mail"]
    smtp_class = smtplib.SMTP_SSL if settings.use_ssl else smtplib.SMTP
    host = smtp_class(settings.server, settings.port, timeout=SEND_TIMEOUT_SECONDS)
    try:
        if settings.use_tls:
            host.starttls()
        if settings.username and settings.password:
            host.login(settings.username, settings.password)
        connection = Connection(settings)
        connection.host = host
        connection.send(message)
        host.quit()
    finally:
        host.close()


def write_eml_file(notification, message: Message) -> Path:
    folder = Path(current_app.config["INSTANCE_PATH"]) / "mail"
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%fZ")
    path = folder / f"{stamp}-{notification.id}-{notification.kind}.eml"
    path.write_bytes(message.as_bytes())
    return path


# ---- SMS ---------------------------------------------------------------------------------------

def send_sms(notification) -> None:
    """Send through Twilio when its three settings are set; otherwise append to <INSTANCE_PATH>/sms/sms.log."""
    with force_locale(notification.language):
        text = sms_text(notification)
    config = current_app.config
    if config["TWILIO_ACCOUNT_SID"] and config["TWILIO_AUTH_TOKEN"] and config["TWILIO_PHONE_NUMBER"]:
        sid = send_by_twilio(notification.recipient, text)
        logger.info("sms %s (%s) sent by Twilio as %s", notification.id, notification.kind, sid)
    else:
        path = append_to_sms_log(notification.recipient, text)
        logger.info("sms %s (%s) to %s written to %s", notification.id, notification.kind,
                    notification.recipient, path)


def send_by_twilio(to: str, text: str) -> str:
    from twilio.http.http_client import TwilioHttpClient
    from twilio.rest import Client

    config = current_app.config
    http_client = TwilioHttpClient(timeout=SEND_TIMEOUT_SECONDS)
    try:
        client = Client(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"], http_client=http_client)
        if config["TWILIO_API_BASE_URL"]:
            client.api.base_url = config["TWILIO_API_BASE_URL"]
        return client.messages.create(to=to, from_=config["TWILIO_PHONE_NUMBER"], body=text).sid
    finally:
        http_client.session.close()


def append_to_sms_log(to: str, text: str) -> Path:
    folder = Path(current_app.config["INSTANCE_PATH"]) / "sms"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "sms.log"
    stamp = datetime.now(timezone.utc).isoformat(timespec="seconds")
    one_line = " ".join(text.split())
    with path.open("a", encoding="utf-8") as log:
        log.write(f"{stamp}\t{to}\t{one_line}\n")
    return path


# ---- In-app ------------------------------------------------------------------------------------

def deliver_in_app(notification) -> None:
    """Nothing to send: the row is the message, and the notification centre shows it."""


SENDERS = {"email": send_email, "sms": send_sms, "in_app": deliver_in_app}
