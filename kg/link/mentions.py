"""Mentions: an Aho-Corasick automaton over every surface form (longest match, character
offsets), then resolution of titles, leaders and shared surnames by the article's date,
short forms the text defines, Chinese one-character forms in fixed patterns, spelling and
transliteration variants, and names not in the graph reported as unlinked."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date

from . import chinese
from .facts import Facts
from .lexicon import DEMONYMS, Form, cached_forms, fold

_WORD = re.compile(r"[0-9A-Za-zÀ-ɏА-Яа-яЁё]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
SCORES = {"name": 1.0, "alias": 0.95, "press form": 0.95, "defined short form": 0.95,
          "case form": 0.9, "title": 0.9, "leader": 0.85, "capital": 0.85,
          "spelling variant": 0.85, "surname": 0.85, "one-character form": 0.8,
          "transliteration variant": 0.75, "fuzzy variant": 0.7}
_TYPE_ORDER = {"state": 0, "organization": 1, "place": 2, "person": 3}


@dataclass
class Mention:
    """One mention: ``text[start:end]``; ``id`` is None for a name not in the graph (or one
    the date cannot decide: ``candidates`` lists them)."""

    start: int
    end: int
    text: str
    id: str | None
    type: str | None
    score: float
    how: str
    label: str | None = None
    candidates: list[str] = field(default_factory=list)
    post: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v not in (None, [])}


class Matcher:
    """The automaton and the facts to resolve matches, built once per graph."""

    def __init__(self, graph):
        import ahocorasick

        self.graph = graph
        self.forms, self.facts = cached_forms(graph)
        self.entities = self.facts["entities"]
        self.automaton = ahocorasick.Automaton()
        for i, form in enumerate(self.forms):
            self.automaton.add_word(form.text, i)
        for word in chinese.BLOCKED:
            if fold(word) not in self.automaton:
                self.automaton.add_word(word, -1)
        self.automaton.make_automaton()
        self._holders: dict[tuple[str, date], str | None] = {}
        self.data = Facts(graph, self.facts["tenures"])
        self.zh_names: dict[str, set[str]] = {}
        self.latin_people: dict[str, set[str]] = {}
        for form in self.forms:
            people = {i for i in form.ids if self._type(i) == "person"}
            if not people or form.how not in ("name", "alias", "surname"):
                continue
            if _HAN.search(form.text) and "·" not in form.text:
                self.zh_names.setdefault(form.text, set()).update(people)
            elif not _HAN.search(form.text) and " " not in form.text and len(form.text) >= 5:
                self.latin_people.setdefault(form.text, set()).update(people)

    def _type(self, ident: str) -> str | None:
        entity = self.entities.get(ident)
        return entity.type if entity else None

    # ------------------------------------------------------------------ matching
    def raw_matches(self, folded: str, text: str) -> list[tuple[int, int, int]]:
        found = []
        for end, index in self.automaton.iter(folded):
            start = end - (len(self.forms[index].text) if index >= 0 else 0) + 1
            if index < 0:
                start = end - _blocked_len(folded, end) + 1
            found.append((start, end + 1, index))
        good = []
        for start, end, index in found:
            if index >= 0:
                form = self.forms[index]
                if form.exact_case and text[start:end] != form.cased:
                    continue
                if form.capital and not text[start].isupper():
                    continue
            if _WORD.match(text[start]) and start > 0 and _WORD.match(text[start - 1]):
                continue
            if _WORD.match(text[end - 1]) and end < len(text) and _WORD.match(text[end]):
                continue
            good.append((start, end, index))
        # longest first, then leftmost; no overlaps
        good.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
        taken = [False] * len(text)
        chosen = []
        for start, end, index in good:
            if any(taken[start:end]):
                continue
            for k in range(start, end):
                taken[k] = True
            chosen.append((start, end, index))
        return sorted(chosen)

    def holder(self, post: str, day: date | None) -> str | None:
        if day is None:
            return None
        key = (post, day)
        if key not in self._holders:
            tenures = self.data.holders(post, day)
            self._holders[key] = tenures[0].person.id if tenures else None
        return self._holders[key]

    def in_office(self, person: str, day: date) -> bool:
        return any(t.start <= day and (t.end is None or day < t.end)
                   for t in self.facts["tenures"].get(person, ()))

    def one_person(self, ids: list[str], day: date | None) -> str | None:
        """The one person of ``ids``, or the one of them in office on ``day``, else None."""
        if len(ids) == 1:
            return ids[0]
        alive = [p for p in ids if day is not None and self.in_office(p, day)]
        return alive[0] if len(alive) == 1 else None

    def resolve(self, form: Form, day: date | None) -> tuple[str | None, list[str]]:
        """The id a form names on ``day``, or (None, candidates)."""
        if form.how == "title":
            holder = self.holder(form.post, day)
            return holder, ([] if holder else [form.post])
        if form.how == "leader":
            for post in self.facts["head_posts"].get(form.state, ()):
                holder = self.holder(post, day)
                if holder:
                    return holder, []
            return None, [form.state]
        ids = list(form.ids)
        if len(ids) == 1:
            return ids[0], []
        people = [i for i in ids if self._type(i) == "person"]
        if people and len(people) == len(ids):
            person = self.one_person(people, day)
            return (person, []) if person else (None, ids)
        top = min(_TYPE_ORDER.get(self._type(i), 9) for i in ids)
        best = [i for i in ids if _TYPE_ORDER.get(self._type(i), 9) == top]
        if len(best) == 1:
            return best[0], []
        if day is not None:  # 俄白联盟: the union that existed on the day
            alive = [i for i in best if self._alive(i, day)]
            if len(alive) == 1:
                return alive[0], []
        return None, ids

    def _alive(self, ident: str, day: date) -> bool:
        described = self.data.describe(ident)
        born = (described.get("founded") or [None])[0]
        ended = (described.get("dissolved") or described.get("dissolution date") or [None])[0]
        return (born is None or born <= day) and (ended is None or day < ended)

    def mention(self, start, end, text, ident, how, candidates=(), post=None) -> Mention:
        entity = self.entities.get(ident) if ident else None
        if ident and entity is None:
            entity = self.graph.entity(ident)
        return Mention(start, end, text[start:end], ident, entity.type if entity else
                       ("person" if how in ("title", "leader") else None),
                       SCORES.get(how, 0.7), how, entity.label if entity else None,
                       list(candidates), post)


def _blocked_len(folded: str, end: int) -> int:
    for word in chinese.BLOCKED:
        if folded.endswith(word, 0, end + 1):
            return len(word)
    return 1


_TITLE_BEFORE_ZH = re.compile(r"(总统|总理|外长|秘书长|主席|发言人|新闻秘书|副部长|部长|所长|记者|"
                              r"副主任|主任|大使|议长)$")
_CAPWORDS = re.compile(r"\b([A-ZА-ЯЁ][a-zа-яё]+(?:[- ][A-ZА-ЯЁ][a-zа-яё]+)+)\b")
_LATIN_CAP = re.compile(r"\b[A-ZА-ЯЁ][a-zа-яё]{3,}\b")


def find_mentions(matcher: Matcher, text: str, day: date | None,
                  lang: str) -> tuple[list[Mention], list[Mention]]:
    """(linked mentions, unlinked names) in ``text``, in order."""
    folded = fold(text)
    chosen = matcher.raw_matches(folded, text)
    mentions: list[Mention] = []
    taken = [False] * len(text)
    for start, end, index in chosen:
        for k in range(start, end):
            taken[k] = True
        if index < 0:
            continue  # a blocked word (中亚, 俄语)
        form = matcher.forms[index]
        ident, candidates = matcher.resolve(form, day)
        if _inside_book_title(text, start, end):
            continue  # 《俄罗斯报》 is a newspaper
        if _in_institution_name(text, end, matcher, form):
            continue  # 中国社科院..., 上海政法学院...: an institution's name, not the place
        if "EEC" in form.ids and text.startswith("最高理事会", end):
            # the Chinese press's name for the Supreme Eurasian Economic Council, the EAEU's
            # highest body ("欧亚经济委员会最高理事会"): not the Commission, and not in the graph
            continue
        mentions.append(matcher.mention(start, end, text, ident, form.how, candidates,
                                        form.post))
    # short forms defined in the text: 集体安全条约组织(集安组织), ... (CSTO)
    defined: dict[str, str] = {}
    for m in list(mentions):
        if m.id and m.type in ("organization", "state"):
            short = chinese.defined_short_form(text, m.end)
            if short and not any(taken[short[0]:short[1]]) and \
                    fold(short[2]) not in defined and fold(short[2]) != fold(m.text):
                defined[fold(short[2])] = m.id
    for key, ident in defined.items():
        for hit in re.finditer(re.escape(key), folded):
            s, e = hit.span()
            if any(taken[s:e]) or (_WORD.match(text[s]) and s and _WORD.match(text[s - 1])):
                continue
            for k in range(s, e):
                taken[k] = True
            mentions.append(matcher.mention(s, e, text, ident, "defined short form"))
    # one-character country forms in fixed patterns
    present = {m.id for m in mentions if m.type == "state"} | {
        matcher.facts["posts"][m.post][0] for m in mentions if m.post in matcher.facts["posts"]}
    for pos, sid in chinese.one_char_mentions(text, taken, present):
        taken[pos] = True
        mentions.append(matcher.mention(pos, pos + 1, text, sid, "one-character form"))
    # X总统 with a one-character form: 俄总统 -> the holder
    for m in list(mentions):
        if m.how == "one-character form":
            for word, kind in (("总统", "president-of-"), ("总理", "prime-minister-of-")):
                if text.startswith(word, m.end):
                    post = _post_of(matcher, m.id, kind)
                    if post:
                        mentions.remove(m)
                        e = m.end + len(word)
                        for k in range(m.end, e):
                            taken[k] = True
                        holder = matcher.holder(post, day)
                        mentions.append(matcher.mention(m.start, e, text, holder, "title",
                                                        [] if holder else [post], post))
    # transliteration variants (帕什尼扬 for 帕希尼扬)
    if lang == "zh" or _HAN.search(text):
        for s, e, name, _seen in chinese.pinyin_variants(text, matcher.zh_names, taken):
            ids = sorted(matcher.zh_names[name])
            ident = matcher.one_person(ids, day)
            for k in range(s, e):
                taken[k] = True
            mentions.append(matcher.mention(s, e, text, ident, "transliteration variant",
                                            [] if ident else ids))
    # Latin and Cyrillic spelling variants by edit distance (Rakhmon for Rahmon)
    if not _HAN.search(text[:200]) or lang != "zh":
        mentions += _fuzzy_variants(matcher, text, taken, day)
    # extend a surname to the first name before it (Aleksandr Lukashenko)
    mentions = [_extend_first_name(matcher, text, m, taken) for m in mentions]
    mentions.sort(key=lambda m: m.start)
    unlinked = _unlinked_names(text, taken, matcher)
    linked = [m for m in mentions if m.id]
    unlinked += [m for m in mentions if not m.id]
    unlinked.sort(key=lambda m: m.start)
    return linked, unlinked


def _post_of(matcher: Matcher, sid: str, prefix: str) -> str | None:
    for post, (state, _head) in matcher.facts["posts"].items():
        if state == sid and post.startswith(prefix):
            return post
    return None


_INSTITUTION = re.compile(r"^[\u4e00-\u9fff]{0,18}?(社科院|科学院|学院|大学|研究所|研究室|研究中心|"
                          r"中心|通讯社|电视台|新闻网|日报|报社)")


def _in_institution_name(text: str, end: int, matcher: Matcher, form: Form) -> bool:
    """A Chinese place or state name that begins an institution's name (中国社科院)."""
    if not _HAN.match(text[end - 1]) or not any(
            matcher._type(i) in ("state", "place") for i in form.ids):
        return False
    return bool(_INSTITUTION.match(text[end:end + 22]))


def _inside_book_title(text: str, start: int, end: int) -> bool:
    opened = text.rfind("《", 0, start)
    return opened >= 0 and text.rfind("》", 0, start) < opened and text.find("》", end) >= 0 \
        and text.find("》", end) - end < 20


def _fuzzy_variants(matcher: Matcher, text: str, taken: list[bool],
                    day: date | None) -> list[Mention]:
    from rapidfuzz import fuzz, process

    choices = list(matcher.latin_people)
    found = []
    for hit in _LATIN_CAP.finditer(text):
        s, e = hit.span()
        if any(taken[s:e]):
            continue
        word = fold(hit.group())
        best = process.extractOne(word, choices, scorer=fuzz.ratio, score_cutoff=86)
        if not best or best[0][0] != word[0]:
            continue
        ids = sorted(matcher.latin_people[best[0]])
        ident = matcher.one_person(ids, day)
        for k in range(s, e):
            taken[k] = True
        found.append(matcher.mention(s, e, text, ident, "fuzzy variant", [] if ident else ids))
    return found


def _extend_first_name(matcher: Matcher, text: str, m: Mention, taken: list[bool]) -> Mention:
    from rapidfuzz import fuzz

    if m.type != "person" or not m.id or " " in m.text or _HAN.search(m.text):
        return m
    before = re.search(r"([A-ZА-ЯЁ][a-zа-яё-]+) $", text[max(0, m.start - 30):m.start])
    if not before:
        return m
    first = before.group(1)
    s = m.start - len(first) - 1
    if any(taken[s:s + len(first)]):
        return m
    entity = matcher.entities[m.id]
    full = [*entity.labels.values(), *map(str, entity.aliases)]
    candidate = fold(f"{first} {m.text}")
    if any(fuzz.ratio(candidate, fold(n)) >= 80 for n in full if " " in n):
        for k in range(s, m.end):
            taken[k] = True
        return Mention(s, m.end, text[s:m.end], m.id, m.type, m.score, m.how, m.label,
                       m.candidates, m.post)
    return m


_ZH_TITLES = re.compile(r"外长|秘书长|发言人|新闻秘书|副部长|部长|记者|副主任|主任|"
                       r"所长|研究员|教授|大使|总统|总理")
_ZH_SURNAMES = set("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
                   "曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
                   "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛"
                   "郝龚邵万钱严覃武戴莫孔向汤鲁")
_ZH_SPEECH = set("指说认表注称强透介谈据在的等和与")
_NOT_NAMES = {"the", "in", "on", "at", "of", "and", "for", "a", "an"}
_TITLE_WORDS = {"president", "prime", "minister", "foreign", "deputy", "secretary", "general",
                "spokesman", "spokeswoman", "chairman", "speaker", "ambassador", "kremlin",
                "aide", "premier", "leader", "head", "defense", "defence", "press"}
_DEMONYM_WORDS = {d for names in DEMONYMS.values() for d in names}
_ZH_NAME_CHARS = set(
    "阿埃艾安奥巴鲍贝比波伯布查达德迪蒂杜多厄尔法菲费弗福夫盖冈戈格古哈海汉"
    "赫霍基吉加贾杰金卡开凯科克库拉莱赖兰劳勒雷里利列林琳卢鲁伦罗洛马迈麦曼梅"
    "米明莫姆穆纳内尼涅努诺帕佩皮普齐奇恰切丘萨塞桑瑟沙舍什斯索苏塔泰坦特托瓦"
    "维温沃乌西希谢辛休雅亚扬叶伊因尤约扎泽佐热若莉娜娅丽克斯耶伊"
)


def _unlinked_names(text: str, taken: list[bool], matcher: Matcher) -> list[Mention]:
    """Names that look like people's and are not in the graph: runs of capitalized words
    (Latin or Cyrillic); in Chinese, a transliterated name right after a title."""
    found = []
    for hit in _CAPWORDS.finditer(text):
        s, e = hit.span()
        if any(taken[s:e]):
            continue
        words = hit.group().split()
        # drop the title and the demonym before a name (Belarusian Foreign Minister ...)
        while words and (words[0].lower() in _NOT_NAMES or words[0].lower() in _TITLE_WORDS
                         or words[0] in _DEMONYM_WORDS):
            s += len(words[0]) + 1
            words = words[1:]
        if not 2 <= len(words) <= 3:
            continue
        found.append(Mention(s, e, text[s:e], None, None, 0.5, "unlinked name"))
    names = set()
    for hit in _ZH_TITLES.finditer(text):
        s = e = hit.end()
        if s < len(text) and text[s] in _ZH_NAME_CHARS:  # a transliterated name
            while e < len(text) and text[e] in _ZH_NAME_CHARS and e - s < 9:
                e += 1
        if e - s < 3 and s < len(text) and text[s] in _ZH_SURNAMES:  # 杨进, 李新, 鲁金博
            e = s + 2
            if e + 1 < len(text) and _HAN.match(text[e]) and text[e] not in _ZH_SPEECH and \
                    (text[e + 1] in _ZH_SPEECH or not _HAN.match(text[e + 1])):
                e += 1
        if e - s >= 2 and not any(taken[s:e]):
            names.add(text[s:e])
    for name in names:  # every occurrence of a name found once (杨进指出, 李新认为)
        for hit in re.finditer(re.escape(name), text):
            s, e = hit.span()
            if not any(taken[s:e]):
                found.append(Mention(s, e, name, None, None, 0.5, "unlinked name"))
                for k in range(s, e):
                    taken[k] = True
    return found
