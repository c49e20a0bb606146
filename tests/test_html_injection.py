"""HTML injection: text that looks like markup (a <script>, an onerror= handler, a
javascript: link, a quote that closes an attribute, unbalanced tags) reaches every
widget that renders HTML: article text and titles in the Reader, the word panel,
an instructor's added article and its translation, learners' typed answers in the
quizzes and exercises, a student's error message in CodeCheck and PlotExercise,
context notes, lesson names in the progress view and vocabulary lists.

Each widget tree is walked and every HTML string it holds is parsed; the test fails
if the parser meets a <script> element, an on...= attribute, a javascript: URL in an
attribute or one of the marker tags the payloads carry. The same scenarios then run
with html.escape replaced by a function that returns its input, and the checker must
find the injection in every one: removing the escaping is caught.
"""

import html
import warnings
from html.parser import HTMLParser
from types import SimpleNamespace

import ipywidgets as w
import pytest

from dubao.practice import progress

MARK = "dubao-injected"  # a tag name no widget uses: seeing it as a tag means markup got through
PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '"><b>',
    f'"><{MARK}>',
    f"'><{MARK}>",
    f"</div></table></p><{MARK}>unbalanced",
]
ALL = "".join(PAYLOADS)


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found = []

    def handle_starttag(self, tag, attrs):
        if tag in ("script", MARK):
            self.found.append(f"<{tag}> element")
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append(f"{name}= handler on <{tag}>")
            if value and value.strip().lower().startswith("javascript:"):
                self.found.append(f"javascript: URL in {name} of <{tag}>")

    def handle_endtag(self, tag):
        if tag == MARK:
            self.found.append(f"</{tag}>")


def injections(text: str) -> list[str]:
    """What in this HTML would run or change the page: scripts, handlers, js links, marker tags."""
    finder = _Finder()
    finder.feed(text)
    finder.close()
    return finder.found


def html_strings(widget) -> list[str]:
    """Every HTML string a widget tree shows: HTML widgets' values and the Reader text's html."""
    found, stack, seen = [], [widget], set()
    while stack:
        item = stack.pop()
        if id(item) in seen:
            continue
        seen.add(id(item))
        if isinstance(item, (w.HTML, w.HTMLMath)):
            found.append(item.value)
        if item.has_trait("html"):
            found.append(item.html)
        if isinstance(item, w.Box):
            stack += list(item.children)
        stack += [value for value in vars(item).values() if isinstance(value, w.DOMWidget)]
    return found


def test_the_checker_finds_each_payload_raw_and_nothing_escaped():
    for payload in PAYLOADS:
        if payload != '"><b>':  # plain markup, harmless on its own; its marker twin is checked
            assert injections(f"<div>{payload}</div>"), payload
        assert not injections(f"<div>{html.escape(payload)}</div>")
        assert not injections(f'<span data-word="{html.escape(payload)}">x</span>')
    # inside an attribute only a quote that closes it lets markup out
    assert injections(f'<span data-word="{PAYLOADS[4]}">x</span>')
    assert injections(f"<span title='{PAYLOADS[5]}'>x</span>")
    assert sorted(html_strings(w.VBox([w.HTML("a"), w.HBox([w.HTML("b")])]))) == ["a", "b"]


# ------------------------------------------------------------------ the scenarios

def reader_text():
    from widgets import Reader

    reader = Reader(text=f"我们村这路{ALL}好多地方都不好走。", title=f"标题{ALL}")
    reader.pinyin_mode, reader.tone_colors = "all", True
    reader.selected_word = ALL  # the front end sends whatever data-word held
    return reader


def reader_word_from_the_text():
    from widgets import Reader

    reader = Reader(text=f"村民说：{PAYLOADS[1]}。")
    reader.selected_word = "<"
    reader.selected_word = "img"
    return reader


def reader_added_article(corpus_copy):
    """An instructor's article (as new-article writes one) with markup in every field."""
    from dubao import corpus, yamlio
    from widgets import Reader

    article = {"id": "evil", "title": f"坏标题{ALL}", "title_editorial": False, "subtitle": f"副题{ALL}",
               "kicker": None, "column": None, "source": f"来源{ALL}", "byline": f"记者{ALL}", "dateline": None,
               "date": "2025-12", "status": ["complete"], "continuation": None,
               "caption": {"text": f"图说{ALL}", "credit": ALL}, "related": [],
               "sections": [{"id": "evil.sec1", "title": f"小标题{ALL}", "subtitle": None, "paragraphs": [
                   {"id": "evil.p1", "sentences": [{"id": "evil.p1.s1", "text": f"这是一句话{ALL}。"}]}]}]}
    (corpus_copy / "articles" / "evil.yaml").write_text(yamlio.dump(article), encoding="utf-8")
    translation = {"article": "evil", "title": ALL, "caption": ALL, "sections": {"evil.sec1": ALL},
                   "sentences": {"evil.p1.s1": ALL}}
    (corpus_copy / "translations" / "evil.yaml").write_text(yamlio.dump(translation), encoding="utf-8")
    corpus.reload()
    reader = Reader("evil")
    reader.show_translation = True
    reader.selected_word = "这是"
    return reader


def vocab_quiz_pinyin():
    from widgets import VocabQuiz

    quiz = VocabQuiz("qingzhen", kind="pinyin", count=2, seed=1)
    quiz.text.value = ALL
    quiz.check()
    return quiz


def comprehension_number():
    from widgets import ComprehensionQuiz

    quiz = ComprehensionQuiz("hankaisi", questions=["hankaisi.q5"])
    quiz.current.text_box.value = ALL
    quiz.check()
    return quiz


def comprehension_short_answer():
    from widgets import ComprehensionQuiz

    quiz = ComprehensionQuiz("brief", questions=["brief.q5"])
    quiz.current.text_box.value = ALL
    quiz.check()
    return quiz


def language_focus_fill_in():
    from widgets import LanguageFocus

    focus = LanguageFocus("xinhua", items=["xinhua.lf2"])
    focus.views[0].text_box.value = ALL
    focus.check(focus.views[0])
    return focus


def code_check_returns_markup():
    from widgets import CodeCheck

    return CodeCheck(lambda: ALL, expected=557.4, kind="number", unit="亿元")


def code_check_raises_markup():
    from widgets import CodeCheck

    def broken():
        raise ValueError(ALL)

    return CodeCheck(broken, expected="x", kind="text", explanation=ALL)


def plot_exercise_number():
    from widgets import PlotExercise

    exercise = PlotExercise("wan-yi-revenue")
    exercise.answer(ALL)
    return exercise


def plot_exercise_chart_error():
    from widgets import PlotExercise

    def chart():
        raise RuntimeError(ALL)

    exercise = PlotExercise("qingzhen-capacity", plot=chart)
    exercise.run()
    return exercise


def context_note(monkeypatch):
    from dubao.content import questions
    from widgets import ContextNote

    note = SimpleNamespace(term=ALL, pinyin=ALL, title=ALL, note=ALL, sentences=[ALL], sources=[ALL])
    monkeypatch.setattr(questions, "context_note", lambda note_id: note)
    return ContextNote("any")


def progress_view():
    from widgets import ProgressView
    from widgets.common import record

    record(ALL, ALL, ALL, True, article="qingzhen")
    return ProgressView()


def vocab_list(monkeypatch):
    from dubao.content import vocabulary
    from dubao.content.vocabulary import VocabWord
    from widgets import VocabList

    word = VocabWord(word=ALL, pinyin=ALL, gloss=ALL, level=4, frequency=1, example=ALL, curated=True,
                     article="qingzhen", senses=(ALL,))
    monkeypatch.setattr(vocabulary, "vocab", lambda *args, **kwargs: [word])
    return VocabList("qingzhen")


def reader_word_status(monkeypatch):
    from widgets import Reader
    from widgets.common import store

    found = store()  # a warning that names a data folder of any name
    monkeypatch.setattr(found, "saving", False)
    monkeypatch.setattr(found, "warning", ALL)
    reader = Reader("qingzhen", status_view=True)
    reader.selected_word = "鸡粪"
    return reader


SCENARIOS = {
    "Reader text and title, panel for a clicked word": reader_text,
    "Reader panel for a word of the text": reader_word_from_the_text,
    "Reader on an instructor's added article with translations": reader_added_article,
    "VocabQuiz pinyin answer": vocab_quiz_pinyin,
    "ComprehensionQuiz number answer": comprehension_number,
    "ComprehensionQuiz short answer": comprehension_short_answer,
    "LanguageFocus fill-in answer": language_focus_fill_in,
    "CodeCheck value returned": code_check_returns_markup,
    "CodeCheck error message and explanation": code_check_raises_markup,
    "PlotExercise number answer": plot_exercise_number,
    "PlotExercise chart function error": plot_exercise_chart_error,
    "ContextNote": context_note,
    "ProgressView lesson and question names": progress_view,
    "VocabList": vocab_list,
    "Reader word status, not saved": reader_word_status,
}

# The payload reaches these widgets' HTML only as an answer that is graded and never
# shown again, so removing the escaping changes nothing there to find.
NOT_ECHOED = {"ComprehensionQuiz short answer", "LanguageFocus fill-in answer"}


def build(name, request, monkeypatch):
    scenario = SCENARIOS[name]
    wanted = scenario.__code__.co_varnames[:scenario.__code__.co_argcount]  # the fixtures it asks for
    arguments = {"monkeypatch": monkeypatch} if "monkeypatch" in wanted else {}
    if "corpus_copy" in wanted:
        arguments["corpus_copy"] = request.getfixturevalue("corpus_copy")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", progress.ProgressWarning)
        return scenario(**arguments)


@pytest.mark.parametrize("name", SCENARIOS)
def test_nothing_arrives_unescaped(name, request, monkeypatch, data_dir):
    shown = html_strings(build(name, request, monkeypatch))
    assert any(shown), "the widget shows no HTML"
    assert any(html.escape(payload) in text or html.escape(payload, quote=False) in text
               for text in shown for payload in PAYLOADS) or name in NOT_ECHOED, \
        "the payload never reached the widget's HTML, so this case tests nothing"
    found = [(finding, text[:300]) for text in shown for finding in injections(text)]
    assert found == []


@pytest.mark.parametrize("name", [n for n in SCENARIOS if n not in NOT_ECHOED])
def test_the_checker_catches_the_injection_when_escaping_is_removed(name, request, monkeypatch, data_dir):
    """A test of the test: with html.escape (which widgets.rendering.escape and
    widgets.common use) made to return its input, every scenario is caught."""
    monkeypatch.setattr(html, "escape", lambda text, quote=True: text)
    from widgets import reader

    reader.reload()
    shown = html_strings(build(name, request, monkeypatch))
    assert [finding for text in shown for finding in injections(text)] != []
