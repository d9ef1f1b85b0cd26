"""The couriers a vendor can hand a parcel to in the UAE, how a tracking number must look, and where a
customer follows a parcel on the carrier's own site."""
from __future__ import annotations

import re
from urllib.parse import quote

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

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
# Each carrier's public tracking page, {number} standing for the (URL-quoted) tracking number. Fixed https
# addresses only: nothing a vendor types ever becomes part of the host or the path before the number. Only the
# carriers whose tracking address is well established are linked; the others' numbers show as text until theirs
# is confirmed (a link that lands on an error page is worse than none).
TRACKING_PAGES = {
    "aramex": "https://www.aramex.com/ae/en/track/results?ShipmentNumber={number}",
    "dhl": "https://www.dhl.com/ae-en/home/tracking/tracking-express.html?submit=1&tracking-id={number}",
    "fedex": "https://www.fedex.com/fedextrack/?trknbr={number}",
    "ups": "https://www.ups.com/track?loc=en_AE&tracknum={number}",
}
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


def tracking_url(carrier: str | None, tracking_number: str | None) -> str | None:
    """The carrier's page for this parcel; None for a carrier the vendor typed or a missing number."""
    page = TRACKING_PAGES.get(carrier or "")
    if page is None or not tracking_number:
        return None
    return page.format(number=quote(tracking_number, safe=""))


def tracking_link(carrier: str | None, tracking_number: str | None) -> Markup:
    """The tracking number as a link to the carrier's page (a new tab, told to screen readers), or as text."""
    url = tracking_url(carrier, tracking_number)
    if url is None:
        return Markup("{}").format(tracking_number or "")
    return Markup('<a class="tracking-link" href="{}" target="_blank" rel="external noopener noreferrer">{}'
                  '<span class="visually-hidden"> {}</span></a>').format(
        url, tracking_number, _("(opens the carrier’s site in a new tab)"))
