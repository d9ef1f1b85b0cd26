"""The scent families of ARCHITECTURE.md's `family` filter, with their names in both languages."""
from flask_babel import lazy_gettext as _l

SCENT_FAMILIES = {
    "oud": _l("Oud"),
    "amber": _l("Amber"),
    "woody": _l("Woody"),
    "floral": _l("Floral"),
    "fresh": _l("Fresh"),
    "citrus": _l("Citrus"),
    "aquatic": _l("Aquatic"),
    "gourmand": _l("Gourmand"),
    "spicy": _l("Spicy"),
    "musky": _l("Musky"),
    "leather": _l("Leather"),
    "aromatic": _l("Aromatic"),
    "fruity": _l("Fruity"),
    "green": _l("Green"),
    "powdery": _l("Powdery"),
}
