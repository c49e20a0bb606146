"""The comprehension quiz: an article's question bank (or a chosen subset) asked one
question at a time or all at once, with the right input for each kind of question
(choices, a number with its unit, drop-downs for ordering and matching, a box for a
short answer). Each answer is checked at once by
``dubao.practice.question_grading.grade``; the explanation and the evidence
sentences, highlighted in their paragraph, are shown after any answer or only
after a right one (``reveal``). The quiz keeps a score, allows a retry, and
records every graded attempt in the progress store.

    >>> quiz = ComprehensionQuiz("qingzhen", questions=["qingzhen.q8"])
    >>> quiz.current.input.value = "2440万羽"
    >>> quiz.current.check.click()
    >>> quiz.score
    1
"""

import json

import ipywidgets as w
import traitlets

from dubao.errors import NotFound
from dubao.language import hsk
from dubao.practice.question_grading import grade
from widgets.common import feedback_html, record
from widgets.rendering import escape

TRUTH_OPTIONS = [("True 对", "true"), ("False 错", "false"), ("Not given 文中未提及", "not-given")]
CSS = """
<style>
.dubao-quiz .dubao-question { font-size: 1.1em; margin: 0.3em 0 0.5em; max-width: 46em; }
.dubao-quiz .dubao-statement { font-size: 1.15em; background: #f4f6f8; padding: 0.3em 0.7em;
  border-left: 4px solid #8fa3b8; }
.dubao-quiz .dubao-explanation { margin: 0.4em 0; max-width: 46em; }
.dubao-evidence .dubao-evidence-paragraph { line-height: 1.9; max-width: 46em; color: #444; }
.dubao-evidence mark { background: #fff0a8; color: #111; padding: 0 2px; }
.dubao-evidence sup { color: #667; font-size: 0.7em; margin-left: 2px; }
/* ipywidgets gives each radio option one line's height: a long option wrapped onto
   the next one, hiding its button (seen in lesson 07) */
.dubao-choices .widget-radio-box label { display: flex; align-items: flex-start; height: auto;
  line-height: 1.4; margin: 0.15em 0; }
/* in a flex box the button's float: left no longer applies: order puts it first */
.dubao-choices .widget-radio-box input { flex-shrink: 0; height: 1.4em; order: -1; }
</style>
"""


def evidence_html(question) -> str:
    """The evidence sentences of a question, highlighted inside their paragraphs."""
    from dubao import corpus

    if not question.evidence:
        return ""
    wanted = set(question.evidence)
    paragraphs, seen = [], set()
    for sentence_id in question.evidence:
        paragraph = corpus.paragraph_of(sentence_id)
        if paragraph.id not in seen:
            seen.add(paragraph.id)
            paragraphs.append((corpus.sentence(sentence_id).article, paragraph))
    parts = []
    for article_id, paragraph in paragraphs:
        source = "" if article_id == question.article else \
            f"<div class='dubao-meta'>From {escape(corpus.article(article_id).title)}</div>"
        text = "".join(
            f"<mark class='dubao-evidence-sentence' data-sentence='{escape(s.id)}'>{escape(s.text)}</mark>"
            f"<sup>{escape(s.number)}</sup>" if s.id in wanted else escape(s.text)
            for s in paragraph.sentences)
        parts.append(f"{source}<p class='dubao-evidence-paragraph'>{text}</p>")
    return "<div><b>Where the page says it</b></div>" + "".join(parts)


class QuestionView(w.VBox):
    """One question: its prompt, the input for its type, Check and Retry, the
    feedback and (when revealed) the explanation and evidence."""

    def __init__(self, question, quiz):
        self.question, self.quiz = question, quiz
        self.status = ""  # "" (not answered), "correct" or "wrong": the last graded answer
        self.prompt = w.HTML(self._prompt_html())
        self.prompt.add_class("dubao-quiz-prompt")
        self.dropdowns: dict | list = {}
        self.input = self._make_input()
        self.check = w.Button(description="Check", button_style="primary", tooltip="Check your answer")
        self.check.add_class("dubao-check")
        self.retry = w.Button(description="Retry", tooltip="Clear your answer and try again")
        self.retry.add_class("dubao-retry")
        self.feedback = w.HTML()
        self.feedback.add_class("dubao-feedback")
        self.evidence = w.HTML()
        self.evidence.add_class("dubao-evidence")
        self.check.on_click(lambda _: quiz.check(self))
        self.retry.on_click(lambda _: self.reset())
        super().__init__([self.prompt, self.input, w.HBox([self.check, self.retry]), self.feedback,
                          self.evidence])
        self.add_class("dubao-question-view")

    # ---------------------------------------------------------------- the prompt
    def _prompt_html(self) -> str:
        q = self.question
        stars = "★" * (q.difficulty or 0)
        meta = " · ".join(x for x in [q.skill or "", hsk.label(q.level) if q.level else "", stars] if x)
        if q.type == "true-false-not-given":
            ask = ("<div>Is this true, false, or not given on the page?</div>"
                   f"<div class='dubao-statement'>{escape(q.statement)}</div>")
        else:
            ask = escape(q.prompt)
        listing = ""
        if q.type == "ordering":
            listing = "".join(f"<li><b>{escape(k)}</b>. {escape(v)}</li>" for k, v in q.items.items())
            listing = f"<ul style='list-style:none;padding-left:0.5em'>{listing}</ul>"
        return (f"<div class='dubao-meta'>{escape(q.id)} · {escape(meta)}</div>{self._piece_html()}"
                f"<div class='dubao-question'>{ask}</div>{listing}")

    def _piece_html(self) -> str:
        """In a review quiz mixing pieces, name the piece each question is about."""
        from dubao import corpus

        if len(self.quiz.pieces) < 2:
            return ""
        return f"<div class='dubao-meta'>From {escape(corpus.article(self.question.article).title)}</div>"

    # ----------------------------------------------------------------- the input
    def _make_input(self):
        q = self.question
        if q.type in ("multiple-choice", "true-false-not-given"):
            options = ([(f"{k}. {v}", k) for k, v in q.choices.items()] if q.type == "multiple-choice"
                       else TRUTH_OPTIONS)
            box = w.RadioButtons(options=options, value=None, layout=w.Layout(width="auto", max_width="48em"))
            box.add_class("dubao-choices")
            return box
        if q.type in ("numeric", "fill-in"):
            unit = q.answer.get("unit", "") if q.type == "numeric" else ""
            box = w.Text(placeholder=f"a number, in {unit}" if unit else "your answer",
                         description="Answer", continuous_update=False)
            box.add_class("dubao-answer-text")
            self.unit_label = w.HTML(escape(unit))
            self._answer_text = box
            return box if not unit else _with_unit(box, self.unit_label)
        if q.type == "short-answer":
            box = w.Textarea(placeholder="Write your answer in English or Chinese",
                             layout=w.Layout(width="36em", height="5em"))
            box.add_class("dubao-answer-text")
            return box
        if q.type == "ordering":
            return self._ordering_input()
        return self._matching_input()

    def _ordering_input(self):
        options = [("—", None)] + [(f"{k}. {_short(v)}", k) for k, v in self.question.items.items()]
        self.dropdowns = [w.Dropdown(options=options, value=None, description=f"{n}.",
                                     layout=w.Layout(width="36em"), style={"description_width": "2.5em"})
                          for n in range(1, len(self.question.items) + 1)]
        box = w.VBox([w.HTML("<div class='dubao-meta'>Earliest / first at the top</div>"), *self.dropdowns])
        box.add_class("dubao-ordering")
        return box

    def _matching_input(self):
        right = self.question.right
        options = [("—", None)] + [(f"{k}. {_short(v)}", k) for k, v in right.items()]
        self.dropdowns = {k: w.Dropdown(options=options, value=None, layout=w.Layout(width="32em"))
                          for k in self.question.left}
        rows = [w.HBox([w.HTML(f"<b>{escape(k)}</b>. {escape(v)}", layout=w.Layout(width="16em")),
                        self.dropdowns[k]]) for k, v in self.question.left.items()]
        box = w.VBox(rows)
        box.add_class("dubao-matching")
        return box

    @property
    def text_box(self):
        """The widget that holds a typed or chosen answer (not for ordering/matching)."""
        return getattr(self, "_answer_text", None) or self.input

    def answer(self):
        """What the learner has given so far, in the form ``question_grading.grade`` reads."""
        if self.question.type == "ordering":
            return [d.value for d in self.dropdowns]
        if self.question.type == "matching":
            return {k: d.value for k, d in self.dropdowns.items()}
        return self.text_box.value

    def reset(self):
        """Clear the answer, the feedback and the evidence for another try."""
        if isinstance(self.dropdowns, dict):
            widgets = list(self.dropdowns.values())
        else:
            widgets = list(self.dropdowns)
        for dropdown in widgets:
            dropdown.value = None
        if not widgets:
            self.text_box.value = None if isinstance(self.text_box, w.RadioButtons) else ""
        self.feedback.value = self.evidence.value = ""
        self.check.disabled = False


def _with_unit(box, label):
    row = w.HBox([box, label], layout=w.Layout(align_items="center"))
    label.layout.margin = "0 0 0 0.5em"
    row.add_class("dubao-numeric")
    return row


def _short(text: str, limit: int = 70) -> str:
    """Drop-down labels stay on one line; the full text is in the prompt."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


class ComprehensionQuiz(w.VBox):
    """Comprehension questions on one article. See the module docstring."""

    index = traitlets.Int(0, help="Which question is shown when one at a time (0-based).")
    reveal = traitlets.Enum(["any", "correct"], "any",
                            help="Show the explanation and evidence after any answer, or only a right one.")
    show_all = traitlets.Bool(False, help="Show every question at once instead of one at a time.")
    score = traitlets.Int(0, help="How many questions have been answered right (at any try).")
    first_try = traitlets.Int(0, help="How many were right at the first try.")

    def __init__(self, article, questions=None, reveal: str = "any", show_all: bool = False,
                 lesson: str | None = None, **kwargs):
        from dubao import corpus
        from dubao.content import questions as bank

        self.article = corpus.article(article)
        self.lesson = lesson or f"comprehension-{self.article.id}"
        chosen = bank.questions(self.article.id) if questions is None else \
            [q if hasattr(q, "type") else bank.question(q) for q in questions]
        if not chosen:
            raise NotFound(f"no questions for {self.article.id}; see python -m dubao questions")
        self.questions = chosen
        # a review lesson may mix questions of several pieces; each keeps its own article
        self.pieces = list(dict.fromkeys(q.article for q in chosen))
        self.views = [QuestionView(q, self) for q in chosen]
        self._tried: set[str] = set()
        self.header = w.HTML(self._header_html())
        self.score_label = w.HTML()
        self.score_label.add_class("dubao-score")
        self.previous_button = w.Button(description="Previous", icon="arrow-left")
        self.next_button = w.Button(description="Next", icon="arrow-right")
        self.previous_button.add_class("dubao-previous")
        self.next_button.add_class("dubao-next")
        self.previous_button.on_click(lambda _: self._move(-1))
        self.next_button.on_click(lambda _: self._move(1))
        self.navigation = w.HBox([self.previous_button, self.next_button])
        self.body = w.VBox()
        super().__init__([self.header, self.score_label, self.body, self.navigation], **kwargs)
        self.add_class("dubao-quiz")
        self.reveal, self.show_all = reveal, show_all
        self._show()

    def _header_html(self) -> str:
        from dubao import corpus

        if len(self.pieces) > 1:
            titles = " · ".join(escape(corpus.article(a).title) for a in self.pieces)
            return (f"{CSS}<h3 style='margin:0.2em 0'>Review: questions from {len(self.pieces)} pieces</h3>"
                    f"<div class='dubao-meta'>Comprehension: {len(self.questions)} question(s) from "
                    f"{titles}</div>")
        notes = "".join(f"<div class='dubao-banner'>{escape(n)}</div>" for n in self.article.status_notes)
        return (f"{CSS}<h3 style='margin:0.2em 0'>{escape(self.article.title)}</h3>"
                f"<div class='dubao-meta'>Comprehension: {len(self.questions)} question(s)</div>{notes}")

    # ---------------------------------------------------------------- navigation
    @property
    def current(self) -> QuestionView:
        return self.views[self.index]

    @traitlets.validate("index")
    def _valid_index(self, proposal):
        return min(max(0, int(proposal["value"])), len(self.views) - 1) if hasattr(self, "views") else 0

    @traitlets.observe("index", "show_all")
    def _on_view_change(self, change):
        if hasattr(self, "body"):
            self._show()

    def _move(self, step: int):
        self.index += step

    def _show(self):
        self.body.children = self.views if self.show_all else [self.current]
        self.navigation.layout.display = "none" if self.show_all else ""
        self.previous_button.disabled = self.index == 0
        self.next_button.disabled = self.index == len(self.views) - 1
        self._update_score()

    def _update_score(self):
        position = "" if self.show_all else f"Question {self.index + 1} of {len(self.views)} · "
        self.score_label.value = (f"<b>{position}Score: {self.score} of {len(self.views)} right</b>"
                                  f" <span class='dubao-meta'>({self.first_try} at the first try)</span>")

    # ------------------------------------------------------------------ checking
    def check(self, view: QuestionView | None = None):
        """Grade a question's answer and show feedback (its Check button calls this)."""
        view = view or self.current
        question, given = view.question, view.answer()
        result = grade(question, given)
        graded = result.status in ("correct", "wrong")
        show = graded and (self.reveal == "any" or result.status == "correct")
        explanation = (f"<div class='dubao-explanation'><b>Why:</b> {escape(question.explanation)}</div>"
                       if show else "")
        view.feedback.value = feedback_html(result) + explanation
        view.evidence.value = evidence_html(question) if show else ""
        if not graded:  # an empty or unreadable answer is a prompt, not an attempt
            return result
        correct = result.status == "correct"
        first = question.id not in self._tried
        self._tried.add(question.id)
        if correct and view.status != "correct":
            self.score += 1
            self.first_try += int(first)
        elif not correct and view.status == "correct":
            self.score -= 1
        view.status = result.status
        view.check.disabled = correct
        record(self.lesson, question.id, _as_text(given), correct, question.article)
        self._update_score()
        return result

    @traitlets.observe("reveal")
    def _on_reveal(self, change):
        """Hide what a stricter setting would not have shown yet."""
        if change["new"] == "correct" and hasattr(self, "views"):
            for view in self.views:
                if view.status != "correct":
                    view.evidence.value = ""
                    view.feedback.value = view.feedback.value.split("<div class='dubao-explanation'>")[0]


def _as_text(answer) -> str:
    """Answers are saved as text: orderings and matchings as JSON."""
    if isinstance(answer, (list, dict)):
        return json.dumps(answer, ensure_ascii=False)
    return "" if answer is None else str(answer)
