"""Demo data of the vendor's product pages and the admin's product queue: each demo product waiting for a
decision (or rejected) was proposed by the shop that offers it; the demo vendor's shop proposed a few of
its approved perfumes too, two of them with photos, and one waits with changes under review."""
from __future__ import annotations

import io
from decimal import Decimal

from PIL import Image, ImageDraw
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from app.accounts.models import User
from app.catalog.demo import DEMO_VENDOR_OWNER_EMAIL
from app.catalog.models import Note, Offer, Product, ProductRevision, Variant
from app.vendors.models import Vendor
from app.vendors.photos import check_photo, store_photo
from app.vendors.revisions import apply_catalog_data, catalog_data_of

OWN_APPROVED = 6  # the demo vendor's approved perfumes it proposed itself


def load_demo_listings(session: Session) -> None:
    vendor = session.scalar(select(Vendor).join(User, User.id == Vendor.owner_id)
                            .where(User.email == DEMO_VENDOR_OWNER_EMAIL))
    first_shop = (select(func.min(Offer.vendor_id)).join(Variant, Variant.id == Offer.variant_id)
                  .where(Variant.product_id == Product.id).scalar_subquery())
    session.execute(update(Product).where(Product.status.in_(("pending", "rejected")))
                    .values(proposed_by_vendor_id=first_shop))
    if vendor is None:
        return
    own = list(session.scalars(
        select(Product).join(Variant, Variant.product_id == Product.id).join(Offer, Offer.variant_id == Variant.id)
        .where(Offer.vendor_id == vendor.id, Product.status == "approved").distinct()
        .order_by(Product.id).limit(OWN_APPROVED)))
    for product in own:
        product.proposed_by_vendor_id = vendor.id
    session.flush()
    for product, colour in zip(own[:2], ("#7a3b2e", "#2f4a6b")):
        data = catalog_data_of(product, vendor.id)
        apply_catalog_data(product, {**data, "photos": [demo_photo(colour)]}, vendor)
    if len(own) > 2:
        propose_demo_changes(session, own[2], vendor)


def propose_demo_changes(session: Session, product: Product, vendor: Vendor) -> None:
    """A longer description, one more top note, a 200 ml size with the shop's offer, and a photo."""
    data = catalog_data_of(product)
    extra_note = session.scalar(select(Note.id).where(Note.id.not_in(data["notes"]["top"] or [0])).order_by(Note.id))
    data["notes"]["top"] = [*data["notes"]["top"], extra_note]
    data["description_en"] = (data["description_en"] + " Now also in a 200 ml bottle for the majlis.").strip()
    data["description_ar"] = (data["description_ar"] + " متوفر الآن أيضاً في زجاجة ٢٠٠ مل للمجلس.").strip()
    if not any(Decimal(size["size_ml"]) == Decimal("200") for size in data["variants"]):
        data["variants"].append({"size_ml": "200.0", "kind": "full", "offer": {
            "price": "890.00", "compare_at_price": None, "stock": 4, "sku": f"AR-{product.id}-200",
            "delivery_promise": "next-day", "gift_wrap": True}})
    data["photos"] = [*data["photos"], demo_photo("#5b3a5e")]
    session.add(ProductRevision(product_id=product.id, vendor_id=vendor.id, proposed=data,
                                submitted_by_id=vendor.owner_id))
    session.flush()


def demo_photo(colour: str) -> dict:
    """A studio-like picture of a bottle, drawn with Pillow and stored as a vendor's photo would be."""
    image = Image.new("RGB", (1200, 1500), "#f3ece0")
    draw = ImageDraw.Draw(image)
    draw.ellipse((250, 1240, 950, 1360), fill="#e2d5c0")
    draw.rounded_rectangle((340, 520, 860, 1300), radius=90, fill=colour)
    draw.rounded_rectangle((390, 580, 520, 1240), radius=50, fill="#e9dccf")
    draw.rectangle((530, 380, 670, 530), fill="#c9a35a")
    draw.rounded_rectangle((480, 220, 720, 400), radius=30, fill="#21140f")
    draw.rectangle((430, 840, 770, 980), fill="#faf6ef")
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=90)
    stored = store_photo(check_photo(io.BytesIO(buffer.getvalue())))
    return {"path": stored.path, "widths": stored.widths}
