"""Product changes reach the listing through jobs on the `search` queue, run by a real worker."""
from decimal import Decimal

from sqlalchemy import text

from app.catalog.filters import ListingQuery
from app.catalog.models import Brand, Category, Offer, Product, Variant
from app.search.backend import search_products
from app.search.jobs import schedule_listing_refresh, schedule_vendor_refresh
from app.vendors.models import Vendor
from tests.processes import wait_until


def listed(app) -> list[str]:
    with app.app_context():
        return [card.slug for card in search_products(ListingQuery(q="amber")).products]


def test_a_new_product_and_a_suspended_vendor_reach_the_listing_through_jobs(app, committed_db, redis_client, worker):
    session = committed_db.session
    with app.app_context():
        offer = night_amber_on_sale(session, stock=4)
        schedule_listing_refresh([offer.variant.product_id])
        session.commit()
        vendor_id = offer.vendor_id
    wait_until(lambda: listed(app) == ["night-amber"], timeout=20, what="the product listed by the job")

    with app.app_context():
        session.execute(text("UPDATE vendor SET status = 'suspended' WHERE id = :id"), {"id": vendor_id})
        schedule_vendor_refresh(vendor_id)
        session.commit()
    wait_until(lambda: listed(app) == [], timeout=20, what="the product hidden by the job")


def test_an_offer_changed_while_its_refresh_job_was_lost_is_swept_into_the_listing(app, committed_db, redis_client):
    """Redis was out when an order took the last bottle: no refresh job ran, so the card still said in stock.
    The scheduler's sweep finds the offer changed after its row and refreshes it; a second sweep finds nothing."""
    from app.core.jobs import RECURRING_JOBS
    from app.search.jobs import refresh_products, sweep_stale_listing

    session = committed_db.session
    with app.app_context():
        offer = night_amber_on_sale(session, stock=1)
        session.commit()
        product_id, offer_id = offer.variant.product_id, offer.id
        refresh_products([product_id])
        assert sweep_stale_listing() == 0

        session.get(Offer, offer_id).stock = 0  # the order's change; its refresh job never reached Redis
        session.commit()
        assert in_stock_in_listing(session, product_id) is True

        assert sweep_stale_listing() == 1
        assert in_stock_in_listing(session, product_id) is False
        assert sweep_stale_listing() == 0
    assert ("search", sweep_stale_listing, 300) in RECURRING_JOBS


def in_stock_in_listing(session, product_id: int) -> bool:
    return session.execute(text("SELECT in_stock FROM product_listing WHERE product_id = :id"),
                           {"id": product_id}).scalar_one()


def night_amber_on_sale(session, stock: int) -> Offer:
    """An approved shop selling 100 ml of an approved perfume (not yet listed: no refresh is scheduled)."""
    vendor = Vendor(slug="souq", name_en="Souq", name_ar="سوق", status="approved")
    product = Product(slug="night-amber", name_en="Night Amber", name_ar="عنبر الليل", gender="unisex",
                      concentration="edp", family="amber", status="approved",
                      brand=Brand(slug="house", name_en="House", name_ar="دار", style="niche", country="AE"),
                      category=Category(slug="perfume", name_en="Perfume", name_ar="عطر"))
    variant = Variant(product=product, size_ml=Decimal("100"))
    session.add_all([vendor, product, variant])
    session.flush()
    offer = Offer(vendor_id=vendor.id, variant=variant, price=Decimal("300"), stock=stock, sku="NA-1")
    session.add(offer)
    session.flush()
    return offer
