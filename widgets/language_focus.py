"""Language focus: the sentence patterns, set phrases and metaphors of one piece
(``corpus/language-focus.yaml``), each shown with its meaning, an explanation,
its own example highlighted in the page's sentence, and a short exercise that is
checked like a comprehension question (same input, feedback and progress record).

    >>> focus = LanguageFocus("xinhua")
    >>> focus.views[0].input.value = "A"
    >>> focus.views[0].check.click()
    >>> focus.score
    1
"""

from dubao import corpus
from dubao.corpus.highlight import highlight
from dubao.errors import NotFound
from widgets.comprehension import ComprehensionQuiz
from widgets.rendering import escape

import ipywidgets as w


def pattern_html(item) -> str:
    """The pattern card: pattern, meaning, explanation and the example in its sentence."""
    sentence = corpus.sentence(item.sentence).text
    example = highlight(sentence, item.example)
    return (f"<div class='dubao-pattern' style='border-left:4px solid #c9a227;padding:0.2em 0.9em;"
            f"max-width:46em;margin-top:0.8em'>"
            f"<div style='font-size:1.5em'><b>{escape(item.pattern)}</b></div>"
            f"<div><i>{escape(item.meaning)}</i></div><p>{escape(item.explanation)}</p>"
            f"<div class='dubao-example' style='font-size:1.2em;line-height:1.9'>{example} "
            f"<span class='dubao-meta'>({escape(item.sentence)})</span></div></div>")


class LanguageFocus(ComprehensionQuiz):
    """Every language-focus item of an article (or the ids given), all shown at once."""

    def __init__(self, article, items=None, lesson: str | None = None, **kwargs):
        from dubao.content import questions as bank

        article_id = corpus.article(article).id
        chosen = bank.language_focus(article_id)
        if items is not None:
            known = {item.id: item for item in chosen}
            missing = [i for i in items if i not in known]
            if missing:
                raise NotFound(f"no language-focus item {missing[0]!r} in {article_id}; "
                               f"items: {', '.join(known)}")
            chosen = [known[i] for i in items]
        if not chosen:
            raise NotFound(f"no language-focus items for {article_id} (corpus/language-focus.yaml)")
        self.items = chosen
        with_exercise = [item for item in chosen if item.exercise is not None]
        super().__init__(article_id, questions=[item.exercise for item in with_exercise], show_all=True,
                         lesson=lesson or f"language-focus-{article_id}", **kwargs)
        for item, view in zip(with_exercise, self.views):
            view.children = (w.HTML(pattern_html(item)),) + tuple(view.children)
        cards_only = [w.HTML(pattern_html(item)) for item in chosen if item.exercise is None]
        self.body.children = tuple(self.body.children) + tuple(cards_only)
        self.add_class("dubao-language-focus")

    def _header_html(self) -> str:
        return (super()._header_html().replace("Comprehension:", "Language focus:")
                .replace("question(s)", "exercise(s)"))
