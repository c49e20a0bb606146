"""Character views: ``WordCharacters``, the part of the Reader's word panel that
shows each character of the chosen word (its strokes, its own readings and the
other words of the page that use it), and ``CharacterList``, the characters a
piece brings that the learner meets for the first time.

    CharacterList("qingzhen", level=4)   # new characters above HSK 4, most frequent first
"""

import ipywidgets as w

from widgets.rendering import escape

OTHER_WORDS = 8   # other words shown per character
READINGS = 3


def _page_words(reader) -> list[str]:
    """Every word token of the page (or of the Reader's own text), with the
    Reader's own annotation cache."""
    from dubao import corpus
    from widgets.reader import annotate_cached

    pool = corpus.sentences() if reader.article.file else reader.article.sentences
    return [token.text for sentence in pool for token in annotate_cached(sentence.text)]


def character_html(character: str, word: str, page_words: list[str]) -> str:
    """One character's readings and the other words of the page that use it."""
    from dubao.language import characters

    readings = characters.readings(character)
    lines = "".join(f"<li><b>{escape(pinyin)}</b> {escape(senses)}</li>" for pinyin, senses in readings[:READINGS])
    others = characters.words_using(character, page_words, leave_out=word)
    used = " · ".join(f"{escape(other)}<span class='dubao-meta'>×{times}</span>"
                      for other, times in others[:OTHER_WORDS])
    more = f" <span class='dubao-meta'>and {len(others) - OTHER_WORDS} more</span>" if len(others) > OTHER_WORDS else ""
    return (f"<div class='dubao-character' data-character='{escape(character)}'>"
            f"<span style='font-size:1.5em'>{escape(character)}</span>"
            + (f"<ul class='dubao-character-readings'>{lines}</ul>" if lines else
               "<div class='dubao-meta'>No reading of its own in CC-CEDICT.</div>")
            + (f"<div class='dubao-character-words'>Also in: {used}{more}</div>" if used else
               "<div class='dubao-meta'>No other word of the page uses it.</div>")
            + "</div>")


class WordCharacters(w.VBox):
    """Each character of the Reader's chosen word. Built on the first choice, so a
    Reader nobody clicks in costs nothing."""

    def __init__(self, reader, **kwargs):
        super().__init__([], **kwargs)
        self.add_class("dubao-word-characters")
        self.reader = reader
        self.strokes = None
        self.details = w.HTML()
        self.details.add_class("dubao-character-details")
        self._words = None
        reader.observe(self._on_word, names=["selected_word"])
        self._on_word({"new": reader.selected_word})

    def _on_word(self, change):
        from dubao.language.han import is_han

        word = change["new"]
        if not word or not any(is_han(ch) for ch in word):
            self.children = []
            return
        if self.strokes is None:
            from widgets.strokes import Strokes

            self.strokes = Strokes(word, size=90)
        else:
            self.strokes.text = word
            self.strokes.mode = "animate"
        if self._words is None:
            self._words = _page_words(self.reader)
        han = [ch for ch in dict.fromkeys(word) if is_han(ch)]
        self.details.value = "".join(character_html(ch, word, self._words) for ch in han)
        self.children = [w.HTML("<b>Characters</b>"), self.strokes, self.details]

    def close(self):
        for child in (self.strokes, self.details):
            if child is not None:
                child.close()
        super().close()


class CharacterList(w.HTML):
    """The characters a piece brings that no earlier lesson's key word has, with
    how often the piece uses them, their HSK 3.0 character level, stroke count and
    radical. ``level`` keeps only the characters above it (and those not listed)."""

    def __init__(self, article, level: int | None = None, limit: int | None = None, **kwargs):
        from dubao.course import lessons
        from dubao.language import characters

        found = lessons.character_study(article)
        if level is not None:
            found = [c for c in found if c.level is None or c.level > level]
        if limit:
            found = found[:limit]
        pad = "padding:0.1em 1em 0.1em 0"
        rows = "".join(
            f"<tr><td style='font-size:1.4em;{pad}'>{escape(c.character)}</td>"
            f"<td style='{pad}'>{escape(', '.join(p for p, _ in characters.readings(c.character)[:READINGS]))}</td>"
            f"<td style='text-align:center;{pad}'>{c.frequency}</td>"
            f"<td style='{pad}'>{escape(c.level_label)}</td>"
            f"<td style='text-align:center;{pad}'>{c.stroke_count or '—'}</td>"
            f"<td style='text-align:center;{pad}'>{escape(c.radical or '—')}</td></tr>" for c in found)
        headers = "".join(f"<th style='{pad}'>{name}</th>"
                          for name in ["character", "readings", "times here", "HSK", "strokes", "radical"])
        super().__init__(value=("<table class='dubao-character-list' style='border-collapse:collapse'>"
                                f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>"), **kwargs)
        self.characters = found
        self.add_class("dubao-characters")
