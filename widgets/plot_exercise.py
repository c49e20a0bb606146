"""The plotting exercise widget: shows the task, runs the student's plotting
function (or checks a figure they pass in), and shows specific feedback from
``dubao.practice.chart_check``: which bar is wrong and what the article says, which axis
needs a unit, a log scale or flipping. Number-literacy exercises (万/亿, 同比,
逾) get a text box graded by ``dubao.practice.answers``. Every attempt is recorded in the
learner's progress store when there is one.

>>> ex = PlotExercise("qingzhen-capacity", plot=my_chart)   # doctest: +SKIP
>>> ex.check(fig)                                          # doctest: +SKIP
"""

import html

import ipywidgets as w
import traitlets

from dubao.course import chart_solutions
from dubao.practice import exercise_check
from widgets.common import feedback_html, record


def _feedback_list_html(result) -> str:
    if result.passed:
        return ('<div class="dubao-right" style="color:#1a7f37">✔ '
                + html.escape(str(result)) + "</div>")
    items = "".join(f"<li>{html.escape(m)}</li>" for m in result.messages)
    return f'<div class="dubao-wrong" style="color:#b42318">✘ Not yet:<ul>{items}</ul></div>'


class PlotExercise(w.VBox):
    """One exercise of corpus/plot-exercises.yaml; see the module docstring."""

    passed = traitlets.Bool(False, help="True once the student's chart or answer is right.")
    attempts = traitlets.Int(0, help="How many times the student has checked.")

    def __init__(self, exercise_id: str, plot=None, lesson: str | None = None,
                 show_solution: bool = False, **kwargs):
        from dubao.content import exercises as plot_exercises

        self.exercise = plot_exercises.exercise(exercise_id)
        self.plot = plot
        self.lesson = lesson or f"plots-{self.exercise.article}"
        title = self.exercise.title
        self.heading = w.HTML(f"<h4>{html.escape(title['zh'])} · {html.escape(title['en'])}</h4>")
        self.task = w.HTML(f"<p>{html.escape(self.exercise.task)}</p>")
        self.feedback = w.HTML()
        self.chart = w.Output()
        self.check_button = w.Button(description="Check", button_style="primary")
        self.check_button.on_click(lambda _: self._on_check())
        self.answer_box = w.Text(placeholder="e.g. 557.4亿元")
        controls = [self.check_button]
        if self.exercise.type == "number":
            controls = [self.answer_box, self.check_button]
        if show_solution and self.exercise.type == "chart":
            # sized to its label: the default button width cut it to "Show worked sol..."
            self.solution_button = w.Button(description="Show worked solution", layout=w.Layout(width="auto"))
            self.solution_button.on_click(lambda _: self.show_solution())
            self.solution_button.add_class("dubao-show-solution")  # the browser test clicks it by this class
            controls.append(self.solution_button)
        super().__init__([self.heading, self.task, w.HBox(controls), self.feedback, self.chart], **kwargs)
        self.add_class("dubao-plot-exercise")

    # ---------------------------------------------------------------- charts
    def check(self, figure_or_axes):
        """Check a chart the student drew; shows and returns the CheckResult."""
        result = exercise_check.check_chart(self.exercise, figure_or_axes)
        self._done(result.passed, "; ".join(result.messages) or "passed")
        self.feedback.value = _feedback_list_html(result)
        return result

    def run(self, plot_function=None):
        """Call the student's plotting function, show its chart and check it. The
        function may return a Figure or an Axes, or just draw with pyplot."""
        import matplotlib.pyplot as plt

        from dubao.charts import use_chinese_style

        function = plot_function or self.plot
        if function is None:
            self.feedback.value = ("<div class='dubao-prompt' style='color:#8a6100'>Write a function "
                                   "that draws the chart, then pass it: "
                                   "<code>PlotExercise(&quot;…&quot;, plot=my_chart)</code> "
                                   "or <code>exercise.check(fig)</code>.</div>")
            return None
        use_chinese_style()
        plt.close("all")
        try:
            drawn = function()
        except NotImplementedError:
            self.feedback.value = ("<div class='dubao-prompt' style='color:#8a6100'>Your function is "
                                   "still the stub: replace <code>raise NotImplementedError</code> "
                                   "with your plotting code.</div>")
            return None
        except Exception as error:  # noqa: BLE001 - a student's bug is feedback, not a crash
            self._done(False, f"error: {type(error).__name__}")
            self.feedback.value = ("<div class='dubao-wrong' style='color:#b42318'>✘ Your function "
                                   f"stopped with {html.escape(type(error).__name__)}: "
                                   f"{html.escape(str(error))}</div>")
            return None
        figure = drawn if drawn is not None else plt.gcf()
        figure = getattr(figure, "figure", figure)  # an Axes knows its Figure
        result = self.check(figure)
        self._show(figure)
        return result

    def show_solution(self):
        """Draw the worked solution (for teachers, or after trying)."""
        figure = chart_solutions.solve(self.exercise)
        self._show(figure)
        return figure

    def _show(self, figure):
        import matplotlib.pyplot as plt
        from IPython.display import display

        self.chart.clear_output(wait=True)
        with self.chart:
            display(figure)
        # Shown once, in the widget: closed, so the notebook does not show it again below.
        plt.close(figure)

    # ---------------------------------------------------------------- numbers
    def answer(self, text: str):
        """Grade a typed answer to a number exercise; shows and returns the Result."""
        result = exercise_check.check_answer(self.exercise, text)
        if result.status in ("correct", "wrong"):
            self._done(result.correct, text)
        explanation = ""
        if result.status == "wrong" and self.attempts >= 2 or result.correct:
            explanation = html.escape(self.exercise.explanation)
        self.feedback.value = feedback_html(result) + (f"<p>{explanation}</p>" if explanation else "")
        return result

    # ---------------------------------------------------------------- shared
    def _on_check(self):
        if self.exercise.type == "number":
            self.answer(self.answer_box.value)
        else:
            self.run()

    def _done(self, correct: bool, answer: str):
        self.attempts += 1
        self.passed = self.passed or bool(correct)
        record(self.lesson, self.exercise.id, answer, correct, article=self.exercise.article)
