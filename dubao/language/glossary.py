"""The page's own words, read from two reviewed data files in corpus/:

- ``glossary.yaml``: terms, people, places, organisations, products, slogans and
  set phrases, each with its pinyin, the sense THIS page means, a kind and a
  note. It feeds the segmenter (so names and terms stay whole), the pinyin (its
  reading wins) and the glosses (its sense comes first). Its ``splits`` list
  names places where the segmenter must not glue words together (无奈 地 说).
- ``pinyin-overrides.yaml``: readings that the pinyin sources get wrong on this
  page, each with the context it applies in and the reason.

A malformed file raises CorpusError naming the file and the line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from dubao import paths, yamlio
from dubao.errors import CorpusError, Problem
from dubao.language.han import HAN, MARKED_VOWELS, count_han
from dubao.schema import Model, Text, validate

KINDS = ("term", "person", "place", "organisation", "company", "product", "slogan", "phrase",
         "abbreviation", "title")
NAME_KINDS = ("person", "place", "organisation", "company", "product")
# A pinyin syllable with tone marks (or none, for the neutral tone).
_SYLLABLE = re.compile(f"^[a-z{MARKED_VOWELS}ü]+$")


@dataclass(frozen=True)
class GlossaryEntry:
    """One word of the page with the reading and sense the page means."""

    word: str
    pinyin: str
    gloss: str
    kind: str
    note: str = ""
    sentences: tuple[str, ...] = ()


@dataclass(frozen=True)
class Split:
    """Words the segmenter must keep apart, e.g. ('无奈', '地', '说')."""

    words: tuple[str, ...]
    reason: str


@dataclass(frozen=True)
class Override:
    """A reading for ``word`` wherever it stands inside ``context`` (or everywhere)."""

    word: str
    pinyin: str
    context: str
    reason: str


class EntryRecord(Model):
    word: Text
    pinyin: Text
    gloss: Text
    kind: Literal[KINDS]
    note: str = ""
    sentences: list[Text] = []


class SplitRecord(Model):
    words: Text
    reason: Text


class GlossaryFile(Model):
    entries: list[EntryRecord]
    splits: list[SplitRecord] = []


class OverrideRecord(Model):
    word: Text
    pinyin: Text
    context: str = ""      # left out: the reading applies everywhere
    reason: Text


OverridesFile = list[OverrideRecord]


def _check_pinyin(pinyin: str, word: str, where, problems) -> str:
    """One tone-marked syllable per Han character; ``where`` (a record or a YAML
    mapping) says where a problem is."""
    syllables = pinyin.split()
    bad = [s for s in syllables if not _SYLLABLE.match(s)]
    if bad:
        problems.append(where.problem(f"{word}: '{bad[0]}' is not a tone-marked pinyin syllable", "pinyin",
                                      "use tone marks, e.g. 'xīn zhì', not tone numbers"))
    elif len(syllables) != count_han(word):
        problems.append(where.problem(
            f"{word}: {len(syllables)} pinyin syllables for {count_han(word)} Chinese characters", "pinyin",
            "write one syllable per character, separated by single spaces"))
    return " ".join(syllables)


def _read_entries(records, problems) -> list[GlossaryEntry]:
    entries, seen = [], {}
    for record in records:
        word = record.word
        if not HAN.search(word):
            problems.append(record.problem("entry without a Chinese 'word'", "word"))
            continue
        if word in seen:
            problems.append(record.problem(f"{word}: listed twice (first at line {seen[word]})", "word"))
            continue
        seen[word] = record.yaml_line
        entries.append(GlossaryEntry(word=word, pinyin=_check_pinyin(record.pinyin, word, record, problems), gloss=record.gloss,
                                     kind=record.kind, note=record.note.strip(), sentences=tuple(record.sentences)))
    return entries


def _read_splits(records, problems) -> list[Split]:
    splits = []
    for record in records:
        if len(record.words.split()) < 2:
            problems.append(record.problem("a split needs 'words' with at least two words separated by spaces",
                                           "words"))
            continue
        splits.append(Split(tuple(record.words.split()), record.reason))
    return splits


@dataclass(frozen=True, eq=False)
class Glossary:
    """The glossary entries (looked up by word) and the reviewed splits."""

    entries: tuple[GlossaryEntry, ...]
    splits: tuple[Split, ...]

    def __post_init__(self):
        object.__setattr__(self, "_by_word", {e.word: e for e in self.entries})

    def get(self, word: str) -> GlossaryEntry | None:
        return self._by_word.get(word)


def read_glossary(path) -> Glossary:
    """Read and check a glossary file; CorpusError lists every problem with its line."""
    return _glossary_from(yamlio.load(Path(path), expect=dict))


def _glossary_from(data) -> Glossary:
    record, problems = validate(GlossaryFile, data, salvage=True)
    # an entry the schema rejected (an unknown kind) still has its reading checked
    kept = {entry.yaml_line for entry in record.entries} if record else set()
    for node in data.get("entries") if isinstance(data.get("entries"), list) else []:
        if isinstance(node, dict) and node.line not in kept and isinstance(node.get("word"), str) \
                and isinstance(node.get("pinyin"), str) and node["pinyin"].strip():
            _check_pinyin(node["pinyin"], node["word"], node, problems)
    if record is None:
        raise CorpusError(problems)
    result = Glossary(tuple(_read_entries(record.entries, problems)), tuple(_read_splits(record.splits, problems)))
    if problems:
        raise CorpusError(problems)
    return result


def read_overrides(path) -> list[Override]:
    """Read and check a pinyin override file (a list of word/pinyin/context/reason)."""
    return _overrides_from(yamlio.load(Path(path), expect=list))


def _overrides_from(items) -> list[Override]:
    records, problems = validate(OverridesFile, items, salvage=True)
    overrides = []
    for record in records or []:
        context = record.context.strip()
        if context and record.word not in context:
            problems.append(record.problem(f"{record.word}: context {context!r} does not contain the word",
                                           "context"))
        overrides.append(Override(record.word, _check_pinyin(record.pinyin, record.word, record, problems), context,
                                  record.reason))
    if problems:
        raise CorpusError(problems)
    return overrides


@lru_cache(maxsize=4)
def _glossary_at(path: str, stamp: tuple) -> Glossary:
    return read_glossary(path)


@lru_cache(maxsize=4)
def _overrides_at(path: str, stamp: tuple) -> tuple[Override, ...]:
    return tuple(read_overrides(path))


def reload() -> None:
    """Forget the glossary and overrides read so far (they are keyed on each file's
    size and time, so an edited file is read again without this)."""
    _glossary_at.cache_clear()
    _overrides_at.cache_clear()
    _content_hash.cache_clear()


def _stamp(path) -> tuple:
    try:
        stat = path.stat()
    except OSError:
        return ()
    return (stat.st_size, stat.st_mtime_ns)


def glossary() -> Glossary:
    """The course glossary (corpus/glossary.yaml); empty when the file is absent."""
    path = paths.corpus_dir() / "glossary.yaml"
    if not path.exists():
        return Glossary((), ())
    return _glossary_at(str(path), _stamp(path))


def overrides() -> tuple[Override, ...]:
    """The reviewed pinyin overrides (corpus/pinyin-overrides.yaml); empty when absent."""
    path = paths.corpus_dir() / "pinyin-overrides.yaml"
    if not path.exists():
        return ()
    return _overrides_at(str(path), _stamp(path))


def problems() -> list[Problem]:
    """For ``dubao check``: both files read cleanly, every sentence a glossary
    entry cites exists, and every override is unique and its context is on a page
    of the corpus (an override whose context is nowhere never applies)."""
    from dubao import corpus

    folder = paths.corpus_dir()
    found: list[Problem] = []
    glossary_path, overrides_path = folder / "glossary.yaml", folder / "pinyin-overrides.yaml"
    data = {}
    for path, expect, reader in ((glossary_path, dict, _glossary_from), (overrides_path, list, _overrides_from)):
        if not path.exists():
            continue
        try:
            data[path] = yamlio.load(path, expect)
            reader(data[path])
        except CorpusError as error:
            found += error.problems
            data.pop(path, None)
    if glossary_path in data:
        known = {s.id for s in corpus.sentences()}
        for node in data[glossary_path]["entries"]:
            for sentence_id in node.get("sentences") or []:
                if sentence_id not in known:
                    found.append(node.problem(f"{node['word']}: cites sentence {sentence_id!r}, which does "
                                              "not exist", "sentences", "ids look like qingzhen.p7.s3"))
    if overrides_path in data:
        page_text = "\n".join(_corpus_texts(corpus))
        seen: dict = {}
        for node in data[overrides_path]:
            key = (node["word"], node.get("context") or "")
            if key in seen:
                found.append(node.problem(f"{node['word']}: a second override for the same word and context "
                                          f"(first at line {seen[key]})", "word", "keep one of them"))
            seen.setdefault(key, node.line)
            if key[1] and key[1] not in page_text:
                found.append(node.problem(f"{node['word']}: context {key[1]!r} is not in any text of the "
                                          "corpus, so this override never applies", "context",
                                          "copy the context from the cleaned edition"))
    return found


def _corpus_texts(corpus):
    """Every text the engine annotates: titles, headings, captions and sentences."""
    for article in corpus.articles():
        for part in ("title", "subtitle", "kicker", "column", "byline"):
            value = getattr(article, part, None)
            yield value if isinstance(value, str) else ""
        if article.caption is not None:
            yield article.caption.text or ""
        for section in article.sections:
            yield section.title or ""
            yield section.subtitle or ""
        yield from (s.text for s in article.sentences)


@lru_cache(maxsize=8)
def _content_hash(path: str, stamp: tuple) -> str:
    import hashlib

    return hashlib.sha256(Path(path).read_bytes()).hexdigest() if stamp else "absent"


def fingerprint() -> str:
    """What the glossary and the overrides say, as a hash: annotations remembered
    under another fingerprint are not used (dubao.language.remembered)."""
    parts = []
    for name in ("glossary.yaml", "pinyin-overrides.yaml"):
        path = paths.corpus_dir() / name
        parts.append(_content_hash(str(path), _stamp(path)))
    return "|".join(parts)
