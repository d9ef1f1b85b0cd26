"""The vendor portal at /vendor: applying to sell (any signed-in account), the application's status,
the vendor's own documents, and the dashboard of approved vendors."""
from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, send_file, url_for
from babel.dates import format_datetime
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required
from werkzeug.exceptions import RequestEntityTooLarge

from app.accounts.access import role_required
from app.accounts.address_book import EMIRATES
from app.accounts.phones import format_mobile_for_display
from app.extensions import db
from app.orders.history import status_label
from app.vendors.dashboard import low_stock_offers, sales_by_day, sparkline, sub_orders_to_ship, today_in_uae
from app.vendors.documents import document_path
from app.vendors.forms import VendorApplicationForm, upload_too_large_problem
from app.vendors.queries import get_document_for_owner_or_404, shop_counts, vendor_of_owner
from app.vendors.services import APPLICATION_FIELDS, VendorChangeRefused, submit_application

bp = Blueprint("vendor_portal", __name__, url_prefix="/vendor")
PORTAL_STATUSES = ("approved", "suspended")  # a suspended shop still fulfils its orders and is paid


@bp.get("")
@login_required
def show_dashboard():
    """The portal's front door: the dashboard of a shop that sells (or is suspended), the application's status
    for one waiting or turned down, the application form for an account that has not applied."""
    vendor = vendor_of_owner(current_user)
    if vendor is None:
        return redirect(url_for("vendor_portal.apply"), code=303)
    if vendor.status not in PORTAL_STATUSES or not current_user.has_role("vendor"):
        return redirect(url_for("vendor_portal.show_application"), code=303)
    return show_shop_dashboard(vendor)


@role_required("vendor")
def show_shop_dashboard(vendor):
    """The vendor's home: sales of the last 30 days, sub-orders to ship, offers running low, status, commission."""
    to_ship, waiting = sub_orders_to_ship(vendor.id)
    low_stock, running_low = low_stock_offers(vendor.id, current_app.config["LOW_STOCK_THRESHOLD"])
    return render_template(
        "vendors/dashboard.html", vendor=vendor, counts=shop_counts(vendor.id),
        period=sales_by_day(vendor.id, today_in_uae()), to_ship=to_ship, waiting=waiting, low_stock=low_stock,
        running_low=running_low, low_stock_threshold=current_app.config["LOW_STOCK_THRESHOLD"],
        sparkline=sparkline, order_status=status_label)


@bp.route("/apply", methods=["GET", "POST"])
@login_required
def apply():
    """The application form (again, with what was sent, after a rejection); sending it waits for an admin."""
    vendor = vendor_of_owner(current_user)
    if vendor is not None and not vendor.can_move_to("pending"):
        return redirect(url_for("vendor_portal.show_application"), code=303)
    form = VendorApplicationForm(obj=vendor if request.method == "GET" else None)
    form.documents_optional = vendor is not None and bool(vendor.documents)
    if request.method == "GET" and vendor is not None:
        form.contact_mobile.data = format_mobile_for_display(vendor.contact_mobile)
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("vendors/apply.html", form=form, vendor=vendor), status
    try:
        submit_application(current_user, {name: getattr(form, name).data for name in APPLICATION_FIELDS},
                           form.documents.checked)
    except VendorChangeRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("vendor_portal.show_application"), code=303)
    db.session.commit()
    flash(_("Thank you. Your application is with our team; we will write to you when it is reviewed."), "success")
    return redirect(url_for("vendor_portal.show_application"), code=303)


@bp.get("/application")
@login_required
def show_application():
    """Where the application stands: pending, approved, rejected (with the reason) or suspended."""
    vendor = vendor_of_owner(current_user)
    if vendor is None:
        return redirect(url_for("vendor_portal.apply"), code=303)
    return render_template("vendors/application.html", vendor=vendor)


@bp.get("/documents/<id:document_id>")
@login_required
def download_document(document_id: int):
    """One of the account's own shop documents, as a download."""
    return send_vendor_document(get_document_for_owner_or_404(document_id, current_user))


def send_vendor_document(document):
    """The stored file as an attachment with its checked type (never rendered inline)."""
    response = send_file(document_path(document.stored_name), mimetype=document.content_type,
                         as_attachment=True, download_name=document.original_name, max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response


@bp.errorhandler(RequestEntityTooLarge)
def refuse_too_large_upload(error):
    """A request over MAX_CONTENT_LENGTH: the form again with a translated error, not a bare 413."""
    from app.vendors.listings import LISTING_FORMS, refuse_too_large_listing  # listings builds on the portal

    if request.endpoint in LISTING_FORMS and current_user.is_authenticated:
        return refuse_too_large_listing()
    if request.endpoint != "vendor_portal.apply" or not current_user.is_authenticated:
        return error
    form = VendorApplicationForm(formdata=None)
    vendor = vendor_of_owner(current_user)
    form.documents.errors = [upload_too_large_problem()]
    return render_template("vendors/apply.html", form=form, vendor=vendor), 413


VENDOR_STATUS_LABELS = {
    "pending": _l("Waiting for review"),
    "approved": _l("Approved"),
    "rejected": _l("Not approved"),
    "suspended": _l("Suspended"),
}


@bp.app_template_global()
def vendor_status_label(status: str) -> str:
    return str(VENDOR_STATUS_LABELS.get(status, status))


SELLER_ENTRY_LABELS = {
    "vendor_portal.apply": _l("Sell on AromaSouQ"),
    "vendor_portal.show_application": _l("Your seller application"),
    "vendor_portal.show_dashboard": _l("Vendor portal"),
}


@bp.app_template_global()
def seller_entry() -> tuple[str, str]:
    """Where the store's "Sell on AromaSouQ" leads this visitor, and what the account menu calls it: the form for
    those who have not applied, the application's status while it waits or was turned down, else the portal."""
    if "seller_entry" not in g:
        if not current_user.is_authenticated:
            endpoint = "vendor_portal.apply"
        elif current_user.has_role("vendor"):  # granted on approval: the shop sells or is suspended (no query)
            endpoint = "vendor_portal.show_dashboard"
        else:
            endpoint = "vendor_portal.show_application" if vendor_of_owner(current_user) else "vendor_portal.apply"
        g.seller_entry = (url_for(endpoint), str(SELLER_ENTRY_LABELS[endpoint]))
    return g.seller_entry


@bp.app_template_global()
def emirate_name(key: str | None) -> str:
    return str(EMIRATES.get(key, key or ""))


DOCUMENT_KINDS = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
UAE_TIME = ZoneInfo("Asia/Dubai")


@bp.app_template_global()
def document_kind(content_type: str) -> str:
    return DOCUMENT_KINDS.get(content_type, content_type)


@bp.app_template_global()
def gulf_time(moment, format: str = "medium") -> str:
    """A moment as the UAE reads it, in the page's language."""
    return format_datetime(moment, format, tzinfo=UAE_TIME, locale=get_locale()) if moment else ""


@bp.app_template_filter()
def iban_groups(iban: str) -> str:
    """'AE070331234567890123456' → 'AE07 0331 2345 6789 0123 456', as banks print it."""
    return " ".join(iban[index:index + 4] for index in range(0, len(iban), 4))


bp.add_app_template_global(format_mobile_for_display, "format_mobile")

from app.vendors import listings  # noqa: E402,F401
from app.vendors import fulfilment  # noqa: E402,F401
from app.vendors import offers  # noqa: E402,F401
