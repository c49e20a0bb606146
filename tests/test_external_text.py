"""A real text from outside the kit, end to end: ``new-article`` → ``check`` →
``lessons`` → nbval on the new lesson, in a copy of the course (the real course
is never written to). The text is eight passages of the Constitution of the PRC
(tests/fixtures/external/, with its source and licence in the README there).

What the drafts must hold was decided by reading the text before the drafter
was asked: the years 一八四○年 and 一九一一年 are dates, never amounts; every
amount written in Chinese numerals is drafted with its unit and qualifier
(五年, 两个月, 一次, 五分之一以上, 三分之二以上, 十八周岁); 之一 is not a number.
"""

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import copy_course, run_in_course

COURSE_DIR = Path(__file__).resolve().parent.parent
FIXTURE = COURSE_DIR / "tests" / "fixtures" / "external" / "constitution-excerpt.txt"

AMOUNTS = [  # (written, value, unit, qualifier), in the order of the text
    ("五", 5, "年", None), ("两", 2, "个月", None), ("一", 1, "次", None),
    ("五分之一", 0.2, "", "以上"), ("三分之二", 0.666667, "", "以上"), ("十八", 18, "周岁", None)]
DATES = [("一八四○年", "1840"), ("一九一一年", "1911")]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    root = copy_course(tmp_path_factory.mktemp("external-course"))
    shutil.copy(FIXTURE, root / "constitution.txt")
    return root


run_in = run_in_course


def _draft_block(text: str, article_id: str) -> str:
    start = text.index(f"# new-article draft BEGIN {article_id}")
    return text[start:text.index(f"# new-article draft END {article_id}", start)]


def test_an_outside_text_goes_from_new_article_to_a_lesson_that_runs(course):
    assert FIXTURE.read_text(encoding="utf-8").count("\n") == 8
    made = run_in(course, "-m", "dubao", "new-article", "constitution.txt", "--id", "constitution",
                  "--title", "中华人民共和国宪法（节选）", "--source", "中华人民共和国宪法")
    assert made.returncode == 0, made.stderr
    assert "wrote corpus/figures.yaml" in made.stdout and "wrote solutions/01-constitution.ipynb" in made.stdout

    figures = [f for f in yaml.safe_load((course / "corpus" / "figures.yaml").read_text(encoding="utf-8"))
               if f["sentence"].startswith("constitution.")]
    assert figures and all(f["reviewed"] is False for f in figures)
    # no year drafted as an amount; the years are dates
    assert not [f for f in figures if f["unit"] != "date" and str(f["value"]) in ("1840", "1911")]
    assert [(f["written"], f["value"]) for f in figures if f["unit"] == "date"] == DATES
    # every Chinese-numeral amount drafted, with its unit and qualifier
    assert [(f["written"], f["value"], f["unit"], f["qualifier"]) for f in figures if f["unit"] != "date"] == AMOUNTS
    assert not [f for f in figures if "之一" in f["written"] and f["written"] != "五分之一"]

    vocabulary = (course / "corpus" / "vocabulary.yaml").read_text(encoding="utf-8")
    block = _draft_block(vocabulary, "constitution")
    assert "[rules:" in block  # every rule-chosen gloss says so

    checked = run_in(course, "-m", "dubao", "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    warnings = [line for line in checked.stderr.splitlines() + checked.stdout.splitlines() if "constitution-" in line]
    assert len(warnings) == len(DATES) + len(AMOUNTS)  # each draft is listed until it is reviewed

    generated = run_in(course, "-m", "dubao", "lessons")
    assert generated.returncode == 0, generated.stderr
    assert run_in(course, "-m", "dubao", "lessons", "--check").returncode == 0
    nbval = run_in(course, "-m", "pytest", "-p", "no:cacheprovider", "--nbval-lax", "-q", "--rootdir", str(course),
                   "solutions/01-constitution.ipynb", "lessons/01-constitution.ipynb")
    assert nbval.returncode == 0, nbval.stdout[-3000:]
    assert " passed" in nbval.stdout and " failed" not in nbval.stdout

    # the number exercise is an amount with a unit of the table, never a date
    lesson = (course / "solutions" / "01-constitution.ipynb").read_text(encoding="utf-8")
    assert "Exercise 3." in lesson and "一八四○" not in lesson.split("Exercise 3.")[1][:200]
    assert not list(COURSE_DIR.glob("corpus/**/constitution*"))
