"""Reading the news against the graph (kg.link): each language feature the issue lists, each
date form, the seed article, the CLI, and the evaluation on the annotated articles."""

import json
import subprocess
import sys
from datetime import date

import pytest

from kg.link import MissingExtraError, detect_language, matcher_for
from kg.link.dates import find_dates
from tests.conftest import ROOT

ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SEED = ARTICLES / "zh-seed-2022-12-cis-informal-summit.md"
DECEMBER = "2022-12-26-cis-informal-summit"


def linked(graph, text, **kw):
    """(surface text, id) of every linked mention."""
    return [(m.text, m.id) for m in graph.link(text, **kw).mentions]


# ----------------------------------------------------------------------------- Chinese
def test_chinese_full_names_and_press_short_forms(graph):
    found = linked(graph, "独联体、集安组织和欧亚经济联盟的成员国领导人在独立国家联合体框架内会晤",
                   date="2022-12-27")
    assert found == [("独联体", "CIS"), ("集安组织", "CSTO"), ("欧亚经济联盟", "EAEU"),
                     ("独立国家联合体", "CIS")]


def test_chinese_short_form_defined_in_the_text(graph):
    text = "欧亚经济联盟（欧经盟）今天开会。欧经盟成员国讨论了合作。"
    found = graph.link(text, date="2022-12-27").mentions
    assert [(m.text, m.id, m.how) for m in found] == [
        ("欧亚经济联盟", "EAEU", "name"), ("欧经盟", "EAEU", "defined short form"),
        ("欧经盟", "EAEU", "defined short form")]


def test_chinese_one_character_forms_only_in_fixed_patterns(graph):
    text = "俄罗斯、亚美尼亚和阿塞拜疆代表出席。俄方和亚方表示，亚阿冲突应当解决。中亚国家关注。"
    found = [(m.text, m.id) for m in graph.link(text, date="2022-11-25").mentions
             if m.how == "one-character form"]
    assert found == [("俄", "RUS"), ("亚", "ARM"), ("亚", "ARM"), ("阿", "AZE")]
    # without the full name in the text, a one-character form is not taken
    assert linked(graph, "亚方表示不满。", date="2022-11-25") == []


def test_chinese_pair_and_title_patterns(graph):
    text = "中国和俄罗斯领导人会晤，中俄关系发展顺利。俄总统新闻秘书表示……"
    found = linked(graph, text, date="2023-03-21")
    assert ("中", "CHN") in found and ("俄", "RUS") in found
    assert ("俄总统", "vladimir-putin") in found


def test_chinese_union_by_date(graph):
    found = linked(graph, "俄罗斯与白俄罗斯：俄白联盟", date="2005-01-01")
    assert ("俄白联盟", "UNION-STATE") in found


def test_chinese_transliteration_variant(graph):
    # the graph spells him 帕希尼扬; Xinhua writes 帕什尼扬
    found = graph.link("亚美尼亚总理帕什尼扬没有出席此次峰会。", date="2023-11-23").mentions
    assert [(m.text, m.id, m.how) for m in found] == [
        ("亚美尼亚总理", "nikol-pashinyan", "title"),
        ("帕什尼扬", "nikol-pashinyan", "transliteration variant")]


def test_chinese_title_resolves_to_the_holder_on_the_day(graph):
    assert linked(graph, "俄罗斯总统普京", date="2022-12-27") == [
        ("俄罗斯总统", "vladimir-putin"), ("普京", "vladimir-putin")]
    assert linked(graph, "俄罗斯总统表示", date="2010-01-01") == [
        ("俄罗斯总统", "dmitry-medvedev")]


def test_chinese_names_not_in_the_graph_are_unlinked(graph):
    result = graph.link("白俄罗斯外长阿列伊尼克说，集安组织将继续合作。", date="2023-11-23")
    assert [m.text for m in result.unlinked] == ["阿列伊尼克"]
    assert all(m.id != "alexander-lukashenko" for m in result.mentions)


def test_chinese_institutions_and_newspapers_are_not_places(graph):
    text = "中国社科院俄罗斯东欧中亚研究所的专家指出，如《俄罗斯报》所言，俄罗斯重视独联体。"
    assert linked(graph, text, date="2022-12-28") == [("俄罗斯", "RUS"), ("独联体", "CIS")]


# ----------------------------------------------------------------------------- Russian
@pytest.mark.parametrize("text, ident", [
    ("Путина", "vladimir-putin"), ("Токаеву", "kassym-jomart-tokayev"),
    ("Казахстаном", "KAZ"), ("в СНГ", "CIS"), ("Белоруссии", "BLR"),
    ("Александру Лукашенко", "alexander-lukashenko"), ("Пашиняном", "nikol-pashinyan"),
    ("Организации Договора о коллективной безопасности", "CSTO"),
    ("Евразийского экономического союза", "EAEU"), ("Санкт-Петербурге", "saint-petersburg"),
    ("Мирзиёевым", "shavkat-mirziyoyev"), ("Мирзиеевым", "shavkat-mirziyoyev"),
])
def test_russian_case_forms(graph, text, ident):
    found = linked(graph, f"Речь шла о том, что {text} касается.", date="2023-01-10")
    assert [i for _, i in found] == [ident]


def test_russian_titles_and_a_surname_is_not_a_lemma(graph):
    text = "Президент Казахстана Касым-Жомарт Токаев встретился с президентом Киргизии."
    assert linked(graph, text, date="2022-12-27") == [
        ("Президент Казахстана", "kassym-jomart-tokayev"),
        ("Касым-Жомарт Токаев", "kassym-jomart-tokayev"),
        ("президентом Киргизии", "sadyr-japarov")]
    # "токай" (a lemmatiser's form of Токаеву) is nobody's name
    assert linked(graph, "токай", date="2022-12-27") == []


def test_russian_capitalised_commonwealth_only(graph):
    assert linked(graph, "Содружество утвердилось.", date="2025-12-22") == [
        ("Содружество", "CIS")]
    assert linked(graph, "содружество наций", date="2025-12-22") == []


# ----------------------------------------------------------------------------- English
def test_english_spelling_variants(graph):
    for text in ("Aleksandr Lukashenko", "Alexander Lukashenko", "Aliaksandr Lukashenka"):
        assert linked(graph, f"Belarus: {text} spoke.", date="2022-11-23") == [
            ("Belarus", "BLR"), (text, "alexander-lukashenko")]
    assert linked(graph, "Emomali Rakhmon came.", date="2022-10-07") == [
        ("Emomali Rakhmon", "emomali-rahmon")]


def test_proper_names_only_with_a_capital(graph):
    assert linked(graph, "They ate turkey; Turkey objected.", date="2022-01-01") == [
        ("Turkey", "TUR")]
    assert linked(graph, "ST. PETERSBURG, October 7.", date="2022-10-07") == [
        ("ST. PETERSBURG", "saint-petersburg")]


def test_english_demonyms_and_capitals_by_date(graph):
    text = "The Kyrgyz leader and the Tajik leader arrived in the Armenian capital."
    assert linked(graph, text, date="2022-11-23") == [
        ("Kyrgyz leader", "sadyr-japarov"), ("Tajik leader", "emomali-rahmon"),
        ("Armenian capital", "yerevan")]
    assert linked(graph, "the Kyrgyz leader", date="2015-06-01") == [
        ("Kyrgyz leader", "almazbek-atambayev")]


def test_english_title_with_a_name_by_date(graph):
    assert linked(graph, "President of Kazakhstan", date="2015-01-01") == [
        ("President of Kazakhstan", "nursultan-nazarbayev")]
    assert linked(graph, "President of Kazakhstan", date="2022-12-27") == [
        ("President of Kazakhstan", "kassym-jomart-tokayev")]


@pytest.mark.parametrize("surname, day, ident", [
    ("Berdimuhamedov", "2010-01-01", "gurbanguly-berdimuhamedow"),
    ("Berdimuhamedov", "2023-01-01", "serdar-berdimuhamedow"),
    ("Aliyev", "2000-01-01", "heydar-aliyev"), ("Aliyev", "2010-01-01", "ilham-aliyev"),
])
def test_shared_surnames_by_date(graph, surname, day, ident):
    assert linked(graph, f"{surname} said so.", date=day) == [(surname, ident)]


def test_a_name_not_in_the_graph_is_unlinked_never_someone_else(graph):
    result = graph.link("Belarusian Foreign Minister Sergei Aleinik said so.", date="2023-11-23")
    assert [m.text for m in result.unlinked] == ["Sergei Aleinik"]
    assert [m.text for m in result.mentions] == []
    without_date = graph.link("Berdimuhamedov said so.")
    assert without_date.mentions == [] and without_date.unlinked[0].candidates == [
        "gurbanguly-berdimuhamedow", "serdar-berdimuhamedow"]


# ----------------------------------------------------------------------------- dates
@pytest.mark.parametrize("text, lang, day, first, last", [
    ("12月26日至27日", "zh", "2022-12-28", "2022-12-26", "2022-12-27"),
    ("26日至27日", "zh", "2022-12-28", "2022-12-26", "2022-12-27"),
    ("2002年5月", "zh", None, "2002-05-01", "2002-05-31"),
    ("今年1月", "zh", "2023-11-23", "2023-01-01", "2023-01-31"),
    ("本月9日", "zh", "2023-11-15", "2023-11-09", "2023-11-09"),
    ("上世纪90年代", "zh", None, "1990-01-01", "1999-12-31"),
    ("去年", "zh", "2022-11-25", "2021-01-01", "2021-12-31"),
    ("вчера", "ru", "2022-10-13", "2022-10-12", "2022-10-12"),
    ("12 октября", "ru", "2022-10-13", "2022-10-12", "2022-10-12"),
    ("с 26 по 27 декабря", "ru", "2022-12-20", "2022-12-26", "2022-12-27"),
    ("26–27 декабря 2022 года", "ru", None, "2022-12-26", "2022-12-27"),
    ("в январе этого года", "ru", "2023-11-14", "2023-01-01", "2023-01-31"),
    ("Двадцать шестого октября", "ru", "2023-11-15", "2023-10-26", "2023-10-26"),
    ("15.11.2023", "ru", None, "2023-11-15", "2023-11-15"),
    ("on November 23", "en", "2022-11-24", "2022-11-23", "2022-11-23"),
    ("on 23 November", "en", "2022-11-24", "2022-11-23", "2022-11-23"),
    ("December 26-27", "en", "2022-12-28", "2022-12-26", "2022-12-27"),
    ("May 11, 2021", "en", None, "2021-05-11", "2021-05-11"),
    ("yesterday", "en", "2023-12-27", "2023-12-26", "2023-12-26"),
    ("on Wednesday", "en", "2022-11-24", "2022-11-23", "2022-11-23"),
    ("next week", "en", "2022-10-07", "2022-10-10", "2022-10-16"),
    ("In October 2022", "en", None, "2022-10-01", "2022-10-31"),
    ("In 2024", "en", None, "2024-01-01", "2024-12-31"),
])
def test_date_forms(text, lang, day, first, last):
    found = find_dates(text, date.fromisoformat(day) if day else None, lang)
    assert [(str(d.first), str(d.last)) for d in found] == [(first, last)], found


@pytest.mark.parametrize("month", ["January", "May", "September", "Sept.", "Dec."])
def test_every_english_month_spelling(month):
    found = find_dates(f"on {month} 3 and in {month} 2021", date(2023, 6, 15), "en")
    assert len(found) == 2 and all(d.first for d in found)


def test_a_range_and_a_relative_date_in_one_sentence():
    found = find_dates("вчера, 12 октября", date(2022, 10, 13), "ru")
    assert [(d.text, str(d.first)) for d in found] == [("вчера", "2022-10-12"),
                                                       ("12 октября", "2022-10-12")]
    assert [d.start for d in found] == [0, 7]


def test_a_day_without_its_year_and_no_publication_date():
    found = find_dates("26日至27日", None, "zh")
    assert (found[0].first, found[0].last) == (None, None)


# ----------------------------------------------------------------------------- the seed
@pytest.fixture(scope="module")
def seed(graph):
    return graph.link(SEED.read_text(encoding="utf-8"), date="2022-12-28")


def test_seed_mentions(seed):
    by_text = {(m.text, m.id) for m in seed.mentions}
    assert {("普京", "vladimir-putin"), ("独联体", "CIS"), ("卢卡申科", "alexander-lukashenko"),
            ("土库曼斯坦总统", "serdar-berdimuhamedow"), ("集安组织", "CSTO"),
            ("俄", "RUS"), ("土", "TKM"), ("塔", "TJK"), ("拉赫蒙", "emomali-rahmon")} <= by_text
    text = seed.text
    for m in seed.mentions:
        assert text[m.start:m.end] == m.text
    assert "杨进" in {m.text for m in seed.unlinked}


def test_seed_event_first_and_its_dates(seed):
    assert seed.events[0]["id"] == DECEMBER
    first = seed.dates[0]
    assert (first.text, str(first.first), str(first.last)) == ("26日至27日", "2022-12-26",
                                                               "2022-12-27")


def test_seed_checks(seed):
    checks = {(c["kind"], c["subject"], str(c["object"])): c for c in seed.checks}
    absent = checks[("attendance", "MDA", DECEMBER)]
    assert absent["said"] == "absent" and absent["verdict"] == "agrees"
    assert absent["sources"]
    assert checks[("attendance", "serdar-berdimuhamedow", DECEMBER)]["verdict"] == "agrees"
    assert checks[("membership", "TKM", "CIS")]["said"] == "associate"
    assert checks[("membership", "TKM", "CIS")]["verdict"] == "agrees"
    assert checks[("founding", "CIS", "1991年12月")]["verdict"] == "agrees"
    assert checks[("seat", "CIS", "minsk")]["verdict"] == "agrees"
    assert checks[("withdrawal", "GEO", "CIS")]["verdict"] == "agrees"
    assert all(c["verdict"] != "disagrees" for c in seed.checks)


def test_pashinyan_absent_and_a_wrong_founding_date(graph):
    text = (ARTICLES / "zh-xinhua-2023-11-23-csto-minsk.txt").read_text(encoding="utf-8")
    result = graph.link(text, date="2023-11-23")
    assert result.events[0]["id"] == "2023-11-23-csto-collective-security-council"
    checks = {(c["kind"], c["subject"]): c for c in result.checks}
    pashinyan = checks[("attendance", "nikol-pashinyan")]
    assert (pashinyan["said"], pashinyan["verdict"]) == ("absent", "agrees")
    # "集安组织成立于2002年5月": the graph dates the CSTO from its charter's entry into force
    founding = checks[("founding", "CSTO")]
    assert founding["verdict"] == "disagrees" and "2002-10-07" in founding["facts"][0]


@pytest.mark.parametrize("text, lang, day, said, verdict", [
    ("On December 26 all heads of state arrived in St. Petersburg for the informal CIS "
     "summit.", "en", "2022-12-27", "all", "disagrees"),       # Moldova stayed away
    ("On November 23 all the heads of state arrived in Yerevan for the CSTO summit.", "en",
     "2022-11-24", "all", "agrees"),
    ("Six leaders attended the CSTO summit in Yerevan on November 23.", "en", "2022-11-24", 6,
     "agrees"),
    ("26 декабря все лидеры стран СНГ собрались в Санкт-Петербурге.", "ru", "2022-12-27",
     "all", "disagrees"),
    ("26日，独联体9位领导人齐聚圣彼得堡。", "zh", "2022-12-27", 9, "agrees"),
])
def test_how_many_came(graph, text, lang, day, said, verdict):
    result = graph.link(text, lang=lang, date=day)
    counts = [c for c in result.checks if c["kind"] == "attendance-count"]
    assert [(c["object"], c["verdict"]) for c in counts] == [(said, verdict)], result.checks


def test_an_office_claim_that_disagrees(graph):
    result = graph.link("Kazakh President Nursultan Nazarbayev arrived in Minsk.",
                        date="2022-12-27")
    office = [c for c in result.checks if c["kind"] == "office"]
    assert [(c["subject"], c["verdict"]) for c in office] == [
        ("nursultan-nazarbayev", "disagrees")]


# ----------------------------------------------------------------------------- API, CLI
def test_the_automaton_is_built_once_per_graph(graph):
    assert matcher_for(graph) is matcher_for(graph)


def test_language_detection():
    assert detect_language("独联体国家领导人") == "zh"
    assert detect_language("Пашинян не приедет") == "ru"
    assert detect_language("Pashinyan will not come") == "en"


def test_import_kg_does_not_load_the_linker():
    code = ("import sys, kg; kg.load(); print(sorted(m for m in ('ahocorasick', 'pymorphy3', "
            "'pypinyin', 'rapidfuzz', 'kg.link') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_cli_json_markdown_html(tmp_path):
    from kg.cli import main

    out = tmp_path / "seed.json"
    assert main(["link", str(SEED), "--date", "2022-12-28", "--out", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert {"mentions", "dates", "events", "checks"} <= set(data)
    assert data["events"][0]["id"] == DECEMBER
    md = tmp_path / "seed.md"
    assert main(["link", str(SEED), "--date", "2022-12-28", "--format", "md",
                 "--out", str(md)]) == 0
    assert "| attendance | MDA |" in md.read_text(encoding="utf-8")


def test_html_escapes_the_article_and_the_labels(graph, tmp_path):
    from kg.cli import main

    article = tmp_path / "a.txt"
    article.write_text('<script>alert(1)</script> Putin met "Lukashenko" & <b>Tokayev</b>.',
                       encoding="utf-8")
    page = tmp_path / "a.html"
    assert main(["link", str(article), "--format", "html", "--date", "2022-12-27",
                 "--out", str(page)]) == 0
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<b>Tokayev" not in html and 'href="#entity-vladimir-putin"' in html


def test_html_draws_the_subgraph_with_kg_viz(graph):
    result = graph.link(SEED.read_text(encoding="utf-8"), date="2022-12-28")
    from kg.link.report import subgraph_page

    page = subgraph_page(result, graph)
    assert page is not None and "vis.Network" in page.html
    assert DECEMBER in page.html and "vladimir-putin" in page.html
    html = result.to_html(graph)
    assert '<iframe title="The article&#x27;s subgraph on 2022-12-26" sandbox="allow-scripts"' \
        in html


def test_cli_errors(tmp_path, capsys, monkeypatch):
    from kg.cli import main

    assert main(["link", str(tmp_path / "missing.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "pymorphy3" else real(name, *a))
    assert main(["link", str(SEED)]) == 2
    err = capsys.readouterr().err
    assert "pymorphy3" in err and "postsoviet-kg[link]" in err
    with pytest.raises(MissingExtraError):
        from kg.link import require

        require()


# ----------------------------------------------------------------------------- evaluation
@pytest.mark.parametrize("folder, precision, dates", [("", 0.97, 1.0), ("heldout", 0.97, 0.85),
                                                     ("heldout2", 0.97, 1.0)])
def test_evaluation_meets_the_targets(graph, folder, precision, dates):
    """The issue's targets (mention precision >= 0.97, recall >= 0.95, the event first, every
    verdict right) on the development set and both held-out sets."""
    from kg.link.evaluate import evaluate

    report = evaluate(graph, ARTICLES / folder if folder else ARTICLES)
    assert set(report["languages"]) == {"zh", "ru", "en"}
    for lang, scores in report["languages"].items():
        assert scores["articles"] >= (2 if folder != "heldout2" else 1), lang
        assert scores["precision"] >= precision and scores["recall"] >= 0.95, (lang, scores)
        assert scores["event_accuracy"] == 1.0, lang
        assert scores["claim_accuracy"] == 1.0, (lang, scores)
        assert scores["date_accuracy"] >= dates, (lang, scores)
        if folder != "heldout2":
            assert scores["wrong_links_to_unlinked"] == 0, lang


def test_claims_about_states_statuses_and_refusals(graph):
    text = ("The summit is attended by the presidents of Belarus, Kyrgyzstan and Uzbekistan. "
            "The leadership of Armenia, a CSTO member state, refused to take part.")
    checks = {(c["kind"], c["subject"]): c for c in graph.link(
        "CSTO summit in Astana. " + text, date="2024-11-28").checks}
    assert checks[("attendance", "BLR")]["verdict"] == "agrees"
    assert checks[("attendance", "UZB")]["verdict"] == "not in the graph"
    assert (checks[("attendance", "ARM")]["said"], checks[("attendance", "ARM")]["verdict"]) == (
        "absent", "agrees")
    # the graph has Armenia's CSTO membership frozen since 2024-02-22
    assert checks[("membership", "ARM")]["verdict"] == "disagrees"
    observers = graph.link("2020年12月11日，欧亚经济联盟同意接收乌兹别克斯坦和古巴"
                           "为欧亚经济联盟观察员国。", date="2020-12-17").checks
    assert [(c["subject"], c["said"], c["verdict"]) for c in observers
            if c["kind"] == "membership"] == [("UZB", "observer", "agrees"),
                                              ("CUB", "observer", "agrees")]


# ----------------------------------------------------------------------------- in a browser
@pytest.mark.browser
def test_the_html_page_draws_the_subgraph_offline_and_runs_no_article_text(graph, tmp_path):
    import os

    from tests.test_viz import ALLOWED, ARGS, CHROMIUM

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail("the browser tests need Debian's Chromium at /usr/bin/chromium")
    from playwright.sync_api import sync_playwright

    from kg.network import network

    text = SEED.read_text(encoding="utf-8") + "\n<script>window.pwned = 1</script>\n<img src=x>"
    result = graph.link(text, date="2022-12-28")
    path = tmp_path / "seed.html"
    path.write_text(result.to_html(graph), encoding="utf-8")
    shown = network(graph, "full", at=result.events[0]["start"])
    expected = {m.id for m in result.mentions if m.id in shown} | {DECEMBER}
    errors, requests = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        page = browser.new_page(viewport={"width": 1500, "height": 1000})
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("request", lambda r: requests.append(r.url))
        page.route("**/*", lambda route: route.continue_()
                   if route.request.url.startswith(ALLOWED) else route.abort())
        page.goto(path.as_uri())
        frame = page.frames[1]
        frame.wait_for_function("window.kgView && window.kgView.ready !== null")
        drawn = frame.evaluate("kgView.drawn()")
        assert drawn["nodes"] == len(expected) >= 20
        assert page.evaluate("window.pwned") is None
        assert "<script>window.pwned = 1</script>" in page.inner_text(".article")
        assert page.locator(".mention").count() >= len(result.mentions)
        ARTIFACTS = ROOT / "tests" / "artifacts"
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "link-seed.png"))
        browser.close()
    assert not errors, errors
    assert [u for u in requests if not u.startswith(ALLOWED)] == []


def test_the_supreme_council_is_not_the_commission(graph):
    """Chinese reports name the Supreme Eurasian Economic Council 欧亚经济委员会最高理事会;
    the Commission (EEC) is linked only when the text means the Commission."""
    council = graph.link("欧亚经济委员会最高理事会会议12月11日以视频方式举行。", lang="zh",
                         date="2020-12-17")
    assert "EEC" not in [m.id for m in council.mentions]
    commission = graph.link("欧亚经济委员会主席米亚斯尼科维奇出席会议。", lang="zh",
                            date="2020-12-17")
    assert "EEC" in [m.id for m in commission.mentions]
