"""Vendor portal: the shop's own products — the list with where each stands, a new product with all its
catalog data, first offers and photos, and changes to one (an approved product's go to review while the
live version stays). Suspended shops may look but not change; another shop's product is a 404."""
from __future__ import annotations

from flask import flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from flask_wtf.form import _Auto

from app.accounts.access import role_required
from app.admin.tables import PER_PAGE, TableState
from app.catalog.models import LAYERS
from app.catalog.product_labels import LAYER_LABELS
from app.core.i18n import current_language
from app.core.rendering import render_page_or_block
from app.extensions import db
from app.vendors.portal import PORTAL_STATUSES, bp
from app.vendors.product_forms import KIND_LABELS, ProductForm, Vocabulary, note_label
from app.vendors.forms import upload_too_large_problem
from app.vendors.photos import store_photo
from app.vendors.queries import vendor_of_owner
from app.vendors.revisions import (
    ListingRefused,
    catalog_data_of,
    change_product,
    get_product_of_vendor_or_404,
    latest_revisions,
    pending_revision_of,
    products_of_vendor,
    propose_product,
)

LISTING_STATUSES = ("pending", "approved", "rejected")
LISTING_FORMS = ("vendor_portal.new_listing", "vendor_portal.show_listing")  # their uploads may be too large


def shop_or_redirect():
    """The signed-in vendor's shop when it sells or is suspended; otherwise where the account should go."""
    vendor = vendor_of_owner(current_user)
    if vendor is None:
        return None, redirect(url_for("vendor_portal.apply"), code=303)
    if vendor.status not in PORTAL_STATUSES:
        return None, redirect(url_for("vendor_portal.show_application"), code=303)
    return vendor, None


@bp.get("/products")
@role_required("vendor")
def list_listings():
    """The products the shop proposed, each with its status, reason or change under review."""
    vendor, elsewhere = shop_or_redirect()
    if elsewhere:
        return elsewhere
    table = TableState.from_args("vendor_portal.list_listings", request.args, {"status": LISTING_STATUSES},
                                 ("created",), "-created")
    page = db.paginate(products_of_vendor(vendor, table.filters.get("status")), page=table.page,
                       per_page=PER_PAGE, error_out=False, count=True)
    latest = latest_revisions([product.id for product in page.items])
    return render_page_or_block("vendors/products.html", "listing_rows", vendor=vendor, table=table, page=page,
                                listings=[(product, latest.get(product.id)) for product in page.items],
                                statuses=LISTING_STATUSES)


@bp.route("/products/new", methods=["GET", "POST"])
@role_required("vendor")
def new_listing():
    """A new product with its catalog data, sizes with the shop's first offers, and photos."""
    vendor, elsewhere = shop_or_redirect()
    if elsewhere:
        return elsewhere
    if not vendor.is_selling:
        flash(_("Your shop is suspended: it cannot list new products."), "error")
        return redirect(url_for("vendor_portal.list_listings"), code=303)
    form = ProductForm(Vocabulary.load())
    valid = form.validate_on_submit()
    keep_sent_photos(form)
    if not valid:
        return render_form(vendor, form, None, 422 if form.is_submitted() else 200)
    try:
        product = propose_product(vendor, current_user, form.catalog_data(), form.sent_photos.data)
    except ListingRefused as refusal:
        return refused(refusal)
    db.session.commit()
    flash(_("Thank you. %(product)s is waiting for our team's approval; we will write to you when it is reviewed.",
            product=product.name_ar if current_language() == "ar" else product.name_en), "success")
    return redirect(url_for("vendor_portal.list_listings"), code=303)


@bp.route("/products/<id:product_id>", methods=["GET", "POST"])
@role_required("vendor")
def show_listing(product_id: int):
    """The shop's own product in its form: changed at once while never approved, else proposed for review."""
    vendor, elsewhere = shop_or_redirect()
    if elsewhere:
        return elsewhere
    product = get_product_of_vendor_or_404(product_id, vendor)
    form, revision = product_form(product, vendor, filled=request.method == "GET")
    valid = request.method == "POST" and form.validate_on_submit()
    keep_sent_photos(form)
    if not valid:
        status = 200 if request.method == "GET" else 422
        return render_form(vendor, form, product, status, revision=revision,
                           last_revision=latest_revisions([product.id]).get(product.id))
    try:
        change_product(product, vendor, current_user, form.catalog_data(), form.sent_photos.data,
                       form.remove_photos.data or [])
    except ListingRefused as refusal:
        return refused(refusal, product.id)
    db.session.commit()
    if product.status == "approved":
        flash(_("Your changes are waiting for our team's review. The store shows the current version until then."),
              "success")
    else:
        flash(_("Your changes are saved. The product is waiting for our team's approval."), "success")
    return redirect(url_for("vendor_portal.list_listings"), code=303)


def keep_sent_photos(form: ProductForm) -> None:
    """Store the photos that passed their checks (even when other fields did not), so the form carries
    them and the vendor need not choose them again; stored names come from the content, so nothing doubles."""
    for photo in getattr(form.photos, "checked", []):
        stored = store_photo(photo)
        if all(sent["path"] != stored.path for sent in form.sent_photos.data):
            form.sent_photos.data.append({"path": stored.path, "widths": stored.widths})


def product_form(product, vendor, filled: bool, formdata=_Auto):
    """The form of the vendor's product, with its pending proposal (or live data) shown when `filled`."""
    revision = pending_revision_of(product)
    shown = revision.proposed if revision else catalog_data_of(product, vendor.id)
    live_sizes = ([{"variant_id": variant.id, "size_ml": str(variant.size_ml), "kind": variant.kind}
                   for variant in product.variants] if product.status == "approved" else [])
    form = ProductForm(Vocabulary.load(), formdata=formdata, kept_photos=shown["photos"], live_sizes=live_sizes)
    if filled:
        form.fill(shown)
    return form, revision


def refuse_too_large_listing():
    """A product form over MAX_CONTENT_LENGTH (its body is never read): the form again with the reason."""
    vendor, elsewhere = shop_or_redirect()
    if elsewhere:
        return elsewhere
    product, revision = None, None
    if request.endpoint == "vendor_portal.show_listing":
        product = get_product_of_vendor_or_404(request.view_args["product_id"], vendor)
        form, revision = product_form(product, vendor, filled=True, formdata=None)
    else:
        form = ProductForm(Vocabulary.load(), formdata=None)
    form.photos.errors = [upload_too_large_problem()]
    return render_form(vendor, form, product, 413, revision=revision)


def render_form(vendor, form: ProductForm, product, status: int, revision=None, last_revision=None):
    return render_template(
        "vendors/products_form.html", vendor=vendor, form=form, product=product, revision=revision,
        last_revision=last_revision, layers=[(layer, LAYER_LABELS[layer], getattr(form, layer)) for layer in LAYERS],
        note_labels=[note_label(note) for note in form.vocabulary.notes], kind_labels=KIND_LABELS,
        can_change=vendor.is_selling and (product is None or product.status in ("pending", "rejected", "approved")),
    ), status


def refused(refusal: ListingRefused, product_id: int | None = None):
    db.session.rollback()
    flash(str(refusal.message), "error")
    if product_id is None:
        return redirect(url_for("vendor_portal.list_listings"), code=303)
    return redirect(url_for("vendor_portal.show_listing", product_id=product_id), code=303)
