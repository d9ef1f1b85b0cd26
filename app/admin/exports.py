"""CSV downloads of back-office tables."""
from __future__ import annotations

import csv
import io

from flask import Response

# A cell starting with one of these is a formula to spreadsheet programs: a shop named "=HYPERLINK(…)"
# must stay text when an admin opens the export.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_download(filename: str, header: list[str], rows) -> Response:
    """A UTF-8 CSV (with a byte-order mark, so spreadsheet programs read Arabic right) as an attachment."""
    buffer = io.StringIO()
    buffer.write("\ufeff")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    response = Response(buffer.getvalue(), mimetype="text/csv")
    response.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.headers["Cache-Control"] = "private, no-store"
    return response
