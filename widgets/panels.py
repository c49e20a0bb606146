"""Small display panels the lessons use before and after reading: the key
vocabulary of a piece, a context note, and the learner's progress. They show
escaped HTML built from the engine's data; nothing here grades or saves.
"""

import ipywidgets as w
import traitlets

from dubao.language import hsk

from widgets.rendering import escape


def _level(level) -> str:
    return hsk.band(level) or "—"


class VocabList(w.HTML):
    """A table of an article's key words: word, pinyin, meaning, HSK level, the
    sentence of the page where it first occurs, and the learner's status of each
    word (new, learning, known); ``hide_known`` leaves the known words out."""

    hide_known = traitlets.Bool(False, help="Leave out the words the learner knows.")

    def __init__(self, article, level: int | None = None, limit: int | None = None, sections=None,
                 hide_known: bool = False, **kwargs):
        """``sections`` (ids or numbers, as for the Reader) keeps only the words
        that occur in those sections, for a lesson on part of a long article."""
        from dubao import corpus
        from dubao.content.vocabulary import vocab
        from widgets.reader import chosen_paragraphs

        piece = corpus.article(article)
        words = vocab(piece.id, level=level, include_found=level is not None)
        if sections is not None:
            text = "".join(p.text for p in chosen_paragraphs(piece, sections))
            words = [v for v in words if v.word in text]
        if limit:
            words = words[:limit]
        self.all_words = words
        super().__init__(**kwargs)
        self.add_class("dubao-vocab")
        self.hide_known = hide_known
        self.refresh()

    @traitlets.observe("hide_known")
    def _on_hide_known(self, change):
        if hasattr(self, "all_words"):
            self.refresh()

    def refresh(self):
        """Read the learner's statuses again and redraw the table."""
        from dubao.practice.word_status import KNOWN, Statuses
        from widgets.common import store

        statuses = Statuses.of_store(store())
        self.statuses = {v.word: statuses.status(v.word) for v in self.all_words}
        words = [v for v in self.all_words if not (self.hide_known and self.statuses[v.word].status == KNOWN)]
        self.words = words
        hidden = len(self.all_words) - len(words)
        # Room between the columns: without it a long pinyin ran into its meaning
        # ("hòu gù zhī yōuworries") and the headers into each other ("HSKtimes").
        pad = "padding:0.1em 1em 0.1em 0"
        rows = "".join(
            f"<tr><td style='font-size:1.4em;{pad}'>{escape(v.word)}</td><td style='{pad}'>{escape(v.pinyin)}</td>"
            f"<td style='{pad}'>{escape(v.gloss or '')}</td><td style='text-align:center;{pad}'>{_level(v.level)}</td>"
            f"<td style='text-align:center;{pad}'>{v.frequency}</td>"
            f"<td class='dubao-meta' style='{pad}'>{escape(v.example or '')}</td>"
            f"<td class='dubao-status-{self.statuses[v.word].status}' style='{pad}'>"
            f"{escape(self.statuses[v.word].label)}</td></tr>"
            for v in words)
        headers = "".join(f"<th style='{pad}'>{name}</th>"
                          for name in ["word", "pinyin", "meaning here", "HSK", "times", "first in", "you"])
        note = (f"<div class='dubao-meta'>{hidden} word(s) you know are hidden.</div>" if hidden else "")
        self.value = ("<table class='dubao-vocab-list' style='border-collapse:collapse'>"
                      f"<thead><tr>{headers}</tr></thead><tbody>{rows}</tbody></table>{note}")


class ContextNote(w.HTML):
    """A short note on something a foreign reader needs to follow the page."""

    def __init__(self, note_id: str, **kwargs):
        from dubao.content import questions

        note = questions.context_note(note_id)
        sources = getattr(note, "sources", None) or []
        cited = "".join(f"<li>{escape(s)}</li>" for s in sources)
        where = ", ".join(escape(s) for s in (getattr(note, "sentences", None) or []))
        html = (f"<div class='dubao-context-note' style='border-left:4px solid #8fa3b8;padding:0.3em 0.9em;"
                f"background:#f6f8fa;max-width:46em'>"
                f"<div style='font-size:1.3em'><b>{escape(note.term)}</b> {escape(note.pinyin)} — "
                f"{escape(note.title)}</div><p>{escape(note.note)}</p>"
                + (f"<div class='dubao-meta'>On the page: {where}</div>" if where else "")
                + (f"<div class='dubao-meta'>Sources:<ul>{cited}</ul></div>" if cited else "")
                + "</div>")
        super().__init__(value=html, **kwargs)
        self.note = note


class ProgressView(w.VBox):
    """What the learner has done so far: quiz attempts per lesson, flashcards due,
    and whether progress is being saved. Refreshes on demand."""

    def __init__(self, **kwargs):
        self.table = w.HTML()
        self.table.add_class("dubao-progress")
        refresh = w.Button(description="Refresh", tooltip="Read the progress database again")
        refresh.on_click(lambda _: self.refresh())
        super().__init__([self.table, refresh], **kwargs)
        self.refresh()

    def refresh(self):
        from widgets.common import store

        found = store()
        if found is None:
            self.table.value = "<div class='dubao-prompt'>Progress is not being saved on this computer.</div>"
            return
        summary = found.summary()
        pad = "padding:0.1em 1em 0.1em 0"  # the headers ran together: "questions triedrightattempts"
        rows = "".join(
            f"<tr><td style='{pad}'>{escape(row['lesson'])}</td>"
            f"<td style='text-align:center;{pad}'>{row['questions']}</td>"
            f"<td style='text-align:center;{pad}'>{row['correct']}</td>"
            f"<td style='text-align:center;{pad}'>{row['attempts']}</td></tr>"
            for row in summary["lessons"])
        warning = (f"<div class='dubao-prompt'>{escape(found.warning)}</div>"
                   if getattr(found, "warning", None) else "")
        headers = "".join(f"<th style='{pad}'>{name}</th>"
                          for name in ["lesson or quiz", "questions tried", "right", "attempts"])
        self.table.value = (
            f"{warning}<table style='border-collapse:collapse'><thead><tr>{headers}</tr></thead>"
            f"<tbody>{rows or '<tr><td colspan=4>Nothing yet: answer a quiz and press Refresh.</td></tr>'}"
            f"</tbody></table><div class='dubao-meta'>Flashcards due now: {summary.get('cards_due', 0)} · "
            f"words marked known: {summary.get('known_words', 0)}</div>{_words_html(found)}")


def _words_html(found) -> str:
    """Words per status, and how much of each piece the learner knows."""
    from dubao import corpus
    from dubao.practice import word_status

    statuses = word_status.Statuses.of_store(found)
    counts = statuses.counts()
    pad = "padding:0.1em 1em 0.1em 0"
    rows = "".join(
        f"<tr><td style='{pad}'>{escape(corpus.article(article).title or article)}</td>"
        f"<td style='text-align:right;{pad}'>{c.running_share:.0%}</td>"
        f"<td style='text-align:right;{pad}'>{c.distinct_share:.0%}</td>"
        f"<td style='text-align:right;{pad}'>{c.counts['new']}</td></tr>"
        for article, c in word_status.page_coverage(statuses).items())
    headers = "".join(f"<th style='{pad}'>{name}</th>"
                      for name in ["piece", "running words known", "distinct words known", "new words"])
    return (f"<div class='dubao-word-counts'><b>Your words:</b> {counts['known']} known · "
            f"{counts['learning']} learning · {counts['ignored']} not to learn</div>"
            f"<table class='dubao-coverage-table' style='border-collapse:collapse'><thead><tr>{headers}</tr>"
            f"</thead><tbody>{rows}</tbody></table><div class='dubao-meta'>Names, numbers and words not to "
            f"learn are left out of the shares.</div>")
