"""Play buttons: a word or a sentence read aloud by dubao.practice.speech, at
normal or slow speed, in an ``ipywidgets.Audio`` player (a core widget, so it
plays the same in JupyterLab and in Voilà; the browser allows it to start because
the learner has just clicked). When no synthesizer is installed the button shows
the one line saying how to install it, and the rest of the widget keeps working.

    ListenButton("行情")                  # a text
    ListenButton(tokens, label="▶ sentence")   # tokens already read in context

The Reader's word panel gets a :class:`ReaderListening` (the chosen word and its
sentence), and each sentence of the text ends in a small speaker (``say_marker``)
that plays the sentence in that panel. Words are not highlighted while a sentence
plays: that needs the player's time in the Reader's own JavaScript.
"""

import ipywidgets as w
import traitlets

from widgets.rendering import escape

SPEED_OPTIONS = [("normal", "normal"), ("slow", "slow")]


def vocab_source(word):
    """What to read for a VocabWord: the word as it is read on the page (its
    ``pinyin``), not as the word alone would be read."""
    from dubao.language import describe
    from dubao.language.han import count_han

    if word.pinyin and len(word.pinyin.split()) == count_han(word.word):
        return [describe(word.word, word.pinyin)]
    return word.word


class ListenButton(w.HBox):
    """▶ reads ``source`` (text or annotated tokens) aloud."""

    speed = traitlets.Enum(["normal", "slow"], "normal", help="normal or slow speech.")
    plays = traitlets.Int(0, help="How many times the learner has pressed play.")

    def __init__(self, source=None, label: str = "▶ Listen", show_speed: bool = True, show_said: bool = True,
                 **kwargs):
        """``show_said=False`` keeps the spoken pinyin hidden (a quiz that asks for it)."""
        self.player = None
        self._source = source
        self.show_said = show_said
        self.button = w.Button(description=label, tooltip="Read aloud", layout=w.Layout(width="auto"))
        self.button.add_class("dubao-listen")
        self.button.on_click(lambda _: self.play())
        self.speed_control = w.ToggleButtons(options=SPEED_OPTIONS, value="normal",
                                             tooltips=["Normal speed", "Slow"],
                                             style={"button_width": "4.5em"},
                                             layout=w.Layout(display="" if show_speed else "none"))
        w.link((self, "speed"), (self.speed_control, "value"))
        # The player is made at the first press, and made anew at each press: an
        # Audio widget with no audio yet, or emptied to play the same bytes again,
        # gives the browser an empty blob it cannot load (a console error per player).
        self.said = w.HTML()
        self.said.add_class("dubao-said")
        super().__init__([self.button, self.speed_control, self.said],
                         layout=w.Layout(align_items="center", flex_flow="row wrap"), **kwargs)
        self.add_class("dubao-listen-row")
        self.audio = None

    @property
    def source(self):
        """The text or tokens to read; a new one removes the player of the old."""
        return self._source

    @source.setter
    def source(self, value):
        if value != self._source:
            self._source = value
            self.audio = None
            if self.player is not None:
                self.player.layout.close()
                self.player.close()
                self.player = None
                self.children = [self.button, self.speed_control, self.said]
            self.said.value = ""

    def play(self):
        """Synthesise (or fetch from the cache) and start the player."""
        from dubao.errors import DubaoError
        from dubao.practice.speech import speak

        if not self.source:
            self.said.value = "<span class='dubao-meta'>Nothing to read aloud yet.</span>"
            return
        try:
            self.audio = speak(self.source, speed=self.speed)
        except DubaoError as error:
            self.said.value = f"<span class='dubao-prompt'>{escape(str(error))}</span>"
            return
        old = self.player
        # loop off: ipywidgets' Audio loops by default; autoplay is allowed after a click
        self.player = w.Audio(value=self.audio.wav, format="wav", autoplay=True, loop=False, controls=True,
                              layout=w.Layout(height="2.2em", width="16em"))
        self.player.add_class("dubao-player")
        self.children = [self.button, self.speed_control, self.player, self.said]
        if old is not None:
            old.layout.close()
            old.close()
        if self.show_said:
            self.show_what_was_said()
        self.plays += 1

    def show_what_was_said(self):
        if self.audio is not None:
            self.said.value = (f"<span class='dubao-meta' title='what the voice said'>"
                               f"{escape(self.audio.pinyin)}</span>")

    def close(self):
        for child in (self.button, self.speed_control, self.player, self.said):
            if child is not None:
                child.close()
        super().close()


class ReaderListening(w.VBox):
    """The Reader's play buttons: the chosen word, read as it is read in its
    sentence, and that whole sentence."""

    def __init__(self, reader, **kwargs):
        self.reader = reader
        self.word = ListenButton(label="▶ word", show_speed=False)
        self.sentence = ListenButton(label="▶ sentence", show_speed=False)
        self.speed = w.ToggleButtons(options=SPEED_OPTIONS, value="normal", style={"button_width": "4.5em"},
                                     tooltips=["Normal speed", "Slow"])
        for button in (self.word, self.sentence):
            w.link((self.speed, "value"), (button, "speed"))
        super().__init__([w.HBox([self.word, self.sentence]), self.speed], **kwargs)
        self.add_class("dubao-reader-listening")
        reader.observe(self._update, names=["selected_word"])
        self._update()

    def watch(self, text_view):
        """Play a sentence when its speaker in ``text_view`` is pressed."""
        text_view.observe(self._say, names=["say_count"])

    def _say(self, change=None):
        from widgets.reader import annotate_cached

        sid = self.reader.text_view.say_sentence
        found = [s for s in self.reader.article.sentences if s.id == sid]
        if not found:
            return
        self.sentence.source = annotate_cached(found[0].text)
        self.layout.display = ""
        self.sentence.play()

    def _update(self, change=None):
        from widgets.reader import annotate_cached

        word, sid = self.reader.selected_word, self.reader._selected_sentence
        sentences = [s for s in self.reader.article.sentences if s.id == sid] or \
            [s for s in self.reader.article.sentences if word and word in s.text]
        tokens = annotate_cached(sentences[0].text) if sentences else []
        found = [t for t in tokens if t.text == word]
        self.word.source = found[:1] or (word or None)
        self.sentence.source = tokens or None
        self.layout.display = "" if word else "none"


def say_marker(sentence_id: str) -> str:
    """The speaker after a sentence of the Reader's text (drawn by CSS, so it is not
    in the text a learner copies). Short: a long text has thousands of them. It is
    a mouse shortcut; from the keyboard, Enter on a word and ▶ sentence does the same."""
    return f'<span class="dubao-say" data-sid="{escape(sentence_id)}"></span>'  # its title: text_view.py



def for_reader(reader) -> ReaderListening:
    """The Reader's play buttons, which also play a sentence when its speaker in
    the text is pressed; they go above the word panel."""
    listening = ReaderListening(reader)
    listening.watch(reader.text_view)
    return listening
