"""The schemas of the two hand-written files that map the printed page to the
cleaned edition: ``corpus/page.yaml`` (the pieces of the page, their source
lines, metadata lines and paragraph joins) and ``corpus/errata.yaml`` (the
misprinted characters and their corrections). ``dubao.corpus.edition`` reads
them through ``read_page`` and ``read_errata``; a key the schema does not know,
a missing key or a value of another type is a ``Problem`` with the file and line.
"""

import datetime
from typing import Annotated, Literal

from pydantic import Field

from dubao.corpus.model import STATUSES
from dubao.errors import CorpusError
from dubao.schema import Model, Text, validate

__all__ = ["METADATA_ROLES", "PageFile", "ErrataFile", "read_page", "read_errata"]

METADATA_ROLES = ("title", "subtitle", "kicker", "column", "byline", "dateline",
                  "caption", "caption_credit", "continuation")
LineNumber = Annotated[int, Field(ge=1)]


class JoinRecord(Model):
    after: LineNumber      # the source line whose paragraph runs on into the next text line
    reason: Text


class PieceRecord(Model):
    id: Text
    lines: Annotated[list[LineNumber], Field(min_length=2, max_length=2)]   # [first, last]
    source: Text                      # who wrote the piece: 贵阳日报, 新华社 …
    date: str | datetime.date | None = None
    status: Annotated[list[Literal[STATUSES]], Field(min_length=1)]
    related: list[Text] = []
    title: str | None = None          # an editorial title, for a piece whose headline is not on the page
    title_reason: str | None = None
    metadata: dict[int, Literal[METADATA_ROLES]] = {}
    joins: list[JoinRecord] = []


class PageFile(Model):
    source: Text                      # the page as printed, a file in corpus/
    newspaper: str | None = None
    newspaper_en: str | None = None
    date: str | datetime.date | None = None
    pieces: Annotated[list[PieceRecord], Field(min_length=1)]


class FixRecord(Model):
    line: LineNumber
    printed: Text
    corrected: str                    # may be empty: a doubled character removed


class ErratumRecord(Model):
    id: Text
    reason: Text
    confidence: Literal["high", "medium", "low"]
    fixes: Annotated[list[FixRecord], Field(min_length=1)]


class QueryRecord(Model):
    """A reading that looks doubtful but is not corrected (the page and public
    sources do not settle it), listed so that a teacher can tell learners."""

    line: LineNumber
    text: Text
    note: Text


class ErrataFile(Model):
    errata: list[ErratumRecord] = []
    queries: list[QueryRecord] = []


def read_page(data) -> PageFile:
    record, problems = validate(PageFile, data)
    if record is None:
        raise CorpusError(problems)
    return record


def read_errata(data) -> ErrataFile:
    record, problems = validate(ErrataFile, data)
    if record is None:
        raise CorpusError(problems)
    return record
