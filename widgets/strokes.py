"""The ``Strokes`` widget: how a character or a word is written, drawn by
hanzi-writer in the browser from stroke data the kernel sends (``charDataLoader``),
so no request leaves the machine. It animates the characters, steps through
them stroke by stroke, or shows every stroke as a numbered fan, with each
character's stroke count and radical; in quiz mode the learner writes them.

    Strokes("鸡粪")                    # animate
    Strokes("镇", mode="fan")          # every stroke, numbered

A character without stroke data (a letter, an emoji, a rare or traditional
character) shows a one-line reason in its place; the others are drawn as usual.
"""

from pathlib import Path

import anywidget
import traitlets

from dubao.errors import DubaoError

HERE = Path(__file__).resolve().parent
LIBRARY = HERE / "vendor" / "hanzi-writer" / "hanzi-writer.esm.js"
VIEW, STYLE = HERE / "strokes.js", HERE / "strokes.css"
LIBRARY_VERSION = "3.7.3"  # as pinned in tools/fetch_hanzi_writer.py
MODES = ["animate", "step", "fan", "quiz"]

_library_text: str | None = None


def library_source() -> str:
    """The vendored hanzi-writer ES module (read once per kernel)."""
    global _library_text
    if _library_text is None:
        try:
            _library_text = LIBRARY.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise DubaoError(f"{LIBRARY} is missing: fetch it with python tools/fetch_hanzi_writer.py") from None
    return _library_text


def character_entries(text: str) -> list[dict]:
    """What the view needs for each character of ``text`` (spaces left out): its
    hanzi-writer data, stroke count and radical, or a message saying why not."""
    from dubao.language import characters

    entries = []
    for ch in text:
        if ch.isspace():
            continue
        try:
            data = characters.strokes(ch)
        except DubaoError as error:  # no strokes for it, or the data file is missing
            entries.append({"character": ch, "data": None, "message": str(error),
                            "stroke_count": None, "radical": None})
            continue
        entries.append({"character": ch, "data": data.to_hanzi_writer(), "message": "",
                        "stroke_count": data.stroke_count, "radical": data.radical})
    return entries


class Strokes(anywidget.AnyWidget):
    """The strokes of a character or a word. See the module docstring."""

    _esm = VIEW
    _css = STYLE

    text = traitlets.Unicode("", help="The character or word shown.")
    characters = traitlets.List(help="Per character: its data for hanzi-writer, or a message.").tag(sync=True)
    mode = traitlets.Enum(MODES, "animate", help="animate, step (stroke by stroke), fan (numbered) "
                                                 "or quiz (the learner writes).").tag(sync=True)
    step = traitlets.Int(0, help="In step mode, how many strokes of the word are shown.").tag(sync=True)
    replay = traitlets.Int(0, help="Raised to play the animation again.").tag(sync=True)
    size = traitlets.Int(120, help="Each character's box, in pixels.").tag(sync=True)
    show_outline = traitlets.Bool(False, help="In quiz mode, show the grey outline to trace.").tag(sync=True)
    hint_after = traitlets.Int(2, help="In quiz mode, the mistakes on a stroke before it is shown.").tag(sync=True)
    results = traitlets.List(help="In quiz mode, per character written: mistakes, hints, "
                                  "strokes, done (set by the browser).").tag(sync=True)
    library = traitlets.Unicode(help="The hanzi-writer ES module, evaluated once per page.").tag(sync=True)
    library_version = traitlets.Unicode(LIBRARY_VERSION).tag(sync=True)
    problem = traitlets.Unicode("", help="Why nothing can be drawn (the library is missing), or empty.").tag(sync=True)

    def __init__(self, text: str = "", **kwargs):
        try:
            library, problem = library_source(), ""
        except DubaoError as error:  # say so in place of the drawing; the lesson goes on
            library, problem = "", str(error)
        super().__init__(library=library, problem=problem, **kwargs)
        self.text = text
        if not self.characters:
            self._on_text({"new": text})

    @traitlets.observe("text")
    def _on_text(self, change):
        self.results = []
        self.step = 0
        self.characters = character_entries(change["new"])

    @property
    def missing(self) -> list[str]:
        """The messages for characters that cannot be drawn."""
        return [entry["message"] for entry in self.characters if entry["data"] is None]

    def next_stroke(self) -> None:
        """Show one more stroke (step mode)."""
        if self.mode != "step":
            self.step, self.mode = 1, "step"
        else:
            self.step += 1

    def animate(self) -> None:
        self.mode = "animate"
        self.replay += 1
