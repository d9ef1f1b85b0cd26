"""Changing accounts: registration, verification, passwords, email, profile, second factor, deletion.

Services flush; the request or command commits once. Messages go through the notification outbox,
so they are sent only if the change commits.
"""
from __future__ import annotations

import hashlib
import secrets
from collections.abc import Iterable
from functools import lru_cache
from datetime import date, datetime, timezone

import pyotp
from sqlalchemy import select

from app.accounts.models import ROLES, User, password_hasher
from app.accounts.tokens import (
    CONFIRM_NEW_EMAIL,
    RESET_PASSWORD,
    VERIFY_EMAIL,
    InvalidToken,
    make_token,
    password_fingerprint,
    read_token,
)
from app.core.urls import site_url
from app.extensions import db
from app.notifications.services import notify

RECOVERY_CODE_COUNT = 10
TOTP_ISSUER = "AromaSouQ"


class EmailTaken(Exception):
    """Another account already uses this email address."""


class WrongPassword(Exception):
    """The current password given to confirm a change is not the account's."""


class AccountDeactivated(Exception):
    """The right password, but an admin has deactivated the account."""


def now() -> datetime:
    return datetime.now(timezone.utc)


def normalise_email(email: str) -> str:
    return email.strip().lower()


def email_in_use(email: str, except_user: User | None = None) -> bool:
    query = select(User.id).where(User.email == normalise_email(email))
    if except_user is not None:
        query = query.where(User.id != except_user.id)
    return db.session.scalar(query) is not None


def create_user(
    email: str,
    full_name: str,
    password: str,
    roles: Iterable[str] = ("customer",),
    preferred_language: str = "en",
    mobile: str | None = None,
    email_verified: bool = True,
) -> User:
    """Create an account with the given roles (demo data and tests; people use `register_customer`)."""
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise ValueError(f"unknown roles: {sorted(unknown)}")
    if email_in_use(email):
        raise EmailTaken(email)
    user = User(
        email=normalise_email(email),
        full_name=full_name.strip(),
        roles=list(dict.fromkeys(roles)),
        preferred_language=preferred_language,
        mobile=mobile,
        email_verified_at=now() if email_verified else None,
    )
    user.set_password(password)
    db.session.add(user)
    db.session.flush()
    return user


def register_customer(full_name: str, email: str, mobile: str | None, password: str,
                      preferred_language: str, marketing_opt_in: bool = False) -> User:
    """Open a customer account and send the link that verifies its email address."""
    user = create_user(email, full_name, password, roles=("customer",), preferred_language=preferred_language,
                       mobile=mobile, email_verified=False)
    user.marketing_opt_in = user.notify_marketing_by_email = marketing_opt_in
    send_verification_email(user)
    return user


def send_verification_email(user: User) -> None:
    """(Re)send the link that proves the account owns its email address."""
    token = make_token(VERIFY_EMAIL, {"user": user.id, "email": user.email})
    notify(user, "verify_email", {"name": user.first_name, "verify_url": site_url("accounts.verify_email", token=token)})


def verify_email(token: str) -> User:
    """Mark the address in the link verified; welcome the account the first time."""
    claims = read_token(VERIFY_EMAIL, token)
    user = db.session.get(User, claims.get("user"))
    if user is None or not user.is_active or user.email != claims.get("email"):
        raise InvalidToken()
    if not user.is_email_verified:
        user.email_verified_at = now()
        notify(user, "welcome", {"name": user.first_name, "shop_url": site_url("catalog.list_products")})
    db.session.flush()
    return user


@lru_cache(maxsize=1)
def decoy_password_hash() -> str:
    """A hash to check unknown emails against, so that they take as long to refuse as wrong passwords."""
    return password_hasher.hash(secrets.token_urlsafe(16))


def authenticate(email: str, password: str) -> User | None:
    """The active account with this email and password, or None (the same None for either mistake).

    A deactivated account with its right password raises AccountDeactivated, so its owner learns why."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None:
        User(password_hash=decoy_password_hash()).check_password(password)  # as slow as a real check
        return None
    if not user.check_password(password) or user.deleted_at is not None:
        return None
    if not user.is_active_account:
        raise AccountDeactivated()
    return user


def request_password_reset(email: str) -> None:
    """Email a reset link if the address belongs to an account; say nothing either way."""
    user = db.session.scalar(select(User).where(User.email == normalise_email(email)))
    if user is None or not user.is_active:
        return
    token = make_token(RESET_PASSWORD, {"user": user.id, "password": password_fingerprint(user.password_hash)})
    notify(user, "password_reset", {"name": user.first_name, "reset_url": site_url("accounts.reset_password", token=token)})


def user_for_reset_token(token: str) -> User:
    """The account a reset link is for, while the link is fresh and unused."""
    claims = read_token(RESET_PASSWORD, token)
    user = db.session.get(User, claims.get("user"))
    if user is None or not user.is_active or password_fingerprint(user.password_hash) != claims.get("password"):
        raise InvalidToken()
    return user


def reset_password(token: str, new_password: str) -> User:
    """Set a new password from a reset link (which then stops working) and end every session."""
    user = user_for_reset_token(token)
    _replace_password(user, new_password)
    if not user.is_email_verified:
        user.email_verified_at = now()  # the link proved the address
    db.session.flush()
    return user


def change_password(user: User, current_password: str, new_password: str) -> None:
    """Change the password; every other session and remember cookie stops working."""
    if not user.check_password(current_password):
        raise WrongPassword()
    _replace_password(user, new_password)
    db.session.flush()


def _replace_password(user: User, new_password: str) -> None:
    user.set_password(new_password)
    user.password_changed_at = now()
    user.session_version += 1
    # "Not you?" leads to the reset form, never to a working reset link: the SMS may reach a number
    # that someone else put on the account.
    notify(user, "password_changed", {"name": user.first_name, "reset_url": site_url("accounts.forgot_password")})


def sign_out_everywhere(user: User) -> None:
    """End every session and remember cookie of the account, this one included."""
    user.session_version += 1
    db.session.flush()


def request_email_change(user: User, new_email: str, password: str) -> None:
    """Send a confirmation link to the new address; the account keeps the old one until it is followed."""
    if not user.check_password(password):
        raise WrongPassword()
    new_email = normalise_email(new_email)
    user.pending_email = new_email
    if email_in_use(new_email, except_user=user):
        # Answer as if the link went out, so this form cannot be used to find out who has an account.
        db.session.flush()
        return
    token = make_token(CONFIRM_NEW_EMAIL, {"user": user.id, "email": new_email})
    notify(user, "verify_email", {"name": user.first_name,
                                  "verify_url": site_url("accounts.confirm_email_change", token=token)},
           email_to=new_email)
    db.session.flush()


def confirm_email_change(token: str) -> User:
    """Move the account to the confirmed new address and warn the old one."""
    claims = read_token(CONFIRM_NEW_EMAIL, token)
    user = db.session.get(User, claims.get("user"))
    if user is None or not user.is_active or user.pending_email != claims.get("email"):
        raise InvalidToken()
    if email_in_use(user.pending_email, except_user=user):
        raise EmailTaken(user.pending_email)
    old_email = user.email
    user.email, user.pending_email, user.email_verified_at = user.pending_email, None, now()
    db.session.flush()
    notify(user, "email_changed", {"name": user.first_name, "old_email": old_email, "new_email": user.email},
           email_to=old_email)
    return user


def update_profile(user: User, *, full_name: str, mobile: str | None, preferred_language: str,
                   date_of_birth: date | None, marketing_opt_in: bool, notify_orders_by_email: bool,
                   notify_orders_by_sms: bool, notify_orders_in_app: bool, notify_marketing_by_email: bool,
                   notify_marketing_by_sms: bool) -> None:
    """Save the profile and notification preferences."""
    user.full_name = full_name.strip()
    user.mobile = mobile or None
    user.preferred_language = preferred_language
    user.date_of_birth = date_of_birth
    user.marketing_opt_in = marketing_opt_in
    user.notify_orders_by_email = notify_orders_by_email
    user.notify_orders_by_sms = notify_orders_by_sms
    user.notify_orders_in_app = notify_orders_in_app
    user.notify_marketing_by_email = notify_marketing_by_email and marketing_opt_in
    user.notify_marketing_by_sms = notify_marketing_by_sms and marketing_opt_in
    db.session.flush()


def set_preferred_language(user: User, language: str) -> None:
    """Remember the language the person reads AromaSouQ in."""
    if user.preferred_language != language:
        user.preferred_language = language
        db.session.flush()


def delete_account(user: User, password: str) -> None:
    """Anonymise the account: personal data goes, the rows that the books need stay."""
    if not user.check_password(password):
        raise WrongPassword()
    user.email = f"deleted-{user.id}@deleted.invalid"
    user.full_name = "—"
    user.mobile = user.pending_email = user.date_of_birth = None
    user.set_password(secrets.token_urlsafe(32))  # nobody knows it
    user.totp_secret, user.totp_enabled_at, user.recovery_code_hashes = None, None, []
    user.marketing_opt_in = user.notify_marketing_by_email = user.notify_marketing_by_sms = False
    user.addresses.clear()
    user.is_active_account = False
    user.deleted_at = now()
    user.session_version += 1
    db.session.flush()


# ---- Second factor (TOTP) ----

def start_totp_enrolment(user: User) -> str:
    """Give the account a new, not yet active TOTP secret; return its provisioning URI for the QR code."""
    user.totp_secret = pyotp.random_base32()
    user.totp_enabled_at = None
    db.session.flush()
    return totp_provisioning_uri(user)


def totp_provisioning_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.email, issuer_name=TOTP_ISSUER)


def confirm_totp_enrolment(user: User, code: str) -> list[str] | None:
    """Switch the second factor on if `code` is right; return the new recovery codes (shown once)."""
    code = (code or "").strip()
    if not user.totp_secret or not code.isdigit() or not _passes_totp(user, code):
        return None
    user.totp_enabled_at = now()
    codes = new_recovery_codes(user)
    db.session.flush()
    return codes


def new_recovery_codes(user: User) -> list[str]:
    """Replace the recovery codes; return them in clear for the one time they are shown."""
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODE_COUNT)]
    user.recovery_code_hashes = [_recovery_code_hash(code) for code in codes]
    db.session.flush()
    return codes


def _recovery_code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().lower().encode()).hexdigest()


def passes_second_factor(user: User, code: str) -> bool:
    """A current TOTP code not used before, or an unused recovery code (which is then used up).

    The account's row is locked while checking, so one code cannot pass twice at the same moment.
    """
    db.session.refresh(user, with_for_update=True)
    code = (code or "").strip().replace(" ", "")
    if user.totp_secret and user.has_second_factor and code.isdigit():
        return _passes_totp(user, code)
    code_hash = _recovery_code_hash(code)
    if code_hash in user.recovery_code_hashes:
        user.recovery_code_hashes = [h for h in user.recovery_code_hashes if h != code_hash]
        db.session.flush()
        return True
    return False


def _passes_totp(user: User, code: str) -> bool:
    totp = pyotp.TOTP(user.totp_secret)
    current = totp.timecode(now())
    for step in (current - 1, current, current + 1):  # a little clock drift either way
        if step > (user.totp_last_step or 0) and secrets.compare_digest(totp.generate_otp(step), code):
            user.totp_last_step = step
            db.session.flush()
            return True
    return False


def grant_role(user: User, role: str) -> None:
    """Give the account a role; its sessions and remember cookies end, since what they may do changes."""
    if role not in ROLES:
        raise ValueError(f"unknown role {role!r}")
    if role not in user.roles:
        user.roles = [*user.roles, role]
        user.session_version += 1
        db.session.flush()
