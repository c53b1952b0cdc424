"""The checkable statements of an article, found with small explicit patterns per language,
each set against the graph: who attended or was absent, who holds which office, which
states are members of what, when an organization was founded, where it has its seat.

A verdict is ``agrees``, ``disagrees`` or ``not in the graph``; each comes with the graph
facts and the sources behind it."""

from __future__ import annotations

import itertools
import re
from datetime import date

_BOUNDARY = re.compile(r"(?<=[。！？!?])|\n+|(?<=[.])\s+(?=[\"“«A-ZА-ЯЁ])")
_ABBREVIATIONS = ("St.", "Mr.", "Mrs.", "Dr.", "U.S.", "Gen.", "г.", "ул.")
_LIST_GAP = re.compile(r"^(?:\s*(?:、|,|，|和|及|与|以及|and|и|,\s*and)\s*)$")

ABSENT = {
    "zh": re.compile(r"没有出席|未出席|不会出席|不出席|缺席|缺位|唯一例外的是|未能出席|未与会|"
                     r"拒绝出席"),
    "ru": re.compile(r"не приедет|не примет участи|не будет участвовать|не сможет принять "
                     r"участи|не поехал|проигнорировал|отказался от (?:поездки|участия)|"
                     r"пропустил|не смог приехать|не участвовал|отказал\w* (?:от участия|"
                     r"участвовать)", re.I),
    "en": re.compile(r"will not (?:attend|participate|come)|did not (?:attend|come|participate)|"
                     r"not be able to (?:attend|participate|come)|to skip|skipped|skips|"
                     r"was absent|stayed away|will not be attending|unable to attend|"
                     r"(?:refused|declined|decided not) to (?:take part|attend|participate|come)",
                     re.I),
}
PRESENT = {
    "zh": re.compile(r"(?<!没有)(?<!未)(?<!不会)(?<!不)出席|亲赴\S*参会|亲临参会"),
    "ru": re.compile(r"приняли участие|принимают участие|принял участие|собрались|"
                     r"участвовали|прибыл|приехал|присутствовали|на встрече собрались", re.I),
    "en": re.compile(r"attended|took part|arrived|were present|gathered|participated|chaired",
                     re.I),
}
#: how many came: 9位领导人 (not 其他8位领导人), "all heads of state arrived", "все лидеры"
_ZH_NUMERALS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
COUNTED = {
    "zh": re.compile(r"(?<!其他)(?<!另外)(\d{1,2}|[一二两三四五六七八九十]{1,2})(?:位|名|国)"
                     r"(?:领导人|元首|国家元首|总统)"),
    "ru": re.compile(r"\b(все|(\d{1,2}))\s+(?:лидеры|лидеров|глав[аы]? государств|"
                     r"руководители|руководителей)", re.I),
    "en": re.compile(r"\b(all|(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten))\s+"
                     r"(?:the\s+)?(?:(?:CIS|CSTO|EAEU|member|member-state|regional)\s+)?"
                     r"(?:heads of state|leaders|presidents)", re.I),
}
_EN_NUMBERS = {w: i for i, w in enumerate(("zero", "one", "two", "three", "four", "five", "six",
                                            "seven", "eight", "nine", "ten"))}
GATHERED = {
    "zh": re.compile(r"齐聚|出席|参会|与会|到场|会晤"),
    "ru": re.compile(r"прибыл|приехал|собрал|принял\w* участие|участвовал|присутствовал", re.I),
    "en": re.compile(r"arrived|attended|gathered|took part|were present|came|met", re.I),
}
JOINED = {
    "zh": re.compile(r"加入"),
    "ru": re.compile(r"вступил\w*|присоединил\w*", re.I),
    "en": re.compile(r"\bjoined\b", re.I),
}
ASSOCIATE = {
    "zh": re.compile(r"联系国"),
    "ru": re.compile(r"ассоциированн\w*", re.I),
    "en": re.compile(r"associate(?:d)? (?:member|state)", re.I),
}
OBSERVER = {
    "zh": re.compile(r"观察员"),
    "ru": re.compile(r"наблюдател\w*", re.I),
    "en": re.compile(r"\bobservers?\b", re.I),
}
#: Armenia, a CSTO member state / Армения, член ОДКБ
_APPOSITIVE = {"en": re.compile(r"^,\s+an?\s+$")}
WITHDREW = {
    "zh": re.compile(r"退出(?!与)"),
    "ru": re.compile(r"вышл[аои]\b|вышел|выход\w* из", re.I),
    "en": re.compile(r"\b(?:withdrew|left|quit)\b", re.I),
}
THAT_ORGANIZATION = {
    "zh": re.compile(r"该组织|组织"),
    "ru": re.compile(r"организаци\w*|объединени\w*", re.I),
    "en": re.compile(r"the (?:organization|organisation|bloc|alliance)", re.I),
}
MEMBERS = {
    "zh": re.compile(r"成员国"),
    "ru": re.compile(r"входят|государства-члены|членами|члены|в состав", re.I),
    "en": re.compile(r"\bmembers?\b|member states|consists of|includes", re.I),
}
FOUNDED = {
    "zh": re.compile(r"成立于|创建于|成立"),
    "ru": re.compile(r"(?:создан|основан|образован|учрежден)\w*", re.I),
    "en": re.compile(r"\b(?:founded|established|created|set up)\b", re.I),
}
SEAT = {
    "zh": re.compile(r"总部设在|总部位于"),
    "ru": re.compile(r"штаб-квартир\w*", re.I),
    "en": re.compile(r"headquarter\w*", re.I),
}


def sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence: split after 。！？!?, at line ends, and after a full
    stop followed by a capital (not after St., Mr., U.S.)."""
    spans, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.start() <= start:
            continue
        if text[:m.start()].endswith(_ABBREVIATIONS):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _state_lists(ctx, cue_start: int, cue_end: int, reach: int = 12) -> list[str]:
    """The states of a list (俄罗斯、白俄罗斯……和吉尔吉斯斯坦) that begins or ends within
    ``reach`` characters of a cue (成员国, members)."""
    text = ctx["text"]
    states = [m for m in ctx["mentions"] if m.type == "state"]
    runs, run = [], []
    for m in states:
        if run and not _LIST_GAP.match(text[run[-1].end:m.start]):
            runs.append(run)
            run = []
        run.append(m)
    if run:
        runs.append(run)
    found: list[str] = []
    for run in runs:
        if len(run) < 2:
            continue
        near = (0 <= run[0].start - cue_end <= reach) or (0 <= cue_start - run[-1].end <= reach)
        if near:
            found += [m.id for m in run if m.id not in found]
    return found


def find_claims(facts, text: str, lang: str, mentions, dates, events,
                day: date | None) -> list[dict]:
    import warnings

    from kg.notices import KGWarning

    with warnings.catch_warnings():  # a day after an organization ended is a fair question
        warnings.simplefilter("ignore", KGWarning)
        return _find_claims(facts, text, lang, mentions, dates, events, day)


def _find_claims(facts, text: str, lang: str, mentions, dates, events,
                 day: date | None) -> list[dict]:
    claims: list[dict] = []
    top = events[0]["id"] if events else None
    spans = sentences(text)
    carried = None
    for index, (s, e) in enumerate(spans):
        inside = [m for m in mentions if s <= m.start and m.end <= e]
        sentence_dates = [d for d in dates if s <= d.start and d.end <= e and d.first]
        earlier = [m for m in mentions if m.end <= s and m.type == "organization"]
        previous = [m for m in earlier if index and m.start >= spans[index - 1][0]]
        ctx = {"graph": facts.graph, "facts": facts, "text": text, "span": (s, e), "lang": lang,
               "day": day,
               "dates": sentence_dates, "mentions": inside,
               "last_org": (previous or earlier[-1:] or [None])[0]}
        event = _sentence_event(events, sentence_dates)
        if event is None and index and "\n" not in text[spans[index - 1][1]:s]:
            event = carried  # the day named in the sentence before, in the same paragraph
        carried = event
        event = event or top
        claims += _attendance(ctx, event)
        claims += _attendance_count(ctx, event)
        claims += _offices(ctx)
        claims += _memberships(ctx)
        claims += _founding(ctx)
        claims += _seat(ctx)
        claims += _withdrawals(ctx)
    seen, unique = set(), []
    for claim in claims:
        key = (claim["kind"], claim["subject"], str(claim["object"]))
        if key not in seen:
            seen.add(key)
            unique.append(claim)
    return unique


def _sentence_event(events, sentence_dates) -> str | None:
    for d in sentence_dates:
        if d.precision != "day":
            continue
        for ev in events:
            if d.first.isoformat() <= (ev["end"] or ev["start"]) and \
                    d.last.isoformat() >= ev["start"]:
                return ev["id"]
    return None


def _claim(ctx, kind, subject, obj, verdict, facts, sources, anchor=None, said=None) -> dict:
    s, e = ctx["span"]
    return {"kind": kind, "subject": subject, "object": obj, "verdict": verdict,
            **({"said": said} if said else {}),
            "sentence": ctx["text"][s:e].strip(), "start": s, "end": e,
            "facts": facts, "sources": sorted({src.url for src in sources}),
            **({"mention": anchor} if anchor else {})}


def _attendance(ctx, event: str | None) -> list[dict]:
    if event is None:
        return []
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    lang = ctx["lang"]
    out = []
    absent_hit = ABSENT[lang].search(sentence)
    named = [m for m in ctx["mentions"] if m.type in ("person", "state")]
    absentees = set()
    if absent_hit:
        cue = s + absent_hit.start()
        if absent_hit.group() == "唯一例外的是":
            after = [m for m in named if m.start >= s + absent_hit.end()]
            pick = after[:1]
        else:
            # the subject: a person named right after the cue (не будет участвовать премьер
            # Армении; которую проигнорировал премьер Армении), else the first person named
            # before it (Пашинян сообщил Лукашенко, что не приедет), else the state named
            # last before it (the leadership of Armenia, a CSTO member, refused to attend)
            end = s + absent_hit.end()
            right_after = [m for m in named if m.type == "person" and 0 <= m.start - end <= 3]
            before = [m for m in named if m.end <= cue]
            people = [m for m in before if m.type == "person"]
            pick = right_after[:1] or people[:1] or before[-1:]
        for m in pick:
            absentees.add(m.id)
            out.append(_attendance_verdict(ctx, event, m.id, "absent"))
    present = PRESENT[lang].search(sentence)
    if present:
        people = [m for m in named if m.type == "person"]
        seen = set(absentees)
        for m in people:
            if m.id in seen:
                continue
            seen.add(m.id)
            out.append(_attendance_verdict(ctx, event, m.id, "attended"))
        if not people:  # attended by the presidents of Belarus, Kyrgyzstan, ...
            cue = s + present.start()
            for state in _state_lists(ctx, cue, s + present.end(), reach=40):
                if state not in seen:
                    seen.add(state)
                    out.append(_attendance_verdict(ctx, event, state, "attended"))
    return out


def _attendance_count(ctx, event: str | None) -> list[dict]:
    """A number of leaders, or all of them, said to have come: set against the event's
    participants (absentees do not count)."""
    if event is None:
        return []
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    lang = ctx["lang"]
    hit = COUNTED[lang].search(sentence)
    if not hit or not GATHERED[lang].search(sentence):
        return []
    said = hit.group(1).lower()
    everyone = said in ("all", "все")
    if not everyone:
        number = (int(said) if said.isdigit() else _EN_NUMBERS.get(said)
                  or _zh_number(said))
        if not number:
            return []
    participations = ctx["facts"].participants(event)
    came = sorted({(p.state or p.participant).id for p in participations if p.role != "absent"})
    away = sorted({(p.state or p.participant).id for p in participations if p.role == "absent"})
    sources = [src for p in participations for src in p.sources]
    if not participations:
        return [_claim(ctx, "attendance-count", event, "all" if everyone else number,
                       "not in the graph", [f"the graph has no participants of {event}"], [])]
    if everyone:
        verdict = "disagrees" if away else "agrees"
        facts = [f"{len(came)} came ({', '.join(came)})"] + (
            [f"absent: {', '.join(away)}"] if away else [])
        return [_claim(ctx, "attendance-count", event, "all", verdict, facts, sources)]
    verdict = "agrees" if number == len(came) else "disagrees"
    return [_claim(ctx, "attendance-count", event, number, verdict,
                   [f"{len(came)} came ({', '.join(came)})"], sources)]


def _zh_number(text: str) -> int | None:
    if not text or any(c not in _ZH_NUMERALS for c in text):
        return None
    if len(text) == 1:
        return _ZH_NUMERALS[text]
    if text[0] == "十":
        return 10 + _ZH_NUMERALS[text[1]]
    return _ZH_NUMERALS[text[0]] * 10 + (0 if text[1] == "十" else _ZH_NUMERALS[text[1]])


def _attendance_verdict(ctx, event: str, who: str, said: str) -> dict:
    graph = ctx["graph"]
    found = [p for p in ctx["facts"].participants(event)
             if p.participant.id == who or (p.state is not None and p.state.id == who)]
    entity = graph.entity(who)
    if entity.type == "person":
        found = [p for p in found if p.participant.id == who] or found
    if not found:
        return _claim(ctx, "attendance", who, event, "not in the graph",
                      [f"the graph has no participation of {who} in {event}"], [], said=said)
    p = found[0]
    role = p.role
    ok = (role == "absent") == (said == "absent")
    fact = f"{p.participant.id} ({p.state.id if p.state else '-'}): {role} at {event}"
    return _claim(ctx, "attendance", who, event, "agrees" if ok else "disagrees",
                  [f"the text says {said}", fact], p.sources, said=said)


def _offices(ctx) -> list[dict]:
    mentions = ctx["mentions"]
    text = ctx["text"]
    out = []
    for title, name in itertools.pairwise(mentions):
        if title.how not in ("title", "leader") or name.type != "person" or \
                name.how in ("title", "leader") or name.start - title.end > 2:
            continue
        if text[title.end:name.start].strip(" ") not in ("", ","):
            continue
        day = _day(ctx)
        if day is None:
            continue
        post = title.post or (title.candidates[0] if title.candidates else None)
        holder = title.id
        if post is None and holder:
            tenures = ctx["facts"].person_tenures(holder, day)
            post = tenures[0].post.id if tenures else None
        if holder is None:
            out.append(_claim(ctx, "office", name.id, post, "not in the graph",
                              [f"the graph has no holder of {post} on {day}"], [], title.text))
            continue
        tenures = [t for t in ctx["facts"].person_tenures(holder, day)
                   if post is None or t.post.id == post]
        sources = [s for t in tenures for s in t.sources]
        verdict = "agrees" if holder == name.id else "disagrees"
        out.append(_claim(ctx, "office", name.id, post or title.text, verdict,
                          [f"{holder} held {post or title.text} on {day}"], sources,
                          title.text))
    return out


def _day(ctx) -> date | None:
    days = [d.first for d in ctx["dates"] if d.precision == "day"]
    return days[0] if days else ctx["day"]


def _organization(ctx, before: int | None = None):
    """The organization a sentence speaks of: one it names (before ``before``), or, where it
    says "the organization" (该组织), the last one named before it."""
    orgs = [m for m in ctx["mentions"] if m.type == "organization"
            and (before is None or m.end <= before)]
    if orgs:
        return orgs[-1] if before is not None else orgs[0]
    s, e = ctx["span"]
    if ctx["last_org"] is not None and THAT_ORGANIZATION[ctx["lang"]].search(
            ctx["text"][s:e]):
        return ctx["last_org"]
    return None


def _memberships(ctx) -> list[dict]:
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    lang = ctx["lang"]
    if ctx["day"] is None:
        return []
    listed = MEMBERS[lang].search(sentence)
    joined = JOINED[lang].search(sentence)
    associate = ASSOCIATE[lang].search(sentence) or OBSERVER[lang].search(sentence)
    if not (listed or joined or associate) or WITHDREW[lang].search(sentence):
        return []
    appositive = _appositive(ctx) if listed and not (joined or associate) else []
    if appositive:
        return [_membership_claim(ctx, state, org, "member") for state, org in appositive]
    cue = s + (associate or listed or joined).start()
    org = _organization(ctx, before=cue) or _organization(ctx)
    last = ctx["last_org"]
    if org is None and listed and last is not None and last.end >= s - 120:
        org = last  # 集安组织成立于2002年5月……。目前有俄罗斯、白俄罗斯……6个成员国
    if org is None:
        return []
    if listed and not associate:
        states = _state_lists(ctx, s + listed.start(), s + listed.end())
        if not states and joined:
            states = _subject_state(ctx, s + joined.start())
    else:
        status_cue = s + (joined or associate).start()
        states = (_state_lists(ctx, status_cue, status_cue, reach=12)
                  or _subject_state(ctx, status_cue))
    said = ("associate" if ASSOCIATE[lang].search(sentence) else
            "observer" if associate else "member")
    return [_membership_claim(ctx, state, org.id, said) for state in states]


def _membership_claim(ctx, state: str, org: str, said: str) -> dict:
    membership = ctx["facts"].membership(state, org, ctx["day"])
    if membership is None:
        return _claim(ctx, "membership", state, org, "disagrees",
                      [f"the graph has no membership of {state} in {org} on {ctx['day']}"],
                      [], said=said)
    verdict = "agrees" if membership.status == said else "disagrees"
    return _claim(ctx, "membership", state, org, verdict,
                  [f"{state} in {org}: {membership.status} since {membership.start}"],
                  membership.sources, said=said)


def _appositive(ctx) -> list[tuple[str, str]]:
    """(state, organization) for "Armenia, a CSTO member state"."""
    text = ctx["text"]
    gap = _APPOSITIVE.get(ctx["lang"])
    found = []
    for state, org in itertools.pairwise(ctx["mentions"]):
        if state.type == "state" and org.type == "organization" and gap and \
                gap.match(text[state.end:org.start]) and \
                re.match(r"\s*member", text[org.end:org.end + 12], re.I):
            found.append((state.id, org.id))
    return found


def _subject_state(ctx, cue: int) -> list[str]:
    """The state named last before a cue (亚美尼亚加入集安组织; 土方……转为联系国)."""
    before = [m for m in ctx["mentions"] if m.type == "state" and m.end <= cue]
    return [before[-1].id] if before else []


def _withdrawals(ctx) -> list[dict]:
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    hit = WITHDREW[ctx["lang"]].search(sentence)
    if not hit or ctx["day"] is None or re.search(r"(不|没有|未|не|not)\W{0,2}\w{0,6}$",
                                                  sentence[:hit.start()]):
        return []  # 不打算退出: not a withdrawal
    cue = s + hit.start()
    states = []
    for m in ctx["mentions"]:
        if m.type == "state" and m.end <= cue and m.id not in states:
            states.append(m.id)
    after = [m for m in ctx["mentions"] if m.type == "organization" and m.start >= cue]
    org = after[0] if after else _organization(ctx)
    if org is None or not states:
        return []
    out = []
    for state in states:
        history = ctx["facts"].history(state, org.id)
        ended = [m for m in history if m.end is not None and m.end <= ctx["day"]]
        current = [m for m in history if m.covers(ctx["day"])]
        if current:
            verdict, fact = "disagrees", [f"{state} in {org.id}: {current[0].status} on "
                                          f"{ctx['day']}"]
        elif ended:
            last = ended[-1]
            verdict, fact = "agrees", [f"{state} in {org.id}: {last.status} "
                                       f"{last.start}..{last.end}"]
        else:
            verdict, fact = "not in the graph", [f"the graph has no membership of {state} "
                                                 f"in {org.id}"]
        sources = [src for m in history for src in m.sources]
        out.append(_claim(ctx, "withdrawal", state, org.id, verdict, fact, sources))
    return out


def _founding(ctx) -> list[dict]:
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    hit = FOUNDED[ctx["lang"]].search(sentence)
    if not hit:
        return []
    cue = s + hit.start()
    orgs = [m for m in ctx["mentions"] if m.type == "organization" and m.end <= cue]
    when = [d for d in ctx["dates"] if d.start >= cue and d.how != "relative"]
    if not orgs or not when:
        return []
    org, claimed = orgs[-1], when[0]
    described = ctx["facts"].describe(org.id)
    founded = described.get("founded") or []
    if not founded:
        return [_claim(ctx, "founding", org.id, claimed.text, "not in the graph",
                       [f"the graph has no founding date of {org.id}"], [])]
    day = founded[0]
    ok = claimed.first <= day <= claimed.last
    return [_claim(ctx, "founding", org.id, claimed.text, "agrees" if ok else "disagrees",
                   [f"{org.id} founded {day}"], ctx["facts"].sources(org.id))]


def _seat(ctx) -> list[dict]:
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    hit = SEAT[ctx["lang"]].search(sentence)
    if not hit:
        return []
    cue = s + hit.start()
    orgs = [m for m in ctx["mentions"] if m.type == "organization" and m.end <= cue]
    places = [m for m in ctx["mentions"] if m.type == "place" and m.start >= cue]
    if not orgs or not places:
        return []
    seats = [p.id for p in ctx["facts"].describe(orgs[-1].id).get("headquarters", [])]
    if not seats:
        return [_claim(ctx, "seat", orgs[-1].id, places[0].id, "not in the graph",
                       [f"the graph has no seat of {orgs[-1].id}"], [])]
    verdict = "agrees" if places[0].id in seats else "disagrees"
    return [_claim(ctx, "seat", orgs[-1].id, places[0].id, verdict,
                   [f"{orgs[-1].id} has its seat in {', '.join(seats)}"],
                   ctx["facts"].sources(orgs[-1].id))]
