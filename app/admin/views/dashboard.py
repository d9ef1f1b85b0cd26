"""Back office: the home page, with what waits for a decision."""
from flask import render_template

from app.admin import bp
from app.admin.queries import waiting_counts


@bp.get("")
def show_dashboard():
    """What waits: vendor applications and products to approve."""
    return render_template("admin/dashboard.html", waiting=waiting_counts())
