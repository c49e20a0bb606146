"""Shared test set-up: every test runs with its own learner data folder, so no
test reads or writes a real learner's progress, and charts render off-screen."""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

COURSE_DIR = Path(__file__).resolve().parent.parent

# Before anything imports dubao or matplotlib.
os.environ.setdefault("MPLBACKEND", "Agg")
os.environ["DUBAO_DATA_DIR"] = tempfile.mkdtemp(prefix="dubao-test-data-")


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    """A fresh, empty learner data folder for one test."""
    folder = tmp_path / "learner"
    monkeypatch.setenv("DUBAO_DATA_DIR", str(folder))
    return folder


def run_cli(*args, env=None, input=None):
    """Run ``python -m dubao ARGS`` in a new process; returns the CompletedProcess."""
    return subprocess.run([sys.executable, "-m", "dubao", *args], capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, input=input, cwd=COURSE_DIR, timeout=600)


@pytest.fixture
def corpus_copy(tmp_path, monkeypatch):
    """A writable copy of corpus/ used as DUBAO_CORPUS_DIR, for tests that break it."""
    import shutil

    from dubao import corpus

    target = tmp_path / "corpus"
    shutil.copytree(COURSE_DIR / "corpus", target)
    monkeypatch.setenv("DUBAO_CORPUS_DIR", str(target))
    corpus.reload()
    yield target
    corpus.reload()


def copy_course(root: Path) -> Path:
    """A copy of the course's code, tools and corpus in ``root``, with only the start
    lesson in solutions/ and lessons/ (so other lessons being written do not
    matter): for tests that add an article with ``new-article``."""
    import shutil

    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in ("dubao", "widgets", "corpus", "tools"):
        shutil.copytree(COURSE_DIR / name, root / name, ignore=ignore)
    for name in ("solutions", "lessons"):
        (root / name).mkdir()
        shutil.copy(COURSE_DIR / name / "00-start-here.ipynb", root / name)
    return root


def run_in_course(course: Path, *args, timeout=900):
    """``python ARGS`` with a course copy's own code and corpus."""
    env = {**os.environ, "PYTHONPATH": str(course), "DUBAO_CORPUS_DIR": str(course / "corpus")}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, cwd=course,
                          timeout=timeout)
@pytest.fixture(scope="module")
def words():
    """Every curated word of the page, by word (a word curated twice keeps its first article)."""
    import dubao
    from dubao import corpus

    found = {}
    for article in corpus.articles():
        for word in dubao.vocab(article.id, include_found=False):
            found.setdefault(word.word, word)
    return found
