"""Back office: what each vendor is owed for a period, recording a payout, and the payouts recorded."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.exports import csv_download
from app.admin.payout_forms import PayoutForm
from app.admin.tables import PER_PAGE, TableState
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.vendors.models import VendorPayout
from app.vendors.payouts import (
    PAYOUT_SORT_COLUMNS,
    Period,
    PayoutRefused,
    payable_vendors,
    period_from_args,
    recent_months,
    record_payout,
    recorded_payouts,
    statement_for,
    statements_for,
)
from app.vendors.queries import get_vendor_or_404


@bp.get("/payouts")
def list_payout_balances():
    """Each shop's sales, refunds, commission, net due, paid and balance for a period (this month by default)."""
    period = period_from_args(request.args)
    vendors = payable_vendors()
    statements = sorted(statements_for(vendors, period).values(), key=lambda statement: -statement.balance)
    return render_template("admin/payouts.html", period=period, statements=statements, months=recent_months())


def vendor_choices(vendors) -> list[tuple[int, str]]:
    arabic = get_locale() is not None and get_locale().language == "ar"
    return [(vendor.id, vendor.name_ar if arabic else vendor.name_en) for vendor in vendors]


@bp.route("/payouts/new", methods=["GET", "POST"])
def record_vendor_payout():
    """Record a bank transfer to a vendor for a period: at most the balance due unless confirmed (audited)."""
    vendors = payable_vendors()
    form = PayoutForm(vendors=vendor_choices(vendors))
    if request.method == "GET":
        prefill(form, vendors)
    if not form.validate_on_submit():
        return render_payout_form(form, 422 if form.is_submitted() else 200)
    vendor = get_vendor_or_404(form.vendor.data)
    try:
        payout = record_payout(vendor, Period(form.period_start.data, form.period_end.data), form.amount.data,
                               form.paid_on.data, form.reference.data, form.note.data or "", current_user,
                               allow_more_than_due=form.more_than_due.data)
    except PayoutRefused as refusal:
        db.session.rollback()
        form.amount.errors = [refusal.message]
        return render_payout_form(form, 422)
    db.session.commit()
    flash(_("The payout to %(shop)s is recorded.", shop=dict(form.vendor.choices)[payout.vendor_id]), "success")
    return redirect(url_for("admin.list_payout_balances", **{"from": payout.period_start.isoformat(),
                                                             "to": payout.period_end.isoformat()}), code=303)


def prefill(form: PayoutForm, vendors) -> None:
    """From the balances table's link: the vendor, the period and its balance."""
    period = period_from_args(request.args)
    form.period_start.data, form.period_end.data = period.start, period.end
    vendor = next((vendor for vendor in vendors if str(vendor.id) == request.args.get("vendor")), None)
    if vendor is not None:
        form.vendor.data = vendor.id
        balance = statement_for(vendor, period).balance
        if balance > 0:
            form.amount.data = f"{balance:f}"


def render_payout_form(form: PayoutForm, status: int):
    """The form, with the balance due for the vendor and period it holds (when both are valid)."""
    statement = None
    start, end = form.period_start.data, form.period_end.data
    if form.vendor.data and start and end and start <= end and form.vendor.data in dict(form.vendor.choices):
        statement = statement_for(get_vendor_or_404(form.vendor.data), Period(start, end))
    return render_template("admin/payouts_new.html", form=form, statement=statement), status


def payout_table(endpoint: str = "admin.list_payouts") -> TableState:
    vendor_ids = tuple(str(vendor.id) for vendor in payable_vendors())
    return TableState.from_args(endpoint, request.args,
                                {"vendor": vendor_ids, "from": None, "to": None, "q": None},
                                tuple(PAYOUT_SORT_COLUMNS), "-paid_on")


@bp.get("/payouts/recorded")
def list_payouts():
    """Every payout recorded, filtered by vendor, payment dates and reference, sorted and paged."""
    table = payout_table()
    query = recorded_payouts(table.filters).order_by(*table.order_by(PAYOUT_SORT_COLUMNS, VendorPayout.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("admin/payouts_recorded.html", "payout_table", table=table, page=page,
                                vendors=vendor_choices(payable_vendors()))


@bp.get("/payouts.csv")
def export_payouts():
    """The payouts of the current filters and sort, every page, as CSV."""
    table = payout_table()
    query = recorded_payouts(table.filters).order_by(*table.order_by(PAYOUT_SORT_COLUMNS, VendorPayout.id))
    rows = ((payout.id, payout.vendor_id, payout.vendor.name_en, payout.vendor.name_ar, payout.period_start,
             payout.period_end, payout.amount, payout.paid_on, payout.reference, payout.note, payout.created_at)
            for payout in db.session.scalars(query))
    header = ["id", "vendor_id", "vendor_en", "vendor_ar", "period_start", "period_end", "amount_aed", "paid_on",
              "reference", "note", "recorded_at"]
    return csv_download("payouts.csv", header, rows)
