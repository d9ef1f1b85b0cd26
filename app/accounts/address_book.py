"""The customer's address book: its rules, writes and reads in one place.

Every address a view touches is loaded through `get_address_for_user_or_404`. Services flush and
never commit; the request commits once. An account with addresses has exactly one default: the
first address becomes it, making another the default clears the old one in the same flush, and
deleting the default hands the role to the newest address left.
"""
from __future__ import annotations

import re
import unicodedata

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select, update

from app.accounts.access import ensure_owner
from app.accounts.models import Address, User
from app.extensions import db

# The seven emirates, by the stable key stored in Address.region (the UAE first in every list).
EMIRATES = {
    "abu-dhabi": _l("Abu Dhabi"),
    "dubai": _l("Dubai"),
    "sharjah": _l("Sharjah"),
    "ajman": _l("Ajman"),
    "umm-al-quwain": _l("Umm Al Quwain"),
    "ras-al-khaimah": _l("Ras Al Khaimah"),
    "fujairah": _l("Fujairah"),
}
# What people type for an emirate, in either script, whatever the page's language.
EMIRATE_ALIASES = {
    "abu-dhabi": ("Abu Dhabi", "Abudhabi", "AUH", "أبو ظبي", "أبوظبي", "ابو ظبي"),
    "dubai": ("Dubai", "DXB", "دبي"),
    "sharjah": ("Sharjah", "Sharja", "SHJ", "الشارقة", "شارقة"),
    "ajman": ("Ajman", "عجمان"),
    "umm-al-quwain": ("Umm Al Quwain", "Umm Al Qaiwain", "UAQ", "أم القيوين", "ام القيوين"),
    "ras-al-khaimah": ("Ras Al Khaimah", "Ras Al Khaima", "RAK", "رأس الخيمة", "راس الخيمة"),
    "fujairah": ("Fujairah", "Fujeirah", "الفجيرة", "فجيرة"),
}
UAE = "AE"
# The countries checkout delivers to (orders.queries.delivery_zone_for: the emirates' zones). The book offers
# only these; an address kept from before elsewhere in the GCC still shows, marked as not delivered to.
DELIVERY_COUNTRIES = (UAE,)


def _fold(text: str) -> str:
    """Fold a place name for matching: case, spaces, hyphens, hamza forms and taa marbuta ignored."""
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.translate(str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ة": "ه", "ى": "ي"}))
    return re.sub(r"[\s\-_'’.]+", "", text)


_EMIRATE_BY_FOLDED = {
    _fold(alias): key
    for key, aliases in EMIRATE_ALIASES.items()
    for alias in (key, *aliases)
}


def emirate_key(text: str | None) -> str | None:
    """'Dubai', 'dubai', 'دبي' → 'dubai'; None when the text names no emirate."""
    return _EMIRATE_BY_FOLDED.get(_fold(text or ""))


def country_name(code: str) -> str:
    """A GCC country's name in the page's language, from Babel's locale data."""
    locale = get_locale()
    return locale.territories.get(code, code) if locale is not None else code


def country_choices() -> list[tuple[str, str]]:
    """The countries we deliver to, for a select."""
    return [(code, country_name(code)) for code in DELIVERY_COUNTRIES]


def is_delivered_to(address: Address) -> bool:
    """Whether checkout delivers to the address's country."""
    return address.country in DELIVERY_COUNTRIES


def region_name(country: str, region: str) -> str:
    """The emirate's name in the page's language, or the region as it was typed elsewhere in the GCC."""
    if country == UAE and region in EMIRATES:
        return str(EMIRATES[region])
    return region


# Reads --------------------------------------------------------------------------------------


def addresses_for(user: User) -> list[Address]:
    """The account's addresses: the default first, then the newest."""
    return list(
        db.session.scalars(
            select(Address)
            .where(Address.user_id == user.id)
            .order_by(Address.is_default.desc(), Address.id.desc())
        )
    )


def get_address_for_user_or_404(address_id: int, user: User) -> Address:
    """The address, if `user` owns it; 404 otherwise (another account's address does not exist)."""
    address = db.session.get(Address, address_id)
    ensure_owner(address.user_id if address is not None else None, user)
    return address


# Writes -------------------------------------------------------------------------------------


def _lock_address_book(user_id: int) -> None:
    """Serialise changes to one account's address book (two tabs adding a first address at once)."""
    db.session.execute(select(User.id).where(User.id == user_id).with_for_update())


def add_address(user: User, *, is_default: bool = False, **fields) -> Address:
    """Add an address; the first one, or one asked for, becomes the default."""
    _lock_address_book(user.id)
    address = Address(user_id=user.id, is_default=False, **fields)
    db.session.add(address)
    db.session.flush()
    has_default = db.session.scalar(
        select(Address.id).where(Address.user_id == user.id, Address.is_default).limit(1)
    )
    if is_default or has_default is None:
        make_default_address(address)
    return address


def update_address(address: Address, *, is_default: bool = False, **fields) -> Address:
    """Change an address; `is_default` makes it the default (the default stays one until another is chosen)."""
    for name, value in fields.items():
        setattr(address, name, value)
    db.session.flush()
    if is_default and not address.is_default:
        make_default_address(address)
    return address


def delete_address(address: Address) -> None:
    """Delete an address; when it was the default, the newest address left becomes the default."""
    _lock_address_book(address.user_id)
    user_id, was_default = address.user_id, address.is_default
    db.session.delete(address)
    db.session.flush()
    if was_default:
        newest = db.session.scalar(
            select(Address).where(Address.user_id == user_id).order_by(Address.id.desc()).limit(1)
        )
        if newest is not None:
            newest.is_default = True
            db.session.flush()


def make_default_address(address: Address) -> Address:
    """Make this the account's only default address."""
    _lock_address_book(address.user_id)
    # The partial unique index allows one default per account at any moment: clear, flush, then set.
    db.session.execute(
        update(Address)
        .where(Address.user_id == address.user_id, Address.id != address.id, Address.is_default)
        .values(is_default=False)
        .execution_options(synchronize_session="fetch")
    )
    db.session.flush()
    address.is_default = True
    db.session.flush()
    return address
