"""Writing a new article's drafts into the corpus files the whole page shares
(figures.yaml, not-figures.yaml) between ``# new-article draft BEGIN id`` and
``END id`` markers, so that drafting the same article again replaces its block
and leaves every reviewed record alone. ``new_article`` uses it for the
vocabulary list too."""

from __future__ import annotations

import re

from dubao import yamlio
from dubao.errors import DubaoError

__all__ = ["figures_text", "not_figures_text", "without_block"]


def without_block(text: str, article_id: str, name: str) -> str:
    """The text without an earlier new-article draft block of this article."""
    begin = re.compile(rf"^\s*# new-article draft BEGIN {re.escape(article_id)}\b.*$", re.M)
    end = re.compile(rf"^\s*# new-article draft END {re.escape(article_id)}\s*$\n?", re.M)
    start = begin.search(text)
    if not start:
        return text
    stop = end.search(text, start.end())
    if not stop:
        raise DubaoError(f"corpus/{name}: the draft block of {article_id!r} has a BEGIN line but no END line")
    return text[:start.start()] + text[stop.end():]


def figures_text(old: str, article_id: str, records: list[dict]) -> str:
    """corpus/figures.yaml with this article's draft records (replacing an earlier draft)."""
    head = (f"# new-article draft BEGIN {article_id}: one record for each number of the text.\n"
            "# Review each: value, unit, qualifier, period and subject (zh and en), kind;\n"
            "# then set reviewed: true and delete this comment and the END line.\n")
    # a range (3至5年) is two records; a comment above each says which bound it is
    body = "\n".join((f"# {r['_note']}\n" if r.get("_note") else "")
                     + yamlio.dump([{k: v for k, v in r.items() if k != "_note"}]) for r in records)
    records = [{k: v for k, v in r.items() if k != "_note"} for r in records]
    return _with_draft_block(old, article_id, "figures.yaml", "figures", "id", head, body, records)


def not_figures_text(old: str, article_id: str, records: list[dict]) -> str:
    """corpus/not-figures.yaml with this article's draft not-figures (replacing an earlier draft)."""
    head = (f"# new-article draft BEGIN {article_id}: numbers of the text that are not figures.\n"
            "# Review each reason (an ordinal, a name, a period ...); move a real amount to\n"
            "# figures.yaml; then delete ' [draft: review]', this comment and the END line.\n")
    return _with_draft_block(old, article_id, "not-figures.yaml", "entries", "text", head, yamlio.dump(records),
                             records)


def _with_draft_block(old, article_id, name, things, key, head, body, records) -> str:
    """A list file (figures.yaml, not-figures.yaml) with this article's draft block
    at its end, in place of an earlier one. Records of the article outside a draft
    block are refused (they were reviewed), and the new text must read back as the
    old records followed by the new ones."""
    import yaml

    base = without_block(old, article_id, name)
    existing = yaml.safe_load(base) or []
    mine = [r[key] for r in existing if str(r.get("sentence", "")).startswith(f"{article_id}.")]
    if mine:
        raise DubaoError(f"corpus/{name} already has {things} of {article_id!r} outside a new-article "
                         f"draft block ({', '.join(mine[:3])}); remove them first")
    if not records:
        return base
    text = base.rstrip("\n") + "\n\n" + head + body + f"# new-article draft END {article_id}\n"
    if yaml.safe_load(text) != existing + records:
        raise DubaoError(f"corpus/{name}: cannot add the draft {things} at its end")
    return text
