"""The figures of the page: every number it reports, traced to the sentence that
states it, with its value converted to base units by code, its qualifier kept as
meaning. ``corpus/figures.yaml`` lists them (its schema is ``FigureRecord``);
series of related figures for charting and the derived figures (the transfer
speed-up, last year's value implied by 同比增长) are data in
``corpus/chart-series.yaml``, computed by ``dubao.content.series`` from the
stated ones and labelled derived, never typed in.

>>> from dubao import figures
>>> f = figures.figure("xinhua-hubei-space-revenue")
>>> f.value, f.unit, f.base_value, f.base_unit
(557.4, '亿元', 55740000000, '元')
>>> [p.label for p in figures.series("qingzhen-capacity").points]
['2024年', '2025年（预计）', '目标', '力争']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import Discriminator, Tag

from dubao.content.units import MULTIPLIERS, QUALIFIERS, UNITS, to_base  # noqa: F401 (re-exported)
from dubao.errors import CorpusError, NotFound, Problem
from dubao.schema import Model, Text, validate

__all__ = ["KINDS", "QUALIFIER_MEANINGS", "QUALIFIER_REACH", "MULTIPLIERS", "UNITS", "NUMBER", "to_base",
           "Figure", "Point", "Series", "load", "stated_figures", "figure", "by_article", "series", "all_series",
           "series_ids", "unexplained_numbers", "problems", "reload", "warnings"]

KINDS = ("actual", "estimate", "target", "rank")

# The unit and qualifier tables live in dubao.content.units (one home for the
# engine); the names stay importable from here for the figures' own users.
QUALIFIER_MEANINGS = {word: q.meaning for word, q in QUALIFIERS.items()}

# A qualifier bounds the number it stands beside (逾3000万, 2年内, 10万元左右): it
# must be inside the quote, overlapping the number as written or at most this many
# characters from it (a unit or 达 may come between). Elsewhere in the sentence it
# bounds another number, or none.
QUALIFIER_REACH = 4


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
    def source_name(self) -> str | None:
        """Who published the article it comes from (贵阳日报, 新华社 …: its ``source``)."""
        from dubao import corpus

        try:
            return corpus.article(self.article).source
        except NotFound:
            return None

    @property
    def source(self) -> str:
        """How a chart cites it: the article's source and the sentence id."""
        return " ".join(part for part in (self.source_name, self.sentence) if part)

    def as_dict(self) -> dict:
        out = {k: getattr(self, k) for k in self.__dataclass_fields__}
        out["inputs"] = list(self.inputs)
        out["qualifier_meaning"] = self.qualifier_meaning
        return out


def _figures_path():
    from dubao.paths import corpus_dir

    return corpus_dir() / "figures.yaml"


class Bilingual(Model):
    zh: Text
    en: Text


class FigureRecord(Model):
    """A reviewed figure of figures.yaml: every key is required (qualifier may be null)."""

    id: Text
    sentence: Text
    quote: Text
    written: Text | int | float
    value: int | float | str
    unit: Text
    qualifier: str | None
    period: Bilingual
    subject: Bilingual
    kind: Literal[KINDS]
    reviewed: Literal[True] = True


class DraftText(Model):
    zh: str = ""
    en: str = ""


class DraftRecord(Model):
    """An unreviewed draft (``reviewed: false``) of an instructor's added article:
    its place in the text is required, its meaning is still to be reviewed."""

    id: Text
    sentence: Text
    quote: Text
    written: Text | int | float
    value: int | float | str | None = None
    unit: str | None = None
    qualifier: str | None = None
    period: DraftText = DraftText()
    subject: DraftText = DraftText()
    kind: str = ""
    reviewed: Literal[False]


def _which(node) -> str:
    return "draft" if isinstance(node, dict) and node.get("reviewed") is False else "figure"


FiguresFile = list[Annotated[Annotated[FigureRecord, Tag("figure")] | Annotated[DraftRecord, Tag("draft")],
                             Discriminator(_which)]]


class NotFigureRecord(Model):
    """A number of the page that is not a figure (not-figures.yaml), with the reason."""

    sentence: Text
    text: Text
    reason: Text


NotFiguresFile = list[NotFigureRecord]


def qualifier_problem(quote: str, written: str, qualifier: str) -> str | None:
    """Why ``qualifier`` does not bound the number ``written`` in ``quote``, or None."""
    at = quote.find(written)
    if at < 0:
        return None  # reported as a written/quote mismatch
    end = at + len(written)
    for start in (i for i in range(len(quote)) if quote.startswith(qualifier, i)):
        stop = start + len(qualifier)
        gap = at - stop if stop <= at else start - end if start >= end else 0
        if gap <= QUALIFIER_REACH:
            return None
    if qualifier in quote:
        return (f"qualifier {qualifier!r} is more than {QUALIFIER_REACH} characters from the number "
                f"{written!r} in the quote")
    return f"qualifier {qualifier!r} is not in the quote {quote!r}"


def _read_figure(record: FigureRecord, problems: list[Problem]) -> Figure | None:
    from dubao import corpus

    fid = record.id
    try:
        text = corpus.sentence(record.sentence).text
    except NotFound:
        problems.append(record.problem(f"{fid}: no sentence {record.sentence!r}", "sentence",
                                       "use an id like qingzhen.p7.s2 (python -m dubao articles)"))
        return None
    if record.quote not in text:
        problems.append(record.problem(f"{fid}: quote {record.quote!r} is not in {record.sentence}",
                                       "quote", "copy the span from the cleaned sentence"))
    if str(record.written) not in record.quote:
        problems.append(record.problem(f"{fid}: the number as written {record.written!r} is not in "
                                       f"the quote", "written"))
    if record.qualifier is not None:
        if record.qualifier not in QUALIFIER_MEANINGS:
            problems.append(record.problem(f"{fid}: unknown qualifier {record.qualifier!r}",
                                           "qualifier", f"use one of {' '.join(QUALIFIER_MEANINGS)}"))
        elif (why := qualifier_problem(record.quote, str(record.written), record.qualifier)) is not None:
            problems.append(record.problem(f"{fid}: {why}", "qualifier",
                                           "the qualifier is the word that bounds this number; "
                                           "use null if none does"))
    try:
        base_value, base_unit = to_base(record.value, record.unit)
    except ArithmeticError:  # decimal's errors print as a class list, so say it plainly
        problems.append(record.problem(f"{fid}: value {record.value!r} is not a number", "value"))
        return None
    except ValueError as error:
        problems.append(record.problem(f"{fid}: {error}", "unit"))
        return None
    return Figure(id=fid, article=record.sentence.split(".")[0], sentence=record.sentence,
                  quote=record.quote, written=str(record.written), value=record.value,
                  unit=record.unit, base_value=base_value, base_unit=base_unit,
                  qualifier=record.qualifier, period=record.period.model_dump(),
                  subject=record.subject.model_dump(), kind=record.kind)


def _read_draft(record: DraftRecord, problems: list[Problem]) -> Figure | None:
    """An unreviewed draft of an instructor's added article (``reviewed: false``,
    written by ``python -m dubao new-article``). Its place in the text must be
    right, since it accounts for a number of the text; its meaning (unit,
    qualifier, period, subject, kind) is what the instructor still has to review,
    so gaps there are warnings of ``dubao check``, not problems."""
    from dubao import corpus

    fid = record.id
    try:
        text = corpus.sentence(record.sentence).text
    except NotFound:
        problems.append(record.problem(f"{fid}: no sentence {record.sentence!r}", "sentence"))
        return None
    article = record.sentence.split(".")[0]
    if article in corpus.page_pieces():
        problems.append(record.problem(f"{fid}: a figure of the page ({article}) cannot be an unreviewed "
                                       "draft", "reviewed", "review it and set reviewed: true"))
    if record.quote not in text or str(record.written) not in record.quote:
        problems.append(record.problem(f"{fid}: the quote must be a span of {record.sentence} that holds "
                                       f"the number as written", "quote"))
    value, unit = record.value, record.unit or ""
    try:
        base_value, base_unit = to_base(value, unit)
    except (ValueError, ArithmeticError, TypeError):
        base_value, base_unit = value, unit
    return Figure(id=fid, article=article, sentence=record.sentence, quote=record.quote,
                  written=str(record.written), value=value, unit=unit, base_value=base_value,
                  base_unit=base_unit, qualifier=record.qualifier,
                  period=record.period.model_dump(), subject=record.subject.model_dump(),
                  kind=record.kind, reviewed=False)


@cache
def _stated() -> tuple[dict[str, Figure], tuple[Problem, ...]]:
    from dubao import yamlio

    records, problems = validate(FiguresFile, yamlio.load(_figures_path(), expect=list), salvage=True)
    found: dict[str, Figure] = {}
    for record in records or []:
        reader = _read_draft if isinstance(record, DraftRecord) else _read_figure
        fig = reader(record, problems)
        if fig is None:
            continue
        if fig.id in found:
            problems.append(record.problem(f"duplicate figure id {fig.id!r}", "id"))
        found[fig.id] = fig
    return found, tuple(problems)


def stated_figures() -> dict[str, Figure]:
    """The figures the page states (figures.yaml), by id, without the derived ones;
    those with problems left out (``problems`` reports them). The chart series are
    checked against these."""
    return _stated()[0]


@cache
def _all() -> dict[str, Figure]:
    from dubao.content import series as chart_series

    stated, problems = _stated()
    if problems:
        raise CorpusError(list(problems))
    return {**stated, **chart_series.derived(stated)}


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
    for record in _not_figures()[0]:  # malformed ones: see problems()
        cover(record.sentence, record.text, record.text)
    missing = []
    for sentence in corpus.sentences():
        for match in NUMBER.finditer(sentence.text):
            spans = covered.get(sentence.id, [])
            if not any(a <= match.start() and match.end() <= b for a, b in spans):
                missing.append((sentence.id, match.group()))
    return missing


def _not_figures() -> tuple[list[NotFigureRecord], list[Problem]]:
    from dubao import yamlio
    from dubao.paths import corpus_dir

    records, problems = validate(NotFiguresFile, yamlio.load(corpus_dir() / "not-figures.yaml", expect=list),
                                 salvage=True)
    return list(records or []), problems


def reload() -> None:
    """Read figures.yaml and chart-series.yaml again on next use."""
    from dubao.content import series as chart_series

    _stated.cache_clear()
    _all.cache_clear()
    chart_series.reload()


def problems() -> list[Problem]:
    """Everything wrong with figures.yaml, not-figures.yaml and chart-series.yaml, for ``dubao check``."""
    from dubao import corpus, yamlio
    from dubao.content import series as chart_series

    reload()
    try:
        found = list(_stated()[1])
    except CorpusError as error:  # figures.yaml unreadable: not-figures.yaml is still checked
        found = list(error.problems)
    try:
        records, shape = _not_figures()
        found += shape
        for record in records:
            try:
                text = corpus.sentence(record.sentence).text
            except NotFound:
                found.append(record.problem(f"no sentence {record.sentence!r}", "sentence"))
                continue
            if record.text not in text:
                found.append(record.problem(f"text {record.text!r} is not in {record.sentence}", "text"))
    except CorpusError as error:
        found += error.problems
    if found:
        return found
    found += chart_series.problems()
    if found:
        return found
    name = yamlio.label(_figures_path())
    for sentence_id, number in unexplained_numbers():
        found.append(Problem(name, None, f"{sentence_id}: the number {number} is neither a figure "
                             f"nor listed in not-figures.yaml", "add it to one of them"))
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


_SERIES_NAMES = ("Point", "Series", "all_series", "series", "series_ids")


def __getattr__(name):
    """The series and derived figures live in dubao.content.series; these names stay
    here so that ``figures.series("qingzhen-capacity")`` keeps working (looked up
    when used, since that module builds on this one)."""
    if name in _SERIES_NAMES:
        from dubao.content import series as chart_series

        return getattr(chart_series, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
