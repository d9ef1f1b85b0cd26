"""Back office: coupons — the list with how often each was used, creating, editing and deactivating one."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from app.admin import bp
from app.admin.commerce_forms import CouponForm
from app.admin.commerce_services import CouponRefused, create_coupon, deactivate_coupon, update_coupon
from app.admin.forms import ConfirmForm
from app.admin.order_queries import (
    COUPON_SORT_COLUMNS,
    brand_choices,
    coupon_rows,
    coupons_matching,
    get_coupon_or_404,
    redemptions_count,
    vendor_choices,
)
from app.admin.queries import audit_entries_for
from app.admin.tables import PER_PAGE, TableState
from app.core.rendering import render_page_or_block
from app.core.text import sentence_with_isolated
from app.extensions import db
from app.orders.models import Coupon


@bp.get("/coupons")
def list_coupons():
    """Every coupon, newest first, with its terms and how many orders used it."""
    table = TableState.from_args("admin.list_coupons", request.args, {"state": ("active", "inactive"), "q": None},
                                 tuple(COUPON_SORT_COLUMNS), "-created")
    query = coupons_matching(table.filters).order_by(*table.order_by(COUPON_SORT_COLUMNS, Coupon.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    return render_page_or_block("admin/coupons.html", "coupon_table", table=table, page=page,
                                rows=coupon_rows(page.items), confirm_form=ConfirmForm())


def coupon_form(coupon: Coupon | None = None, submitted: bool = False) -> CouponForm:
    """The form as sent, or showing the coupon's terms (a new coupon's defaults)."""
    options = {"coupon_id": coupon.id if coupon else None, "vendors": vendor_choices(), "brands": brand_choices(),
               "language": page_language()}
    if submitted:
        return CouponForm(**options)
    return CouponForm(formdata=None, data=CouponForm.data_of(coupon) if coupon else None, **options)


def page_language() -> str:
    locale = get_locale()
    return locale.language if locale is not None else "en"


def render_coupon(form: CouponForm, coupon: Coupon | None = None, status: int = 200):
    return render_template("admin/coupon.html", form=form, coupon=coupon, confirm_form=ConfirmForm(),
                           redemptions=redemptions_count(coupon) if coupon else 0,
                           history=audit_entries_for("coupon", coupon.id) if coupon else []), status


@bp.get("/coupons/new")
def new_coupon():
    """The form for a new coupon."""
    return render_coupon(coupon_form())


@bp.post("/coupons/new", endpoint="create_coupon")
def create():
    """Add the coupon, or show the form again with what is wrong."""
    form = coupon_form(submitted=True)
    if not form.validate_on_submit():
        return render_coupon(form, status=422)
    try:
        coupon = create_coupon(form.values(), current_user)
    except CouponRefused as refusal:
        db.session.rollback()
        form.code.errors = [refusal.message]
        return render_coupon(form, status=422)
    db.session.commit()
    flash(sentence_with_isolated(_("The coupon %(code)s is saved."), code=coupon.code), "success")
    return redirect(url_for("admin.edit_coupon", coupon_id=coupon.id), code=303)


@bp.get("/coupons/<id:coupon_id>")
def edit_coupon(coupon_id: int):
    """A coupon's terms, to change, with its use and history."""
    coupon = get_coupon_or_404(coupon_id)
    return render_coupon(coupon_form(coupon), coupon)


@bp.post("/coupons/<id:coupon_id>", endpoint="update_coupon")
def update(coupon_id: int):
    """Save the coupon's new terms, or show the form again with what is wrong."""
    coupon = get_coupon_or_404(coupon_id)
    form = coupon_form(coupon, submitted=True)
    if not form.validate_on_submit():
        return render_coupon(form, coupon, 422)
    try:
        update_coupon(coupon, form.values(coupon), current_user)
    except CouponRefused as refusal:
        db.session.rollback()
        form.code.errors = [refusal.message]
        return render_coupon(form, get_coupon_or_404(coupon_id), 422)
    db.session.commit()
    flash(sentence_with_isolated(_("The coupon %(code)s is saved."), code=coupon.code), "success")
    return redirect(url_for("admin.edit_coupon", coupon_id=coupon.id), code=303)


@bp.post("/coupons/<id:coupon_id>/deactivate", endpoint="deactivate_coupon")
def deactivate(coupon_id: int):
    """Stop the coupon from applying at checkout (orders that used it keep their discount)."""
    coupon = get_coupon_or_404(coupon_id)
    if not ConfirmForm().validate_on_submit():
        return render_coupon(coupon_form(coupon), coupon, 400)
    changed = deactivate_coupon(coupon, current_user)
    db.session.commit()
    flash(sentence_with_isolated(_("The coupon %(code)s no longer applies.") if changed
                                 else _("The coupon %(code)s was already inactive."), code=coupon.code),
          "success" if changed else "info")
    back = url_for("admin.list_coupons") if request.form.get("next") == "list" else \
        url_for("admin.edit_coupon", coupon_id=coupon.id)
    return redirect(back, code=303)
