"""Splitting a cleaned Chinese paragraph into sentences, the units that get ids,
translations and evidence links.

A sentence ends at 。！？ (with any closing quotes or brackets that follow). Two
rules keep learners' units natural:

- a short speech tag after a closed quotation stays with the quotation, so
  "“……左右。”陈丹笑着说。" is one sentence, not a quotation and a stray "陈丹笑着说。";
- an ellipsis (……), a dash or a semicolon does not end a sentence; the end of the
  paragraph always does.
"""

import re

TERMINALS = "。！？!?"
CLOSERS = "”’）」』》)"

# A speech tag that belongs to the quotation before it: a short subject with no
# punctuation, then a verb of saying (刘丽介绍，… / 陈丹笑着说。 / 王大爷感慨道。).
_SPEECH_TAG = re.compile(r"[^，。！？“”：；]{1,12}?(?:说|表示|介绍|感慨道|道)[，。：]")


def sentence_spans(paragraph: str) -> list[tuple[int, int]]:
    """(start, end) offsets of each sentence; together they cover the paragraph exactly."""
    ends = []
    i = 0
    while i < len(paragraph):
        if paragraph[i] in TERMINALS:
            j = i + 1
            while j < len(paragraph) and paragraph[j] in CLOSERS:
                j += 1
            if j < len(paragraph) and not _continues_quotation(paragraph, i, j):
                ends.append(j)
            i = j
        else:
            i += 1
    spans, start = [], 0
    for end in ends:
        spans.append((start, end))
        start = end
    if start < len(paragraph) or not spans:
        spans.append((start, len(paragraph)))
    return spans


def _continues_quotation(text: str, terminal: int, after: int) -> bool:
    """True when a closed quotation is followed by its speech tag (keep them together)."""
    closed_quote = any(text[k] == "”" for k in range(terminal + 1, after))
    return closed_quote and _SPEECH_TAG.match(text, after) is not None


def split_sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph, in order."""
    return [paragraph[start:end] for start, end in sentence_spans(paragraph)]
