"""The accounting of the cleaned edition: ``account()`` diffs the source page
against the committed cleaned articles on its own and reports every change that no
ledger entry explains, so that a character dropped or altered by hand, or by a bug
in the builder, fails the tests and ``dubao check``."""

import bisect
import difflib

from dubao.corpus.cleaning import clean_line


def account(edition, articles: list[dict]) -> list[str]:
    """Diff the source of an ``edition.Edition`` against the given cleaned articles;
    return every change that the ledger does not explain (empty when every
    character is accounted for)."""
    by_id = {a["id"]: a for a in articles}
    unexplained = []
    for spec in edition.page["pieces"]:
        article = by_id.get(spec["id"])
        if article is None:
            unexplained.append(f"{spec['id']}: piece missing from the cleaned edition")
            continue
        unexplained += _account_piece(spec, article, edition)
    return unexplained


def _account_piece(spec, article, edition) -> list[str]:
    first, last = spec["lines"]
    metadata = {int(k): v for k, v in (spec.get("metadata") or {}).items()}
    ledger = {}
    for change in edition.changes:
        ledger.setdefault(change.line, []).append(change)
    # Running text: every non-blank line that is not metadata or a heading, with
    # blank lines (layout) normalised to one paragraph break.
    body, positions = [], []
    heading_lines = []
    for line_no in range(first, last + 1):
        raw = edition.lines[line_no - 1]
        if not raw.strip():
            continue
        if line_no in metadata:
            heading_lines.append((line_no, metadata[line_no]))
            continue
        if raw.startswith("## ") or (raw.startswith("**") and raw.endswith("**")):
            heading_lines.append((line_no, "heading"))
            continue
        positions.append((sum(len(b) + 2 for b in body), line_no))
        body.append(raw)
    source_text = "\n\n".join(body)
    cleaned_text = "\n\n".join("".join(s["text"] for s in p["sentences"])
                               for sec in article["sections"] for p in sec["paragraphs"])
    problems = _explain(source_text, cleaned_text, positions, edition.lines, ledger, spec["id"])
    problems += _account_headings(heading_lines, article, edition.lines, ledger, spec["id"])
    return problems


def _explain(source_text, cleaned_text, positions, lines, ledger, piece_id) -> list[str]:
    starts = [start for start, _ in positions]

    def where(offset):
        start, line_no = positions[max(bisect.bisect_right(starts, offset) - 1, 0)]
        return line_no, offset - start

    problems = []
    matcher = difflib.SequenceMatcher(None, source_text, cleaned_text, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        # A deletion next to an identical character (的的 -> 的) may be aligned one
        # place off; the text around a change is equal on both sides, so widen the
        # window a little before judging it.
        if not any(_explained(source_text, cleaned_text, i1 - k, i2 + k, j1 - k, j2 + k, ledger, where)
                   for k in range(0, 4) if i1 - k >= 0 and j1 - k >= 0):
            line_no, col = where(i1)
            problems.append(f"{piece_id}: unexplained change at source line {line_no}, column {col + 1}: "
                            f"{source_text[i1:i2]!r} became {cleaned_text[j1:j2]!r}")
    return problems


def _explained(source_text, cleaned_text, i1, i2, j1, j2, ledger, where) -> bool:
    candidates = []
    for offset in range(i1, min(i2, len(source_text)) + 1):
        line_no, col = where(offset)
        candidates += [c for c in ledger.get(line_no, [])
                       if c.col == col and c.kind != "metadata" and c not in candidates]
    return _apply(source_text, i1, i2, candidates, where) == cleaned_text[j1:j2]


def _apply(source_text, i1, i2, changes, where) -> str:
    """The source stretch [i1, i2) with the given ledger changes applied."""
    out, pos = [], i1
    for offset in range(i1, i2 + 1):
        for change in changes:
            if (change.line, change.col) == where(offset) and offset >= pos \
                    and source_text.startswith(change.before, offset):
                out += [source_text[pos:offset], change.after]
                pos = offset + len(change.before)
    out.append(source_text[pos:max(i2, pos)])
    return "".join(out)


def _account_headings(heading_lines, article, lines, ledger, piece_id) -> list[str]:
    """Lines moved to metadata or headings must reappear there, changed only by the ledger."""
    values = [article.get(k) for k in ("title", "subtitle", "kicker", "column", "byline", "dateline",
                                       "continuation")]
    if article.get("caption"):
        values += [article["caption"].get("text"), article["caption"].get("credit")]
    for section in article["sections"]:
        values += [section["title"], section["subtitle"]]
    problems = []
    for line_no, role in heading_lines:
        raw = lines[line_no - 1]
        errata = [(c.col, c.before, c.after, "") for c in ledger.get(line_no, []) if c.kind == "erratum"]
        expected = clean_line(raw, line_no, errata, role).text
        if expected not in values:
            problems.append(f"{piece_id}: source line {line_no} ({raw[:20]}…) is not found in the "
                            f"metadata or headings of the cleaned edition")
    return problems
