"""The clickable text of the Reader: a small anywidget that shows HTML rendered in
the kernel and sends back which word the learner clicked or chose with the
keyboard. Plain ipywidgets cannot report a click inside HTML, which is why this
one view has a few lines of JavaScript; everything else stays in Python.

The script is ``text_view.js`` and the status view's styles ``text_view.css``.
Keyboard: the text is one tab stop; the arrow keys move from word to word and
Enter or Space looks the word up.
"""

from pathlib import Path

import anywidget
import traitlets

from widgets.rendering import CSS

HERE = Path(__file__).parent
# The status view's look (underlines, tints, legend) beside the script, as anywidget
# keeps front-end code in files of its own.
STATUS_CSS = (HERE / "text_view.css").read_text(encoding="utf-8")


class TextView(anywidget.AnyWidget):
    """HTML text whose words can be clicked; the click sets ``selected_word``."""

    _esm = HERE / "text_view.js"
    _css = CSS + STATUS_CSS
    html = traitlets.Unicode("", help="The rendered article text (escaped HTML).").tag(sync=True)
    font_size = traitlets.Int(20, help="Text size in pixels.").tag(sync=True)
    selected_word = traitlets.Unicode("", help="The word the learner last chose.").tag(sync=True)
    selected_sentence = traitlets.Unicode("", help="The sentence id of that word.").tag(sync=True)
    say_sentence = traitlets.Unicode("", help="The sentence whose speaker the learner last pressed.").tag(sync=True)
    say_count = traitlets.Int(0, help="How many times a sentence's speaker was pressed.").tag(sync=True)
