"""Tests of the plot checker (dubao.practice.chart_check) and the plotting exercises
(dubao.content.exercises, graded by dubao.practice.exercise_check; dubao.course.chart_solutions):
every worked solution passes, and
each kind of wrong chart fails with the message that names what is wrong."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from dubao.content import figures
from dubao.content import exercises as plot_exercises  # noqa: E402
from dubao.charts import use_chinese_style  # noqa: E402
from dubao.course import chart_solutions  # noqa: E402
from dubao.practice import exercise_check  # noqa: E402
from dubao.practice.chart_check import ExpectedChart, check_chart  # noqa: E402

CHARTS = [e for e in plot_exercises.exercises() if e.type == "chart"]
NUMBERS = [e for e in plot_exercises.exercises() if e.type == "number"]


@pytest.fixture(autouse=True)
def close_figures():
    use_chinese_style(prefer_system=False)
    yield
    plt.close("all")


def test_enough_exercises_across_enough_pieces():
    assert len(CHARTS) >= 8
    assert len({e.article for e in CHARTS}) >= 4
    assert {e.level for e in CHARTS} == {1, 2, 3}
    assert len(NUMBERS) >= 4
    assert plot_exercises.problems() == []


@pytest.mark.parametrize("exercise", CHARTS, ids=lambda e: e.id)
def test_each_worked_solution_passes(exercise):
    result = exercise_check.check_chart(exercise, chart_solutions.solve(exercise))
    assert result.messages == []
    assert result.passed
    assert set(result.checks) >= {"kind", "values", "axis_label", "source"}


def capacity_chart(values=(3000, 3600, 5000, 6000), hatch_others=True, ylabel="产能（万羽）",
                   source=True, kind="bar"):
    """The Qingzhen capacity chart as a student might draw it, with one thing changed."""
    fig, ax = plt.subplots()
    labels = ["2024年", "2025年（预计）", "目标", "力争"]
    if kind == "bar":
        ax.bar(labels[:1], values[:1])
        ax.bar(labels[1:], values[1:], hatch="//" if hatch_others else None)
    else:
        ax.plot(labels, values)
    ax.set_ylabel(ylabel)
    if source:
        fig.text(0, 0, "来源：贵阳日报 qingzhen.p7.s2")
    return fig


CAPACITY = plot_exercises.exercise("qingzhen-capacity")


def test_a_correct_student_chart_passes():
    result = exercise_check.check_chart(CAPACITY, capacity_chart())
    assert result.passed, result.messages


def test_wrong_value_names_the_bar_the_value_and_the_sentence():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(values=(3000, 3000, 5000, 6000)))
    assert not result.passed
    assert result.messages == ["The 2025年（预计） bar shows 3000 but the article says 3600 "
                               "(sentence qingzhen.p7.s3)."]


def test_wrong_chart_kind():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(kind="line"))
    assert result.messages[0] == "This should be a bar chart (ax.bar), but it is a line chart (ax.plot)."
    # The rest is still checked, on the chart as drawn: one round of feedback says it all.
    assert result.checks["values"] is True
    assert result.messages[1].startswith("The 2025年（预计） point is an estimate")


def test_axis_label_without_unit_and_without_label():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(ylabel="产能"))
    assert result.messages == ["The y axis label “产能” does not give the unit 万羽."]
    result = exercise_check.check_chart(CAPACITY, capacity_chart(ylabel=""))
    assert result.messages == ["The y axis has no label: name what it measures and its unit, "
                               "e.g. ax.set_ylabel('…（万羽）')."]


def test_estimates_and_targets_drawn_like_actuals():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(hatch_others=False))
    assert result.messages == ["The 2025年（预计） bar is an estimate, but it is drawn like the actual "
                               "figures: mark it (hatch='//' or alpha=0.5) and say so in a legend. "
                               "Colour alone is lost in print."]


def test_colour_alone_does_not_distinguish_a_target():
    fig, ax = plt.subplots()
    ax.bar(["2024年"], [3000], color="C0")
    ax.bar(["2025年（预计）", "目标", "力争"], [3600, 5000, 6000], color="C1")
    ax.set_ylabel("万羽")
    ax.set_title("贵阳日报")
    assert exercise_check.check_chart(CAPACITY, fig).checks["distinguished"] is False


def test_missing_source():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(source=False))
    assert result.messages == ["Cite the source in the title or a caption: 贵阳日报 and the sentence "
                               "(qingzhen.p10.s1), e.g. fig.text(0, 0, '来源：贵阳日报 qingzhen.p10.s1')."]


def test_wrong_order_and_wrong_count():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(values=(3600, 3000, 5000, 6000)))
    assert result.messages[0] == ("The bars are in a different order from the article's: put them as "
                                  "2024年 → 2025年（预计） → 目标 → 力争.")
    fig, ax = plt.subplots()
    ax.bar(["2024年", "2025年"], [3000, 3600])
    result = exercise_check.check_chart(CAPACITY, fig)
    assert result.messages[0] == ("The chart has 2 bars but the article gives 4 values "
                                  "(2024年, 2025年（预计）, 目标, 力争).")


def test_values_in_the_wrong_unit():
    result = exercise_check.check_chart(CAPACITY, capacity_chart(values=(3e7, 3.6e7, 5e7, 6e7)))
    assert result.messages[0] == ("Every bar is 10000 times the article's value: plot the numbers in "
                                  "万羽, as the axis label says.")


def test_transfer_time_needs_a_log_scale():
    exercise = plot_exercises.exercise("transfer-time")
    fig = chart_solutions.solve(exercise)
    fig.axes[0].set_yscale("linear")
    result = exercise_check.check_chart(exercise, fig)
    assert result.messages == ["The values run from 1.64 to 16776, about 4 orders of magnitude: on a "
                               "linear axis the small one disappears. Use a log scale: "
                               "ax.set_yscale('log')."]


def test_rank_needs_an_inverted_axis():
    exercise = plot_exercises.exercise("gaoxin-rank")
    fig = chart_solutions.solve(exercise)
    fig.axes[0].invert_yaxis()  # back to the normal direction
    result = exercise_check.check_chart(exercise, fig)
    assert result.messages == ["Rank 1 is the best, so a better rank should be higher on the chart: "
                               "invert the y axis with ax.invert_yaxis()."]
    assert result.checks["values"] is True


def test_hubei_previous_year_must_be_computed_not_guessed():
    exercise = plot_exercises.exercise("hubei-space-revenue")
    fig, ax = plt.subplots()
    ax.bar(["2024年"], [557.4 * (1 - 0.148)], hatch="//")  # the common mistake: 474.9
    ax.bar(["2025年"], [557.4])
    ax.set_ylabel("营收（亿元）")
    ax.set_title("来源：贵阳日报 xinhua.p13.s1")
    result = exercise_check.check_chart(exercise, fig)
    assert result.messages == ["The 2024年（推算） bar shows 474.9048 but the article says 485.5401 "
                               "(sentence xinhua.p13.s1)."]


def test_line_chart_with_a_dashed_estimate_passes():
    series = figures.series("qingzhen-birds")
    expected = ExpectedChart.from_series(series, "line")
    fig, ax = plt.subplots()
    ax.plot(series.labels, series.values, linestyle="--")
    ax.plot(series.labels[:1], series.values[:1], marker="o")
    ax.set_ylabel("出栏（万羽）")
    ax.set_title("贵阳日报 qingzhen.p7.s3")
    assert check_chart(ax, expected).passed  # an Axes is accepted as well as a Figure
    fig2, ax2 = plt.subplots()
    ax2.plot(series.labels, series.values)
    ax2.set_ylabel("出栏（万羽）")
    ax2.set_title("贵阳日报")
    assert check_chart(fig2, expected).checks["distinguished"] is False


def test_empty_figure_and_wrong_object():
    fig = plt.figure()
    assert check_chart(fig, exercise_check.expected_chart(CAPACITY)).messages == [
        "There is no chart to check: the figure has no chart in it yet."]
    assert check_chart("chart", exercise_check.expected_chart(CAPACITY)).messages == [
        "There is no chart to check: expected a matplotlib Figure or Axes, got str."]


@pytest.mark.parametrize("exercise", NUMBERS, ids=lambda e: e.id)
def test_number_exercises_accept_their_answer(exercise):
    answer = exercise.answer
    qualifier = "逾" if answer.get("qualifier") == "more-than" else ""
    assert exercise_check.check_answer(exercise, f"{qualifier}{answer['value']}{answer['unit']}").correct


def test_number_literacy_feedback():
    wan_yi = plot_exercises.exercise("wan-yi-revenue")
    assert exercise_check.check_answer(wan_yi, "557.4亿元").correct  # the same amount, written another way
    assert not exercise_check.check_answer(wan_yi, "5574000000").correct
    tongbi = plot_exercises.exercise("tongbi-hubei")
    assert exercise_check.check_answer(tongbi, "485.5").correct
    assert not exercise_check.check_answer(tongbi, "474.9").correct
    qualifier = plot_exercises.exercise("qualifier-manure")
    assert exercise_check.check_answer(qualifier, "more than 50,000,000 公斤").correct
    result = exercise_check.check_answer(qualifier, "5000万公斤")
    assert not result.correct
    assert result.message == ("The amount is right, but the article does not say exactly that: it says "
                              "more than. Keep the word (e.g. 逾 or “more than”).")


def test_exercise_file_problems_name_file_and_line(corpus_copy):
    path = corpus_copy / "plot-exercises.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("series: gaoxin-rank", "series: gaoxin-ranks"), encoding="utf-8")
    try:
        found = [str(p) for p in plot_exercises.problems()]
    finally:
        plot_exercises.reload()
    line = text[: text.index("series: gaoxin-rank")].count("\n") + 1
    assert found == [f"{path}:{line}: exercise gaoxin-rank: no series 'gaoxin-ranks' (series are listed in corpus/chart-series.yaml)"]


# ---------------------------------------------------------------- the widget

def test_widget_runs_a_right_chart_and_records_it(data_dir):
    from dubao.practice import progress
    from widgets import PlotExercise

    exercise = PlotExercise("qingzhen-capacity", plot=lambda: chart_solutions.solve(CAPACITY))
    exercise.check_button.click()
    assert exercise.passed and exercise.attempts == 1
    assert "✔ Well done: the chart shows what the article says." in exercise.feedback.value
    attempts = progress.open_store().attempts(lesson="plots-qingzhen", question="qingzhen-capacity")
    assert [a["correct"] for a in attempts] == [True]


def test_widget_feedback_is_specific_and_escaped(data_dir):
    from widgets import PlotExercise

    exercise = PlotExercise("qingzhen-capacity")
    result = exercise.check(capacity_chart(values=(3000, 3000, 5000, 6000)))
    assert not result.passed and not exercise.passed
    assert ("<li>The 2025年（预计） bar shows 3000 but the article says 3600 (sentence qingzhen.p7.s3).</li>"
            in exercise.feedback.value)

    def broken():
        raise ValueError("<b>oops</b>")

    exercise.run(broken)
    assert "ValueError: &lt;b&gt;oops&lt;/b&gt;" in exercise.feedback.value
    assert exercise.attempts == 2


def test_widget_stub_and_missing_function_prompt(data_dir):
    from widgets import PlotExercise

    def stub():
        raise NotImplementedError

    exercise = PlotExercise("gaoxin-rank", plot=stub)
    exercise.check_button.click()
    assert "still the stub" in exercise.feedback.value and exercise.attempts == 0
    assert PlotExercise("gaoxin-rank").run() is None


def test_widget_number_exercise(data_dir):
    from widgets import PlotExercise

    exercise = PlotExercise("qualifier-manure")
    exercise.answer_box.value = "5000万公斤"
    exercise.check_button.click()
    assert not exercise.passed
    assert "does not say exactly that" in exercise.feedback.value
    exercise.answer_box.value = "逾5000万公斤"
    exercise.check_button.click()
    assert exercise.passed and exercise.attempts == 2
    assert "逾 means" in exercise.feedback.value


def test_reference_lines_are_not_taken_for_data():
    exercise = plot_exercises.exercise("gaoxin-rank")
    series = figures.series("gaoxin-rank")
    fig, ax = plt.subplots()
    ax.axhline(40, color="0.7")  # a guide line at rank 40, drawn before the data
    ax.plot(series.labels, series.values, marker="o")
    ax.invert_yaxis()
    ax.set_ylabel("排名（位）")
    ax.set_title("贵阳日报 reporter-note.p2.s2")
    result = exercise_check.check_chart(exercise, fig)
    assert result.passed, result.messages


def test_a_chart_in_another_unit_is_right_if_its_label_says_so():
    exercise = plot_exercises.exercise("transfer-time")
    fig, ax = plt.subplots()
    ax.bar(["原来", "现在"], [699, 1.64 / 24])
    ax.set_yscale("log")
    ax.set_ylabel("传输时间（天）")
    ax.set_title("贵阳日报 xinhua.p15.s1")
    assert exercise_check.check_chart(exercise, fig).passed
    ax.set_ylabel("传输时间（小时）")  # same bars, but the label now claims hours
    assert exercise_check.check_chart(exercise, fig).messages[0] == ("The 原来 bar shows 699 but the article says 16776 "
                                                     "(sentence xinhua.p15.s1).")
    result = exercise_check.check_chart(CAPACITY, capacity_chart(values=(3e7, 3.6e7, 5e7, 6e7), ylabel="产能（羽）"))
    assert result.passed, result.messages


def test_a_chart_exercise_without_its_worked_solution_is_named_with_file_and_line(corpus_copy):
    from dubao.errors import DubaoError

    path = corpus_copy / "plot-exercises.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("solution: qingzhen_capacity", "solution: qingzhen_capacty"), encoding="utf-8")
    plot_exercises.reload()
    try:
        found = [str(p) for p in chart_solutions.problems()]
        with pytest.raises(DubaoError, match="exercise qingzhen-capacity: no worked solution 'qingzhen_capacty'"):
            chart_solutions.solve(plot_exercises.exercise("qingzhen-capacity"))
    finally:
        plot_exercises.reload()
    line = text[: text.index("solution: qingzhen_capacity")].count("\n") + 1
    assert found == [f"{path}:{line}: exercise qingzhen-capacity: no solution 'qingzhen_capacty' in "
                     "dubao/course/chart_solutions.py"]
    # the module's helpers and imports are not solutions
    assert chart_solutions._solutions().keys() >= {e.solution for e in CHARTS}
    assert not {"solve", "problems", "figures", "exercises"} & chart_solutions._solutions().keys()
