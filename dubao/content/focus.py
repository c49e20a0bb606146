"""The language-focus items of ``corpus/language-focus.yaml``: for each article,
three to six sentence patterns, set phrases or metaphors of the page, each with
its example (a sentence id and the exact span of the cleaned sentence) and a
short exercise. Read through the ``LanguageFocusFile`` schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dubao.content.question_records import Exercise, Question, to_question
from dubao.errors import Problem
from dubao.schema import Model, Text, read_optional

__all__ = ["FOCUS_PER_ARTICLE", "LanguageFocus", "LanguageFocusFile", "read_focus"]

FOCUS_ID = re.compile(r"^(?P<article>[a-z0-9][a-z0-9-]*)\.lf[1-9][0-9]*$")
FOCUS_PER_ARTICLE = (3, 6)


@dataclass(frozen=True, eq=False)
class LanguageFocus:
    """A sentence pattern or expression of one article, its example on the page
    and a short exercise."""

    id: str
    article: str
    pattern: str
    meaning: str
    explanation: str
    sentence: str
    example: str
    exercise: Question | None


class Example(Model):
    sentence: Text
    text: Text


class FocusRecord(Model):
    id: Text
    pattern: Text
    meaning: Text
    explanation: Text
    example: Example
    exercise: Exercise


class LanguageFocusFile(Model):
    articles: dict[str, list[FocusRecord]]


def read_focus(path: Path, sentences: dict[str, str], articles: set[str],
               problems: list[Problem]) -> dict[str, list[LanguageFocus]]:
    """article id -> its items (none when the file is absent); problems go to ``problems``."""
    data, record = read_optional(path, LanguageFocusFile, problems)
    if record is None:
        return {}
    by_article = data.get("articles")
    seen: set[str] = set()
    out: dict[str, list[LanguageFocus]] = {}
    low, high = FOCUS_PER_ARTICLE
    for article, items in record.articles.items():
        if article not in articles:
            problems.append(Problem(*by_article.where(article), f"language focus for unknown article {article!r}"))
            continue
        written = by_article.get(article)
        if not low <= len(written if isinstance(written, list) else []) <= high:
            problems.append(Problem(*by_article.where(article),
                                    f"{article} has {len(written or [])} language-focus items; {low}–{high} expected"))
        for item in items:
            focus = _read_item(item, article, sentences, seen, problems)
            if focus is not None:
                out.setdefault(article, []).append(focus)
    return out


def _read_item(item: FocusRecord, article, sentences, seen, problems) -> LanguageFocus | None:
    match = FOCUS_ID.match(item.id)
    if not match or match["article"] != article:
        problems.append(item.problem(f"language-focus id {item.id!r} must look like {article}.lf<N>", "id"))
        return None
    if item.id in seen:
        problems.append(item.problem(f"duplicate language-focus id {item.id!r}", "id"))
        return None
    seen.add(item.id)
    example = item.example
    if example.sentence not in sentences:
        problems.append(item.problem(f"{item.id}: example sentence {example.sentence!r} does not exist", "example"))
    elif example.text not in sentences[example.sentence]:
        problems.append(item.problem(f"{item.id}: example text {example.text!r} is not in sentence "
                                     f"{example.sentence}", "example",
                                     "copy the span exactly from the cleaned sentence"))
    question = to_question(item.exercise, article, item.id, sentences, problems)
    return LanguageFocus(item.id, article, item.pattern, item.meaning, item.explanation, example.sentence,
                         example.text, question)
