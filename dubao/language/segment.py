"""Word segmentation: jieba with the page's glossary as a domain lexicon.

We use a private ``jieba.Tokenizer`` (never the global one, which other code may
change) whose prefix-dictionary cache lives in the learner's cache folder, not
in the course folder or under a shared temporary name. Glossary words are added
with a frequency high enough to win (jieba silently ignores user words whose
frequency is too low: fxsjy/jieba #222, #576, #587), and the glossary's
``splits`` lower the frequency of wrong merges such as 地说 in 无奈地说.

Parts of speech come from jieba's dictionary tags, kept in a small SQLite table
in the cache folder so that looking one up does not load jieba.posseg.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from dubao import paths
from dubao.language import glossary as glossary_module

_lock = threading.Lock()
_state: dict = {}
# jieba's tag for the glossary kinds, so a name is tagged as a name.
KIND_TAGS = {"person": "nr", "place": "ns", "organisation": "nt", "company": "nt", "product": "nz",
             "term": "n", "slogan": "l", "phrase": "i", "abbreviation": "j", "title": "n"}


def _new_tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = paths.writable_cache_dir()
    if folder is not None:
        tokenizer.tmp_dir = str(folder)
        tokenizer.cache_file = "jieba-dictionary.cache"
    else:
        # No writable cache: jieba builds its dictionary in memory and, failing to
        # write the cache, carries on. A private empty folder keeps it from
        # reading or writing anyone else's file in the shared temporary folder.
        import tempfile

        tokenizer.tmp_dir = tempfile.mkdtemp(prefix="dubao-jieba-")
        tokenizer.cache_file = "jieba-dictionary.cache"
    tokenizer.initialize()
    return tokenizer


def _apply_glossary(tokenizer, glossary) -> None:
    for entry in glossary.entries:
        # suggest_freq gives the frequency that makes the whole word beat every
        # split of it; the floor keeps it above jieba's "too rare" threshold.
        freq = max(tokenizer.suggest_freq(entry.word, tune=False), 1000)
        tokenizer.add_word(entry.word, freq=freq, tag=KIND_TAGS.get(entry.kind))
    for split in glossary.splits:
        for left, right in zip(split.words, split.words[1:]):
            tokenizer.suggest_freq((left, right), tune=True)
            if len(tokenizer.lcut(left + right, HMM=False)) == 1:
                # Lowering the frequency only makes a tie here (打得 vs 打 + 得);
                # the reviewed split list says the glued form is wrong, so drop it.
                tokenizer.del_word(left + right)


def tokenizer():
    """The shared private tokenizer with the glossary applied (built once per
    process, and again if the glossary file changes)."""
    current = glossary_module.glossary()
    with _lock:
        if _state.get("glossary") is not current:
            # A new (or changed) glossary starts from a clean dictionary.
            _state["tokenizer"] = tok = _new_tokenizer()
            _apply_glossary(tok, current)
            _state["pairs"] = {left + right: left for split in current.splits
                               for left, right in zip(split.words, split.words[1:])}
            _state["wholes"] = {"".join(split.words): list(split.words) for split in current.splits}
            _state["glossary"] = current
        return _state["tokenizer"]


def cut(text: str) -> list[str]:
    """Words of ``text``; joined, they give back ``text`` exactly."""
    if not text:
        return []
    tok = tokenizer()
    pairs, wholes = _state["pairs"], _state["wholes"]
    words = []
    for word in tok.lcut(text, HMM=True):
        if word in wholes:
            words.extend(wholes[word])
            continue
        # jieba's HMM glues runs of single characters back together (打 得 ->
        # 打得) after the dictionary has let them go; a reviewed split is
        # applied again here, but never inside a real dictionary word.
        if len(word) > 1 and pairs and (word in pairs or not tok.FREQ.get(word)):
            words.extend(_apply_splits(word, pairs))
        else:
            words.append(word)
    return words


def _apply_splits(word: str, pairs: dict) -> list[str]:
    cuts = set()
    for joined, left in pairs.items():
        start = word.find(joined)
        while start != -1:
            cuts.update((start, start + len(left), start + len(joined)))
            start = word.find(joined, start + 1)
    cuts = sorted(c for c in cuts if 0 < c < len(word))
    bounds = [0, *cuts, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------- parts of speech

def _tag_table_path(folder: Path) -> Path:
    import jieba

    source = Path(jieba.__file__).parent / "dict.txt"
    stat = source.stat()
    return folder / f"jieba-tags-{stat.st_size}-{stat.st_mtime_ns}.sqlite"


def _build_tags(target: str) -> sqlite3.Connection:
    import jieba

    connection = sqlite3.connect(target, check_same_thread=False)
    connection.execute("CREATE TABLE tag (word TEXT PRIMARY KEY, tag TEXT) WITHOUT ROWID")
    with open(Path(jieba.__file__).parent / "dict.txt", encoding="utf-8") as handle:
        rows = {}
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                rows[parts[0]] = parts[2]
    connection.executemany("INSERT INTO tag VALUES (?, ?)", rows.items())
    connection.commit()
    return connection


def _tags() -> sqlite3.Connection:
    with _lock:
        if "tags" not in _state:
            folder = paths.writable_cache_dir()
            if folder is None:
                _state["tags"] = _build_tags(":memory:")
            else:
                target = _tag_table_path(folder)
                if not target.exists():
                    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
                    _build_tags(str(partial)).close()
                    os.replace(partial, target)
                _state["tags"] = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
        return _state["tags"]


def part_of_speech(word: str, glossary=None) -> str | None:
    """jieba's (ICTCLAS) tag for a word, e.g. 'v', 'n', 'nr' (person), or None."""
    entry = (glossary or glossary_module.glossary()).get(word)
    if entry is not None:
        return KIND_TAGS.get(entry.kind)
    return _dictionary_tag(word)


@lru_cache(maxsize=65536)
def _dictionary_tag(word: str) -> str | None:
    row = _tags().execute("SELECT tag FROM tag WHERE word = ?", (word,)).fetchone()
    return row[0] if row else None
