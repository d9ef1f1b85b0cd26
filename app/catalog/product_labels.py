"""What the catalog's fixed vocabularies are called on a page, in the request's language.

The keys are the stored values of `app.catalog.models` (gender, concentration, layer, size kind,
delivery promise) and the community's vote scales of a review.
"""
from flask_babel import lazy_gettext as _l

GENDER_LABELS = {"men": _l("Men"), "women": _l("Women"), "unisex": _l("Unisex")}

CONCENTRATION_LABELS = {
    "extrait": _l("Extrait de parfum"),
    "parfum": _l("Parfum"),
    "edp": _l("Eau de parfum"),
    "edt": _l("Eau de toilette"),
    "edc": _l("Eau de cologne"),
    "oil": _l("Perfume oil"),
}

LAYER_LABELS = {"top": _l("Top notes"), "heart": _l("Heart notes"), "base": _l("Base notes")}

VARIANT_KIND_LABELS = {"full": None, "sample": _l("Sample"), "gift-set": _l("Gift set"), "tester": _l("Tester")}

DELIVERY_PROMISE_LABELS = {
    "same-day": _l("Same-day delivery"),
    "next-day": _l("Next-day delivery"),
    "standard": _l("Delivery in 2–4 days"),
}

# The community's votes: 1 … 5 on the scales, named values elsewhere.
LONGEVITY_LABELS = {1: _l("Very weak"), 2: _l("Weak"), 3: _l("Moderate"), 4: _l("Long lasting"), 5: _l("Eternal")}
SILLAGE_LABELS = {1: _l("Intimate"), 2: _l("Soft"), 3: _l("Moderate"), 4: _l("Strong"), 5: _l("Enormous")}
VALUE_LABELS = {1: _l("Way overpriced"), 2: _l("Overpriced"), 3: _l("Fair price"), 4: _l("Good value"),
                5: _l("Great value")}
SEASON_LABELS = {"spring": _l("Spring"), "summer": _l("Summer"), "autumn": _l("Autumn"), "winter": _l("Winter")}
TIME_OF_DAY_LABELS = {"day": _l("Day"), "night": _l("Night")}
GENDER_LEAN_LABELS = {"masculine": _l("Masculine"), "unisex": _l("Unisex"), "feminine": _l("Feminine")}
