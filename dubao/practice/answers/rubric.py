"""Grading short free-text answers against a rubric of key points, each a list
of alternatives in Chinese or English, so that "acidic" finds "acid" and a
Chinese keyword is found as a plain substring."""

from __future__ import annotations

import re

from dubao.practice.answers.result import Result, empty, normalize_text


def _keyword_pattern(keyword: str) -> re.Pattern | None:
    keyword = normalize_text(keyword).replace("-", " ")
    if not keyword:
        return None
    if not keyword.isascii():  # Chinese: a plain substring
        return re.compile(re.escape(keyword))
    words = r"[\s-]+".join(re.escape(w) for w in keyword.split())
    if len(keyword) < 4:  # short words whole, with a plural or verb ending (road/roads)
        return re.compile(rf"(?<![a-z0-9]){words}(?:s|es|ed|d|ing)?(?![a-z0-9])")
    # longer ones as the start of a word, so acid finds acidic and clean cleaning
    return re.compile(rf"(?<![a-z0-9]){words}")


def match_rubric(answer, rubric, min_keywords: int | None = None) -> Result:
    """Grade a short answer against a rubric: a list of key points, each a list
    of alternatives (Chinese or English) any one of which counts. The answer is
    right when it covers at least ``min_keywords`` points (all when None).

    >>> match_rubric("The soil was ACIDIC; 有机质 was low", [["acid", "酸性"], ["organic", "有机"]]).status
    'correct'
    """
    if answer is None or not str(answer).strip():
        return empty()
    text = normalize_text(answer)
    points = [[k for k in point if isinstance(k, str)] for point in (rubric or [])]
    needed = len(points) if min_keywords is None else min(int(min_keywords), len(points))
    covered = []
    for point in points:
        hits = [k for k in point if (p := _keyword_pattern(k)) and p.search(text)]
        covered.append(hits[0] if hits else None)
    found = sum(1 for hit in covered if hit)
    details = {"matched": [hit for hit in covered if hit], "points": len(points), "needed": needed}
    if found >= needed and points:
        return Result("correct", f"Good: your answer covers {found} of the {len(points)} key points.", details)
    return Result("wrong", f"Your answer covers {found} of the key points; {needed} are needed. "
                           "Look at the evidence sentences again.", details)
