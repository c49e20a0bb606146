"""Series of related figures for charting, and the figures the page implies but
does not print, both read from ``corpus/chart-series.yaml`` (content is data: an
instructor adds a series for an added article there, not in Python). A derived
figure's value is worked out from the stated figures by its ``compute``
expression (``dubao.content.arithmetic``) and labelled derived.

    >>> from dubao.content import series
    >>> [p.label for p in series.series("qingzhen-capacity").points]
    ['2024年', '2025年（预计）', '目标', '力争']
    >>> series.derived_figure("xinhua-transfer-speedup").value
    10229.2683
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Annotated, Literal

from pydantic import Field

from dubao import yamlio
from dubao.content import arithmetic, figures
from dubao.errors import CorpusError, NotFound, Problem
from dubao.paths import corpus_dir
from dubao.schema import Model, Text, validate

__all__ = ["Point", "Series", "ChartSeriesFile", "series", "all_series", "series_ids", "derived",
           "derived_figure", "problems", "reload"]


@dataclass(frozen=True)
class Point:
    label: str
    figure: figures.Figure

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


# ------------------------------------------------------------------- the file

class PointRecord(Model):
    label: Text
    figure: Text


class SameCount(Model):
    """Points that count the same thing with different measure words, and why."""

    units: Annotated[list[Text], Field(min_length=2)]
    reason: Text


class SeriesRecord(Model):
    id: Text
    title: figures.Bilingual
    unit: Text
    points: Annotated[list[PointRecord], Field(min_length=1)]
    same_count: SameCount | None = None


class DerivedRecord(Model):
    id: Text
    inputs: Annotated[dict[str, Text], Field(min_length=1)]
    compute: Text
    unit: Text
    kind: Literal[figures.KINDS]
    period: figures.Bilingual
    subject: figures.Bilingual
    formula: Text


class ChartSeriesFile(Model):
    derived: list[DerivedRecord] = []
    series: list[SeriesRecord] = []


def _path():
    return corpus_dir() / "chart-series.yaml"


@cache
def _read() -> tuple[ChartSeriesFile, tuple[Problem, ...]]:
    path = _path()
    if not path.exists():
        return ChartSeriesFile(), ()
    record, found = validate(ChartSeriesFile, yamlio.load(path, dict), salvage=True)
    return record or ChartSeriesFile(), tuple(found)


def _file() -> ChartSeriesFile:
    record, found = _read()
    if found:
        raise CorpusError(list(found))
    return record


def reload() -> None:
    """Read corpus/chart-series.yaml again on next use."""
    _read.cache_clear()


# ------------------------------------------------------------ derived figures

def _compute(record: DerivedRecord, stated: dict) -> figures.Figure:
    """One derived figure; KeyError for an unknown input, ValueError/ZeroDivisionError
    for an expression that cannot be worked out."""
    inputs = {name: stated[fid] for name, fid in record.inputs.items()}
    for name, fig in inputs.items():
        if not arithmetic.is_number(fig.base_value):
            raise ValueError(f"input {name} ({fig.id}) has no numeric value")
    base = arithmetic.evaluate(record.compute, {name: float(f.base_value) for name, f in inputs.items()})
    scale, _ = figures.to_base(1, record.unit)
    value = round(base / float(scale), 4)
    base_value, base_unit = figures.to_base(value, record.unit)
    first = inputs[next(iter(inputs))]
    return figures.Figure(id=record.id, article=first.article, sentence=first.sentence, quote="", written="",
                          value=value, unit=record.unit, base_value=base_value, base_unit=base_unit,
                          qualifier=None, period=record.period.model_dump(), subject=record.subject.model_dump(),
                          kind=record.kind, derived=True, formula=record.formula,
                          inputs=tuple(record.inputs.values()))


def derived(stated: dict) -> dict[str, figures.Figure]:
    """The derived figures of chart-series.yaml, worked out from ``stated``."""
    out = {}
    for record in _file().derived:
        try:
            out[record.id] = _compute(record, stated)
        except (KeyError, ValueError, ZeroDivisionError, SyntaxError) as error:
            raise CorpusError(record.problem(f"derived figure {record.id}: cannot be computed ({error})",
                                             "compute")) from None
    return out


def derived_figure(figure_id: str) -> figures.Figure:
    found = figures.figure(figure_id)
    if not found.derived:
        raise NotFound(f"{figure_id!r} is a stated figure, not a derived one")
    return found


# ------------------------------------------------------------------- series

def series_ids() -> list[str]:
    return [record.id for record in _file().series]


def _value_in(fig, unit: str, same_count: set = frozenset()):
    """A figure's value in the series unit (e.g. 699天 in 小时)."""
    if fig.unit == unit or {fig.unit, unit} <= same_count:
        return fig.value
    base_value, base_unit = figures.to_base(1, unit)
    if base_unit != fig.base_unit:
        raise ValueError(f"{fig.id} is in {fig.unit}, which cannot be shown in {unit}")
    result = Decimal(str(fig.base_value)) / Decimal(str(base_value))
    return int(result) if result == result.to_integral_value() else float(result)


def series(series_id: str) -> Series:
    """Related figures ready to chart, with every value in the series unit."""
    record = next((r for r in _file().series if r.id == series_id), None)
    if record is None:
        raise NotFound(f"no series {series_id!r}; known: {', '.join(series_ids())}")
    same = set(record.same_count.units) if record.same_count else set()
    out = []
    for point in record.points:
        fig = figures.figure(point.figure)
        value = _value_in(fig, record.unit, same)
        if value != fig.value:
            fig = figures.Figure(**{**fig.__dict__, "value": value, "unit": record.unit})
        out.append(Point(point.label, fig))
    return Series(record.id, record.title.zh, record.title.en, record.unit, out)


def all_series() -> list[Series]:
    return [series(sid) for sid in series_ids()]


def problems() -> list[Problem]:
    """For ``dubao check`` (through dubao.content.figures): the file's schema, ids
    used twice, inputs and points that are no figure, expressions over names that
    are not inputs, and series whose points cannot be shown in the series unit."""
    reload()
    record, found = _read()
    found = list(found)
    seen: dict[str, int | None] = {}
    stated = figures.stated_figures()
    for item in [*record.derived, *record.series]:
        if item.id in seen or (item in record.derived and item.id in stated):
            found.append(item.problem(f"duplicate id {item.id!r}", "id"))
        seen.setdefault(item.id, item.yaml_line)
    for item in record.derived:
        unknown = [fid for fid in item.inputs.values() if fid not in stated]
        if unknown:
            found.append(item.problem(f"derived figure {item.id}: no stated figure {unknown[0]!r}", "inputs"))
            continue
        try:
            names = arithmetic.names_in(item.compute)
        except SyntaxError:
            found.append(item.problem(f"derived figure {item.id}: compute {item.compute!r} is not an "
                                      "expression", "compute"))
            continue
        if names - set(item.inputs):
            found.append(item.problem(f"derived figure {item.id}: compute uses {sorted(names - set(item.inputs))[0]!r}, "
                                      "which is not one of its inputs", "compute"))
            continue
        try:
            _compute(item, stated)
        except (ValueError, ZeroDivisionError) as error:
            found.append(item.problem(f"derived figure {item.id}: {error}", "compute"))
    if found:
        return found
    for item in record.series:
        try:
            series(item.id)
        except (NotFound, ValueError, CorpusError) as error:
            found.append(item.problem(f"series {item.id}: {error}", "points"))
    return found
