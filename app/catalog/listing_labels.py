"""What the listing calls each value of the catalog's closed vocabularies, in the reader's language."""
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l

from app.accounts.address_book import EMIRATES
from app.catalog.families import SCENT_FAMILIES
from app.catalog.product_labels import CONCENTRATION_LABELS, GENDER_LABELS, SEASON_LABELS

CATEGORY_LABELS = {
    "perfume": _l("Perfumes"),
    "attar-oil": _l("Attars & oils"),
    "bakhoor": _l("Bakhoor"),
    "body-mist": _l("Body mists"),
    "gift-set": _l("Gift sets"),
    "home": _l("Home fragrance"),
    "samples": _l("Samples"),
}
STYLE_LABELS = {"arabian": _l("Arabian"), "designer": _l("Designer"), "niche": _l("Niche"), "indie": _l("Indie")}
OCCASION_LABELS = {
    "day": _l("Day"),
    "night": _l("Night"),
    "office": _l("Office"),
    "evening": _l("Evening out"),
    "wedding": _l("Wedding"),
    "ramadan-eid": _l("Ramadan & Eid"),
}
SIZE_LABELS = {
    "1-10": _l("Up to 10 ml"),
    "11-30": _l("11–30 ml"),
    "31-60": _l("31–60 ml"),
    "61-100": _l("61–100 ml"),
    "100-plus": _l("Over 100 ml"),
}
FLAG_LABELS = {
    "in_stock": _l("In stock"),
    "on_sale": _l("On sale"),
    "new": _l("New arrivals"),
    "alcohol_free": _l("Alcohol-free"),
    "sample": _l("Sample or decant available"),
    "gift": _l("Gift set or gift wrap"),
    "rewards": _l("Cashback or coins"),
}

# Closed vocabularies by filter parameter.
VALUE_LABELS = {
    "category": CATEGORY_LABELS,
    "gender": GENDER_LABELS,
    "concentration": CONCENTRATION_LABELS,
    "family": SCENT_FAMILIES,
    "style": STYLE_LABELS,
    "season": SEASON_LABELS,
    "occasion": OCCASION_LABELS,
    "size": SIZE_LABELS,
    "delivery": EMIRATES,
}


def country_name(code: str) -> str:
    """A country's name in the UI language, from Babel's locale data (the code itself if unknown)."""
    return get_locale().territories.get(code.upper(), code.upper())
