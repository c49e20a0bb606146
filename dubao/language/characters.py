"""Characters: how each character of the page is written (its strokes in order,
their medians, its stroke count and radical), its own readings, the words of the
page that use it, and which characters a piece brings that a learner meets for
the first time.

The strokes come from hanzi-writer-data and the radicals from Unicode's Unihan
database, both shipped in ``dubao/language/strokes/`` (made by
``tools/fetch_hanzi_writer.py``, never fetched while a lesson runs).

    >>> data = strokes("鸡")
    >>> data.stroke_count, data.radical, len(data.medians[0]) > 1
    (7, '鸟', True)
    >>> lookup("A") is None
    True
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from dubao.language import hsk
from dubao.language.han import is_han
from dubao.errors import DubaoError
from dubao.paths import corpus_dir

DATA_DIR = Path(__file__).resolve().parent / "strokes"
STROKES_FILE = "characters.json"
RADICALS_FILE = "radicals.json"
REBUILD = "python tools/fetch_hanzi_writer.py"

__all__ = ["StrokeData", "NoStrokeData", "strokes", "lookup", "writable", "reload", "corpus_characters", "readings",
           "CharacterStudy", "first_met", "shipped_characters", "package_characters"]


class NoStrokeData(DubaoError):
    """A character dubao cannot show the strokes of (a letter, an emoji, a rare
    or traditional character); the message says which and why, in one line."""


@dataclass(frozen=True)
class StrokeData:
    """One character as hanzi-writer draws it: SVG paths of its strokes in writing
    order (in a 1024-unit box, y upwards), each stroke's median (the line a pen
    follows, as [x, y] points), the strokes of its radical, and from Unihan the
    radical and the dictionary's stroke count."""

    character: str
    strokes: tuple[str, ...]
    medians: tuple[tuple[tuple[int, int], ...], ...]
    radical_strokes: tuple[int, ...] = ()
    radical: str | None = None
    dictionary_strokes: int | None = None   # Unihan kTotalStrokes (the mainland count)

    @property
    def stroke_count(self) -> int:
        return len(self.strokes)

    def to_hanzi_writer(self) -> dict:
        """The JSON hanzi-writer's charDataLoader hands back."""
        data = {"strokes": list(self.strokes), "medians": [[list(p) for p in m] for m in self.medians]}
        if self.radical_strokes:
            data["radStrokes"] = list(self.radical_strokes)
        return data


# ------------------------------------------------------------------ the shipped data

def _read(name: str) -> dict:
    path = DATA_DIR / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DubaoError(f"{path} is missing: rebuild the stroke data with {REBUILD}") from None
    try:
        data = json.loads(text)
    except ValueError as error:
        raise DubaoError(f"{path}:{error.lineno}: not valid JSON ({error.msg}); rebuild it with {REBUILD}") from None
    if not isinstance(data.get("characters"), dict):
        raise DubaoError(f"{path}: has no 'characters' table; rebuild it with {REBUILD}")
    return data


def reload() -> None:
    """Read the stroke and radical data again on next use (after DATA_DIR changed)."""
    _strokes_file.cache_clear()
    _radicals.cache_clear()
    _strokes.cache_clear()


@lru_cache(maxsize=1)
def _strokes_file() -> dict:
    return _read(STROKES_FILE)


@lru_cache(maxsize=1)
def _radicals() -> dict:
    return _read(RADICALS_FILE)["characters"]


def shipped_characters() -> set[str]:
    """The characters whose strokes dubao ships."""
    return set(_strokes_file()["characters"])


def package_characters() -> set[str]:
    """Every character hanzi-writer-data has (recorded when the data was built)."""
    return set(_strokes_file()["package_characters"])


def writable(word: str) -> bool:
    """Whether every character of a word has strokes to write (a writing quiz or card can ask for it)."""
    return bool(word) and all(lookup(ch) is not None for ch in word)


def lookup(character: str) -> StrokeData | None:
    """The character's strokes, or None when there are none to show."""
    try:
        return strokes(character)
    except NoStrokeData:
        return None


def strokes(character: str) -> StrokeData:
    """The strokes of one character; NoStrokeData (a plain one-line reason) when
    there are none, DubaoError when the data file itself is missing."""
    return _strokes(character)


@lru_cache(maxsize=4096)
def _strokes(character: str) -> StrokeData:
    if not isinstance(character, str) or len(character) != 1:
        raise NoStrokeData(f"{character!r} is not one character")
    entry = _strokes_file()["characters"].get(character)
    if entry is None:
        if not is_han(character):
            raise NoStrokeData(f"“{character}” is not a Chinese character, so it has no strokes to show")
        if character in package_characters():
            raise NoStrokeData(f"the strokes of {character} are not in dubao's data, which holds the characters of "
                               f"the corpus (an instructor adds more with {REBUILD})")
        raise NoStrokeData(f"hanzi-writer-data has no strokes for {character} "
                           "(it covers about 9,500 common simplified characters; this one is rare or traditional)")
    radical = _radicals().get(character) or {}
    return StrokeData(character, tuple(entry["strokes"]),
                      tuple(tuple(tuple(point) for point in median) for median in entry["medians"]),
                      tuple(entry.get("radStrokes") or ()), radical.get("radical"), radical.get("total_strokes"))


# ------------------------------------------------------------------ what the corpus needs

def corpus_characters(corpus: Path | None = None) -> set[str]:
    """Every Han character of the articles (corpus/articles/*.yaml), titles,
    captions and bylines included: the characters whose strokes are shipped."""
    folder = Path(corpus or corpus_dir()) / "articles"
    found = set()
    for path in sorted(folder.glob("*.yaml")):
        found |= {ch for ch in path.read_text(encoding="utf-8") if is_han(ch)}
    return found


# ------------------------------------------------------------------ readings and words

def readings(character: str) -> list[tuple[str, str]]:
    """The character's own readings in CC-CEDICT: (pinyin, first senses), one per
    reading, names left out: 行 -> [('háng', 'row; ...'), ('xíng', 'to walk; ...')]."""
    from dubao.language import cedict

    found: dict[str, list[str]] = {}
    for entry in cedict.lookup(character):
        if entry.is_proper_noun:
            continue
        senses = found.setdefault(entry.pinyin, [])
        senses += [s for s in entry.senses if s not in senses]
    return [(pinyin, "; ".join(senses[:4])) for pinyin, senses in found.items()]


def words_using(character: str, words, leave_out: str = "") -> list[tuple[str, int]]:
    """(word, times) for the words in ``words`` (the page's word tokens) that
    contain ``character``, most frequent first, ``leave_out`` left out."""
    counts = Counter(w for w in words if character in w and w != leave_out)
    return sorted(counts.items(), key=lambda pair: (-pair[1], pair[0]))


# ------------------------------------------------------------------ character study

@dataclass(frozen=True)
class CharacterStudy:
    """A character a piece brings: how often the piece uses it, its HSK 3.0
    character level (7 for 7–9, None when not listed) and its stroke count."""

    character: str
    frequency: int
    level: int | None
    stroke_count: int | None
    radical: str | None

    @property
    def level_label(self) -> str:
        return hsk.label(self.level)


def first_met(text: str, known_words=()) -> list[CharacterStudy]:
    """The characters of ``text`` that are in none of ``known_words`` (the key
    words of earlier lessons), the most frequent first, then by HSK level."""
    known = {ch for word in known_words for ch in word}
    counts = Counter(ch for ch in text if is_han(ch) and ch not in known)
    found = []
    for ch, times in counts.items():
        data = lookup(ch)
        found.append(CharacterStudy(ch, times, hsk.char_level(ch), data.stroke_count if data else None,
                                    data.radical if data else None))
    found.sort(key=lambda c: (-c.frequency, c.level or 99, c.character))
    return found
