"""Dates as precise as their source: a day, a month or only a year.

A curator writes ``1993-12-24``, ``1993-12`` or ``1993``. The graph stores a full ``xsd:date``
(the first day of the month or year) plus a precision flag, because comparing an ``xsd:gYear``
with an ``xsd:date`` in a SPARQL FILTER silently evaluates to false.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
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


def as_date(value: str | date) -> date:
    """Accept an ISO string or a ``datetime.date`` (the library's date arguments)."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"bad date {value!r}: expected YYYY-MM-DD or a datetime.date") from None
