"""Chinese press forms: one-character country forms in fixed patterns, words that look like
a country form but are not (中亚, 欧亚), and transliteration variants of names compared by
their pinyin (帕什尼扬 / 帕希尼扬)."""

from __future__ import annotations

import re
from functools import cache

#: one-character forms the press uses, and the state each stands for
ONE_CHAR = {"俄": "RUS", "白": "BLR", "哈": "KAZ", "吉": "KGZ", "塔": "TJK", "土": "TKM",
            "乌": "UZB", "亚": "ARM", "阿": "AZE", "摩": "MDA", "格": "GEO", "中": "CHN",
            "美": "USA"}

#: what may follow a one-character form for it to count (X方, X总统, ...)
_AFTER = ("方", "总统", "总理", "外长", "政府", "军", "外交", "关系", "联盟", "边境", "冲突")

#: words made of a country character that name no country
BLOCKED = ("中亚", "欧亚", "亚洲", "东亚", "西亚", "南亚", "亚太", "东欧", "俄语", "俄文", "中方案",
           "中国人", "美元", "土地", "土耳其", "阿富汗", "白天", "白色", "中心", "中央", "中东",
           "中期", "中间", "中方面", "阿拉伯", "美洲", "哈尔滨", "塔斯", "格局", "摩擦", "乌克兰",
           "亚洲", "亚美尼亚", "阿塞拜疆", "白俄罗斯", "哈萨克斯坦", "吉尔吉斯", "塔吉克斯坦",
           "土库曼斯坦", "乌兹别克斯坦", "摩尔多瓦", "格鲁吉亚", "中国", "美国", "俄罗斯")

_HAN = re.compile(r"[\u4e00-\u9fff]")


def one_char_mentions(text: str, taken: list[bool], present: set[str]) -> list[tuple[int, str]]:
    """(offset, state id) of each one-character country form in a fixed pattern, where the
    state's full name occurs in the text too (``present``) and no longer name covers it.

    Patterns: X方, X总统/总理/外长 ..., two or more forms together (中俄关系, 俄白联盟, 亚阿冲突)
    or listed with 、 (塔、吉、土); 俄 also alone (在俄, 对俄制裁), where 俄罗斯 occurs."""
    found = []
    n = len(text)
    i = 0
    while i < n:
        ch = text[i]
        if ch not in ONE_CHAR or taken[i] or ONE_CHAR[ch] not in present:
            i += 1
            continue
        if any(text.startswith(b, i) or (i > 0 and text.startswith(b, i - 1)
                                         and len(b) > 1 and b[1] == ch) for b in BLOCKED):
            i += 1
            continue
        # a run of one-character forms, possibly with 、 between them
        j, run = i, []
        while j < n and text[j] in ONE_CHAR and not taken[j] and ONE_CHAR[text[j]] in present:
            run.append(j)
            j += 1
            if j < n - 1 and text[j] == "、" and text[j + 1] in ONE_CHAR:
                j += 1
        tail = text[j:j + 2]
        ok = (len(run) >= 2 or any(text.startswith(a, j) for a in _AFTER)
              or (ch == "俄" and tail[:1] not in ("罗", "语", "文")))
        if ok:
            found.extend((k, ONE_CHAR[text[k]]) for k in run)
        i = j if j > i else i + 1
    return found


@cache
def _syllables(ch: str) -> tuple[str, ...]:
    """Every reading of a character (什: shen, shi): names use the rarer ones too."""
    from pypinyin import Style, pinyin

    return tuple(pinyin(ch, style=Style.NORMAL, heteronym=True)[0])


def pinyin_variants(text: str, names: dict[str, set[str]], taken: list[bool]
                    ) -> list[tuple[int, int, str, str]]:
    """(start, end, name, the name's ids) where the text spells a graph name of three or more
    characters differently: same length, same first and last character, and at most one
    syllable different in sound (帕什尼扬 for 帕希尼扬)."""
    from rapidfuzz.distance import Levenshtein

    by_first: dict[str, list[str]] = {}
    for name in names:
        if len(name) >= 3 and all(_HAN.match(c) for c in name):
            by_first.setdefault(name[0], []).append(name)
    found = []
    for i, ch in enumerate(text):
        if taken[i] or ch not in by_first:
            continue
        for name in by_first[ch]:
            end = i + len(name)
            window = text[i:end]
            if (end > len(text) or window == name or window[-1] != name[-1]
                    or any(taken[i:end]) or not all(_HAN.match(c) for c in window)):
                continue
            differ = [k for k in range(len(name)) if window[k] != name[k]]
            if len(differ) != 1:
                continue
            similar = max(Levenshtein.normalized_similarity(a, b) for a in
                          _syllables(window[differ[0]]) for b in _syllables(name[differ[0]]))
            if similar >= 0.3:
                found.append((i, end, name, window))
    return found


_DEFINED = re.compile(r"^[（(]([^（）()\s,，。、]{1,12})[）)]")


def defined_short_form(text: str, end: int) -> tuple[int, int, str] | None:
    """A short form defined in the text right after a name: 集体安全条约组织(集安组织),
    Collective Security Treaty Organization (CSTO); (start, end, form) of the form."""
    rest = text[end:end + 16]
    lead = len(rest) - len(rest.lstrip(" "))
    m = _DEFINED.match(rest[lead:])
    if not m:
        return None
    start = end + lead + 1
    return start, start + len(m.group(1)), m.group(1)
