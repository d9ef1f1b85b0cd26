"""Back-office changes to accounts: roles, deactivation and reactivation, a new verification link.

Each change is audited in the same transaction (who, what, before → after); an admin can never take away
their own admin role or shut themselves out. Services flush; the view commits.
"""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

from app.accounts.models import ROLES, User
from app.accounts.services import send_verification_email
from app.audit.services import record_change
from app.extensions import db


class UserChangeRefused(ValueError):
    """The change is not allowed for this account; `message` says why, translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def refuse_if_deleted(user: User) -> None:
    if user.deleted_at is not None:
        raise UserChangeRefused(_l("This account was deleted by its owner and can no longer be changed."))


def set_roles(user: User, roles: list[str], actor: User) -> bool:
    """Give the account exactly `roles` (in the fixed order); its sessions end, since what they may do
    changes. Returns whether anything changed."""
    refuse_if_deleted(user)
    roles = [role for role in ROLES if role in roles]
    if not roles:
        raise UserChangeRefused(_l("An account needs at least one role."))
    if user.id == actor.id and "admin" not in roles:
        raise UserChangeRefused(_l("You cannot remove your own admin role. Ask another admin."))
    if roles == [role for role in ROLES if role in user.roles]:
        return False
    before = {"roles": list(user.roles)}
    user.roles = roles
    user.session_version += 1
    db.session.flush()
    record_change("user.roles", user, before, {"roles": roles}, actor=actor)
    return True


def deactivate_user(user: User, actor: User) -> None:
    """Close the account: every session ends at once and it can no longer sign in."""
    refuse_if_deleted(user)
    if user.id == actor.id:
        raise UserChangeRefused(_l("You cannot deactivate your own account."))
    if not user.is_active_account:
        raise UserChangeRefused(_l("This account is already deactivated."))
    user.is_active_account = False
    user.session_version += 1
    db.session.flush()
    record_change("user.deactivate", user, {"is_active_account": True}, {"is_active_account": False}, actor=actor)


def reactivate_user(user: User, actor: User) -> None:
    """Open a deactivated account again: its owner may sign in with their password."""
    refuse_if_deleted(user)
    if user.is_active_account:
        raise UserChangeRefused(_l("This account is already active."))
    user.is_active_account = True
    db.session.flush()
    record_change("user.reactivate", user, {"is_active_account": False}, {"is_active_account": True}, actor=actor)


def resend_verification(user: User, actor: User) -> None:
    """Send the account a new link that verifies its email address (through the outbox)."""
    refuse_if_deleted(user)
    if user.is_email_verified:
        raise UserChangeRefused(_l("This email address is already verified: there is nothing to send."))
    if not user.is_active_account:
        raise UserChangeRefused(_l("Reactivate the account first: a deactivated account cannot verify its email."))
    send_verification_email(user)
    record_change("user.resend_verification", user, None, {"email": user.email}, actor=actor)


BULK_CHANGES = {"deactivate": deactivate_user, "reactivate": reactivate_user}


def change_users(users: list[User], change: str, actor: User) -> tuple[list[User], list[User]]:
    """Deactivate or reactivate each account; returns (changed, left out). The actor's own account,
    deleted ones and those already in that state are left out, never half-changed."""
    changed, left_out = [], []
    for user in users:
        try:
            BULK_CHANGES[change](user, actor)
        except UserChangeRefused:
            left_out.append(user)
        else:
            changed.append(user)
    return changed, left_out
