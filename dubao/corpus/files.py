"""The article and translation files of the corpus, read strictly: the schema
of ``corpus/articles/*.yaml`` (the cleaned edition written by ``python -m dubao
build``, or an instructor's article written by ``new-article``) and of
``corpus/translations/*.yaml`` (hand-written English, one entry per id), and
the reading of both into the dataclasses of ``dubao.corpus.model``. Any key
the schema does not know, a missing key or a value of another type is a
``Problem`` with the file and line (``dubao.schema``).
"""

import datetime
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field

from dubao import yamlio
from dubao.corpus.model import (ID_PATTERN, STATUSES, Article, Caption, Correction, Paragraph, Section,
                                Sentence)
from dubao.errors import CorpusError, Problem
from dubao.schema import Model, Text, validate

__all__ = ["ArticleFile", "TranslationFile", "read_article", "read_translations"]

Status = Literal[STATUSES]


class CorrectionRecord(Model):
    start: int
    end: int
    printed: str
    corrected: str
    erratum: Text


class SentenceRecord(Model):
    id: Text
    text: Annotated[str, Field(min_length=1)]
    corrections: list[CorrectionRecord] = []


class ParagraphRecord(Model):
    id: Text
    source_lines: list[int] = []
    sentences: list[SentenceRecord]


class SectionRecord(Model):
    id: Text
    title: str | None = None
    subtitle: str | None = None
    paragraphs: list[ParagraphRecord]


class CaptionRecord(Model):
    text: Text
    credit: str | None = None


class ArticleFile(Model):
    """One article file. Shown as text: a number or a list in a text field is a slip."""

    id: Text
    title: Text
    title_editorial: bool = False
    title_reason: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    column: str | None = None
    source: str | None = None      # who wrote it: 贵阳日报, 新华社 … (a chart of its figures cites it)
    byline: str | None = None
    dateline: str | None = None
    date: str | datetime.date | None = None
    status: Annotated[list[Status], Field(min_length=1)]
    continuation: str | None = None
    caption: CaptionRecord | None = None
    related: list[Text] = []
    source_file: str | None = None  # an instructor's article: its text file in corpus/source/
    source_lines: list[int] = []
    sections: list[SectionRecord]


class TranslationFile(Model):
    """The English of one article: its headings, and each sentence by id."""

    article: Text
    title: str | None = None
    subtitle: str | None = None
    kicker: str | None = None
    column: str | None = None
    caption: str | None = None
    sections: dict[str, str] = {}
    sentences: dict[str, str] = {}


def read_article(path: Path, translation: TranslationFile | None) -> Article:
    """An Article from its file, with the English of ``translation``; CorpusError
    lists every problem of the file."""
    data = yamlio.load(path, dict)
    record, problems = validate(ArticleFile, data)
    if record is None:
        raise CorpusError(problems)
    if record.id != path.stem or not ID_PATTERN.match(record.id):
        problems.append(record.problem(f"article id {record.id!r} must match the file name {path.stem!r} "
                                       "and use lower-case letters, digits and '-'", "id"))
    english = translation.sentences if translation else {}
    titles = translation.sections if translation else {}
    sections = []
    for section in record.sections:
        paragraphs = []
        for paragraph in section.paragraphs:
            sentences = [_sentence(s, record.id, paragraph.id, section.id, english, problems)
                         for s in paragraph.sentences]
            paragraphs.append(Paragraph(paragraph.id, tuple(sentences)))
        sections.append(Section(section.id, section.title, section.subtitle, tuple(paragraphs),
                                titles.get(section.id)))
    if problems:
        raise CorpusError(problems)
    caption = record.caption
    en = translation or TranslationFile(article=record.id)
    return Article(
        id=record.id, title=record.title, title_editorial=record.title_editorial, source=record.source,
        date=str(record.date) if record.date else None, status=tuple(record.status),
        sections=tuple(sections), subtitle=record.subtitle, kicker=record.kicker, column=record.column,
        byline=record.byline, dateline=record.dateline, continuation=record.continuation,
        caption=Caption(caption.text, caption.credit, en.caption) if caption else None,
        related=tuple(record.related), title_reason=record.title_reason, title_en=en.title,
        subtitle_en=en.subtitle, kicker_en=en.kicker, column_en=en.column, file=yamlio.label(path))


def _sentence(record: SentenceRecord, article_id, paragraph_id, section_id, english, problems) -> Sentence:
    if not record.id.startswith(f"{paragraph_id}.s") or not record.id.startswith(f"{article_id}."):
        problems.append(record.problem(f"sentence id {record.id!r} does not belong to paragraph "
                                       f"{paragraph_id!r}", "id", f"use {paragraph_id}.s<N>"))
    corrections = []
    for fix in record.corrections:
        if record.text[fix.start:fix.end] != fix.corrected:
            problems.append(fix.problem(f"{record.id}: correction {fix.erratum!r} does not match the text "
                                        f"at {fix.start}-{fix.end}"))
        corrections.append(Correction(fix.start, fix.end, fix.printed, fix.corrected, fix.erratum))
    return Sentence(record.id, record.text, article_id, paragraph_id, section_id, tuple(corrections),
                    english.get(record.id))


def read_translations(folder: Path) -> dict[str, TranslationFile]:
    """article id -> its translation file, from ``folder/translations``."""
    out, problems = {}, []
    for path in sorted((folder / "translations").glob("*.yaml")):
        record, found = validate(TranslationFile, yamlio.load(path, dict))
        problems += found
        if record is not None:
            out[record.article] = record
    if problems:
        raise CorpusError(problems)
    return out


def translation_problems(translations: dict[str, TranslationFile], articles: dict, sentences: dict,
                         page: list[str]) -> list[Problem]:
    """Translations of things that do not exist, and page pieces left without English."""
    found = []
    for article_id, record in translations.items():
        if article_id not in articles:
            found.append(record.problem(f"translations for unknown article {article_id!r}", "article"))
            continue
        where = record._node.get("sentences") if record._node is not None else None
        for sentence_id in record.sentences:
            if sentence_id not in sentences or sentences[sentence_id].article != article_id:
                file, line = where.where(sentence_id) if hasattr(where, "where") else record.where("sentences")
                found.append(Problem(file, line, f"translation of unknown sentence {sentence_id!r}",
                                     "the id must be a sentence of this article"))
    for item in articles.values():
        missing = [s.id for s in item.sentences if not (s.en or "").strip()]
        if missing and item.id in page:
            record = translations.get(item.id)
            where = record.yaml_file if record is not None else f"corpus/translations/{item.id}.yaml"
            found.append(Problem(where, None, f"{len(missing)} sentence(s) of {item.id} have no "
                                              f"translation, first {missing[0]}",
                                 "add an English translation for each sentence id"))
    return found
