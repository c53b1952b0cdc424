"""Dates in Chinese, Russian and English news: absolute, partial (a month, a year, a day
without its year) and relative ("yesterday", "вчера", "今年", "on Wednesday"), and ranges
("12月26日至27日", "26–27 декабря", "December 26-27"), each as an interval [start, end] with
its offsets. ``day`` is the article's publication date, which resolves what the text leaves
out; without it, a date missing its year is reported with start and end None."""

from __future__ import annotations

import calendar
import re
from dataclasses import asdict, dataclass
from datetime import date, timedelta


@dataclass
class DateMention:
    start: int
    end: int
    text: str
    first: date | None
    last: date | None
    precision: str          # day, month, year
    how: str                # absolute, partial, relative, range

    def to_dict(self) -> dict:
        out = asdict(self)
        out["first"] = self.first.isoformat() if self.first else None
        out["last"] = self.last.isoformat() if self.last else None
        return out


RU_MONTHS = {"январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7,
             "август": 8, "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12}
_RU_MONTH = (r"(января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|"
             r"декабря|январе|феврале|марте|апреле|мае|июне|июле|августе|сентябре|октябре|"
             r"ноябре|декабре|январь|февраль|март|апрель|май|июнь|июль|август|сентябрь|"
             r"октябрь|ноябрь|декабрь)")
EN_MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
EN_MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m})
_EN_MONTH = (r"(January|February|March|April|May|June|July|August|September|October|November|"
             r"December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)")
_DASH = r"\s*[-–—]\s*"
RU_WEEKDAYS = {"понедельник": 0, "вторник": 1, "среду": 2, "среда": 2, "четверг": 3,
               "пятницу": 4, "пятница": 4, "субботу": 5, "суббота": 5, "воскресенье": 6}
EN_WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}


def _ru_month(word: str) -> int:
    word = word.lower()
    for stem, number in sorted(RU_MONTHS.items(), key=lambda kv: -len(kv[0])):
        if word.startswith(stem):
            return number
    raise ValueError(word)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _year_for(month: int, day_of_month: int | None, ref: date | None) -> int | None:
    """The year of a date given without one: the one that puts it nearest the article's
    date (a report of 28 December about "26 December"; one of 2 January about "30 December")."""
    if ref is None:
        return None
    best = None
    for year in (ref.year - 1, ref.year, ref.year + 1):
        try:
            candidate = date(year, month, day_of_month or 1)
        except ValueError:
            continue
        distance = abs((candidate - ref).days)
        if best is None or distance < best[0]:
            best = (distance, year)
    return best[1] if best else None


def _safe(year, month, day_of_month) -> date | None:
    try:
        return date(year, month, day_of_month)
    except (TypeError, ValueError):
        return None


class _Collector:
    def __init__(self, text: str):
        self.text = text
        self.taken = [False] * len(text)
        self.found: list[DateMention] = []

    def add(self, m: re.Match | tuple[int, int], first, last, precision, how) -> None:
        start, end = m.span() if isinstance(m, re.Match) else m
        if any(self.taken[start:end]):
            return
        for k in range(start, end):
            self.taken[k] = True
        self.found.append(DateMention(start, end, self.text[start:end], first, last,
                                      precision, how))


# ----------------------------------------------------------------------------- Chinese
_ZH_FULL = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日(?:(?:至|到|—|-|～|~)(\d{1,2})日)?")
_ZH_MD = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日(?:(?:至|到|—|-|～|~)(?:(\d{1,2})月)?"
                    r"(\d{1,2})日)?")
_ZH_YM = re.compile(r"(\d{4})年(\d{1,2})月(?!\d)")
_ZH_Y = re.compile(r"(\d{4})年(?!\d|代)")
_ZH_M = re.compile(r"(?<![\d年])(\d{1,2})月(?![\d日份])")
_ZH_DECADE = re.compile(r"(上世纪|本世纪)?(\d0)年代")
_ZH_WEEK = re.compile(r"(上周|本周|下周|这周)")
_ZH_AFTER = re.compile(r"(一|两|二|三|四|五|六|七|八|九|十|\d{1,2})(周|天|日|个月)"
                       r"(后|前|以后|之后|以前)")
_ZH_NUMBERS = {c: i for i, c in enumerate("零一二三四五六七八九十")} | {"两": 2}
_ZH_D = re.compile(r"(?<![\d月年])(\d{1,2})日(?:(?:至|到|—|-)(\d{1,2})日)?")
_ZH_REL = re.compile(r"(今年|去年|明年|前年|今天|昨天|明天|昨日|今日|本月|上月|下月)"
                     r"(?:(\d{1,2})月(?:(\d{1,2})日)?|(\d{1,2})日)?")


def _zh(c: _Collector, ref: date | None) -> None:
    text = c.text
    for m in _ZH_FULL.finditer(text):
        y, mo, d, d2 = int(m[1]), int(m[2]), int(m[3]), m[4]
        c.add(m, _safe(y, mo, d), _safe(y, mo, int(d2) if d2 else d), "day",
              "range" if d2 else "absolute")
    for m in _ZH_REL.finditer(text):
        word = m[1]
        offset = {"今年": 0, "去年": -1, "明年": 1, "前年": -2}
        if ref is None:
            c.add(m, None, None, "day", "relative")
            continue
        if word in offset:
            y = ref.year + offset[word]
            if m[2]:
                mo = int(m[2])
                if m[3]:
                    c.add(m, _safe(y, mo, int(m[3])), _safe(y, mo, int(m[3])), "day",
                          "relative")
                else:
                    c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "relative")
            else:
                c.add(m, date(y, 1, 1), date(y, 12, 31), "year", "relative")
        elif word in ("本月", "上月", "下月"):
            shift = {"本月": 0, "上月": -1, "下月": 1}[word]
            y, mo = divmod(ref.year * 12 + ref.month - 1 + shift, 12)
            if m[4]:
                d = _safe(y, mo + 1, int(m[4]))
                c.add(m, d, d, "day", "relative")
            else:
                c.add(m, date(y, mo + 1, 1), _month_end(y, mo + 1), "month", "relative")
        else:
            shift = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "明天": 1}[word]
            d = ref + timedelta(days=shift)
            c.add((m.start(), m.start() + len(word)), d, d, "day", "relative")
    for m in _ZH_YM.finditer(text):
        y, mo = int(m[1]), int(m[2])
        if 1 <= mo <= 12:
            c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "absolute")
    for m in _ZH_MD.finditer(text):
        mo, d = int(m[1]), int(m[2])
        y = _year_for(mo, d, ref)
        mo2 = int(m[3]) if m[3] else mo
        d2 = int(m[4]) if m[4] else d
        y2 = y if y is None or mo2 >= mo else y + 1
        c.add(m, _safe(y, mo, d), _safe(y2, mo2, d2), "day", "range" if m[4] else "partial")
    for m in _ZH_DECADE.finditer(text):
        century = 1900 if m[1] == "上世纪" or (m[1] is None and ref and int(m[2]) > ref.year % 100)\
            else 2000
        y = century + int(m[2])
        c.add(m, date(y, 1, 1), date(y + 9, 12, 31), "year", "absolute")
    for m in _ZH_Y.finditer(text):
        y = int(m[1])
        c.add(m, date(y, 1, 1), date(y, 12, 31), "year", "absolute")
    for m in _ZH_M.finditer(text):
        mo = int(m[1])
        y = _year_for(mo, None, ref)
        if 1 <= mo <= 12 and y is not None:
            c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "partial")
    for m in _ZH_WEEK.finditer(text):
        if ref is not None:
            c.add(m, *_week(ref, {"上周": -1, "本周": 0, "这周": 0, "下周": 1}[m[1]]), "day",
                  "relative")
    for m in _ZH_AFTER.finditer(text):
        # counted from the last day named before it (10月7日……仅一周后), else the article's
        before = [d for d in c.found if d.end <= m.start() and d.precision == "day" and d.last]
        base = max(before, key=lambda d: d.end).last if before else ref
        if base is None or m[2] == "个月":
            continue
        n = int(m[1]) if m[1].isdigit() else _ZH_NUMBERS[m[1]]
        days = n * 7 if m[2] == "周" else n
        d = base + timedelta(days=days if m[3] != "前" and m[3] != "以前" else -days)
        c.add(m, d, d, "day", "relative")
    for m in _ZH_D.finditer(text):
        d, d2 = int(m[1]), m[2]
        if ref is None:
            c.add(m, None, None, "day", "partial")
            continue
        # a bare day of the month: this month, or last month if it is still to come
        y, mo = ref.year, ref.month
        if d > ref.day + 1:
            y, mo = (y, mo - 1) if mo > 1 else (y - 1, 12)
        c.add(m, _safe(y, mo, d), _safe(y, mo, int(d2) if d2 else d), "day",
              "range" if d2 else "partial")


# ----------------------------------------------------------------------------- Russian
_RU_RANGE = re.compile(r"(?:с\s+)?(\d{1,2})(?:" + _DASH + r"|\s+по\s+)(\d{1,2})\s+" + _RU_MONTH
                       + r"(?:\s+(\d{4})(?:\s+года|\s+г\.)?)?", re.I)
_RU_DMY = re.compile(r"(?<!\d)(\d{1,2})\s+" + _RU_MONTH
                     + r"(?:\s+(\d{4})(?:\s+года|\s+г\.)?)?", re.I)
_RU_MY = re.compile(r"(?:в\s+)?" + _RU_MONTH + r"\s+(\d{4})(?:\s+года)?", re.I)
_RU_MONTH_THIS = re.compile(r"(?:в\s+)?" + _RU_MONTH + r"\s+(этого|прошлого|текущего|"
                            r"следующего)\s+года", re.I)
_RU_Y = re.compile(r"(?:в\s+)?(\d{4})(?:\s*[-–]?\s*(?:м|го))?\s+(году|года|год|г\.)", re.I)
_RU_REL = re.compile(r"\b(вчера|сегодня|завтра|позавчера|в этом году|в прошлом году|"
                     r"в следующем году|в (?:понедельник|вторник|среду|четверг|пятницу|"
                     r"субботу|воскресенье))\b", re.I)
_RU_WEEK = re.compile(r"\b(на прошлой неделе|на этой неделе|на следующей неделе)\b", re.I)
_RU_ORDINALS = {
    "первого": 1, "второго": 2, "третьего": 3, "четвертого": 4, "пятого": 5, "шестого": 6,
    "седьмого": 7, "восьмого": 8, "девятого": 9, "десятого": 10, "одиннадцатого": 11,
    "двенадцатого": 12, "тринадцатого": 13, "четырнадцатого": 14, "пятнадцатого": 15,
    "шестнадцатого": 16, "семнадцатого": 17, "восемнадцатого": 18, "девятнадцатого": 19,
    "двадцатого": 20, "тридцатого": 30}
_RU_WORD_DAY = re.compile(r"\b((?:двадцать|тридцать)\s+)?(" + "|".join(_RU_ORDINALS) + r")\s+"
                          + _RU_MONTH + r"(?:\s+(\d{4})(?:\s+года)?)?", re.I)
_RU_NUMERIC = re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4})\b")


def _ru(c: _Collector, ref: date | None) -> None:
    text = c.text
    for m in _RU_NUMERIC.finditer(text):
        d = _safe(int(m[3]), int(m[2]), int(m[1]))
        c.add(m, d, d, "day", "absolute")
    for m in _RU_WORD_DAY.finditer(text):
        tens = {"двадцать": 20, "тридцать": 30}.get((m[1] or "").strip().lower(), 0)
        day_of_month = tens + _RU_ORDINALS[m[2].lower().replace("ё", "е")]
        mo = _ru_month(m[3])
        y = int(m[4]) if m[4] else _year_for(mo, day_of_month, ref)
        d = _safe(y, mo, day_of_month)
        c.add(m, d, d, "day", "absolute" if m[4] else "partial")
    for m in _RU_RANGE.finditer(text):
        mo = _ru_month(m[3])
        y = int(m[4]) if m[4] else _year_for(mo, int(m[1]), ref)
        c.add(m, _safe(y, mo, int(m[1])), _safe(y, mo, int(m[2])), "day", "range")
    for m in _RU_DMY.finditer(text):
        mo = _ru_month(m[2])
        y = int(m[3]) if m[3] else _year_for(mo, int(m[1]), ref)
        d = _safe(y, mo, int(m[1]))
        c.add(m, d, d, "day", "absolute" if m[3] else "partial")
    for m in _RU_MONTH_THIS.finditer(text):
        mo = _ru_month(m[1])
        if ref is None:
            c.add(m, None, None, "month", "relative")
            continue
        y = ref.year + {"этого": 0, "текущего": 0, "прошлого": -1, "следующего": 1}[m[2].lower()]
        c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "relative")
    for m in _RU_MY.finditer(text):
        mo, y = _ru_month(m[1]), int(m[2])
        c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "absolute")
    for m in _RU_Y.finditer(text):
        y = int(m[1])
        c.add(m, date(y, 1, 1), date(y, 12, 31), "year", "absolute")
    for m in _RU_WEEK.finditer(text):
        if ref is not None:
            shift = {"прошлой": -1, "этой": 0, "следующей": 1}[m[1].split()[1].lower()]
            c.add(m, *_week(ref, shift), "day", "relative")
    for m in _RU_REL.finditer(text):
        word = m[1].lower()
        if ref is None:
            c.add(m, None, None, "day", "relative")
            continue
        if word.endswith("году"):
            y = ref.year + (-1 if "прошлом" in word else 1 if "следующем" in word else 0)
            c.add(m, date(y, 1, 1), date(y, 12, 31), "year", "relative")
            continue
        if word.startswith("в "):
            d = _last_weekday(ref, RU_WEEKDAYS[word[2:]])
        else:
            d = ref + timedelta(days={"вчера": -1, "сегодня": 0, "завтра": 1,
                                      "позавчера": -2}[word])
        c.add(m, d, d, "day", "relative")


def _week(ref: date, shift: int) -> tuple[date, date]:
    """Monday to Sunday of the week ``shift`` weeks from the one of ``ref``."""
    monday = ref - timedelta(days=ref.weekday()) + timedelta(weeks=shift)
    return monday, monday + timedelta(days=6)


def _last_weekday(ref: date, weekday: int) -> date:
    """The weekday a news report means: this day's, or the latest one before it."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


# ----------------------------------------------------------------------------- English
_EN_MDY = re.compile(_EN_MONTH + r"\s+(\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:" + _DASH +
                     r"(\d{1,2})(?:st|nd|rd|th)?)?(?:,?\s+(\d{4}))?", re.I)
_EN_DMY = re.compile(r"(?<!\d)(\d{1,2})(?:st|nd|rd|th)?(?:" + _DASH + r"(\d{1,2}))?\s+(?:of\s+)?"
                     + _EN_MONTH + r"(?:,?\s+(\d{4}))?", re.I)
_EN_MY = re.compile(_EN_MONTH + r",?\s+(\d{4})", re.I)
_EN_Y = re.compile(r"\b(?i:in|since|of|by|until|from)\s+(\d{4})\b")
_EN_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_EN_REL = re.compile(r"\b((?i:yesterday|today|tomorrow|last year|this year|next year|"
                     r"the day before)|(?:(?i:on|last)\s+)?(?:Monday|Tuesday|Wednesday|"
                     r"Thursday|Friday|Saturday|Sunday))\b")
_EN_WEEK = re.compile(r"\b(last week|this week|next week)\b", re.I)


def _en_month(word: str) -> int:
    word = word.lower().rstrip(".")
    return EN_MONTHS["sep" if word == "sept" else word]


def _en(c: _Collector, ref: date | None) -> None:
    text = c.text
    for m in _EN_ISO.finditer(text):
        d = _safe(int(m[1]), int(m[2]), int(m[3]))
        c.add(m, d, d, "day", "absolute")
    for m in _EN_MDY.finditer(text):
        mo = _en_month(m[1])
        y = int(m[4]) if m[4] else _year_for(mo, int(m[2]), ref)
        d2 = int(m[3]) if m[3] else int(m[2])
        c.add(m, _safe(y, mo, int(m[2])), _safe(y, mo, d2), "day",
              "range" if m[3] else "absolute" if m[4] else "partial")
    for m in _EN_DMY.finditer(text):
        mo = _en_month(m[3])
        y = int(m[4]) if m[4] else _year_for(mo, int(m[1]), ref)
        d2 = int(m[2]) if m[2] else int(m[1])
        c.add(m, _safe(y, mo, int(m[1])), _safe(y, mo, d2), "day",
              "range" if m[2] else "absolute" if m[4] else "partial")
    for m in _EN_MY.finditer(text):
        mo, y = _en_month(m[1]), int(m[2])
        c.add(m, date(y, mo, 1), _month_end(y, mo), "month", "absolute")
    for m in _EN_Y.finditer(text):
        y = int(m[1])
        if 1900 < y < 2100:
            c.add((m.start(1), m.end(1)), date(y, 1, 1), date(y, 12, 31), "year", "absolute")
    for m in _EN_WEEK.finditer(text):
        if ref is not None:
            shift = {"last": -1, "this": 0, "next": 1}[m[1].split()[0].lower()]
            c.add(m, *_week(ref, shift), "day", "relative")
    for m in _EN_REL.finditer(text):
        word = m[1].lower()
        if ref is None:
            c.add(m, None, None, "day", "relative")
            continue
        if word.endswith("year"):
            y = ref.year + {"last": -1, "this": 0, "next": 1}[word.split()[0]]
            c.add(m, date(y, 1, 1), date(y, 12, 31), "year", "relative")
            continue
        if word.split()[-1] in EN_WEEKDAYS:
            d = _last_weekday(ref, EN_WEEKDAYS[word.split()[-1]])
        else:
            d = ref + timedelta(days={"yesterday": -1, "today": 0, "tomorrow": 1,
                                      "the day before": -1}[word])
        c.add(m, d, d, "day", "relative")


def find_dates(text: str, day: date | None = None, lang: str = "en") -> list[DateMention]:
    """Every date in ``text``, in order, read as of ``day`` (the publication date)."""
    collector = _Collector(text)
    {"zh": _zh, "ru": _ru, "en": _en}[lang](collector, day)
    return sorted(collector.found, key=lambda d: d.start)
