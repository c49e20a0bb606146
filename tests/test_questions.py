"""The comprehension content: the question banks, language focus and context notes
hold against the page (schema, evidence, answer keys, figures), the checker catches
each kind of broken content with an exact ``file:line: message``, grading accepts
the forms a learner types, and ``python -m dubao questions --json`` prints them."""

import json
import re
from collections import Counter

import pytest

from conftest import run_cli
from dubao import corpus
from dubao.content import questions
from dubao.errors import NotFound
from dubao.practice.question_grading import grade

FULL_ARTICLES = ["xinhua", "hankaisi", "qingzhen", "liuli"]
SHORT_PIECES = ["brief", "reporter-note"]


@pytest.fixture(scope="module")
def bank():
    questions.reload()
    found = questions.questions()
    assert found, "no questions were loaded from corpus/questions/"
    return found


# --------------------------------------------------------------- the real content

def test_real_content_has_no_problems():
    assert [str(p) for p in questions.problems()] == []


def test_every_piece_has_enough_questions_of_enough_types(bank):
    by_article = Counter(q.article for q in bank)
    assert set(by_article) == set(FULL_ARTICLES + SHORT_PIECES)
    for article in FULL_ARTICLES:
        assert by_article[article] >= 10, article
    for article in SHORT_PIECES:
        assert by_article[article] >= 4, article
    for article in by_article:
        kinds = {q.type for q in bank if q.article == article}
        assert len(kinds) >= 4, (article, kinds)


def test_every_question_is_complete_and_tied_to_real_sentences(bank):
    known = {s.id for s in corpus.sentences()}
    for q in bank:
        assert re.fullmatch(rf"{re.escape(q.article)}\.q\d+", q.id)
        assert q.type in questions.TYPES and q.skill in questions.SKILLS, q.id
        assert q.difficulty in (1, 2, 3) and 1 <= q.level <= 7 and q.language in ("en", "zh"), q.id
        assert q.text and q.explanation, q.id
        assert q.evidence and set(q.evidence) <= known, q.id


def test_answer_keys_are_gradable(bank):
    for q in bank:
        if q.type == "multiple-choice":
            assert q.answer in q.choices, q.id
        elif q.type == "true-false-not-given":
            assert q.answer in ("true", "false", "not-given"), q.id
        elif q.type == "numeric":
            assert q.answer["unit"] and q.answer["tolerance"] >= 0, q.id
        elif q.type == "ordering":
            assert sorted(q.answer) == sorted(q.items), q.id
        elif q.type == "matching":
            assert set(q.answer) == set(q.left) and set(q.answer.values()) <= set(q.right), q.id
        else:
            assert q.model_answer and 1 <= q.min_keywords <= len(q.rubric), q.id


def test_banks_mix_skills_and_both_prompt_languages(bank):
    for article in FULL_ARTICLES:
        mine = [q for q in bank if q.article == article]
        assert {q.language for q in mine} == {"en", "zh"}, article
        assert {"gist", "detail", "numbers"} <= {q.skill for q in mine}, article


def test_every_explanation_quotes_its_evidence(bank):
    """An explanation must quote the page: some Chinese span of an evidence sentence."""
    for q in bank:
        evidence_text = "".join(corpus.sentence(s).text for s in q.evidence)
        quoted = re.findall(r"“([^”]{4,})", q.explanation)
        spans = [p for quote in quoted for p in re.split(r"[‘’“”…]+", quote) if len(p) >= 4]
        assert any(span in evidence_text for span in spans), q.id


def test_every_numeric_answer_is_recomputed_from_its_figures(bank):
    numeric = [q for q in bank if q.type == "numeric"]
    assert numeric
    for q in numeric:
        value = questions.recompute(q)
        assert abs(value - q.answer["value"]) <= q.answer["tolerance"] + 1e-9, (q.id, value)


def test_questions_of_one_article_and_lookup():
    mine = questions.questions("reporter-note")
    assert [q.id for q in mine][:2] == ["reporter-note.q1", "reporter-note.q2"]
    assert questions.question("xinhua.q7").answer == {"value": 557.4, "unit": "亿元", "tolerance": 0}
    assert questions.question("xinhua.q10").answer == ("c", "e", "b", "d", "a")
    with pytest.raises(NotFound, match="no question 'xinhua.q99'"):
        questions.question("xinhua.q99")
    with pytest.raises(NotFound, match="no article 'nope'"):
        questions.questions("nope")


def test_language_focus_for_every_piece():
    for article in corpus.articles():
        items = questions.language_focus(article.id)
        assert 3 <= len(items) <= 6, article.id
        for item in items:
            assert item.example in corpus.sentence(item.sentence).text, item.id
            assert item.exercise is not None and item.exercise.type in questions.EXERCISE_TYPES


def test_context_notes_cover_the_terms_the_issue_names():
    notes = questions.context_notes()
    assert notes
    terms = " ".join(n.term for n in notes)
    for term in ["新质生产力", "十四五", "人大代表", "专精特新", "揭榜挂帅", "中试平台", "村集体经济", "自由贸易港"]:
        assert term in terms, term
    for note in notes:
        words = len(re.findall(r"[A-Za-z0-9’'-]+|[\u4e00-\u9fff]", note.note))
        assert 60 <= words <= 170, (note.id, words)
        assert note.sentences and all(corpus.sentence(s) for s in note.sentences)
    assert questions.context_note("pilot-platforms").term == "中试平台"
    with pytest.raises(NotFound):
        questions.context_note("no-such-note")


# --------------------------------------------------------- the checker catches it

def _break(corpus_dir, relative, old, new):
    """Replace the one occurrence of ``old`` in a corpus copy; returns the file
    label and the 1-based line where it was."""
    path = corpus_dir / relative
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} should occur once in {relative}"
    line = text[: text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    return str(path), line


def _line_of(corpus_dir, relative, needle):
    text = (corpus_dir / relative).read_text(encoding="utf-8")
    assert text.count(needle) == 1
    return text[: text.index(needle)].count("\n") + 1


def _problems():
    return [str(p) for p in questions.problems()]


# (file, printed text, broken text, the one problem expected at the broken line)
ONE_LINE_BREAKS = {
    "evidence id that does not exist": (
        "questions/xinhua.yaml", "evidence: [xinhua.p8.s1]", "evidence: [xinhua.p80.s1]",
        "xinhua.q4: evidence sentence 'xinhua.p80.s1' does not exist "
        "(ids look like qingzhen.p7.s3; see python -m dubao articles --json)"),
    "answer that is not a choice": (
        "questions/brief.yaml", "    answer: C\n", "    answer: E\n",
        "brief.q6: answer 'E' is not one of the choices A, B, C, D"),
    "numeric answer with no unit": (
        "questions/xinhua.yaml", "{value: 557.4, unit: 亿元, tolerance: 0}", "{value: 557.4, tolerance: 0}",
        "xinhua.q7: missing 'unit'"),
    "ordering answer that is not a permutation": (
        "questions/hankaisi.yaml", "answer: [b, c, a]", "answer: [b, c, c]",
        "hankaisi.q8: answer ['b', 'c', 'c'] is not an order of all the items a, b, c "
        "(list each item key exactly once)"),
    "language-focus example not in its sentence": (
        "language-focus.yaml", "text: \"既是发展命题，也是改革命题\"", "text: \"既是发展问题，也是改革问题\"",
        "xinhua.lf3: example text '既是发展问题，也是改革问题' is not in sentence xinhua.p33.s1 "
        "(copy the span exactly from the cleaned sentence)"),
    "context note citing an unknown sentence": (
        "context-notes.yaml", "sentences: [xinhua.p22.s1, xinhua.p23.s1, xinhua.p24.s1, xinhua.p26.s1]",
        "sentences: [xinhua.p22.s1, xinhua.p23.s1, xinhua.p24.s1, xinhua.p62.s1]",
        "pilot-platforms: cites sentence 'xinhua.p62.s1', which does not exist"),
}


@pytest.mark.parametrize("kind", list(ONE_LINE_BREAKS))
def test_checker_catches_each_kind_of_broken_line(corpus_copy, kind):
    relative, printed, broken, message = ONE_LINE_BREAKS[kind]
    assert _problems() == []
    file, line = _break(corpus_copy, relative, printed, broken)
    assert _problems() == [f"{file}:{line}: {message}"]


def test_checker_catches_numeric_answers_the_figures_do_not_give(corpus_copy):
    relative = "questions/xinhua.yaml"
    file, _ = _break(corpus_copy, relative, "{value: 25000, unit: 项, tolerance: 0}",
                     "{value: 2500, unit: 项, tolerance: 0}")
    _break(corpus_copy, relative, "figures: [xinhua-transfer-time-before, xinhua-transfer-time-after]",
           "figures: [xinhua-transfer-time-before, xinhua-transfer-speed]")
    _break(corpus_copy, relative, "figures: [xinhua-hubei-space-revenue]\n",
           "figures: [xinhua-pilot-projects]\n")
    q7, q9, q14 = (_line_of(corpus_copy, relative, f"- id: xinhua.q{n}\n") for n in (7, 9, 14))
    assert _problems() == [
        f"{file}:{q7}: xinhua.q7: figure xinhua-pilot-projects comes from xinhua.p26.s1, which is not in its evidence",
        f"{file}:{q7}: xinhua.q7: answer 557.4 亿元 differs from the figures, which give 0.00025",
        f"{file}:{q9}: xinhua.q9: unknown figure (no figure 'xinhua-transfer-speed' "
        "(python -m dubao figures lists them)) (figure ids are listed by python -m dubao figures --json)",
        f"{file}:{q14}: xinhua.q14: answer 2500 项 differs from the figures, which give 25000"]


def test_checker_catches_a_question_with_no_explanation(corpus_copy):
    old = ("    explanation: \"“已在中国、欧洲和美国累计申请专利超200项” — 超200项 means more than (超) 200 "
           "patents applied for, in total (累计). The exact number is not given.\"\n")
    file, _ = _break(corpus_copy, "questions/hankaisi.yaml", old, "")
    line = _line_of(corpus_copy, "questions/hankaisi.yaml", "- id: hankaisi.q5")
    assert _problems() == [f"{file}:{line}: hankaisi.q5: missing 'explanation'"]


def test_checker_catches_an_unknown_type_and_an_unknown_skill(corpus_copy):
    file, line = _break(corpus_copy, "questions/reporter-note.yaml",
                        "  - id: reporter-note.q3\n    type: true-false-not-given\n    skill: numbers",
                        "  - id: reporter-note.q3\n    type: true-or-false\n    skill: numbers")
    type_line = line + 1
    assert _problems() == [
        f"{file}:{type_line}: reporter-note.q3: unknown type 'true-or-false' (use one of: multiple-choice, "
        "true-false-not-given, numeric, ordering, matching, short-answer)"]
    file, line = _break(corpus_copy, "questions/reporter-note.yaml",
                        "    type: true-or-false\n    skill: numbers",
                        "    type: true-false-not-given\n    skill: arithmetic")
    assert _problems() == [f"{file}:{line + 1}: reporter-note.q3: unknown skill 'arithmetic' "
                           "(use one of: gist, detail, inference, vocabulary, numbers)"]


def test_checker_catches_a_duplicate_id(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "- id: brief.q2\n", "- id: brief.q1\n")
    first = _line_of(corpus_copy, "questions/brief.yaml", "- id: brief.q1\n    type: multiple-choice")
    assert _problems() == [f"{file}:{line}: duplicate question id 'brief.q1' (first used at {file}:{first})"]


def test_checker_catches_a_matching_answer_that_is_not_a_mapping(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "answer: {1: c, 2: a, 3: d, 4: b}",
                        "answer: {1: c, 2: a, 3: d, 4: e}")
    assert _problems() == [f"{file}:{line}: brief.q4: answer {{1: 'c', 2: 'a', 3: 'd', 4: 'e'}} does not match "
                           "every left item (1, 2, 3, 4) to one of the right items (a, b, c, d)"]
    _break(corpus_copy, "questions/brief.yaml", "4: e}", "}")
    assert _problems() == [f"{file}:{line}: brief.q4: answer {{1: 'c', 2: 'a', 3: 'd'}} does not match "
                           "every left item (1, 2, 3, 4) to one of the right items (a, b, c, d)"]


def test_checker_catches_a_bad_true_false_answer_and_a_short_answer_rubric(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "    answer: not-given\n", "    answer: maybe\n")
    _, rubric_line = _break(corpus_copy, "questions/brief.yaml", "    min_keywords: 2\n", "    min_keywords: 5\n")
    assert _problems() == [
        f"{file}:{line}: brief.q3: answer 'maybe' must be true, false or not-given",
        f"{file}:{rubric_line}: brief.q5: min_keywords must be between 1 and the number of rubric keywords (3), not 5"]


def test_checker_catches_a_misspelt_field(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "    explanation: \"“主持召开贵安新区党工委会议并讲话” — 并讲话",
                        "    explaination: \"“主持召开贵安新区党工委会议并讲话” — 并讲话")
    start = _line_of(corpus_copy, "questions/brief.yaml", "- id: brief.q2")
    assert _problems() == [
        f"{file}:{start}: brief.q2: missing 'explanation'",
        f"{file}:{line}: brief.q2: unknown key 'explaination' "
        "(keys: answer, difficulty, evidence, explanation, id, language, level, prompt, skill, statement, type)"]


def test_checker_reports_unreadable_banks_and_entries_that_are_not_questions(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "  - id: brief.q2\n", "  - brief.q2\n  - id: brief.q2\n")
    assert _problems() == [f"{file}:{line}: 'questions' item 2 should be a mapping, not text 'brief.q2'"]
    _break(corpus_copy, "questions/brief.yaml", "  - brief.q2\n", "")
    file, line = _break(corpus_copy, "questions/reporter-note.yaml", "article: reporter-note\n",
                        "article: reporter-note\nquestions: [\n")
    problems = _problems()
    assert len(problems) == 1 and problems[0].startswith(f"{file}:") and "YAML syntax error" in problems[0]
    assert questions.questions("brief"), "the other banks still load"


def test_checker_reports_a_bank_for_another_article(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "article: brief\n", "article: breif\n")
    assert _problems() == [
        f"{file}:{line}: 'article' is 'breif' but the file is brief.yaml (write article: brief)",
        f"{file}:{line}: question bank for unknown article 'breif' (articles: brief, hankaisi, liuli, "
        "qingzhen, reporter-note, xinhua)"]


def test_check_command_fails_on_broken_questions(corpus_copy):
    file, line = _break(corpus_copy, "questions/brief.yaml", "    answer: C\n", "    answer: E\n")
    result = run_cli("check", env={"DUBAO_CORPUS_DIR": str(corpus_copy)})
    assert result.returncode == 1
    assert f"{file}:{line}: brief.q6: answer 'E' is not one of the choices A, B, C, D" in result.stdout
    assert "Traceback" not in result.stderr


# ------------------------------------------------------------------------ the CLI

def test_questions_command_prints_json_with_evidence():
    result = run_cli("questions", "hankaisi", "--json")
    assert result.returncode == 0, result.stderr
    items = json.loads(result.stdout)
    assert items and {q["article"] for q in items} == {"hankaisi"}
    first = items[0]
    assert first["id"] == "hankaisi.q1" and first["type"] == "multiple-choice"
    assert first["evidence"] == ["hankaisi.p2.s2"] and first["answer"] == "B"
    assert all({"id", "article", "type", "evidence", "explanation"} <= set(q) for q in items)


def test_questions_command_for_all_articles_and_an_unknown_one():
    result = run_cli("questions", "--json")
    items = json.loads(result.stdout)
    assert {q["article"] for q in items} == set(FULL_ARTICLES + SHORT_PIECES)
    result = run_cli("questions", "nope")
    assert result.returncode == 1
    assert result.stderr.strip() == ("error: no article 'nope'; the corpus has: xinhua, brief, hankaisi, "
                                     "reporter-note, qingzhen, liuli")


# ------------------------------------------------------------------------ grading

GRADED = [
    # numeric: 万/亿, English scale words, scientific notation, full-width digits, commas
    ("xinhua.q7", "557.4亿元", "correct"), ("xinhua.q7", "557.4 亿元", "correct"),
    ("xinhua.q7", "55.74 billion yuan", "correct"), ("xinhua.q7", "5.574e10", "correct"),
    ("xinhua.q7", "557.4亿", "correct"), ("xinhua.q7", "5574亿元", "wrong"),
    ("xinhua.q8", "485.5", "correct"), ("xinhua.q8", "474.9", "wrong"),
    ("xinhua.q14", "2.5万项", "correct"), ("xinhua.q14", "25,000", "correct"), ("xinhua.q14", "２５０００", "correct"),
    ("reporter-note.q2", "六", "correct"), ("reporter-note.q2", "42", "wrong"),
    # multiple choice: key in any case or width, or the text of the choice
    ("xinhua.q13", "a", "correct"), ("xinhua.q13", "Ａ", "correct"), ("xinhua.q13", "exactly 2,400", "wrong"),
    ("brief.q6", "六位", "correct"),
    # true / false / not given, in English or Chinese
    ("xinhua.q3", "not given", "correct"), ("xinhua.q3", "未提及", "correct"), ("xinhua.q3", "false", "wrong"),
    ("brief.q2", "对", "correct"), ("brief.q2", True, "correct"), ("hankaisi.q6", "F", "correct"),
    # ordering: a list, or letters typed with or without separators
    ("xinhua.q10", ["c", "e", "b", "d", "a"], "correct"), ("xinhua.q10", "c, e, b, d, a", "correct"),
    ("xinhua.q10", "cebda", "correct"), ("xinhua.q10", "c e b a d", "wrong"),
    # matching, with the int keys YAML gives or text keys
    ("brief.q4", {1: "c", 2: "a", 3: "d", 4: "b"}, "correct"), ("brief.q4", {"1": "b", "2": "a", "3": "c", "4": "d"}, "wrong"),
    # short answer: rubric keywords in English or Chinese
    ("reporter-note.q5", "It was a start-up in the zone and is now a leader in urban robots.", "correct"),
    ("reporter-note.q5", "从初创企业到领军者", "correct"), ("reporter-note.q5", "a car company", "wrong"),
]


@pytest.mark.parametrize("question_id, answer, status", GRADED)
def test_grading_accepts_what_learners_type(question_id, answer, status):
    result = grade(questions.question(question_id), answer)
    assert result.status == status, result.message


def test_grading_messages_for_empty_and_unreadable_answers():
    numeric = questions.question("xinhua.q7")
    assert grade(numeric, "  ").status == "empty"
    result = grade(numeric, "lots")
    assert (result.status, result.message) == (
        "unreadable", "I could not read that as a number: “lots”. Write it with digits or Chinese numerals, "
                      "e.g. 557.4亿元.")
    assert grade(questions.question("xinhua.q10"), ["c", None, "b", "d", "a"]).message == \
        "Put every item in a position first."
    assert grade(questions.question("xinhua.q10"), "c c b d a").message == \
        "Use each of a, b, c, d, e exactly once."
    assert grade(questions.question("xinhua.q6"), {1: "a"}).message == "Match every item first."
    assert grade(questions.question("xinhua.q6"), {1: "c", 2: "a", 3: "b", 4: "d"}).message == \
        "2 of 4 matched correctly. Try again."
    assert grade(questions.question("xinhua.q1"), "E").message == "Choose one of A, B, C, D."
    assert grade(questions.question("xinhua.q3"), "perhaps").message == "Answer true, false or not given."


def test_every_answer_key_grades_as_correct(bank):
    """The model answer of each question, given back, is marked right: no key is ungradable."""
    exercises = [item.exercise for a in corpus.articles() for item in questions.language_focus(a.id)]
    for q in bank + exercises:
        if q.type == "numeric":
            given = f"{q.answer['value']}{q.answer['unit']}"
        elif q.type == "short-answer":
            given = q.model_answer
        elif q.type == "matching":
            given = dict(q.answer)
        elif q.type == "ordering":
            given = list(q.answer)
        else:
            given = q.answer
        assert grade(q, given).status == "correct", q.id


def test_fill_in_exercise_accepts_the_listed_forms():
    lf2 = next(i for i in questions.language_focus("xinhua") if i.id == "xinhua.lf2").exercise
    assert [grade(lf2, a).status for a in ["不论", " 无论 ", "不管", "虽然", ""]] == \
        ["correct", "correct", "correct", "wrong", "empty"]
