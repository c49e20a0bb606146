"""The figures of the page: every number it reports, traced to the sentence that
states it, with its value converted to base units by code, its qualifier kept as
meaning, and series of related figures for charting. Derived figures (the
transfer speed-up, last year's value implied by 同比增长) are computed here from
the stated ones and labelled derived, never typed in.

>>> from dubao import figures
>>> f = figures.figure("xinhua-hubei-space-revenue")
>>> f.value, f.unit, f.base_value, f.base_unit
(557.4, '亿元', 55740000000, '元')
>>> [p.label for p in figures.series("qingzhen-capacity").points]
['2024年', '2025年（预计）', '目标', '力争']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache

from dubao.errors import CorpusError, NotFound, Problem

KINDS = ("actual", "estimate", "target", "rank")

# Qualifier as printed -> what it does to the number. A learner who reads 逾3000万
# as "3000万" has lost the word that says "more than".
QUALIFIER_MEANINGS = {
    "逾": "more than",
    "超过": "more than",
    "超": "more than",
    "突破": "more than (has broken through)",
    "以上": "at least (or more)",
    "多": "more than (a few more)",
    "余": "more than (and some)",
    "约": "about",
    "左右": "about",
    "数": "several (a vague count; the value is only a lower bound)",
    "预计": "expected (an estimate, not yet measured)",
    "目标": "planned (a target)",
    "力争": "striven for (a stretch target)",
}

# Multipliers written before a unit: 3000万羽 is 3000 × 10⁴ 羽.
MULTIPLIERS = {"万": Decimal(10) ** 4, "亿": Decimal(10) ** 8}

# Unit -> (base unit, how many base units one of it is). Durations go to hours
# so that 699天 and 1.64小时 can be compared; bytes are decimal (1 TB = 10¹² B).
UNITS = {
    "元": ("元", 1), "羽": ("羽", 1), "公斤": ("公斤", 1), "吨": ("公斤", 1000),
    "瓦": ("瓦", 1), "兆瓦": ("瓦", 10 ** 6), "TB": ("B", 10 ** 12), "GB": ("B", 10 ** 9),
    "小时": ("小时", 1), "天": ("小时", 24), "个月": ("个月", 1), "年": ("年", 1),
    "%": ("%", 1), "K": ("K", 1), "平方米": ("平方米", 1), "位": ("位", 1),
    "个": ("个", 1), "家": ("家", 1), "户": ("户", 1), "间": ("间", 1), "项": ("项", 1),
    "辆": ("辆", 1), "人次": ("人次", 1), "倍": ("倍", 1), "date": ("date", 1),
}


def to_base(value, unit: str) -> tuple[int | float | str, str]:
    """Convert a value as written to base units, exactly (decimal arithmetic).

    >>> to_base(557.4, "亿元")
    (55740000000, '元')
    >>> to_base(699, "天")
    (16776, '小时')
    >>> to_base(72, "TB")
    (72000000000000, 'B')
    """
    if unit == "date":
        return str(value), "date"
    factor = Decimal(1)
    rest = unit
    if rest not in UNITS and rest[:1] in MULTIPLIERS:
        factor, rest = MULTIPLIERS[rest[0]], rest[1:]
    if rest not in UNITS:
        raise ValueError(f"unknown unit {unit!r}; known: {', '.join(UNITS)} (with 万 or 亿 before)")
    base_unit, scale = UNITS[rest]
    result = Decimal(str(value)) * factor * Decimal(scale)
    return (int(result) if result == result.to_integral_value() else float(result)), base_unit


@dataclass(frozen=True)
class Figure:
    """One figure of the page (or one derived from them, with ``derived=True``)."""

    id: str
    article: str
    sentence: str
    quote: str
    written: str
    value: float | int | str
    unit: str
    base_value: float | int | str
    base_unit: str
    qualifier: str | None
    period: dict
    subject: dict
    kind: str
    derived: bool = False
    formula: str = ""
    inputs: tuple = ()
    reviewed: bool = True      # False for a draft written by `dubao new-article`

    @property
    def qualifier_meaning(self) -> str | None:
        return QUALIFIER_MEANINGS.get(self.qualifier) if self.qualifier else None

    @property
    def source(self) -> str:
        """How a chart cites it: 贵阳日报 and the sentence id."""
        return f"贵阳日报 {self.sentence}" if self.sentence else "贵阳日报"

    def as_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["inputs"] = list(self.inputs)
        out["qualifier_meaning"] = self.qualifier_meaning
        return out


@dataclass(frozen=True)
class Point:
    label: str
    figure: Figure

    @property
    def value(self):
        return self.figure.value


@dataclass(frozen=True)
class Series:
    """Related figures in the order a chart shows them, all in one unit."""

    id: str
    title: str
    title_en: str
    unit: str
    points: list[Point] = field(default_factory=list)

    @property
    def values(self) -> list:
        return [p.value for p in self.points]

    @property
    def labels(self) -> list[str]:
        return [p.label for p in self.points]

    @property
    def kinds(self) -> list[str]:
        return [p.figure.kind for p in self.points]


def _figures_path():
    from dubao.paths import corpus_dir

    return corpus_dir() / "figures.yaml"


REQUIRED = ("id", "sentence", "quote", "written", "value", "unit", "qualifier", "period",
            "subject", "kind")


def _read_figure(node, problems: list[Problem]) -> Figure | None:
    from dubao import corpus

    reviewed = node.get("reviewed", True)
    if not isinstance(reviewed, bool):
        problems.append(node.problem(f"{node.get('id')}: reviewed must be true or false", "reviewed"))
        return None
    if not reviewed:
        return _read_draft(node, problems)
    missing = [k for k in REQUIRED if k not in node]
    if missing:
        problems.append(node.problem(f"figure is missing {', '.join(missing)}"))
        return None
    fid = node["id"]
    mistyped = [k for k in ("id", "sentence", "quote", "unit") if not isinstance(node[k], str)]
    mistyped += [k for k in ("value", "written") if isinstance(node[k], bool)
                 or not isinstance(node[k], (int, float, str))]
    if mistyped:
        problems.append(node.problem(f"{fid}: {mistyped[0]} must be "
                                     f"{'a number' if mistyped[0] == 'value' else 'text'}, not "
                                     f"{type(node[mistyped[0]]).__name__}", mistyped[0]))
        return None
    try:
        text = corpus.sentence(node["sentence"]).text
    except NotFound:
        problems.append(node.problem(f"{fid}: no sentence {node['sentence']!r}", "sentence",
                                     "use an id like qingzhen.p7.s2 (python -m dubao articles)"))
        return None
    if node["quote"] not in text:
        problems.append(node.problem(f"{fid}: quote {node['quote']!r} is not in {node['sentence']}",
                                     "quote", "copy the span from the cleaned sentence"))
    if str(node["written"]) not in str(node["quote"]):
        problems.append(node.problem(f"{fid}: the number as written {node['written']!r} is not in "
                                     f"the quote", "written"))
    if node["kind"] not in KINDS:
        problems.append(node.problem(f"{fid}: kind {node['kind']!r} is not one of {', '.join(KINDS)}",
                                     "kind"))
    if node["qualifier"] is not None:
        if node["qualifier"] not in QUALIFIER_MEANINGS:
            problems.append(node.problem(f"{fid}: unknown qualifier {node['qualifier']!r}",
                                         "qualifier", f"use one of {' '.join(QUALIFIER_MEANINGS)}"))
        elif node["qualifier"] != "数" and node["qualifier"] not in text:
            problems.append(node.problem(f"{fid}: qualifier {node['qualifier']!r} is not in the sentence",
                                         "qualifier"))
    for key in ("period", "subject"):
        if not (isinstance(node[key], dict) and node[key].get("zh") and node[key].get("en")):
            problems.append(node.problem(f"{fid}: {key} needs zh and en", key))
            return None
    try:
        base_value, base_unit = to_base(node["value"], node["unit"])
    except ArithmeticError:  # decimal's errors print as a class list, so say it plainly
        problems.append(node.problem(f"{fid}: value {node['value']!r} is not a number", "value"))
        return None
    except ValueError as error:
        problems.append(node.problem(f"{fid}: {error}", "unit"))
        return None
    return Figure(id=fid, article=node["sentence"].split(".")[0], sentence=node["sentence"],
                  quote=node["quote"], written=str(node["written"]), value=node["value"],
                  unit=node["unit"], base_value=base_value, base_unit=base_unit,
                  qualifier=node["qualifier"], period=dict(node["period"]),
                  subject=dict(node["subject"]), kind=node["kind"])


def _read_draft(node, problems: list[Problem]) -> Figure | None:
    """An unreviewed draft of an instructor's added article (``reviewed: false``,
    written by ``python -m dubao new-article``). Its place in the text must be
    right, since it accounts for a number of the text; its meaning (unit,
    qualifier, period, subject, kind) is what the instructor still has to review,
    so gaps there are warnings of ``dubao check``, not problems."""
    from dubao import corpus

    fid = node.get("id")
    for key in ("id", "sentence", "quote", "written"):
        if not node.get(key):
            problems.append(node.problem(f"draft figure {fid!r} is missing {key}", key))
            return None
    try:
        text = corpus.sentence(node["sentence"]).text
    except NotFound:
        problems.append(node.problem(f"{fid}: no sentence {node['sentence']!r}", "sentence"))
        return None
    article = node["sentence"].split(".")[0]
    if article in corpus.page_pieces():
        problems.append(node.problem(f"{fid}: a figure of the page ({article}) cannot be an unreviewed draft",
                                     "reviewed", "review it and set reviewed: true"))
    if node["quote"] not in text or str(node["written"]) not in str(node["quote"]):
        problems.append(node.problem(f"{fid}: the quote must be a span of {node['sentence']} that holds "
                                     f"the number as written", "quote"))
    value, unit = node.get("value"), str(node.get("unit") or "")
    try:
        base_value, base_unit = to_base(value, unit)
    except (ValueError, ArithmeticError, TypeError):
        base_value, base_unit = value, unit
    return Figure(id=fid, article=article, sentence=node["sentence"], quote=node["quote"],
                  written=str(node["written"]), value=value, unit=unit, base_value=base_value,
                  base_unit=base_unit, qualifier=node.get("qualifier"),
                  period=dict(node.get("period") or {}), subject=dict(node.get("subject") or {}),
                  kind=node.get("kind") or "", reviewed=False)


@cache
def _stated() -> tuple[dict[str, Figure], tuple[Problem, ...]]:
    from dubao import yamlio

    problems: list[Problem] = []
    found: dict[str, Figure] = {}
    for node in yamlio.load(_figures_path(), expect=list):
        if not isinstance(node, dict):
            problems.append(Problem(yamlio.label(_figures_path()), None, "each figure must be a mapping"))
            continue
        fig = _read_figure(node, problems)
        if fig is None:
            continue
        if fig.id in found:
            problems.append(node.problem(f"duplicate figure id {fig.id!r}", "id"))
        found[fig.id] = fig
    return found, tuple(problems)


def _derive(stated: dict[str, Figure]) -> dict[str, Figure]:
    """The figures the page implies but does not print, each computed from stated ones."""

    def make(fid, inputs, value, unit, kind, period, subject, formula):
        value = round(value, 4)
        base_value, base_unit = to_base(value, unit)
        return Figure(id=fid, article=stated[inputs[0]].article, sentence=stated[inputs[0]].sentence,
                      quote="", written="", value=value, unit=unit, base_value=base_value,
                      base_unit=base_unit, qualifier=None, period=period, subject=subject,
                      kind=kind, derived=True, formula=formula, inputs=tuple(inputs))

    before, after = stated["xinhua-transfer-time-before"], stated["xinhua-transfer-time-after"]
    revenue, growth = stated["xinhua-hubei-space-revenue"], stated["xinhua-hubei-space-growth"]
    birds_2024, birds_2025 = stated["qingzhen-birds-2024"], stated["qingzhen-birds-2025"]
    per_bird = stated["qingzhen-manure-per-bird"]
    derived = [
        make("xinhua-transfer-speedup", [before.id, after.id],
             before.base_value / after.base_value, "倍", "actual",
             {"zh": "原来与现在相比", "en": "before against now"},
             {"zh": "72TB数据传输的提速倍数", "en": "how many times faster the 72 TB transfer is"},
             "699天 × 24 小时/天 ÷ 1.64小时"),
        make("xinhua-hubei-space-revenue-previous", [revenue.id, growth.id],
             revenue.value / (1 + growth.value / 100), "亿元", "estimate",
             {"zh": "2024年前9个月（由同比增长推算）", "en": "first nine months of 2024 (implied by the growth rate)"},
             {"zh": "湖北省航天产业营收", "en": "revenue of Hubei's space industry"},
             "557.4亿元 ÷ (1 + 14.8%)"),
        make("qingzhen-manure-check-2024", [birds_2024.id, per_bird.id],
             birds_2024.value * per_bird.value, "万公斤", "estimate",
             {"zh": "2024年出栏量 × 每只鸡粪量", "en": "2024 birds to market × manure per bird"},
             {"zh": "清镇鸡粪（按2024年出栏量测算）", "en": "Qingzhen manure (from 2024 birds to market)"},
             "2440万羽 × 2.5公斤"),
        make("qingzhen-manure-check-2025", [birds_2025.id, per_bird.id],
             birds_2025.value * per_bird.value, "万公斤", "estimate",
             {"zh": "2025年预计出栏量 × 每只鸡粪量", "en": "2025 expected birds to market × manure per bird"},
             {"zh": "清镇鸡粪（按2025年预计出栏量测算）", "en": "Qingzhen manure (from 2025 expected birds to market)"},
             "2700万羽 × 2.5公斤"),
    ]
    return {f.id: f for f in derived}


# Series: id -> (title zh, title en, unit, [(label, figure id)]).
SERIES = {
    "qingzhen-capacity": ("清镇市肉鸡产能", "Qingzhen broiler capacity", "万羽", [
        ("2024年", "qingzhen-capacity-2024"), ("2025年（预计）", "qingzhen-capacity-2025"),
        ("目标", "qingzhen-capacity-target"), ("力争", "qingzhen-capacity-stretch-target")]),
    "qingzhen-birds": ("清镇市肉鸡出栏量", "Qingzhen broilers sent to market", "万羽", [
        ("2024年", "qingzhen-birds-2024"), ("2025年（预计）", "qingzhen-birds-2025")]),
    "qingzhen-output-value": ("清镇市肉鸡产业产值", "Output value of Qingzhen's broiler industry", "亿元", [
        ("2024年", "qingzhen-output-value-2024"), ("2025年（预计）", "qingzhen-output-value-2025")]),
    "qingzhen-manure": ("清镇鸡粪：报道与测算", "Qingzhen manure: reported and computed", "万公斤", [
        ("报道（逾）", "qingzhen-manure-2025"), ("2024年出栏×2.5公斤", "qingzhen-manure-check-2024"),
        ("2025年出栏×2.5公斤", "qingzhen-manure-check-2025")]),
    "pingba-guesthouses": ("平坝村民宿经营户", "Guesthouse households in Pingba", "户", [
        ("2018年", "liuli-guesthouses-2018"), ("如今", "liuli-guesthouses-now")]),
    "transfer-time": ("72TB数据传输时间", "Time to transfer 72 TB", "小时", [
        ("原来", "xinhua-transfer-time-before"), ("未来网络试验设施", "xinhua-transfer-time-after")]),
    "gaoxin-rank": ("贵阳高新区在国家级高新区中的排名", "Rank of Guiyang High-tech Zone", "位", [
        ("2020年", "gaoxin-rank-2020"), ("2024年", "gaoxin-rank-2024")]),
    "hubei-space-revenue": ("湖北省航天产业营收（前9个月）", "Hubei space-industry revenue (Jan-Sep)", "亿元", [
        ("2024年（推算）", "xinhua-hubei-space-revenue-previous"), ("2025年", "xinhua-hubei-space-revenue")]),
    "smart-factories": ("全国智能工厂", "Smart factories in China", "家", [
        ("基础级", "xinhua-smart-factories-basic"), ("卓越级", "xinhua-smart-factories-excellent")]),
    "pilot-platforms": ("中试平台", "Pilot-scale platforms", "个", [
        ("全国", "xinhua-pilot-platforms"), ("首批重点培育", "xinhua-pilot-platforms-key")]),
}


# Series whose points count the same thing with different measure words, and why.
SAME_COUNT = {
    "pingba-guesthouses": ({"家", "户"}, "4家自发经营户 and 70户经营户 both count households "
                                       "that run guesthouses (liuli.p6.s2)"),
}


@cache
def _all() -> dict[str, Figure]:
    stated, problems = _stated()
    if problems:
        raise CorpusError(list(problems))
    return {**stated, **_derive(stated)}


def load() -> list[Figure]:
    """All figures, stated ones in page order, then the derived ones."""
    return list(_all().values())


def figure(figure_id: str) -> Figure:
    try:
        return _all()[figure_id]
    except KeyError:
        raise NotFound(f"no figure {figure_id!r} (python -m dubao figures lists them)") from None


def by_article(article_id: str) -> list[Figure]:
    from dubao import corpus

    corpus.article(article_id)  # NotFound for an unknown article
    return [f for f in load() if f.article == article_id]


def _value_in(fig: Figure, unit: str, same_count: set = frozenset()):
    """A figure's value in the series unit (e.g. 699天 in 小时)."""
    if fig.unit == unit or {fig.unit, unit} <= same_count:
        return fig.value
    base_value, base_unit = to_base(1, unit)
    if base_unit != fig.base_unit:
        raise ValueError(f"{fig.id} is in {fig.unit}, which cannot be shown in {unit}")
    result = Decimal(str(fig.base_value)) / Decimal(str(base_value))
    return int(result) if result == result.to_integral_value() else float(result)


def series(series_id: str) -> Series:
    """Related figures ready to chart, with every value in the series unit."""
    if series_id not in SERIES:
        raise NotFound(f"no series {series_id!r}; known: {', '.join(SERIES)}")
    title, title_en, unit, points = SERIES[series_id]
    out = []
    for label, fid in points:
        fig = figure(fid)
        value = _value_in(fig, unit, SAME_COUNT.get(series_id, (frozenset(),))[0])
        if value != fig.value:
            fig = Figure(**{**fig.__dict__, "value": value, "unit": unit})
        out.append(Point(label, fig))
    return Series(series_id, title, title_en, unit, out)


def all_series() -> list[Series]:
    return [series(sid) for sid in SERIES]


NUMBER = re.compile(r"\d+(?:\.\d+)?")


def unexplained_numbers() -> list[tuple[str, str]]:
    """(sentence id, number) for each Arabic number of the page that is neither in a
    figure's written span nor in a span of not-figures.yaml."""
    from dubao import corpus, yamlio
    from dubao.paths import corpus_dir

    covered: dict[str, list[tuple[int, int]]] = {}

    def cover(sentence_id, quote, part):
        text = corpus.sentence(sentence_id).text
        start = text.find(quote)
        inner = quote.find(part)
        if start >= 0 and inner >= 0:
            covered.setdefault(sentence_id, []).append((start + inner, start + inner + len(part)))

    for fig in _stated()[0].values():
        cover(fig.sentence, fig.quote, fig.written)
    for node in yamlio.load(corpus_dir() / "not-figures.yaml", expect=list):
        if isinstance(node, dict) and isinstance(node.get("sentence"), str) and isinstance(node.get("text"), str):
            cover(node["sentence"], node["text"], node["text"])  # malformed ones: see problems()
    missing = []
    for sentence in corpus.sentences():
        for match in NUMBER.finditer(sentence.text):
            spans = covered.get(sentence.id, [])
            if not any(a <= match.start() and match.end() <= b for a, b in spans):
                missing.append((sentence.id, match.group()))
    return missing


def _problem_at(node, path, message: str) -> Problem:
    from dubao import yamlio

    if isinstance(node, dict):
        return node.problem(message)
    return Problem(yamlio.label(path), None, f"{message}; found {type(node).__name__} {node!r}")


def problems() -> list[Problem]:
    """Everything wrong with figures.yaml and not-figures.yaml, for ``dubao check``."""
    from dubao import corpus, yamlio
    from dubao.paths import corpus_dir

    _stated.cache_clear()
    _all.cache_clear()
    try:
        found = list(_stated()[1])
    except CorpusError as error:  # figures.yaml unreadable: not-figures.yaml is still checked
        found = list(error.problems)
    path = corpus_dir() / "not-figures.yaml"
    try:
        for node in yamlio.load(path, expect=list):
            if not isinstance(node, dict) or not all(isinstance(node.get(k), str)
                                                     for k in ("sentence", "text", "reason")):
                found.append(_problem_at(node, path, "a non-figure needs sentence, text and reason, "
                                                     "each as text"))
                continue
            try:
                text = corpus.sentence(node.get("sentence", "")).text
            except NotFound:
                found.append(node.problem(f"no sentence {node.get('sentence')!r}", "sentence"))
                continue
            if not node.get("reason"):
                found.append(node.problem("a non-figure needs a reason", "reason"))
            if not node.get("text") or node["text"] not in text:
                found.append(node.problem(f"text {node.get('text')!r} is not in {node['sentence']}", "text"))
    except CorpusError as error:
        found += error.problems
    if found:
        return found
    name = yamlio.label(_figures_path())
    for sentence_id, number in unexplained_numbers():
        found.append(Problem(name, None, f"{sentence_id}: the number {number} is neither a figure "
                             f"nor listed in not-figures.yaml", "add it to one of them"))
    for sid in SERIES:
        try:
            series(sid)
        except (NotFound, ValueError) as error:
            found.append(Problem(name, None, f"series {sid}: {error}"))
    return found


def warnings() -> list[Problem]:
    """For ``dubao check``: the unreviewed drafts of added articles. They do not
    fail the check (a new article is usable at once), but each is listed until
    an instructor has reviewed it and set ``reviewed: true``."""
    from dubao import yamlio

    try:
        stated, _ = _stated()
    except CorpusError:
        return []
    name = yamlio.label(_figures_path())
    return [Problem(name, None, f"{f.id} ({f.sentence}, {f.written!r}) is an unreviewed draft",
                    "check value, unit, qualifier, period, subject and kind, then set reviewed: true")
            for f in stated.values() if not f.reviewed]
