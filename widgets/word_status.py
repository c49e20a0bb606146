"""The Reader's word statuses (``dubao.practice.word_status``) as two child widgets:

- ``WordStatusPanel``, under the word's gloss: its status and the buttons
  "I know this", "Learning" (adds a flashcard) and "Not a word to learn";
- ``StatusBar``, above the text: the text's coverage, the status view switch
  with its legend, and "mark every remaining word on this page as known" with an undo.

Both act through the Reader's ``mark_word``/``refresh_statuses`` and are driven in
tests by ``.click()``. When progress cannot be saved, every mark still works for
the session and the panel says "not saved".
"""

import ipywidgets as w

from dubao.practice import word_status as ws
from widgets.rendering import escape

LEGEND = [('data-status="new"', "新词", "new: solid underline"),
          *[(f'data-status="learning" data-level="{n}"', "学习", f"learning {n}") for n in range(1, 5)],
          ('data-status="known"', "认识", "known, names, numbers, not to learn: plain")]


def legend_html() -> str:
    """The legend, drawn with the same attributes as the text, so it cannot disagree with it."""
    items = "".join(f'<span class="dubao-word" {attributes} aria-hidden="true">{escape(sample)}</span>'
                    f'<span class="dubao-meta" style="margin-right:1.2em">{escape(label)}</span>'
                    for attributes, sample, label in LEGEND)
    return (f'<div class="dubao-text status-view dubao-status-legend" role="note" '
            f'aria-label="Legend: new words have a solid underline, learning words a dashed one, '
            f'known words none">{items}</div>')


def not_saved_html(store) -> str:
    if store is not None and store.saving:
        return ""
    why = escape(getattr(store, "warning", None) or "there is no progress store")
    return (f"<div class='dubao-prompt dubao-not-saved' style='color:#8a6100'>Not saved: your marks last "
            f"until the kernel stops ({why}).</div>")


def apply_mark(store, word: str, status: str, article_id: str) -> None:
    """Record what the learner said about a word: known, learning (a flashcard),
    ignored (not a word to learn) or new (no mark)."""
    if store is None:
        return
    if status == ws.KNOWN:
        store.mark_known(word)
    elif status == ws.IGNORED:
        store.mark_ignored(word)
    elif status == ws.LEARNING:
        ws.start_learning(store, word, article_id)
    else:
        store.clear_marks(word)


class WordStatusPanel(w.VBox):
    """The chosen word's status and the buttons that change it."""

    def __init__(self, reader, **kwargs):
        self.reader = reader
        self.status = w.HTML()
        self.status.add_class("dubao-word-status")
        self.know_button = w.Button(description="I know this", tooltip="Mark this word known everywhere",
                                    layout=w.Layout(width="auto"))
        self.learning_button = w.Button(description="Learning", tooltip="Add a flashcard for this word",
                                        layout=w.Layout(width="auto"))
        self.ignore_button = w.Button(description="Not a word to learn",
                                      tooltip="A name or a non-word: leave it out of your counts",
                                      layout=w.Layout(width="auto"))
        for button, status in ((self.know_button, ws.KNOWN), (self.learning_button, ws.LEARNING),
                               (self.ignore_button, ws.IGNORED)):
            button.add_class(f"dubao-mark-{status}")
            button.on_click(lambda _, s=status: self.reader.mark_word(self.reader.selected_word, s))
        self.note = w.HTML()
        buttons = w.HBox([self.know_button, self.learning_button, self.ignore_button],
                         layout=w.Layout(flex_flow="row wrap", grid_gap="0.3em"))
        super().__init__([self.status, buttons, self.note], **kwargs)
        self.add_class("dubao-word-status-panel")
        self.show()

    def show(self):
        word = self.reader.selected_word
        self.layout.display = "" if word else "none"
        if not word:
            return
        found = self.reader.word_status(word)
        stability = f", FSRS {found.card_state}, stability {found.stability:.1f} days" \
            if found.stability is not None else ""
        self.status.value = (f"<div><b>Status:</b> <span class='dubao-status-{found.status}'>"
                             f"{escape(found.label)}</span> <span class='dubao-meta'>({escape(found.reason)}"
                             f"{escape(stability)})</span></div>")
        for button, status in ((self.know_button, ws.KNOWN), (self.learning_button, ws.LEARNING),
                               (self.ignore_button, ws.IGNORED)):
            button.button_style = "info" if found.status == status else ""
        self.note.value = not_saved_html(self.reader.status_store)


class StatusBar(w.VBox):
    """Above the text: coverage, the status view switch and legend, mark-all and undo."""

    def __init__(self, reader, **kwargs):
        self.reader = reader
        self.coverage = w.HTML()
        self.coverage.add_class("dubao-coverage")
        self.view_control = w.Checkbox(value=reader.status_view, description="Word status colours", indent=False,
                                       layout=w.Layout(width="auto"))
        w.link((reader, "status_view"), (self.view_control, "value"))
        self.mark_all_button = w.Button(description="Mark every remaining word on this page as known",
                                        tooltip="Every new word shown now becomes known (you can undo it)",
                                        layout=w.Layout(width="auto"))
        self.mark_all_button.add_class("dubao-mark-all")
        self.undo_button = w.Button(description="Undo", disabled=True, tooltip="Take back the last mark-all",
                                    layout=w.Layout(width="auto"))
        self.undo_button.add_class("dubao-undo")
        self.message = w.HTML()
        self.legend = w.HTML(legend_html())
        self.mark_all_button.on_click(lambda _: self.mark_all())
        self.undo_button.on_click(lambda _: self.undo())
        self.undo_words: list[str] = []  # the words the last mark-all marked, for its undo
        row = w.HBox([self.view_control, self.mark_all_button, self.undo_button, self.message],
                     layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.3em 1em"))
        super().__init__([self.coverage, row, self.legend], **kwargs)
        self.add_class("dubao-status-bar")
        self.show()

    def mark_all(self):
        """Every new word of the part shown now becomes known; undo takes them back."""
        words = self.reader.new_words_shown()
        store = self.reader.status_store
        marked = store.mark_known_many(words) if store is not None else []
        self.undo_words = marked
        self.undo_button.disabled = not marked
        self.message.value = f"<span class='dubao-meta'>Marked {len(marked)} words known.</span>"
        self.reader.refresh_statuses()

    def undo(self):
        store = self.reader.status_store
        if store is not None and self.undo_words:
            store.forget_known_many(self.undo_words)
        self.message.value = f"<span class='dubao-meta'>Took back {len(self.undo_words)} marks.</span>"
        self.undo_words = []
        self.undo_button.disabled = True
        self.reader.refresh_statuses()

    def show(self):
        found = self.reader.coverage
        counts = found.counts
        percent = f"{found.running_share:.0%}"
        self.coverage.value = (
            f"<div role='status' aria-live='polite'><b>You know {percent} of this "
            f"{'part' if len(self.reader.parts) > 1 else 'text'}</b>"
            f"<span class='dubao-coverage-bar' aria-hidden='true'><span style='width:{percent}'></span></span>"
            f"{escape(found.sentence())} <span class='dubao-meta'>{counts['new']} new, {counts['learning']} "
            f"learning; {counts['ignored']} names, numbers and words not to learn are not counted.</span></div>")
        self.legend.layout.display = "" if self.reader.status_view else "none"


class ReaderStatuses:
    """The Reader's side of word statuses (a mixin of ``Reader``): a snapshot of
    the store, remembered per word while the text is drawn, read again after a mark."""

    def _read_statuses(self):
        from widgets.common import store

        self.status_store = store()
        self.statuses = ws.Statuses.of_store(self.status_store)
        self._status_memo = {}

    def saved_status_view(self) -> bool:
        if self.status_store is None:
            return False
        return bool(self.status_store.get_setting("status_view", False))

    def save_status_view(self, on: bool) -> None:
        if self.status_store is not None and bool(self.status_store.get_setting("status_view", False)) != on:
            self.status_store.set_setting("status_view", bool(on))

    def _token_status(self, token):
        found = self._status_memo.get(token.text)
        if found is None:
            found = self._status_memo[token.text] = self.statuses.status(token.text, token)
        return found

    def word_status(self, word: str):
        """The status of a word of this text (``dubao.practice.word_status.WordStatus``)."""
        from widgets.reader import _find_token

        token = _find_token(self.article, word, self._selected_sentence)
        return self.statuses.status(word, token)

    def mark_word(self, word: str, status: str) -> None:
        """What the "I know this", "Learning" and "Not a word to learn" buttons do."""
        if word:
            apply_mark(self.status_store, word, status, self.article.id)
            self.refresh_statuses()

    def refresh_statuses(self) -> None:
        """Read the statuses again (after a mark, or a review in another notebook)."""
        self.statuses = ws.Statuses.of_store(self.status_store)
        self._status_memo = {}
        self._rerender()
        self.status_bar.show()
        self.word_panel.show()

    def _tokens(self, parts) -> list:
        from widgets.reader import annotate_cached

        return [token for index in parts for text in self.part_texts(index) for token in annotate_cached(text)]

    @property
    def coverage(self):
        """How much of the text the learner knows, headings included
        (``dubao.practice.word_status.Coverage``). A long text shown one part at a
        time gives the part shown: the whole would mean annotating every part at once."""
        return ws.coverage(self._tokens([self.part] if len(self.parts) > 1 else [0]), _Memo(self))

    def new_words_shown(self) -> list[str]:
        """The new words of the part shown now, for "mark every remaining word as known"."""
        return [t.text for t in self._tokens([self.part])
                if ws.is_word(t) and self._token_status(t).status == ws.NEW]


class _Memo:
    """The Reader's remembered statuses, in the shape ``coverage`` asks for."""

    def __init__(self, reader):
        self.reader = reader

    def status(self, word, token=None):
        return self.reader._token_status(token)
