"""Every line of the bag, of the checkout's summary and of its review step names its size and its seller and
links to its perfume's page with that size chosen: two sellers' bottles of one perfume are told apart, in
English and in Arabic."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from app.catalog.models import Offer, Product
from app.extensions import db as database
from tests.integration.test_checkout import guest, up_to_review  # noqa: F401  (fixture)
from tests.shop import add, shop  # noqa: F401  (fixture and helpers)

WORDS = {
    "en": {"a": "100 ml · Sold by Souq A", "b": "50 ml · Sold by Souq B", "name": "Sunset Light"},
    "ar": {"a": "100 مل · يبيعه سوق أ", "b": "50 مل · يبيعه سوق ب", "name": "نور الغروب"},
}


@pytest.fixture
def two_sellers_bag(app, guest, shop):
    """One perfume in the bag twice: 100 ml from Souq A, 50 ml from Souq B; returns {"a"/"b": product URL}."""
    big = shop.offer(price="450", stock=5, vendor="souq-a", size=100, name_en="Sunset Light", name_ar="نور الغروب")
    small = shop.offer(price="250", stock=5, vendor="souq-b", size=50, product_id=big.product_id)
    for made in (big, small):
        add(guest, made.offer_id, token=guest.token)
    with app.app_context():
        slug = database.session.scalar(select(Product.slug).where(Product.id == big.product_id))
        variants = dict(database.session.execute(select(Offer.id, Offer.variant_id)
                                                 .where(Offer.id.in_((big.offer_id, small.offer_id)))).all())
    return {"a": f"/p/{slug}?size={variants[big.offer_id]}", "b": f"/p/{slug}?size={variants[small.offer_id]}"}


def lines_of(html: str, list_class: str) -> list[tuple[str, str]]:
    """(link, text) of each line of the list with this class."""
    block = re.search(rf'<ul class="{list_class}".*?</ul>', html, re.S).group(0)
    items = re.findall(r"<li[ >].*?</li>", block, re.S)
    return [(re.search(r'<a href="([^"]+)"', item).group(1).replace("&amp;", "&"),
             " ".join(re.sub(r"<[^>]+>", " ", item).split())) for item in items]


def sellers_bag_ok(lines, urls, words) -> None:
    assert len(lines) == 2
    assert {link for link, _ in lines} == set(urls.values())
    for link, text in lines:
        shop_key = "a" if link == urls["a"] else "b"
        assert words["name"] in text and words[shop_key] in text, text


@pytest.mark.parametrize("language", ["en", "ar"])
def test_bag_lines_link_to_the_chosen_size_and_name_size_and_seller(guest, two_sellers_bag, language):
    guest.set_cookie("lang", language)
    html = guest.get("/cart").get_data(as_text=True)
    details = re.findall(r'<li class="bag-line[^"]*" id="bag-line-\d+">(.*?)<div class="bag-line__controls">', html, re.S)
    lines = [(re.search(r'<h2 class="bag-line__name"><a href="([^"]+)"', item).group(1).replace("&amp;", "&"),
              " ".join(re.sub(r"<[^>]+>", " ", item).split())) for item in details]
    words = WORDS[language]
    sellers_bag_ok(lines, two_sellers_bag, {**words, "a": words["a"].replace(" · ", " "),
                                            "b": words["b"].replace(" · ", " ")})  # size and seller: two lines


@pytest.mark.parametrize("language", ["en", "ar"])
def test_the_checkout_summary_and_review_name_size_and_seller_with_links(guest, two_sellers_bag, language):
    guest.set_cookie("lang", language)
    sellers_bag_ok(lines_of(guest.get("/checkout").get_data(as_text=True), "checkout-summary__lines"),
                   two_sellers_bag, WORDS[language])
    up_to_review(guest)
    review = guest.get("/checkout").get_data(as_text=True)
    sellers_bag_ok(lines_of(review, "checkout-review__lines"), two_sellers_bag, WORDS[language])
    sellers_bag_ok(lines_of(review, "checkout-summary__lines"), two_sellers_bag, WORDS[language])
