from datetime import date

import pytest

from kg.dates import PartialDate, as_date


@pytest.mark.parametrize(("text", "value", "precision"), [
    ("1993-12-24", date(1993, 12, 24), "day"),
    ("1993-12", date(1993, 12, 1), "month"),
    ("1993", date(1993, 1, 1), "year"),
])
def test_partial_dates_keep_their_precision(text, value, precision):
    parsed = PartialDate.parse(text)
    assert (parsed.value, parsed.precision, str(parsed)) == (value, precision, text)


@pytest.mark.parametrize(("text", "reason"), [
    ("2022-02-30", "day is out of range"),
    ("24.12.1993", "write YYYY-MM-DD"),
    ("1993-13", "month must be in 1..12"),
])
def test_bad_dates_say_why(text, reason):
    with pytest.raises(ValueError, match=reason):
        PartialDate.parse(text)


def test_library_dates_accept_strings_and_dates():
    assert as_date("2010-01-01") == as_date(date(2010, 1, 1)) == date(2010, 1, 1)
    with pytest.raises(ValueError, match="expected YYYY-MM-DD"):
        as_date("1 Jan 2010")
