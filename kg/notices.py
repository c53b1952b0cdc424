"""Warnings that travel with an answer: what the library assumed, or why an answer may be
empty for a reason other than "none".

They are ordinary Python warnings (``warnings.catch_warnings`` collects them; the CLI prints
each as a ``kg: note:`` line on standard error), so a notebook shows them under the cell.
"""

from __future__ import annotations

import warnings


class KGWarning(UserWarning):
    """Something the reader of an answer should know about it."""


class DefaultUsedWarning(KGWarning):
    """A parameter was not given and the documented default (e.g. today) was used."""


class OutsideDataWarning(KGWarning):
    """The day asked about lies outside what the graph can answer for: before the
    organization or state existed, or after the data's as-of date."""


def notice(message: str, category: type[KGWarning], stacklevel: int = 3) -> None:
    warnings.warn(message, category, stacklevel=stacklevel)
