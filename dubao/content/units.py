"""The one table of units and the one table of qualifiers: what 万 and 亿 multiply
by, which base unit each unit of the page (and of a learner's answer) converts
to and how exactly, and what a word such as 逾, 左右 or 以内 does to the number
beside it. The figures dataset, the number grader, the chart checker, the
number drafts of ``new-article`` and the ``figures`` command all read these
two tables, so 699天 is 16776小时 everywhere and 逾 means "more than" everywhere.

>>> to_base(557.4, "亿元")
(55740000000, '元')
>>> to_base(699, "天")
(16776, '小时')
>>> qualifier("逾").bound, qualifier("左右").position
('lower', 'after')

Time has two families, and only exact conversions are made: clock time
(分钟, 小时, 天, 周) goes to 小时, because a day is always 24 hours and the page
compares 699天 with 1.64小时; calendar time (个月, 季度, 年) goes to 个月, because a
year is always 12 months but not always 365 days. A date is not an amount: its
unit is ``date`` and its value an ISO string.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

__all__ = ["MULTIPLIERS", "UNITS", "QUALIFIERS", "Unit", "Qualifier", "to_base", "base_of",
           "unit_named", "unit_at", "qualifier", "qualifiers_before", "qualifiers_after",
           "same_base_units"]

# Multipliers written before a unit: 3000万羽 is 3000 × 10⁴ 羽 (萬 億 as typed in traditional).
MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}
MULTIPLIER_VARIANTS = {"萬": "万", "億": "亿"}


@dataclass(frozen=True)
class Unit:
    """A unit as the page writes it, its base unit and how many base units one is.
    ``aliases`` are other ways a learner may type it (English, variants)."""

    name: str
    base: str
    factor: Decimal
    aliases: tuple[str, ...] = ()
    multiplied: bool = True       # 万/亿 go with counts, money and weights, not with times or ranks

    @property
    def float_factor(self) -> float:
        return float(self.factor)


def _u(name, base, factor=1, *aliases, multiplied=True) -> Unit:
    return Unit(name, base, Decimal(str(factor)), tuple(aliases), multiplied)


_TABLE = [
    # money, weight, area, length
    _u("元", "元", 1, "块", "块钱", "yuan", "rmb", "cny", "¥", "￥", "renminbi"),
    _u("公斤", "公斤", 1, "千克", "kg", "kgs", "kilogram", "kilograms", "kilo", "kilos"),
    _u("吨", "公斤", 1000, "t", "tonne", "tonnes", "ton", "tons", "metric tons"),
    _u("克", "公斤", "0.001", "g", "gram", "grams"),
    _u("斤", "公斤", "0.5", "jin", "catty", "catties"),
    _u("亩", "亩", 1, "mu"),
    _u("平方米", "平方米", 1, "㎡", "m2", "m²", "sqm", "square metres", "square meters"),
    _u("平方公里", "平方米", 10 ** 6, "km2", "km²", "square kilometres", "square kilometers"),
    _u("公里", "米", 1000, "千米", "km", "kilometres", "kilometers"),
    _u("米", "米", 1, "m", "metre", "metres", "meter", "meters"),
    # power, temperature, data (decimal bytes: 1 TB = 10¹² B)
    _u("瓦", "瓦", 1, "w", "watt", "watts"),
    _u("千瓦", "瓦", 10 ** 3, "kw", "kilowatt", "kilowatts"),
    _u("兆瓦", "瓦", 10 ** 6, "mw", "megawatt", "megawatts"),
    _u("K", "K", 1, "kelvin", multiplied=False),
    _u("TB", "B", 10 ** 12, "tb", "terabyte", "terabytes"),
    _u("GB", "B", 10 ** 9, "gb", "gigabyte", "gigabytes"),
    _u("PB", "B", 10 ** 15, "pb", "petabyte", "petabytes"),
    # clock time -> hours; calendar time -> months (see the module docstring)
    _u("小时", "小时", 1, "个小时", "h", "hr", "hrs", "hour", "hours", multiplied=False),
    _u("分钟", "小时", Decimal(1) / Decimal(60), "min", "mins", "minute", "minutes", multiplied=False),
    _u("天", "小时", 24, "日", "day", "days", multiplied=False),
    _u("周", "小时", 24 * 7, "星期", "个星期", "week", "weeks", multiplied=False),
    _u("个月", "个月", 1, "月", "month", "months", multiplied=False),
    _u("季度", "个月", 3, "个季度", "quarter", "quarters", multiplied=False),
    _u("年", "个月", 12, "year", "years", multiplied=False),
    # shares and ratios
    _u("%", "%", 1, "％", "percent", "per cent", "pct", multiplied=False),
    _u("百分点", "百分点", 1, "个百分点", "percentage point", "percentage points", multiplied=False),
    _u("倍", "倍", 1, "times", "fold", "x", multiplied=False),
    _u("位", "位", 1, "place", "rank", multiplied=False),  # a rank (第36位), as the page uses it
    # counts, each with the measure word the page uses
    _u("羽", "羽", 1, "只", "birds", "bird", "chickens", "chicken", "hens", "head"),
    _u("户", "户", 1, "households", "household", "families", "homes"),
    _u("间", "间", 1, "rooms", "room"),
    _u("人次", "人次", 1, "person-times", "person times", "visits", "visitors", "attendances"),
    _u("人", "人", 1, "名", "people", "persons", "person"),
    _u("个", "个", 1, "items"),
    _u("家", "家", 1, "companies", "firms", "enterprises"),
    _u("项", "项", 1, "projects"),
    _u("台", "台", 1, "machines", "units"),
    _u("辆", "辆", 1, "vehicles", "cars"),
    _u("次", "次", 1, "times over"),
    _u("座", "座", 1),
    _u("所", "所", 1),
    _u("条", "条", 1),
    _u("件", "件", 1),
    _u("种", "种", 1),
    _u("批", "批", 1),
    _u("场", "场", 1),
    _u("篇", "篇", 1),
    _u("份", "份", 1),
    _u("株", "株", 1),
    _u("头", "头", 1),
    _u("套", "套", 1),
    _u("岁", "岁", 1, "years old", multiplied=False),
    _u("周岁", "岁", 1, multiplied=False),   # 年满十八周岁: full years of age (before 周, a week)
    _u("date", "date", 1, multiplied=False),
]
UNITS: dict[str, Unit] = {u.name: u for u in _TABLE}
_ALIASES: dict[str, Unit] = {}
for _unit in _TABLE:
    for _name in (_unit.name, *_unit.aliases):
        _ALIASES.setdefault(_name.lower(), _unit)


def unit_named(text: str) -> Unit | None:
    """The unit a name (or alias, any case) stands for, without 万/亿: ``天`` or ``days``."""
    return _ALIASES.get(text.strip().lower())


def base_of(unit: str) -> tuple[str, Decimal] | None:
    """(base unit, how many base units one ``unit`` is) for a unit as the page
    writes it, with 万 or 亿 before it (万元 -> ("元", 10000)); None when unknown."""
    known = UNITS.get(unit)
    if known:
        return known.base, known.factor
    head = MULTIPLIER_VARIANTS.get(unit[:1], unit[:1])
    if head in MULTIPLIERS and unit[1:] in UNITS and UNITS[unit[1:]].multiplied:
        rest = UNITS[unit[1:]]
        return rest.base, MULTIPLIERS[head] * rest.factor
    return None


def to_base(value, unit: str) -> tuple[int | float | str, str]:
    """A value as written, in base units, exactly (decimal arithmetic).

    >>> to_base(72, "TB")
    (72000000000000, 'B')
    >>> to_base(3, "年")
    (36, '个月')
    """
    if unit == "date":
        return str(value), "date"
    found = base_of(unit)
    if found is None:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)} (with 万 or 亿 before)")
    base, factor = found
    result = Decimal(str(value)) * factor
    return (int(result) if result == result.to_integral_value() else float(result)), base


def unit_at(text: str) -> str | None:
    """The longest unit of the table that ``text`` starts with (平方米 before 米),
    with a 万 or 亿 before it when there is one: for drafting from a sentence."""
    head = ""
    if text[:1] in MULTIPLIERS:
        head, text = text[0], text[1:]
    for name in sorted((n for n in UNITS if n != "date"), key=len, reverse=True):
        if text.startswith(name) and (not head or UNITS[name].multiplied):
            return head + name
    return None


def same_base_units(unit: str) -> dict[str, float]:
    """Other units (with 万/亿 where they go) of the same base as ``unit``, and how
    many of each one ``unit`` is: a chart in 天 for a series in 小时 is right if it says so.

    >>> same_base_units("小时")["天"]
    0.041666666666666664
    """
    base, factor = base_of(unit) or (None, None)
    found = {}
    for name, other in UNITS.items():
        if other.base != base or name == "date":
            continue
        for prefix in ("", *MULTIPLIERS) if other.multiplied else ("",):
            candidate = prefix + name
            if candidate != unit:
                found[candidate] = float(factor) / float(base_of(candidate)[1])
    return found


# ----------------------------------------------------------------- qualifiers

@dataclass(frozen=True)
class Qualifier:
    """A word that bounds or hedges a number. ``bound``: lower (the amount is
    more), upper (at most, within), approximate, vague (数千: only a rough size),
    estimate (not yet measured) or target (planned). ``position``: before or
    after the number. ``aliases``: how a learner may say the same in an answer."""

    word: str
    meaning: str
    bound: str
    position: str
    aliases: tuple[str, ...] = ()


QUALIFIERS: dict[str, Qualifier] = {q.word: q for q in [
    Qualifier("逾", "more than", "lower", "before", ("more than", "over", "+")),
    Qualifier("超过", "more than", "lower", "before", ("more than", "over")),
    Qualifier("超", "more than", "lower", "before", ("more than", "over")),
    Qualifier("突破", "more than (has broken through)", "lower", "before", ("more than", "over")),
    Qualifier("以上", "at least (or more)", "lower", "after", ("at least", "or more")),
    Qualifier("多", "more than (a few more)", "lower", "after", ("more than", "over")),
    Qualifier("余", "more than (and some)", "lower", "after", ("more than", "over")),
    Qualifier("近", "nearly (a little less than)", "upper", "before", ("nearly", "almost")),
    Qualifier("将近", "nearly (a little less than)", "upper", "before", ("nearly", "almost")),
    Qualifier("不到", "less than", "upper", "before", ("less than", "under")),
    Qualifier("以内", "within (at most)", "upper", "after", ("within", "at most")),
    Qualifier("内", "within (at most)", "upper", "after", ("within", "at most")),
    Qualifier("约", "about", "approximate", "before", ("about", "around", "approximately", "approx",
                                                        "approx.", "roughly", "~", "≈")),
    Qualifier("大约", "about", "approximate", "before", ("about", "around")),
    Qualifier("约为", "about", "approximate", "before", ("about", "around")),
    Qualifier("左右", "about", "approximate", "after", ("about", "around", "or so")),
    Qualifier("数", "several (a vague count; the value is only a lower bound)", "vague", "before",
              ("several", "some")),
    Qualifier("预计", "expected (an estimate, not yet measured)", "estimate", "before", ("expected",)),
    Qualifier("目标", "planned (a target)", "target", "before", ("target", "planned")),
    Qualifier("力争", "striven for (a stretch target)", "target", "before", ("striving for",)),
]}


def qualifier(word: str) -> Qualifier | None:
    return QUALIFIERS.get(word)


def qualifiers_before() -> list[str]:
    """Qualifier words written before a number, longest first (超过 before 超)."""
    return sorted((w for w, q in QUALIFIERS.items() if q.position == "before"), key=len, reverse=True)


def qualifiers_after() -> list[str]:
    """Qualifier words written after a number (or its unit), longest first (以内 before 内)."""
    return sorted((w for w, q in QUALIFIERS.items() if q.position == "after"), key=len, reverse=True)


def words_meaning(bound: str) -> set[str]:
    """Every word and alias (lower case) that says ``bound``: what a learner's answer
    must keep when the article says 逾 (lower) or 约 (approximate)."""
    return {w.lower() for q in QUALIFIERS.values() if q.bound == bound for w in (q.word, *q.aliases)}
