"""Reading what a request brings, where it enters: control characters dropped, whole numbers that fit
PostgreSQL's integer, amounts that fit a money column; anything else is unreadable input, never an exception
other than ValueError."""
from __future__ import annotations

from decimal import Decimal

import pytest
from werkzeug.datastructures import MultiDict

from app.core.input import CleanedMultiDict, database_id, without_control_characters
from app.core.money import read_amount


def test_control_characters_are_dropped_but_tabs_and_line_breaks_stay():
    assert without_control_characters("ab\x00c\x1bd\x7f\x85e") == "abcde"
    assert without_control_characters("line one\r\nline\ttwo") == "line one\r\nline\ttwo"
    assert without_control_characters("عود\u202e") == "عود\u202e"  # not a control character: bidi is another rule's


def test_request_values_are_cleaned_in_keys_and_values_and_repeated_keys_kept():
    values = CleanedMultiDict(MultiDict([("q\x00", "oud\x00"), ("brand", "a"), ("brand", "b\x00")]))
    assert values.to_dict(flat=False) == {"q": ["oud"], "brand": ["a", "b"]}


@pytest.mark.parametrize("text, number", [("42", 42), ("2147483647", 2**31 - 1), ("2147483648", None),
                                          ("9" * 40, None), ("-1", None), ("²", None), ("١٢", None), ("", None),
                                          (None, None), (" 7 ", 7)])
def test_a_database_id_fits_postgresqls_integer(text, number):
    assert database_id(text) == number


@pytest.mark.parametrize("text, default", [("9" * 40, 1), ("-" + "9" * 40, 1), ("abc", 1), ("12", 12)])
def test_a_whole_number_from_the_request_fits_the_database_or_is_the_default(text, default):
    assert CleanedMultiDict({"page": text}).get("page", 1, type=int) == default


@pytest.mark.parametrize("text, amount", [("249.5", Decimal("249.50")), ("٢٤٩٫٥", Decimal("249.50")),
                                          ("9999999999.99", Decimal("9999999999.99")), ("0", Decimal("0.00"))])
def test_an_amount_is_read_to_the_fils(text, amount):
    assert read_amount(text) == amount


@pytest.mark.parametrize("text", ["9" * 40, "10000000000", "1e999999", "NaN", "Infinity", "1.234", "", None,
                                  "abc", "1,5"])
def test_an_amount_that_is_no_amount_is_a_value_error(text):
    with pytest.raises(ValueError):
        read_amount(text)
