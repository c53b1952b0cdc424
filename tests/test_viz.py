"""kg.viz: the interactive page. The first part checks the HTML as text; the tests marked
``browser`` open it from file:// in Debian's headless Chromium (driven by Playwright) and
fail on any request that is not file:, data:, about: or blob:."""

from __future__ import annotations

import copy
import json
import os
import re
import shutil
from pathlib import Path

import networkx as nx
import pytest

from kg.cli import main
from kg.cli_html import BUILD_PAGE
from kg.network import timeline
from kg.viz import Page, from_networkx, page
from kg.viz.data import page_data
from kg.viz.page import CSP, json_block, vis_bundle
from tests.conftest import ROOT

ARTIFACTS = ROOT / "tests" / "artifacts"
XSS_LABEL = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>'


def hostile_graph() -> nx.Graph:
    """A small graph in kg.network's shape whose texts try to run as code."""
    G = nx.Graph()
    G.add_node("GEO", type="state", label="Georgia", labels={"en": "Georgia", "ru": "Грузия",
                                                              "zh": "格鲁吉亚"},
               aliases=["Sakartvelo"], sources=[], spells=[("1991-12-08", None)])
    G.add_node("CIS", type="organization", label="CIS",
               labels={"en": "Commonwealth of Independent States", "zh": "独联体"},
               aliases=["СНГ", "CIS"], sources=[], spells=[("1991-12-08", None)])
    G.add_node("EVIL", type="person", label=XSS_LABEL, labels={"en": XSS_LABEL},
               aliases=["</script><script>window.__xss=3</script>", "evil"],
               sources=[{"id": "s1", "url": "javascript:window.__xss=4",
                         "title": 'href <a href="javascript:window.__xss=5">click</a>'},
                        {"id": "s2", "url": "https://example.org/ok", "title": "<b>bold</b>"}],
               spells=[("2000-01-01", "2001-01-01")])
    G.add_edge("GEO", "CIS", relation="membership", status="member", weight=1.0,
               spells=[("1993-12-03", "2009-08-18")],
               status_spells=[("member", "1993-12-03", "2009-08-18")],
               sources=[{"id": "s3", "url": "https://example.org/geo", "title": "Georgia"}])
    G.add_edge("EVIL", "GEO", relation="tenure", weight=1.0,
               spells=[("2000-01-01", "2001-01-01")], sources=[])
    return G


def without_data(text: str) -> str:
    """The page minus its JSON data block."""
    return re.sub(r'<script type="application/json" id="kg-data">.*?</script>', "", text,
                  flags=re.S)


# ---------------------------------------------------------------------- the HTML as text


def test_the_input_graph_is_not_changed():
    G = hostile_graph()
    before = (copy.deepcopy(dict(G.nodes(data=True))), copy.deepcopy(list(G.edges(data=True))))
    page_data(G)
    from_networkx(G)
    assert (dict(G.nodes(data=True)), list(G.edges(data=True))) == before


def test_data_cannot_close_its_block_or_open_a_tag():
    block = json_block({"a": "</script><img src=x>&amp; \u2028"})
    assert "<" not in block and ">" not in block and "&" not in block
    assert json.loads(block) == {"a": "</script><img src=x>&amp; \u2028"}
    text = from_networkx(hostile_graph(), title="<script>alert(1)</script>").html
    assert "<img" not in text and "window.__xss" not in without_data(text)
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in text
    assert len(re.findall(r"^<script\b", text, re.M)) == 3  # data, vis-network, the page's


def test_the_page_is_one_file_with_no_network_reference(tmp_path):
    text = from_networkx(hostile_graph()).html
    outside = without_data(text)
    assert not re.search(r"<(script|img|iframe|link)\b[^>]*\b(src|href)=", outside, re.I)
    ours = outside.replace(vis_bundle()[0], "")  # vis-network's own strings name its site
    assert not re.search(r"https?://", ours.replace("http://www.w3.org/2000/svg", ""))
    assert "@import" not in outside and not re.search(r"url\((?!\"?data:)", outside)
    assert f'content="{CSP}"'.replace("'", "&#x27;") in text
    assert "default-src 'none'" in CSP and "connect-src 'none'" in CSP


def test_pyvis_writes_no_lib_folder_and_the_page_is_utf8(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = from_networkx(hostile_graph(), lang="zh").save(tmp_path / "out" / "g.html")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert "格鲁吉亚" in path.read_bytes().decode("utf-8")


def test_labels_in_the_chosen_language_fall_back_to_english():
    data = page_data(hostile_graph(), lang="ru")
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    assert labels["GEO"] == "Грузия" and labels["CIS"] == "Commonwealth of Independent States"
    with pytest.raises(ValueError, match="unknown language"):
        page_data(hostile_graph(), lang="fr")


def test_nodes_are_sized_by_a_centrality_measure_within_their_class():
    G = hostile_graph()
    data = page_data(G, size_by="betweenness")
    size = {n["id"]: n["size"] for n in data["nodes"]}
    assert data["sizeMeasure"] == "betweenness"
    assert [n["centrality"] for n in data["nodes"] if n["id"] == "GEO"] == [1.0]
    assert size["GEO"] == 30 and size["CIS"] == 10  # the top and the bottom of their ranges
    with pytest.raises(ValueError, match="unknown measure"):
        page_data(G, size_by="fame")


def test_layout_is_seeded_and_the_same_every_time():
    a, b = page_data(hostile_graph()), page_data(hostile_graph())
    assert [(n["x"], n["y"]) for n in a["nodes"]] == [(n["x"], n["y"]) for n in b["nodes"]]
    assert a["options"]["physics"] == {"enabled": False}


def test_jupyter_shows_the_page_in_a_sandboxed_iframe():
    p = from_networkx(hostile_graph())
    shown = p._repr_html_()
    assert shown.startswith("<iframe srcdoc=\"&lt;!DOCTYPE html&gt;")
    assert 'sandbox="allow-scripts allow-downloads"' in shown
    assert "<script" not in shown


def page_parts(text: str) -> tuple[str, dict]:
    """The page's HTML without its data, and the data without the layout's coordinates
    (floating point from numpy: another numpy may round a last digit differently)."""
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', text, re.S).group(1))
    for node in data["nodes"]:
        node.pop("x"), node.pop("y")
    return without_data(text), data


def test_the_page_kg_build_ships_is_current_and_under_2_mb(graph):
    shipped = ROOT / "kg" / "_graph" / BUILD_PAGE
    built = page(graph).html
    assert page_parts(shipped.read_text(encoding="utf-8")) == page_parts(built), (
        f"{shipped} is stale: run `kg build` and commit the result")
    assert len(built.encode("utf-8")) < 2_000_000


def test_library_and_cli_write_the_same_focused_page(graph, tmp_path, capsys):
    lib = graph.to_html(tmp_path / "a.html", focus="CSTO", depth=1, lang="zh")
    assert main(["html", str(tmp_path / "b.html"), "--focus", "CSTO", "--depth", "1",
                 "--lang", "zh"]) == 0
    assert "wrote" in capsys.readouterr().out
    assert lib.read_bytes() == (tmp_path / "b.html").read_bytes()
    assert "集安组织" in lib.read_text(encoding="utf-8")


def test_a_page_at_a_date_holds_that_day_only(graph, tmp_path):
    text = page(graph, "state-organization", at="2010-06-01", focus="GEO", depth=1).html
    data = json.loads(re.search(r'id="kg-data">(.*?)</script>', text, re.S).group(1))
    assert data["at"] == "2010-06-01" and "CIS" not in {n["id"] for n in data["nodes"]}


def test_cli_errors_are_messages(capsys, tmp_path):
    assert main(["html", str(tmp_path / "x.html"), "--focus", "no-such-thing"]) == 2
    assert "no entity" in capsys.readouterr().err
    assert main(["html", str(tmp_path / "x.html"), "--at", "1990-01-01", "--focus", "GEO"]) == 2


# ---------------------------------------------------------------------- in a real browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ALLOWED = ("file:", "data:", "about:", "blob:")
ARGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-default-apps", "--host-resolver-rules=MAP * ~NOTFOUND"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail("the browser tests need Debian's Chromium at /usr/bin/chromium: "
                    "apt-get install -y chromium fonts-noto-cjk (.ci/run installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("profile")), executable_path=CHROMIUM, args=ARGS,
            headless=True, viewport={"width": 1400, "height": 900}, accept_downloads=True)
        yield context
        context.close()


class Opened:
    """A page opened from file:// with its console errors and every request it made."""

    def __init__(self, context, path: Path):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = context.new_page()
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.route("**/*", lambda route: route.continue_()
                        if route.request.url.startswith(ALLOWED) else route.abort())
        self.page.goto(path.as_uri())
        self.page.wait_for_function("window.kgView && window.kgView.ready !== null")

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def check_clean(self):
        assert not self.errors, self.errors
        assert [u for u in self.requests if not u.startswith(ALLOWED)] == []


@pytest.fixture(scope="module")
def full(tmp_path_factory, graph):
    path = tmp_path_factory.mktemp("html") / "full.html"
    page(graph).save(path)
    return path


@pytest.fixture
def opened_full(browser, full):
    opened = Opened(browser, full)
    yield opened
    opened.check_clean()
    opened.page.close()


def edge_drawn(opened: Opened, u: str, v: str) -> bool:
    return opened.js("""([u, v]) => {
        const e = kgView.data.edges.find(e => (e.from === u && e.to === v) ||
                                              (e.from === v && e.to === u));
        const drawn = kgView.network.body.edges[e.id];
        return !drawn.options.hidden && kgView.network.body.edgeIndices.includes(e.id);
    }""", [u, v])


@pytest.mark.browser
def test_full_page_draws_every_node_and_edge_offline(opened_full, graph):
    T = timeline(graph)
    assert opened_full.js("kgView.drawn()") == {"nodes": T.number_of_nodes(),
                                                "edges": T.number_of_edges()}
    assert opened_full.requests == [opened_full.page.url]  # the file itself, nothing else
    ARTIFACTS.mkdir(exist_ok=True)
    opened_full.page.screenshot(path=str(ARTIFACTS / "full-graph.png"))


@pytest.mark.browser
@pytest.mark.parametrize(("query", "expected"), [("kazakh", "KAZ"), ("росс", "RUS"),
                                                  ("格鲁", "GEO"), ("独联体", "CIS")])
def test_search_in_any_language_focuses_the_node(opened_full, query, expected):
    page_ = opened_full.page
    page_.fill("#search", query)
    assert page_.locator("#results li").first.get_attribute("data-id") == expected
    page_.press("#search", "Enter")
    assert opened_full.js("kgView.network.getSelectedNodes()") == [expected]
    assert page_.locator("#details h3").text_content() == opened_full.js(
        f"kgView.data.nodes.find(n => n.id === {expected!r}).labels.en")


@pytest.mark.browser
def test_the_date_control_shows_georgia_in_the_cis_in_2005_and_not_in_2010(opened_full, graph):
    page_ = opened_full.page
    assert edge_drawn(opened_full, "GEO", "CIS")  # whole history
    page_.fill("#date", "2005-06-01")
    assert page_.locator("#alltime").is_checked() is False
    assert edge_drawn(opened_full, "GEO", "CIS")
    page_.fill("#date", "2010-06-01")
    assert not edge_drawn(opened_full, "GEO", "CIS")
    assert edge_drawn(opened_full, "KAZ", "CIS")
    T = timeline(graph)

    def covers(spells, day):
        return any(s <= day and (e is None or day < e) for s, e in spells)

    day = "2010-06-01"
    nodes = {n for n, d in T.nodes(data=True) if covers(d["spells"], day)}
    edges = [1 for u, v, d in T.edges(data=True)
             if u in nodes and v in nodes and covers(d["spells"], day)]
    assert opened_full.js("kgView.drawn()") == {"nodes": len(nodes), "edges": len(edges)}
    positions = opened_full.js("kgView.network.getPositions(['RUS'])")
    page_.check("#alltime")
    assert opened_full.js("kgView.network.getPositions(['RUS'])") == positions  # no jump


@pytest.mark.browser
def test_clicking_a_node_highlights_its_neighbourhood_and_fills_the_details(opened_full):
    page_ = opened_full.page
    opened_full.js("kgView.network.focus('GEO', {scale: 1.5})")
    x, y = opened_full.js("""() => { const p = kgView.network.getPositions(['GEO']).GEO;
        const d = kgView.network.canvasToDOM(p); const r = document.getElementById('graph')
        .getBoundingClientRect(); return [d.x + r.left, d.y + r.top]; }""")
    page_.mouse.move(x, y)
    tooltip = page_.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert tooltip.locator("b").text_content() == "Georgia"
    assert tooltip.locator("a[href^='https://']").count() > 0  # its sources, as links
    page_.mouse.click(x, y)
    assert opened_full.js("kgView.network.getSelectedNodes()") == ["GEO"]
    colour = "id => kgView.network.body.data.nodes.get(id).color"
    assert opened_full.js(f"({colour})('CIS')") != "#e2e8f0"          # a neighbour
    assert opened_full.js(f"({colour})('vladimir-putin')") == "#e2e8f0"  # not one
    assert "Грузия" in page_.locator("#details").text_content()
    assert page_.locator("#details a[href^='https://']").count() > 0
    page_.select_option("#org", "CSTO")
    # the organization filter keeps the CSTO and what its edges shown on the day reach
    day = opened_full.js("kgView.state.all ? null : kgView.state.date")
    edges = opened_full.js("""kgView.data.edges
        .filter(e => e.from === 'CSTO' || e.to === 'CSTO')
        .map(e => [e.from, e.to, e.spells === undefined ? null : e.spells])""")

    def covers(spells):
        return day is None or spells is None or any(
            (s is None or s <= day) and (e is None or day < e) for s, e in spells)
    expected = {"CSTO"} | {end for u, v, spells in edges if covers(spells) for end in (u, v)}
    shown = set(opened_full.js("Array.from(kgView.state.shownNodes)"))
    assert shown == expected and {"RUS", "KAZ"} <= shown and "GEO" not in shown
    assert len(shown) < opened_full.js("kgView.data.nodes.length") / 5


@pytest.mark.browser
def test_png_export_downloads_the_current_view(opened_full, tmp_path):
    with opened_full.page.expect_download() as download:
        opened_full.page.click("#png")
    saved = tmp_path / "view.png"
    download.value.save_as(saved)
    assert download.value.suggested_filename.endswith(".png")
    assert saved.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and saved.stat().st_size > 10_000


@pytest.mark.browser
def test_markup_in_labels_and_sources_is_shown_as_text_and_never_runs(browser, tmp_path):
    path = from_networkx(hostile_graph(), title=XSS_LABEL).save(tmp_path / "hostile.html")
    opened = Opened(browser, path)
    page_ = opened.page
    page_.fill("#search", "evil")
    page_.press("#search", "Enter")
    page_.fill("#search", "script")  # the results list shows the alias as text
    assert opened.js("kgView.network.getSelectedNodes()") == ["EVIL"]
    assert page_.locator("#details h3").text_content() == XSS_LABEL
    assert page_.locator("#title").text_content() == XSS_LABEL
    assert opened.js("window.__xss") is None
    assert page_.locator("img").count() == 0 and page_.locator("script").count() == 3
    assert page_.locator("a[href^='javascript']").count() == 0
    assert page_.locator("#details a[href='https://example.org/ok']").text_content() == (
        "<b>bold</b>")
    opened.check_clean()
    opened.page.close()


@pytest.mark.browser
def test_the_notebook_iframe_draws_the_page(browser, tmp_path):
    wrapper = tmp_path / "notebook.html"
    wrapper.write_text("<!DOCTYPE html><meta charset=utf-8>" +
                       from_networkx(hostile_graph())._repr_html_(), encoding="utf-8")
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda e: errors.append(str(e)))
    tab.goto(wrapper.as_uri())
    frame = tab.frames[1]
    frame.wait_for_function("window.kgView && window.kgView.ready !== null")
    assert frame.evaluate("kgView.drawn()") == {"nodes": 3, "edges": 2}
    assert not errors
    tab.close()


def test_page_objects_report_their_size():
    p = Page("<p>é</p>", "t")
    assert len(p) == 9 and "9 bytes" in repr(p)
