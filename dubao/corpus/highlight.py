"""The one way a word is shown inside its sentence: the sentence as escaped HTML
with the word marked. The Reader's "also on the page" list, the language focus,
the flashcards and the Anki cards all use it, so a word reads the same everywhere.

Every occurrence is marked, not only the first: 产能 is twice in qingzhen.p7.s2,
and a learner who sees one of the two marked takes the other for a different
word (the vocabulary quiz's cloze blanks every occurrence for the same reason).

>>> highlight("产能提升，产能翻番", "产能")
'<mark>产能</mark>提升，<mark>产能</mark>翻番'
>>> highlight("a<b", "b", tag="b")
'a&lt;<b>b</b>'
"""

import html

TAGS = ("mark", "b")  # mark on the page; b on cards, as Anki's own editor bolds


def highlight(text: str, word: str, tag: str = "mark") -> str:
    """``text`` escaped, with every occurrence of ``word`` inside ``<tag>``; the
    text unmarked when the word is empty or not in it."""
    if tag not in TAGS:
        raise ValueError(f"highlight tag must be one of {', '.join(TAGS)}, not {tag!r}")
    text = "" if text is None else str(text)
    if not word:
        return html.escape(text)
    marked = f"<{tag}>{html.escape(word)}</{tag}>"
    return marked.join(html.escape(part) for part in text.split(word))
