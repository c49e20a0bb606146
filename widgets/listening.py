"""ListeningQuiz: hear a word of the piece, then choose its characters, type its
pinyin, or pick its tone pair (the kinds and the grading are in
dubao.practice.listening). The word is played, never shown, until it is answered.
Every attempt goes to the progress store, like the other quizzes.
"""

import random

import ipywidgets as w
import traitlets

from widgets.common import feedback_html, quiz_parts, record, replace_controls, round_over_html, score_html
from widgets.listen import ListenButton, vocab_source
from widgets.rendering import escape

PROMPTS = {"characters": "Listen, then choose the word you heard.",
           "pinyin": "Listen, then type its pinyin with tones (xin1 or xīn).",
           "tones": "Listen, then choose its tones (5 is the neutral tone)."}


class ListeningQuiz(w.VBox):
    """A round of listening questions on one article's key words."""

    kind = traitlets.Enum(["characters", "pinyin", "tones"], "characters",
                          help="characters, pinyin or tones.")
    index = traitlets.Int(0, help="Which question of the round is shown.")
    score = traitlets.Int(0, help="Questions answered right at the first try.")
    finished = traitlets.Bool(False, help="True once the round's summary is shown.")

    def __init__(self, article, kind: str = "characters", count: int = 6, words=None, seed: int | None = None,
                 lesson: str | None = None, **kwargs):
        from dubao import corpus
        from dubao.practice import listening
        from dubao.content.vocabulary import vocab

        self.article = corpus.article(article)
        self.lesson = lesson or f"listen-{self.article.id}"
        self.rng = random.Random(seed)
        self._all = words or [v for v in vocab(self.article.id) if v.curated]
        self._count = count
        self.listening = listening
        self.listen = ListenButton(label="▶ Play", show_said=False)
        quiz_parts(self)
        super().__init__([self.score_label, self.prompt, self.listen, self.answer_box,
                          w.HBox([self.check_button, self.next_button]), self.feedback], **kwargs)
        self.add_class("dubao-quiz")
        self.add_class("dubao-listening-quiz")
        self.kind = kind
        self._start()

    @traitlets.observe("kind")
    def _on_kind(self, change):
        if hasattr(self, "prompt"):
            self._start()

    def _start(self):
        from dubao.practice.distractors import pool

        usable = self.listening.words_for(self.kind, self._all)
        self.words = self.rng.sample(usable, min(self._count, len(usable)))
        self._pool = pool()
        self.index, self.score, self.finished, self.missed, self._tried = 0, 0, False, [], set()
        self._question = None
        self._show()

    @property
    def current(self):
        """The question shown now (None once the round is over)."""
        return None if self.finished else self._question

    def _show(self):
        self.feedback.value = ""
        self.next_button.disabled = True
        self.check_button.disabled = False
        self._update_score()
        if self.index >= len(self.words):
            self._finish()
            return
        word = self.words[self.index]
        self._question = self.listening.question(word, self.kind, self._pool, self.rng)
        self.listen.source = vocab_source(word)
        self.listen.said.value = ""  # the pinyin it shows would give the answer away
        self.listen.layout.display = ""
        self.prompt.value = f"<div>{escape(PROMPTS[self.kind])}</div>"
        if self.kind == "pinyin":
            self.text = w.Text(placeholder="e.g. xin1 zhi4", description="Pinyin", continuous_update=False)
            self.text.add_class("dubao-pinyin-answer")
            self._answer_with([self.text])
        else:
            self.choice = w.RadioButtons(options=list(self._question.choices), value=None,
                                         description="Heard" if self.kind == "characters" else "Tones",
                                         layout=w.Layout(width="auto"))
            self.choice.add_class("dubao-choices")
            self._answer_with([self.choice])

    def _answer_with(self, controls):
        replace_controls(self.answer_box, controls)

    def check(self):
        """Grade the answer, give feedback and record the attempt."""
        if self.finished:
            return
        q = self._question
        given = self.text.value if self.kind == "pinyin" else self.choice.value
        result = self.listening.grade(q, given)
        word = q.word
        reveal = f"{escape(word.word)} {escape(word.pinyin)} — {escape(word.gloss or '')}"
        self.feedback.value = feedback_html(result, right_extra=reveal)
        if result.status in ("empty", "unreadable"):
            return
        correct = result.status == "correct"
        first_try = word.word not in self._tried
        self._tried.add(word.word)
        record(self.lesson, q.id, given, correct, getattr(word, "article", None) or self.article.id)
        if correct:
            self.score += int(first_try)
            self.check_button.disabled = True
            self.listen.show_what_was_said()
        elif first_try:
            self.missed.append(word)
        self.next_button.disabled = False
        self._update_score()

    def next(self):
        self.index += 1
        self._show()

    def _update_score(self):
        self.score_label.value = score_html(self.score, self.index, len(self.words))

    def _finish(self):
        self.finished = True
        self._answer_with([])
        self.listen.layout.display = "none"
        self.check_button.disabled = self.next_button.disabled = True
        none = "" if self.words else "<div>This piece has no words for this kind of question.</div>"
        self.prompt.value = round_over_html(self.score, len(self.words),
                                            [f"{escape(v.word)} {escape(v.pinyin)}" for v in self.missed],
                                            "Words to hear again:", note=none)
        self._update_score()
