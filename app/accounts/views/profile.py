"""The signed-in person's own account: profile and preferences, password, email, second factor, deletion."""
from __future__ import annotations

from flask import flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_babel import refresh as refresh_language
from flask_login import current_user, login_required, login_user, logout_user

from app.accounts import bp
from app.accounts.access import (
    account_limit,
    has_passed_second_factor,
    mark_second_factor_passed,
    role_required,
)
from app.accounts.forms import ChangeEmailForm, ChangePasswordForm, DeleteAccountForm, ProfileForm
from app.accounts.phones import format_mobile_for_display
from app.accounts.services import (
    EmailTaken,
    WrongPassword,
    change_password,
    confirm_email_change,
    delete_account,
    new_recovery_codes,
    request_email_change,
    update_profile,
)
from app.accounts.tokens import InvalidToken
from app.core.i18n import remember_language
from app.core.text import sentence_with_isolated
from app.extensions import db

PROFILE_FIELDS = (
    "full_name", "mobile", "preferred_language", "date_of_birth", "marketing_opt_in", "notify_orders_by_email",
    "notify_orders_by_sms", "notify_orders_in_app", "notify_marketing_by_email", "notify_marketing_by_sms",
)


def render_account_page(profile_form=None, password_form=None, email_form=None, status=200):
    if profile_form is None:
        profile_form = ProfileForm(obj=current_user)
        profile_form.mobile.data = format_mobile_for_display(current_user.mobile)
    return render_template(
        "accounts/profile.html",
        profile_form=profile_form,
        password_form=password_form or ChangePasswordForm(),
        email_form=email_form or ChangeEmailForm(),
    ), status


@bp.get("/account")
@login_required
def show_profile():
    """The account page: profile, preferences, password, email."""
    return render_account_page()


@bp.post("/account")
@login_required
def update_profile_details():
    """Save the profile; a new language applies at once."""
    form = ProfileForm()
    if not form.validate():
        return render_account_page(profile_form=form, status=422)
    update_profile(current_user, **{name: getattr(form, name).data for name in PROFILE_FIELDS})
    db.session.commit()
    response = redirect(url_for("accounts.show_profile"), code=303)
    # The profile's language is the person's choice now: it replaces an earlier header switch,
    # and stays after signing out on this browser.
    remember_language(response, current_user.preferred_language)
    refresh_language()
    flash(_("Your profile has been saved."), "success")
    return response


@bp.post("/account/password")
@login_required
@account_limit("10 per hour")
def change_account_password():
    """Change the password; every other session ends, this one goes on."""
    form = ChangePasswordForm()
    if form.validate():
        try:
            change_password(current_user, form.current_password.data, form.new_password.data)
        except WrongPassword:
            form.current_password.errors.append(_("That is not your current password."))
        else:
            db.session.commit()
            passed_second_factor = has_passed_second_factor()
            user = current_user._get_current_object()
            login_user(user)  # a session of the new version, for this browser only
            if passed_second_factor:
                mark_second_factor_passed(user)
            flash(_("Your password has been changed. You have been signed out everywhere else."), "success")
            return redirect(url_for("accounts.show_profile"), code=303)
    return render_account_page(password_form=form, status=422)


@bp.post("/account/email")
@login_required
@account_limit("10 per hour")
def change_account_email():
    """Start an email change: the new address must be confirmed from the link sent to it."""
    form = ChangeEmailForm()
    if form.validate():
        try:
            request_email_change(current_user, form.new_email.data, form.password.data)
        except WrongPassword:
            form.password.errors.append(_("That is not your current password."))
        else:
            db.session.commit()
            flash(sentence_with_isolated(_("We have sent a link to %(email)s. Your email changes when you open it."),
                                         email=current_user.pending_email), "success")
            return redirect(url_for("accounts.show_profile"), code=303)
    return render_account_page(email_form=form, status=422)


@bp.get("/account/email/confirm/<token>", endpoint="confirm_email_change")
def confirm_email_change_link(token: str):
    """Follow the link sent to the new address."""
    try:
        confirm_email_change(token)
    except (InvalidToken, EmailTaken) as problem:
        db.session.rollback()
        expired = isinstance(problem, InvalidToken) and problem.expired
        return render_template("accounts/link_problem.html", expired=expired, resend=False), 400
    db.session.commit()
    flash(_("Your email address has been changed."), "success")
    return redirect(url_for("accounts.show_profile"), code=303)


@bp.route("/account/delete", methods=["GET", "POST"])
@login_required
@account_limit("10 per hour", methods=["POST"])
def delete_my_account():
    """Delete the account after confirmation: personal data is anonymised, orders stay for the books."""
    form = DeleteAccountForm()
    if form.validate_on_submit():
        try:
            delete_account(current_user, form.password.data)
        except WrongPassword:
            form.password.errors.append(_("That is not your current password."))
        else:
            db.session.commit()
            logout_user()
            session.clear()
            refresh_language()
            flash(_("Your account has been deleted. We are sorry to see you go."), "info")
            return redirect(url_for("catalog.show_home"), code=303)
    return render_template("accounts/delete_account.html", form=form), 422 if form.errors else 200


@bp.post("/account/second-factor/recovery-codes")
@role_required("admin")
def regenerate_recovery_codes():
    """Replace the recovery codes (the old ones stop working) and show the new ones once."""
    codes = new_recovery_codes(current_user)
    db.session.commit()
    return render_template("accounts/recovery_codes.html", codes=codes, next_path=url_for("accounts.show_profile"))
