"""``python -m dubao new-article``: a plain text becomes a corpus entry with drafts
and a lesson, in a copy of the course (the real course is never touched).

The sample text is a short school notice written for this test (not taken from
any publication), with two numbers: a date and an amount.
"""

import hashlib
from pathlib import Path

import pytest

from conftest import copy_course, run_in_course
from dubao.course import new_article

COURSE_DIR = Path(__file__).resolve().parent.parent
NOTICE = ("为了丰富同学们的课余生活，学校将于12月20日举办冬季运动会。\n"
          "本次运动会共设15个比赛项目，欢迎全体同学积极报名参加。\n"
          "\n"
          "如遇大雨，运动会将推迟举行，具体安排另行通知。\n")
NOTICE_SENTENCES = [
    ("school-notice.p1.s1", "为了丰富同学们的课余生活，学校将于12月20日举办冬季运动会。"),
    ("school-notice.p2.s1", "本次运动会共设15个比赛项目，欢迎全体同学积极报名参加。"),
    ("school-notice.p3.s1", "如遇大雨，运动会将推迟举行，具体安排另行通知。"),
]


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """A copy of the course (conftest.copy_course) with the notice beside it."""
    root = copy_course(tmp_path_factory.mktemp("course"))
    (root / "notice.txt").write_text(NOTICE, encoding="utf-8")
    return root


def run_in(course, *args, timeout=600):
    """``python -m dubao ARGS`` with the copy's own code and corpus."""
    return run_in_course(course, *args, timeout=timeout)


def tree_digest(folder: Path) -> dict[str, str]:
    files = sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    assert files
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


# ------------------------------------------------------------------ the whole path

def test_a_text_becomes_an_article_with_drafts_and_a_lesson(course, monkeypatch):
    page_articles = {p.name: p.read_bytes() for p in (course / "corpus" / "articles").glob("*.yaml")}
    assert len(page_articles) == 6

    made = run_in(course, "-m", "dubao", "new-article", "notice.txt", "--id", "school-notice",
                  "--title", "学校通知", "--source", "校园广播", "--date", "2025-12")
    assert made.returncode == 0, made.stderr
    assert made.stdout.splitlines() == [
        "wrote corpus/source/school-notice.txt",
        "wrote corpus/articles/school-notice.yaml",
        # the stroke data gains the notice's characters that the page does not have
        "wrote dubao/language/strokes/characters.json",
        "wrote dubao/language/strokes/radicals.json",
        "wrote dubao/language/strokes/README.md",
        "wrote corpus/vocabulary.yaml",
        "wrote corpus/figures.yaml",
        "wrote corpus/questions/school-notice.yaml",
        "wrote solutions/01-school-notice.ipynb",
        made.stdout.splitlines()[9],
        "stroke data added for 9 new character(s): 丰冬另季播欢迟遇雨",  # 播 of the source 校园广播
        "next: review the drafts, then `python -m dubao check` and `python -m dubao lessons`",
    ]
    assert made.stdout.splitlines()[9].startswith("school-notice: 3 sentence(s), ")
    strokes = run_in(course, "-c", "from dubao.language import characters; print(characters.strokes('冬').stroke_count)")
    assert strokes.stdout.strip() == "5", strokes.stderr  # 冬: 5 strokes (现代汉语词典)
    assert (course / "corpus" / "source" / "school-notice.txt").read_bytes() == NOTICE.encode("utf-8")

    # The page's six pieces are untouched, and build/check neither delete nor flag the new article.
    assert {n: (course / "corpus" / "articles" / n).read_bytes() for n in page_articles} == page_articles
    built = run_in(course, "-m", "dubao", "build", "--check")
    assert built.returncode == 0, built.stdout
    checked = run_in(course, "-m", "dubao", "check")
    assert checked.returncode == 0, checked.stdout
    warnings = checked.stdout.splitlines()
    assert warnings[0] == ("warning: corpus/translations/school-notice.yaml: 3 sentence(s) of the added article "
                           "school-notice have no translation yet, first school-notice.p1.s1 "
                           "(the Reader shows no English for them)")
    assert [w.split(" is an unreviewed")[0] for w in warnings[1:]] == [
        "warning: corpus/figures.yaml: school-notice-1 (school-notice.p1.s1, '12月20日')",
        "warning: corpus/figures.yaml: school-notice-2 (school-notice.p2.s1, '15')"]

    # The engine loads it like a piece of the page.
    from dubao import corpus
    from dubao.content import figures, questions, vocabulary

    monkeypatch.setenv("DUBAO_CORPUS_DIR", str(course / "corpus"))
    for module in (corpus, questions):
        module.reload()
    figures.reload()
    try:
        article = corpus.article("school-notice")
        assert (article.title, article.source, article.date) == ("学校通知", "校园广播", "2025-12")
        assert [(s.id, s.text) for s in article.sentences] == NOTICE_SENTENCES
        assert [a.id for a in corpus.articles()][-1] == "school-notice"

        drafts = figures.by_article("school-notice")
        assert [(f.written, f.value, f.unit, f.reviewed) for f in drafts] == [
            ("12月20日", "--12-20", "date", False), ("15", 15, "个", False)]
        assert [f.quote for f in drafts] == ["学校将于12月20日举办冬季运动会", "本次运动会共设15个比赛项目"]

        words = vocabulary.curated_words("school-notice")
        assert words and all(w in article.text for w in words)
        assert "冬季" in words and "运动会" not in words  # 运动会 is HSK 3, below the draft's level
        assert "如遇" not in words  # no dictionary entry and used once: its gloss is only composed from 如 and 遇

        bank = questions.questions("school-notice")
        assert bank
        for question in bank:
            (sentence_id,) = question.evidence
            blanked = question.prompt.split(": ", 1)[1]
            answer = question.choices[question.answer]
            assert blanked.replace(new_article.BLANK, answer, 1) == corpus.sentence(sentence_id).text
            assert len(set(question.choices.values())) == len(question.choices) >= 3
    finally:
        for module in (corpus, questions):
            module.reload()
        figures.reload()

    # The lesson: generated into lessons/, and both notebooks run under nbval.
    generated = run_in(course, "-m", "dubao", "lessons")
    assert generated.returncode == 0, generated.stderr
    assert (course / "lessons" / "01-school-notice.ipynb").exists()
    assert run_in(course, "-m", "dubao", "lessons", "--check").returncode == 0
    solution = (course / "solutions" / "01-school-notice.ipynb").read_text(encoding="utf-8")
    headings = ["## 1. Overview", "## 2. Prerequisites", "## 3. Imports", "## 4. Before reading",
                "## 5. Reading", "## 6. Check your understanding", "## 7. Language focus", "## 8. Numbers",
                "## 9. Summary"]
    positions = [solution.find(h) for h in headings]
    assert -1 not in positions and positions == sorted(positions)
    nbval = run_in(course, "-m", "pytest", "-p", "no:cacheprovider", "--nbval-lax", "-q", "--rootdir", str(course),
                   "solutions/01-school-notice.ipynb", "lessons/01-school-notice.ipynb")
    assert nbval.returncode == 0, nbval.stdout[-3000:]
    assert " passed" in nbval.stdout and " failed" not in nbval.stdout

    # Run again: refused without --force, same result with it.
    again = run_in(course, "-m", "dubao", "new-article", "notice.txt", "--id", "school-notice", "--title", "学校通知")
    assert (again.returncode, again.stdout) == (1, "")
    assert again.stderr == ("error: article 'school-notice' exists already (corpus/articles/school-notice.yaml); "
                            "choose another id, or add --force to replace it\n")
    before = tree_digest(course / "corpus")
    forced = run_in(course, "-m", "dubao", "new-article", "notice.txt", "--id", "school-notice", "--title", "学校通知",
                    "--source", "校园广播", "--date", "2025-12", "--force")
    assert forced.returncode == 0, forced.stderr
    assert "wrote solutions/01-school-notice.ipynb" in forced.stdout
    assert tree_digest(course / "corpus") == before  # the drafts are replaced, not added twice

    # The real course was never written to.
    assert not list(COURSE_DIR.glob("corpus/**/school-notice*"))
    assert not list(COURSE_DIR.glob("*/*school-notice*"))
    assert "school-notice" not in (COURSE_DIR / "corpus" / "vocabulary.yaml").read_text(encoding="utf-8")


# ------------------------------------------------------------------ drafts of numbers

def test_every_number_gets_a_draft_with_its_qualifier_and_unit():
    record = new_article.article_record("全年接待游客逾3.5万人次，收入比去年增长12%左右。\n2024年9月，新馆开放。",
                                        "museum", "博物馆", None, None)
    drafts = new_article.draft_figures(record)
    assert [(f["written"], f["value"], f["unit"], f["qualifier"], f["quote"]) for f in drafts] == [
        ("3.5", 3.5, "万人次", "逾", "全年接待游客逾3.5万人次"),
        ("12", 12, "%", "左右", "收入比去年增长12%左右"),
        ("2024年9月", "2024-09", "date", None, "2024年9月"),
    ]
    assert all(f["reviewed"] is False for f in drafts)


# ------------------------------------------------------------------ bad input

@pytest.mark.parametrize("args, message", [
    (["missing.txt", "--id", "x-1", "--title", "题"], "error: missing.txt: no such file"),
    (["latin1.txt", "--id", "x-1", "--title", "题"],
     "error: latin1.txt:2: not UTF-8 (byte 0xe7 at offset 7); save the file as UTF-8"),
    (["blank.txt", "--id", "x-1", "--title", "题"], "error: blank.txt: the text is empty"),
    (["notice.txt", "--id", "School Notice", "--title", "题"],
     "error: --id 'School Notice' is not a valid id: use lower-case letters, digits and '-', e.g. school-notice"),
    (["notice.txt", "--id", "qingzhen", "--title", "题"],
     "error: --id 'qingzhen' is a piece of the page; choose another id"),
    (["notice.txt", "--id", "x-1", "--title", " "],
     "error: --title is empty: give the article's title, e.g. --title 学校通知"),
])
def test_bad_input_is_one_line_and_writes_nothing(course, args, message):
    (course / "latin1.txt").write_bytes("notice\nçà".encode("latin-1"))
    (course / "blank.txt").write_text("\n  \n\n", encoding="utf-8")
    before = {name: tree_digest(course / name) for name in ("corpus", "solutions")}
    result = run_in(course, "-m", "dubao", "new-article", *args)
    assert (result.returncode, result.stdout, result.stderr) == (1, "", message + "\n")
    assert {name: tree_digest(course / name) for name in ("corpus", "solutions")} == before


def test_a_figure_of_the_page_cannot_be_an_unreviewed_draft(corpus_copy):
    from dubao.content import figures
    from dubao import yamlio

    path = corpus_copy / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    marked = text.replace("  kind: actual\n", "  kind: actual\n  reviewed: false\n", 1)
    assert marked != text
    path.write_text(marked, encoding="utf-8")
    try:
        found = [str(p) for p in figures.problems()]
        line = marked.splitlines().index("  reviewed: false") + 1  # the key that is wrong
        assert found == [f"{yamlio.label(path)}:{line}: xinhua-year-2025: a figure of the page (xinhua) cannot be "
                         "an unreviewed draft (review it and set reviewed: true)"]
    finally:
        figures.reload()


# ------------------------------------------------------------------ bad input, read before drafting

@pytest.mark.parametrize("content, message", [
    ("学校将于12月20日举办运动会。".encode("gb18030"),
     "x.txt:1: not UTF-8 (byte 0xbd at offset 4), it may be GB18030 (GBK) or Big5; save the file as UTF-8"),
    ("學校將於12月20日舉辦運動會。".encode("big5"),
     "x.txt:1: not UTF-8 (byte 0xbe at offset 0), it may be GB18030 (GBK) or Big5; save the file as UTF-8"),
    ("学校通知".encode("utf-16"), "x.txt: the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
                                  "save it as UTF-8"),
    ("學校將於十二月舉辦運動會，歡迎同學們積極參加。".encode("utf-8"),
     "x.txt: the text is in traditional characters (學將舉辦運動 …); convert it to simplified characters first: "
     "the kit's dictionary, HSK levels and readings are for simplified Chinese"),
    (("同学们积极报名参加" * 50).encode("utf-8"),
     "x.txt:1: 450 characters without 。！？ (“同学们积极报名参加同学们…”); the text needs its sentence-ending punctuation"),
    (("运动会将推迟举行。" * 400).encode("utf-8"),
     "x.txt:1: one paragraph of 3600 characters (more than 3000); put each paragraph of the text on a line of its own"),
])
def test_bad_text_is_refused_before_anything_is_drafted(tmp_path, monkeypatch, content, message):
    from dubao.errors import DubaoError

    monkeypatch.chdir(tmp_path)
    (tmp_path / "x.txt").write_bytes(content)
    with pytest.raises(DubaoError) as error:
        new_article.prepare(Path("x.txt"), "x-1", "题", folder=tmp_path / "corpus", solutions=tmp_path / "solutions")
    assert str(error.value) == message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["x.txt"]


def test_a_bom_and_windows_line_ends_are_read_as_plain_lines(tmp_path):
    (tmp_path / "x.txt").write_bytes("\ufeff学校将于12月20日举办运动会。\r\n\r\n请各班统一登记。\r\n".encode("utf-8"))
    data, text = new_article.read_source(tmp_path / "x.txt")
    assert text == "学校将于12月20日举办运动会。\n\n请各班统一登记。\n" and data.startswith(b"\xef\xbb\xbf")
    record = new_article.article_record(text, "x-1", "题", None, None)
    assert [s["text"] for s in record["sections"][0]["paragraphs"][1]["sentences"]] == ["请各班统一登记。"]
    assert record["sections"][0]["paragraphs"][1]["source_lines"] == [3]


def test_nothing_is_half_written_when_one_file_cannot_be(tmp_path):
    from dubao.course.source_text import write_all
    from dubao.errors import DubaoError

    (tmp_path / "old.yaml").write_text("old\n", encoding="utf-8")
    (tmp_path / "blocked").write_text("a file, not a folder", encoding="utf-8")
    with pytest.raises(DubaoError, match="nothing was written"):
        write_all({tmp_path / "old.yaml": "new\n", tmp_path / "blocked" / "lesson.ipynb": "{}"})
    assert (tmp_path / "old.yaml").read_text(encoding="utf-8") == "old\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocked", "old.yaml"]


# ------------------------------------------------------------------ exercises chosen for teaching value

def test_the_number_exercise_is_an_amount_with_a_unit_and_preferably_wan_or_a_qualifier():
    from dubao.course import lesson_draft

    record = new_article.article_record("附图片1张\n2024年9月，新馆开放，共设15个展厅，全年接待游客逾3.5万人次。",
                                        "museum", "博物馆", None, None)
    draft = new_article.Draft("museum", figures=new_article.draft_figures(record))
    chosen = [(f["written"], f["unit"], f["qualifier"]) for f in lesson_draft._number_exercise(draft)]
    assert chosen[0] == ("3.5", "万人次", "逾")
    assert all(unit not in ("date", "") for _, unit, _ in chosen) and ("1", "张", None) not in chosen


def test_the_pinyin_exercise_is_a_word_with_a_polyphonic_character_or_a_neutral_tone():
    from dubao.content.vocabulary import VocabWord
    from dubao.course import lesson_draft

    def word(text, pinyin):
        return VocabWord(text, pinyin, None, 5, 1, "x.p1.s1", True)

    plain, polyphonic = word("冬季", "dōng jì"), word("银行", "yín háng")
    assert lesson_draft.pinyin_word([plain, polyphonic]) is polyphonic
    assert lesson_draft.pinyin_word([plain, word("东西", "dōng xi")]).word == "东西"
    assert lesson_draft.pinyin_word([plain]) is plain


def test_a_name_no_dictionary_knows_is_not_a_draft_key_word():
    # jieba finds 刘丽 and 羊昌镇 as words when no glossary lists them; their glosses would be
    # composed from the characters ("Liu + beautiful"). 鸡粪 is no name and stays a candidate.
    from types import SimpleNamespace

    from dubao.course import new_article

    def token(text):
        return SimpleNamespace(text=text, dictionary=(), is_term=False)

    assert new_article._looks_like_a_name(token("刘丽")) and new_article._looks_like_a_name(token("羊昌镇"))
    assert not new_article._looks_like_a_name(token("鸡粪"))
    assert not new_article._looks_like_a_name(token("刘丽华的书"))   # too long for a name
    assert not new_article._looks_like_a_name(SimpleNamespace(text="黄石", dictionary=({"pinyin": "huáng shí"},),
                                                              is_term=False))  # a dictionary word: its own entry says
