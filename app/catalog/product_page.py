"""The product page (/p/<slug>): pictures, sizes and sellers, details, scent DNA, reviews.

GET /p/<slug> is the page; with htmx (a size link) only its price, stock and sellers block.
Reviews have pages of their own (/p/<slug>/reviews?page=N; htmx appends them to the list), and
a signed-in customer posts their one review to /p/<slug>/reviews.
"""
from __future__ import annotations

from pathlib import Path

from babel import Locale
from flask import abort, current_app, flash, redirect, request, send_from_directory, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from app.accounts.access import account_limit, role_required
from app.catalog import bp
from app.catalog.models import Product, Review
from app.catalog.page_views import showing_product
from app.catalog.families import SCENT_FAMILIES
from app.catalog.product_labels import (
    CONCENTRATION_LABELS,
    DELIVERY_PROMISE_LABELS,
    GENDER_LABELS,
    VARIANT_KIND_LABELS,
)
from app.catalog.product_markup import in_language
from app.catalog.product_queries import chosen_size, get_visible_product_or_404, size_choices
from app.catalog.recently_viewed import record_view
from app.catalog.review_forms import ReviewForm
from app.catalog.reviews import review_by, reviews_page, save_review
from app.catalog.scent_dna import community_votes, composition
from app.core.i18n import current_language
from app.core.rendering import render_page_or_block, wants_fragment
from app.extensions import db

PHOTO_TYPES = {".jpg", ".jpeg", ".png", ".webp"}  # never SVG: a vendor's SVG could carry script
ONE_YEAR = 365 * 24 * 3600


@bp.get("/p/<slug>")
def show_product(slug: str):
    """The product page; a size link (`?size=<variant id>`) with htmx gets only the purchase block."""
    whole_page = not wants_fragment()
    product = get_visible_product_or_404(slug, with_details=whole_page)
    sizes = visible_sizes_or_404(product)
    context = purchase_context(product, sizes)
    if whole_page:
        record_view(product.id)
        showing_product(product.id)
        context.update(page_context(product))
    return render_page_or_block("catalog/product.html", "purchase", **context)


@bp.post("/p/<slug>/reviews")
@role_required("customer")
@account_limit("20 per hour")
def save_product_review(slug: str):
    """Save the customer's review (a new one, or a change to theirs); htmx gets the reviews section back."""
    product = get_visible_product_or_404(slug)
    sizes = visible_sizes_or_404(product)
    form = ReviewForm()
    if not form.validate():
        return render_page_or_block("catalog/product.html", "reviews", status=422,
                                    **purchase_context(product, sizes), **page_context(product, form))
    save_review(product, current_user, **form.votes(), language=current_language())
    db.session.commit()
    if wants_fragment():
        return render_page_or_block("catalog/product.html", "reviews", **purchase_context(product, sizes),
                                    **page_context(product, saved=True))
    flash(_("Thank you! Your review has been saved."), "success")
    return redirect(url_for("catalog.show_product", slug=product.slug, _anchor="reviews"), code=303)


@bp.get("/p/<slug>/reviews")
def list_product_reviews(slug: str):
    """A page of a product's reviews; htmx ("More reviews") gets its items to append and the new pager."""
    product = get_visible_product_or_404(slug, with_details=False)
    visible_sizes_or_404(product)
    total = db.session.scalar(select(func.count()).select_from(Review).where(Review.product_id == product.id))
    page = reviews_page(product.id, request.args.get("page", 1, type=int), total)
    return render_page_or_block("catalog/product_reviews.html", "more_reviews", product=product, reviews=page)


@bp.get("/media/products/<path:path>")
def product_photo(path: str):
    """A photo a vendor uploaded for a product (instance/uploads/products/ only: the uploads folder also keeps
    vendors' documents), cached for good: new photos get new names."""
    folder, _slash, name = path.partition("/")
    if folder != "products" or Path(name).suffix.lower() not in PHOTO_TYPES:
        abort(404)
    response = send_from_directory(Path(current_app.config["INSTANCE_PATH"]) / "uploads" / "products", name,
                                   max_age=ONE_YEAR)
    response.cache_control.public = True
    response.cache_control.immutable = True
    return response


def visible_sizes_or_404(product: Product):
    """The product's sizes on sale; 404 when no approved vendor offers any (the product is not in the store)."""
    sizes = size_choices(product.id)
    if not sizes:
        abort(404)
    return sizes


def purchase_context(product: Product, sizes) -> dict:
    return {"product": product, "sizes": sizes, "size": chosen_size(sizes, request.args.get("size")),
            "kind_labels": VARIANT_KIND_LABELS, "delivery_labels": DELIVERY_PROMISE_LABELS}


def page_context(product: Product, review_form: ReviewForm | None = None, saved: bool = False) -> dict:
    """What the whole page shows besides the purchase block."""
    from app.cart.queries import wishlisted_product_ids  # the bag builds on the catalog, not the reverse

    votes = community_votes(product.id)
    own_review = review_by(product.id, current_user)
    if review_form is None and current_user.is_authenticated and current_user.has_role("customer"):
        review_form = ReviewForm(obj=own_review, formdata=None)
    return {
        "votes": votes, "composition": composition(product.id), "reviews": reviews_page(product.id, 1, votes.rating.count),
        "review_form": review_form, "own_review": own_review, "saved": saved, "details": details(product),
        "in_wishlist": product.id in wishlisted_product_ids(current_user, [product.id]),
        "photos": [(url_for("catalog.product_photo", path=image.path), in_language(image, "alt", current_language()))
                   for image in product.images],
        "concentration_label": CONCENTRATION_LABELS[product.concentration],
        "gender_label": GENDER_LABELS[product.gender],
    }


def details(product: Product) -> list[tuple[str, str]]:
    """The rows of the details table, in the page's language (rows without a value left out)."""
    rows = [
        (_("Concentration"), CONCENTRATION_LABELS[product.concentration]),
        (_("For"), GENDER_LABELS[product.gender]),
        (_("Scent family"), SCENT_FAMILIES[product.family]),
        (_("Category"), in_language(product.category, "name", current_language())),
        (_("Launched"), str(product.launch_year) if product.launch_year else ""),
        (_("Perfumer"), product.perfumer or ""),
        (_("Origin"), Locale.parse(current_language()).territories.get(product.brand.country, product.brand.country)),
        (_("Alcohol-free"), _("Yes") if product.alcohol_free else _("No")),
    ]
    return [(label, value) for label, value in rows if value]
