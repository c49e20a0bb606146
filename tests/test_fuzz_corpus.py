"""Fuzzing the corpus: mutated copies of the real content files (lines deleted,
repeated or swapped, the file cut short, a value given another type, junk bytes
inserted) go through ``dubao check``'s checks and through the loader of each file.
A CorpusError (or another DubaoError) is the right answer to broken data; any other
exception is a crash a teacher would see as a traceback, and fails.

The mutator is seeded and makes a fixed number of mutants per file, so CI sees the
same cases every run (about fifteen seconds).
"""

import random
import shutil
import traceback

import pytest

from conftest import COURSE_DIR
from dubao.course import checks
from dubao import corpus
from dubao.corpus import edition_check
from dubao.errors import DubaoError
from test_bad_content import LOADERS

SEED = 20251206  # the page's date line: 新华社北京12月6日电
MUTANTS_PER_FILE = 3
JUNK = [b"\x00", b"\xff\xfe", b"\xe9", b"\t", b": ", b"- ", b"[", b"]", b"{", b"}", b"'", b'"', b"&", b"*x",
        b"!!python/object:os.system", b"? ", b"|\n", b"%YAML 9\n", b"\xe4\xb8", b"\r"]
NEW_VALUES = ["[1, 2]", "{a: 1}", "123", "-7.5", "true", "null", "''", "~", "[]", "{}", "2025-12-06"]


def _delete(lines, rng):
    i = rng.randrange(len(lines))
    return lines[:i] + lines[i + 1:], f"line {i + 1} deleted"


def _duplicate(lines, rng):
    i = rng.randrange(len(lines))
    return lines[:i + 1] + lines[i:], f"line {i + 1} repeated"


def _swap(lines, rng):
    i, j = sorted(rng.sample(range(len(lines)), 2))
    lines = list(lines)
    lines[i], lines[j] = lines[j], lines[i]
    return lines, f"lines {i + 1} and {j + 1} swapped"


def _cut(lines, rng):
    data = b"".join(lines)
    at = rng.randrange(len(data))
    return [data[:at]], f"cut at byte {at}"


def _retype(lines, rng):
    """A mapping value or a list item given a value of another type."""
    candidates = [i for i, line in enumerate(lines) if not line.lstrip().startswith(b"#")
                  and (b": " in line or line.rstrip().endswith(b":") or line.lstrip().startswith(b"- "))]
    i = rng.choice(candidates)
    line, value = lines[i], rng.choice(NEW_VALUES).encode()
    if b": " in line or line.rstrip().endswith(b":"):
        head = line.split(b":", 1)[0] + b": "
    else:
        head = line[:line.index(b"- ") + 2]
    return lines[:i] + [head + value + b"\n"] + lines[i + 1:], f"line {i + 1} value -> {value.decode()}"


def _junk(lines, rng):
    data = b"".join(lines)
    at = rng.randrange(len(data))
    junk = b"".join(rng.choice(JUNK) for _ in range(rng.randint(1, 3)))
    return [data[:at] + junk + data[at:]], f"{junk!r} inserted at byte {at}"


MUTATIONS = [_delete, _duplicate, _swap, _cut, _retype, _junk]


def mutants():
    """(file, description, bytes) for every mutant, the same on every run."""
    rng = random.Random(SEED)
    found = []
    for name in LOADERS:
        lines = (COURSE_DIR / "corpus" / name).read_bytes().splitlines(keepends=True)
        for _ in range(MUTANTS_PER_FILE):
            mutation = rng.choice(MUTATIONS)
            changed, how = mutation(lines, rng)
            found.append((name, f"{mutation.__name__[1:]}: {how}", b"".join(changed)))
    return found


MUTANTS = mutants()


def test_the_mutants_cover_every_file_and_every_kind_of_mutation():
    assert len(MUTANTS) == len(LOADERS) * MUTANTS_PER_FILE
    assert {name for name, _, _ in MUTANTS} == set(LOADERS)
    assert all(data != (COURSE_DIR / "corpus" / name).read_bytes() or "swapped" in how or "repeated" in how
               for name, how, data in MUTANTS)
    assert {how.split(":")[0] for _, how, _ in MUTANTS} == {m.__name__[1:] for m in MUTATIONS}


@pytest.fixture(scope="module")
def fuzz_corpus(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "corpus"
    shutil.copytree(COURSE_DIR / "corpus", target)
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DUBAO_CORPUS_DIR", str(target))
        yield target
    corpus.reload()


def _crash(call) -> str | None:
    try:
        call()
    except DubaoError:
        return None
    except Exception as error:  # noqa: BLE001 - the point: anything else is a crash
        frame = traceback.extract_tb(error.__traceback__)[-1]
        return f"{type(error).__name__}: {error} at {frame.filename.split('/main/')[-1]}:{frame.lineno}"
    return None


@pytest.mark.parametrize("name, how, data", MUTANTS, ids=[f"{n}-{h}" for n, h, _ in MUTANTS])
def test_a_mutated_file_gives_problems_not_a_crash(fuzz_corpus, monkeypatch, name, how, data):
    if name.split("/")[0] not in ("articles", "errata.yaml", "page.yaml"):
        # the edition check reads only these three (see test_bad_content.py)
        monkeypatch.setattr(edition_check, "problems", lambda: [])
    path = fuzz_corpus / name
    original = path.read_bytes()
    try:
        path.write_bytes(data)
        corpus.reload()
        crashes = [c for c in (_crash(checks.all_problems), _crash(LOADERS[name])) if c]
    finally:
        path.write_bytes(original)
        corpus.reload()
    assert crashes == []
