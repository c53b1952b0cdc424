"""The graph events an article reports, ranked from its dates, its places, its
organizations and the people and states in it."""

from __future__ import annotations

from datetime import date, timedelta


def rank_events(facts, mentions, dates, day: date | None, limit: int = 5) -> list[dict]:
    """``[{"id", "label", "start", "end", "score", "why"}]``, best first."""
    spans = [(d.first, d.last) for d in dates if d.first and d.precision == "day"
             and (d.last - d.first).days <= 7]
    anchors = [s for s, _ in spans] + ([day] if day else [])
    if not anchors:
        return []
    first = min(anchors) - timedelta(days=45)
    last = max(anchors) + timedelta(days=45)
    ids = {m.id for m in mentions if m.id}
    counts: dict[str, int] = {}
    for m in mentions:
        if m.id:
            counts[m.id] = counts.get(m.id, 0) + 1
    ranked = []
    for event in facts.events:  # an ongoing conflict (no end) is background, not the news
        if event.start > last or event.end < first:
            continue
        score, why = 0.0, []
        overlap = [s for s, e in spans if s <= event.end and e >= event.start]
        if overlap:
            score += 3
            why.append("a date in the text falls on it")
        if day is not None and event.start - timedelta(days=21) <= day \
                <= event.end + timedelta(days=10):
            score += 1
            why.append("published near it")
        if event.location is not None and event.location.id in ids:
            score += 2
            why.append(f"its place ({event.location.label}) is named")
        if event.organization is not None and event.organization.id in ids:
            score += 2
            why.append(f"its organization ({event.organization.id}) is named")
        participations = facts.participants(event.id) if score >= 1 else []
        people = {p.participant.id for p in participations} | \
                 {p.state.id for p in participations if p.state}
        named = ids & people
        if named:
            score += min(2.0, 0.25 * len(named))
            why.append(f"{len(named)} of its participants are named")
        if score >= 3:
            ranked.append({"id": event.id, "label": event.label, "kind": event.kind,
                           "start": event.start.isoformat(),
                           "end": event.end.isoformat() if event.end else None,
                           "score": round(score, 2), "why": why})
    ranked.sort(key=lambda r: (-r["score"], r["start"]))
    return ranked[:limit]
