"""The notification centre: the list, the bell's count, and marking notifications read.

Every action works as a plain form (POST → 303) and with htmx (the item or the list swaps, and the
`notificationsChanged` event tells the header's bell to fetch its count again).
"""
from __future__ import annotations

import json
from datetime import datetime, timezone

from flask import flash, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.rendering import render_page_or_block, wants_fragment
from app.core.urls import safe_next_path
from app.extensions import db
from app.notifications import bp, services
from app.notifications.messages import in_app_message
from app.notifications.queries import get_notification_for_user_or_404, notifications_for, unread_count_for

CHANGED_EVENT = "notificationsChanged"


@bp.app_template_global()
def unread_notification_count() -> int:
    """The signed-in account's unread count, for the header's bell (0 for anonymous visitors)."""
    return unread_count_for(current_user) if current_user.is_authenticated else 0


bp.add_app_template_global(in_app_message)


@bp.get("/notifications")
@login_required
def list_notifications():
    """Show the account's notifications, newest first, a page at a time."""
    return render_page_or_block("notifications/index.html", "notification_list", **list_context())


@bp.get("/notifications/unread-count")
def show_unread_count():
    """The bell's count (it polls this): 204 for someone no longer signed in, so nothing swaps."""
    if not current_user.is_authenticated:
        return "", 204
    response = make_response(render_template("notifications/_bell_count.html",
                                             unread_count=unread_count_for(current_user)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/notifications/<id:notification_id>/read")
@login_required
def mark_notification_read(notification_id: int):
    """Mark one notification read."""
    notification = get_notification_for_user_or_404(notification_id, current_user)
    services.mark_notification_read(notification)
    db.session.commit()
    if not wants_fragment():
        return redirect(safe_next_path(request.form.get("next"), url_for("notifications.list_notifications")), 303)
    # The item, and the centre's summary out of band (its unread count changed too).
    response = make_response(render_template(
        "notifications/_read_response.html", notification=notification, now=utc_now(),
        unread_count=unread_count_for(current_user),
    ))
    response.vary.add("HX-Request")
    response.headers["HX-Trigger"] = json.dumps({CHANGED_EVENT: None})
    return response


@bp.post("/notifications/read-all")
@login_required
def mark_all_notifications_read():
    """Mark every notification of the account read, then show the newest."""
    marked = services.mark_all_notifications_read(current_user)
    db.session.commit()
    message = _("All your notifications are marked as read.")
    if not wants_fragment():
        if marked:
            flash(message, "success")
        return redirect(url_for("notifications.list_notifications"), 303)
    response = render_page_or_block("notifications/index.html", "notification_list", **list_context(page=1))
    response.headers["HX-Push-Url"] = url_for("notifications.list_notifications")
    response.headers["HX-Trigger"] = json.dumps(
        {CHANGED_EVENT: None, "showToast": {"message": message, "kind": "success"}})
    return response


MAX_PAGE = 10_000  # a page number beyond any real list, and within what PostgreSQL's OFFSET accepts


def list_context(page: int | None = None) -> dict:
    page = page if page is not None else min(request.args.get("page", 1, type=int), MAX_PAGE)
    return {"page": notifications_for(current_user, page), "unread_count": unread_count_for(current_user),
            "now": utc_now()}


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
