"""The audit log as an admin reads it: actions, record types, roles, field names and values in the page's
language — a brand's, note's or shop's name rather than its id, a status's words rather than its key,
money, dates and yes/no as people write them — instead of the keys and JSON the log keeps."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from babel.dates import format_date, format_datetime, format_time
from babel.numbers import format_decimal
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from app.accounts.address_book import EMIRATES, country_name
from app.admin.queries import names_for_audit
from app.admin.user_forms import ROLE_LABELS
from app.catalog.families import SCENT_FAMILIES
from app.catalog.listing_labels import STYLE_LABELS
from app.catalog.models import LAYERS, size_unit_of
from app.catalog.product_labels import (
    CONCENTRATION_LABELS,
    DELIVERY_PROMISE_LABELS,
    GENDER_LABELS,
    LAYER_LABELS,
)
from app.catalog.sizes import size_text
from app.core.i18n import comma_joined
from app.core.money import format_money
from app.orders.carriers import carrier_name
from app.orders.history import STATUS_LABELS
from app.orders.pricing import UAE_TIME
from app.vendors.product_forms import KIND_LABELS, OCCASION_LABELS

ACTION_LABELS = {
    "order.status": _l("Order status changed"),
    "order.cancel": _l("Order cancelled"),
    "order.refund": _l("Order refunded"),
    "sub_order.processing": _l("Shop’s part being prepared"),
    "sub_order.shipped": _l("Shop’s part shipped"),
    "coupon.create": _l("Coupon added"),
    "coupon.update": _l("Coupon changed"),
    "coupon.deactivate": _l("Coupon turned off"),
    "delivery_zone.update": _l("Delivery zone changed"),
    "product.propose": _l("Product proposed"),
    "product.edit": _l("Product changed"),
    "product.revise": _l("Product changes proposed"),
    "product.approve": _l("Product approved"),
    "product.reject": _l("Product rejected"),
    "product.revision.approve": _l("Product changes approved"),
    "product.revision.reject": _l("Product changes rejected"),
    "product.feature": _l("Product featured"),
    "product.unfeature": _l("Product no longer featured"),
    "brand.create": _l("House added"),
    "brand.update": _l("House changed"),
    "category.create": _l("Category added"),
    "category.update": _l("Category changed"),
    "note.create": _l("Note added"),
    "note.update": _l("Note changed"),
    "offer.create": _l("Offer added"),
    "offer.update": _l("Offer changed"),
    "offer.import": _l("Offer changed by CSV import"),
    "vendor.apply": _l("Shop applied"),
    "vendor.approve": _l("Shop approved"),
    "vendor.reject": _l("Shop not approved"),
    "vendor.suspend": _l("Shop suspended"),
    "vendor.reinstate": _l("Shop reinstated"),
    "vendor.commission": _l("Shop’s commission changed"),
    "payout.recorded": _l("Payout recorded"),
    "user.roles": _l("Account roles changed"),
    "user.deactivate": _l("Account deactivated"),
    "user.reactivate": _l("Account reactivated"),
    "user.resend_verification": _l("Verification email sent again"),
}
SUBJECT_LABELS = {
    "customer_order": _l("Order"),
    "sub_order": _l("Shop’s part of an order"),
    "coupon": _l("Coupon"),
    "delivery_zone": _l("Delivery zone"),
    "product": _l("Product"),
    "brand": _l("House"),
    "category": _l("Category"),
    "note": _l("Note"),
    "offer": _l("Offer"),
    "vendor": _l("Seller"),
    "payout": _l("Payout"),
    "user_account": _l("Account"),
}
FIELD_LABELS = {
    "status": _l("Status"), "note": _l("Timeline note"), "reason": _l("Reason"), "refunded": _l("Refunded so far"),
    "refund": _l("Refund"), "sub_order": _l("Shop’s part"), "code": _l("Code"), "kind": _l("Kind"),
    "value": _l("Value"), "min_spend": _l("Minimum spend"), "starts_at": _l("Starts"), "ends_at": _l("Ends"),
    "usage_limit": _l("Uses in all"), "per_customer_limit": _l("Uses per customer"), "vendor_id": _l("Seller"),
    "brand_id": _l("House"), "is_active": _l("Active"), "same_day_cutoff": _l("Same-day cut-off"),
    "free_delivery_threshold": _l("Free standard delivery from"), "fee_standard": _l("Standard delivery fee"),
    "fee_next-day": _l("Next-day delivery fee"), "fee_same-day": _l("Same-day delivery fee"),
    "rejection_reason": _l("Reason for rejection"), "approved_at": _l("Approved on"),
    "revision_id": _l("Proposed changes"), "is_featured": _l("Featured"), "roles": _l("Roles"),
    "is_active_account": _l("Account active"), "email": _l("Email"), "name_en": _l("Name in English"),
    "name_ar": _l("Name in Arabic"), "slug": _l("Address in the store"), "style": _l("Style"),
    "country": _l("Country"), "story_en": _l("Story in English"), "story_ar": _l("Story in Arabic"),
    "founded_year": _l("Founded"), "position": _l("Position"), "family": _l("Scent family"),
    "period_start": _l("Period from"), "period_end": _l("Period to"), "amount": _l("Amount"),
    "paid_on": _l("Paid on"), "reference": _l("Reference"), "description_en": _l("Description in English"),
    "description_ar": _l("Description in Arabic"), "category_id": _l("Category"), "gender": _l("For"),
    "concentration": _l("Concentration"), "launch_year": _l("Launch year"), "perfumer": _l("Perfumer"),
    "alcohol_free": _l("Alcohol-free"), "occasions": _l("Occasions"), "notes": _l("Notes"),
    "accords": _l("Accords and strengths"), "variants": _l("Sizes"), "photos": _l("Photos"),
    "trade_licence_number": _l("Trade licence number"), "trade_licence_expires_on": _l("Trade licence expires"),
    "emirate": _l("Emirate"), "contact_name": _l("Contact name"), "contact_mobile": _l("Contact mobile"),
    "trn": _l("TRN"), "iban": _l("IBAN"), "status_reason": _l("Reason"), "commission_rate": _l("Commission"),
    "price": _l("Price"), "compare_at_price": _l("Earlier price"), "stock": _l("Stock"), "sku": _l("SKU"),
    "gift_wrap": _l("Gift wrap"), "delivery_promise": _l("Delivery promise"), "variant_id": _l("Size"),
    "carrier": _l("Carrier"), "tracking_number": _l("Tracking number"), "shipped_at": _l("Shipped on"),
}
PRODUCT_STATUS_LABELS = {"draft": _l("Draft"), "pending": _l("Waiting for approval"), "approved": _l("Approved"),
                         "rejected": _l("Rejected"), "archived": _l("Archived")}
VENDOR_STATUS_LABELS = {"pending": _l("Waiting for review"), "approved": _l("Approved"),
                        "rejected": _l("Not approved"), "suspended": _l("Suspended")}
COUPON_KIND_LABELS = {"percent": _l("Percentage off"), "fixed": _l("Fixed amount off")}
ACTOR_ROLE_LABELS = {**ROLE_LABELS, "system": _l("System")}
MONEY_FIELDS = {"refunded", "refund", "min_spend", "free_delivery_threshold", "fee_standard", "fee_next-day",
                "fee_same-day", "amount", "price", "compare_at_price"}
MOMENT_FIELDS = {"starts_at", "ends_at", "approved_at", "shipped_at"}
DATE_FIELDS = {"period_start", "period_end", "paid_on", "trade_licence_expires_on"}
YES_NO_FIELDS = {"is_active", "is_featured", "is_active_account", "alcohol_free", "gift_wrap"}
NOTHING = "∅"  # a value that was empty (a missing one reads "—")


@dataclass(frozen=True)
class ChangedField:
    label: str
    before: str | None  # None: the field was not there before
    after: str | None  # None: it is not there after


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def subject_label(subject_type: str) -> str:
    return str(SUBJECT_LABELS.get(subject_type, subject_type))


def actor_role_label(role: str) -> str:
    return str(ACTOR_ROLE_LABELS.get(role, role))


def field_label(name: str) -> str:
    return str(FIELD_LABELS.get(name, name))


def audit_changes(entries) -> dict[int, list[ChangedField]]:
    """Each entry's changed fields as an admin reads them, by entry id (the names behind ids in one go)."""
    entries = list(entries)
    reader = ValueReader(entries)
    return {entry.id: reader.changes(entry) for entry in entries}


class ValueReader:
    """Writes the values of audit entries in the page's language, with the names of the records they name."""

    def __init__(self, entries):
        self.locale = get_locale() or "en"
        self.arabic = getattr(self.locale, "language", "en") == "ar"
        self.names = names_for_audit([side for entry in entries for side in (entry.before, entry.after) if side])

    def changes(self, entry) -> list[ChangedField]:
        before, after = entry.before or {}, entry.after or {}
        keys = sorted(list(after) + [key for key in before if key not in after], key=field_label)
        context = {**before, **after}
        return [ChangedField(field_label(key),
                             self.value(entry.subject_type, key, before[key], context) if key in before else None,
                             self.value(entry.subject_type, key, after[key], context) if key in after else None)
                for key in keys]

    def value(self, subject_type: str, name: str, value, context: dict) -> str:
        """One value, as the field it belongs to is read."""
        if value is None or value == "" or value == []:
            return NOTHING
        reader = getattr(self, f"read_{name.replace('-', '_')}", None)
        if reader is not None:
            return reader(value, subject_type=subject_type, context=context)
        if name in MONEY_FIELDS or name.startswith("fee_"):
            return self.money(value)
        if name in MOMENT_FIELDS:
            return self.moment(value)
        if name in DATE_FIELDS:
            return self.day(value)
        if name in YES_NO_FIELDS or isinstance(value, bool):
            return _("Yes") if value else _("No")
        if isinstance(value, list):
            return comma_joined(*(self.value(subject_type, name, item, context) for item in value))
        if isinstance(value, dict):
            return comma_joined(*(f"{field_label(key)}: {self.value(subject_type, key, item, context)}"
                                  for key, item in value.items()))
        return str(value)

    # Names behind ids -----------------------------------------------------------------------------

    def name_of(self, kind: str, record_id) -> str:
        record = self.names[kind].get(record_id)
        if record is None:
            return f"#{record_id}"
        return (record.name_ar or record.name_en) if self.arabic else record.name_en

    def read_brand_id(self, value, **_context) -> str:
        return self.name_of("brands", value)

    def read_category_id(self, value, **_context) -> str:
        return self.name_of("categories", value)

    def read_vendor_id(self, value, **_context) -> str:
        return self.name_of("vendors", value)

    def read_sub_order(self, value, **_context) -> str:
        return self.name_of("vendors", self.names["sub_order_vendors"].get(value))

    def read_variant_id(self, value, **_context) -> str:
        variant = self.names["variants"].get(value)
        return size_text(variant.size_ml, variant.product.size_unit) if variant is not None else f"#{value}"

    def read_notes(self, value: dict, **_context) -> str:
        layers = [_("%(layer)s: %(notes)s", layer=LAYER_LABELS[layer],
                    notes=comma_joined(*(self.name_of("notes", note_id) for note_id in value.get(layer, []))))
                  for layer in LAYERS if value.get(layer)]
        return " · ".join(layers) or NOTHING

    def read_accords(self, value: list, **_context) -> str:
        return comma_joined(*(_("%(accord)s %(strength)s%%", accord=self.name_of("accords", accord_id),
                                strength=strength) for accord_id, strength in value))

    def read_variants(self, value: list, context: dict, **_rest) -> str:
        category = self.names["categories"].get(context.get("category_id"))
        unit = size_unit_of(category.slug) if category is not None else "ml"
        sizes = []
        for size in value:
            text = size_text(Decimal(str(size["size_ml"])), unit)
            kind = KIND_LABELS.get(size.get("kind"))
            sizes.append(_("%(size)s · %(kind)s", size=text, kind=kind) if kind else text)
        return comma_joined(*sizes)

    def read_photos(self, value: list, **_context) -> str:
        return ngettext("%(num)d photo", "%(num)d photos", len(value))

    # Words behind keys ----------------------------------------------------------------------------

    def read_status(self, value, subject_type: str, **_context) -> str:
        labels = {"product": PRODUCT_STATUS_LABELS, "vendor": VENDOR_STATUS_LABELS}.get(subject_type, STATUS_LABELS)
        return str(labels.get(value, value))

    def read_roles(self, value: list, **_context) -> str:
        return comma_joined(*(str(ROLE_LABELS.get(role, role)) for role in value))

    def read_kind(self, value, **_context) -> str:
        return str(COUPON_KIND_LABELS.get(value, value))

    def read_value(self, value, context: dict, **_rest) -> str:
        """A coupon's value: a percentage or an amount, as its kind says."""
        if context.get("kind") == "percent":
            return _("%(percent)s%%", percent=self.number(value))
        return self.money(value)

    def read_gender(self, value, **_context) -> str:
        return str(GENDER_LABELS.get(value, value))

    def read_concentration(self, value, **_context) -> str:
        return str(CONCENTRATION_LABELS.get(value, value))

    def read_family(self, value, **_context) -> str:
        return str(SCENT_FAMILIES.get(value, value))

    def read_style(self, value, **_context) -> str:
        return str(STYLE_LABELS.get(value, value))

    def read_country(self, value, **_context) -> str:
        return country_name(value) or value

    def read_occasions(self, value: list, **_context) -> str:
        return comma_joined(*(str(OCCASION_LABELS.get(occasion, occasion)) for occasion in value))

    def read_delivery_promise(self, value, **_context) -> str:
        return str(DELIVERY_PROMISE_LABELS.get(value, value))

    def read_emirate(self, value, **_context) -> str:
        return str(EMIRATES.get(value, value))

    def read_carrier(self, value, **_context) -> str:
        return carrier_name(value)

    def read_commission_rate(self, value, **_context) -> str:
        return _("%(percent)s%%", percent=self.number(Decimal(str(value)) * 100))

    def read_same_day_cutoff(self, value, **_context) -> str:
        try:
            return format_time(time.fromisoformat(value), "short", locale=self.locale)
        except (TypeError, ValueError):
            return str(value)

    # Numbers and moments --------------------------------------------------------------------------

    def number(self, value) -> str:
        try:
            return format_decimal(Decimal(str(value)).normalize(), locale=self.locale)
        except (InvalidOperation, ValueError):
            return str(value)

    def money(self, value) -> str:
        try:
            return format_money(Decimal(str(value)), "AED", self.locale)
        except (InvalidOperation, ValueError):
            return str(value)

    def moment(self, value) -> str:
        try:
            return format_datetime(datetime.fromisoformat(value), "medium", tzinfo=UAE_TIME, locale=self.locale)
        except (TypeError, ValueError):
            return str(value)

    def day(self, value) -> str:
        try:
            return format_date(date.fromisoformat(value[:10]), "medium", locale=self.locale)
        except (TypeError, ValueError):
            return str(value)
