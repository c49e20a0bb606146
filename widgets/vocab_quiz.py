"""Vocabulary quizzes on an article's key words, in four kinds:

- ``meaning``: see the word, choose its meaning;
- ``pinyin``: type the pinyin (tone marks or numbers, v or u: for ü, any spacing);
  a wrong answer says which syllable or which tone is wrong;
- ``cloze``: the article's own sentence with the word taken out; choose the word;
- ``match``: match characters to pinyin.

Distractors are plausible (same HSK level and same length first), never the
answer again; ``dubao.practice.distractors`` chooses them. Feedback is immediate;
after a wrong try the learner may try again or go on, and the word is counted as
missed. A round ends with the score and the missed words. Every attempt is
recorded in the learner's progress store.
"""

import random

import ipywidgets as w
import traitlets

from dubao.practice import answers
from dubao.practice.distractors import distractors, pool, short_gloss
from widgets.common import feedback_html, quiz_parts, record, replace_controls, round_over_html, score_html, store
from widgets.listen import ListenButton, vocab_source
from widgets.rendering import escape

KINDS = ("meaning", "pinyin", "cloze", "match")


class VocabQuiz(w.VBox):
    """A round of vocabulary questions on one article. See the module docstring."""

    kind = traitlets.Enum(KINDS, "meaning", help="meaning, pinyin, cloze or match.")
    index = traitlets.Int(0, help="Which question of the round is shown.")
    score = traitlets.Int(0, help="Questions answered right at the first try.")
    finished = traitlets.Bool(False, help="True once the round's summary is shown.")

    def __init__(self, article, kind: str = "meaning", count: int = 6, words=None, seed: int | None = None,
                 lesson: str | None = None, skip_known: bool = True, **kwargs):
        """``skip_known`` leaves out the words the learner knows (marked, or a card
        FSRS has made known; ``self.skipped`` lists them), unless all are known."""
        from dubao import corpus
        from dubao.content.vocabulary import vocab
        from dubao.practice import word_status

        self.article = corpus.article(article)
        self.lesson = lesson or f"vocab-{self.article.id}"
        self.rng = random.Random(seed)
        chosen = words or [v for v in vocab(self.article.id) if v.curated and v.gloss]
        self.skipped: list = []
        if skip_known:
            chosen, self.skipped = word_status.without_known(chosen, word_status.Statuses.of_store(store()))
        self.words = chosen[:count] if words else self.rng.sample(chosen, min(count, len(chosen)))
        self.missed: list = []
        self._tried: set = set()
        quiz_parts(self)
        # the word read aloud: at once when the question is its meaning, otherwise
        # after an answer (hearing it would give the pinyin or the gap away)
        self.listen = ListenButton(label="▶ Listen")
        super().__init__([self.score_label, self.prompt, self.listen, self.answer_box,
                          w.HBox([self.check_button, self.next_button]), self.feedback], **kwargs)
        self.add_class("dubao-quiz")
        self.kind = kind
        self._show()

    @traitlets.observe("kind")
    def _on_kind(self, change):
        if hasattr(self, "prompt"):
            self.index, self.score, self.missed, self.finished = 0, 0, [], False
            self._tried = set()
            self._show()

    # ---------------------------------------------------------------- questions
    @property
    def current(self):
        return self.words[self.index] if self.index < len(self.words) else None

    def _show(self):
        self.feedback.value = ""
        self.next_button.disabled = True
        self.check_button.disabled = False
        self._update_score()
        word = self.current if self.kind != "match" else None
        self.listen.source = vocab_source(word) if word is not None else None
        self.listen.said.value = ""
        self.listen.layout.display = "" if word is not None and self.kind == "meaning" else "none"
        if self.kind == "match":
            self._show_match()
            return
        if word is None:
            self._finish()
            return
        getattr(self, f"_show_{self.kind}")(word)

    def _choices(self, options, description="Answer"):
        self.choice = w.RadioButtons(options=options, value=None, description=description,
                                     layout=w.Layout(width="auto"))
        self.choice.add_class("dubao-choices")
        self._answer_with([self.choice])

    def _show_meaning(self, word):
        self.prompt.value = (f'<div style="font-size:2.2em">{escape(word.word)}</div>'
                             "<div>What does this word mean here?</div>")
        options = [word] + distractors(word, pool(), short_gloss, rng=self.rng)
        self.rng.shuffle(options)
        self._choices([(short_gloss(o), o.word) for o in options], "Meaning")

    def _show_cloze(self, word):
        from dubao import corpus

        sentence = corpus.sentence(word.example).text
        # every occurrence goes: 产能 is twice in qingzhen.p7.s2, and one left in would give it away
        blanked = escape(sentence).replace(escape(word.word), "<b>（　　）</b>")
        self.prompt.value = (f'<div style="font-size:1.4em;line-height:1.8">{blanked}</div>'
                             f'<div>Which word fills the gap? ({escape(word.example)})</div>')
        options = [word] + distractors(word, pool(), lambda v: v.word, rng=self.rng)
        self.rng.shuffle(options)
        self._choices([(o.word, o.word) for o in options], "Word")

    def _show_pinyin(self, word):
        self.prompt.value = (f'<div style="font-size:2.2em">{escape(word.word)}</div>'
                             "<div>Type its pinyin: tone marks (xīn) or numbers (xin1) both work.</div>")
        self.text = w.Text(placeholder="e.g. xin1 zhi4", description="Pinyin", continuous_update=False)
        self.text.add_class("dubao-pinyin-answer")
        # Text.on_submit is deprecated in ipywidgets 8; Tab then Enter reaches Check
        self._answer_with([self.text])

    def _show_match(self):
        if self.finished or self.index > 0:
            self._finish()
            return
        self.prompt.value = "<div>Match each word with its pinyin.</div>"
        syllables = [v.pinyin for v in self.words]
        shuffled = syllables[:]
        self.rng.shuffle(shuffled)
        self.matches = [w.Dropdown(options=[("—", None)] + [(p, p) for p in shuffled], value=None,
                                   description=v.word, style={"description_width": "8em"})
                        for v in self.words]
        self._answer_with(self.matches)

    def _answer_with(self, controls):
        replace_controls(self.answer_box, controls)

    # ------------------------------------------------------------------ checking
    def check(self):
        """Check the current answer and give feedback (a Button click calls this)."""
        if self.finished:
            return
        if self.kind == "match":
            return self._check_match()
        word = self.current
        if self.kind == "pinyin":
            result = answers.compare_pinyin(self.text.value, word.pinyin)
            given = self.text.value
        else:
            given = self.choice.value
            result = answers.compare_choice(given, word.word)
        self.feedback.value = feedback_html(result, right_extra=self._reveal(word))
        if result.status in ("empty", "unreadable"):
            return
        correct = result.status == "correct"
        if correct:  # after a wrong try, hearing the word would give the retry away
            self.listen.layout.display = ""
        first_try = word.word not in self._tried
        self._tried.add(word.word)
        # a review round mixes pieces: each attempt belongs to its word's piece
        record(self.lesson, f"{self.kind}:{word.word}", given, correct, word.article or self.article.id)
        if correct:
            self.score += int(first_try)
            self.check_button.disabled = True
        elif first_try:
            self.missed.append(word)
        # after a wrong try the learner may try again or move on (the word is
        # already among the missed), so a word they cannot get never ends the round
        self.next_button.disabled = False
        self._update_score()

    def _reveal(self, word) -> str:
        return f"{escape(word.word)} {escape(word.pinyin)} — {escape(short_gloss(word))}"

    def _check_match(self):
        chosen = [d.value for d in self.matches]
        if any(c is None for c in chosen):
            self.feedback.value = feedback_html(answers.Result("empty", "Choose a pinyin for every word."))
            return
        wrong = [v for v, c in zip(self.words, chosen) if c != v.pinyin]
        for v, c in zip(self.words, chosen):
            record(self.lesson, f"match:{v.word}", c, c == v.pinyin, v.article or self.article.id)
        if not wrong:
            self.score = len(self.words) - len(self.missed)
            self.feedback.value = '<div class="dubao-right">All matched!</div>'
            self.check_button.disabled = True
            self.next_button.disabled = False
        else:
            for v in wrong:
                if v not in self.missed:
                    self.missed.append(v)
            names = "、".join(escape(v.word) for v in wrong)
            self.feedback.value = f'<div class="dubao-wrong">Not yet: look again at {names}.</div>'
        self._update_score()

    def next(self):
        self.index += 1 if self.kind != "match" else len(self.words)
        self._show()

    def _update_score(self):
        self.score_label.value = score_html(self.score, self.index, len(self.words))

    def _finish(self):
        self.finished = True
        self._answer_with([])
        self.check_button.disabled = self.next_button.disabled = True
        self.prompt.value = round_over_html(self.score, len(self.words), [self._reveal(v) for v in self.missed],
                                            "Words to review:", none_missed="<div>No words missed. 很好！</div>")
        self._update_score()
