"""Who may open what: role checks for views, ownership checks for records. Every later view uses these."""
from __future__ import annotations

from functools import wraps

from flask import abort, redirect, request, session, url_for
from flask_login import current_user, login_required

from app.extensions import login_manager

SECOND_FACTOR_SESSION_KEY = "second_factor_verified"


def role_required(*roles: str):
    """Let in signed-in accounts holding any of `roles`; others get 403, anonymous people the sign-in page.

    Accounts that need a second factor (admins) must have passed it in this session.
    """

    def decorator(view):
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if not any(current_user.has_role(role) for role in roles):
                abort(403)
            if current_user.needs_second_factor and not has_passed_second_factor():
                return redirect(url_for("accounts.sign_in_second_factor", next=request.full_path))
            return view(*args, **kwargs)

        return wrapped

    return decorator


def has_passed_second_factor() -> bool:
    """This session proved the second factor, for this account and this session version."""
    return current_user.is_authenticated and session.get(SECOND_FACTOR_SESSION_KEY) == current_user.get_id()


def mark_second_factor_passed(user) -> None:
    session[SECOND_FACTOR_SESSION_KEY] = user.get_id()


def account_limit(limit: str, methods=None):
    """A rate limit per signed-in account (on top of the per-address limits), for sensitive changes."""
    from app.extensions import limiter

    return limiter.limit(limit, key_func=lambda: f"account:{current_user.get_id()}", methods=methods)


def ensure_owner(owner_id: int | None, user) -> None:
    """404 unless `user` owns the record: another person's record is answered as if it did not exist."""
    if owner_id is None or user is None or not user.is_authenticated or owner_id != user.id:
        abort(404)


def configure_login(app) -> None:
    """Flask-Login: where to send anonymous people, and session protection (cookie lifetimes: config.py)."""
    from flask_babel import lazy_gettext as _l

    login_manager.login_view = "accounts.sign_in"
    login_manager.login_message = _l("Please sign in to open that page.")
    login_manager.login_message_category = "info"
    # "basic": a session from another browser fingerprint is kept but marked not fresh; "strong" would
    # sign mobile shoppers out each time their network changes.
    login_manager.session_protection = "basic"
    login_manager.unauthorized_handler(send_to_sign_in)


def send_to_sign_in():
    """Anonymous people go to the sign-in page and come back; htmx requests redirect the whole page."""
    from flask import flash, make_response

    from app.extensions import login_manager as manager

    target = url_for(manager.login_view, next=request.full_path.rstrip("?"))
    if getattr(request, "htmx", False):
        response = make_response("", 401)
        response.headers["HX-Redirect"] = target
        return response
    flash(manager.login_message, manager.login_message_category)
    return redirect(target)
