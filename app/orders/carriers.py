"""The couriers a vendor can hand a parcel to in the UAE, and how a tracking number must look."""
from __future__ import annotations

import re

from flask_babel import lazy_gettext as _l

# key: the carrier's name as customers know it (brand names are not translated, except Emirates Post).
CARRIERS = {
    "aramex": _l("Aramex"),
    "emirates-post": _l("Emirates Post"),
    "dhl": _l("DHL Express"),
    "fedex": _l("FedEx"),
    "ups": _l("UPS"),
    "smsa": _l("SMSA Express"),
    "imile": _l("iMile"),
    "jt": _l("J&T Express"),
    "quiqup": _l("Quiqup"),
    "jeebly": _l("Jeebly"),
}
OTHER_CARRIER = "other"
# Letters, digits and dashes, 6 to 40 of them: every UAE courier's waybill numbers fit.
TRACKING_NUMBER = re.compile(r"[A-Z0-9][A-Z0-9-]{4,38}[A-Z0-9]")


def carrier_name(carrier: str | None) -> str:
    """A known carrier's name in the page's language; a carrier the vendor typed, as typed."""
    if not carrier:
        return ""
    return str(CARRIERS.get(carrier, carrier))


def normal_tracking_number(text: str) -> str:
    """'aw 1234-5678 ' → 'AW1234-5678': spaces dropped, capitals, as couriers print them."""
    return re.sub(r"\s+", "", text or "").upper()


def is_tracking_number(text: str) -> bool:
    return TRACKING_NUMBER.fullmatch(text) is not None
