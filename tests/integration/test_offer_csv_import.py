"""Prices and stock in bulk by CSV: the download is the template (formulas defused), an upload is checked
row by row with the problems reported by row number, nothing is applied when any row is wrong, and a
correct file is applied in one transaction after the vendor confirms, one audit entry per changed offer."""
import csv
import html as entities
import io
import re
from decimal import Decimal

from sqlalchemy import func, select, update
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app.audit.models import AuditEntry
from app.catalog.models import Offer
from tests.backoffice import sign_in_as, text_of
from tests.conftest import csrf_token_from
from tests.offers import listing_refreshes, offer_world, set_vendor_status  # noqa: F401  (fixture)

HEADER = "sku,product,size,price,compare_at,stock,active\n"


def upload(client, content, name="offers.csv"):
    """POST the file to the check step; `content` is text (UTF-8) or bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    values = MultiDict({"csrf_token": csrf_token_from(client, "/vendor/offers/import")})
    values.add("file", FileStorage(io.BytesIO(data), filename=name))
    boundary, body = encode_multipart(values)
    return client.post("/vendor/offers/import", data=body, content_type=f"multipart/form-data; boundary={boundary}")


def confirm(client, response):
    """POST the confirmation form of a checked file (its text travels back in a hidden field)."""
    html = response.get_data(as_text=True)
    text = re.search(r'<input type="hidden" name="text" value="([^"]*)">', html).group(1)
    return client.post("/vendor/offers/import/apply", data={
        "text": entities.unescape(text), "csrf_token": csrf_token_from(client, "/vendor/offers/import")})


def prices(app, db, *offer_ids):
    with app.app_context():
        rows = db.session.execute(select(Offer.id, Offer.price, Offer.stock).where(Offer.id.in_(offer_ids)))
        return {offer_id: (price, stock) for offer_id, price, stock in rows}


def import_entries(app, db):
    with app.app_context():
        return db.session.scalars(select(AuditEntry).where(AuditEntry.action == "offer.import")
                                  .order_by(AuditEntry.subject_id)).all()


def test_the_download_is_every_offer_of_the_shop_with_formulas_defused(app, db, client, offer_world):
    with app.app_context():
        db.session.execute(update(Offer).where(Offer.id == offer_world.musk_paused).values(sku="=SUM(A1)"))
        db.session.commit()
    sign_in_as(client, offer_world.users["vendor"])
    response = client.get("/vendor/offers.csv")
    assert response.mimetype == "text/csv" and response.headers["Content-Disposition"].startswith("attachment")
    body = response.get_data(as_text=True)
    assert body.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(body.lstrip("\ufeff"))))
    assert rows[0] == ["sku", "product", "size", "price", "compare_at", "stock", "active"]
    assert sorted(row[0] for row in rows[1:]) == ["'=SUM(A1)", "AN-50", "RO-100"]  # never souq-b's B-1
    assert ["RO-100", "Royal Oud", "100 ml", "450.00", "", "5", "yes"] in rows
    assert ["'=SUM(A1)", "White Musk", "30 ml", "99.00", "", "40", "no"] in rows

    # the downloaded file, changed and uploaded again: the defused SKU is found
    changed = body.replace("99.00", "89.00")
    checked = upload(client, changed)
    assert checked.status_code == 200 and "1 offer will change" in text_of(checked)
    assert confirm(client, checked).status_code == 200
    assert prices(app, db, offer_world.musk_paused)[offer_world.musk_paused] == (Decimal("89.00"), 40)


def test_a_correct_file_is_shown_then_applied_in_one_go_with_an_audit_entry_per_offer(
        app, db, client, redis_client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    content = HEADER + ("RO-100,Royal Oud,100 ml,425.50,480,12,yes\n"
                        "AN-50,Amber Night,50 ml,320.00,,7,yes\n"
                        "MU-30,White Musk,30 ml,99.00,,40,no\n")
    checked = upload(client, content)
    page = text_of(checked)
    assert checked.status_code == 200 and "2 offers will change" in page and "1 row is as it was." in page
    assert "Apply 2 changes" in page and "AED 450.00" in page and "AED 425.50" in page
    assert prices(app, db, offer_world.royal_oud)[offer_world.royal_oud] == (Decimal("450.00"), 5)  # not yet

    applied = confirm(client, checked)
    assert applied.status_code == 200 and "2 offers changed." in text_of(applied)
    assert prices(app, db, offer_world.royal_oud, offer_world.amber_night) == {
        offer_world.royal_oud: (Decimal("425.50"), 12), offer_world.amber_night: (Decimal("320.00"), 7)}
    with app.app_context():
        royal = db.session.get(Offer, offer_world.royal_oud)
        assert royal.compare_at_price == Decimal("480.00") and royal.is_active
    entries = import_entries(app, db)
    assert [entry.subject_id for entry in entries] == [offer_world.royal_oud, offer_world.amber_night]
    assert entries[0].before == {"price": "450.00", "compare_at_price": None, "stock": 5}
    assert entries[0].after == {"price": "425.50", "compare_at_price": "480.00", "stock": 12}
    assert entries[0].actor_id == offer_world.users["vendor"].id
    assert listing_refreshes(redis_client, offer_world.royal_oud_product) == 1  # one job for both perfumes


def test_broken_rows_are_reported_by_row_number_and_nothing_is_applied(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    content = HEADER + ("RO-100,Royal Oud,100 ml,425.50,,12,yes\n"   # row 2: fine on its own
                        "NOPE-1,,,100,,1,yes\n"                     # row 3: unknown
                        "B-1,Royal Oud,100 ml,100,,1,yes\n"         # row 4: another shop's SKU
                        "AN-50,,,12.345,,1,yes\n"                   # row 5: three decimals
                        "MU-30,,,99,50,1,yes\n"                     # row 6: compare-at below the price
                        "\n"                                        # a blank line is skipped
                        "ro-100,,,10,,-3,maybe\n"                   # row 8: duplicate, negative stock, bad active
                        ",,,10,,1,yes\n")                           # row 9: no SKU
    response = upload(client, content)
    page = text_of(response)
    assert response.status_code == 422 and "Nothing was changed: 6 rows have problems." in page
    html = response.get_data(as_text=True)
    rows = {int(number): message for number, message in
            re.findall(r"<tr><td>(\d+)</td><td><bdi[^>]*>[^<]*</bdi></td><td>([^<]*)</td></tr>", html)}
    assert sorted(rows) == [3, 4, 5, 6, 8, 9]
    assert "None of your offers has this SKU." in rows[3] and "None of your offers has this SKU." in rows[4]
    assert "Enter a price in dirhams" in rows[5]
    assert "The earlier price must be above the price" in rows[6]
    assert "This SKU is also on row 2." in rows[8] and "whole number" in rows[8] and "yes or no" in rows[8]
    assert "The SKU is empty." in rows[9]
    assert "Apply" not in page
    assert prices(app, db, offer_world.royal_oud)[offer_world.royal_oud] == (Decimal("450.00"), 5)
    assert import_entries(app, db) == []


def test_excel_files_with_a_byte_order_mark_semicolons_and_arabic_digits_are_read(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    content = "\ufeffSKU;Price;Stock\r\nRO-100;٤٠٠٫٥;٣\r\nAN-50;320;9\r\n"
    checked = upload(client, content.encode("utf-8"))
    assert checked.status_code == 200 and "2 offers will change" in text_of(checked)
    assert confirm(client, checked).status_code == 200
    assert prices(app, db, offer_world.royal_oud, offer_world.amber_night) == {
        offer_world.royal_oud: (Decimal("400.50"), 3), offer_world.amber_night: (Decimal("320.00"), 9)}
    with app.app_context():  # columns the file lacks stay as they were
        assert db.session.get(Offer, offer_world.musk_paused).is_active is False


def test_files_that_cannot_be_read_are_refused_with_the_reason(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    cases = [
        (HEADER, "offers.xlsx", "This is not a CSV file."),
        (b"PK\x03\x04\x00\x00binary", "offers.csv", "This is not a CSV file."),
        ("sku,price,stock\nRO-100,1,1\n".encode("utf-16"), "offers.csv", "This is not a CSV file."),
        ("sku,product,price,stock\nRO-100,عود,1,1\n".encode("cp1256"), "offers.csv", "The file is not in UTF-8."),
        ("", "offers.csv", "The file is empty."),
        ("sku,product,price\nRO-100,x,1\n", "offers.csv", "The file lacks the columns stock."),
        (HEADER + "RO-100,,,1,,1,yes\n" * 25_000, "offers.csv", "The file is larger than 400 KB."),
        (HEADER + "RO-100,,,1,,1,yes\n" * 5_001, "offers.csv", "The file has more than 5000 rows."),
    ]
    for content, name, message in cases:
        response = upload(client, content, name)
        assert response.status_code == 422, (name, message)
        assert message in text_of(response), (name, message)
    missing = client.post("/vendor/offers/import", data={"csrf_token": csrf_token_from(client, "/vendor/offers/import")})
    assert missing.status_code == 422 and "Choose the CSV file to upload." in text_of(missing)
    assert client.post("/vendor/offers/import", data={}).status_code == 400  # no CSRF token
    assert import_entries(app, db) == []


def test_a_file_that_went_wrong_between_check_and_confirmation_changes_nothing(app, db, client, offer_world):
    sign_in_as(client, offer_world.users["vendor"])
    checked = upload(client, HEADER + "RO-100,,,425,,12,yes\nAN-50,,,300,,2,yes\n")
    assert checked.status_code == 200
    with app.app_context():  # meanwhile the vendor renamed one SKU in the table
        db.session.execute(update(Offer).where(Offer.id == offer_world.amber_night).values(sku="AN-50-OLD"))
        db.session.commit()
    applied = confirm(client, checked)
    assert applied.status_code == 422 and "Nothing was changed: 1 row has a problem." in text_of(applied)
    assert prices(app, db, offer_world.royal_oud)[offer_world.royal_oud] == (Decimal("450.00"), 5)
    assert import_entries(app, db) == []
    tampered = client.post("/vendor/offers/import/apply", data={
        "text": "sku,price,stock\nB-1,1,1\n", "csrf_token": csrf_token_from(client, "/vendor/offers/import")})
    assert tampered.status_code == 422 and prices(app, db, offer_world.others_offer)[offer_world.others_offer][0] == Decimal("500.00")


def test_a_suspended_shop_cannot_upload(app, db, client, offer_world):
    set_vendor_status(app, db, offer_world.own_vendor, "suspended")
    sign_in_as(client, offer_world.users["vendor"])
    assert upload(client, HEADER + "RO-100,,,425,,12,yes\n").status_code == 303
    applied = client.post("/vendor/offers/import/apply", data={
        "text": "sku,price,stock\nRO-100,1,1\n", "csrf_token": csrf_token_from(client, "/vendor/offers/import")})
    assert applied.status_code == 303
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(AuditEntry)) == 0
    assert prices(app, db, offer_world.royal_oud)[offer_world.royal_oud] == (Decimal("450.00"), 5)
