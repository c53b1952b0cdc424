"""Russian case forms of the graph's names, generated from the names (never by lemmatising
the text): people through pytrovich (a surname's dictionary form is not a surname: a
lemmatiser turns Токаеву into "токай"), everything else through pymorphy3, inflecting the
words up to the first noun (adjectives agree with it) and leaving the rest as written
("Организация Договора о коллективной безопасности" -> "Организации Договора о ...").
"""

from __future__ import annotations

from functools import cache

CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


@cache
def _morph():
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


@cache
def _petrovich():
    from pytrovich.detector import PetrovichGenderDetector
    from pytrovich.maker import PetrovichDeclinationMaker

    return PetrovichDeclinationMaker(), PetrovichGenderDetector()


def _petrovich_cases():
    from pytrovich.enums import Case

    return (Case.GENITIVE, Case.DATIVE, Case.ACCUSATIVE, Case.INSTRUMENTAL,
            Case.PREPOSITIONAL)


def _inflect_part(maker, part, gender, word: str) -> set[str]:
    forms = {word}
    for case in _petrovich_cases():
        try:
            forms.add(maker.make(part, gender, case, word))
        except Exception:  # pytrovich raises on words it has no rule for
            continue
    return forms


@cache
def person_forms(name: str) -> frozenset[str]:
    """Every case form of a person's name: one word is a surname; two are first name and
    surname; three are first name, patronymic, surname.

    >>> sorted(person_forms("Токаев"))
    ['Токаев', 'Токаева', 'Токаеве', 'Токаевой', 'Токаеву', 'Токаевым']
    """
    from pytrovich.enums import Gender, NamePart

    maker, detector = _petrovich()
    words = name.split()
    gender = Gender.MALE
    if len(words) >= 2:
        try:
            gender = detector.detect(firstname=words[0])
        except Exception:
            gender = Gender.MALE
        if gender not in (Gender.MALE, Gender.FEMALE):
            gender = Gender.MALE
    if len(words) == 1:
        return frozenset(_inflect_part(maker, NamePart.LASTNAME, gender, words[0]))
    parts = [NamePart.FIRSTNAME] + [NamePart.MIDDLENAME] * (len(words) - 2) + [NamePart.LASTNAME]
    forms = set()
    for case in (None, *_petrovich_cases()):
        out = []
        for part, word in zip(parts, words, strict=True):
            if case is None:
                out.append(word)
                continue
            try:
                out.append("-".join(maker.make(part, gender, case, w) for w in word.split("-")))
            except Exception:
                out.append(word)
        forms.add(" ".join(out))
    return frozenset(forms)


def _inflect_word(word: str, case: str, agree_with=None) -> str | None:
    parses = _morph().parse(word)
    if not parses:
        return None
    best = parses[0]
    grammemes = {case}
    if "plur" in best.tag:
        grammemes.add("plur")
    if agree_with is not None and best.tag.POS in ("ADJF", "PRTF"):
        grammemes = {case, agree_with.tag.number or "sing"}
        if agree_with.tag.number != "plur" and agree_with.tag.gender:
            grammemes.add(agree_with.tag.gender)
        if case == "accs" and agree_with.tag.animacy:
            grammemes.add(agree_with.tag.animacy)
    inflected = best.inflect(grammemes)
    if inflected is None:
        return None
    out = inflected.word
    return out[0].upper() + out[1:] if word[:1].isupper() else out


@cache
def name_forms(name: str) -> frozenset[str]:
    """Every case form of a state's, organization's or place's name.

    >>> sorted(name_forms("Казахстан"))[:3]
    ['Казахстан', 'Казахстана', 'Казахстане']
    """
    words = name.split()
    if not words or any(w.isupper() and len(w) > 1 for w in words):
        return frozenset({name})  # an abbreviation (СНГ, ОДКБ) does not inflect
    morph = _morph()
    head = None
    for i, word in enumerate(words):
        parse = morph.parse(word)[0] if "-" not in word else None
        if parse is not None and parse.tag.POS == "NOUN":
            head = i
            break
    if head is None:
        head = len(words) - 1
    head_parse = morph.parse(words[head])[0]
    forms = {name}
    for case in CASES[1:]:
        out = []
        ok = True
        for i, word in enumerate(words):
            if i > head:
                out.append(word)
                continue
            pieces = word.split("-")
            # Санкт-Петербург: only the last piece inflects
            inflected = _inflect_word(pieces[-1], case, None if i == head else head_parse)
            if inflected is None:
                ok = False
                break
            out.append("-".join([*pieces[:-1], inflected]))
        if ok:
            forms.add(" ".join(out))
    return frozenset(forms)


#: the words of Russian titles, in every case
TITLE_WORDS = {
    "president": ("президент", "президента", "президенту", "президентом", "президенте"),
    "prime minister": ("премьер-министр", "премьер-министра", "премьер-министру",
                       "премьер-министром", "премьер-министре", "премьер", "премьера",
                       "премьеру", "премьером", "премьере"),
    "leader": ("глава", "главы", "главе", "главу", "главой", "лидер", "лидера", "лидеру",
               "лидером", "лидере"),
}


def genitive_forms(name: str) -> set[str]:
    """The genitive of a name (Казахстан -> Казахстана), for titles."""
    words = name.split()
    if any(w.isupper() and len(w) > 1 for w in words):
        return {name}
    out = {f for f in name_forms(name) if _is_genitive(f, name)}
    return out or {name}


def _is_genitive(form: str, name: str) -> bool:
    words = name.split()
    head = words[0].split("-")[-1]
    first = form.split()[0].split("-")[-1]
    inflected = _inflect_word(head, "gent")
    return inflected is not None and inflected.casefold() == first.casefold()
