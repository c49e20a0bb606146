"""The clickable text of the Reader: a small anywidget that shows HTML rendered in
the kernel and sends back which word the learner clicked or chose with the
keyboard. Plain ipywidgets cannot report a click inside HTML, which is why this
one view has a few lines of JavaScript; everything else stays in Python.

Keyboard: the text is one tab stop; the arrow keys move from word to word and
Enter or Space looks the word up.
"""

import anywidget
import traitlets

from widgets.rendering import CSS

_ESM = r"""
function render({ model, el }) {
  const root = document.createElement("div");
  root.className = "dubao-reader-text";
  root.tabIndex = 0;
  root.setAttribute("role", "group");
  root.setAttribute("aria-label", "Article text. Arrow keys move between words; Enter shows a word's gloss.");
  const wordsOf = () => [...root.querySelectorAll(".dubao-word")];
  const draw = () => {
    // a redraw (a word chosen, a setting changed) replaces every word: keep the
    // keyboard user's place instead of dropping focus to the page
    const focused = wordsOf().indexOf(document.activeElement);
    root.innerHTML = model.get("html");
    // the speakers' tooltip is set here, not in the HTML: a long text has thousands
    root.querySelectorAll(".dubao-say").forEach((say) => (say.title = "Read this sentence aloud"));
    root.style.fontSize = model.get("font_size") + "px";
    const words = wordsOf();
    if (focused >= 0 && words.length) {
      const word = words[Math.min(focused, words.length - 1)];
      word.tabIndex = 0;
      word.focus();
    }
  };
  const choose = (word) => {
    if (!word) return;
    model.set("selected_word", word.dataset.word);
    model.set("selected_sentence", word.dataset.sid);
    model.save_changes();
  };
  root.addEventListener("click", (event) => {
    // the speaker after a sentence: ask the kernel to read that sentence aloud
    const say = event.target.closest(".dubao-say");
    if (say) {
      model.set("say_sentence", say.dataset.sid);
      model.set("say_count", model.get("say_count") + 1);
      model.save_changes();
      return;
    }
    choose(event.target.closest(".dubao-word"));
  });
  root.addEventListener("keydown", (event) => {
    const words = wordsOf();
    if (!words.length) return;
    let i = words.indexOf(document.activeElement);
    if (event.key === "ArrowRight" || event.key === "ArrowDown") i = Math.min(i + 1, words.length - 1);
    else if (event.key === "ArrowLeft" || event.key === "ArrowUp") i = Math.max(i - 1, 0);
    else if ((event.key === "Enter" || event.key === " ") && i >= 0) {
      choose(words[i]); event.preventDefault(); event.stopPropagation(); return;
    } else return;
    words.forEach((w) => (w.tabIndex = -1));
    words[i].tabIndex = 0;
    words[i].focus();
    event.preventDefault();
    event.stopPropagation();  // keep JupyterLab from moving between cells
  });
  draw();
  model.on("change:html", draw);
  model.on("change:font_size", draw);
  el.appendChild(root);
}
export default { render };
"""


class TextView(anywidget.AnyWidget):
    """HTML text whose words can be clicked; the click sets ``selected_word``."""

    _esm = _ESM
    _css = CSS
    html = traitlets.Unicode("", help="The rendered article text (escaped HTML).").tag(sync=True)
    font_size = traitlets.Int(20, help="Text size in pixels.").tag(sync=True)
    selected_word = traitlets.Unicode("", help="The word the learner last chose.").tag(sync=True)
    selected_sentence = traitlets.Unicode("", help="The sentence id of that word.").tag(sync=True)
    say_sentence = traitlets.Unicode("", help="The sentence whose speaker the learner last pressed.").tag(sync=True)
    say_count = traitlets.Int(0, help="How many times a sentence's speaker was pressed.").tag(sync=True)
