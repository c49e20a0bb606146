"""Checks a student's matplotlib chart against the chart a series of the page
calls for, and says specifically what differs: a value ("the 2025年（预计） bar
shows 3000 but the article says 3600 (sentence qingzhen.p7.s3)"), the order, the
chart kind, the axis label and its unit, a log scale where the data spans orders
of magnitude, an inverted axis for ranks, estimates and targets drawn so that
they cannot be taken for actuals, and the source cited. Pure matplotlib: the
widgets and the tests use it the same way.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

KIND_NAMES = {"bar": "a bar chart (ax.bar)", "barh": "a horizontal bar chart (ax.barh)",
              "line": "a line chart (ax.plot)"}
MARK_NAMES = {"bar": "bar", "barh": "bar", "line": "point"}


@dataclass(frozen=True)
class ExpectedChart:
    """What the chart must show: values in order, with labels, kinds and sources."""

    kind: str                     # bar, barh or line
    labels: list[str]
    values: list[float]
    kinds: list[str]              # actual, estimate, target, rank (one per value)
    sentences: list[str]          # the sentence id each value comes from
    unit: str                     # must appear in the value-axis label
    log: bool = False
    invert: bool = False
    tolerance: float = 0.005      # relative: 485.54 for 485.5401 is right
    # Other units the student may plot in, and how many of them one ``unit`` is
    # (万羽 -> {"羽": 10000}): a chart in 天 instead of 小时 is right if it says so.
    other_units: dict = field(default_factory=dict)
    # Who published the articles the values come from (each article's ``source`` in
    # the corpus: 贵阳日报, 新华社, an instructor's paper): the chart must cite one.
    sources: list[str] = field(default_factory=list)

    def in_unit(self, unit: str) -> "ExpectedChart":
        """The same chart with its values in another unit the student chose."""
        from dataclasses import replace

        factor = self.other_units[unit]
        return replace(self, unit=unit, values=[v * factor for v in self.values])

    @classmethod
    def from_series(cls, series, kind: str, log: bool | None = None, invert: bool | None = None):
        """The chart for a dubao.content.figures Series; log and invert default to what the data needs."""
        values = [float(v) for v in series.values]
        if log is None:
            log = spans_orders_of_magnitude(values)
        if invert is None:
            invert = all(k == "rank" for k in series.kinds)
        return cls(kind=kind, labels=series.labels, values=values, kinds=series.kinds,
                   sentences=[p.figure.sentence for p in series.points], unit=series.unit,
                   log=log, invert=invert, other_units=convertible_units(series.unit),
                   sources=list(dict.fromkeys(p.figure.source_name for p in series.points
                                              if p.figure.source_name)))


def convertible_units(unit: str) -> dict[str, float]:
    """Units with the same base as ``unit`` and how many of each one ``unit`` is
    (from the one unit table, dubao.content.units).

    >>> convertible_units("小时")["天"]
    0.041666666666666664
    >>> sorted(convertible_units("万羽").items())
    [('亿羽', 0.0001), ('羽', 10000.0)]
    """
    from dubao.content.units import same_base_units

    return same_base_units(unit)


@dataclass
class CheckResult:
    """The outcome: ``passed``, one message per problem, and which checks passed."""

    passed: bool
    messages: list[str] = field(default_factory=list)
    checks: dict[str, bool] = field(default_factory=dict)

    def __str__(self) -> str:
        if self.passed:
            return "Well done: the chart shows what the article says."
        return "\n".join(f"- {m}" for m in self.messages)


def spans_orders_of_magnitude(values, ratio: float = 100) -> bool:
    """True when the largest value is at least ``ratio`` times the smallest.

    >>> spans_orders_of_magnitude([16776, 1.64]), spans_orders_of_magnitude([3000, 6000])
    (True, False)
    """
    positive = [v for v in values if v > 0]
    return bool(positive) and max(positive) / min(positive) >= ratio


@dataclass
class Mark:
    """One bar or one line point as drawn: position, value and how it looks."""

    position: float
    value: float
    style: tuple
    artist: object = None


def _as_axes(figure_or_axes):
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if isinstance(figure_or_axes, Axes):
        return figure_or_axes
    if isinstance(figure_or_axes, Figure):
        drawn = [ax for ax in figure_or_axes.axes if ax.has_data()]
        if not drawn:
            raise ValueError("the figure has no chart in it yet")
        return drawn[0]
    raise TypeError(f"expected a matplotlib Figure or Axes, got {type(figure_or_axes).__name__}")


def _bar_style(patch) -> tuple:
    # Colour alone is lost in grey print and for colour-blind readers, so only
    # hatch, transparency, fill and edge line style count as "drawn differently".
    alpha = patch.get_alpha()
    return (patch.get_hatch() or "", 1.0 if alpha is None else round(alpha, 2),
            bool(patch.get_fill()), patch.get_linestyle())


def _line_style(line) -> tuple:
    alpha = line.get_alpha()
    return (line.get_linestyle(), 1.0 if alpha is None else round(alpha, 2), line.get_fillstyle())


def bars_of(ax) -> tuple[str | None, list[Mark]]:
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer)]
    if not containers:
        return None, []
    orientation = getattr(containers[0], "orientation", "vertical")
    marks = []
    for container in containers:
        for patch in container.patches:
            if orientation == "horizontal":
                position, value = patch.get_y() + patch.get_height() / 2, patch.get_width()
            else:
                position, value = patch.get_x() + patch.get_width() / 2, patch.get_height()
            marks.append(Mark(position, value, _bar_style(patch), patch))
    marks.sort(key=lambda m: m.position)
    return ("barh" if orientation == "horizontal" else "bar"), marks


def points_of(ax) -> list[Mark]:
    """Points of all data lines (not grid or reference lines), one per position."""
    by_position: dict[float, Mark] = {}
    for line in ax.get_lines():
        xs = ax.xaxis.convert_units(line.get_xdata())
        ys = line.get_ydata()
        # axhline/axvline are drawn in axes coordinates: guides, not data.
        if len(xs) < 1 or line.get_transform() != ax.transData:
            continue
        for x, y in zip(xs, ys):
            mark = by_position.setdefault(float(x), Mark(float(x), float(y), ()))
            mark.style += ((id(line), _line_style(line)),)
    return [by_position[x] for x in sorted(by_position)]


def _fmt(value: float) -> str:
    return f"{value:.4f}".rstrip("0").rstrip(".")


def _all_text(ax) -> str:
    fig = ax.figure
    parts = [ax.get_title(loc) for loc in ("left", "center", "right")]
    parts += [t.get_text() for t in ax.texts] + [t.get_text() for t in fig.texts]
    if getattr(fig, "_suptitle", None) is not None:
        parts.append(fig._suptitle.get_text())
    legend = ax.get_legend()
    if legend is not None:
        parts += [t.get_text() for t in legend.get_texts()]
    return "\n".join(parts)


def check_chart(figure_or_axes, expected: ExpectedChart) -> CheckResult:
    """Compare a drawn chart with what is expected; every problem gets one message."""
    try:
        ax = _as_axes(figure_or_axes)
    except (TypeError, ValueError) as error:
        return CheckResult(False, [f"There is no chart to check: {error}."], {"chart": False})
    ax.figure.canvas.draw()  # tick labels and category positions exist only after a draw
    result = CheckResult(True)

    def verdict(name: str, ok: bool, message: str = "") -> bool:
        result.checks[name] = ok = bool(ok)
        if not ok:
            result.passed = False
            result.messages.append(message)
        return ok

    bar_kind, marks = bars_of(ax)
    drawn_kind = bar_kind or ("line" if ax.get_lines() else None)
    if drawn_kind != "line" and bar_kind is None:
        verdict("kind", False, f"I found no bars or lines: draw {KIND_NAMES[expected.kind]}.")
        return result
    if drawn_kind == "line" or (expected.kind == "line" and not marks):
        marks = points_of(ax)
    verdict("kind", drawn_kind == expected.kind,
            f"This should be {KIND_NAMES[expected.kind]}, but it is {KIND_NAMES[drawn_kind]}.")
    # The other checks go on with the chart as drawn, so one round of feedback says it all.
    value_axis = ax.xaxis if drawn_kind == "barh" else ax.yaxis
    expected = _in_unit_of_label(value_axis, expected)
    _check_values(marks, expected, verdict, drawn_kind)
    _check_axis_label(value_axis, expected, verdict)
    _check_scale(ax, value_axis, expected, verdict)
    _check_distinguished(marks, expected, verdict, drawn_kind)
    _check_source(ax, expected, verdict)
    return result


def _check_values(marks, expected, verdict, drawn_kind) -> None:
    noun = MARK_NAMES[drawn_kind]
    if len(marks) != len(expected.values):
        listing = ", ".join(expected.labels)
        verdict("values", False, f"The chart has {len(marks)} {noun}s but the article gives "
                                 f"{len(expected.values)} values ({listing}).")
        return
    drawn = [m.value for m in marks]

    def close(a, b):
        return math.isclose(a, b, rel_tol=expected.tolerance, abs_tol=1e-9)

    ratios = {round(math.log10(d / e), 6) for d, e in zip(drawn, expected.values) if d > 0 and e > 0}
    if len(ratios) == 1 and (r := ratios.pop()) != 0 and float(r).is_integer():
        verdict("values", False, f"Every {noun} is {_fmt(10 ** r)} times the article's value: plot the "
                                 f"numbers in {expected.unit}, as the axis label says.")
        return
    same_numbers = all(close(a, b) for a, b in zip(sorted(drawn), sorted(expected.values)))
    if same_numbers and not all(close(a, b) for a, b in zip(drawn, expected.values)):
        verdict("values", False, f"The {noun}s are in a different order from the article's: put them "
                                 f"as {' → '.join(expected.labels)}.")
        return
    ok = True
    for mark, label, want, sentence in zip(marks, expected.labels, expected.values, expected.sentences):
        if not close(mark.value, want):
            ok = verdict("values", False, f"The {label} {noun} shows {_fmt(mark.value)} but the article "
                                          f"says {_fmt(want)} (sentence {sentence}).")
    if ok:
        verdict("values", True)


def _in_unit_of_label(axis, expected):
    """If the axis label names another unit of the same kind (天 for 小时, 羽 for
    万羽) and not the expected one, check the values in that unit."""
    label = axis.get_label().get_text()
    named = [u for u in [expected.unit, *expected.other_units] if u in label]
    if not named:
        return expected
    longest = max(named, key=len)  # 万羽 rather than 羽 inside it
    return expected if longest == expected.unit else expected.in_unit(longest)


def _check_axis_label(axis, expected, verdict) -> None:
    name = "x" if axis.axis_name == "x" else "y"
    label = axis.get_label().get_text().strip()
    if not label:
        verdict("axis_label", False, f"The {name} axis has no label: name what it measures and its "
                                     f"unit, e.g. ax.set_{name}label('…（{expected.unit}）').")
    elif expected.unit not in label:
        verdict("axis_label", False, f"The {name} axis label “{label}” does not give the unit "
                                     f"{expected.unit}.")
    else:
        verdict("axis_label", True)


def _check_scale(ax, axis, expected, verdict) -> None:
    name = axis.axis_name
    scale = ax.get_xscale() if name == "x" else ax.get_yscale()
    low, high = min(expected.values), max(expected.values)
    if expected.log:
        verdict("log_scale", scale == "log",
                f"The values run from {_fmt(low)} to {_fmt(high)}, about "
                f"{round(math.log10(high / low))} orders of magnitude: on a linear axis the small one "
                f"disappears. Use a log scale: ax.set_{name}scale('log').")
    inverted = axis.get_inverted() if hasattr(axis, "get_inverted") else (
        ax.xaxis_inverted() if name == "x" else ax.yaxis_inverted())
    if expected.invert:
        verdict("inverted", inverted,
                f"Rank 1 is the best, so a better rank should be higher on the chart: invert the "
                f"{name} axis with ax.invert_{name}axis().")
    elif inverted:
        verdict("inverted", False, f"The {name} axis is upside down; these are amounts, not ranks.")


def _check_distinguished(marks, expected, verdict, drawn_kind) -> None:
    if len(marks) != len(expected.kinds):
        return
    is_actual = [kind in ("actual", "rank") for kind in expected.kinds]
    if all(is_actual) or not any(is_actual):
        return
    if drawn_kind == "line":
        reference, styles_of = _line_reference(marks, is_actual)
    else:
        reference = {m.style for m, actual in zip(marks, is_actual) if actual}
        styles_of = [{m.style} for m in marks]
    noun = MARK_NAMES[drawn_kind]
    for styles, kind, label, actual in zip(styles_of, expected.kinds, expected.labels, is_actual):
        if not actual and styles <= reference:
            how = "hatch='//' or alpha=0.5" if drawn_kind != "line" else "linestyle='--'"
            verdict("distinguished", False,
                    f"The {label} {noun} is {'an' if kind == 'estimate' else 'a'} {kind}, but it is "
                    f"drawn like the actual figures: mark it ({how}) and say so in a legend. "
                    f"Colour alone is lost in print.")
            return
    verdict("distinguished", True)


def _line_reference(marks, is_actual):
    """For line charts a point may lie on several lines (a solid line up to the last
    actual, a dashed one on to the estimate). The look of actuals is that of the
    lines holding only actual points, or failing that of every line through one."""
    lines_with_other = {line for m, actual in zip(marks, is_actual) if not actual for line, _ in m.style}
    actual_only = {style for m, actual in zip(marks, is_actual) if actual
                   for line, style in m.style if line not in lines_with_other}
    reference = actual_only or {style for m, actual in zip(marks, is_actual) if actual
                                for _, style in m.style}
    return reference, [{style for _, style in m.style} for m in marks]


def _check_source(ax, expected, verdict) -> None:
    text = _all_text(ax)
    cited = any(name in text for name in expected.sources) or any(s in text for s in expected.sentences)
    last = expected.sentences[-1]
    if expected.sources:
        name = expected.sources[-1]
        verdict("source", cited, f"Cite the source in the title or a caption: {name} and the sentence "
                                 f"({last}), e.g. fig.text(0, 0, '来源：{name} {last}').")
    else:
        verdict("source", cited, f"Cite the source in the title or a caption: the sentence ({last}), "
                                 f"e.g. fig.text(0, 0, '来源：{last}').")
