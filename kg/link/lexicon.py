"""The surface forms of the graph's entities, built once per graph from its public API:
labels and aliases in every language, English spelling variants, Russian case forms,
surnames, titles of office (resolved to the holder on the article's date), demonyms with
"leader", capitals, and a few press forms the graph's aliases lack."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from kg.names import surname

from . import russian

#: English demonyms of the states the press names by them
DEMONYMS = {
    "ARM": ("Armenian",), "AZE": ("Azerbaijani", "Azeri"), "BLR": ("Belarusian", "Belarussian"),
    "KAZ": ("Kazakh", "Kazakhstani"), "KGZ": ("Kyrgyz", "Kirghiz"), "RUS": ("Russian",),
    "TJK": ("Tajik", "Tajikistani"), "TKM": ("Turkmen",), "UZB": ("Uzbek",),
    "MDA": ("Moldovan",), "GEO": ("Georgian",), "UKR": ("Ukrainian",), "CHN": ("Chinese",),
    "TUR": ("Turkish",), "IRN": ("Iranian",), "USA": ("American", "US", "U.S."),
}

#: forms the press uses that the graph's aliases lack: (id, lang, form)
PRESS_FORMS = (
    ("saint-petersburg", "en", "St Petersburg"), ("saint-petersburg", "en", "St. Petersburg"),
    ("saint-petersburg", "ru", "Петербург"), ("saint-petersburg", "ru", "Санкт-Петербург"),
    ("CIS", "ru", "Содружество Независимых Государств"), ("CIS", "zh", "独立国家联合体"),
    ("CSTO", "ru", "Организация договора о коллективной безопасности"),
    ("CSTO", "en", "Collective Security Treaty Organisation"),
    ("EAEU", "ru", "Евразийский экономический союз"),
    ("EAEU", "zh", "欧亚经济联盟"),
    ("EAP", "zh", "东方伙伴计划"), ("EAEU", "zh", "欧亚联盟"),
    ("KGZ", "ru", "Кыргызстан"), ("MDA", "ru", "Молдавия"),
    ("TKM", "ru", "Туркмения"),
)

#: press forms that name the entity only when written with a capital (Содружество: the CIS)
CASED_PRESS_FORMS = (("CIS", "ru", "Содружество"), ("CIS", "en", "Commonwealth"),
                     ("RUS", "ru", "РФ"))

#: the kinds of form that are proper names: in Latin or Cyrillic script they match only a word
#: written with a capital (Turkey, not turkey; Мир is not a name here anyway)
_PROPER = {"name", "alias", "press form", "case form", "spelling variant", "surname"}

_HEAD_TITLES_EN = ("leader", "head of state")
_TITLE_EN = {"president": "President", "prime minister": "Prime Minister"}
_TITLE_ZH = {"president": "总统", "prime minister": "总理"}
#: Russian adjectives of the states, for titles (армянский премьер, белорусский лидер)
DEMONYMS_RU = {"ARM": "армянск", "AZE": "азербайджанск", "BLR": "белорусск", "KAZ": "казахстанск",
               "KGZ": "киргизск", "RUS": "российск", "TJK": "таджикск", "TKM": "туркменск",
               "UZB": "узбекск", "MDA": "молдавск", "GEO": "грузинск", "UKR": "украинск"}
_RU_ADJ_ENDINGS = ("ий", "ого", "ому", "им", "ом")
_CAPITAL_RU = ("столица", "столицы", "столице", "столицу", "столицей")
_LATIN_VARIANTS = (("aleksandr", "alexander"), ("alexander", "aleksandr"),
                   ("alexandr", "alexander"), ("berdimuhamedow", "berdimuhamedov"),
                   ("rahmon", "rakhmon"), ("japarov", "zhaparov"), ("tokayev", "tokaev"),
                   ("mirziyoyev", "mirziyoev"), ("aliyev", "aliev"))
_HAN = re.compile(r"[\u4e00-\u9fff]")
_CYR = re.compile(r"[А-Яа-яЁё]")


@dataclass(frozen=True)
class Form:
    """One surface form: the ids it may name (several for a shared surname), how it was
    made, and for a title the post or state whose holder it names."""

    text: str
    ids: tuple[str, ...]
    how: str           # name, alias, case form, surname, title, leader, capital, press form
    lang: str
    post: str | None = None       # a title: the post
    state: str | None = None      # a leader or capital: the state
    exact_case: bool = False      # an acronym matches only as written
    cased: str | None = None      # ... as this text
    capital: bool = False         # a proper name written with a capital: only so in the text


def fold(text: str) -> str:
    """Lower case and ё as е, character by character, so offsets do not move."""
    out = []
    for ch in text:
        low = ch.lower()
        out.append(low if len(low) == 1 else ch)
    return "".join(out).replace("ё", "е")


def _script(text: str) -> str:
    if _HAN.search(text):
        return "zh"
    if _CYR.search(text):
        return "ru"
    return "en"


def build_forms(graph) -> tuple[list[Form], dict]:
    """Every surface form of the graph's states, organizations, people and places, and the
    facts the resolver needs (posts, capitals, tenures)."""
    forms: list[Form] = []

    def add(text: str, ident: str, how: str, lang: str | None = None, **kw) -> None:
        text = text.strip()
        if not text or (len(text) == 1) or (_HAN.search(text) and len(text) < 2):
            return
        letters = [c for c in text if c.isalpha()]
        exact = len(text) <= 5 and bool(letters) and all(c.isupper() for c in letters)
        cased = kw.pop("cased", False)
        exact = exact or cased
        capital = how in _PROPER and text[:1].isupper() and text[:1].lower() != text[:1]
        forms.append(Form(text, (ident,), how, lang or _script(text), exact_case=exact,
                          cased=text if exact else None, capital=capital, **kw))

    entities = {}
    for kind in ("state", "organization", "person", "place"):
        for entity in graph.entities(kind):
            entities[entity.id] = entity
            names = [(lang, name, "name") for lang, name in entity.labels.items()]
            names += [(a.lang, str(a), "alias") for a in entity.aliases]
            for lang, name, how in names:
                if _HAN.search(name) and len(name) == 1:
                    continue  # one-character forms only in fixed patterns (chinese.py)
                add(name, entity.id, how, lang)
                script = _script(name)
                if script == "en":
                    low = name.lower()
                    for a, b in _LATIN_VARIANTS:
                        if a in low:
                            i = low.index(a)
                            variant = name[:i] + b.capitalize() + name[i + len(a):] \
                                if name[i:i + 1].isupper() else name[:i] + b + name[i + len(a):]
                            add(variant, entity.id, "spelling variant", "en")
                if script == "ru":
                    generated = (russian.person_forms(name) if kind == "person"
                                 else russian.name_forms(name))
                    for form in generated:
                        if form != name:
                            add(form, entity.id, "case form", "ru")
                if kind == "person" and how == "name":
                    family = surname(name)
                    if (family and script != "zh") or (family and _HAN.search(family)):
                        add(family, entity.id, "surname", lang)
                        if script == "ru":
                            for form in russian.person_forms(family):
                                add(form, entity.id, "surname", "ru")
    for ident, lang, name in CASED_PRESS_FORMS:
        for form in (russian.name_forms(name) if lang == "ru" else {name}):
            add(form, ident, "press form", lang, cased=True)
    for ident, lang, name in PRESS_FORMS:
        if ident in entities:
            add(name, ident, "press form", lang)
            if lang == "ru":
                for form in russian.name_forms(name):
                    add(form, ident, "press form", "ru")

    facts = _facts(graph)
    states = {e.id: e for e in graph.entities("state")}

    def state_names(sid: str, lang: str) -> list[str]:
        e = states[sid]
        out = [e.labels[lang]] if lang in e.labels else []
        out += [str(a) for a in e.aliases if a.lang == lang]
        out += [name for ident, form_lang, name in CASED_PRESS_FORMS
                if ident == sid and form_lang == lang]
        return [n for n in out if len(n) > 1 and (lang != "en" or not n.isupper())]

    for post, (sid, _head) in facts["posts"].items():
        kind = "president" if post.startswith("president-of") else (
            "prime minister" if post.startswith("prime-minister-of") else None)
        post_entity = graph.entity(post)
        for lang, label in post_entity.labels.items():
            add(label, post, "title", lang, post=post)
            if lang == "ru":
                for form in russian.name_forms(label):
                    add(form, post, "title", "ru", post=post)
        if kind is None or sid not in states:
            continue
        for name in state_names(sid, "en"):
            add(f"{_TITLE_EN[kind]} of {name}", post, "title", "en", post=post)
        for dem in DEMONYMS.get(sid, ()):
            add(f"{dem} {_TITLE_EN[kind]}", post, "title", "en", post=post)
        for name in state_names(sid, "en"):
            for apostrophe in ("'", "’"):
                add(f"{name}{apostrophe}s {_TITLE_EN[kind]}", post, "title", "en", post=post)
        for name in state_names(sid, "zh"):
            add(name + _TITLE_ZH[kind], post, "title", "zh", post=post)
        for name in state_names(sid, "ru"):
            for gen in russian.genitive_forms(name):
                for word in russian.TITLE_WORDS[kind]:
                    add(f"{word} {gen}", post, "title", "ru", post=post)
        if sid in DEMONYMS_RU:
            words = russian.TITLE_WORDS[kind]
            for i, word in enumerate(words):  # five cases per word: nom, gen, dat, ins, loc
                ending = _RU_ADJ_ENDINGS[i % 5]
                add(f"{DEMONYMS_RU[sid]}{ending} {word}", post, "title", "ru", post=post)
    for sid in facts["head_posts"]:
        for dem in DEMONYMS.get(sid, ()):
            for title in _HEAD_TITLES_EN:
                add(f"{dem} {title}", sid, "leader", "en", state=sid)
        for name in state_names(sid, "en"):
            add(f"leader of {name}", sid, "leader", "en", state=sid)
        for name in state_names(sid, "ru"):
            for gen in russian.genitive_forms(name):
                for word in russian.TITLE_WORDS["leader"]:
                    add(f"{word} {gen}", sid, "leader", "ru", state=sid)
    for sid, city in facts["capitals"].items():
        for dem in DEMONYMS.get(sid, ()):
            add(f"{dem} capital", city, "capital", "en", state=sid)
        for name in state_names(sid, "en"):
            add(f"capital of {name}", city, "capital", "en", state=sid)
        for name in state_names(sid, "ru"):
            for gen in russian.genitive_forms(name):
                for word in _CAPITAL_RU:
                    add(f"{word} {gen}", city, "capital", "ru", state=sid)
    return _merge(forms), {**facts, "entities": entities}


def _cache_dir():
    import os
    from pathlib import Path

    folder = os.environ.get("KG_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"),
        "postsoviet-kg")
    return Path(folder)


def _fingerprint(graph) -> str:
    """What the forms are made from: every entity's names, and this code."""
    import hashlib
    from pathlib import Path

    digest = hashlib.sha256()
    for entity in graph.entities():
        digest.update(repr((entity.id, entity.type, sorted(entity.labels.items()),
                            sorted((a.lang, str(a)) for a in entity.aliases))).encode())
    here = Path(__file__).parent
    for name in ("lexicon.py", "russian.py"):
        digest.update((here / name).read_bytes())
    return digest.hexdigest()[:32]


def cached_forms(graph) -> tuple[list[Form], dict]:
    """:func:`build_forms`, kept on disk (``$KG_CACHE_DIR``, else ``~/.cache/postsoviet-kg``)
    keyed by the graph's names and this code, so a new process does not inflect every name
    again. A cache that cannot be read or written is only skipped."""
    import pickle

    facts = _facts(graph)
    entities = {e.id: e for kind in ("state", "organization", "person", "place")
                for e in graph.entities(kind)}
    path = _cache_dir() / f"forms-{_fingerprint(graph)}.pickle"
    try:
        with open(path, "rb") as handle:
            forms = [Form(*row) for row in pickle.load(handle)]
        return forms, {**facts, "entities": entities}
    except (OSError, pickle.PickleError, EOFError, TypeError, ValueError):
        pass
    forms, built = build_forms(graph)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_suffix(".tmp")
        with open(temporary, "wb") as handle:
            pickle.dump([tuple(vars(f).values()) for f in forms], handle)
        temporary.replace(path)
    except OSError:
        pass
    return forms, built


def _merge(forms: list[Form]) -> list[Form]:
    """One Form per (folded text, how, post, state); a text shared by several entities keeps
    them all; a name beats a surname for the same text."""
    rank = {"name": 0, "alias": 1, "press form": 1, "title": 1, "leader": 1, "capital": 1,
            "case form": 2, "spelling variant": 2, "surname": 3}
    best: dict[str, list[Form]] = defaultdict(list)
    for form in forms:
        best[fold(form.text)].append(form)
    merged = []
    for key, group in best.items():
        top = min(rank.get(f.how, 5) for f in group)
        group = [f for f in group if rank.get(f.how, 5) == top]
        ids = tuple(sorted({i for f in group for i in f.ids}))
        first = group[0]
        exact = all(f.exact_case for f in group)
        cased = next((f.cased for f in group if f.cased), None) if exact else None
        merged.append(Form(key, ids, first.how, first.lang, first.post, first.state,
                           exact, cased, all(f.capital for f in group)))
    return merged


def _facts(graph) -> dict:
    posts, head_posts, capitals = {}, {}, {}
    for row in graph.query("""
            SELECT ?post ?state ?c WHERE { ?post a ?c ; psk:jurisdiction ?state .
              FILTER(?c IN (psk:HeadOfStatePost, psk:HeadOfGovernmentPost)) }"""):
        head = row["c"].endswith("HeadOfStatePost")
        posts[row["post"].id] = (row["state"].id, head)
        if head:
            head_posts.setdefault(row["state"].id, []).append(row["post"].id)
    for row in graph.query("SELECT ?s ?c WHERE { ?s psk:capital ?c }"):
        capitals[row["s"].id] = row["c"].id
    tenures = defaultdict(list)
    for tenure in graph.tenures():
        tenures[tenure.person.id].append(tenure)
    return {"posts": posts, "head_posts": head_posts, "capitals": capitals,
            "tenures": dict(tenures)}
