"""The context notes of ``corpus/context-notes.yaml``: background a foreign
learner needs to follow the page (新质生产力, 人大代表 …), each citing the page
sentences where its term appears and naming a public source for every fact the
page does not give. Read through the ``ContextNotesFile`` schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from pydantic import Field
from typing import Annotated

from dubao.errors import Problem
from dubao.schema import Model, Text, read_optional

__all__ = ["ContextNote", "ContextNotesFile", "read_notes"]

NOTE_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True, eq=False)
class ContextNote:
    """Background a foreign learner needs to follow the page (新质生产力, 人大代表 …)."""

    id: str
    term: str
    pinyin: str
    title: str
    note: str
    sentences: tuple[str, ...]
    sources: tuple[str, ...]


class NoteRecord(Model):
    id: Annotated[str, Field(pattern=NOTE_ID.pattern)]
    term: Text
    pinyin: Text
    title: Text
    note: Text
    sentences: list[Text] = []
    sources: list[Text] = []


class ContextNotesFile(Model):
    notes: list[NoteRecord]


def read_notes(path: Path, sentences: dict[str, str], problems: list[Problem]) -> dict[str, ContextNote]:
    """The notes of ``path`` (none when it is absent); problems go to ``problems``."""
    _data, record = read_optional(path, ContextNotesFile, problems)
    out: dict[str, ContextNote] = {}
    for note in record.notes if record else []:
        if note.id in out:
            problems.append(note.problem(f"duplicate context note id {note.id!r}", "id"))
            continue
        for sentence_id in note.sentences:
            if sentence_id not in sentences:
                problems.append(note.problem(f"{note.id}: cites sentence {sentence_id!r}, which does not exist",
                                             "sentences"))
        out[note.id] = ContextNote(note.id, note.term, note.pinyin, note.title, note.note,
                                   tuple(note.sentences), tuple(note.sources))
    return out
