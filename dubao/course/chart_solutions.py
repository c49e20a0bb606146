"""Worked solutions of the plotting exercises (corpus/plot-exercises.yaml), written
the way a student would write them: plain matplotlib, the values taken from
``dubao.content.figures`` so that a chart can never drift from the page, the unit in the
axis label, estimates and targets hatched or dashed, and the source cited.
Each function takes an optional Axes and returns the Figure it drew on;
``solve(exercise)`` draws an exercise's, and ``problems()`` (for ``dubao check``)
says where an exercise names a solution that is not here.
"""

from __future__ import annotations

from dubao.content import exercises, figures
from dubao.errors import DubaoError, Problem

ACTUAL = {"color": "#3b6ea8"}
ESTIMATE = {"color": "#3b6ea8", "alpha": 0.45, "hatch": "//", "edgecolor": "#1d3b5c"}
TARGET = {"fill": False, "hatch": "..", "edgecolor": "#1d3b5c", "linestyle": "--"}
STYLE = {"actual": ACTUAL, "rank": ACTUAL, "estimate": ESTIMATE, "target": TARGET}
NAME = {"actual": "实际", "rank": "实际", "estimate": "预计/推算", "target": "目标"}


def solve(exercise, ax=None):
    """Draw the worked solution of a chart exercise; returns its Figure."""
    function = _solutions().get(exercise.solution or "")
    if function is None:
        raise DubaoError(f"exercise {exercise.id}: no worked solution {exercise.solution!r} in "
                         "dubao/course/chart_solutions.py")
    return function(ax)


def problems() -> list[Problem]:
    """Every chart exercise must name one of the solutions here."""
    return [Problem(*e.solution_where, f"exercise {e.id}: no solution {e.solution!r} in "
                                       "dubao/course/chart_solutions.py")
            for e in exercises.exercises() if e.type == "chart" and e.solution not in _solutions()]


def _solutions() -> dict:
    """The worked solutions: this module's public functions other than solve and problems."""
    return {name: value for name, value in globals().items()
            if callable(value) and not name.startswith("_") and name not in ("solve", "problems")
            and getattr(value, "__module__", None) == __name__}


def _axes(ax):
    import matplotlib.pyplot as plt

    from dubao.charts import use_chinese_style

    use_chinese_style()
    if ax is None:
        fig, ax = plt.subplots(figsize=(6, 3.8), layout="constrained")
        fig.get_layout_engine().set(rect=(0, 0.05, 1, 0.95))  # keep the bottom strip for the source
    return ax.figure, ax


def _cite(fig, *sentence_ids):
    """The source line: each article's own source (贵阳日报, 新华社 …) and the sentence ids."""
    from dubao import corpus

    names = dict.fromkeys(corpus.sentence(sid).article for sid in sentence_ids)
    sources = "、".join(dict.fromkeys(corpus.article(a).source for a in names if corpus.article(a).source))
    fig.text(0.01, 0.01, f"来源：{sources} " + "、".join(sentence_ids), fontsize=8, color="0.35")


def _bars_by_kind(ax, series, horizontal=False):
    """Actual figures solid; estimates and targets hatched and faded, with a legend."""
    draw = ax.barh if horizontal else ax.bar
    for point in series.points:
        kind = point.figure.kind
        bars = draw([point.label], [point.value], label=NAME[kind], **STYLE[kind])
        ax.bar_label(bars, fmt="{:,.4g}", padding=2, fontsize=8)
    handles, names = ax.get_legend_handles_labels()
    unique = dict(zip(names, handles))
    if len(unique) > 1:
        ax.legend(unique.values(), unique.keys(), frameon=False, loc="upper left", ncols=len(unique))
        ax.margins(y=0.25)  # room for the legend above the tallest bar


def qingzhen_capacity(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("qingzhen-capacity")
    _bars_by_kind(ax, series)
    ax.set_title("清镇市肉鸡产能")
    ax.set_ylabel("产能（万羽）")
    _cite(fig, "qingzhen.p7.s2", "qingzhen.p7.s3", "qingzhen.p10.s1")
    return fig


def qingzhen_output_value(ax=None):
    fig, ax = _axes(ax)
    _bars_by_kind(ax, figures.series("qingzhen-output-value"))
    ax.set_title("清镇市肉鸡产业产值")
    ax.set_ylabel("产值（亿元）")
    _cite(fig, "qingzhen.p7.s2", "qingzhen.p7.s3")
    return fig


def qingzhen_manure(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("qingzhen-manure")
    ax.barh(series.labels, series.values, color="#7a9a3a")
    ax.invert_yaxis()  # read top to bottom in the order of the series
    ax.set_xlabel("鸡粪（万公斤）")
    ax.set_title("逾5000万公斤：出栏量 × 2.5公斤 是否相符？")
    _cite(fig, "qingzhen.p8.s1", "qingzhen.p8.s2")
    return fig


def pingba_guesthouses(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("pingba-guesthouses")
    ax.bar(series.labels, series.values, color="#c07a2c")
    ax.set_ylabel("民宿经营户（户）")
    ax.set_title("平坝村：从4家到70户")
    _cite(fig, "liuli.p6.s2")
    return fig


def transfer_time(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("transfer-time")  # both in hours: 699天 = 16776小时
    speedup = figures.figure("xinhua-transfer-speedup").value
    ax.bar(series.labels, series.values, color=["#999999", "#3b6ea8"])
    ax.set_yscale("log")
    ax.set_ylim(bottom=0.1)  # so the 1.64-hour bar stands up from the axis
    ax.bar_label(ax.containers[0], labels=["699天 = 16,776小时", "1.64小时"], fontsize=8)
    ax.set_ylabel("传输时间（小时，对数刻度）")
    ax.set_title(f"72TB数据传输：快了约{speedup:,.0f}倍")
    _cite(fig, "xinhua.p15.s1")
    return fig


def hubei_space_revenue(ax=None):
    fig, ax = _axes(ax)
    _bars_by_kind(ax, figures.series("hubei-space-revenue"))
    ax.set_ylabel("营收（亿元）")
    ax.set_title("湖北省航天产业前9个月营收（2024年由同比增长14.8%推算）")
    _cite(fig, "xinhua.p13.s1")
    return fig


def gaoxin_rank(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("gaoxin-rank")
    ax.plot(series.labels, series.values, marker="o", color="#3b6ea8")
    ax.invert_yaxis()  # rank 1 is best: climbing from 42 to 36 goes up
    ax.set_ylabel("在国家级高新区中的排名（位）")
    ax.set_title("贵阳高新区综合实力排名")
    _cite(fig, "reporter-note.p2.s2")
    return fig


def smart_factories(ax=None):
    fig, ax = _axes(ax)
    series = figures.series("smart-factories")
    ax.barh(series.labels, series.values, color="#3b6ea8")
    ax.set_xscale("log")
    ax.set_xlabel("智能工厂（家，对数刻度）")
    ax.set_title("全国智能工厂：3.5万多家基础级，230多家卓越级")
    _cite(fig, "xinhua.p10.s1")
    return fig
