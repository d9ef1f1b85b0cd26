"""Back office: the product approval queue (new products and vendors' changes to approved ones), a product's
proposed data, a change's differences from the live version, approve / reject, bulk approval, and
featuring approved products on the home page."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user

from app.admin import bp
from app.admin.forms import ConfirmForm, ReasonForm
from app.admin.queries import (
    PRODUCT_SORT_COLUMNS,
    PRODUCT_STATUSES,
    REVISION_SORT_COLUMNS,
    audit_entries_for,
    catalog_names,
    count_pending_revisions,
    get_product_for_review_or_404,
    get_revision_or_404,
    pending_revision_ids,
    products_by_id,
    products_matching,
    revisions_matching,
    shops_of_products,
    vendors_by_id,
)
from app.admin.services import (
    ProductDecisionRefused,
    approve_product,
    approve_products,
    approve_revision,
    feature_product,
    reject_product,
    reject_revision,
)
from app.admin.tables import PER_PAGE, TableState
from app.catalog.families import SCENT_FAMILIES
from app.catalog.models import LAYERS, Product, ProductRevision
from app.catalog.product_labels import CONCENTRATION_LABELS, GENDER_LABELS, LAYER_LABELS
from app.core.i18n import current_language
from app.core.input import database_id
from app.core.money import format_money
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.vendors.product_forms import KIND_LABELS, OCCASION_LABELS
from app.vendors.revisions import catalog_data_of

MAX_BULK = 100


@bp.get("/products")
def list_products():
    """Products by status (the approval queue by default: oldest first), or the changes waiting for review."""
    table = TableState.from_args("admin.list_products", request.args,
                                 {"status": PRODUCT_STATUSES, "q": None}, tuple(PRODUCT_SORT_COLUMNS), "submitted")
    table.filters.setdefault("status", "pending")
    if table.filters["status"] == "revisions":
        query = revisions_matching(table.filters).order_by(
            *table.order_by(REVISION_SORT_COLUMNS, ProductRevision.id))
    else:
        query = products_matching(table.filters).order_by(*table.order_by(PRODUCT_SORT_COLUMNS, Product.id))
    page = db.paginate(query, page=table.page, per_page=PER_PAGE, error_out=False, count=True)
    product_ids = [row.product_id if isinstance(row, ProductRevision) else row.id for row in page.items]
    return render_page_or_block(
        "admin/products.html", "product_table", table=table, page=page, statuses=PRODUCT_STATUSES,
        shops=shops_of_products(product_ids) if product_ids else {},
        revision_vendors=vendors_by_id(row.vendor_id for row in page.items if isinstance(row, ProductRevision)),
        changes_waiting=count_pending_revisions(), bulk_form=ConfirmForm())


@bp.post("/products/approve", endpoint="approve_products")
def approve_products_view():
    """Approve the products ticked in the queue (those still waiting; others are left as they are)."""
    form = ConfirmForm()
    ids = sorted({number for number in map(database_id, request.form.getlist("product_ids")) if number})[:MAX_BULK]
    if not form.validate_on_submit() or not ids:
        flash(_("Tick the products to approve first."), "error")
        return redirect(url_for("admin.list_products", status="pending"), code=303)
    count = approve_products(products_by_id(ids), current_user)
    db.session.commit()
    flash(ngettext("%(num)d product is approved and on its way into the store.",
                   "%(num)d products are approved and on their way into the store.", count), "success")
    return redirect(url_for("admin.list_products", status="pending"), code=303)


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
        revision_id=pending_revision_ids([product.id]).get(product.id),
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


@bp.post("/products/<id:product_id>/feature", endpoint="feature_product")
def feature_product_view(product_id: int):
    """Show the approved product among the home page's picks (featured=1), or take it off (featured=0)."""
    product = get_product_for_review_or_404(product_id)
    if not ConfirmForm().validate_on_submit():
        return render_product(product, 400)
    featured = request.form.get("featured") == "1"
    try:
        feature_product(product, current_user, featured)
    except ProductDecisionRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("admin.show_product", product_id=product.id), code=303)
    db.session.commit()
    flash(_("The product is featured on the home page.") if featured
          else _("The product is no longer featured on the home page."), "success")
    return redirect(url_for("admin.show_product", product_id=product.id), code=303)


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


# A vendor's changes to an approved product ------------------------------------------------------------


@bp.get("/products/revisions/<id:revision_id>")
def show_revision(revision_id: int):
    """The changes a vendor proposed, field by field beside the live version."""
    return render_revision(get_revision_or_404(revision_id))


def render_revision(revision: ProductRevision, status: int = 200, reject_form=None):
    product = get_product_for_review_or_404(revision.product_id)
    live = catalog_data_of(product)
    return render_template(
        "admin/product_revision.html", revision=revision, product=product,
        vendor=vendors_by_id([revision.vendor_id]).get(revision.vendor_id),
        sections=differences(live, revision.proposed), confirm_form=ConfirmForm(),
        reject_form=reject_form or ReasonForm(formdata=None, prefix="reject"),
        history=audit_entries_for("product", product.id),
    ), status


@bp.post("/products/revisions/<id:revision_id>/approve", endpoint="approve_revision")
def approve_revision_view(revision_id: int):
    """Apply the changes to the live product (in one transaction) and refresh it in the store."""
    revision = get_revision_or_404(revision_id)
    if not ConfirmForm().validate_on_submit():
        return render_revision(revision, 400)
    return decide_revision(revision, lambda: approve_revision(revision, current_user),
                           _("The changes are approved and on their way into the store."))


@bp.post("/products/revisions/<id:revision_id>/reject", endpoint="reject_revision")
def reject_revision_view(revision_id: int):
    """Refuse the changes with a reason the vendor reads; the live product stays as it is."""
    revision = get_revision_or_404(revision_id)
    form = ReasonForm(prefix="reject")
    if not form.validate_on_submit():
        return render_revision(revision, 422, reject_form=form)
    return decide_revision(revision, lambda: reject_revision(revision, current_user, form.reason.data),
                           _("The changes are rejected. The vendor has been told why."))


def decide_revision(revision: ProductRevision, decision, message: str):
    try:
        decision()
    except ProductDecisionRefused as refusal:
        db.session.rollback()
        flash(str(refusal.message), "error")
        return redirect(url_for("admin.show_revision", revision_id=revision.id), code=303)
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("admin.list_products", status="revisions"), code=303)


# The differences between the live version and the proposal ------------------------------------------------


@dataclass
class Difference:
    label: str
    before: str | list = ""
    after: str | list = ""
    lang: str | None = None  # the language of a text field, for its lang and dir
    kind: str = "text"  # "text", "list" (of sizes) or "photos" ([{path, widths}])

    @property
    def changed(self) -> bool:
        return self.before != self.after


@dataclass
class Section:
    title: str
    rows: list[Difference] = field(default_factory=list)

    @property
    def changed(self) -> int:
        return sum(row.changed for row in self.rows)


def differences(live: dict, proposed: dict) -> list[Section]:
    """The live and proposed catalog data side by side, in the page's language, section by section."""
    names = catalog_names(live, proposed)
    language = current_language()
    comma = "، " if language == "ar" else ", "

    def name_of(record) -> str:
        if record is None:
            return "—"
        return (record.name_ar or record.name_en) if language == "ar" else record.name_en

    def facts(data: dict) -> list[str]:
        return [name_of(names["brands"].get(data.get("brand_id"))), name_of(names["categories"].get(data.get("category_id"))),
                str(SCENT_FAMILIES.get(data.get("family"), data.get("family"))),
                str(GENDER_LABELS.get(data.get("gender"), data.get("gender"))),
                str(CONCENTRATION_LABELS.get(data.get("concentration"), data.get("concentration"))),
                str(data.get("launch_year") or "—"), data.get("perfumer") or "—",
                _("Yes") if data.get("alcohol_free") else _("No"),
                comma.join(str(OCCASION_LABELS.get(o, o)) for o in data.get("occasions", [])) or "—"]

    def notes(data: dict, layer: str) -> str:
        return comma.join(name_of(names["notes"].get(note_id)) for note_id in data["notes"].get(layer, [])) or "—"

    def accords(data: dict) -> str:
        return comma.join(f"{name_of(names['accords'].get(accord_id))} {strength}"
                         for accord_id, strength in data.get("accords", [])) or "—"

    def sizes(data: dict) -> list[str]:
        return sorted(size_text(size) for size in data.get("variants", []))

    fact_labels = [_l("House"), _l("Category"), _l("Scent family"), _l("For"), _l("Concentration"), _l("Launch year"),
                   _l("Perfumer"), _l("Alcohol-free"), _l("Occasions")]
    return [
        Section(_("Texts"), [Difference(_("Name in English"), live["name_en"], proposed["name_en"], "en"),
                             Difference(_("Name in Arabic"), live["name_ar"], proposed["name_ar"], "ar"),
                             Difference(_("Description in English"), live["description_en"] or "",
                                        proposed["description_en"] or "", "en"),
                             Difference(_("Description in Arabic"), live["description_ar"] or "",
                                        proposed["description_ar"] or "", "ar")]),
        Section(_("Facts"), [Difference(str(label), before, after)
                             for label, before, after in zip(fact_labels, facts(live), facts(proposed))]),
        Section(_("Notes"), [Difference(str(LAYER_LABELS[layer]), notes(live, layer), notes(proposed, layer))
                             for layer in LAYERS]),
        Section(_("Accords"), [Difference(_("Accords and strengths"), accords(live), accords(proposed))]),
        Section(_("Sizes"), [Difference(_("Sizes"), sizes(live), sizes(proposed), kind="list")]),
        Section(_("Photos"), [Difference(_("Photos"), live.get("photos", []), proposed.get("photos", []),
                                         kind="photos")]),
    ]


def size_text(size: dict) -> str:
    """'100 ml · Full bottle', and for a new size the vendor's first offer on it."""
    text = _("%(size)s ml · %(kind)s", size=f"{float(size['size_ml']):g}", kind=KIND_LABELS.get(size["kind"], size["kind"]))
    offer = size.get("offer")
    if offer and "variant_id" not in size:
        text = _("%(size)s — new, %(price)s, %(stock)d in stock, SKU %(sku)s", size=text,
                 price=format_money(Decimal(str(offer["price"]))), stock=offer["stock"], sku=offer["sku"])
    return text


PRODUCT_STATUS_LABELS = {
    "pending": _l("Waiting for approval"),
    "revisions": _l("Changes to review"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "draft": _l("Draft"),
    "archived": _l("Archived"),
}


REVISION_STATUS_LABELS = {
    "pending": _l("Waiting for review"),
    "approved": _l("Approved"),
    "rejected": _l("Rejected"),
    "withdrawn": _l("Withdrawn"),
}


@bp.app_template_global()
def product_status_label(status: str) -> str:
    return str(PRODUCT_STATUS_LABELS.get(status, status))


@bp.app_template_global()
def revision_status_label(status: str) -> str:
    return str(REVISION_STATUS_LABELS.get(status, status))
