"""What the vendor listing tests share: a selling shop with its owner (and a second one), the catalog's
vocabulary (houses, categories, notes, accords), the product form's fields, real photos made with Pillow,
and posting the form as a browser would (multipart, with its CSRF token).

Fixtures: `listing_world` (Shop + owners + vocabulary), `admin`. Helpers: `product_fields(world, **changes)`,
`jpeg_bytes(...)`, `png_bytes(...)`, `post_product(client, path, fields, photos)`.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

import pytest
from PIL import Image
from sqlalchemy import select, update
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app.catalog.models import Accord, Category, Note
from app.vendors.models import Vendor
from tests.conftest import csrf_token_from
from tests.shop import Shop


@dataclass
class ListingWorld:
    shop: Shop
    owner: object
    other_owner: object
    vendor_id: int
    other_vendor_id: int
    brand_id: int
    category_id: int
    notes: dict  # slug → id
    accords: dict  # slug → id


@pytest.fixture
def admin(create_user):
    return create_user(email="aisha@example.com", full_name="Aisha Admin", roles=("admin",))


@pytest.fixture
def listing_world(app, db, redis_client, create_user):
    shop = Shop(app, db)
    owner = create_user(email="hessa@example.com", full_name="Hessa Vendor", roles=("customer", "vendor"))
    other = create_user(email="omar@example.com", full_name="Omar Vendor", roles=("customer", "vendor"))
    with app.app_context():
        for slug, user in (("souq-a", owner), ("souq-b", other)):
            db.session.execute(update(Vendor).where(Vendor.slug == slug).values(owner_id=user.id))
        notes = [Note(slug="saffron", name_en="Saffron", name_ar="زعفران", family="spicy"),
                 Note(slug="taif-rose", name_en="Taif Rose", name_ar="ورد طائفي", family="floral"),
                 Note(slug="oud", name_en="Oud", name_ar="عود", family="oud"),
                 Note(slug="amber", name_en="Amber", name_ar="عنبر", family="amber")]
        accords = [Accord(slug="woody", name_en="Woody", name_ar="خشبي", colour="#8a5a2b"),
                   Accord(slug="rose", name_en="Rose", name_ar="وردي", colour="#c0496b")]
        db.session.add_all(notes + accords)
        db.session.commit()
        category_id = db.session.scalar(select(Category.id).where(Category.slug == "perfume"))
        world = ListingWorld(shop, owner, other, shop.vendor_ids["souq-a"], shop.vendor_ids["souq-b"],
                             shop.brand_ids["ajmal"], category_id, {note.slug: note.id for note in notes},
                             {accord.slug: accord.id for accord in accords})
    return world


def product_fields(world: ListingWorld, **changes) -> dict:
    """A complete product form: texts, facts, notes typed in either script, an accord, one size and its offer."""
    fields = {
        "name_en": "Amber Dune", "name_ar": "كثيب العنبر",
        "description_en": "Warm <b>amber</b> over oud.", "description_ar": "عنبر دافئ فوق العود.",
        "brand": str(world.brand_id), "category": str(world.category_id), "family": "amber", "gender": "unisex",
        "concentration": "edp", "launch_year": "2024", "perfumer": "Layla Haddad", "alcohol_free": "y",
        "occasions": ["night", "wedding"],
        "top-0": "Saffron", "heart-0": "ورد طائفي", "base-0": "oud · عود", "base-1": "AMBER",
        "accords-0-accord": "woody", "accords-0-strength": "80", "accords-1-accord": "rose", "accords-1-strength": "٤٥",
        "variants-0-size_ml": "100", "variants-0-kind": "full", "variants-0-price": "450",
        "variants-0-compare_at_price": "520", "variants-0-stock": "7", "variants-0-sku": "AD-100",
        "variants-0-delivery_promise": "next-day", "variants-0-gift_wrap": "y",
        "variants-1-size_ml": "10", "variants-1-kind": "sample", "variants-1-price": "45.50",
        "variants-1-stock": "0", "variants-1-sku": "AD-10", "variants-1-delivery_promise": "standard",
    }
    fields.update(changes)
    return {key: value for key, value in fields.items() if value is not None}


def jpeg_bytes(width=900, height=1200, colour="teal", orientation=None, exif_make=None) -> bytes:
    image = Image.new("RGB", (width, height), colour)
    image.paste((200, 30, 30), (0, 0, width // 4, height // 8))  # a red corner shows which way is up
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    if exif_make:
        exif[0x010F] = exif_make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes() if len(exif) else b"")
    return buffer.getvalue()


def png_bytes(width=800, height=800, transparent=False) -> bytes:
    image = Image.new("RGBA" if transparent else "RGB", (width, height), (10, 120, 90, 0) if transparent else "navy")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def post_product(client, path: str, fields: dict, photos=(), page: str | None = None, **form):
    """POST the product form (multipart, encoded in memory) with the CSRF token of `page` (default `path`)."""
    values = MultiDict({"csrf_token": csrf_token_from(client, page or path)})
    for key, value in {**fields, **form}.items():
        for item in value if isinstance(value, list) else [value]:
            values.add(key, item)
    for data, name in photos:
        values.add("photos", FileStorage(io.BytesIO(data), filename=name))
    boundary, body = encode_multipart(values)
    return client.post(path, data=body, content_type=f"multipart/form-data; boundary={boundary}")
