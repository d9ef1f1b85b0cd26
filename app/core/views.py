"""Health and the language switch."""
from flask import jsonify, redirect, request
from flask_login import current_user

from app.core import bp
from app.core.health import health_report
from app.core.i18n import remember_language, supported_languages
from app.core.urls import safe_next_path
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
    remember_language(response, language)
    if current_user.is_authenticated:
        from app.accounts.services import set_preferred_language  # accounts builds on core, not the reverse

        set_preferred_language(current_user, language)
        db.session.commit()
    return response
