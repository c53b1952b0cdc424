"""Which sources are Wikipedia or a copy of it ("mirrors"), so that the share of facts resting
on at least one other source (an official site, a news agency, a book) can be reported.

A source is a mirror when its address is on a Wikipedia domain, when its title or publisher
says it is Wikipedia or a copy of it (curators record "copy of en.wikipedia", "Kiwix mirror"),
or when it is on a host known to republish Wikipedia. Copies of news reports or documents
(a TASS report reposted elsewhere, Wikisource's text of a treaty) are not mirrors.

>>> is_mirror("https://en.wikipedia.org/wiki/Astana")
True
>>> is_mirror("https://piglix.com/w/Boris_Yeltsin", "Boris Yeltsin", "piglix.com")
True
>>> is_mirror("https://tass.com/politics/1", "CIS summit in Astana", "TASS")
False
"""

from __future__ import annotations

from urllib.parse import urlparse

#: Hosts that republish Wikipedia whatever the title says.
MIRROR_HOSTS = ("wikipedia.org", "wikimili.com", "wikiwand.com", "piglix.com", "kiwix",
                "wiki7.org", "worddisk.com", "clateway.com", "academic.ru", "academic.com",
                "owiki.org", "wikizero", "wiki2.org", "ruwiki.ru", "kfd.me", "datana.cloud",
                "wikien4.appspot.com", "askwikinow.com", "everything.explained.today",
                "thefreedictionary.com", "howlingpixel.com", "wikiland.org", "wikiclassic.com",
                "liquisearch.com", "theinfolist.com", "kiddle.co", "kidzsearch.com")
#: Words in a title or publisher by which curators mark a copy of Wikipedia.
MIRROR_MARKS = ("wikipedia", "wiki copy", "wiki mirror", "kiwix")
#: Wiki-named hosts that are not copies of Wikipedia.
NOT_MIRRORS = ("wikisource.org", "wikileaks")


def is_mirror(url: str, title: str = "", publisher: str = "") -> bool:
    """True when the source is Wikipedia or a copy of it."""
    host = (urlparse(url).hostname or "").lower()
    if any(h in host for h in NOT_MIRRORS):
        return False
    if any(h in host for h in MIRROR_HOSTS):
        return True
    text = f"{title} {publisher}".lower()
    return any(mark in text for mark in MIRROR_MARKS)
