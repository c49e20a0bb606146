"""Strict schemas for every corpus file (dubao.schema): a key the schema does not
know, a missing key, a value of another type and the YAML slip of an unquoted
comma in a ``{…}`` mapping are each an error that ``python -m dubao check``
reports with the file and line. The table runs over every kind of file found in
corpus/ (the glob must find each kind the table knows, and the table must know
each kind the glob finds); the schema machinery and the ``check`` registry are
tested on their own below.
"""

import contextlib
import io
import re
import shutil

import pytest

from conftest import COURSE_DIR
from dubao import corpus, yamlio
from dubao.__main__ import main
from dubao.corpus import edition_check
from dubao.course import checks
from dubao.schema import Model, Text, validate

CORPUS = COURSE_DIR / "corpus"

# kind of file -> the file of that kind the table breaks
KINDS = {
    "articles": "articles/brief.yaml", "translations": "translations/brief.yaml",
    "questions": "questions/brief.yaml", "chart-series.yaml": "chart-series.yaml",
    "context-notes.yaml": "context-notes.yaml", "errata.yaml": "errata.yaml", "figures.yaml": "figures.yaml",
    "glossary.yaml": "glossary.yaml", "language-focus.yaml": "language-focus.yaml",
    "not-figures.yaml": "not-figures.yaml", "page.yaml": "page.yaml",
    "pinyin-overrides.yaml": "pinyin-overrides.yaml", "plot-exercises.yaml": "plot-exercises.yaml",
    "vocabulary.yaml": "vocabulary.yaml",
}
EDITION_INPUTS = ("articles", "page.yaml", "errata.yaml")


def kinds_on_disk() -> set[str]:
    files = [p for p in CORPUS.rglob("*.yaml") if "source" not in p.relative_to(CORPUS).parts]
    return {p.relative_to(CORPUS).parts[0] for p in files}


def test_the_table_knows_every_kind_of_corpus_file():
    found = kinds_on_disk()
    assert len(found) >= 14, found
    assert found == set(KINDS)
    for name in KINDS.values():
        assert (CORPUS / name).exists(), name


# ------------------------------------------------------------------ how each file is broken

def first_record_key(text: str) -> int:
    """Index of the first line that opens a record of a list (``- key: value``)."""
    for number, line in enumerate(text.split("\n")):
        if re.match(r"^\s*- [a-z_]+: ", line):
            return number
    return -1


def stray_in_record(text: str) -> tuple[str, int]:
    """An unknown key added to the first record of a list; (text, its 1-based line)."""
    lines = text.split("\n")
    at = first_record_key(text)
    indent = len(lines[at]) - len(lines[at].lstrip()) + 2
    lines.insert(at + 1, " " * indent + "stray_key: 1")
    return "\n".join(lines), at + 2


def stray_at_top(text: str) -> tuple[str, int]:
    """An unknown key added at the top level of a mapping file."""
    text = text.rstrip("\n") + "\n"
    return text + "stray_key: 1\n", text.count("\n") + 1


FLOW = re.compile(r"\{[a-z_]+: [^{}\"'\[\]]+\}")


def comma_slip(text: str) -> tuple[str, int] | None:
    """The first {…} mapping whose last value is unquoted text, given an unquoted
    comma: ``{zh: 重庆, en: Chongqing}`` -> ``{zh: 重庆, en: Chongqing, Sichuan}``."""
    for number, line in enumerate(text.split("\n")):
        match = FLOW.search(line)
        if match and not line.lstrip().startswith("#"):
            lines = text.split("\n")
            lines[number] = line[:match.end() - 1] + ", Sichuan Province" + line[match.end() - 1:]
            return "\n".join(lines), number + 1
    return None


def check_in_process() -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        code = main(["check"])
    return code, out.getvalue()


@pytest.fixture(scope="module")
def copy_of_corpus(tmp_path_factory):
    target = tmp_path_factory.mktemp("schemas") / "corpus"
    shutil.copytree(CORPUS, target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DUBAO_CORPUS_DIR", str(target))
        yield target
    corpus.reload()


def cases():
    for kind, name in KINDS.items():
        text = (CORPUS / name).read_text(encoding="utf-8")
        if first_record_key(text) >= 0:
            yield kind, name, "unknown key in a record", stray_in_record, "unknown key 'stray_key'"
        if yamlio.load(CORPUS / name).__class__ is yamlio.Node:
            yield kind, name, "unknown key at the top", stray_at_top, "unknown key 'stray_key'"
        if comma_slip(text) is not None:
            yield (kind, name, "unquoted comma in a {…} mapping", comma_slip,
                   r"stray key 'Sichuan Province' with no value in a \{…\} mapping \(an unquoted comma")


CASES = list(cases())


def test_every_kind_has_a_stray_key_case_and_the_comma_slip_is_tried_where_flow_mappings_are():
    assert {kind for kind, *_ in CASES} == set(KINDS)
    slips = {kind for kind, _, what, _, _ in CASES if what.startswith("unquoted comma")}
    assert {"figures.yaml", "errata.yaml", "plot-exercises.yaml", "chart-series.yaml"} <= slips, slips


@pytest.mark.parametrize("kind, name, what, change, message", CASES,
                         ids=[f"{kind}-{what}" for kind, _, what, _, _ in CASES])
def test_check_names_file_and_line_of_a_stray_key(copy_of_corpus, monkeypatch, kind, name, what, change,
                                                  message):
    path = copy_of_corpus / name
    original = path.read_text(encoding="utf-8")
    if kind not in EDITION_INPUTS:  # the edition check (half a second) reads only its inputs
        monkeypatch.setattr(edition_check, "problems", lambda: [])
    broken, line = change(original)
    try:
        path.write_text(broken, encoding="utf-8")
        corpus.reload()
        code, output = check_in_process()
    finally:
        path.write_text(original, encoding="utf-8")
        corpus.reload()
    assert code == 1 and "Traceback" not in output, output
    wanted = re.compile(r"^(/.*/)?corpus/" + re.escape(name) + rf":{line}: (\S+: )?" + message)
    assert any(wanted.search(out) for out in output.splitlines()), f"no {wanted.pattern!r} in:\n{output}"


# ------------------------------------------------------------------ the machinery itself

class Name(Model):
    zh: Text
    en: Text


class Record(Model):
    id: Text
    count: int
    names: list[Name] = []


def load(tmp_path, text: str):
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    return yamlio.load(path)


def messages(model, data, salvage=False):
    record, problems = validate(model, data, salvage=salvage)
    return record, [f"{p.line}: {p.message}" + (f" ({p.hint})" if p.hint else "") for p in problems]


def test_unknown_missing_and_wrong_type_name_their_lines(tmp_path):
    data = load(tmp_path, "- id: a\n  count: two\n  colour: red\n- id: b\n  names:\n  - {zh: 重庆, en: 5}\n")
    record, found = messages(list[Record], data)
    assert record is None
    assert found == ["2: a: 'count' should be a whole number, not text 'two'",
                     "3: a: unknown key 'colour' (keys: count, id, names)",
                     "4: b: missing 'count'",
                     "6: b: 'en' should be text, not the number 5"]


def test_a_comma_in_a_flow_mapping_is_a_stray_key(tmp_path):
    data = load(tmp_path, "- id: a\n  count: 1\n  names: [{zh: 重庆, en: Chongqing, Sichuan}]\n")
    assert messages(list[Record], data)[1] == [
        "3: a: stray key 'Sichuan' with no value in a {…} mapping "
        "(an unquoted comma splits the text before it: put that text in quotes)"]
    emptied = load(tmp_path, "- id: a\n  count: 1\n  names: [{zh: 重庆, en: }]\n")
    assert messages(list[Record], emptied)[1] == [
        "3: a: 'en' has no value in a {…} mapping (write its value; quote text that holds a comma)"]
    quoted = load(tmp_path, '- id: a\n  count: 1\n  names: [{zh: 重庆, en: "Chongqing, Sichuan"}]\n')
    record, found = messages(list[Record], quoted)
    assert found == [] and record[0].names[0].en == "Chongqing, Sichuan"


def test_no_coercion_and_empty_text_is_an_error(tmp_path):
    data = load(tmp_path, "id: '  '\ncount: '3'\n")
    assert messages(Record, data)[1] == ["1: 'id' is empty", "2: 'count' should be a whole number, not text '3'"]
    assert messages(Record, load(tmp_path, "id: a\ncount: true\n"))[1] == [
        "2: 'count' should be a whole number, not true/false"]


def test_salvage_keeps_the_good_records_and_their_lines(tmp_path):
    data = load(tmp_path, "- id: a\n  count: x\n- id: b\n  count: 2\n")
    record, found = messages(list[Record], data, salvage=True)
    assert found == ["2: a: 'count' should be a whole number, not text 'x'"]
    assert [r.id for r in record] == ["b"] and record[0].where("count") == (data.file, 4)


# ------------------------------------------------------------------ the check registry fails loudly

def test_a_registered_check_module_that_is_missing_or_has_no_problems_is_an_error(monkeypatch):
    monkeypatch.setattr(checks, "CHECKED_BY", {"dubao.content.no_such_module": "renamed away",
                                               "dubao.paths": "a module without problems()"})
    found = [str(p) for p in checks.all_problems()]
    assert found == [
        "dubao/course/checks.py: the registered check module dubao.content.no_such_module does not exist "
        "(fix its name in CHECKED_BY or restore the module)",
        "dubao/course/checks.py: the registered check module dubao.paths has no problems() "
        "(give it problems() -> list[Problem], or remove it from CHECKED_BY)"]
    assert checks.all_warnings() == []


def test_every_registered_check_module_exists_and_checks():
    assert checks.CHECKED_BY
    for name in checks.CHECKED_BY:
        assert not isinstance(checks._module(name), type(checks.all_problems)), name
        assert callable(checks._module(name).problems), name
