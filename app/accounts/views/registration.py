"""Opening an account, proving the email address, and resetting a forgotten password."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh as refresh_language
from flask_login import current_user, login_user

from app.accounts import bp
from app.accounts.forms import EmailOnlyForm, RegistrationForm, ResetPasswordForm
from app.accounts.services import (
    EmailTaken,
    register_customer,
    request_password_reset,
    reset_password,
    send_verification_email,
    user_for_reset_token,
    verify_email,
)
from app.accounts.tokens import InvalidToken
from app.core.i18n import current_language
from app.core.text import sentence_with_isolated
from app.core.urls import safe_next_path
from app.extensions import db, limiter


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit("5 per minute; 30 per hour", methods=["POST"])
def register():
    """Open a customer account; a link to verify the email address is sent at once."""
    if current_user.is_authenticated:
        return redirect(url_for("catalog.show_home"))
    form = RegistrationForm(next=request.args.get("next", ""), preferred_language=current_language())
    if form.validate_on_submit():
        try:
            user = register_customer(form.full_name.data, form.email.data, form.mobile.data or None,
                                     form.password.data, form.preferred_language.data, form.marketing_opt_in.data)
        except EmailTaken:
            form.email.errors.append(_("An account with this email already exists. Sign in, or reset your password."))
        else:
            db.session.commit()
            login_user(user)
            refresh_language()
            flash(sentence_with_isolated(_("Welcome to AromaSouQ! We have sent a link to %(email)s: open it to verify "
                                           "your email address."), email=user.email), "success")
            return redirect(safe_next_path(form.next.data), code=303)
    return render_template("accounts/register.html", form=form), 422 if form.errors else 200


@bp.get("/verify-email/<token>", endpoint="verify_email")
def verify_email_address(token: str):
    """Follow the emailed link that proves the address."""
    try:
        verify_email(token)
    except InvalidToken as problem:
        db.session.rollback()
        return render_template("accounts/link_problem.html", expired=problem.expired, resend=True), 400
    db.session.commit()
    flash(_("Thank you, your email address is verified."), "success")
    return redirect(url_for("accounts.show_profile") if current_user.is_authenticated else url_for("accounts.sign_in"),
                    code=303)


@bp.post("/verify-email/resend")
@limiter.limit("3 per minute; 10 per hour")
def resend_verification():
    """Send the verification link again to the signed-in account's address."""
    if not current_user.is_authenticated:
        return redirect(url_for("accounts.sign_in", next=request.path))
    if not current_user.is_email_verified:
        send_verification_email(current_user)
        db.session.commit()
    flash(sentence_with_isolated(_("We have sent a new link to %(email)s."), email=current_user.email), "success")
    return redirect(safe_next_path(request.form.get("next"), url_for("accounts.show_profile")), code=303)


@bp.route("/forgot-password", methods=["GET", "POST"])
@limiter.limit("5 per minute; 20 per hour", methods=["POST"])
def forgot_password():
    """Ask for a reset link; the answer is the same whether or not the address has an account."""
    form = EmailOnlyForm()
    if form.validate_on_submit():
        request_password_reset(form.email.data)
        db.session.commit()
        return render_template("accounts/reset_requested.html", email=form.email.data)
    return render_template("accounts/forgot_password.html", form=form), 422 if form.errors else 200


@bp.route("/reset-password/<token>", methods=["GET", "POST"], endpoint="reset_password")
@limiter.limit("10 per minute", methods=["POST"])
def reset_password_with_link(token: str):
    """Choose a new password from an emailed link; every session of the account ends."""
    try:
        user_for_reset_token(token)
    except InvalidToken as problem:
        return render_template("accounts/link_problem.html", expired=problem.expired, resend=False), 400
    form = ResetPasswordForm()
    if form.validate_on_submit():
        reset_password(token, form.password.data)
        db.session.commit()
        session.clear()
        flash(_("Your password has been changed. Sign in with your new password."), "success")
        return redirect(url_for("accounts.sign_in"), code=303)
    return render_template("accounts/reset_password.html", form=form), 422 if form.errors else 200
