"""The instructor's text file for ``new-article``, read and checked before anything
is drafted, and the drafted files written so that nothing is ever half-written.

Checked, each with a one-line message that says what and where: a file that is
not UTF-8 (named when it looks like GB18030, Big5 or UTF-16), an empty text, a
text in traditional characters (the kit's dictionary levels and readings are
for simplified Chinese), one paragraph so long that it is surely a whole text
on one line, and a "sentence" so long that the text has no sentence-ending
punctuation. A byte-order mark and Windows or old Mac line ends are accepted
and read as plain line ends (the source file is still kept byte for byte).
"""

from __future__ import annotations

import os
from pathlib import Path

from dubao.errors import DubaoError
from dubao.language.han import HAN, count_han

MAX_PARAGRAPH = 3000     # characters in one line of the file (a news paragraph is rarely 500)
MAX_SENTENCE = 400       # characters without 。！？; (the page's longest sentence has 229)
TRADITIONAL_SHARE = 0.1  # of the Han characters: more than this many traditional-only ones


def read_source(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text (line ends made \\n); a clear DubaoError when it cannot be used."""
    if not path.is_file():
        raise DubaoError(f"{path}: no such file")
    data = path.read_bytes()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DubaoError(f"{path}: the file is UTF-16 (it starts with a UTF-16 byte-order mark); save it as UTF-8")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise DubaoError(f"{path}:{line}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start})"
                         f"{_guess(data)}; save the file as UTF-8") from None
    if not text.strip():
        raise DubaoError(f"{path}: the text is empty")
    return data, text.replace("\r\n", "\n").replace("\r", "\n")


def _guess(data: bytes) -> str:
    """', it may be GB18030 (GBK) or Big5' when those read the bytes as Chinese text
    (which of the two cannot be told reliably: GB18030 reads almost any bytes)."""
    for name in ("gb18030", "big5"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if count_han(text) >= max(2, len(text) // 4):
            return ", it may be GB18030 (GBK) or Big5"
    return ""


def check_text(path: Path, text: str) -> None:
    """Refuse a text the drafts would be wrong for, naming the line."""
    from dubao.corpus.splitting import split_sentences

    for number, line in enumerate(text.split("\n"), start=1):
        line = line.strip()
        if len(line) > MAX_PARAGRAPH:
            raise DubaoError(f"{path}:{number}: one paragraph of {len(line)} characters (more than "
                             f"{MAX_PARAGRAPH}); put each paragraph of the text on a line of its own")
        for sentence in split_sentences(line) if line else []:
            if len(sentence) > MAX_SENTENCE:
                raise DubaoError(f"{path}:{number}: {len(sentence)} characters without 。！？ (“{sentence[:12]}…”); "
                                 "the text needs its sentence-ending punctuation")
    traditional = traditional_characters(text)
    han = count_han(text)
    if han and len(traditional) / han > TRADITIONAL_SHARE:
        shown = "".join(dict.fromkeys(traditional))[:6]
        raise DubaoError(f"{path}: the text is in traditional characters ({shown} …); convert it to "
                         "simplified characters first: the kit's dictionary, HSK levels and readings are "
                         "for simplified Chinese")


def traditional_characters(text: str) -> list[str]:
    """The characters of ``text`` that CC-CEDICT knows only as traditional forms (國, 學, 經)."""
    from dubao.language import cedict

    out = []
    for ch in HAN.findall(text):
        entries = cedict.lookup(ch)
        if entries and all(e.simplified != ch for e in entries):
            out.append(ch)
    return out


def write_all(files: dict[Path, str | bytes]) -> list[Path]:
    """Write every file, or none: all are first written beside their target
    under a temporary name, then moved into place; if anything fails before the
    moves, the temporary files are removed and the old files are untouched."""
    staged: list[tuple[Path, Path]] = []
    try:
        for path, content in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}.new")
            if isinstance(content, bytes):
                temporary.write_bytes(content)
            else:
                temporary.write_text(content, encoding="utf-8")
            staged.append((temporary, path))
    except OSError as error:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise DubaoError(f"cannot write {error.filename}: {error.strerror}; nothing was written") from None
    for temporary, path in staged:  # renames on one file system: they do not fail half-way through a file
        os.replace(temporary, path)
    return [path for _, path in staged]
