"""Every lesson as a student sees it: opened in JupyterLab in headless chromium,
run from the Run menu, checked for anything a student should never see, then
used (pinyin on, a word clicked, a quiz answered, pinyin typed with tone numbers
in a quiz and in a code exercise, a chart drawn). Each action fails, never skips,
in a lesson that builds its widget.
Screenshots go to test-artifacts/<lesson>.png; timings to test-artifacts/timings.json.
The start lesson also runs as a Voilà app. Test-only notebooks in
tests/browser/notebooks/ prove the checks fail when something is broken."""

import json
import re
import time
from pathlib import Path
from types import SimpleNamespace

import pytest
from .browser_checks import (
    ARTIFACTS, COURSE_DIR, RUN_TIMEOUT_MS, WIDGET_CALLS, WIDGET_NAMES, Absent, ConsoleLog, expected_widgets,
    full_screenshot, notebook_problems, output_problems, pinyin_code_exercise, pinyin_question_word, record_timing,
    score_numbers, student_answers_a_code_exercise, student_answers_wrong_then_right, student_clicks_a_word,
    student_draws_the_chart, student_switches_pinyin_on, student_types_pinyin, tone_numbers, watch_widget_replies,
    widgets_on_page)

pytestmark = pytest.mark.browser

LESSONS = sorted((COURSE_DIR / "lessons").glob("*.ipynb"))
TEST_NOTEBOOKS = COURSE_DIR / "tests" / "browser" / "notebooks"


def test_there_are_lessons_to_check():
    assert LESSONS, f"no notebooks in {COURSE_DIR / 'lessons'}: the browser test would check nothing"


class OpenLesson:
    """A lesson that has been opened and run in the JupyterLab tab; ``expects`` are
    the widgets it builds (by its source or on the page), whose actions must work."""

    def __init__(self, page, notebook: Path, console: ConsoleLog, timing: dict):
        self.page, self.notebook, self.console, self.timing = page, notebook, console, timing
        self.name = notebook.stem
        self.expects = expected_widgets(notebook) | widgets_on_page(page)


# Every lesson, and a test-only tour of every widget so the student actions are
# proven on the real widgets even before a lesson uses them.
WIDGET_TOUR = TEST_NOTEBOOKS / "widget-tour.ipynb"
OPENED = LESSONS + [WIDGET_TOUR]


@pytest.fixture(scope="module", params=OPENED, ids=[p.stem for p in OPENED])
def lesson(request, lab_tab):
    """Open the lesson and Run All once; the tests below look at it and use it in turn."""
    notebook = request.param
    try:
        timing = lab_tab.run(notebook)
    except Exception:
        ARTIFACTS.mkdir(exist_ok=True)
        lab_tab.page.screenshot(path=str(ARTIFACTS / f"failed-{notebook.stem}-run.png"), full_page=True)
        lab_tab.close()
        raise
    record_timing(f"jupyterlab:{notebook.stem}", timing)
    following = OPENED.index(notebook) + 1
    if following < len(OPENED):
        lab_tab.prepare(OPENED[following])
    try:
        yield OpenLesson(lab_tab.page, notebook, lab_tab.console, timing)
    finally:
        lab_tab.close()


def act(lesson, action, needs: str, *args):
    """Run a student action on the lesson's page. When the page has no widget for
    it, fail if the lesson builds one (``needs``), else skip, naming what is missing."""
    try:
        return action(lesson.page, *args)
    except Absent as missing:
        if needs in lesson.expects:
            pytest.fail(f"{lesson.notebook.name} builds {WIDGET_NAMES[needs]}, yet: {missing}", pytrace=False)
        pytest.skip(f"this lesson has {missing}")


def test_the_widget_tour_needs_every_action():
    """The tour proves every action on the real widgets: none may be skipped there."""
    assert expected_widgets(WIDGET_TOUR) == set(WIDGET_CALLS)


def test_lesson_runs_without_problems(lesson):
    problems = notebook_problems(lesson.page, lesson.notebook, lesson.console)
    if problems:  # otherwise the screenshot is taken after the student's clicks (one per lesson: 3-8 s each)
        full_screenshot(lesson.page, ARTIFACTS / f"{lesson.name}.png")
    assert problems == [], f"{lesson.notebook.name} after Run All Cells:\n" + "\n".join(problems)


def test_an_action_that_finds_nothing_fails_where_the_lesson_builds_its_widget():
    def finds_nothing(page):
        raise Absent("no clickable Reader word")

    lesson = SimpleNamespace(page=None, notebook=WIDGET_TOUR, expects={"reader"})
    with pytest.raises(pytest.fail.Exception, match="builds a Reader, yet: no clickable Reader word"):
        act(lesson, finds_nothing, "reader")
    lesson.expects = {"quiz"}
    with pytest.raises(pytest.skip.Exception, match="no clickable Reader word"):
        act(lesson, finds_nothing, "reader")


def test_the_widgets_a_notebook_builds_are_read_from_its_code(tmp_path):
    cells = ['reader = Reader("liuli", paragraphs=["liuli.p6"])',
             'VocabQuiz("liuli", kind="match")',  # no choices to guess among
             'VocabQuiz("xinhua", kind="pinyin", words=todays_words[:6])',
             'PlotExercise("wan-yi-revenue", show_solution=True)',  # a number exercise: nothing to draw
             'CodeCheck(f, expected=" ".join(t.pinyin for t in annotate("民之所盼") if t.pinyin), kind="pinyin")']
    notebook = tmp_path / "lesson.ipynb"
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": c} for c in cells]}))
    assert expected_widgets(notebook) == {"reader", "pinyin-quiz", "pinyin-code"}
    assert pinyin_code_exercise(notebook) == ("f", "民之所盼")
    cells[3] = 'PlotExercise("qingzhen-capacity", plot=my_chart, show_solution=True)'
    notebook.write_text(json.dumps({"cells": [{"cell_type": "code", "source": c} for c in cells]}))
    assert "worked-solution" in expected_widgets(notebook)


def test_pinyin_switch_shows_ruby(lesson):
    shown = act(lesson, student_switches_pinyin_on, "reader")
    assert shown > 0
    first = lesson.page.locator("ruby rt").first.inner_text().strip()
    assert re.fullmatch(r"[a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\w*|[a-zü]+", first), \
        f"the first ruby text is not pinyin: {first!r}"


def test_clicking_a_word_shows_its_gloss(lesson):
    shown = act(lesson, student_clicks_a_word, "reader")
    assert shown["word"] and shown["word"] in shown["panel"], shown
    assert shown["pinyin"].strip(), f"no pinyin in the gloss panel for {shown['word']}: {shown}"
    assert shown["senses"].strip(), f"no gloss in the panel for {shown['word']}: {shown}"


def test_quiz_wrong_then_right(lesson):
    result = act(lesson, student_answers_wrong_then_right, "quiz")
    questions = result["questions"]
    assert any("wrong" in q and q[-1] == "right" for q in questions), f"feedback seen: {questions}"
    if result["score_before"] is not None:
        before, after = score_numbers(result["score_before"]), score_numbers(result["score_after"])
        first_try = sum(q[0] == "right" for q in questions)
        assert after["first_try"] == before["first_try"] + first_try, result
        if "right" in before:
            assert after["right"] == before["right"] + sum(q[-1] == "right" for q in questions), result


def test_pinyin_answer_with_tone_numbers_is_accepted(lesson):
    from pypinyin import Style, lazy_pinyin

    word = act(lesson, pinyin_question_word, "pinyin-quiz")
    numbered = " ".join(lazy_pinyin(word, style=Style.TONE3, neutral_tone_with_five=True))
    assert re.fullmatch(r"([a-zü]+[1-5] ?)+", numbered), numbered
    wrong_tones = re.sub(r"[1-5]", lambda tone: str(int(tone.group()) % 4 + 1), numbered)
    assert act(lesson, student_types_pinyin, "pinyin-quiz", wrong_tones) == "wrong"
    assert act(lesson, student_types_pinyin, "pinyin-quiz", numbered) == "right", \
        f"{numbered!r} for {word} not accepted"


def test_pinyin_code_exercise_takes_tone_numbers(lesson):
    """A student writes the pinyin with tone numbers in a code exercise, runs the
    cell and presses Check: wrong tones are marked wrong, the right ones right."""
    from dubao import annotate

    if "pinyin-code" not in lesson.expects:
        pytest.skip("this lesson has no pinyin code exercise")
    function, word = pinyin_code_exercise(lesson.notebook)
    numbered = tone_numbers(" ".join(token.pinyin for token in annotate(word) if token.pinyin))
    assert re.fullmatch(r"([a-zü]+[1-5] ?)+", numbered), numbered
    wrong_tones = re.sub(r"[1-5]", lambda tone: str(int(tone.group()) % 4 + 1), numbered)
    assert act(lesson, student_answers_a_code_exercise, "pinyin-code", function, wrong_tones) == "wrong"
    assert act(lesson, student_answers_a_code_exercise, "pinyin-code", function, numbered) == "right", \
        f"{numbered!r} for {word} not accepted"


def test_plotting_exercise_draws_an_image(lesson):
    assert act(lesson, student_draws_the_chart, "worked-solution") >= 1


def test_still_no_problems_after_the_student(lesson):
    """Clicking must not break anything either; the screenshot shows pinyin on, a
    word's gloss, a quiz answered and a chart drawn."""
    started = time.monotonic()
    full_screenshot(lesson.page, ARTIFACTS / f"{lesson.name}.png")
    record_timing(f"jupyterlab:{lesson.name}", {**lesson.timing, "screenshot_s": round(time.monotonic() - started, 2)})
    problems = notebook_problems(lesson.page, lesson.notebook, lesson.console)
    assert problems == [], f"{lesson.notebook.name} after the student's clicks:\n" + "\n".join(problems)


# ------------------------------------------------------------ the checks can fail
def problems_of_test_notebook(lab_tab, name: str) -> list[str]:
    """Run a test-only notebook exactly as a lesson is run; return what the checks report."""
    notebook = TEST_NOTEBOOKS / name
    try:
        lab_tab.run(notebook)
        problems = notebook_problems(lab_tab.page, notebook, lab_tab.console)
        full_screenshot(lab_tab.page, ARTIFACTS / f"test-{notebook.stem}.png")
    finally:
        lab_tab.close()
    return problems


def test_a_widget_broken_in_the_front_end_is_reported(lab_tab):
    problems = problems_of_test_notebook(lab_tab, "broken-widget.ipynb")
    assert any(p.startswith("code cell 2: a widget failed to render") and "dubao-no-such-module" in p
               for p in problems), problems
    assert not any(p.startswith("code cell 1:") for p in problems), problems


def test_error_and_raw_widget_outputs_are_reported(lab_tab):
    problems = problems_of_test_notebook(lab_tab, "bad-outputs.ipynb")
    kinds = sorted(p.split(": ")[0] + ": " + p.split(": ")[1].split(":")[0] for p in problems)
    assert kinds == ["code cell 3: raw widget model text instead of a widget",
                     "code cell 4: error output"], problems
    assert any(p.startswith("code cell 4") and "ZeroDivisionError" in p for p in problems), problems


# ------------------------------------------------------------------------ Voilà
def test_start_lesson_as_a_voila_app(page, voila_start_lesson):
    console = ConsoleLog(page)
    started = time.monotonic()
    page.goto(voila_start_lesson.link("/"), wait_until="domcontentloaded")
    page.locator(".dubao-quiz").first.wait_for(state="visible", timeout=120_000)
    record_timing("voila:00-start-here", {"interactive_s": round(time.monotonic() - started, 2)})
    watch_widget_replies(page)
    problems = output_problems(page, ".jp-Cell")
    assert page.locator("text=Traceback").count() == 0
    shown = student_switches_pinyin_on(page)
    result = student_answers_wrong_then_right(page)
    full_screenshot(page, ARTIFACTS / "voila-00-start-here.png", scroller=None)
    assert problems == [], problems
    assert shown > 0
    assert any("wrong" in q and q[-1] == "right" for q in result["questions"]), result
    assert console.errors == [], console.errors


def test_a_run_that_stops_early_is_reported_at_once(lab_tab):
    notebook = TEST_NOTEBOOKS / "stops-early.ipynb"
    started = time.monotonic()
    try:
        with pytest.raises(AssertionError, match=r"Run All stopped: 1 of 2 code cells ran.*KeyError"):
            lab_tab.run(notebook)
    finally:
        lab_tab.close()
    assert time.monotonic() - started < RUN_TIMEOUT_MS / 1000 / 2, "it waited out the timeout"
