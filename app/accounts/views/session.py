"""Signing in and out. Registration, profile and the rest arrive with the accounts issue."""
from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import refresh as refresh_language
from flask_login import current_user, login_user, logout_user

from app.accounts import bp
from app.accounts import queries  # noqa: F401  (registers the Flask-Login user loader)
from app.accounts.forms import SignInForm
from app.accounts.services import authenticate
from app.core.urls import safe_next_path
from app.extensions import limiter


@bp.route("/sign-in", methods=["GET", "POST"])
@limiter.limit("10 per minute; 50 per hour", methods=["POST"])
def sign_in():
    """Sign in with email and password, then go back to where the person was."""
    if current_user.is_authenticated:
        return redirect(safe_next_path(request.args.get("next")))
    form = SignInForm(next=request.args.get("next", ""))
    if form.validate_on_submit():
        user = authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            refresh_language()  # the account's language may now apply: say welcome in it
            flash(_("Welcome back, %(name)s.", name=user.full_name), "success")
            return redirect(safe_next_path(form.next.data), code=303)
        form.password.errors.append(_("That email and password do not match an account."))
    status = 422 if form.errors else 200
    return render_template("accounts/sign_in.html", form=form), status


@bp.post("/sign-out")
def sign_out():
    """Sign out and go home."""
    logout_user()
    refresh_language()
    flash(_("You have signed out."), "info")
    return redirect(url_for("catalog.show_home"), code=303)
