"""One self-contained HTML page: the project's template, the page's data in a JSON block,
and the vis-network bundle from the pyvis wheel inlined under a Content-Security-Policy that
forbids every network request. pyvis's own template and ``write_html`` are never used."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

#: vis-network as shipped inside the pyvis 0.3.2 wheel.
VIS_VERSION = "9.1.2"

#: No fetch, no connection, no frame, no form target, no base; inline script and style only.
CSP = ("default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
       "img-src data: blob:; font-src data:; connect-src 'none'; frame-src 'none'; "
       "form-action 'none'; base-uri 'none'")

_PLACEHOLDER = re.compile(r"\{\{([A-Z_]+)\}\}")


def _vis_file(name: str) -> str:
    lib = resources.files("pyvis") / "templates" / "lib" / f"vis-{VIS_VERSION}" / name
    if not lib.is_file():
        raise FileNotFoundError(f"the pyvis wheel has no {name} for vis-network {VIS_VERSION}; "
                                "install pyvis 0.3.2")
    return lib.read_text(encoding="utf-8")


@cache
def vis_bundle() -> tuple[str, str]:
    """The vis-network script and stylesheet from the installed pyvis wheel.

    The stylesheet's button icons (data: images for the navigation and manipulation
    toolbars, which the page does not turn on) are left out: 205 kB of the 220 kB."""
    script = _vis_file("vis-network.min.js")
    style = re.sub(r'url\("data:[^"]*"\)', "none", _vis_file("vis-network.css"))
    if re.search(r"</(script|style)", script + style, re.IGNORECASE):
        raise ValueError("the vis-network bundle contains a closing tag; cannot inline it")
    return script, style


@cache
def _asset(name: str) -> str:
    return (resources.files("kg.viz") / name).read_text(encoding="utf-8")


def json_block(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block: ``<``, ``>`` and ``&`` are
    written as \\u escapes, so no text in the data can close the block or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def render(data: dict[str, Any]) -> str:
    """The page's HTML for the page data made by :func:`kg.viz.data.page_data`."""
    script, style = vis_bundle()
    values = {
        "LANG": html.escape(data.get("lang", "en")),
        "CSP": html.escape(CSP),
        "TITLE": html.escape(str(data.get("title", ""))),
        "VIS_VERSION": VIS_VERSION,
        "VIS_CSS": style,
        "PAGE_CSS": _asset("page.css"),
        "DATA": json_block(data),
        "VIS_JS": script,
        "PAGE_JS": _asset("page.js"),
    }
    # one pass: text put in is never scanned for placeholders again
    return _PLACEHOLDER.sub(lambda m: values[m.group(1)], _asset("template.html"))


def write(text: str, path: str | Path) -> Path:
    """Write the page as UTF-8 (whatever the platform's default encoding)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path
