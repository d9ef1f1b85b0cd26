"""Writing the audit log, in the same transaction as the change it records (services flush, never commit)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from flask import g, has_request_context, request
from flask_login import current_user

from app.audit.models import AuditEntry
from app.extensions import db

# The role an account acts in, most powerful first.
ROLE_ORDER = ("admin", "vendor", "courier", "customer")


def record_change(action: str, subject, before: dict | None, after: dict | None, *, actor=None) -> AuditEntry:
    """Add an audit entry for `action` on `subject` (a model instance) by `actor` (the signed-in account)."""
    actor = actor if actor is not None else signed_in_account()
    entry = AuditEntry(
        actor_id=getattr(actor, "id", None),
        actor_role=acting_role(actor),
        action=action,
        subject_type=subject.__tablename__,
        subject_id=subject.id,
        before=json_safe(before),
        after=json_safe(after),
        request_id=g.get("request_id") if has_request_context() else None,
        ip_address=request.remote_addr if has_request_context() else None,
    )
    db.session.add(entry)
    db.session.flush()
    return entry


def snapshot(record, fields: tuple[str, ...]) -> dict:
    """The named attributes of a record, as the audit log keeps them."""
    return json_safe({name: getattr(record, name) for name in fields})


def changed_fields(before: dict, after: dict) -> tuple[dict, dict]:
    """Only the keys whose values differ, on both sides."""
    keys = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in keys}, {key: after[key] for key in keys}


def signed_in_account():
    if has_request_context() and current_user and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def acting_role(actor) -> str:
    roles = getattr(actor, "roles", None) or ()
    return next((role for role in ROLE_ORDER if role in roles), "system")


def json_safe(value):
    """Decimals, dates and nested values as JSON keeps them (amounts as exact strings)."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [json_safe(item) for item in value]
    return str(value)
