"""Reading and grading typed pinyin: ``xin1 zhi4``, ``xīn zhì`` and
``ＸＩＮ１ＺＨＩ４`` are the same answer, a run such as ``xian`` is cut into the
syllables the question expects, and feedback names the syllable and the tone that
are wrong.

>>> compare_pinyin("xin1 zhi2", "xīn zhì").message
'xīn zhí: second syllable has tone 2, should be tone 4 (zhì).'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from dubao.language.han import MARK_OF_TONE, TONE_MARKS
from dubao.practice.answers.result import Result, empty, fold


# Tone marks as typed, after NFD: the kit's marks, and the breve (ŭ), a common
# typing slip for the caron (ǔ), which counts as tone 3.
_TONE_MARKS = {**TONE_MARKS, "\u0306": 3}
_UMLAUT = "\u0308"
_ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
             "ninth", "tenth"]
# Interjection-only readings (m, n, ng, hm, hng, ê) would let garbage split into
# "syllables"; learners never need them for this page.
_NOT_SYLLABLES = {"m", "n", "ng", "hm", "hng", "ê", "r"}
_MAX_SYLLABLE = 6  # zhuang, shuang, chuang


@cache
def syllables() -> frozenset[str]:
    """Every toneless pinyin syllable, with ü (lü, nüe), read from pypinyin's own
    dictionary so that the list is the one the engine uses for readings."""
    from pypinyin.contrib.tone_convert import to_normal
    from pypinyin.pinyin_dict import pinyin_dict

    found = set()
    for readings in pinyin_dict.values():
        for reading in readings.split(","):
            found.add(to_normal(reading, v_to_u=True))
    return frozenset(s for s in found if s and s.isalpha() and s not in _NOT_SYLLABLES)


@dataclass(frozen=True)
class Syllable:
    """One syllable of a pinyin answer: letters (with ü) and tone (1-4, 5 for a
    written neutral tone, None when no tone was written)."""

    letters: str
    tone: int | None

    def numbered(self) -> str:
        return self.letters + (str(self.tone) if self.tone else "")

    def marked(self) -> str:
        """With a tone mark, as printed: zhì, lǜ; neutral and missing tones unmarked."""
        from pypinyin.contrib.tone_convert import to_tone

        if self.tone in (1, 2, 3, 4) and self.letters in syllables():
            return to_tone(self.letters + str(self.tone))
        return self.letters


@dataclass(frozen=True)
class _Chunk:
    """A run of letters typed without a break, with tones found in it: a tone
    mark at a letter position, and a tone number typed after the run."""

    letters: str
    marks: tuple  # (position, tone) pairs
    number: int | None
    pinyin: bool  # False when it is not letters at all (kept as typed)


def _spell(letters: str) -> str:
    """Standard spelling of ü: v and u: are typing substitutes; after j, q, x and
    y it is written u (ju, xue); lue/nue are the common misspelling of lüe/nüe."""
    letters = letters.replace("u:", "ü").replace("v", "ü")
    letters = re.sub(r"(?<=[jqxy])ü", "u", letters)
    return re.sub(r"(?<![a-zü])([ln])ue", r"\1üe", letters)


def _chunks(text: str) -> list[_Chunk]:
    text = fold(str(text))
    decomposed = unicodedata.normalize("NFD", text.replace("u:", "ü"))
    chunks, letters, marks, i = [], "", [], 0

    def close(number=None):
        nonlocal letters, marks
        if letters:
            chunks.append(_Chunk(_spell(letters), tuple(marks), number, True))
        letters, marks = "", []

    while i < len(decomposed):
        ch = decomposed[i]
        if ch in _TONE_MARKS:
            if letters:
                marks.append((len(letters) - 1, _TONE_MARKS[ch]))
        elif ch == _UMLAUT:
            if letters.endswith("u"):
                letters = letters[:-1] + "ü"
        elif "a" <= ch <= "z":
            letters += ch
        elif ch in "012345":
            tone = int(ch) or 5
            if letters:
                close(tone)
            elif chunks and chunks[-1].pinyin and chunks[-1].number is None:
                last = chunks.pop()  # "xin 1": a tone number typed after a space
                chunks.append(_Chunk(last.letters, last.marks, tone, True))
            else:
                chunks.append(_Chunk(ch, (), None, False))
        elif ch.isspace() or ch in "'’‘`-_·.,，、;；/":
            close()
        else:  # anything else is kept as typed and never matches a syllable
            close()
            chunks.append(_Chunk(unicodedata.normalize("NFC", ch), (), None, False))
        i += 1
    close()
    return chunks


def _splits(letters: str, limit: int = 64) -> list[list[str]]:
    """Ways to cut a run of letters into pinyin syllables (xian: [xian], [xi, an]),
    fewest syllables first; [] when there is none."""
    known = syllables()

    @cache
    def from_(start: int) -> tuple:
        if start == len(letters):
            return ((),)
        found = []
        for end in range(min(len(letters), start + _MAX_SYLLABLE), start, -1):
            if letters[start:end] in known:
                for rest in from_(end):
                    found.append((letters[start:end],) + rest)
                    if len(found) >= limit:
                        return tuple(found)
        return tuple(found)

    if len(letters) > 60:  # no real answer is this long; avoid the search
        return []
    return sorted((list(s) for s in from_(0)), key=len)


def _syllables_of(chunk: _Chunk, parts: list[str]) -> list[Syllable]:
    result, start = [], 0
    for index, part in enumerate(parts):
        end = start + len(part)
        tones = [tone for position, tone in chunk.marks if start <= position < end]
        tone = tones[0] if tones else None
        if index == len(parts) - 1 and chunk.number is not None:
            tone = chunk.number if tone is None or tone == chunk.number else tone
        result.append(Syllable(part, tone))
        start = end
    return result


def _read(text: str, want: int | None = None) -> list[Syllable] | None:
    """The syllables of a pinyin text; with ``want``, a run like "xian" is cut to
    give that many syllables when it can be. None when a part is not pinyin."""
    options = []
    for chunk in _chunks(text):
        splits = _splits(chunk.letters) if chunk.pinyin else []
        if not splits:
            return None
        options.append(splits)
    if want is None:
        return [s for chunk, splits in zip(_chunks(text), options) for s in _syllables_of(chunk, splits[0])]
    # Choose, run by run, the cut that brings the total closest to ``want``.
    chosen = [splits[0] for splits in options]
    for i, splits in enumerate(options):
        others = sum(len(c) for j, c in enumerate(chosen) if j != i)
        chosen[i] = min(splits, key=lambda s: (abs(others + len(s) - want), len(s)))
    return [s for chunk, parts in zip(_chunks(text), chosen) for s in _syllables_of(chunk, parts)]


def normalize_pinyin(text) -> str:
    """Pinyin in one canonical form: lower case, ü, syllables separated by one
    space, tone numbers 1-4, 5 for a written neutral tone (0 and 5 both mean
    neutral) and no number where no tone was written. Apostrophes are dropped.
    Text that is not pinyin is kept, folded, so that nothing is lost.

    >>> normalize_pinyin("Xīn Zhì")
    'xin1 zhi4'
    >>> normalize_pinyin("LV4 se4"), normalize_pinyin("lu:4se4"), normalize_pinyin("lǜsè")
    ('lü4 se4', 'lü4 se4', 'lü4 se4')
    """
    if text is None:
        return ""
    pieces = []
    for chunk in _chunks(str(text)):
        splits = _splits(chunk.letters) if chunk.pinyin else []
        if splits:
            pieces.extend(s.numbered() for s in _syllables_of(chunk, splits[0]))
        else:
            pieces.append(_raw(chunk))
    return " ".join(p for p in pieces if p)


def _raw(chunk: _Chunk) -> str:
    """A chunk that is not pinyin, written back so that reading it again gives
    the same chunk (normalising twice changes nothing)."""
    if not chunk.pinyin:
        return chunk.letters
    # Put the tone marks back on their letters so nothing typed is lost.
    marks = {position: tone for position, tone in chunk.marks}
    letters = "".join(ch + MARK_OF_TONE.get(marks.get(i), "") for i, ch in enumerate(chunk.letters))
    return unicodedata.normalize("NFC", letters) + (str(chunk.number) if chunk.number else "")


def _ordinal(index: int) -> str:
    return _ORDINALS[index] if index < len(_ORDINALS) else f"{index + 1}th"


def _tone_name(tone: int | None) -> str:
    return "the neutral tone" if tone in (5, None) else f"tone {tone}"


def compare_pinyin(answer, expected) -> Result:
    """Grade a typed pinyin answer against the expected reading (tone marks or
    numbers, any spacing). Feedback names each syllable that is wrong, and says
    when only its tone is wrong or missing.

    A syllable typed without a tone counts as right only where the expected
    syllable is neutral; elsewhere it is "tone missing" (not a wrong syllable).

    >>> compare_pinyin("xin1zhi4 sheng1chan3li4", "xīn zhì shēng chǎn lì").status
    'correct'
    >>> compare_pinyin("xin zhi4", "xīn zhì").message
    'xin zhì: first syllable has no tone mark or number (tone missing), should be tone 1 (xīn).'
    """
    if answer is None or not str(answer).strip():
        return empty("Type the pinyin first, e.g. xin1 zhi4 or xīn zhì.")
    target = _read(str(expected))
    if not target:
        return Result("unreadable", f"This question has no pinyin to compare with ({expected!r}).")
    given = _read(str(answer), want=len(target))
    if given is None:
        return Result("unreadable",
                      f"I could not read “{str(answer).strip()}” as pinyin. Use letters with tone "
                      "marks (xīn) or tone numbers (xin1); v or u: for ü.")
    shown = " ".join(s.marked() for s in given)
    if len(given) != len(target):
        return Result("wrong", f"{shown}: you wrote {len(given)} syllable{'s' * (len(given) != 1)}, "
                               f"the answer has {len(target)}.",
                      {"given": [s.numbered() for s in given], "expected": [s.numbered() for s in target],
                       "syllables": []})
    problems, report = [], []
    for index, (g, e) in enumerate(zip(given, target)):
        if g.letters != e.letters:
            kind = "syllable"
            problems.append(f"{_ordinal(index)} syllable is {g.letters}, should be {e.marked()}")
        elif g.tone == e.tone or (e.tone == 5 and g.tone is None) or (e.tone is None and g.tone in (None, 5)):
            kind = "right"
        elif g.tone is None:
            kind = "tone missing"
            problems.append(f"{_ordinal(index)} syllable has no tone mark or number (tone missing), "
                            f"should be {_tone_name(e.tone)} ({e.marked()})")
        else:
            kind = "tone"
            problems.append(f"{_ordinal(index)} syllable has {_tone_name(g.tone)}, "
                            f"should be {_tone_name(e.tone)} ({e.marked()})")
        report.append({"given": g.numbered(), "expected": e.numbered(), "problem": kind})
    details = {"given": [s.numbered() for s in given], "expected": [s.numbered() for s in target],
               "syllables": report}
    if not problems:
        return Result("correct", f"Right! {' '.join(s.marked() for s in target)}", details)
    if all(r["problem"] in ("right", "tone missing") for r in report) and all(g.tone is None for g in given):
        return Result("wrong", f"{shown}: the syllables are right, but no tones are written. Add tone "
                               "marks (xīn) or numbers (xin1).", details)
    return Result("wrong", f"{shown}: {'; '.join(problems)}.", details)
