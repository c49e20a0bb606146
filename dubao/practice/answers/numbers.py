"""Reading and grading numbers with units: ``557.4亿元``, ``55.74 billion yuan``
and ``五百五十七点四亿元`` are the same amount in base units, a word of degree
(逾, 约, 多) is kept as the qualifier, and a wrong answer whose digits are right
but whose size is not says so.

>>> parse_number("557.4亿元")
Amount(value=55740000000.0, unit='元', qualifier='')
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from dubao.content import units as _units_table
from dubao.practice.answers.result import EDGE_PUNCTUATION, Result, empty, fold, normalize_text


@dataclass(frozen=True)
class Amount:
    """A number read from an answer, in base units: ``557.4亿元`` is
    ``Amount(55740000000.0, "元")``; percentages stay in percent
    (``Amount(14.8, "%")``). ``qualifier`` keeps a word like 逾 (over) or 约
    (about) that came with it; ``unit`` is "" when none was given."""

    value: float
    unit: str = ""
    qualifier: str = ""


# Units and qualifiers come from the one table of the engine (dubao.content.units):
# a unit as typed (天, days, kg) -> its base unit and factor; 699天 is 16776小时 here too.
# Words of stating (达到, 共计) are not qualifiers, but a learner may type them first.
_STATING = ("达到", "达", "共计", "共", "总计", "合计")
# English aliases that come after the number ("30 or so", "30+").
_ENGLISH_AFTER = ("or so", "or more", "+")


def _qualifier_words():
    from dubao.content.units import QUALIFIERS

    leading = {w for q in QUALIFIERS.values() for w in (q.word, *q.aliases)
               if not (q.position == "after" and w == q.word) and w not in _ENGLISH_AFTER}
    trailing = [q.word for q in QUALIFIERS.values() if q.position == "after"] + list(_ENGLISH_AFTER)
    by_length = lambda words: tuple(sorted(words, key=len, reverse=True))  # noqa: E731 (约为 before 约)
    return by_length(leading | set(_STATING)), by_length(trailing)


_QUALIFIERS, _TRAILING_QUALIFIERS = _qualifier_words()


def _unit_entry(text: str) -> tuple[str, float] | None:
    from dubao.content.units import unit_named

    unit = unit_named(text)
    return (unit.base, unit.float_factor) if unit and unit.name != "date" else None


# 万 and 亿 (and 萬 億) with their size, from the one table
_BIG_UNITS = {**{k: float(v) for k, v in _units_table.MULTIPLIERS.items()},
              **{k: float(_units_table.MULTIPLIERS[v]) for k, v in _units_table.MULTIPLIER_VARIANTS.items()}}
_SCALES = {"十": 10, "百": 100, "千": 1000, **_BIG_UNITS,
           "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9,
           "trillion": 1e12, "hundred": 100}
_CHINESE_DIGITS = {"零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "两": 2, "兩": 2, "三": 3,
                   "叁": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "七": 7, "柒": 7,
                   "八": 8, "捌": 8, "九": 9, "玖": 9}
_SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}

_ARABIC = r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?"
_CHINESE_RUN = "[零〇○一壹二贰两兩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億点點0-9.]+"


def _chinese_number(text: str) -> float | None:
    """三千六百 -> 3600, 两万 -> 20000, 五百五十七点四亿 -> 55740000000, 1.2万 -> 12000,
    二〇二五 -> 2025, 两万五 -> 25000. None when it is not a well-formed number."""
    total = section = 0.0
    current: float | None = None
    decimals = 0  # digits after 点, 0 while reading the whole part
    last_unit = None  # the unit just before a trailing bare digit (两万五)
    after_unit = False
    smallest, wan_seen = 10_000, False  # the last 十/百/千 in this group; 万 once per 亿
    tokens = re.findall(r"\d+(?:\.\d+)?|.", text)
    if not tokens:
        return None
    for token in tokens:
        if token[0].isdigit():
            if current is not None and not decimals:
                return None  # 3 5: two numbers
            if decimals:
                for digit in token:
                    current = (current or 0) + int(digit) / 10 ** decimals
                    decimals += 1
            else:
                current = float(token)
            after_unit = last_unit is not None and after_unit
        elif token in _CHINESE_DIGITS:
            digit = _CHINESE_DIGITS[token]
            if decimals:
                current = (current or 0) + digit / 10 ** decimals
                decimals += 1
            else:
                current = digit if current is None else current * 10 + digit
            if digit == 0:
                after_unit = False
        elif token in "点點.":
            if decimals:
                return None
            current, decimals = current or 0.0, 1
        elif token in _SMALL_UNITS:
            size = _SMALL_UNITS[token]
            if size >= smallest:
                return None  # 十百, 三十五十: units must get smaller within a group
            smallest = size
            section += (1 if current is None else current) * size
            current, decimals, last_unit, after_unit = None, 0, size, True
            continue
        elif token in _BIG_UNITS:
            size = _BIG_UNITS[token]
            if current is None and section == 0 and total == 0:
                return None  # 万 alone is not a number
            if size == 1e4:
                if wan_seen:
                    return None  # 三万四万: 万 twice without 亿 between
                wan_seen = True
                section = (section + (current or 0)) * size
            else:
                total = (total + section + (current or 0)) * size
                section, wan_seen = 0.0, False
            smallest = 10_000
            current, decimals, last_unit, after_unit = None, 0, size, True
            continue
        else:
            return None
        if not (token[0].isdigit() or token in _CHINESE_DIGITS):
            after_unit = False
    if current is not None and after_unit and last_unit and current < 10 and not decimals:
        current *= last_unit / 10  # 两万五 = 25000, 三千六 = 3600
    return total + section + (current or 0)


def _clean_number_text(text: str) -> str:
    """Folded, spaces made one, sentence punctuation at the end dropped, and
    thousands separators taken out where the groups are regular (55,740,000,000
    or 55 740 000 000, but not "2440 260", which is two numbers)."""
    text = " ".join(fold(text).replace("\u2212", "-").split()).rstrip("。.!！?？;；,，")
    return re.sub(r"(?<![\d.])\d{1,3}(?:[, _'’]\d{3})+(?![\d])",
                  lambda m: re.sub(r"[, _'’]", "", m.group()), text)


def parse_number(text) -> Amount | None:
    """The amount in a learner's answer, in base units, or None when it cannot
    be read as one number.

    >>> parse_number("５５７．４ 亿元").value, parse_number("55.74 billion yuan").value
    (55740000000.0, 55740000000.0)
    >>> parse_number("逾5000万公斤")
    Amount(value=50000000.0, unit='公斤', qualifier='逾')
    >>> parse_number("14.8%"), parse_number("百分之十四点八")
    (Amount(value=14.8, unit='%', qualifier=''), Amount(value=14.8, unit='%', qualifier=''))
    """
    try:
        return _parse_number(text)
    except (ValueError, OverflowError, ZeroDivisionError, RecursionError):
        return None


def _parse_number(text) -> Amount | None:
    if text is None:
        return None
    text = _clean_number_text(str(text))
    if not text or len(text) > 200:
        return None
    qualifier = ""
    changed = True
    while changed:  # 约逾 / about ~: take off every leading word of degree
        changed = False
        for word in _QUALIFIERS:
            if text.startswith(word):
                qualifier = qualifier or word
                text, changed = text[len(word):].strip(), True
    if not text:
        return None
    currency = ""
    if text[0] in "¥￥$":
        currency, text = ("元" if text[0] != "$" else "$"), text[1:].strip()
    percent = False
    if text.startswith("百分之"):
        percent, text = True, text[3:]
    fraction = re.fullmatch(r"(" + _CHINESE_RUN + r")分之(" + _CHINESE_RUN + r")(.*)", text)
    if fraction:
        bottom, top = _chinese_number(fraction.group(1)), _chinese_number(fraction.group(2))
        if bottom is None or top is None or bottom == 0:
            return None
        value, rest = top / bottom, fraction.group(3)
    else:
        match = re.match(_ARABIC, text)
        if match and ("e" in match.group() or not re.match(r"[零〇○一壹二贰两兩三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿億]",
                                  text[match.end():].lstrip()[:1] or "x")):
            value, rest = float(match.group()), text[match.end():]
        else:
            sign = -1 if text[:1] in "-负" else 1
            body = text[1:] if sign < 0 else text
            run = re.match(_CHINESE_RUN, body)
            if not run:
                return None
            number_text = run.group()
            # keep a trailing 万/亿 for the scale step below when it is a unit prefix
            value = _chinese_number(number_text)
            if value is None:
                return None
            value, rest = sign * value, body[run.end():]
    rest = rest.strip()
    for word in _TRAILING_QUALIFIERS:  # 5000多万 / 5000余万 / 30 or so
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word):].strip()
    # Scale words: 亿 in 557.4 亿元, billion in 55.74 billion (several: 1万亿).
    while True:
        scale = next((s for s in sorted(_SCALES, key=len, reverse=True)
                      if rest.startswith(s) and _scale_ends(rest, s)), None)
        if scale is None:
            break
        value *= _SCALES[scale]
        rest = rest[len(scale):].strip()
    for word in _TRAILING_QUALIFIERS:
        if rest.startswith(word):
            qualifier, rest = qualifier or word, rest[len(word):].strip()
    rest = rest.rstrip(EDGE_PUNCTUATION + "-")
    if percent:
        if rest:
            return None
        rest = "%"
    if currency:
        if rest and (_unit_entry(rest) or ("",))[0] not in ("元", ""):
            return None
        rest = rest or currency
    for word in _TRAILING_QUALIFIERS:  # after the unit: 10万元左右, 2年以内
        if rest.endswith(word) and len(rest) > len(word) and _unit_entry(rest[:-len(word)].strip()):
            qualifier, rest = qualifier or word, rest[:-len(word)].strip()
            break
    unit, factor = _unit(rest)
    if unit is None or not math.isfinite(value * factor):
        return None
    return Amount(_tidy(value * factor), unit, qualifier)


def _scale_ends(rest: str, scale: str) -> bool:
    """English scale words must end at a word boundary (m is million only when
    it is not metres: "3.6m" is ambiguous, so 'm' counts only before a unit)."""
    after = rest[len(scale):]
    if not scale.isascii():
        return True
    if scale in ("m", "k"):
        return bool(after) and after[:1] == " " and _unit(after.strip())[0] not in (None, "")
    return not after[:1].isalpha()


def _unit(text: str) -> tuple[str | None, float]:
    """(base unit, factor) for a unit as typed; ("", 1) for none; a unit we do
    not know is kept as typed, so that 2440 apples is not 2440 羽."""
    text = text.strip()
    if not text:
        return "", 1
    if _unit_entry(text):
        return _unit_entry(text)
    # 万羽 after the scale step is 羽; "yuan (rmb)" and the like: first word only
    first = re.split(r"[\s(（]", text, maxsplit=1)[0]
    if _unit_entry(first):
        return _unit_entry(first)
    if re.search(r"\d", text):
        return None, 1  # a second number: "3-5", "2440 and 260"
    return text, 1


def _tidy(value: float) -> float:
    """Round away binary noise (557.4 * 1e8 = 55740000000.000008) so that equal
    amounts print and compare equal."""
    if value == 0 or not math.isfinite(value):
        return float(value)
    digits = 12 - int(math.floor(math.log10(abs(value))))
    return float(round(value, digits))


def _format(value: float) -> str:
    if value == int(value) and abs(value) < 1e16:
        return f"{int(value):,}" if abs(value) >= 1e5 else str(int(value))
    return f"{value:,.6g}" if abs(value) >= 1e6 else f"{value:g}"


def compare_number(answer, expected_value, unit: str = "", tolerance: float = 0) -> Result:
    """Grade a numeric answer. ``expected_value`` is in ``unit`` (2440 with unit
    万羽), ``tolerance`` is absolute in that unit. The learner may answer in any
    form parse_number reads (24400000, 2440万, 两千四百四十万羽); a bare number is
    read in the question's unit, or in base units when that is what matches.

    >>> compare_number("557.4 亿元", 557.4, "亿元", 0).status
    'correct'
    >>> compare_number("lots", 2440, "万羽", 0).message
    'I could not read that as a number: “lots”. Write it with digits or Chinese numerals, e.g. 2440万羽.'
    """
    if answer is None or not str(answer).strip():
        return empty()
    example = f"{_format(float(expected_value))}{unit}" if _is_number(expected_value) else "557.4亿元"
    given = parse_number(answer)
    if given is None:
        return Result("unreadable", f"I could not read that as a number: “{str(answer).strip()}”. "
                                    f"Write it with digits or Chinese numerals, e.g. {example}.")
    one = parse_number(f"1{unit}") if unit else Amount(1.0, "")
    base_unit, scale = (one.unit, one.value) if one and one.value else (normalize_text(unit), 1.0)
    expected = float(expected_value) * scale
    allowed = float(tolerance or 0) * scale + 1e-9 * max(1.0, abs(expected))
    details = {"given": given.value, "given_unit": given.unit, "expected": expected, "unit": base_unit}
    if given.unit and base_unit and given.unit != base_unit:
        return Result("wrong", f"That is in {given.unit}, but the question asks for {unit}.", details)
    candidates = [given.value] if given.unit else [given.value * scale, given.value]
    if not given.unit and base_unit == "%":
        candidates.append(given.value * 100)  # 0.148 for 14.8%
    if any(abs(c - expected) <= allowed for c in candidates):
        return Result("correct", f"Right! {_format(float(expected_value))}{unit}", details)
    closest = min(candidates, key=lambda c: abs(c - expected))
    return Result("wrong", _size_hint(closest, expected), details)


def _size_hint(value: float, expected: float) -> str:
    if value and expected and value * expected > 0:
        ratio = math.log10(abs(value / expected))
        if abs(ratio - round(ratio)) < 1e-9 and round(ratio) != 0:
            return ("Not quite: the digits are right but the size is not. Remember 万 is 10,000 "
                    "and 亿 is 100,000,000.")
    return "Not quite. Look at the figure in the sentence again."


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)
