"""Bulk price and stock changes by CSV: the vendor downloads its offers, edits them in a spreadsheet, and
uploads the file. Every row is checked first; if any row is wrong nothing is applied, otherwise every
change is applied in one transaction (the offers locked in id order, one audit entry per changed offer).

Columns: sku, price, stock (required); compare_at, active (optional: absent means unchanged); product
and size are there for the reader and ignored. Rows are numbered as a spreadsheet numbers them (the
header is row 1).
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from app.audit.services import changed_fields, json_safe, record_change, snapshot
from app.catalog.models import Offer
from app.catalog.product_labels import VARIANT_KIND_LABELS
from app.catalog import sizes
from app.catalog.signals import offer_changed
from app.core.events import announce
from app.extensions import db
from app.vendors.offer_queries import offers_of_vendor_by_sku, offers_with_products
from app.vendors.offer_services import (
    COMPARE_AT_PROBLEM,
    PRICE_PROBLEM,
    STOCK_PROBLEM,
    ensure_shop_may_change_offers,
    parse_amount,
    parse_stock,
    value_problems,
)

EXPORT_COLUMNS = ["sku", "product", "size", "price", "compare_at", "stock", "active"]
REQUIRED_COLUMNS = ("sku", "price", "stock")
MAX_IMPORT_BYTES = 400 * 1024  # the checked text travels back with the confirmation, under Flask's form limit
MAX_IMPORT_ROWS = 5000
IMPORTED_FIELDS = ("price", "compare_at_price", "stock", "is_active")
TRUE_WORDS = {"yes", "true", "1", "y", "نعم"}
FALSE_WORDS = {"no", "false", "0", "n", "لا"}


class ImportRefused(ValueError):
    """The file as a whole cannot be read; `message` says why, translated."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


@dataclass
class RowChange:
    row: int
    offer: Offer
    before: dict
    after: dict


@dataclass
class RowProblem:
    row: int
    sku: str
    messages: list


@dataclass
class ImportCheck:
    """What a file would change, row by row, and what is wrong with it."""

    changes: list[RowChange] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    unchanged: int = 0
    offer_ids: list[int] = field(default_factory=list)  # every offer the file names, changed or not

    @property
    def rows(self) -> int:
        return len(self.changes) + len(self.problems) + self.unchanged

    @property
    def ok(self) -> bool:
        return not self.problems


# The download ------------------------------------------------------------------------------


def export_rows(vendor_id: int):
    """The vendor's offers as CSV rows of EXPORT_COLUMNS, names in the page's language."""
    query = offers_with_products().where(Offer.vendor_id == vendor_id).order_by(Offer.sku, Offer.id)
    for offer in db.session.scalars(query):
        product = offer.variant.product
        yield (offer.sku, product.name_ar if str(get_locale()) == "ar" else product.name_en, size_text(offer),
               f"{offer.price:.2f}", "" if offer.compare_at_price is None else f"{offer.compare_at_price:.2f}",
               offer.stock, "yes" if offer.is_active else "no")


def size_text(offer: Offer) -> str:
    """'100 ml', '50 g · Sample', in the page's language."""
    variant = offer.variant
    text = sizes.size_text(variant.size_ml, variant.product.size_unit)
    kind = VARIANT_KIND_LABELS.get(variant.kind)
    return f"{text} · {kind}" if kind else text


# Reading the upload --------------------------------------------------------------------------


def read_upload(upload) -> str:
    """The uploaded file's text: a .csv in UTF-8 (with or without Excel's byte-order mark), not too large."""
    if upload is None or not upload.filename:
        raise ImportRefused(_l("Choose the CSV file to upload."))
    if not upload.filename.lower().endswith(".csv"):
        raise ImportRefused(_l("This is not a CSV file. In your spreadsheet choose Save as, then CSV UTF-8."))
    return decode_csv(upload.read(MAX_IMPORT_BYTES + 1))


def decode_csv(data: bytes) -> str:
    """The text of a CSV file's bytes: not too large, not binary, UTF-8 (a byte-order mark is dropped)."""
    if len(data) > MAX_IMPORT_BYTES:
        raise ImportRefused(_l("The file is larger than 400 KB. Split it into smaller files."))
    if b"\x00" in data:
        raise ImportRefused(_l("This is not a CSV file. In your spreadsheet choose Save as, then CSV UTF-8."))
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(_l("The file is not in UTF-8. In your spreadsheet choose Save as, then CSV UTF-8.")) \
            from error
    if not text.strip():
        raise ImportRefused(_l("The file is empty."))
    return text


def csv_rows(text: str) -> tuple[list[str], list[tuple[int, dict]]]:
    """The header (lower case) and each non-blank row as {column: cell} with its spreadsheet row number."""
    text = text.lstrip("\ufeff")
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)  # Excel writes ';' where the decimal mark is a comma
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [cell.strip().lower() for cell in next(reader)]
        rows = [(reader.line_num, dict(zip(header, cells))) for cells in reader if any(cell.strip() for cell in cells)]
    except csv.Error as error:
        raise ImportRefused(_l("The file could not be read as CSV. Save it again as CSV UTF-8.")) from error
    return header, rows


def check_import(vendor_id: int, text: str) -> ImportCheck:
    """Check every row against the vendor's offers; unknown and other vendors' SKUs alike are unknown."""
    header, rows = csv_rows(text)
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    if missing:
        raise ImportRefused(_l("The file lacks the columns %(columns)s. Start from the downloaded file.",
                               columns=", ".join(missing)))
    if len(rows) > MAX_IMPORT_ROWS:
        raise ImportRefused(_l("The file has more than %(count)s rows. Split it into smaller files.",
                               count=MAX_IMPORT_ROWS))
    offers = offers_of_vendor_by_sku(vendor_id)
    check, first_row_of = ImportCheck(), {}
    for number, cells in rows:
        sku = unescaped(cells.get("sku") or "").strip()
        problems = []
        offer = offers.get(sku.lower())
        if not sku:
            problems.append(_l("The SKU is empty."))
        elif offer is None:
            problems.append(_l("None of your offers has this SKU."))
        if sku and sku.lower() in first_row_of:
            problems.append(_l("This SKU is also on row %(row)s.", row=first_row_of[sku.lower()]))
        first_row_of.setdefault(sku.lower(), number)
        after = row_values(cells, problems)
        if offer is not None:
            check.offer_ids.append(offer.id)
        if offer is not None and not problems:
            before = snapshot(offer, IMPORTED_FIELDS)
            merged = {**before, **json_safe(after)}
            before, after = changed_fields(before, merged)
            if after:
                check.changes.append(RowChange(number, offer, before, after))
            else:
                check.unchanged += 1
        if problems:
            check.problems.append(RowProblem(number, sku, problems))
    return check


def row_values(cells: dict, problems: list) -> dict:
    """The row's new values (only the columns the file has), its problems appended to `problems`."""
    values = {}
    values["price"] = read(cells.get("price"), parse_amount, PRICE_PROBLEM, problems)
    if "compare_at" in cells:
        text = (cells["compare_at"] or "").strip()
        values["compare_at_price"] = read(text, parse_amount, COMPARE_AT_PROBLEM, problems) if text else None
    values["stock"] = read(cells.get("stock"), parse_stock, STOCK_PROBLEM, problems)
    if "active" in cells:
        word = (cells["active"] or "").strip().lower()
        if word in TRUE_WORDS | FALSE_WORDS:
            values["is_active"] = word in TRUE_WORDS
        else:
            problems.append(_l("Write yes or no in the active column."))
    if not problems:
        problems.extend(value_problems(values["price"], values.get("compare_at_price"), values["stock"]).values())
    return values


def read(text, parse, message, problems):
    try:
        return parse(text)
    except ValueError:
        problems.append(message)
        return None


def unescaped(cell: str) -> str:
    """A cell the export protected from spreadsheet formulas ("'=…") back as it was."""
    from app.admin.exports import FORMULA_STARTS  # late: the back office imports the vendor portal

    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


# Applying it ---------------------------------------------------------------------------------


def apply_import(vendor, text: str, actor) -> ImportCheck:
    """Check the file again with its offers locked (id order) and apply every change, or none."""
    ensure_shop_may_change_offers(vendor)
    first = check_import(vendor.id, text)
    if not first.ok:
        return first
    db.session.scalars(select(Offer).where(Offer.id.in_(first.offer_ids)).order_by(Offer.id).with_for_update()
                       .execution_options(populate_existing=True)).all()
    check = check_import(vendor.id, text)  # the file's rows against its offers as they are now, locked
    if not check.ok:
        return check
    for change in check.changes:
        for name, value in change.after.items():
            setattr(change.offer, name, parse_snapshot(name, value))
    db.session.flush()
    for change in check.changes:
        record_change("offer.import", change.offer, change.before, change.after, actor=actor)
    announce(offer_changed, offer_ids=[change.offer.id for change in check.changes],
             product_ids=[change.offer.variant.product_id for change in check.changes], change="edited")
    return check


def parse_snapshot(name: str, value):
    """A value as the audit snapshot keeps it, back to the column's type."""
    if value is None or name == "is_active":
        return value
    return int(value) if name == "stock" else parse_amount(value)
