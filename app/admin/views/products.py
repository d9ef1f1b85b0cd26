"""Back office: the product approval queue, a product's proposed data, approve / reject."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.admin import bp
from app.admin.forms import ConfirmForm, ReasonForm
from app.admin.queries import (
    PRODUCT_SORT_COLUMNS,
    PRODUCT_STATUSES,
    audit_entries_for,
    get_product_for_review_or_404,
    products_matching,
    shops_of_products,
    vendors_by_id,
)
from app.admin.services import ProductDecisionRefused, approve_product, reject_product
from app.admin.tables import PER_PAGE, TableState
from app.catalog.families import SCENT_FAMILIES
from app.catalog.models import Product
from app.catalog.product_labels import CONCENTRATION_LABELS, GENDER_LABELS, LAYER_LABELS
from app.core.rendering import render_page_or_block
from app.extensions import db


@bp.get("/products")
def list_products():
    """Products by status (the approval queue by default: oldest first), a page at a time."""
    table = TableState.from_args("admin.list_products", request.args,
                                 {"status": PRODUCT_STATUSES, "q": None}, tuple(PRODUCT_SORT_COLUMNS), "submitted")
    table.filters.setdefault("status", "pending")
    query = products_matching(table.filters).order_by(*table.order_by(PRODUCT_SORT_COLUMNS, Product.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    shops = shops_of_products([product.id for product in page.items]) if page.items else {}
    return render_page_or_block("admin/products.html", "product_table", table=table, page=page, shops=shops,
                                statuses=PRODUCT_STATUSES)


@bp.get("/products/<id:product_id>")
def show_product(product_id: int):
    """The proposed product: texts in both languages, notes by layer, accords, sizes and offers."""
    return render_product(get_product_for_review_or_404(product_id))


def render_product(product: Product, status: int = 200, reject_form=None):
    offers = [offer for variant in product.variants for offer in variant.offers]
    return render_template(
        "admin/product.html", product=product, vendors=vendors_by_id(offer.vendor_id for offer in offers),
        layers={layer: [entry for entry in sorted(product.notes, key=lambda e: e.position) if entry.layer == layer]
                for layer in LAYER_LABELS},
        layer_labels=LAYER_LABELS, gender_labels=GENDER_LABELS, concentration_labels=CONCENTRATION_LABELS,
        families=SCENT_FAMILIES, confirm_form=ConfirmForm(),
        reject_form=reject_form or ReasonForm(formdata=None, prefix="reject"),
        history=audit_entries_for("product", product.id),
    ), status


@bp.post("/products/<id:product_id>/approve", endpoint="approve_product")
def approve_product_view(product_id: int):
    """Approve the product: it enters the store and its shops are told."""
    product = get_product_for_review_or_404(product_id)
    if not ConfirmForm().validate_on_submit():
        return render_product(product, 400)
    return decide(product, lambda: approve_product(product, current_user),
                  _("The product is approved and on its way into the store."))


@bp.post("/products/<id:product_id>/reject", endpoint="reject_product")
def reject_product_view(product_id: int):
    """Reject the product with a reason its shops read."""
    product = get_product_for_review_or_404(product_id)
    form = ReasonForm(prefix="reject")
    if not form.validate_on_submit():
        return render_product(product, 422, reject_form=form)
    return decide(product, lambda: reject_product(product, current_user, form.reason.data),
                  _("The product is rejected. Its shops have been told why."))


def decide(product: Product, decision, message: str):
    try:
        decision()
    except ProductDecisionRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("admin.show_product", product_id=product.id), code=303)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("admin.list_products", status="pending"), code=303)


PRODUCT_STATUS_LABELS = {
    "pending": _l("Waiting for approval"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "draft": _l("Draft"),
    "archived": _l("Archived"),
}


@bp.app_template_global()
def product_status_label(status: str) -> str:
    return str(PRODUCT_STATUS_LABELS.get(status, status))
