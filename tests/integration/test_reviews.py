"""Reviews on the product page: a customer writes one review per perfume and edits it; text is stored as
plain text; bad answers come back translated with the input kept; guests, other roles, missing CSRF
tokens and other customers cannot write or change it."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.catalog.models import Review
from tests.conftest import csrf_token_from
from tests.integration.product_page_data import make_perfume

HTMX = {"HX-Request": "true"}
GOOD = {"rating": "5", "body": "Warm oud and saffron.\nLasts all evening.", "longevity": "5", "sillage": "4",
        "value_for_money": "4", "gender_lean": "unisex", "seasons": ["autumn", "winter"], "times_of_day": "night"}


@pytest.fixture
def perfume(app, db, redis_client):
    return make_perfume(app, db)


def sign_in(client, user) -> None:
    with client.session_transaction() as session:
        session["_user_id"] = user.get_id()
        session["_fresh"] = True


@pytest.fixture
def shopper(client, customer, perfume):
    sign_in(client, customer)
    client.token = csrf_token_from(client, f"/p/{perfume.slug}")
    return client


def post_review(client, perfume, data, htmx=False, headers=None):
    return client.post(f"/p/{perfume.slug}/reviews", data={"csrf_token": client.token, **data},
                       headers={**(HTMX if htmx else {}), **(headers or {})})


def reviews_of(app, db, perfume) -> list[Review]:
    with app.app_context():
        return db.session.scalars(select(Review).where(Review.product_id == perfume.id)).all()


def test_a_customer_writes_a_review_with_votes(app, db, shopper, perfume, customer, redis_client):
    response = post_review(shopper, perfume, GOOD)
    assert response.status_code == 303 and response.headers["Location"].endswith(f"/p/{perfume.slug}#reviews")
    [review] = reviews_of(app, db, perfume)
    assert (review.user_id, review.rating, review.longevity, review.sillage, review.value_for_money) == \
           (customer.id, 5, 5, 4, 4)
    assert review.seasons == ["autumn", "winter"] and review.times_of_day == ["night"]
    assert review.gender_lean == "unisex" and review.author_name == "Layla H." and review.language == "en"
    page = shopper.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert "Thank you! Your review has been saved." in page
    assert "Warm oud and saffron.\nLasts all evening." in page  # newlines kept (CSS shows them)
    assert "Edit your review" in page and "Longevity: Eternal" in page
    # The listing's rating is recomputed by a job on the search queue once the review commits (waiting, or
    # already taken by the session's worker when one runs).
    assert ("refresh_products", [perfume.id]) in search_jobs(redis_client)


def search_jobs(redis_client) -> list[tuple[str, list]]:
    from rq import Queue
    from rq.job import Job
    from rq.registry import FailedJobRegistry, FinishedJobRegistry, StartedJobRegistry

    queue = Queue("search", connection=redis_client)
    ids = [*queue.job_ids, *(job_id for registry in (StartedJobRegistry, FinishedJobRegistry, FailedJobRegistry)
                             for job_id in registry(queue=queue).get_job_ids())]
    jobs = [job for job in Job.fetch_many(ids, connection=redis_client) if job is not None]
    return [(job.func_name.rsplit(".", 1)[-1], list(job.args[0]) if job.args else []) for job in jobs]


def test_a_second_post_edits_the_customers_one_review(app, db, shopper, perfume):
    post_review(shopper, perfume, GOOD)
    post_review(shopper, perfume, {"rating": "2", "body": "Changed my mind.", "seasons": "summer"})
    [review] = reviews_of(app, db, perfume)
    assert (review.rating, review.body, review.seasons, review.longevity) == (2, "Changed my mind.", ["summer"], None)
    form = shopper.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert re.search(r'<input[^>]*checked[^>]*value="2"|<input[^>]*value="2"[^>]*checked', form)
    assert "Changed my mind.</textarea>" in form


def test_with_htmx_the_reviews_section_comes_back(app, db, shopper, perfume):
    response = post_review(shopper, perfume, GOOD, htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 200 and "<html" not in body
    assert "Thank you! Your review has been saved." in body and 'id="review-list"' in body
    assert "Warm oud and saffron." in body


def test_html_and_scripts_are_removed_from_the_text(app, db, shopper, perfume):
    post_review(shopper, perfume, {"rating": "4", "body": '<script>alert("x")</script><b>Lovely</b> rose & oud '
                                   '<img src=x onerror=alert(1)> &lt;script&gt;alert(2)&lt;/script&gt; 5 < 7\u202e'})
    [review] = reviews_of(app, db, perfume)
    assert review.body == "Lovely rose & oud 5 < 7"
    page = shopper.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert "<script>alert" not in page and "Lovely rose &amp; oud 5 &lt; 7" in page


def test_arabic_text_is_marked_as_arabic(app, db, shopper, perfume):
    post_review(shopper, perfume, {"rating": "5", "body": "عطر رائع وثباته ممتاز"})
    [review] = reviews_of(app, db, perfume)
    assert review.language == "ar"


@pytest.mark.parametrize("language, bad, message", [
    ("en", {"rating": ""}, "Choose a rating from 1 to 5 stars."),
    ("en", {"rating": "9"}, "Choose a rating from 1 to 5 stars."),
    ("en", {"rating": "five"}, "Choose a rating from 1 to 5 stars."),
    ("en", {"longevity": "11"}, "Choose one of the listed answers."),
    ("en", {"seasons": "monsoon"}, "Choose one of the listed answers."),
    ("en", {"body": "x" * 2001}, "Keep your review under 2000 characters."),
    ("ar", {"rating": ""}, "اختر تقييمًا من نجمة واحدة إلى 5 نجوم."),
])
def test_bad_answers_are_explained_on_the_same_page_with_the_input_kept(app, db, shopper, perfume, language, bad,
                                                                        message):
    data = {**GOOD, "body": "Keep this text", **bad}
    shopper.set_cookie("lang", language)  # the language switch's cookie (the account prefers English)
    response = post_review(shopper, perfume, data)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and message in body
    assert ("Keep this text</textarea>" in body) or ("x" * 2001) in body
    assert re.search(r'<input checked[^>]*value="autumn"', body) or "monsoon" in str(bad)
    assert reviews_of(app, db, perfume) == []


def test_bad_answers_with_htmx_return_the_section_with_errors(app, db, shopper, perfume):
    response = post_review(shopper, perfume, {**GOOD, "rating": ""}, htmx=True)
    body = response.get_data(as_text=True)
    assert response.status_code == 422 and "<html" not in body and "Choose a rating" in body


def test_guests_are_asked_to_sign_in_and_cannot_post(app, db, client, perfume):
    page = client.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert "Sign in to review" in page and f"/sign-in?next=/p/{perfume.slug}%23reviews" in page
    token = csrf_token_from(client, f"/p/{perfume.slug}")
    response = client.post(f"/p/{perfume.slug}/reviews", data={"csrf_token": token, **GOOD})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]
    assert reviews_of(app, db, perfume) == []


def test_a_vendor_account_cannot_review(app, db, client, create_user, perfume):
    vendor = create_user(email="shop@example.com", roles=("vendor",))
    sign_in(client, vendor)
    client.token = csrf_token_from(client, f"/p/{perfume.slug}")
    assert "Write a review" not in client.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert post_review(client, perfume, GOOD).status_code == 403


def test_a_post_without_the_csrf_token_is_refused(app, db, shopper, perfume):
    response = shopper.post(f"/p/{perfume.slug}/reviews", data=GOOD)
    assert response.status_code == 400 and reviews_of(app, db, perfume) == []


def test_another_customer_cannot_change_someone_elses_review(app, db, client, create_user, shopper, perfume):
    post_review(shopper, perfume, GOOD)
    other = create_user(email="omar@example.com", full_name="Omar Al Mansoori")
    with client.session_transaction() as session:
        session.clear()
    sign_in(client, other)
    client.token = csrf_token_from(client, f"/p/{perfume.slug}")
    assert "Write a review" in client.get(f"/p/{perfume.slug}").get_data(as_text=True)
    post_review(client, perfume, {"rating": "1", "body": "Not for me."})
    reviews = {review.author_name: (review.rating, review.body) for review in reviews_of(app, db, perfume)}
    assert reviews == {"Layla H.": (5, GOOD["body"]), "Omar M.": (1, "Not for me.")}


def test_reviews_have_pages_and_htmx_appends_the_next_one(app, db, client, perfume):
    from tests.integration.product_page_data import add_reviews

    add_reviews(app, db, perfume.id, [{"rating": 4, "body": f"Review number {n}"} for n in range(20)])
    first = client.get(f"/p/{perfume.slug}").get_data(as_text=True)
    assert first.count('class="review"') == 8 and "More reviews" in first
    assert f'href="/p/{perfume.slug}/reviews?page=3"' in first
    page_three = client.get(f"/p/{perfume.slug}/reviews?page=3")
    assert page_three.status_code == 200 and page_three.get_data(as_text=True).count('class="review"') == 4
    more = client.get(f"/p/{perfume.slug}/reviews?page=2", headers=HTMX).get_data(as_text=True)
    assert "<html" not in more and more.count('class="review"') == 8 and 'data-hx-swap-oob="true"' in more
    assert client.get(f"/p/{perfume.slug}/reviews?page=999").status_code == 200
