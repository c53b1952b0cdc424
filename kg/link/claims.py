"""The checkable statements of an article, found with small explicit patterns per language,
each set against the graph: who attended or was absent, who holds which office, which
states are members of what, when an organization was founded, where it has its seat.

A verdict is ``agrees``, ``disagrees`` or ``not in the graph``; each comes with the graph
facts and the sources behind it."""

from __future__ import annotations

import itertools
import re
from datetime import date

_SENTENCE = re.compile(r"[^。！？!?\n]+(?:[。！？!?]|\n|$)|[^.\n]+(?:\.(?=\s)|$)")

ABSENT = {
    "zh": re.compile(r"没有出席|未出席|不会出席|不出席|缺席|缺位|唯一例外的是|未能出席|未与会"),
    "ru": re.compile(r"не приедет|не примет участи|не будет участвовать|не сможет принять "
                     r"участи|не поехал|проигнорировал|отказался от (?:поездки|участия)|"
                     r"пропустил|не смог приехать|не участвовал", re.I),
    "en": re.compile(r"will not (?:attend|participate|come)|did not (?:attend|come|participate)|"
                     r"not be able to (?:attend|participate|come)|to skip|skipped|skips|"
                     r"was absent|stayed away|will not be attending|unable to attend", re.I),
}
PRESENT = {
    "zh": re.compile(r"(?<!没有)(?<!未)(?<!不会)(?<!不)出席|亲赴\S*参会|亲临参会"),
    "ru": re.compile(r"приняли участие|принимают участие|принял участие|собрались|"
                     r"участвовали|прибыл|приехал|присутствовали|на встрече собрались", re.I),
    "en": re.compile(r"attended|took part|arrived|were present|gathered|participated", re.I),
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
    return [m.span() for m in _SENTENCE.finditer(text) if m.group().strip()]


def find_claims(graph, text: str, lang: str, mentions, dates, events,
                day: date | None) -> list[dict]:
    claims: list[dict] = []
    top = events[0]["id"] if events else None
    for s, e in sentences(text):
        inside = [m for m in mentions if s <= m.start and m.end <= e]
        sentence_dates = [d for d in dates if s <= d.start and d.end <= e and d.first]
        ctx = {"graph": graph, "text": text, "span": (s, e), "lang": lang, "day": day,
               "dates": sentence_dates, "mentions": inside}
        event = _sentence_event(events, sentence_dates) or top
        claims += _attendance(ctx, event)
        claims += _offices(ctx)
        claims += _memberships(ctx)
        claims += _founding(ctx)
        claims += _seat(ctx)
    return claims


def _sentence_event(events, sentence_dates) -> str | None:
    for d in sentence_dates:
        if d.precision != "day":
            continue
        for ev in events:
            if d.first.isoformat() <= (ev["end"] or ev["start"]) and \
                    d.last.isoformat() >= ev["start"]:
                return ev["id"]
    return None


def _claim(ctx, kind, subject, obj, verdict, facts, sources, anchor=None) -> dict:
    s, e = ctx["span"]
    return {"kind": kind, "subject": subject, "object": obj, "verdict": verdict,
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
            before = [m for m in named if m.end <= cue]
            people = [m for m in before if m.type == "person"]
            pick = (people or before)[-1:]
            if not pick:
                after = [m for m in named if m.start >= cue]
                pick = [m for m in after if m.type == "person"][:1] or after[:1]
        for m in pick:
            absentees.add(m.id)
            out.append(_attendance_verdict(ctx, event, m.id, "absent"))
    if PRESENT[lang].search(sentence):
        people = [m for m in named if m.type == "person"]
        seen = set(absentees)
        for m in people:
            if m.id in seen:
                continue
            seen.add(m.id)
            out.append(_attendance_verdict(ctx, event, m.id, "attended"))
    return out


def _attendance_verdict(ctx, event: str, who: str, said: str) -> dict:
    graph = ctx["graph"]
    found = [p for p in graph.participants(event)
             if p.participant.id == who or (p.state is not None and p.state.id == who)]
    entity = graph.entity(who)
    if entity.type == "person":
        found = [p for p in found if p.participant.id == who] or found
    if not found:
        return _claim(ctx, "attendance", who, event, "not in the graph",
                      [f"the graph has no participation of {who} in {event}"], [])
    p = found[0]
    role = p.role
    ok = (role == "absent") == (said == "absent")
    fact = f"{p.participant.id} ({p.state.id if p.state else '-'}): {role} at {event}"
    return _claim(ctx, "attendance", who, event, "agrees" if ok else "disagrees",
                  [f"the text says {said}", fact], p.sources)


def _offices(ctx) -> list[dict]:
    graph = ctx["graph"]
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
            tenures = graph.tenures(person=holder, at=day)
            post = tenures[0].post.id if tenures else None
        if holder is None:
            out.append(_claim(ctx, "office", name.id, post, "not in the graph",
                              [f"the graph has no holder of {post} on {day}"], [], title.text))
            continue
        tenures = [t for t in graph.tenures(person=holder, at=day) if t.post.id == post] \
            if post else graph.tenures(person=holder, at=day)
        sources = [s for t in tenures for s in t.sources]
        verdict = "agrees" if holder == name.id else "disagrees"
        out.append(_claim(ctx, "office", name.id, post or title.text, verdict,
                          [f"{holder} held {post or title.text} on {day}"], sources,
                          title.text))
    return out


def _day(ctx) -> date | None:
    days = [d.first for d in ctx["dates"] if d.precision == "day"]
    return days[0] if days else ctx["day"]


def _memberships(ctx) -> list[dict]:
    s, e = ctx["span"]
    sentence = ctx["text"][s:e]
    lang = ctx["lang"]
    if not MEMBERS[lang].search(sentence) or ctx["day"] is None:
        return []
    orgs = [m for m in ctx["mentions"] if m.type == "organization"]
    states = []
    for m in ctx["mentions"]:
        if m.type == "state" and m.id not in states:
            states.append(m.id)
    if not orgs or len(states) < 2:
        return []
    org = orgs[0].id
    graph = ctx["graph"]
    out = []
    for state in states:
        membership = graph.membership(state, org, at=ctx["day"])
        if membership is None:
            out.append(_claim(ctx, "membership", state, org, "disagrees",
                              [f"the graph has no membership of {state} in {org} on "
                               f"{ctx['day']}"], []))
            continue
        verdict = "agrees" if membership.status == "member" else "disagrees"
        out.append(_claim(ctx, "membership", state, org, verdict,
                          [f"{state} in {org}: {membership.status} since {membership.start}"],
                          membership.sources))
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
    graph = ctx["graph"]
    described = graph.describe(org.id)
    founded = described.get("founded") or []
    if not founded:
        return [_claim(ctx, "founding", org.id, claimed.text, "not in the graph",
                       [f"the graph has no founding date of {org.id}"], [])]
    day = founded[0]
    ok = claimed.first <= day <= claimed.last
    return [_claim(ctx, "founding", org.id, claimed.text, "agrees" if ok else "disagrees",
                   [f"{org.id} founded {day}"], graph.sources(org.id))]


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
    graph = ctx["graph"]
    seats = [p.id for p in graph.describe(orgs[-1].id).get("headquarters", [])]
    if not seats:
        return [_claim(ctx, "seat", orgs[-1].id, places[0].id, "not in the graph",
                       [f"the graph has no seat of {orgs[-1].id}"], [])]
    verdict = "agrees" if places[0].id in seats else "disagrees"
    return [_claim(ctx, "seat", orgs[-1].id, places[0].id, verdict,
                   [f"{orgs[-1].id} has its seat in {', '.join(seats)}"],
                   graph.sources(orgs[-1].id))]
