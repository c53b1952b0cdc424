"""Finding entities by the names people use: ids, labels and aliases in any language, ISO
3166-1 alpha-2 codes, Wikidata ids, surnames, and Russian case forms.

Names resolve in tiers, and the first tier that finds anything decides: a full name or id
beats a Russian case form of one, which beats a surname. Within a tier, two entities found
is an ambiguity, and the caller may break it by date (``KnowledgeGraph.entity(..., at=)``).
"""

from __future__ import annotations

import difflib
import itertools
import re
from collections import defaultdict
from collections.abc import Iterable

#: Russian case endings and the dictionary endings they may come from. Generating these
#: candidates for the few words of a look-up is cheap; a candidate counts only if it is
#: exactly some entity's name, so a wrong guess finds nothing rather than something else.
_RU_ENDINGS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ией", ("ия",)), ("ии", ("ия",)), ("ию", ("ия",)),
    ("ого", ("ий", "ый", "ой")), ("ому", ("ий", "ый", "ой")), ("ым", ("", "ый", "ий")),
    ("ом", ("",)), ("ем", ("", "ь", "й")), ("ой", ("а", "")), ("ей", ("я", "ь")),
    ("ою", ("а",)), ("ы", ("а",)), ("и", ("а", "я", "ь")), ("е", ("а", "я", "")),
    ("у", ("", "а")), ("ю", ("я", "ь")), ("а", ("",)), ("я", ("ь", "й")),
)
_CYRILLIC = re.compile(r"[а-яё]")
_RU_PREPOSITIONS = {"в", "во", "на", "с", "со", "из", "к", "ко", "о", "об", "от", "у", "для",
                    "при", "по", "до", "за"}


def normalize(text: str) -> str:
    """Case-folded, ё as е, runs of white space as one space."""
    return " ".join(text.casefold().replace("ё", "е").split())


def russian_dictionary_forms(text: str) -> set[str]:
    """Candidate dictionary forms of a (normalized) Russian phrase, itself excluded.

    >>> sorted(russian_dictionary_forms("казахстаном"))
    ['казахстан']
    >>> "россия" in russian_dictionary_forms("россии")
    True
    """
    words = text.split()
    if len(words) > 1 and words[0] in _RU_PREPOSITIONS:
        return {text[len(words[0]) + 1:]} | russian_dictionary_forms(text[len(words[0]) + 1:])
    if not words or not any(_CYRILLIC.search(w) for w in words) or len(words) > 3:
        return set()
    options = []
    for word in words:
        forms = {word}
        if _CYRILLIC.search(word):
            for ending, replacements in _RU_ENDINGS:
                if word.endswith(ending) and len(word) - len(ending) >= 2:
                    forms.update(word[: -len(ending)] + r for r in replacements)
        options.append(sorted(forms))
    return {" ".join(combo) for combo in itertools.product(*options)} - {text}


def surname(name: str) -> str | None:
    """The family name in a person's full name: the last word (in Chinese, after the last
    interpunct), or None for a one-word name.

    >>> surname("Nursultan Nazarbayev"), surname("弗拉基米尔·普京"), surname("Elbasy")
    ('Nazarbayev', '普京', None)
    """
    if "·" in name:
        return name.rsplit("·", 1)[1].strip() or None
    words = name.split()
    return words[-1] if len(words) > 1 else None


class NameIndex:
    """Names -> the IRIs of the entities they name."""

    def __init__(self) -> None:
        self._names: dict[str, set[str]] = defaultdict(set)
        self._surnames: dict[str, set[str]] = defaultdict(set)
        self._shown: dict[str, set[tuple[str, str]]] = defaultdict(set)  # key -> (iri, name)

    def add(self, iri: str, names: Iterable[str], surnames: Iterable[str] = ()) -> None:
        for name in names:
            key = normalize(name)
            if key:
                self._names[key].add(iri)
                self._shown[key].add((iri, name))
        for name in surnames:
            key = normalize(name)
            if key:
                self._surnames[key].add(iri)
                self._shown[key].add((iri, name))

    def find(self, ref: str) -> tuple[set[str], str]:
        """The IRIs ``ref`` names in the first tier that names any, and that tier's name:
        ``name``, ``Russian case form``, ``surname``; (empty set, "") if none does."""
        key = normalize(ref)
        if key in self._names:
            return set(self._names[key]), "name"
        forms = russian_dictionary_forms(key)
        found = set().union(*(self._names.get(f, set()) for f in forms)) if forms else set()
        if found:
            return found, "Russian case form"
        if key in self._surnames:
            return set(self._surnames[key]), "surname"
        found = set().union(*(self._surnames.get(f, set()) for f in forms)) if forms else set()
        return (found, "surname") if found else (set(), "")

    def near(self, ref: str, n: int = 5) -> set[str]:
        """IRIs whose names look like ``ref`` (for "did you mean")."""
        keys = difflib.get_close_matches(normalize(ref), list(self._names), n=n, cutoff=0.6)
        return {iri for key in keys for iri in self._names[key]}

    def search(self, text: str) -> list[tuple[str, str, int]]:
        """(iri, the name that matched, rank) for every name containing ``text``; rank 0 is an
        exact name, 1 a name starting with it, 2 a name containing it."""
        key = normalize(text)
        if not key:
            return []
        best: dict[str, tuple[int, str]] = {}
        for name_key, shown in self._shown.items():
            if key not in name_key:
                continue
            rank = 0 if name_key == key else 1 if name_key.startswith(key) else 2
            for iri, name in shown:
                if iri not in best or (rank, name) < best[iri]:
                    best[iri] = (rank, name)
        return [(iri, name, rank) for iri, (rank, name) in best.items()]
