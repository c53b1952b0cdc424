"""Measure kg.link on 2,000-character articles in the three languages, the automaton's
build (cold, and from the disk cache), `kg link` as a whole process, and a naive baseline
(one regular expression per surface form) finding the same forms, in one run, with ratios.

    python benchmarks/bench_link.py [--repeat 50]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_queries import median_seconds  # this folder is on the path when run as a script

import kg
from kg.link import matcher_for
from kg.link.lexicon import fold
from kg.link.mentions import Matcher

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
SAMPLES = {  # (file, publication date): each cut or repeated to 2,000 characters
    "zh": ("zh-seed-2022-12-cis-informal-summit.md", "2022-12-28"),
    "ru": ("ru-zaks-2025-12-22-cis-informal-spb.txt", "2025-12-22"),
    "en": ("en-tass-2022-10-07-cis-informal-spb.txt", "2022-10-07"),
}


def two_thousand(text: str) -> str:
    while len(text) < 2000:
        text += "\n" + text
    return text[:2000]


def naive_matches(patterns, folded: str) -> list[tuple[int, int, int]]:
    """The baseline: every form's own regular expression over the text, then the same
    longest-first choice of non-overlapping matches."""
    found = [(m.start(), m.end(), i) for i, pattern in patterns for m in pattern.finditer(folded)]
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    taken = [False] * len(folded)
    chosen = []
    for start, end, i in found:
        if not any(taken[start:end]):
            taken[start:end] = [True] * (end - start)
            chosen.append((start, end, i))
    return sorted(chosen)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=50)
    args = parser.parse_args()
    graph = kg.load()
    with tempfile.TemporaryDirectory() as empty:
        os.environ["KG_CACHE_DIR"] = empty
        start = time.perf_counter()
        Matcher(graph)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        Matcher(graph)
        cached = time.perf_counter() - start
        del os.environ["KG_CACHE_DIR"]
    matcher = matcher_for(graph)
    print(f"surface forms: {len(matcher.forms)}")
    print(f"automaton and lexicon: cold build {cold * 1000:.0f} ms, from the disk cache "
          f"{cached * 1000:.0f} ms (then kept with the graph)")
    patterns = [(i, re.compile(re.escape(f.text))) for i, f in enumerate(matcher.forms)]
    print("\n| lang | kg.link, whole (ms) | mentions: automaton (ms) | mentions: regex per "
          "form (ms) | regex / automaton |")
    print("| --- | --- | --- | --- | --- |")
    for lang, (name, day) in SAMPLES.items():
        text = two_thousand((ARTICLES / name).read_text(encoding="utf-8"))
        folded = fold(text)
        whole = median_seconds(lambda t=text, d=day: graph.link(t, date=d), args.repeat)
        auto = median_seconds(lambda f=folded, t=text: matcher.raw_matches(f, t), args.repeat)
        naive = median_seconds(lambda f=folded: naive_matches(patterns, f),
                               max(3, args.repeat // 10))
        print(f"| {lang} | {whole * 1000:.1f} | {auto * 1000:.2f} | {naive * 1000:.1f} | "
              f"{naive / auto:.0f}x |")
    seed = ARTICLES / SAMPLES["zh"][0]
    runs = []
    for _ in range(3):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kg.cli", "link", str(seed), "--date",
                        "2022-12-28"], check=True, capture_output=True, cwd=ROOT)
        runs.append(time.perf_counter() - start)
    print(f"\n`kg link` on the seed article as a whole process (cache warm): "
          f"{statistics.median(runs):.2f} s (median of 3)")


if __name__ == "__main__":
    main()
