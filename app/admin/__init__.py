"""The back office at /admin: vendors, the product approval queue and the audit log, for admins who
passed the second factor in this session."""
from flask import Blueprint

from app.accounts.access import role_required

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.before_request
@role_required("admin")
def require_admin():
    """Every back-office request: signed in, an admin, second factor passed (others: sign-in, 403, code)."""
    return None


from app.admin import views  # noqa: E402,F401
