"""A product's scent DNA: its notes pyramid and accords (from the catalog), and the community's votes
from its reviews as distributions — how many people chose each value, never a single average.

The votes of every dimension are counted in one aggregate query over the product's reviews.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from flask_babel import lazy_gettext as _l
from sqlalchemy import text

from app.catalog.models import LAYERS
from app.catalog.product_labels import (
    GENDER_LEAN_LABELS,
    LAYER_LABELS,
    LONGEVITY_LABELS,
    SEASON_LABELS,
    SILLAGE_LABELS,
    TIME_OF_DAY_LABELS,
    VALUE_LABELS,
)
from app.extensions import db

# The charts in the order the page shows them: (dimension, title, {value: label}).
VOTE_DIMENSIONS = (
    ("longevity", _l("Longevity"), LONGEVITY_LABELS),
    ("sillage", _l("Sillage"), SILLAGE_LABELS),
    ("seasons", _l("Seasons"), SEASON_LABELS),
    ("times_of_day", _l("Day or night"), TIME_OF_DAY_LABELS),
    ("gender_lean", _l("Gender lean"), GENDER_LEAN_LABELS),
    ("value_for_money", _l("Price and value"), VALUE_LABELS),
)
# People may pick several seasons and both day and night: their shares are of the people who voted.
MULTIPLE_CHOICE = ("seasons", "times_of_day")

VOTES_SQL = text("""
WITH r AS (
    SELECT rating, longevity, sillage, value_for_money, gender_lean, seasons, times_of_day
    FROM review WHERE product_id = :product_id
)
SELECT 'rating' AS dimension, rating::text AS value, count(*) AS votes FROM r GROUP BY rating
UNION ALL SELECT 'longevity', longevity::text, count(*) FROM r WHERE longevity IS NOT NULL GROUP BY longevity
UNION ALL SELECT 'sillage', sillage::text, count(*) FROM r WHERE sillage IS NOT NULL GROUP BY sillage
UNION ALL SELECT 'value_for_money', value_for_money::text, count(*) FROM r
    WHERE value_for_money IS NOT NULL GROUP BY value_for_money
UNION ALL SELECT 'gender_lean', gender_lean, count(*) FROM r WHERE gender_lean IS NOT NULL GROUP BY gender_lean
UNION ALL SELECT 'seasons', season, count(*) FROM r, unnest(r.seasons) AS season GROUP BY season
UNION ALL SELECT 'times_of_day', moment, count(*) FROM r, unnest(r.times_of_day) AS moment GROUP BY moment
UNION ALL SELECT 'seasons:voters', NULL, count(*) FROM r WHERE cardinality(seasons) > 0
UNION ALL SELECT 'times_of_day:voters', NULL, count(*) FROM r WHERE cardinality(times_of_day) > 0
""")


@dataclass(frozen=True)
class Bar:
    """One value of a chart: its label, how many chose it, and their share of the voters (0–100)."""

    value: str
    label: str
    votes: int
    percent: int


@dataclass(frozen=True)
class Distribution:
    dimension: str
    title: str
    voters: int
    bars: list[Bar]


@dataclass(frozen=True)
class RatingSummary:
    count: int
    average: Decimal | None
    stars: dict[int, int]  # {5: how many gave five stars, …}


@dataclass(frozen=True)
class CommunityVotes:
    rating: RatingSummary
    distributions: list[Distribution]

    @property
    def any_votes(self) -> bool:
        return any(distribution.voters for distribution in self.distributions)


def percent_of(part: int, whole: int) -> int:
    if not whole:
        return 0
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def community_votes(product_id: int) -> CommunityVotes:
    """The rating and every vote dimension of a product's reviews, counted in one query."""
    counts: dict[str, dict[str, int]] = {}
    for dimension, value, votes in db.session.execute(VOTES_SQL, {"product_id": product_id}):
        counts.setdefault(dimension, {})[value] = votes
    stars = {int(value): votes for value, votes in counts.get("rating", {}).items()}
    total = sum(stars.values())
    average = (Decimal(sum(star * votes for star, votes in stars.items())) / total).quantize(Decimal("0.1")) \
        if total else None
    distributions = []
    for dimension, title, labels in VOTE_DIMENSIONS:
        chosen = counts.get(dimension, {})
        voters = counts[f"{dimension}:voters"][None] if dimension in MULTIPLE_CHOICE else sum(chosen.values())
        bars = [Bar(str(value), labels[value], chosen.get(str(value), 0), percent_of(chosen.get(str(value), 0), voters))
                for value in labels]
        distributions.append(Distribution(dimension, title, voters, bars))
    return CommunityVotes(RatingSummary(total, average, stars), distributions)


NOTES_AND_ACCORDS_SQL = text("""
SELECT 'note' AS kind, pn.layer, pn.position AS rank, n.slug, n.name_en, n.name_ar, n.family, NULL AS colour
FROM product_note pn JOIN note n ON n.id = pn.note_id WHERE pn.product_id = :product_id
UNION ALL
SELECT 'accord', NULL, -pa.strength, a.slug, a.name_en, a.name_ar, NULL, a.colour
FROM product_accord pa JOIN accord a ON a.id = pa.accord_id WHERE pa.product_id = :product_id
ORDER BY kind, rank, slug
""")


@dataclass(frozen=True)
class NoteName:
    """A note as the pyramid shows it: a chip in its family's colour, linking to the listing of the note."""

    slug: str
    name_en: str
    name_ar: str
    family: str


@dataclass(frozen=True)
class AccordStrength:
    """One of the product's accords and how strong it is (0–100), drawn as a bar."""

    slug: str
    name_en: str
    name_ar: str
    colour: str
    strength: int


@dataclass(frozen=True)
class Layer:
    layer: str
    title: str
    notes: list[NoteName]  # in the pyramid's order


@dataclass(frozen=True)
class Composition:
    """What the product is made of: its notes by layer, top to base, and its accords, strongest first."""

    pyramid: list[Layer]
    accords: list[AccordStrength]


def composition(product_id: int) -> Composition:
    """The product's notes pyramid (layers without notes left out) and accords, read in one query."""
    notes: dict[str, list[NoteName]] = {layer: [] for layer in LAYERS}
    accords = []
    for kind, layer, rank, slug, name_en, name_ar, family, colour in db.session.execute(
            NOTES_AND_ACCORDS_SQL, {"product_id": product_id}):
        if kind == "note":
            notes[layer].append(NoteName(slug, name_en, name_ar, family))
        else:
            accords.append(AccordStrength(slug, name_en, name_ar, colour, -rank))
    pyramid = [Layer(layer, LAYER_LABELS[layer], names) for layer, names in notes.items() if names]
    return Composition(pyramid, accords)
