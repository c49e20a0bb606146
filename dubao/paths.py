"""Where dubao finds its data and where it may write. The course folder (with
corpus/) may be read-only, as on JupyterHub, so everything dubao writes goes to
the learner's data or cache directory, never inside the course folder.

Environment variables override the defaults:
``DUBAO_CORPUS_DIR`` (the corpus), ``DUBAO_DATA_DIR`` (progress database and
settings) and ``DUBAO_CACHE_DIR`` (compact dictionary and segmenter caches).
"""

import os
from pathlib import Path

import platformdirs

PACKAGE_DIR = Path(__file__).resolve().parent
COURSE_DIR = PACKAGE_DIR.parent


def corpus_dir() -> Path:
    """The folder holding the articles, errata, glossary and question banks."""
    return Path(os.environ.get("DUBAO_CORPUS_DIR") or COURSE_DIR / "corpus")


def data_dir() -> Path:
    """The learner's own folder: progress database and settings."""
    return Path(os.environ.get("DUBAO_DATA_DIR") or platformdirs.user_data_dir("dubao"))


def cache_dir() -> Path:
    """A folder for caches that can be rebuilt at any time."""
    return Path(os.environ.get("DUBAO_CACHE_DIR") or platformdirs.user_cache_dir("dubao"))


def writable_cache_dir() -> Path | None:
    """The cache folder, created if needed; None when it cannot be written,
    in which case callers work without a cache rather than fail."""
    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError:
        return None
    return folder


def shared_benchmarks() -> Path | None:
    """The shared benchmark data (CPP, ...), read where it lies and never copied
    into the course: ``DUBAO_BENCHMARKS_DIR``, else ``shared/benchmarks`` beside
    the course folder (as CI checks it out) or beside one of its parents (a
    git worktree inside a work folder). None when there is none."""
    if os.environ.get("DUBAO_BENCHMARKS_DIR"):
        return Path(os.environ["DUBAO_BENCHMARKS_DIR"])
    for folder in COURSE_DIR.parents:
        candidate = folder / "shared" / "benchmarks"
        if candidate.is_dir():
            return candidate
    return None


def sighan_dir() -> Path | None:
    """The SIGHAN 2005 segmentation bakeoff data (icwb2-data: testing/ and gold/),
    or None: ``DUBAO_SIGHAN_DIR``, else ``sighan`` in the shared benchmarks."""
    if os.environ.get("DUBAO_SIGHAN_DIR"):
        return Path(os.environ["DUBAO_SIGHAN_DIR"])
    shared = shared_benchmarks()
    return shared / "sighan" if shared and (shared / "sighan" / "gold").is_dir() else None


def cpp_dir() -> Path | None:
    """The CPP benchmark (Chinese Polyphones with Pinyin): dev.* and test.*, or None."""
    if os.environ.get("DUBAO_CPP_DIR"):
        return Path(os.environ["DUBAO_CPP_DIR"])
    shared = shared_benchmarks()
    return shared / "cpp" if shared and (shared / "cpp" / "dev.sent").exists() else None
