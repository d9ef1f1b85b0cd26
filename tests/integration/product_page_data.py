"""A perfume with everything its page shows, made the way the store reads it, for the product page tests.

`make_perfume(app, db)` commits (inside the test's rolled-back transaction) one approved perfume of an
Arabian house with a notes pyramid, accords, two sizes sold by two approved shops (and an offer of a
suspended shop that must not show), and returns a `Perfume` with the ids and slugs a test needs.
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select

from app.accounts.services import create_user
from app.catalog.models import (
    Accord,
    Brand,
    Category,
    Note,
    Offer,
    Product,
    ProductAccord,
    ProductNote,
    Review,
    Variant,
)
from app.search.backend import get_search_backend
from app.vendors.models import Vendor

serials = itertools.count(1)


@dataclass(frozen=True)
class Perfume:
    id: int
    slug: str
    small_id: int  # 50 ml: souq-a 200 AED (3 left), souq-b 180 AED (out of stock)
    large_id: int  # 100 ml: souq-a 350 AED (was 400), the suspended shop's 100 AED offer hidden
    brand_slug: str
    category_id: int
    brand_id: int


def make_perfume(app, db, *, status="approved", with_offers=True, stock=None) -> Perfume:
    """One perfume and its shops, committed; `stock` overrides every offer's stock."""
    serial = next(serials)
    with app.app_context():
        session = db.session
        category = session.scalars(select(Category).filter_by(slug="perfume")).first() or \
            Category(slug="perfume", name_en="Perfumes", name_ar="عطور")
        brand = Brand(slug=f"dar-al-misk-{serial}", name_en="Dar Al Misk", name_ar="دار المسك", style="arabian",
                      country="AE")
        notes = {slug: Note(slug=f"{slug}-{serial}", name_en=en, name_ar=ar, family=family)
                 for slug, en, ar, family in (("saffron", "Saffron", "زعفران", "spicy"),
                                              ("taif-rose", "Taif rose", "ورد طائفي", "floral"),
                                              ("oud", "Oud", "عود", "oud"))}
        accord = Accord(slug=f"woody-{serial}", name_en="Woody", name_ar="خشبي", colour="#8a5a2b")
        vendors = [Vendor(slug=f"souq-a-{serial}", name_en="Souq Al Attar", name_ar="سوق العطار", status="approved"),
                   Vendor(slug=f"souq-b-{serial}", name_en="Oud House", name_ar="بيت العود", status="approved"),
                   Vendor(slug=f"closed-{serial}", name_en="Closed Shop", name_ar="متجر مغلق", status="suspended")]
        session.add_all([category, brand, *notes.values(), accord, *vendors])
        session.flush()
        product = Product(slug=f"layali-oud-{serial}", brand_id=brand.id, category_id=category.id,
                          name_en="Layali Oud", name_ar="ليالي العود", description_en="A night of oud and rose.",
                          description_ar="ليلة من العود والورد.", gender="unisex", concentration="edp",
                          family="oud", launch_year=2021, perfumer="Amal Haddad", alcohol_free=False,
                          status=status)
        session.add(product)
        session.flush()
        session.add_all([ProductNote(product_id=product.id, note_id=notes["saffron"].id, layer="top"),
                         ProductNote(product_id=product.id, note_id=notes["taif-rose"].id, layer="heart"),
                         ProductNote(product_id=product.id, note_id=notes["oud"].id, layer="base"),
                         ProductAccord(product_id=product.id, accord_id=accord.id, strength=80)])
        small = Variant(product_id=product.id, size_ml=Decimal("50"), kind="full")
        large = Variant(product_id=product.id, size_ml=Decimal("100"), kind="full")
        session.add_all([small, large])
        session.flush()
        if with_offers:
            a, b, closed = vendors
            session.add_all([
                offer(a, small, "200.00", 3, stock), offer(b, small, "180.00", 0, stock, delivery="same-day"),
                offer(a, large, "350.00", 10, stock, compare_at="400.00", gift_wrap=True, cashback="5"),
                offer(closed, large, "100.00", 10, stock),
            ])
        session.commit()
        get_search_backend().index_products([product.id])  # in the store's listing, as the search job does
        session.commit()
        return Perfume(product.id, product.slug, small.id, large.id, brand.slug, category.id, brand.id)


def offer(vendor, variant, price, stock, stock_override, compare_at=None, delivery="next-day", gift_wrap=False,
          cashback="0") -> Offer:
    return Offer(vendor_id=vendor.id, variant_id=variant.id, price=Decimal(price),
                 compare_at_price=Decimal(compare_at) if compare_at else None,
                 stock=stock if stock_override is None else stock_override, sku=f"SKU-{vendor.slug}-{variant.id}",
                 delivery_promise=delivery, gift_wrap=gift_wrap, cashback_percent=Decimal(cashback))


def add_reviews(app, db, product_id: int, votes: list[dict]) -> None:
    """Reviews by new customers, one per dict of Review fields (rating defaults to 4)."""
    with app.app_context():
        for fields in votes:
            serial = next(serials)
            user = create_user(f"reviewer{serial}@example.com", f"Reviewer {serial}", "correct horse battery",
                               roles=("customer",))
            db.session.flush()
            db.session.add(Review(product_id=product_id, user_id=user.id, author_name=f"Reviewer {serial}.",
                                  **{"rating": 4, **fields}))
        db.session.commit()
