"""Signing in (with a second factor for admins) and signing out."""
from __future__ import annotations

import time

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh as refresh_language
from flask_login import current_user, login_user, logout_user

from app.accounts import bp
from app.accounts import queries  # noqa: F401  (registers the Flask-Login user loader)
from app.accounts.access import has_passed_second_factor, mark_second_factor_passed
from app.accounts.forms import SecondFactorForm, SignInForm, TotpEnrolmentForm
from app.accounts.models import User
from app.accounts.services import (
    AccountDeactivated,
    authenticate,
    confirm_totp_enrolment,
    normalise_email,
    passes_second_factor,
    sign_out_everywhere,
    start_totp_enrolment,
    totp_provisioning_uri,
)
from app.core.qr import qr_code_data_uri
from app.core.urls import safe_next_path
from app.extensions import db, limiter

# Between a right password and a right second factor, the session holds only this.
PENDING_SIGN_IN = "pending_sign_in"
PENDING_SIGN_IN_LIFETIME = 10 * 60  # seconds


def email_being_signed_in() -> str:
    return "sign-in:" + normalise_email(request.form.get("email", ""))[:254]


def pending_sign_in_key() -> str:
    return "second-factor:" + str((session.get(PENDING_SIGN_IN) or {}).get("user", ""))


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
@limiter.limit("20 per hour", methods=["POST"], key_func=email_being_signed_in)
def sign_in():
    """Sign in with email and password, then go back to where the person was."""
    if current_user.is_authenticated:
        return redirect(safe_next_path(request.args.get("next")))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = authenticate_or_say_why(form)
        if user is not None and user.needs_second_factor:
            start_pending_sign_in(user, form.next.data, via_password=True)
            step = "sign_in_second_factor" if user.has_second_factor else "enrol_second_factor"
            return redirect(url_for(f"accounts.{step}"), code=303)
        if user is not None:
            return complete_sign_in(user, remember=form.remember_me.data, next_path=form.next.data)
    return render_template("accounts/sign_in.html", form=form), 422 if form.errors else 200


def authenticate_or_say_why(form: SignInForm) -> User | None:
    """The account signing in, or None with the reason under the password field."""
    try:
        user = authenticate(form.email.data, form.password.data)
    except AccountDeactivated:
        form.password.errors.append(_("This account has been deactivated. Please contact customer care."))
        return None
    if user is None:
        form.password.errors.append(_("That email and password do not match an account."))
    return user


def start_pending_sign_in(user: User, next_path: str | None, via_password: bool) -> None:
    session[PENDING_SIGN_IN] = {"user": user.get_id(), "next": safe_next_path(next_path),
                                "via_password": via_password, "since": int(time.time())}


def pending_sign_in() -> tuple[User | None, dict]:
    """The account that is half-way through signing in (and how it got there), while that is recent."""
    from app.accounts.queries import load_signed_in_user

    pending = session.get(PENDING_SIGN_IN) or {}
    if time.time() - pending.get("since", 0) > PENDING_SIGN_IN_LIFETIME:
        session.pop(PENDING_SIGN_IN, None)
        return None, {}
    return load_signed_in_user(pending.get("user", "")), pending


def complete_sign_in(user: User, remember: bool, next_path: str | None, second_factor: bool = False):
    session.pop(PENDING_SIGN_IN, None)
    login_user(user, remember=remember and user.may_be_remembered)
    if second_factor:
        mark_second_factor_passed(user)
    refresh_language()  # the account's language may now apply: say welcome in it
    flash(_("Welcome back, %(name)s.", name=user.first_name), "success")
    return redirect(safe_next_path(next_path), code=303)


@bp.route("/sign-in/second-factor", methods=["GET", "POST"])
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
@limiter.limit("10 per 10 minutes", methods=["POST"], key_func=pending_sign_in_key)
def sign_in_second_factor():
    """Ask an admin for the code of their authenticator app (or a recovery code)."""
    if has_passed_second_factor():
        return redirect(safe_next_path(request.args.get("next")))
    if current_user.is_authenticated and current_user.needs_second_factor:
        # Signed in without the second factor in this session (e.g. from a remember cookie of an account
        # that has since become an admin): prove it now, or, without an app yet, sign in with the password.
        user = current_user._get_current_object()
        logout_user()
        if not user.has_second_factor:
            return redirect(url_for("accounts.sign_in", next=request.args.get("next")))
        start_pending_sign_in(user, request.args.get("next"), via_password=False)
    user, pending = pending_sign_in()
    if user is None or not user.has_second_factor:
        return redirect(url_for("accounts.sign_in"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if passes_second_factor(user, form.code.data):
            db.session.commit()  # the code, or the recovery code, stays used
            return complete_sign_in(user, False, pending.get("next"), second_factor=True)
        db.session.rollback()
        form.code.errors.append(_("That code is not right. Codes change every 30 seconds; try the newest one."))
    return render_template("accounts/second_factor.html", form=form), 422 if form.errors else 200


@bp.route("/sign-in/second-factor/setup", methods=["GET", "POST"])
@limiter.limit("10 per minute; 30 per hour", methods=["POST"])
def enrol_second_factor():
    """Set up the authenticator app of an admin who has none yet (only right after their password),
    then show the recovery codes once."""
    user, pending = pending_sign_in()
    if user is None or user.has_second_factor or not pending.get("via_password"):
        return redirect(url_for("accounts.sign_in"))
    form = TotpEnrolmentForm()
    if form.validate_on_submit():
        codes = confirm_totp_enrolment(user, form.code.data)
        if codes:
            db.session.commit()
            next_path = pending.get("next")
            complete_sign_in(user, False, next_path, second_factor=True)
            return render_template("accounts/recovery_codes.html", codes=codes, next_path=safe_next_path(next_path))
        form.code.errors.append(_("That code is not right. Codes change every 30 seconds; try the newest one."))
    elif request.method == "GET" or not user.totp_secret:
        start_totp_enrolment(user)
        db.session.commit()
    uri = totp_provisioning_uri(user)
    return render_template("accounts/second_factor_setup.html", form=form, secret=user.totp_secret,
                           qr_code=qr_code_data_uri(uri)), 422 if form.errors else 200


@bp.post("/sign-out")
def sign_out():
    """Sign out here and everywhere: every earlier session and remember cookie stops working."""
    if current_user.is_authenticated:
        sign_out_everywhere(current_user)
        db.session.commit()
    session.clear()
    logout_user()  # after clearing, so that Flask-Login can still ask for the remember cookie's deletion
    refresh_language()
    flash(_("You have signed out."), "info")
    return redirect(url_for("catalog.show_home"), code=303)
