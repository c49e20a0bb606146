"""The Reader: an article of the page (or an instructor's own text) with pinyin on
demand, tone colours, tap-to-gloss, sentence translations and marked corrections.

    Reader("qingzhen")                 # a piece of the page, by id
    Reader(corpus.article("liuli"))    # an Article object
    Reader(text="我们村这路，好多地方都不好走。")   # any passage

Its state is traits (``show_pinyin``, ``pinyin_mode``, ``tone_colors``, ``level``,
``show_translation``, ``font_size``, ``selected_word``, ``status_view``), so a test
sets a trait and checks ``reader.html`` or ``reader.gloss_html`` without a browser.
The learner's word statuses (new, learning, known; ``widgets.word_status``) show
in the word panel, in the status view and in the coverage above the text. Long texts are
shown one part at a time, so a very long article does not freeze the kernel.
"""

import ipywidgets as w
import traitlets

from dubao import corpus
from dubao.corpus.highlight import highlight
from dubao.language import hsk
from dubao.language.reading import source_names
from widgets import listen, rendering
from widgets.characters import WordCharacters
from widgets.rendering import Settings, escape
from widgets.text_view import TextView
from widgets.word_status import ReaderStatuses, StatusBar, WordStatusPanel

PINYIN_MODES = [("Off", "off"), ("All words", "all"), ("Above my level", "above"),
                ("Words I don't know yet", "unknown")]
LEVELS = [(hsk.label(n), n) for n in hsk.LEVELS]
MIN_FONT, MAX_FONT = 14, 32  # pixels; the slider's range
PART_CHARS = 6000  # about one newspaper column block: quick to annotate and render

_token_cache: dict[str, list] = {}


def reload() -> None:
    """Forget the sentences annotated in this session (the benchmark times a
    first view; a test swaps the engine's escaping)."""
    _token_cache.clear()


def annotate_cached(text: str) -> list:
    """Tokens of a sentence, remembered for the session (sentences repeat across views)."""
    tokens = _token_cache.get(text)
    if tokens is None:
        import dubao

        tokens = _token_cache[text] = dubao.annotate(text)
    return tokens


class Reader(ReaderStatuses, w.VBox):
    """Read an article with scaffolding. See the module docstring."""

    show_pinyin = traitlets.Bool(False, help="Show pinyin over the characters.")
    pinyin_mode = traitlets.Enum(["off", "all", "above", "unknown"], "off",
                                 help="off, all words, only words above the learner's HSK level, "
                                      "or only words the learner does not know yet.")
    tone_colors = traitlets.Bool(False, help="Colour characters and pinyin by tone.")
    level = traitlets.Int(4, help="The learner's HSK level (1–6, 7 for 7–9); saved between sessions.")
    show_translation = traitlets.Bool(False, help="Show each sentence's English translation.")
    font_size = traitlets.Int(20, help="Text size in pixels.")
    selected_word = traitlets.Unicode("", help="The word whose gloss is shown.")
    part = traitlets.Int(0, help="Which part of a long text is shown (0-based).")
    status_view = traitlets.Bool(False, help="Show each word's status: new underlined, learning tinted by "
                                             "level, known plain.")

    def __init__(self, article=None, *, text: str | None = None, title: str = "", sections=None,
                 paragraphs=None, **kwargs):
        """``sections`` picks part of a long article, by section id or number
        (``sections=[3, 4]`` or ``["xinhua.sec3", "xinhua.sec4"]``), for a lesson
        that reads it section by section; ``paragraphs`` picks paragraphs by id
        (``["liuli.p3"]``) for a short passage."""
        self.article = _resolve(article, text, title)
        chosen = chosen_paragraphs(self.article, sections)
        if paragraphs is not None:
            chosen = _only_paragraphs(self.article, chosen, paragraphs)
        self.parts = _split_parts(chosen)
        self._selected_sentence = ""
        self._has_translation = any(s.en for s in self.article.sentences)
        self._read_statuses()
        self._build_controls()
        self.text_view = TextView()
        self.text_view.add_class("dubao-reader-body")
        self.text_view.layout = w.Layout(flex="3 1 32em", min_width="20em")
        self.panel = w.HTML()
        self.panel.add_class("dubao-gloss-panel")
        # under the gloss: the word's status and the buttons that change it, then each
        # character of the chosen word (strokes, readings, other words)
        self.word_panel = WordStatusPanel(self)
        self.characters_panel = WordCharacters(self)
        # above it: ▶ word and ▶ sentence, which the speakers after the sentences also use
        self.listening_panel = listen.for_reader(self)
        side = w.VBox([self.listening_panel, self.panel, self.word_panel, self.characters_panel],
                      layout=w.Layout(flex="1 1 16em", min_width="14em", max_width="24em", padding="0 0 0 1em"))
        body = w.HBox([self.text_view, side], layout=w.Layout(flex_flow="row wrap", width="100%"))
        self.status_bar = StatusBar(self)
        super().__init__([self.controls, self.status_bar, body], **kwargs)
        self.add_class("dubao-reader")
        self.level = _saved_level(self.level)
        if "status_view" not in kwargs:  # the learner's last choice, as for the level
            self.status_view = self.saved_status_view()
        self.text_view.observe(self._on_click, names=["selected_word"])
        self._sync_controls()
        self._rerender()
        self._show_panel()

    # ----------------------------------------------------------------- controls
    def _build_controls(self):
        # description_width "initial": a label is as wide as its text, never cut to "My le…"
        self.pinyin_control = w.ToggleButtons(options=PINYIN_MODES, value="off", description="Pinyin",
                                              tooltips=["No pinyin", "Pinyin over every word",
                                                        "Pinyin only over words above your HSK level",
                                                        "Pinyin over every word you have not marked known"],
                                              style={"button_width": "auto", "description_width": "initial"})
        self.pinyin_control.add_class("dubao-pinyin-toggle")
        self.level_control = w.Dropdown(options=LEVELS, value=4, description="My level",
                                        tooltip="Your HSK level: pinyin can be shown "
                                                "only over words above it",
                                        style={"description_width": "initial"},
                                        layout=w.Layout(width="13em", min_width="13em"))
        self.tone_control = w.Checkbox(value=False, description="Tone colours", indent=False,
                                       layout=w.Layout(width="auto"))
        self.translation_control = w.Checkbox(value=False, description="English", indent=False,
                                              layout=w.Layout(width="auto",
                                                              display="" if self._has_translation else "none"))
        # re-rendered on release, not at every step of a drag
        self.size_control = w.IntSlider(value=20, min=MIN_FONT, max=MAX_FONT, step=2, description="Text size",
                                        readout=True, continuous_update=False,
                                        style={"description_width": "initial"}, layout=w.Layout(width="18em"))
        part_names = [(f"Part {i + 1} of {len(self.parts)}: {label}", i) for i, (label, _) in enumerate(self.parts)]
        self.part_control = w.Dropdown(options=part_names, value=0, description="Part",
                                       style={"description_width": "initial"},
                                       layout=w.Layout(display="" if len(self.parts) > 1 else "none"))
        for trait, control in [("pinyin_mode", self.pinyin_control), ("level", self.level_control),
                               ("tone_colors", self.tone_control), ("show_translation", self.translation_control),
                               ("font_size", self.size_control), ("part", self.part_control)]:
            w.link((self, trait), (control, "value"))
        self.controls = w.HBox([self.pinyin_control, self.level_control, self.tone_control,
                                self.translation_control, self.size_control, self.part_control],
                               layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="0.4em 1em"))
        self.controls.add_class("dubao-reader-controls")

    def _sync_controls(self):
        self.text_view.font_size = self.font_size

    # -------------------------------------------------------------------- traits
    @traitlets.observe("show_pinyin")
    def _on_show_pinyin(self, change):
        if change["new"] and self.pinyin_mode == "off":
            self.pinyin_mode = "all"
        elif not change["new"]:
            self.pinyin_mode = "off"

    @traitlets.observe("pinyin_mode")
    def _on_pinyin_mode(self, change):
        self.show_pinyin = change["new"] != "off"
        self._rerender()

    @traitlets.validate("level")
    def _valid_level(self, proposal):
        return min(7, max(1, int(proposal["value"])))

    @traitlets.observe("level")
    def _on_level(self, change):
        _save_level(change["new"])
        if self.pinyin_mode == "above":
            self._rerender()

    @traitlets.observe("status_view")
    def _on_status_view(self, change):
        self.save_status_view(change["new"])
        self._rerender()
        if hasattr(self, "status_bar"):
            self.status_bar.show()

    @traitlets.observe("tone_colors", "show_translation", "part")
    def _on_display_change(self, change):
        self._rerender()
        if change["name"] == "part" and hasattr(self, "status_bar"):
            self.status_bar.show()  # a long text's coverage is the part's

    @traitlets.validate("font_size")
    def _valid_font_size(self, proposal):
        return min(MAX_FONT, max(MIN_FONT, int(proposal["value"])))

    @traitlets.observe("font_size")
    def _on_font_size(self, change):
        self.text_view.font_size = change["new"]
        self._rerender()

    @traitlets.observe("selected_word")
    def _on_selected(self, change):
        if self.text_view.selected_word != change["new"]:
            self.text_view.selected_word = change["new"]
        self._rerender()
        self._show_panel()

    def _show_panel(self):
        # a labelled region, so a screen reader can find the word details and hears them change
        self.panel.value = (f'<div role="region" aria-live="polite" aria-label="Word details">'
                            f"{self.gloss_html}</div>")
        if hasattr(self, "word_panel"):
            self.word_panel.show()

    def _on_click(self, change):
        self._selected_sentence = self.text_view.selected_sentence
        self.selected_word = change["new"]

    # ----------------------------------------------------------------- rendering
    @property
    def settings(self) -> Settings:
        return Settings(pinyin_mode=self.pinyin_mode, level=self.level, tone_colors=self.tone_colors,
                        show_translation=self.show_translation and self._has_translation,
                        selected_word=self.selected_word, font_size=self.font_size,
                        word_status=self._token_status, status_view=self.status_view)

    @property
    def html(self) -> str:
        """The HTML of the text as the learner sees it now."""
        return self.text_view.html

    @property
    def gloss_html(self) -> str:
        """The HTML of the word panel for ``selected_word``."""
        return _gloss_panel(self.article, self.selected_word, self._selected_sentence)

    def _rerender(self):
        if not hasattr(self, "text_view"):
            return
        settings = self.settings
        classes = ("dubao-text" + ("" if settings.pinyin_mode != "off" else " no-pinyin")
                   + (" status-view" if settings.status_view else ""))
        label, paragraphs = self.parts[self.part]
        body = [_header(self.article, settings) if self.part == 0 else ""]
        for section, section_paragraphs in _by_section(self.article, paragraphs):
            if section.title and section_paragraphs[0] is section.paragraphs[0]:
                body.append(_heading(section, settings))
            body += [_paragraph(p, settings) for p in section_paragraphs]
        self.text_view.html = (f'<div class="{classes}" style="font-size:{settings.font_size}px">'
                               f'{"".join(body)}</div>')


    def part_texts(self, index: int) -> list[str]:
        """Every line that part ``index`` shows (headings on the first part only)."""
        from dubao.practice.word_status import shown_lines

        return shown_lines(self.article, self.parts[index][1], headers=index == 0)


# --------------------------------------------------------------------- helpers

def _resolve(article, text, title):
    if text is not None:
        return corpus.article_from_text(text, "my-text", title)
    if article is None:
        raise ValueError("Reader needs an article id, an Article, or text=...")
    return corpus.article(article)


def chosen_paragraphs(article, sections) -> list:
    if sections is None:
        return article.paragraphs
    ids = [s.id for s in article.sections]
    chosen = []
    for wanted in sections:
        section_id = f"{article.id}.sec{wanted}" if isinstance(wanted, int) else str(wanted)
        if section_id not in ids:
            raise corpus.NotFound(f"{article.id} has no section {wanted!r}; its sections are "
                                  f"{', '.join(ids)} (or numbers 1–{len(ids)})")
        chosen.append(section_id)
    return [p for s in article.sections if s.id in chosen for p in s.paragraphs]


def _only_paragraphs(article, chosen, wanted) -> list:
    known = {p.id for p in article.paragraphs}
    for paragraph_id in wanted:
        if paragraph_id not in known:
            raise corpus.NotFound(f"{article.id} has no paragraph {paragraph_id!r}; "
                                  f"ids look like {article.id}.p1 … {article.id}.p{len(known)}")
    return [p for p in chosen if p.id in set(wanted)]


def _split_parts(paragraphs) -> list[tuple[str, list]]:
    """Group paragraphs into parts of about PART_CHARS characters, at paragraph breaks."""
    parts, current, size = [], [], 0
    for paragraph in paragraphs:
        if current and size + len(paragraph.text) > PART_CHARS:
            parts.append(current)
            current, size = [], 0
        current.append(paragraph)
        size += len(paragraph.text)
    if current or not parts:
        parts.append(current)
    return [(f"{p[0].sentences[0].text[:10]}…" if p and p[0].sentences else "", p) for p in parts]


def _by_section(article, paragraphs):
    wanted = {p.id for p in paragraphs}
    for section in article.sections:
        inside = [p for p in section.paragraphs if p.id in wanted]
        if inside:
            yield section, inside


def _annotated(text, sentence_id, settings, corrections=()):
    return rendering.render_sentence(annotate_cached(text), sentence_id, settings, corrections)


def _header(article, settings) -> str:
    parts = []
    if article.kicker or article.column:
        parts.append(f'<div class="dubao-meta">{_annotated(article.kicker or article.column, f"{article.id}.kicker", settings)}</div>')
    if article.title:
        tag = (f' <span class="dubao-tag" title="{escape(article.title_reason or "")}">editorial title</span>'
               if article.title_editorial else "")
        parts.append(f'<h2 class="dubao-title">{_annotated(article.title, f"{article.id}.title", settings)}{tag}</h2>')
        if settings.show_translation and article.title_en:
            parts.append(f'<span class="dubao-translation">{escape(article.title_en)}</span>')
    if article.subtitle:
        parts.append(f'<div class="dubao-subtitle">——{_annotated(article.subtitle, f"{article.id}.subtitle", settings)}</div>')
    meta = [x for x in (article.byline, article.dateline, article.source if not article.dateline else None,
                        article.date) if x]
    if meta:
        # bylines and the paper's name are reading too, so they get pinyin like the text
        joined = " · ".join(_annotated(m, f"{article.id}.meta", settings) for m in meta)
        parts.append(f'<div class="dubao-meta">{joined}</div>')
    for note in article.status_notes:
        parts.append(f'<div class="dubao-banner" role="note">{escape(note)}</div>')
    if article.caption:
        credit = f" ({escape(article.caption.credit)})" if article.caption.credit else ""
        english = (f'<span class="dubao-translation">{escape(article.caption.en)}</span>'
                   if settings.show_translation and article.caption.en else "")
        parts.append(f'<div class="dubao-caption"><b>Photo caption:</b> '
                     f'{_annotated(article.caption.text, f"{article.id}.caption", settings)}{credit}{english}</div>')
    return "".join(parts)


def _heading(section, settings) -> str:
    sub = (f'<span class="dubao-subheading">{_annotated(section.subtitle, section.id + ".subtitle", settings)}</span>'
           if section.subtitle else "")
    english = (f'<span class="dubao-translation">{escape(section.title_en)}</span>'
               if settings.show_translation and section.title_en else "")
    return f'<h3 class="dubao-section">{_annotated(section.title, section.id, settings)}{sub}{english}</h3>'


def _paragraph(paragraph, settings) -> str:
    out = []
    for sentence in paragraph.sentences:
        out.append(_annotated(sentence.text, sentence.id, settings, sentence.corrections))
        out.append(listen.say_marker(sentence.id))
        if settings.show_translation and sentence.en:
            out.append(f'<span class="dubao-translation" data-sid="{escape(sentence.id)}">{escape(sentence.en)}</span>')
    return f'<p class="dubao-paragraph" data-pid="{escape(paragraph.id)}">{"".join(out)}</p>'


# ----------------------------------------------------------------- the word panel

def _find_token(article, word, sentence_id):
    """The token for the chosen word, from its own sentence when known."""
    sentences = [s for s in article.sentences if s.id == sentence_id] or \
        [s for s in article.sentences if word in s.text]
    for sentence in sentences:
        for token in annotate_cached(sentence.text):
            if token.text == word:
                return token
    tokens = annotate_cached(word)
    return tokens[0] if len(tokens) == 1 else None


def other_sentences(article, word: str, exclude: str = "") -> list:
    """Sentences of the page (or of this text) in which the word is a whole token."""
    pool = article.sentences
    if article.file:  # a piece of the corpus: search the whole page
        pool = corpus.sentences()
    found = []
    for sentence in pool:
        if word in sentence.text and sentence.id != exclude and \
                any(t.text == word for t in annotate_cached(sentence.text)):
            found.append(sentence)
    return found


def _gloss_panel(article, word, sentence_id) -> str:
    if not word:
        return ('<div class="dubao-gloss-empty">Click a word (or move to it with the arrow keys and press '
                'Enter) to see its pinyin, meanings and level here.</div>')
    token = _find_token(article, word, sentence_id)
    if token is None:
        return f'<div class="dubao-gloss-word">{escape(word)}</div><div>No dictionary entry.</div>'
    parts = [f'<div class="dubao-gloss-word" style="font-size:2em">{escape(token.text)}</div>',
             f'<div class="dubao-gloss-pinyin" style="font-size:1.2em">{escape(token.pinyin)}</div>']
    source = getattr(token, "pinyin_source", "")
    if source:
        # where the reading comes from: a reviewed entry, a dictionary, or a model's guess
        parts.append(f'<div class="dubao-meta dubao-gloss-source">Reading from {escape(source_names(source))}</div>')
    level = getattr(token, "hsk", None)
    parts.append(f'<div class="dubao-gloss-level">{escape(hsk.label(level))}</div>')
    senses = list(getattr(token, "senses", None) or ([token.gloss] if token.gloss else []))
    if senses:
        items = "".join(f"<li>{escape(s)}</li>" for s in senses[:8])
        parts.append(f'<ol class="dubao-gloss-senses">{items}</ol>')
    else:
        parts.append('<div class="dubao-gloss-senses">No dictionary entry.</div>')
    note = getattr(token, "note", None)
    if note:
        parts.append(f'<div class="dubao-gloss-note"><b>Note:</b> {escape(note)}</div>')
    traditional = getattr(token, "traditional", None)
    if traditional and traditional != token.text:
        parts.append(f'<div class="dubao-meta">Traditional: {escape(traditional)}</div>')
    others = other_sentences(article, token.text, exclude=sentence_id)
    if others:
        items = "".join(f'<li><span class="dubao-meta">{escape(s.id)}</span> '
                        f'{highlight(s.text, token.text)}</li>' for s in others[:6])
        more = f"<div class='dubao-meta'>…and {len(others) - 6} more</div>" if len(others) > 6 else ""
        parts.append(f'<div class="dubao-gloss-others"><b>Also on the page ({len(others)}):</b>'
                     f'<ul>{items}</ul>{more}</div>')
    return "".join(parts)


# ---------------------------------------------------------------- saved settings

def _store():
    try:
        from dubao.practice import progress
    except ImportError:
        return None
    try:
        return progress.open_store()
    except Exception:  # noqa: BLE001 - the Reader must work even when nothing can be saved
        return None


def _saved_level(default: int) -> int:
    store = _store()
    if store is None:
        return default
    try:
        return int(store.get_setting("hsk_level", default))
    except (TypeError, ValueError):
        return default


def _save_level(level: int) -> None:
    store = _store()
    if store is not None:
        store.set_setting("hsk_level", int(level))
