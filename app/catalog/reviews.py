"""Customers' reviews: reading a product's reviews page by page, and saving a customer's one review.

Review text is stored as plain text: HTML (tags, and scripts with their content) is removed with nh3,
entities are turned back into the characters they stand for, control characters other than line
breaks are dropped. Templates escape it when they show it.
"""
from __future__ import annotations

import html
import math
import re
import unicodedata
from dataclasses import dataclass

import nh3
from flask_babel import gettext as _
from sqlalchemy import select

from app.catalog import bp
from app.catalog.models import Product, Review
from app.catalog.product_labels import (
    GENDER_LEAN_LABELS,
    LONGEVITY_LABELS,
    SEASON_LABELS,
    SILLAGE_LABELS,
    TIME_OF_DAY_LABELS,
    VALUE_LABELS,
)
from app.catalog.signals import review_posted
from app.core.events import announce
from app.core.text import BIDI_CONTROLS  # they can make text read differently from what it is
from app.extensions import db

REVIEWS_PER_PAGE = 8
BODY_MAX_LENGTH = 2000
ARABIC_LETTER = re.compile(r"[\u0600-\u06FF]")


@dataclass(frozen=True)
class ReviewPage:
    reviews: list[Review]
    page: int
    pages: int
    total: int

    @property
    def has_next(self) -> bool:
        return self.page < self.pages


def reviews_page(product_id: int, page: int, total: int) -> ReviewPage:
    """One page of a product's reviews, newest first (`total` is the product's review count)."""
    pages = max(1, math.ceil(total / REVIEWS_PER_PAGE))
    page = min(max(1, page), pages)
    reviews = db.session.scalars(
        select(Review).where(Review.product_id == product_id)
        .order_by(Review.created_at.desc(), Review.id.desc())
        .offset((page - 1) * REVIEWS_PER_PAGE).limit(REVIEWS_PER_PAGE)
    ).all() if total else []
    return ReviewPage(list(reviews), page, pages, total)


def review_by(product_id: int, user) -> Review | None:
    """The customer's own review of the product, if they wrote one."""
    if user is None or not user.is_authenticated:
        return None
    return db.session.scalars(
        select(Review).where(Review.product_id == product_id, Review.user_id == user.id)
    ).first()


@bp.app_template_global()
def review_vote_texts(review: Review) -> list[str]:
    """The reviewer's votes in words ("Longevity: Eternal", "Seasons: Autumn, Winter")."""
    def names(values, labels) -> str:
        return _(", ").join(str(labels[value]) for value in values if value in labels)

    texts = []
    if review.longevity:
        texts.append(_("Longevity: %(value)s", value=LONGEVITY_LABELS[review.longevity]))
    if review.sillage:
        texts.append(_("Sillage: %(value)s", value=SILLAGE_LABELS[review.sillage]))
    if review.seasons:
        texts.append(_("Seasons: %(value)s", value=names(review.seasons, SEASON_LABELS)))
    if review.times_of_day:
        texts.append(_("Wears best: %(value)s", value=names(review.times_of_day, TIME_OF_DAY_LABELS)))
    if review.gender_lean:
        texts.append(_("Leans: %(value)s", value=GENDER_LEAN_LABELS[review.gender_lean]))
    if review.value_for_money:
        texts.append(_("Value: %(value)s", value=VALUE_LABELS[review.value_for_money]))
    return texts


def plain_review_text(raw: str | None) -> str:
    """The review text as plain text: no HTML, no control characters but line breaks, trimmed."""
    text = (raw or "").replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    for _ in range(3):  # "&lt;script&gt;" becomes "<script>" once unescaped: clean until nothing changes
        cleaned = html.unescape(nh3.clean(text, tags=set()))
        if cleaned == text:
            break
        text = cleaned
    text = "".join(char for char in text if char == "\n" or (
        unicodedata.category(char) != "Cc" and char not in BIDI_CONTROLS))
    text = re.sub(r"[ \u00a0]{2,}", " ", text)  # removed tags leave runs of spaces
    return re.sub(r" *\n *", "\n", re.sub(r"\n{3,}", "\n\n", text)).strip()


def public_author_name(full_name: str) -> str:
    """How a review names its author: the first name and the family name's initial ("Fatima M.")."""
    first, *rest = full_name.split() or ["—"]
    if not rest:
        return first
    last = rest[-1].removeprefix("ال") if rest[-1].startswith("ال") and len(rest[-1]) > 2 else rest[-1]
    return f"{first} {last[0]}."


def save_review(product: Product, user, *, rating: int, body: str, longevity: int | None = None,
                sillage: int | None = None, value_for_money: int | None = None, seasons=(), times_of_day=(),
                gender_lean: str | None = None, language: str = "en") -> Review:
    """Write the customer's review of the product, or change it if they already wrote one; the store's
    listing (rating, community scores) is refreshed after commit (`review_posted`)."""
    review = review_by(product.id, user)
    if review is None:
        review = Review(product_id=product.id, user_id=user.id)
        db.session.add(review)
    body = plain_review_text(body)[:BODY_MAX_LENGTH]
    review.author_name = public_author_name(user.full_name)
    review.rating = rating
    review.body = body
    review.language = "ar" if ARABIC_LETTER.search(body) else ("en" if body else language)
    review.longevity, review.sillage, review.value_for_money = longevity, sillage, value_for_money
    review.seasons, review.times_of_day = sorted(set(seasons)), sorted(set(times_of_day))
    review.gender_lean = gender_lean
    db.session.flush()
    announce(review_posted, review=review)
    return review
