"""Dates as precise as their source: a day, a month or only a year.

A curator writes ``1993-12-24``, ``1993-12`` or ``1993``. The graph stores a full ``xsd:date``
(the first day of the month or year) plus a precision flag, because comparing an ``xsd:gYear``
with an ``xsd:date`` in a SPARQL FILTER silently evaluates to false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

Precision = Literal["day", "month", "year"]

_PATTERN = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date with the precision its source gives.

    >>> PartialDate.parse("1993-12")
    PartialDate(value=datetime.date(1993, 12, 1), precision='month')
    >>> str(PartialDate.parse("1993"))
    '1993'
    """

    value: date
    precision: Precision

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``; raise ValueError saying what is wrong."""
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"bad date {text!r}: write YYYY-MM-DD, YYYY-MM or YYYY")
        year, month, day = match.groups()
        try:
            value = date(int(year), int(month or 1), int(day or 1))
        except ValueError as err:
            raise ValueError(f"bad date {text!r}: {err}") from None
        precision: Precision = "day" if day else "month" if month else "year"
        return cls(value, precision)

    def __str__(self) -> str:
        iso = self.value.isoformat()
        return {"day": iso, "month": iso[:7], "year": iso[:4]}[self.precision]


def as_date(value: object) -> date:
    """A day from any of the date forms analysts pass around.

    Accepts ``datetime.date``, ``datetime.datetime`` (its day; the time is dropped),
    pandas ``Timestamp``, numpy ``datetime64`` and ISO strings (``YYYY-MM-DD``, or a full
    ISO timestamp). Anything else raises: a ``TypeError`` for the wrong kind of value, a
    ``ValueError`` for text that is not a day, never a silently wrong date.

    >>> from datetime import datetime
    >>> as_date(datetime(2010, 1, 1, 12, 30)), as_date("2010-01-01")
    (datetime.date(2010, 1, 1), datetime.date(2010, 1, 1))
    """
    if isinstance(value, datetime):  # pandas.Timestamp is a datetime too
        if getattr(value, "tzinfo", None) is not None:
            value = value.astimezone(UTC)
        return date(value.year, value.month, value.day)
    if isinstance(value, date):
        return value
    if type(value).__name__ == "datetime64":  # numpy, without importing it
        text = str(value)
        if text == "NaT":
            raise ValueError("bad date: numpy NaT (not a time) names no day")
        return as_date(text[:10])
    if isinstance(value, str):
        text = value.strip()
        try:
            if len(text) > 10:
                return as_date(datetime.fromisoformat(text))
            return date.fromisoformat(text)
        except ValueError:
            pass
        hint = ("; a day is needed here, e.g. 2010-01-01" if _PATTERN.match(text) else
                ": expected YYYY-MM-DD")
        raise ValueError(f"bad date {value!r}{hint}") from None
    if value is None or type(value).__name__ in ("NaTType", "NAType"):
        raise ValueError(f"bad date {value!r}: no day given")
    raise TypeError(f"bad date {value!r}: expected a date, datetime, pandas Timestamp, "
                    f"numpy datetime64 or YYYY-MM-DD string, not {type(value).__name__}")
