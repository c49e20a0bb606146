"""The writing quiz: write a key word's characters from its meaning and pinyin,
stroke by stroke, in hanzi-writer's quiz mode (a ``Strokes`` widget). A stroke
missed twice is shown as a hint. When every character is written, each one's
mistakes and hints go to the learner's progress store (``Store.record_writing``)
and the word counts as one attempt ``writing:<word>``, right when it needed no
hint.

    WritingQuiz("qingzhen", words=["鸡粪", "养殖"])
"""

import random

import ipywidgets as w
import traitlets

from dubao.language.characters import writable
from dubao.practice.writing import without_hint

from widgets.common import store
from widgets.rendering import escape
from widgets.strokes import Strokes

HINT_AFTER = 2  # mistakes on one stroke before it is shown


def _gloss(word) -> str:
    return (word.gloss or (word.senses[0] if word.senses else "")).split(";")[0].strip()


class WritingQuiz(w.VBox):
    """Write some key words of an article from memory. See the module docstring."""

    index = traitlets.Int(0, help="Which word of the round is shown.")
    score = traitlets.Int(0, help="Words written without a hint.")
    finished = traitlets.Bool(False, help="True once every word has been written.")

    def __init__(self, article, words=None, count: int = 4, seed: int | None = None, lesson: str | None = None,
                 hint_after: int = HINT_AFTER, **kwargs):
        from dubao import corpus
        from dubao.content.vocabulary import vocab

        self.article = corpus.article(article)
        self.lesson = lesson or f"writing-{self.article.id}"
        found = {v.word: v for v in vocab(self.article.id)}
        if words:
            missing = [word for word in words if word not in found]
            if missing:
                raise corpus.NotFound(f"{self.article.id}: {', '.join(missing)} not among its words "
                                      "(python -m dubao vocab lists them)")
            self.words = [found[word] for word in words if writable(word)]
        else:
            pool = [v for v in found.values() if v.curated and writable(v.word)]
            self.words = random.Random(seed).sample(pool, min(count, len(pool)))
        self.results: list[dict] = []   # per word written: {"word", "characters", "correct"}
        self.prompt = w.HTML()
        self.prompt.add_class("dubao-writing-prompt")
        self.pad = Strokes("", mode="quiz", size=150, hint_after=hint_after)
        self.pad.observe(self._on_pad, names=["results"])
        self.show_button = w.Button(description="Show me", tooltip="Watch the characters being written, "
                                                                    "then write them again")
        self.show_button.on_click(lambda _: self.show_me())
        self.again_button = w.Button(description="Write it", tooltip="Write the word from memory again")
        self.again_button.on_click(lambda _: self._start())
        self.next_button = w.Button(description="Next word", disabled=True)
        self.next_button.add_class("dubao-next")
        self.next_button.on_click(lambda _: self.next())
        self.feedback = w.HTML()
        self.feedback.add_class("dubao-writing-feedback")
        super().__init__([self.prompt, self.pad, w.HBox([self.show_button, self.again_button, self.next_button]),
                          self.feedback], **kwargs)
        self.add_class("dubao-writing-quiz")
        self._start()

    @property
    def current(self):
        return self.words[self.index] if self.index < len(self.words) else None

    def _start(self):
        word = self.current
        self.feedback.value = ""
        self._written = False
        if word is None:
            self.finished = True
            self.prompt.value = (f"<b>Done: {self.score} of {len(self.words)} written without a hint.</b>"
                                 if self.words else "No key word of this piece can be written here.")
            self.pad.layout.display = "none"
            for button in (self.show_button, self.again_button, self.next_button):
                button.layout.display = "none"
            return
        self.prompt.value = (f"<div class='dubao-meta'>Word {self.index + 1} of {len(self.words)}: write</div>"
                             f"<div style='font-size:1.4em'>{escape(word.pinyin)} — {escape(_gloss(word))}</div>"
                             f"<div class='dubao-meta'>{len(word.word)} characters, stroke by stroke; "
                             f"a stroke missed {self.pad.hint_after} times is shown.</div>")
        self.pad.mode = "quiz"
        if self.pad.text == word.word:
            self.pad.results = []
            self.pad.replay += 1  # the browser starts the quiz again
        else:
            self.pad.text = word.word

    def show_me(self):
        self.pad.animate()

    def _on_pad(self, change):
        results = change["new"]
        drawable = [entry for entry in self.pad.characters if entry["data"] is not None]
        finished = len(results) >= len(drawable) and all(r.get("done") for r in results)
        if self._written or self.pad.mode != "quiz" or not finished:
            return
        self.finish(results)

    def finish(self, characters: list[dict]) -> bool:
        """Record one written word (per character: mistakes, hints, strokes) and say how it went."""
        word = self.current
        if word is None or self._written:
            return False
        self._written = True
        correct = without_hint(characters)
        found = store()
        if found is not None:
            try:
                correct = found.record_writing(self.lesson, word.word, characters, article=word.article or
                                               self.article.id)
            except Exception as error:  # noqa: BLE001 - saving must never stop a lesson
                self.feedback.value = f"<div class='dubao-prompt'>Not saved: {escape(str(error))}</div>"
        self.results.append({"word": word.word, "characters": characters, "correct": correct})
        self.score += int(correct)
        lines = "".join(f"<li>{escape(c['character'])}: {c['mistakes']} mistake(s), {c['hints']} hint(s)</li>"
                        for c in characters)
        verdict = ("<div class='dubao-right' style='color:#1a7f37'>✔ Written without a hint.</div>" if correct else
                   "<div class='dubao-prompt' style='color:#8a6100'>Written, with hints: try it again later.</div>")
        self.feedback.value = f"{verdict}<ul>{lines}</ul>"
        self.next_button.disabled = False
        return correct

    def next(self):
        self.index += 1
        self.next_button.disabled = True
        self._start()
