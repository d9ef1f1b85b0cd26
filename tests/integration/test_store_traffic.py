"""The store's traffic for the conversion rate: visitors (once a UAE day each) and product page views counted in
the real Redis by the after-request hook, what is never counted, and the job that copies the days into
PostgreSQL (an upsert that can run any number of times, on the real worker too)."""
from datetime import timedelta

import pytest
from rq.job import Job
from sqlalchemy import select

from app.admin.jobs import copy_store_traffic
from app.admin.models import StoreTrafficDay
from app.admin.traffic import DayTraffic, counted_traffic, product_views_key, save_traffic_day, uae_day, visitors_key
from app.core.jobs import RECURRING_JOBS
from app.core.queues import get_queue
from tests.backoffice import sign_in_as
from tests.integration.test_admin_dashboard import Sales
from tests.processes import wait_until

BROWSER = {"User-Agent": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Safari/604.1"}


@pytest.fixture
def shop_with_product(app, db, redis_client):
    return Sales(app, db)


def slug_of(app, db, product_id: int) -> str:
    from app.catalog.models import Product

    with app.app_context():
        return db.session.get(Product, product_id).slug


def traffic_now(app) -> DayTraffic:
    with app.app_context():
        return counted_traffic(uae_day())


def test_each_browser_counts_once_a_day_and_product_pages_count_every_view(app, db, shop_with_product):
    slug = slug_of(app, db, shop_with_product.oud.product_id)
    first, second = app.test_client(), app.test_client()
    for path in ("/", "/products", f"/p/{slug}", f"/p/{slug}"):
        assert first.get(path, headers=BROWSER).status_code == 200
    assert traffic_now(app) == DayTraffic(visitors=1, product_views=2)
    second.get(f"/p/{slug}", headers=BROWSER)
    assert traffic_now(app) == DayTraffic(visitors=2, product_views=3)


def test_the_visitor_id_lives_in_the_session_and_no_other_cookie_is_set(app, db, redis_client):
    client = app.test_client()
    response = client.get("/", headers=BROWSER)
    cookies = [header.split("=", 1)[0] for header in response.headers.getlist("Set-Cookie")]
    assert cookies == [app.config.get("SESSION_COOKIE_NAME", "session")]
    with client.session_transaction() as session:
        visitor = session["visitor"]
    client.get("/products", headers=BROWSER)
    with client.session_transaction() as session:
        assert session["visitor"] == visitor


@pytest.mark.parametrize("path, headers", [
    ("/", {"User-Agent": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)"}),
    ("/", {"User-Agent": "facebookexternalhit/1.1"}),
    ("/", {"User-Agent": "curl/8.4.0"}),
    ("/", {"User-Agent": ""}),
    ("/", {**BROWSER, "HX-Request": "true"}),
    ("/health", BROWSER),
    ("/static/css/aromasouq.css", BROWSER),
    ("/no-such-page", BROWSER),
    ("/search/suggest?q=oud", BROWSER),
    ("/vendor/apply", BROWSER),
])
def test_robots_partials_files_errors_and_other_areas_are_not_counted(app, db, redis_client, path, headers):
    app.test_client().get(path, headers=headers).close()  # a file response keeps its file open until closed
    assert traffic_now(app) == DayTraffic(0, 0)
    assert not redis_client.exists(visitors_key(uae_day()))


def test_the_back_office_and_posts_are_not_counted(app, db, redis_client, create_user):
    client = app.test_client()
    sign_in_as(client, create_user(email="aisha@example.com", roles=("admin",)), second_factor=True)
    assert client.get("/admin", headers=BROWSER).status_code == 200
    client.post("/language", data={"language": "ar"}, headers=BROWSER)
    assert traffic_now(app) == DayTraffic(0, 0)


def test_the_counters_expire_after_the_job_has_had_time_to_copy_them(app, db, redis_client):
    app.test_client().get("/", headers=BROWSER)
    ttl = redis_client.ttl(visitors_key(uae_day()))
    assert timedelta(days=2) < timedelta(seconds=ttl) <= timedelta(days=3)


def test_the_job_copies_yesterday_and_today_and_running_it_again_changes_nothing(app, db, redis_client):
    today = uae_day()
    yesterday = today - timedelta(days=1)
    redis_client.pfadd(visitors_key(yesterday), "a", "b", "c")
    redis_client.set(product_views_key(yesterday), 7)
    redis_client.pfadd(visitors_key(today), "a")
    with app.app_context():
        copy_store_traffic()
        copy_store_traffic()
        rows = db.session.execute(select(StoreTrafficDay.day, StoreTrafficDay.visitors, StoreTrafficDay.product_views)
                                  .order_by(StoreTrafficDay.day)).all()
    assert rows == [(yesterday, 3, 7), (today, 1, 0)]


def test_a_redis_that_lost_its_counters_never_lowers_a_saved_day(app, db, redis_client):
    today = uae_day()
    with app.app_context():
        save_traffic_day(today, DayTraffic(visitors=120, product_views=300))
        save_traffic_day(today, DayTraffic(visitors=0, product_views=0))
        save_traffic_day(today, DayTraffic(visitors=125, product_views=290))
        row = db.session.get(StoreTrafficDay, today)
        assert (row.visitors, row.product_views) == (125, 300)


def test_the_job_is_recurring_and_runs_on_the_worker(app, committed_db, redis_client, worker):
    assert ("default", copy_store_traffic, 600) in RECURRING_JOBS
    redis_client.pfadd(visitors_key(uae_day()), "x", "y")
    with app.app_context():
        job = get_queue("default").enqueue(copy_store_traffic)
    wait_until(lambda: Job.fetch(job.id, connection=redis_client).is_finished, timeout=20, what="traffic copied")
    with app.app_context():
        assert committed_db.session.get(StoreTrafficDay, uae_day()).visitors == 2
