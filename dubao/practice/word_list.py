"""Reading a list of words the learner already knows: a plain list (one word a
line) or a flashcard export from Anki or Pleco (tab-separated, the word in the
first column; Pleco writes ``经济[經濟]``). Whatever the file holds, the answer is
a count of what was taken and what was not, and why, never a traceback.

- Encodings: UTF-8 (with or without a byte-order mark), UTF-16 (with a BOM, or
  without one when every other byte is zero) and GB18030 (which includes GBK and
  GB2312), tried in that order.
- Blank lines and Anki's header lines (``#separator:tab``) are skipped; HTML tags
  that Anki keeps in a field (``<b>经济</b>``) are taken off.
- A word is taken when CC-CEDICT, the HSK 3.0 list or the page's glossary has it.
  A traditional form is turned into its simplified one through CC-CEDICT's own
  pairs (經濟 → 经济), which convert whole words, so no second conversion table is
  needed. Pinyin alone (``jīngjì``) cannot say which characters are meant, so it is
  not taken, and neither is anything no dictionary knows.

    >>> read_word_list("hsk1-4.txt").words[:3]                # doctest: +SKIP
    ['爱', '八', '爸爸']
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from dubao.errors import DubaoError
from dubao.language.han import count_han

_TAG = re.compile(r"<[^>]*>")
_PLECO_TRADITIONAL = re.compile(r"^([^\[\]]+)\[[^\[\]]*\]$")
MAX_BYTES = 50_000_000  # a word list is far smaller; a larger file is the wrong file


@dataclass
class WordList:
    """What a word list gave: the words taken (simplified, in file order, once
    each), and every line that was not taken with the reason."""

    path: str
    encoding: str
    lines: int = 0
    words: list = field(default_factory=list)
    converted: list = field(default_factory=list)      # (line, traditional, simplified)
    repeated: int = 0
    blank: int = 0
    headers: int = 0
    no_characters: list = field(default_factory=list)  # (line, text): pinyin, English, numbers
    unknown: list = field(default_factory=list)        # (line, text): in no dictionary


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, a description of the encoding); DubaoError when no encoding fits."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "UTF-8 with a byte-order mark"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "UTF-16 with a byte-order mark"
    if len(data) >= 4 and data.count(0) * 3 >= len(data):  # UTF-16 without a BOM: half the bytes are 0
        order = "utf-16-le" if data[1] == 0 else "utf-16-be"
        return data.decode(order, errors="replace"), order.upper()
    for encoding, label in (("utf-8", "UTF-8"), ("gb18030", "GB18030")):
        try:
            return data.decode(encoding), label
        except UnicodeDecodeError:
            continue
    raise DubaoError(f"{name}: not text in UTF-8, UTF-16 or GB18030; save the list as UTF-8 "
                     "(one word a line, or tab-separated with the word first)")


def first_field(line: str) -> str:
    """The word of a line: the first tab-separated column, without HTML tags,
    quotes, Pleco's [traditional] and anything after a space."""
    text = _TAG.sub("", line.split("\t", 1)[0]).strip().strip('"').strip()
    pleco = _PLECO_TRADITIONAL.match(text)
    if pleco:
        text = pleco.group(1).strip()
    return text.split()[0] if text.split() else ""


def read_word_list(path, in_dictionary=None, to_simplified=None) -> WordList:
    """Read a word list file; see the module docstring. ``in_dictionary`` and
    ``to_simplified`` (word -> bool, word -> simplified or None) default to
    CC-CEDICT, the HSK list and the glossary."""
    path = Path(path)
    if not path.is_file():
        raise DubaoError(f"{path}: no such file (give a word list: one word a line, or an Anki or Pleco export)")
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise DubaoError(f"{path}: {size:,} bytes is not a word list (a list of 10,000 words is about 100 kB)")
        data = path.read_bytes()
    except OSError as error:
        raise DubaoError(f"{path}: cannot be read ({error.strerror or error})") from None
    text, encoding = decode(data, str(path))
    in_dictionary = in_dictionary or is_dictionary_word
    to_simplified = to_simplified or simplified_of
    result, taken = WordList(str(path), encoding), set()
    for number, line in enumerate(text.splitlines(), 1):
        result.lines += 1
        if not line.strip():
            result.blank += 1
            continue
        if line.lstrip().startswith("#"):
            result.headers += 1
            continue
        word = first_field(line.lstrip("\ufeff"))
        if not count_han(word):
            result.no_characters.append((number, line.strip()[:40]))
            continue
        written = word
        if not in_dictionary(word):
            word = to_simplified(word)
            if word is None:
                result.unknown.append((number, written[:40]))
                continue
        if word in taken:
            result.repeated += 1
            continue
        if word != written:
            result.converted.append((number, written, word))
        taken.add(word)
        result.words.append(word)
    return result


def is_dictionary_word(word: str) -> bool:
    """A simplified word of CC-CEDICT, the HSK 3.0 list or the page's glossary."""
    from dubao.language import cedict, glossary, hsk

    if hsk.word_level(word) is not None or glossary.glossary().get(word):
        return True
    return any(entry.simplified == word for entry in cedict.lookup(word))


def simplified_of(word: str) -> str | None:
    """The simplified form of a traditional word, from CC-CEDICT's pairs, or None."""
    from dubao.language import cedict

    for entry in cedict.lookup(word):
        if entry.traditional == word and entry.simplified != word:
            return entry.simplified
    return None


def report(result: WordList, new: int, already: int, saving: bool = True, warning: str | None = None,
           examples: int = 5) -> list[str]:
    """The lines ``python -m dubao known import`` prints."""
    def some(items):
        shown = ", ".join(f"line {n}: {t}" for n, t in items[:examples])
        return shown + (f", … ({len(items) - examples} more)" if len(items) > examples else "")

    lines = [f"{result.path}: read as {result.encoding}, {result.lines} lines",
             f"taken: {len(result.words)} words: {new} newly marked known, {already} already known"]
    if result.converted:
        pairs = ", ".join(f"{t}→{s}" for _, t, s in result.converted[:examples])
        lines.append(f"  of them {len(result.converted)} written in traditional characters, taken as simplified "
                     f"({pairs}{', …' if len(result.converted) > examples else ''})")
    skipped = len(result.unknown) + len(result.no_characters) + result.repeated + result.blank + result.headers
    lines.append(f"not taken: {skipped} lines")
    if result.unknown:
        lines.append(f"  {len(result.unknown)} not words of any dictionary (CC-CEDICT, HSK 3.0, the page's "
                     f"glossary): {some(result.unknown)}")
    if result.no_characters:
        lines.append(f"  {len(result.no_characters)} without Chinese characters (pinyin alone cannot say "
                     f"which word is meant): {some(result.no_characters)}")
    for count, what in ((result.repeated, "repeats of a word taken above"), (result.blank, "blank"),
                        (result.headers, "header lines (#...)")):
        if count:
            lines.append(f"  {count} {what}")
    if not saving:
        lines.append(f"warning: NOT saved: {warning or 'progress cannot be written here'}")
    return lines
