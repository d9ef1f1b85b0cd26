"""Back office: the vendors table (application queue first), a vendor's file, and the decisions on it."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from app.accounts.address_book import EMIRATES
from app.admin import bp
from app.admin.exports import csv_download
from app.admin.forms import CommissionForm, ConfirmForm, ReasonForm
from app.admin.queries import audit_entries_for
from app.admin.tables import PER_PAGE, TableState
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.vendors.models import VENDOR_STATUSES, Vendor
from app.vendors.portal import send_vendor_document
from app.vendors.queries import (
    VENDOR_SORT_COLUMNS,
    count_vendors_by_status,
    get_document_of_vendor_or_404,
    get_vendor_or_404,
    vendors_matching,
)
from app.vendors.services import (
    VendorChangeRefused,
    approve_vendor,
    reinstate_vendor,
    reject_vendor,
    set_commission_rate,
    suspend_vendor,
)


def vendor_table(endpoint: str = "admin.list_vendors") -> TableState:
    return TableState.from_args(endpoint, request.args,
                                {"status": VENDOR_STATUSES, "emirate": tuple(EMIRATES), "q": None},
                                tuple(VENDOR_SORT_COLUMNS), "-submitted")


@bp.get("/vendors")
def list_vendors():
    """All vendors, filtered, sorted and a page at a time; pending applications are one click away."""
    table = vendor_table()
    query = vendors_matching(table.filters).order_by(*table.order_by(VENDOR_SORT_COLUMNS, Vendor.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("admin/vendors.html", "vendor_table", table=table, page=page,
                                counts=count_vendors_by_status(), emirates=EMIRATES, statuses=VENDOR_STATUSES)


@bp.get("/vendors.csv")
def export_vendors():
    """The vendors of the current filters and sort, every page, as CSV."""
    table = vendor_table()
    query = vendors_matching(table.filters).order_by(*table.order_by(VENDOR_SORT_COLUMNS, Vendor.id))
    rows = ((vendor.id, vendor.slug, vendor.name_en, vendor.name_ar, vendor.status, vendor.emirate,
             vendor.owner.email if vendor.owner else "",
             vendor.trade_licence_number or "", vendor.trade_licence_expires_on or "", vendor.trn or "",
             vendor.commission_rate * 100, vendor.submitted_at or vendor.created_at, vendor.approved_at or "")
            for vendor in db.session.scalars(query))
    header = ["id", "slug", "name_en", "name_ar", "status", "emirate", "owner_email", "trade_licence_number",
              "trade_licence_expires_on", "trn", "commission_percent", "submitted_at", "approved_at"]
    return csv_download("vendors.csv", header, rows)


@bp.get("/vendors/<id:vendor_id>")
def show_vendor(vendor_id: int):
    """A vendor's file: application, documents, decisions and history."""
    return render_vendor(get_vendor_or_404(vendor_id))


def render_vendor(vendor: Vendor, status: int = 200, **forms):
    commission_form = forms.get("commission_form") or CommissionForm(
        formdata=None, data={"percent": str((vendor.commission_rate * 100).normalize())})
    return render_template(
        "admin/vendor.html", vendor=vendor, confirm_form=ConfirmForm(),
        reject_form=forms.get("reject_form") or ReasonForm(formdata=None, prefix="reject"),
        suspend_form=forms.get("suspend_form") or ReasonForm(formdata=None, prefix="suspend"),
        commission_form=commission_form, history=audit_entries_for("vendor", vendor.id),
    ), status


def decided(vendor: Vendor, message: str):
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("admin.show_vendor", vendor_id=vendor.id), code=303)


def refused(vendor: Vendor, refusal: VendorChangeRefused):
    db.session.rollback()
    flash(str(refusal.message), "error")
    return redirect(url_for("admin.show_vendor", vendor_id=vendor.id), code=303)


def carry_out(vendor, change, done_message: str):
    """Make a status change the service may refuse: its reason on the vendor's page, or the decision done."""
    try:
        change()
    except VendorChangeRefused as refusal:
        return refused(vendor, refusal)
    return decided(vendor, done_message)


@bp.post("/vendors/<id:vendor_id>/approve", endpoint="approve_vendor")
def approve(vendor_id: int):
    """Approve a pending application: the owner becomes a vendor and is told."""
    vendor = get_vendor_or_404(vendor_id)
    if not ConfirmForm().validate_on_submit():
        return render_vendor(vendor, 400)
    return carry_out(vendor, lambda: approve_vendor(vendor, current_user),
                     _("The shop is approved. Its owner has been told."))


@bp.post("/vendors/<id:vendor_id>/reject", endpoint="reject_vendor")
def reject(vendor_id: int):
    """Reject a pending application with the reason the applicant reads."""
    vendor = get_vendor_or_404(vendor_id)
    form = ReasonForm(prefix="reject")
    if not form.validate_on_submit():
        return render_vendor(vendor, 422, reject_form=form)
    return carry_out(vendor, lambda: reject_vendor(vendor, current_user, form.reason.data),
                     _("The application is rejected. The applicant has been told why."))


@bp.post("/vendors/<id:vendor_id>/suspend", endpoint="suspend_vendor")
def suspend(vendor_id: int):
    """Suspend an approved shop: its offers leave the store at once."""
    vendor = get_vendor_or_404(vendor_id)
    form = ReasonForm(prefix="suspend")
    if not form.validate_on_submit():
        return render_vendor(vendor, 422, suspend_form=form)
    return carry_out(vendor, lambda: suspend_vendor(vendor, current_user, form.reason.data),
                     _("The shop is suspended and its offers are leaving the store."))


@bp.post("/vendors/<id:vendor_id>/reinstate", endpoint="reinstate_vendor")
def reinstate(vendor_id: int):
    """Let a suspended shop sell again."""
    vendor = get_vendor_or_404(vendor_id)
    if not ConfirmForm().validate_on_submit():
        return render_vendor(vendor, 400)
    return carry_out(vendor, lambda: reinstate_vendor(vendor, current_user),
                     _("The shop is reinstated and its offers are back in the store."))


@bp.post("/vendors/<id:vendor_id>/commission")
def change_commission(vendor_id: int):
    """Set the vendor's commission rate (0–50 %)."""
    vendor = get_vendor_or_404(vendor_id)
    form = CommissionForm()
    if not form.validate_on_submit():
        return render_vendor(vendor, 422, commission_form=form)
    try:
        set_commission_rate(vendor, current_user, form.percent.data)
    except VendorChangeRefused as refusal:
        return refused(vendor, refusal)
    return decided(vendor, _("The commission rate is saved."))


@bp.get("/vendors/<id:vendor_id>/documents/<id:document_id>")
def download_vendor_document(vendor_id: int, document_id: int):
    """One of a vendor's documents, as a download."""
    return send_vendor_document(get_document_of_vendor_or_404(vendor_id, document_id))
