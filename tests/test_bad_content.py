"""Hand-edited content files gone wrong, one table row each: every kind of file in
corpus/ is fed truncated, empty, in Latin-1 or UTF-16, with a byte-order mark, with
the wrong types, with duplicate ids and with references to things that do not
exist. ``python -m dubao check`` must answer each with a line that names the file
and its line (or the id) and says what is wrong, exit with status 1 and never
show a traceback; the module that loads the file must raise a CorpusError (or
load what it can), never another exception.

The check runs in this process (``dubao.__main__.main(["check"])``, the code the
command runs) on one copy of corpus/ in which a single file is broken at a time;
one test runs the real command in a new process over a corpus with every kind of
file broken at once.
"""

import contextlib
import io
import re
import shutil

import pytest

from conftest import COURSE_DIR, run_cli
from dubao import corpus
from dubao.corpus import edition, edition_check
from dubao.content import figures, exercises as plot_exercises, questions, vocabulary
from dubao.__main__ import main
from dubao.errors import DubaoError
from dubao.language import glossary as glossary_module

CORPUS = COURSE_DIR / "corpus"


# ------------------------------------------------------------------ how to break a file

def replace(old: str, new: str):
    def change(raw: bytes) -> bytes:
        text = raw.decode("utf-8")
        assert old in text, f"the table is out of date: {old!r} is no longer in the file"
        return text.replace(old, new, 1).encode("utf-8")
    return change


def append(extra: str):
    return lambda raw: raw + extra.encode("utf-8")


def cut_inside(marker: str):
    """The file cut off in the middle of the line that holds ``marker`` (a save interrupted)."""
    def change(raw: bytes) -> bytes:
        text = raw.decode("utf-8")
        assert marker in text, f"the table is out of date: {marker!r} is no longer in the file"
        at = text.index(marker) + len(marker) // 2
        return text[:at].encode("utf-8")
    return change


def latin1(raw: bytes) -> bytes:
    """A line saved by an editor set to Latin-1 (é as the single byte 0xe9)."""
    lines = raw.split(b"\n")
    middle = len(lines) // 3
    return b"\n".join(lines[:middle] + [b"# caf\xe9"] + lines[middle:])


def utf16(raw: bytes) -> bytes:
    return raw.decode("utf-8").encode("utf-16")


def with_bom(raw: bytes) -> bytes:
    return b"\xef\xbb\xbf" + raw


def empty(raw: bytes) -> bytes:
    return b""


def scalar(raw: bytes) -> bytes:
    return b"42\n"


# ------------------------------------------------------------------ the files and the loaders

# The loader of each kind of file, as a lesson would call it.
LOADERS = {
    "articles/brief.yaml": lambda: corpus.article("brief").text,
    "translations/brief.yaml": lambda: [s.en for s in corpus.sentences("brief")],
    "questions/brief.yaml": lambda: questions.questions("brief"),
    "language-focus.yaml": lambda: questions.language_focus("xinhua"),
    "context-notes.yaml": lambda: questions.context_notes(),
    "figures.yaml": lambda: figures.load(),
    "not-figures.yaml": lambda: figures.unexplained_numbers(),
    "plot-exercises.yaml": lambda: plot_exercises.exercises(),
    "glossary.yaml": lambda: glossary_module.glossary(),
    "pinyin-overrides.yaml": lambda: glossary_module.overrides(),
    "vocabulary.yaml": lambda: vocabulary.vocab("brief"),
    "errata.yaml": lambda: edition.build(),
    "chart-series.yaml": lambda: figures.all_series(),
    "page.yaml": lambda: edition.build(),
}

ENCODING = r":\d+: not valid UTF-8 \(byte 0x%s\) \(save the file as UTF-8\)"
BOM = r":1: file starts with a byte-order mark \(BOM\) \(save it as UTF-8 without BOM\)"
SYNTAX = r":\d+: YAML syntax error: .+ \(check indentation, colons and quotes on this line\)"
STALE = r": out of date with the source page, page.yaml or errata.yaml \(run `python -m dubao build`\)"

# (file, what is wrong, how it is broken, the line `dubao check` must print after the file name)
SPECIFIC = [
    ("articles/brief.yaml", "truncated", cut_inside("id: brief.p1.s1"), STALE),
    ("articles/brief.yaml", "wrong type", replace("status:\n- complete", "status: complete"),
     r":\d+: 'status' should be a list, not text 'complete'"),
    ("articles/brief.yaml", "duplicate id",
     replace("    - id: brief.p1.s1\n", "    - id: brief.p1.s1\n      text: 又一句。\n    - id: brief.p1.s1\n"),
     r": duplicate sentence id 'brief.p1.s1'"),

    ("translations/brief.yaml", "truncated", cut_inside("brief.p1.s1:"),
     r":\d+: 'sentences' should be a mapping, not text 'brief.'"),
    ("translations/brief.yaml", "wrong type", replace('brief.p1.s1: "On', 'brief.p1.s1: [1, 2]\n  brief.p1.s2: "On'),
     r":\d+: 'brief.p1.s1' should be text, not a list"),
    ("translations/brief.yaml", "duplicate id", append("  brief.p1.s1: \"Again.\"\n"),
     r":\d+: key 'brief.p1.s1' appears twice in the same mapping \(remove one of them\)"),
    ("translations/brief.yaml", "unknown sentence", append("  brief.p9.s9: \"Not on the page.\"\n"),
     r":\d+: translation of unknown sentence 'brief.p9.s9' \(the id must be a sentence of this article\)"),
    ("translations/brief.yaml", "unknown article", replace("article: brief", "article: briefing"),
     r":\d+: translations for unknown article 'briefing'"),

    ("questions/brief.yaml", "truncated", cut_inside("id: brief.q4"), r":\d+: "),
    ("questions/brief.yaml", "wrong type", replace("difficulty: 1", "difficulty: hard"),
     r":\d+: brief.q1: 'difficulty' should be a whole number, not text 'hard'"),
    ("questions/brief.yaml", "duplicate id", replace("id: brief.q2", "id: brief.q1"),
     r":\d+: duplicate question id 'brief.q1'"),
    ("questions/brief.yaml", "unknown sentence", replace("evidence: [brief.p1.s1]", "evidence: [brief.p1.s9]"),
     r":\d+: brief.q1: evidence sentence 'brief.p1.s9' does not exist"),

    ("language-focus.yaml", "truncated", cut_inside("id: xinhua.lf3"), r":\d+: "),
    ("language-focus.yaml", "wrong type", replace("example: {sentence: xinhua.p41.s1, text: \"以科技创新为引领、以实体经济为根基\"}",
                                                 "example: 5"),
     r":\d+: xinhua.lf1: 'example' should be a mapping, not the number 5"),
    ("language-focus.yaml", "duplicate id", replace("id: xinhua.lf2", "id: xinhua.lf1"),
     r":\d+: duplicate language-focus id 'xinhua.lf1'"),
    ("language-focus.yaml", "unknown sentence", replace("sentence: xinhua.p41.s1", "sentence: xinhua.p99.s1"),
     r":\d+: xinhua.lf1: example sentence 'xinhua.p99.s1' does not exist"),
    ("language-focus.yaml", "unknown article", replace("  xinhua:\n", "  xinhau:\n"),
     r":\d+: language focus for unknown article 'xinhau'"),

    ("context-notes.yaml", "truncated", cut_inside("id: peoples-congress-deputy"), r":\d+: "),
    ("context-notes.yaml", "wrong type", replace("sentences: [xinhua.p1.s1, xinhua.p2.s1,", "sentences: 5\n    x: [xinhua.p1.s1, xinhua.p2.s1,"),
     r":\d+: new-quality-productive-forces: "),
    ("context-notes.yaml", "duplicate id", replace("id: five-year-plans", "id: new-quality-productive-forces"),
     r":\d+: duplicate context note id 'new-quality-productive-forces'"),
    ("context-notes.yaml", "unknown sentence", replace("sentences: [xinhua.p1.s1,", "sentences: [xinhua.p1.s99,"),
     r":\d+: new-quality-productive-forces: cites sentence 'xinhua.p1.s99', which does not exist"),

    ("figures.yaml", "truncated", cut_inside("id: xinhua-thorium-conversion-date"), r":\d+: "),
    ("figures.yaml", "wrong type", replace("value: 2\n", "value: [2]\n"),
     r":\d+: xinhua-thorium-reactor-power: 'value' should be a number or text, not a list"),
    ("figures.yaml", "duplicate id", replace("id: xinhua-thorium-reactor-power", "id: xinhua-year-2025"),
     r":\d+: duplicate figure id 'xinhua-year-2025'"),
    ("figures.yaml", "unknown sentence", replace("sentence: xinhua.p4.s1", "sentence: xinhua.p4.s9"),
     r":\d+: xinhua-thorium-reactor-power: no sentence 'xinhua.p4.s9'"),

    # cut inside the first entry: the entries left are valid, and the numbers they no longer
    # explain are reported against figures.yaml, naming not-figures.yaml
    ("not-figures.yaml", "truncated", cut_inside("reason: the name of a mobile network"),
     r"^(/.*/)?corpus/figures.yaml: xinhua.p19.s1: the number 0 is neither a figure nor listed in not-figures.yaml"),
    ("not-figures.yaml", "wrong type", replace("text: 5G", "text: [5G]"),
     r":\d+: 'text' should be text, not a list"),
    ("not-figures.yaml", "not a list of mappings", replace("- sentence: xinhua.p8.s2", "- xinhua.p8.s2\n- sentence: xinhua.p8.s2"),
     r":\d+: item 1 should be a mapping, not text 'xinhua.p8.s2'"),
    ("not-figures.yaml", "unknown sentence", replace("sentence: xinhua.p8.s2", "sentence: xinhua.p8.s9"),
     r":\d+: no sentence 'xinhua.p8.s9'"),

    ("plot-exercises.yaml", "truncated", cut_inside("id: qingzhen-manure"), r":\d+: "),
    ("plot-exercises.yaml", "wrong type", replace("level: 1", "level: [1]"),
     r":\d+: qingzhen-capacity: 'level' should be a whole number, not a list"),
    ("plot-exercises.yaml", "wrong type (title)", replace("title: {zh: 清镇肉鸡产能, en: Qingzhen broiler capacity}",
                                                         "title: 清镇肉鸡产能"),
     r":\d+: qingzhen-capacity: 'title' should be a mapping, not text '清镇肉鸡产能'"),
    ("plot-exercises.yaml", "not a list of mappings", lambda raw: b"- qingzhen-capacity\n",
     r":1: item 1 should be a mapping, not text 'qingzhen-capacity'"),
    ("plot-exercises.yaml", "duplicate id", replace("id: qingzhen-output-value", "id: qingzhen-capacity"),
     r":\d+: duplicate exercise id 'qingzhen-capacity'"),
    ("plot-exercises.yaml", "unknown series", replace("series: qingzhen-capacity", "series: nope"),
     r":\d+: exercise qingzhen-capacity: no series 'nope'"),
    ("plot-exercises.yaml", "unknown article", replace("article: qingzhen", "article: nope"),
     r":\d+: exercise qingzhen-capacity: no article 'nope'"),

    ("glossary.yaml", "truncated", cut_inside("word: 因地制宜"), r":\d+: "),
    ("glossary.yaml", "wrong type", replace("pinyin: xīn zhì shēng chǎn lì", "pinyin: 5"),
     r":\d+: 新质生产力: 'pinyin' should be text, not the number 5"),
    ("glossary.yaml", "wrong type (sentences)", replace("sentences: [xinhua.p1.s1, xinhua.p2.s1, xinhua.p14.s2]",
                                                        "sentences: xinhua.p1.s1"),
     r":\d+: 新质生产力: 'sentences' should be a list, not text 'xinhua.p1.s1'"),
    ("glossary.yaml", "duplicate word", replace("word: 高质量发展", "word: 新质生产力"),
     r":\d+: 新质生产力: listed twice \(first at line \d+\)"),
    ("glossary.yaml", "unknown sentence", replace("sentences: [xinhua.p1.s1, xinhua.p2.s1, xinhua.p14.s2]",
                                                  "sentences: [xinhua.p1.s99]"),
     r":\d+: 新质生产力: cites sentence 'xinhua.p1.s99', which does not exist"),

    ("pinyin-overrides.yaml", "truncated", cut_inside("pinyin: wèi mín"), r":\d+: 为民: "),
    ("pinyin-overrides.yaml", "wrong type", replace("pinyin: wèi mín", "pinyin: [wèi, mín]"),
     r":\d+: 为民: 'pinyin' should be text, not a list"),
    ("pinyin-overrides.yaml", "duplicate", append("\n- word: 为民\n  pinyin: wéi mín\n  context: 履为民之责\n  reason: again\n"),
     r":\d+: 为民: a second override for the same word and context \(first at line \d+\) \(keep one of them\)"),
    ("pinyin-overrides.yaml", "context not on the page", replace("context: 履为民之责", "context: 不为民之责"),
     r":\d+: 为民: context '不为民之责' is not in any text of the corpus, so this override never applies"),

    ("vocabulary.yaml", "truncated", cut_inside("  qingzhen:"), SYNTAX),
    ("vocabulary.yaml", "cut between two lists", lambda raw: raw[:raw.index("  qingzhen:".encode())],
     r":\d+: no curated words for qingzhen, a piece of the page \(add 'qingzhen:' with its key words\)"),
    ("vocabulary.yaml", "wrong type", replace("    - 主持\n", "    - 1234\n"),
     r":\d+: 'brief' item 1 should be text, not the number 1234"),
    ("vocabulary.yaml", "wrong type (articles)", replace("articles:\n", "articles: [xinhua]\nlists:\n"),
     r":\d+: 'articles' should be a mapping, not a list"),
    ("vocabulary.yaml", "duplicate word", replace("    - 召开\n", "    - 主持\n"),
     r":\d+: brief: curated word '主持' is listed twice \(remove one of them\)"),
    ("vocabulary.yaml", "unknown article", replace("  brief:\n", "  briefing:\n"),
     r":\d+: vocabulary for unknown article 'briefing'"),

    ("chart-series.yaml", "truncated", cut_inside("id: xinhua-hubei-space-revenue-previous"), r":\d+: "),
    ("chart-series.yaml", "wrong type", replace("    unit: 万羽\n", "    unit: [万羽]\n"),
     r":\d+: qingzhen-capacity: 'unit' should be text, not a list"),
    ("chart-series.yaml", "duplicate id", replace("id: qingzhen-birds\n", "id: qingzhen-capacity\n"),
     r":\d+: duplicate id 'qingzhen-capacity'"),
    ("chart-series.yaml", "unknown figure", replace("figure: qingzhen-birds-2024}", "figure: qingzhen-birds-2042}"),
     r":\d+: series qingzhen-birds: no figure 'qingzhen-birds-2042'"),
    ("chart-series.yaml", "unknown input", replace("after: xinhua-transfer-time-after}", "after: xinhua-transfer-time}"),
     r":\d+: derived figure xinhua-transfer-speedup: no stated figure 'xinhua-transfer-time'"),

    ("errata.yaml", "truncated", cut_inside("confidence: high"), r":\d+: "),
    ("errata.yaml", "wrong type", replace("line: 157", "line: fifteen"),
     r":\d+: vast: 'line' should be a whole number, not text 'fifteen'"),
    ("errata.yaml", "duplicate id", replace("id: vast", "id: thorium"),
     r":\d+: duplicate erratum id 'thorium' \(first at line \d+\) \(give each erratum its own id\)"),
    ("errata.yaml", "unknown source line", replace("line: 157", "line: 99999"),
     r":\d+: erratum vast: line 99999 is not a line of the source"),

    ("page.yaml", "truncated", cut_inside("id: hankaisi"), r":\d+: ha: missing 'lines'"),
    ("page.yaml", "wrong type", replace("lines: [113, 117]", "lines: 113"),
     r":\d+: brief: 'lines' should be a list, not the number 113"),
    ("page.yaml", "duplicate id", replace("id: brief", "id: xinhua"),
     r":\d+: duplicate piece id 'xinhua' \(first at line \d+\)"),
    ("page.yaml", "unknown source line", replace("- after: 27", "- after: 99999"),
     r":\d+: xinhua: joins line 99999 is outside the piece \(lines 3-111\)"),
    ("page.yaml", "past the end of the source", replace("lines: [113, 117]", "lines: [113, 99999]"),
     r":\d+: brief: line 99999 is past the end of the source \(\d+ lines\)"),
]

MAPPING_FILES = ["chart-series.yaml", "articles/brief.yaml", "translations/brief.yaml", "questions/brief.yaml", "language-focus.yaml",
                 "context-notes.yaml", "glossary.yaml", "vocabulary.yaml", "errata.yaml", "page.yaml"]
LIST_FILES = ["figures.yaml", "not-figures.yaml", "plot-exercises.yaml", "pinyin-overrides.yaml"]

# Every kind of file in the wrong encoding, with a BOM or with the wrong top level (empty
# files: in the test of the real command below).
GENERIC = [(name, what, change, pattern) for name in LOADERS for what, change, pattern in [
    ("Latin-1 bytes", latin1, ENCODING % "e9"),
    ("UTF-16", utf16, ENCODING % "ff"),
    ("byte-order mark", with_bom, BOM),
    ("wrong top level", scalar, r":1: top level is int; expected a (mapping|list)"),
]]

CASES = SPECIFIC + GENERIC


def test_the_table_covers_every_kind_of_content_file():
    kinds = {name.split("/")[0] for name in LOADERS}
    on_disk = {p.name for p in CORPUS.glob("*.yaml")} | {p.name for p in CORPUS.iterdir() if p.is_dir()}
    assert on_disk, "corpus/ not found"
    assert on_disk - {"source"} == kinds
    for name in LOADERS:
        wrongs = {what for file, what, _, _ in SPECIFIC if file == name}
        assert "truncated" in wrongs and any(w.startswith("wrong type") for w in wrongs), name
    assert set(MAPPING_FILES + LIST_FILES) == set(LOADERS)


@pytest.fixture(scope="module")
def broken_corpus(tmp_path_factory):
    """One copy of corpus/ for the whole table; each case breaks one file and puts it back."""
    target = tmp_path_factory.mktemp("bad") / "corpus"
    shutil.copytree(CORPUS, target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DUBAO_CORPUS_DIR", str(target))
        yield target
    corpus.reload()


def check_in_process() -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["check"])
    return code, out.getvalue()


@pytest.mark.parametrize("name, what, change, pattern", CASES,
                         ids=[f"{name}-{what}" for name, what, _, _ in CASES])
def test_check_names_the_file_and_what_is_wrong(broken_corpus, monkeypatch, name, what, change, pattern):
    path = broken_corpus / name
    original = path.read_bytes()
    if name.split("/")[0] not in ("articles", "errata.yaml", "page.yaml"):
        # The edition check (rebuild and account for the source, half a second a
        # run, tested in test_corpus.py) reads only the articles, page.yaml and
        # errata.yaml, so it is left out when another file is broken.
        monkeypatch.setattr(edition_check, "problems", lambda: [])
    try:
        path.write_bytes(change(original))
        corpus.reload()
        code, output = check_in_process()
        assert "Traceback" not in output
        assert code == 1, output
        lines = output.splitlines()
        wanted = re.compile(pattern if pattern.startswith("^") else r"^(/.*/)?corpus/" + re.escape(name) + pattern)
        assert any(wanted.search(line) for line in lines), f"no line like {wanted.pattern!r} in:\n{output}"
        assert lines[-1] == f"{len(lines) - 1} problem(s)"
        try:
            LOADERS[name]()
        except DubaoError as error:
            assert "corpus/" in str(error) or "no " in str(error), str(error)
    finally:
        path.write_bytes(original)
        corpus.reload()


def test_the_real_command_reports_every_broken_file_at_once_without_a_traceback(corpus_copy):
    """In a new process, as an instructor runs it: ten kinds of file broken at once (not the
    articles or translations: while they are broken the question banks are not checked)."""
    broken = {"questions/brief.yaml": with_bom, "language-focus.yaml": latin1,
              "context-notes.yaml": empty, "figures.yaml": scalar, "plot-exercises.yaml": utf16,
              "glossary.yaml": latin1, "pinyin-overrides.yaml": with_bom, "vocabulary.yaml": scalar,
              "not-figures.yaml": empty}
    for name, change in broken.items():
        path = corpus_copy / name
        path.write_bytes(change(path.read_bytes()))
    result = run_cli("check", env={"DUBAO_CORPUS_DIR": str(corpus_copy)})
    assert "Traceback" not in result.stdout + result.stderr
    assert result.returncode == 1
    for name in broken:
        assert re.search(r"corpus/" + re.escape(name) + r":\d+: ", result.stdout), (name, result.stdout)
