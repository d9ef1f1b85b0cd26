"""The kinds of message AromaSouQ sends: who may receive each, on which channels, and its words.

Each kind names its category (which preferences apply), its default channels, the payload keys its
texts need, and lazily translated texts with named placeholders: the email subject, the SMS, and the
in-app title and body. Email bodies live in templates/emails/<kind>.html and <kind>.txt.
Texts are rendered in the locale active when they are rendered (emails and SMS force the row's language,
the notification centre uses the page's), so a payload keeps what depends on the language neutral: an amount
as `money_value(...)`, a word or name as `bilingual_value(...)`; they are written out in that same locale.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import LazyString, force_locale, get_locale
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from app.core.i18n import text_direction
from app.core.templating import currency_text
from app.core.text import isolated
from app.notifications.models import CHANNELS

# Categories decide which of the account's preferences apply.
ACCOUNT = "account"  # verification, welcome, email changes: always by email
SECURITY = "security"  # password changes and the like: always by email
ORDERS = "orders"  # notify_orders_by_email / _by_sms / _in_app
MARKETING = "marketing"  # marketing_opt_in, then notify_marketing_by_email / _by_sms
CATEGORIES = (ACCOUNT, SECURITY, ORDERS, MARKETING)


@dataclass(frozen=True)
class MessageKind:
    name: str
    category: str
    channels: tuple[str, ...]
    payload_keys: frozenset[str]
    subject: LazyString
    sms: LazyString | None = None
    title: LazyString | None = None
    body: LazyString | None = None
    # The in-app message's link: the payload key holding the URL, and the link's words.
    link_key: str | None = None
    link_label: LazyString | None = None


@dataclass(frozen=True)
class InAppMessage:
    title: Markup
    body: Markup
    link_url: str | None
    link_label: str | None
    language: str  # the language it is written in (the page's, except for rows written before 2026-12)
    direction: str


# Payload keys that older rows hold already written out in the recipient's language ("د.إ.‏ 2,053.25").
WRITTEN_OUT_KEYS = ("total", "amount", "carrier")


def money_value(amount: Decimal) -> dict:
    """An amount in AED for a payload, written out in the reader's language when the message is."""
    return {"aed": str(amount)}


def bilingual_value(english: str, arabic: str) -> dict:
    """A word or name for a payload in both languages; the message picks the one it is written in."""
    return {"en": english, "ar": arabic or english}


def localised(value):
    """A payload value written out in the active locale (amounts in its currency format)."""
    if isinstance(value, dict) and "aed" in value:
        return currency_text(Decimal(value["aed"]), "AED")  # the store's one price format
    if isinstance(value, dict) and "en" in value:
        return value.get(reading_language()) or value["en"]
    if isinstance(value, list):
        return [localised(item) for item in value]
    return value


def reading_language() -> str:
    return str(get_locale() or "en")


def localised_payload(payload: dict) -> dict:
    return {key: localised(value) for key, value in (payload or {}).items()}


KINDS: dict[str, MessageKind] = {
    kind.name: kind
    for kind in (
        MessageKind(
            name="verify_email",
            category=ACCOUNT,
            channels=("email",),
            payload_keys=frozenset({"name", "verify_url"}),
            subject=_l("Confirm your email address for AromaSouQ"),
        ),
        MessageKind(
            name="password_reset",
            category=SECURITY,
            channels=("email",),
            payload_keys=frozenset({"name", "reset_url"}),
            subject=_l("Reset your AromaSouQ password"),
        ),
        MessageKind(
            name="welcome",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop_url"}),
            subject=_l("Welcome to AromaSouQ, %(name)s"),
            title=_l("Welcome to AromaSouQ, %(name)s"),
            body=_l("Your account is ready. Discover perfumes, attars, oud oils and bakhoor from trusted houses."),
            link_key="shop_url",
            link_label=_l("Start exploring"),
        ),
        MessageKind(
            name="password_changed",
            category=SECURITY,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"name", "reset_url"}),
            subject=_l("Your AromaSouQ password was changed"),
            sms=_l("AromaSouQ: the password of your account was just changed. If this wasn't you, reset it now: %(reset_url)s"),
            title=_l("Your password was changed"),
            body=_l("The password of your account was just changed. If this wasn't you, reset it straight away."),
            link_key="reset_url",
            link_label=_l("Reset my password"),
        ),
        MessageKind(
            name="email_changed",
            category=SECURITY,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "old_email", "new_email"}),
            subject=_l("The email address of your AromaSouQ account was changed"),
            title=_l("Your email address was changed"),
            body=_l("Your account now uses %(new_email)s instead of %(old_email)s."),
        ),
        MessageKind(
            name="order_placed",
            category=ORDERS,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"name", "order_number", "total", "lines", "payment_method", "guest", "order_url"}),
            subject=_l("Thank you for your order %(order_number)s"),
            sms=_l("AromaSouQ: thank you! We have your order %(order_number)s (%(total)s). Follow it at %(order_url)s"),
            title=_l("Order %(order_number)s placed"),
            body=_l("Thank you for your order of %(total)s. We will let you know when it is on its way."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        MessageKind(
            name="order_cancelled",
            category=ORDERS,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "order_number", "total", "lines", "payment_method", "guest", "order_url"}),
            subject=_l("Your order %(order_number)s is cancelled"),
            title=_l("Order %(order_number)s cancelled"),
            body=_l("Your order of %(total)s is cancelled. We are sorry to see it go."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        MessageKind(
            name="sub_order_received",
            category=ORDERS,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "order_number", "items", "total"}),
            subject=_l("New order %(order_number)s for %(shop)s"),
            title=_l("New order %(order_number)s for %(shop)s"),
            body=_l("Items to prepare: %(items)s, worth %(total)s."),
        ),
        MessageKind(
            name="order_shipped",
            category=ORDERS,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"name", "order_number", "shop", "carrier", "tracking_number", "order_url"}),
            subject=_l("Your order %(order_number)s is on its way"),
            sms=_l("AromaSouQ: your order %(order_number)s from %(shop)s is on its way with %(carrier)s, tracking number %(tracking_number)s."),
            title=_l("Order %(order_number)s is on its way"),
            body=_l("%(shop)s has handed your parcel to %(carrier)s. Tracking number: %(tracking_number)s."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        MessageKind(
            name="order_delivered",
            category=ORDERS,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "order_number", "total", "lines", "payment_method", "guest", "order_url"}),
            subject=_l("Your order %(order_number)s has been delivered"),
            title=_l("Order %(order_number)s delivered"),
            body=_l("We hope you enjoy every drop. Tell other shoppers what you think with a review."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        MessageKind(
            name="order_paid",
            category=ORDERS,
            channels=("email", "in_app"),
            payload_keys=frozenset({"number", "amount", "order_url"}),
            subject=_l("Payment received for your order %(number)s"),
            title=_l("Payment received for %(number)s"),
            body=_l("We have received your payment of %(amount)s. Your order is confirmed and on its way to the shops."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        MessageKind(
            name="order_refunded",
            category=ORDERS,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"number", "amount", "order_url"}),
            subject=_l("Your refund for order %(number)s"),
            sms=_l("AromaSouQ: we have refunded %(amount)s on your order %(number)s. Card refunds can take 5 to 10 working days to appear."),
            title=_l("Refund of %(amount)s for %(number)s"),
            body=_l("We have refunded %(amount)s on your order. Card refunds can take 5 to 10 working days to appear on your statement."),
            link_key="order_url",
            link_label=_l("See your order"),
        ),
        # The vendor portal and the back office.
        MessageKind(
            name="vendor_application_received",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "review_url"}),
            subject=_l("New vendor application from %(shop)s"),
            title=_l("New vendor application from %(shop)s"),
            body=_l("%(shop)s has applied to sell on AromaSouQ. Check its licence and documents, then approve or reject it."),
            link_key="review_url",
            link_label=_l("Review the application"),
        ),
        MessageKind(
            name="vendor_approved",
            category=ACCOUNT,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"name", "shop", "portal_url"}),
            subject=_l("%(shop)s is approved to sell on AromaSouQ"),
            sms=_l("AromaSouQ: %(shop)s is approved. Sign in again to open your vendor portal: %(portal_url)s"),
            title=_l("%(shop)s is approved"),
            body=_l("Welcome aboard. Sign in again to open your vendor portal and list your perfumes."),
            link_key="portal_url",
            link_label=_l("Open the vendor portal"),
        ),
        MessageKind(
            name="vendor_rejected",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "reason", "application_url"}),
            subject=_l("Your application for %(shop)s was not approved"),
            title=_l("Your application for %(shop)s was not approved"),
            body=_l("Reason: %(reason)s"),
            link_key="application_url",
            link_label=_l("See your application"),
        ),
        MessageKind(
            name="vendor_suspended",
            category=ACCOUNT,
            channels=("email", "sms", "in_app"),
            payload_keys=frozenset({"name", "shop", "reason", "application_url"}),
            subject=_l("%(shop)s is suspended on AromaSouQ"),
            sms=_l("AromaSouQ: %(shop)s is suspended and its offers are hidden from the store. Details: %(application_url)s"),
            title=_l("%(shop)s is suspended"),
            body=_l("Its offers are hidden from the store. Reason: %(reason)s"),
            link_key="application_url",
            link_label=_l("See the details"),
        ),
        MessageKind(
            name="product_approved",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "product", "product_url"}),
            subject=_l("%(product)s is approved and in the store"),
            title=_l("%(product)s is approved"),
            body=_l("Shoppers can now find %(product)s from %(shop)s in the store."),
            link_key="product_url",
            link_label=_l("See it in the store"),
        ),
        MessageKind(
            name="product_rejected",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "product", "reason", "portal_url"}),
            subject=_l("%(product)s was not approved"),
            title=_l("%(product)s was not approved"),
            body=_l("Reason: %(reason)s"),
            link_key="portal_url",
            link_label=_l("Open the vendor portal"),
        ),
        MessageKind(
            name="product_submitted",
            category=ACCOUNT,
            channels=("email", "in_app"),
            payload_keys=frozenset({"name", "shop", "product", "review_url"}),
            subject=_l("%(shop)s sent %(product)s for review"),
            title=_l("%(shop)s sent %(product)s for review"),
            body=_l("A new product, or changes to one, from %(shop)s wait for your approval."),
            link_key="review_url",
            link_label=_l("Review it"),
        ),
    )
}


class UnknownMessageKind(ValueError):
    """No message of that kind is registered."""


def message_kind(name: str) -> MessageKind:
    try:
        return KINDS[name]
    except KeyError:
        raise UnknownMessageKind(f"unknown notification kind {name!r}") from None


def check_payload(kind: MessageKind, payload: dict) -> None:
    """Refuse, in the request that writes it, a payload that lacks what the texts need."""
    missing = kind.payload_keys - payload.keys()
    if missing:
        raise ValueError(f"{kind.name} needs payload keys {sorted(missing)}")


def allowed_by_preferences(category: str, channel: str, user) -> bool:
    """Whether the account lets messages of `category` reach it on `channel`."""
    if category == ORDERS:
        return bool(
            {"email": user.notify_orders_by_email, "sms": user.notify_orders_by_sms,
             "in_app": user.notify_orders_in_app}[channel]
        )
    if category == MARKETING:
        if not user.marketing_opt_in:
            return False
        return bool({"email": user.notify_marketing_by_email, "sms": user.notify_marketing_by_sms,
                     "in_app": True}[channel])
    return True  # account and security messages always go out


def choose_channels(kind: MessageKind, user, channels=None, email_to: str | None = None) -> list[str]:
    """The channels a message goes out on: the requested (or the kind's default) channels, minus those
    the account cannot receive (no SMS without a mobile) or has turned off for the kind's category."""
    requested = tuple(kind.channels if channels is None else channels)
    unknown = set(requested) - set(CHANNELS)
    if unknown:
        raise ValueError(f"unknown channels {sorted(unknown)}")
    chosen = []
    for channel in CHANNELS:  # a fixed order: email, sms, in_app
        if channel not in requested:
            continue
        if channel == "email" and not (email_to or user.email):
            continue
        if channel == "sms" and not user.mobile:
            continue
        if allowed_by_preferences(kind.category, channel, user):
            chosen.append(channel)
    return chosen


def render_text(text: LazyString | None, payload: dict) -> str:
    """`text` translated in the active locale, with the payload in its named placeholders."""
    return "" if text is None else str(text) % payload


def render_html(text: LazyString | None, payload: dict) -> Markup:
    """Like render_text, for a page: escaped, each value isolated in <bdi> so that an email address or
    a Latin name keeps its own direction (and its full stop stays put) inside an Arabic sentence."""
    if text is None:
        return Markup("")
    values = {key: isolated(value) for key, value in payload.items()}
    return Markup.escape(str(text)) % values


def email_subject(notification) -> str:
    return render_text(message_kind(notification.kind).subject, localised_payload(notification.payload))


def sms_text(notification) -> str:
    kind = message_kind(notification.kind)
    if kind.sms is None:
        raise ValueError(f"{kind.name} has no SMS text")
    return render_text(kind.sms, localised_payload(notification.payload))


def in_app_message(notification) -> InAppMessage:
    """The centre's words for an in-app notification, wholly in the language of the page showing it (a row
    whose amount was stored written out, from before payloads kept it neutral, wholly in the row's)."""
    payload = notification.payload or {}
    if any(isinstance(payload.get(key), str) for key in WRITTEN_OUT_KEYS):
        with force_locale(notification.language):
            return compose_in_app_message(notification.kind, payload)
    return compose_in_app_message(notification.kind, payload)


def compose_in_app_message(kind_name: str, stored_payload: dict) -> InAppMessage:
    kind = message_kind(kind_name)
    payload = localised_payload(stored_payload)
    link_url = payload.get(kind.link_key) if kind.link_key else None
    language = reading_language()
    return InAppMessage(
        title=render_html(kind.title or kind.subject, payload),
        body=render_html(kind.body, payload),
        link_url=link_url or None,
        link_label=str(kind.link_label) if link_url and kind.link_label else None,
        language=language,
        direction=text_direction(language),
    )
