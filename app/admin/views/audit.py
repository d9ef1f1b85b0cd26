"""Back office: the audit log, filterable by actor, action, subject and dates."""
from flask import request

from app.admin import bp
from app.admin.audit_reading import action_label, actor_role_label, audit_changes, subject_label
from app.admin.queries import AUDIT_SORT_COLUMNS, audit_entries_matching, audit_vocabulary
from app.admin.tables import TableState
from app.audit.models import AuditEntry
from app.core.rendering import render_page_or_block
from app.extensions import db

AUDIT_PER_PAGE = 50


@bp.get("/audit")
def list_audit_entries():
    """Every recorded change, newest first, 50 a page."""
    actions, subject_types = audit_vocabulary()
    table = TableState.from_args(
        "admin.list_audit_entries", request.args,
        {"actor": None, "action": tuple(actions), "subject_type": tuple(subject_types), "subject_id": None,
         "since": None, "until": None}, tuple(AUDIT_SORT_COLUMNS), "-created")
    query = audit_entries_matching(table.filters).order_by(*table.order_by(AUDIT_SORT_COLUMNS, AuditEntry.id))
    page = db.paginate(query, page=table.page, per_page=AUDIT_PER_PAGE, error_out=False, count=True)
    return render_page_or_block("admin/audit.html", "audit_table", table=table, page=page, actions=actions,
                                subject_types=subject_types)


for reader in (action_label, subject_label, actor_role_label, audit_changes):
    bp.add_app_template_global(reader)
