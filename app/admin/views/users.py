"""Back office: the users table (search, role / verified / active filters, bulk deactivate or reactivate),
an account's page, and the changes an admin makes to it: roles, deactivation, a new verification link."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_user
from limits import parse as parse_limit

from app.accounts.access import mark_second_factor_passed
from app.accounts.models import ROLES, User
from app.admin import bp
from app.admin.exports import csv_download
from app.admin.forms import ConfirmForm
from app.admin.queries import audit_entries_for
from app.admin.tables import PER_PAGE, TableState
from app.admin.user_forms import BULK_ACTIONS, ROLE_LABELS, BulkUsersForm, RolesForm
from app.admin.user_queries import (
    USER_SORT_COLUMNS,
    YES_NO,
    get_user_or_404,
    latest_orders_of,
    shop_of,
    users_by_ids,
    users_matching,
)
from app.admin.user_services import (
    UserChangeRefused,
    change_users,
    deactivate_user,
    reactivate_user,
    resend_verification,
    set_roles,
)
from app.core.rendering import render_page_or_block
from app.core.text import sentence_with_isolated
from app.core.urls import safe_next_path
from app.extensions import db, limiter
from app.orders.history import status_label

# New verification links one account may be sent from the back office (on top of its own resend limit).
VERIFICATION_LINKS_PER_ACCOUNT = parse_limit("3 per hour")


def user_table(endpoint: str = "admin.list_users") -> TableState:
    return TableState.from_args(endpoint, request.args,
                                {"q": None, "role": ROLES, "verified": YES_NO, "active": YES_NO},
                                tuple(USER_SORT_COLUMNS), "-joined")


def sorted_users(table: TableState):
    return users_matching(table.filters).order_by(*table.order_by(USER_SORT_COLUMNS, User.id))


@bp.get("/users")
def list_users():
    """Every account, searched, filtered, sorted and a page at a time, with the bulk actions."""
    table = user_table()
    page = db.paginate(sorted_users(table), page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("admin/users.html", "user_table", table=table, page=page, roles=ROLES,
                                role_labels=ROLE_LABELS, bulk_form=BulkUsersForm(formdata=None))


@bp.get("/users.csv")
def export_users():
    """The accounts of the current filters and sort, every page, as CSV."""
    rows = ((user.id, user.full_name, user.email, user.mobile or "", " ".join(user.roles),
             "yes" if user.is_email_verified else "no", "yes" if user.is_active else "no",
             user.preferred_language, user.created_at)
            for user in db.session.scalars(sorted_users(user_table())))
    header = ["id", "full_name", "email", "mobile", "roles", "email_verified", "active", "language", "created_at"]
    return csv_download("users.csv", header, rows)


@bp.get("/users/<id:user_id>")
def show_user(user_id: int):
    """An account: profile, roles, verification, shop, latest orders, and its history."""
    return render_user(get_user_or_404(user_id))


def render_user(user: User, status: int = 200, roles_form: RolesForm | None = None):
    return render_template(
        "admin/user.html", user=user, shop=shop_of(user), orders=latest_orders_of(user),
        roles_form=roles_form or RolesForm(formdata=None, account=user, data={"roles": list(user.roles)}),
        confirm_form=ConfirmForm(), role_labels=ROLE_LABELS, order_status_label=status_label,
        history=audit_entries_for("user_account", user.id),
    ), status


def back_to(user: User):
    return redirect(url_for("admin.show_user", user_id=user.id), code=303)


def carry_out(user: User, change, done_message: str):
    """Make a change the service may refuse: its reason on the account's page, or the change done."""
    try:
        change()
    except UserChangeRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return back_to(user)
    db.session.commit()
    flash(done_message, "success")
    return back_to(user)


@bp.post("/users/<id:user_id>/roles")
def change_user_roles(user_id: int):
    """Set the account's roles; making someone an admin needs a tick to confirm."""
    user = get_user_or_404(user_id)
    form = RolesForm(account=user)
    if not form.validate_on_submit():
        return render_user(user, 422, roles_form=form)
    try:
        changed = set_roles(user, form.roles.data, current_user)
    except UserChangeRefused as refusal:
        db.session.rollback()
        form.roles.errors = [str(refusal.message)]
        return render_user(user, 422, roles_form=form)
    db.session.commit()
    if user.id == current_user.id:
        keep_this_session(user)
    flash(_("The roles are saved; the account must sign in again.") if changed else _("The roles were already so."),
          "success")
    return back_to(user)


def keep_this_session(user: User) -> None:
    """An admin who changed their own roles stays signed in here (their other sessions end)."""
    login_user(user)
    mark_second_factor_passed(user)


@bp.post("/users/<id:user_id>/deactivate", endpoint="deactivate_user")
def deactivate(user_id: int):
    """Close the account: its sessions end at once and it cannot sign in."""
    user = get_user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        return render_user(user, 400)
    return carry_out(user, lambda: deactivate_user(user, current_user),
                     _("The account is deactivated: it is signed out everywhere and cannot sign in."))


@bp.post("/users/<id:user_id>/reactivate", endpoint="reactivate_user")
def reactivate(user_id: int):
    """Open a deactivated account again."""
    user = get_user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        return render_user(user, 400)
    return carry_out(user, lambda: reactivate_user(user, current_user),
                     _("The account is active again: its owner can sign in."))


@bp.post("/users/<id:user_id>/verification")
def resend_user_verification(user_id: int):
    """Send the account a new verification link, at most three an hour."""
    user = get_user_or_404(user_id)
    if not ConfirmForm().validate_on_submit():
        return render_user(user, 400)

    def send():
        resend_verification(user, current_user)
        if not limiter.limiter.hit(VERIFICATION_LINKS_PER_ACCOUNT, "admin-verification-link", str(user.id)):
            raise UserChangeRefused(_("Three links were sent to this address in the last hour. Try again later."))

    return carry_out(user, send, sentence_with_isolated(_("A new verification link is on its way to %(email)s."),
                                                        email=user.email))


@bp.post("/users/bulk")
def change_users_in_bulk():
    """Deactivate or reactivate the ticked accounts (never your own), then back to the same table."""
    form = BulkUsersForm()
    action = request.form.get("action")
    table_url = safe_next_path(request.form.get("next"), url_for("admin.list_users"))
    if not form.validate_on_submit() or action not in BULK_ACTIONS:
        flash(_("Tick at least one account, then choose what to do with them."), "error")
        return redirect(table_url, code=303)
    changed, left_out = change_users(users_by_ids(form.users.data), action, current_user)
    db.session.commit()
    if action == "deactivate":
        message = ngettext("%(num)d account is deactivated and signed out everywhere.",
                           "%(num)d accounts are deactivated and signed out everywhere.", len(changed))
    else:
        message = ngettext("%(num)d account is active again.", "%(num)d accounts are active again.", len(changed))
    flash(message, "success" if changed else "info")
    if left_out:
        flash(ngettext("%(num)d ticked account was left out: your own, a deleted one, or one already so.",
                       "%(num)d ticked accounts were left out: your own, deleted ones, or ones already so.",
                       len(left_out)), "info")
    return redirect(table_url, code=303)
