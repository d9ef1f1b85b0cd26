"""Health and the language switch."""
from flask import jsonify, redirect, request
from flask_login import current_user

from app.core import bp
from app.core.health import health_report
from app.core.i18n import LANGUAGE_COOKIE, LANGUAGE_COOKIE_MAX_AGE, supported_languages
from app.core.urls import safe_next_path
from app.accounts.services import set_preferred_language
from app.extensions import db


@bp.get("/health")
def show_health():
    """Report database, Redis, worker heartbeat and queues; 503 when one is down."""
    report, healthy = health_report()
    response = jsonify(report)
    response.status_code = 200 if healthy else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/language")
def switch_language():
    """Remember the chosen language and go back to the same page."""
    language = request.form.get("lang", "")
    target = safe_next_path(request.form.get("next"))
    response = redirect(target, code=303)
    if language not in supported_languages():
        return response
    response.set_cookie(
        LANGUAGE_COOKIE,
        language,
        max_age=LANGUAGE_COOKIE_MAX_AGE,
        samesite="Lax",
        httponly=True,
        secure=request.is_secure,
    )
    if current_user.is_authenticated:
        set_preferred_language(current_user, language)
        db.session.commit()
    return response
