"""A vendor's own products: proposing a new one (it waits for an admin), changing it, and the catalog data
both sides read and write.

Catalog data is one JSON-able dict (ProductRevision.proposed's shape): texts, facts, occasions, notes by
layer (note ids), accords ([accord id, strength], strongest first), variants ({size_ml, kind} of the live
sizes with their `variant_id`, and new sizes with the vendor's first `offer`) and photos ({path, widths}).

A product never approved is simply changed and waits for review again. An approved product stays as it
is: the change becomes a ProductRevision an admin approves (`apply_catalog_data`) or rejects. Every change
is audited; the admins hear of proposals through the outbox.
"""
from __future__ import annotations

import re
import secrets
import unicodedata
from datetime import datetime, timezone
from decimal import Decimal

from flask import abort
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.audit.services import record_change
from app.catalog.models import (
    LAYERS,
    Brand,
    Offer,
    Product,
    ProductAccord,
    ProductImage,
    ProductNote,
    ProductRevision,
    Variant,
)
from app.core.urls import site_url
from app.extensions import db
from app.notifications.services import notify
from app.vendors.models import Vendor
from app.vendors.queries import active_admins

FACT_FIELDS = ("name_en", "name_ar", "description_en", "description_ar", "brand_id", "category_id", "family",
               "gender", "concentration", "launch_year", "perfumer", "alcohol_free", "occasions")
EDITABLE_STATUSES = ("pending", "rejected", "approved")


class ListingRefused(ValueError):
    """The change is not possible for this product; `message` says why, translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def now() -> datetime:
    return datetime.now(timezone.utc)


# Reading ------------------------------------------------------------------------------------------


def products_of_vendor(vendor: Vendor, status: str | None = None):
    """SELECT of the products the vendor proposed (of one status, if given), newest first."""
    query = (select(Product).where(Product.proposed_by_vendor_id == vendor.id)
             .options(selectinload(Product.brand), selectinload(Product.images))
             .order_by(Product.created_at.desc(), Product.id.desc()))
    return query.where(Product.status == status) if status else query


def latest_revisions(product_ids: list[int]) -> dict[int, ProductRevision]:
    """Each product's most recent revision, in one query."""
    if not product_ids:
        return {}
    rows = db.session.scalars(
        select(ProductRevision).where(ProductRevision.product_id.in_(product_ids))
        .distinct(ProductRevision.product_id)
        .order_by(ProductRevision.product_id, ProductRevision.submitted_at.desc(), ProductRevision.id.desc()))
    return {revision.product_id: revision for revision in rows}


def get_product_of_vendor_or_404(product_id: int, vendor: Vendor | None) -> Product:
    """A product the vendor proposed, with its catalog data loaded; anyone else's is answered 404."""
    product = db.session.scalar(
        select(Product).where(Product.id == product_id).options(
            selectinload(Product.brand), selectinload(Product.notes), selectinload(Product.accords),
            selectinload(Product.variants).selectinload(Variant.offers), selectinload(Product.images)))
    if product is None or vendor is None or product.proposed_by_vendor_id != vendor.id:
        abort(404)
    return product


def pending_revision_of(product: Product) -> ProductRevision | None:
    return db.session.scalar(select(ProductRevision).where(ProductRevision.product_id == product.id,
                                                           ProductRevision.status == "pending"))


def catalog_data_of(product: Product, vendor_id: int | None = None) -> dict:
    """The live product's catalog data; with `vendor_id`, each size carries that vendor's offer."""
    notes = sorted(product.notes, key=lambda entry: (entry.layer, entry.position))
    variants = []
    for variant in product.variants:
        size = {"variant_id": variant.id, "size_ml": str(variant.size_ml), "kind": variant.kind}
        offer = next((offer for offer in variant.offers if offer.vendor_id == vendor_id), None)
        if offer is not None:
            size["offer"] = offer_data(offer)
        variants.append(size)
    return {
        **{name: getattr(product, name) for name in FACT_FIELDS},
        "occasions": list(product.occasions or []),
        "notes": {layer: [entry.note_id for entry in notes if entry.layer == layer] for layer in LAYERS},
        "accords": [[entry.accord_id, entry.strength]
                    for entry in sorted(product.accords, key=lambda entry: (-entry.strength, entry.accord_id))],
        "variants": variants,
        "photos": [{"path": image.path, "widths": list(image.widths or [])} for image in product.images],
    }


def offer_data(offer: Offer) -> dict:
    return {"price": str(offer.price),
            "compare_at_price": str(offer.compare_at_price) if offer.compare_at_price is not None else None,
            "stock": offer.stock, "sku": offer.sku, "delivery_promise": offer.delivery_promise,
            "gift_wrap": offer.gift_wrap}


# Writing ------------------------------------------------------------------------------------------


def propose_product(vendor: Vendor, user, data: dict, photos: list[dict]) -> Product:
    """A new product with the vendor's first offers and its stored photos; it waits for an admin's approval."""
    ensure_selling(vendor)
    product = Product(slug=unique_product_slug(data), status="pending", proposed_by_vendor_id=vendor.id,
                      name_en=data["name_en"], name_ar=data["name_ar"], brand_id=data["brand_id"],
                      category_id=data["category_id"], gender=data["gender"],
                      concentration=data["concentration"], family=data["family"])
    db.session.add(product)
    data = {**data, "photos": list(photos)}
    apply_catalog_data(product, data, vendor)
    record_change("product.propose", product, None, data, actor=user)
    tell_admins(vendor, product, site_url("admin.show_product", product_id=product.id))
    return product


def change_product(product: Product, vendor: Vendor, user, data: dict, added_photos: list[dict],
                   removed_paths: list[str]) -> ProductRevision | None:
    """Change the vendor's own product: an approved one gets a revision for review (returned), the live
    version staying as it is; one never approved is changed and waits for review again."""
    ensure_selling(vendor)
    if product.status not in EDITABLE_STATUSES:
        raise ListingRefused(_l("This product can no longer be changed."))
    revision = pending_revision_of(product)
    base_photos = revision.proposed["photos"] if revision else catalog_data_of(product)["photos"]
    photos = [photo for photo in base_photos if photo["path"] not in removed_paths]
    data = {**data, "photos": photos + list(added_photos)}
    if product.status == "approved":
        return propose_revision(product, vendor, user, data, revision)
    before = catalog_data_of(product, vendor.id)
    was_rejected = product.status == "rejected"
    product.status, product.rejection_reason = "pending", None
    apply_catalog_data(product, data, vendor)
    record_change("product.edit", product, {**before, "status": "rejected" if was_rejected else "pending"},
                  {**data, "status": "pending"}, actor=user)
    if was_rejected:
        tell_admins(vendor, product, site_url("admin.show_product", product_id=product.id))
    return None


def propose_revision(product: Product, vendor: Vendor, user, data: dict,
                     revision: ProductRevision | None) -> ProductRevision:
    """Keep the proposed changes of an approved product (replacing a proposal still waiting)."""
    if revision is not None:
        db.session.refresh(revision, with_for_update=True)  # an admin may be deciding it right now
        if revision.status != "pending":
            revision = None
    before = revision.proposed if revision else None
    if revision is None:
        revision = ProductRevision(product_id=product.id, vendor_id=vendor.id, status="pending")
        db.session.add(revision)
    revision.proposed, revision.submitted_by_id, revision.submitted_at = data, user.id, now()
    db.session.flush()
    record_change("product.revise", product, before, {**data, "revision_id": revision.id}, actor=user)
    tell_admins(vendor, product, site_url("admin.show_revision", revision_id=revision.id))
    return revision


def apply_catalog_data(product: Product, data: dict, vendor: Vendor | None) -> None:
    """Make the product say what `data` says: facts, notes, accords, photos, and sizes — new sizes with the
    vendor's offer; a product never approved also has its own sizes changed or removed."""
    for name in FACT_FIELDS:
        setattr(product, name, data.get(name))
    product.occasions = list(data.get("occasions") or [])
    db.session.flush()
    product.notes = [ProductNote(note_id=note_id, layer=layer, position=position)
                     for layer in LAYERS for position, note_id in enumerate(data["notes"].get(layer, []))]
    product.accords = [ProductAccord(accord_id=accord_id, strength=strength) for accord_id, strength in data["accords"]]
    product.images = [ProductImage(path=photo["path"], widths=photo["widths"], position=position)
                      for position, photo in enumerate(data.get("photos", []))]
    db.session.flush()
    apply_sizes(product, data["variants"], vendor, keep_others=product.approved_at is not None)


def apply_sizes(product: Product, sizes: list[dict], vendor: Vendor | None, keep_others: bool) -> None:
    existing = {(variant.size_ml, variant.kind): variant for variant in product.variants}
    wanted = set()
    for size in sizes:
        key = (Decimal(str(size["size_ml"])), size["kind"])
        wanted.add(key)
        variant = existing.get(key)
        if variant is None:
            variant = Variant(product_id=product.id, size_ml=key[0], kind=key[1])
            db.session.add(variant)
            db.session.flush()
            existing[key] = variant
        if size.get("offer") and vendor is not None:
            set_offer(variant, vendor, size["offer"])
    if not keep_others:
        for key, variant in existing.items():
            if key not in wanted:  # only the proposing shop sells a product never approved
                for offer in variant.offers:
                    db.session.delete(offer)
                db.session.delete(variant)
    db.session.flush()
    db.session.expire(product, ["variants"])


def set_offer(variant: Variant, vendor: Vendor, offer: dict) -> None:
    current = db.session.scalar(select(Offer).where(Offer.variant_id == variant.id, Offer.vendor_id == vendor.id))
    if current is None:
        current = Offer(variant_id=variant.id, vendor_id=vendor.id)
        db.session.add(current)
    current.price = Decimal(offer["price"])
    current.compare_at_price = Decimal(offer["compare_at_price"]) if offer.get("compare_at_price") else None
    current.stock, current.sku = offer["stock"], offer["sku"]
    current.delivery_promise, current.gift_wrap = offer["delivery_promise"], bool(offer["gift_wrap"])


def ensure_selling(vendor: Vendor) -> None:
    if not vendor.is_selling:
        raise ListingRefused(_l("Your shop is not approved to sell at the moment, so its products cannot change."))


def tell_admins(vendor: Vendor, product: Product, review_url: str) -> None:
    for admin in active_admins():
        notify(admin, "product_submitted", {"name": admin.first_name, "shop": vendor.name_en,
                                            "product": product.name_en, "review_url": review_url})


def unique_product_slug(data: dict) -> str:
    """A URL name from the house and the English name, with a short random suffix if it is taken."""
    brand_slug = db.session.scalar(select(Brand.slug).where(Brand.id == data["brand_id"])) or ""
    ascii_name = unicodedata.normalize("NFKD", f"{brand_slug} {data['name_en']}").encode("ascii", "ignore").decode()
    base = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")[:140] or "perfume"
    slug = base
    while db.session.scalar(select(Product.id).where(Product.slug == slug)) is not None:
        slug = f"{base}-{secrets.token_hex(3)}"
    return slug
