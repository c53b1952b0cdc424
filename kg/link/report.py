"""The linker's reports: Markdown, and an HTML page with the text highlighted and linked.
Everything from the article and the graph is data: the HTML escapes all of it."""

from __future__ import annotations

from datetime import date
from html import escape

#: the report has no script of its own; the subgraph's frame (srcdoc, sandboxed) inherits this
_CSP = ("default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; "
        "img-src data: blob:; font-src data:; connect-src 'none'; form-action 'none'; "
        "base-uri 'none'")

_COLOURS = {"state": "#dbeafe", "organization": "#fde68a", "person": "#dcfce7",
            "place": "#f5d0fe", None: "#e5e7eb"}


def _cell(value) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def markdown(result) -> str:
    lines = [f"# Article linked to the graph ({result.lang}, published "
             f"{result.date.isoformat() if result.date else 'date not given'})", ""]
    lines += ["## Events", ""]
    if result.events:
        lines += ["| rank | event | score | why |", "| --- | --- | --- | --- |"]
        lines += [f"| {i} | {_cell(e['id'])} | {e['score']} | {_cell('; '.join(e['why']))} |"
                  for i, e in enumerate(result.events, 1)]
    else:
        lines.append("No graph event found.")
    lines += ["", "## Checks", ""]
    if result.checks:
        lines += ["| claim | subject | object | verdict | graph |",
                  "| --- | --- | --- | --- | --- |"]
        lines += [f"| {c['kind']} | {_cell(c['subject'])} | {_cell(c['object'])} | "
                  f"**{c['verdict']}** | {_cell('; '.join(c['facts']))} |"
                  for c in result.checks]
    else:
        lines.append("No checkable statement found.")
    lines += ["", "## Mentions", "", "| offsets | text | id | type | how | score |",
              "| --- | --- | --- | --- | --- | --- |"]
    lines += [f"| {m.start}–{m.end} | {_cell(m.text)} | {m.id} | {m.type} | {m.how} | "
              f"{m.score} |" for m in result.mentions]
    if result.unlinked:
        lines += ["", "## Not in the graph (unlinked)", ""]
        lines += [f"- {m.start}–{m.end} {_cell(m.text)}"
                  + (f" (candidates: {', '.join(m.candidates)})" if m.candidates else "")
                  for m in result.unlinked]
    lines += ["", "## Dates", "", "| offsets | text | from | to | precision |",
              "| --- | --- | --- | --- | --- |"]
    lines += [f"| {d.start}–{d.end} | {_cell(d.text)} | {d.first} | {d.last} | {d.precision} |"
              for d in result.dates]
    return "\n".join(lines) + "\n"


def _highlighted(result) -> str:
    spans = sorted([(m.start, m.end, m) for m in result.mentions + result.unlinked],
                   key=lambda s: s[0])
    out, pos = [], 0
    text = result.text
    for start, end, m in spans:
        if start < pos:
            continue
        out.append(escape(text[pos:start]))
        colour = _COLOURS.get(m.type if m.id else None, "#e5e7eb")
        title = f"{m.id} ({m.type}, {m.how})" if m.id else "not in the graph"
        anchor = f' href="#entity-{escape(m.id)}"' if m.id else ""
        tag = "a" if m.id else "span"
        out.append(f'<{tag}{anchor} class="mention" style="background:{colour}" '
                   f'title="{escape(title)}">{escape(text[start:end])}</{tag}>')
        pos = end
    out.append(escape(text[pos:]))
    return "".join(out)


def subgraph_page(result, graph):
    """The article's subgraph, drawn by the interactive page's renderer (:mod:`kg.viz`): the
    entities it names and the event it reports, with the relations between them on the
    event's first day (else the publication date); None if there is nothing to draw."""
    import warnings

    from kg.network import network
    from kg.notices import KGWarning
    from kg.viz import from_networkx

    day = date.fromisoformat(result.events[0]["start"]) if result.events else result.date
    if day is None:
        return None
    wanted = {m.id for m in result.mentions} | {e["id"] for e in result.events[:1]}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", KGWarning)
        full = network(graph, "full", at=day)
    nodes = [n for n in full if n in wanted]
    if len(nodes) < 2:
        return None
    title = "The article's subgraph on " + day.isoformat()
    return from_networkx(full.subgraph(nodes).copy(), lang=result.lang, title=title, at=day)


def html(result, graph=None) -> str:
    """A self-contained page: the article with its mentions highlighted and linked, the
    events, the checks with their sources, the entities named, and (given the graph) the
    article's subgraph drawn by :mod:`kg.viz` in a sandboxed frame. All text is escaped."""
    page = subgraph_page(result, graph) if graph is not None else None
    frame = (f'<h2>Subgraph</h2><iframe title="{escape(page.title)}" sandbox="allow-scripts" '
             f'srcdoc="{escape(page.html, quote=True)}" style="width:100%;height:520px;'
             f'border:1px solid #ccc"></iframe>') if page is not None else ""
    entities = {}
    for m in result.mentions:
        entities.setdefault(m.id, m)
    rows = "".join(f'<tr id="entity-{escape(i)}"><td>{escape(i)}</td>'
                   f'<td>{escape(m.type or "")}</td><td>{escape(m.label or "")}</td></tr>'
                   for i, m in sorted(entities.items()))
    events = "".join(f"<li><b>{escape(e['id'])}</b> — {escape(e['label'])} "
                     f"(score {e['score']}: {escape('; '.join(e['why']))})</li>"
                     for e in result.events) or "<li>none found</li>"
    checks = "".join(f"<tr><td>{escape(c['kind'])}</td><td>{escape(str(c['subject']))}</td>"
                     f"<td>{escape(str(c['object']))}</td><td class=\"{escape(c['verdict'])}\">"
                     f"{escape(c['verdict'])}</td><td>{escape('; '.join(c['facts']))}</td>"
                     f"<td>{'<br>'.join(escape(u) for u in c['sources'])}</td></tr>"
                     for c in result.checks)
    return f"""<!DOCTYPE html>
<html lang="{escape(result.lang)}"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{_CSP}">
<title>Article linked to the post-Soviet institutions graph</title>
<style>
body {{ font-family: "Noto Sans", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC",
       "DejaVu Sans", Arial, sans-serif; margin: 1.5em; display: grid;
       grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); gap: 2em; }}
td {{ overflow-wrap: anywhere; }}
.article {{ white-space: pre-wrap; line-height: 1.7; }}
.mention {{ border-radius: 3px; padding: 0 1px; color: inherit; text-decoration: none; }}
table {{ border-collapse: collapse; font-size: 90%; }} td, th {{ border: 1px solid #ccc;
padding: 2px 6px; vertical-align: top; }}
.agrees {{ color: #166534; }} .disagrees {{ color: #b91c1c; font-weight: bold; }}
</style></head><body>
<div class="article">{_highlighted(result)}</div>
<div>{frame}<h2>Events</h2><ol>{events}</ol>
<h2>Checks</h2><table><tr><th>claim</th><th>subject</th><th>object</th><th>verdict</th>
<th>graph</th><th>sources</th></tr>{checks}</table>
<h2>Entities named</h2><table><tr><th>id</th><th>type</th><th>label</th></tr>{rows}</table>
</div></body></html>
"""
