"""Read a news text against the graph: mentions, dates, the event it reports, and its
claims checked (``g.link(text, lang=None, date=None)``, ``kg link ARTICLE``).

Needs the ``link`` extra (``pip install "postsoviet-kg[link]"``): pyahocorasick, pymorphy3
with its Russian dictionaries, pytrovich, rapidfuzz and pypinyin. Nothing is downloaded at
run time."""

from __future__ import annotations

import re
import weakref
from dataclasses import dataclass, field
from datetime import date
from typing import Any

_NEEDED = ("ahocorasick", "pymorphy3", "pytrovich", "rapidfuzz", "pypinyin")
_MATCHERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


class MissingExtraError(ImportError):
    """The packages of the ``link`` extra are not installed."""


def require() -> None:
    """Raise MissingExtraError naming the extra when a package it needs is missing."""
    import importlib.util

    missing = [name for name in _NEEDED if importlib.util.find_spec(name) is None]
    if missing:
        raise MissingExtraError(
            f"reading the news needs {', '.join(missing)}: install the link extra, "
            '`pip install "postsoviet-kg[link]"`')


def matcher_for(graph):
    """The automaton and lexicon of ``graph``, built on first use and kept with it."""
    require()
    from .mentions import Matcher

    found = _MATCHERS.get(graph)
    if found is None:
        found = _MATCHERS[graph] = Matcher(graph)
    return found


def detect_language(text: str) -> str:
    """``zh``, ``ru`` or ``en``, by the script most of the letters are in."""
    han = len(re.findall(r"[\u4e00-\u9fff]", text))
    cyrillic = len(re.findall(r"[А-Яа-яЁё]", text))
    latin = len(re.findall(r"[A-Za-z]", text))
    if han and han * 3 >= cyrillic + latin:
        return "zh"
    return "ru" if cyrillic > latin else "en"


@dataclass
class LinkResult:
    """What :func:`link` found. ``to_dict()`` gives the JSON (mentions, dates, events,
    checks, plus unlinked, lang and date)."""

    text: str
    lang: str
    date: date | None
    mentions: list = field(default_factory=list)
    unlinked: list = field(default_factory=list)
    dates: list = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    checks: list[dict] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"lang": self.lang, "date": self.date.isoformat() if self.date else None,
                "mentions": [m.to_dict() for m in self.mentions],
                "unlinked": [m.to_dict() for m in self.unlinked],
                "dates": [d.to_dict() for d in self.dates],
                "events": self.events, "checks": self.checks}

    def to_json(self) -> str:
        import json

        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)

    def to_markdown(self) -> str:
        from .report import markdown

        return markdown(self)

    def to_html(self, graph=None) -> str:
        from .report import html

        return html(self, graph)


def link(graph, text: str, lang: str | None = None, date: Any = None) -> LinkResult:
    """Link ``text`` (Chinese, Russian or English) to ``graph``; ``date`` is the article's
    publication date (resolves "yesterday", dates without a year, and who held an office)."""
    from kg.dates import as_date

    from .claims import find_claims
    from .dates import find_dates
    from .events import rank_events
    from .mentions import find_mentions

    if lang in (None, "auto"):
        lang = detect_language(text)
    if lang not in ("zh", "ru", "en"):
        raise ValueError(f"unknown language {lang!r}: expected auto, zh, ru or en")
    matcher = matcher_for(graph)
    day = as_date(date) if date is not None else None
    dates = find_dates(text, day, lang)
    if day is None:  # without a publication date, the latest full date in the text
        full = [d.last for d in dates if d.first and d.how in ("absolute", "range")
                and d.precision == "day"]
        day_for_titles = max(full) if full else None
    else:
        day_for_titles = day
    mentions, unlinked = find_mentions(matcher, text, day_for_titles, lang)
    events = rank_events(matcher.data, mentions, dates, day_for_titles)
    checks = find_claims(matcher.data, text, lang, mentions, dates, events, day_for_titles)
    return LinkResult(text, lang, day, mentions, unlinked, dates, events, checks)
