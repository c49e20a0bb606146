"""The Reader's text in headless chromium, without a Jupyter server: its ruby
pinyin laid out with room between syllables, and the TextView's own JavaScript
driven from the keyboard (Tab in, arrow keys, Enter) with a stand-in for the
widget model, as the Reader's kernel side would answer it."""

import re
from pathlib import Path

from widgets.reader import Reader
from widgets.rendering import CSS
from widgets.text_view import TextView

RUBY_GAPS = """() => {
  const boxes = [...document.querySelectorAll('ruby rt')].map((rt) => rt.getBoundingClientRect());
  const gaps = [];
  for (let i = 1; i < boxes.length; i++) {
    if (Math.abs(boxes[i - 1].top - boxes[i].top) > 2) continue;  // a new line
    gaps.push(boxes[i].left - boxes[i - 1].right);
  }
  return {rubies: boxes.length, gaps};
}"""


def _source(esm) -> str:
    """The module's text: anywidget turns an ``_esm`` path into a FileContents, whose
    str() is the file's text (a Path is read; a string is the text itself)."""
    return esm.read_text(encoding="utf-8") if isinstance(esm, Path) else str(esm)


def test_ruby_pinyin_never_overlaps_and_syllables_keep_apart(page):
    reader = Reader("qingzhen")
    reader.pinyin_mode = "all"
    page.set_content(f"<html><head><meta charset='utf-8'><style>{CSS}</style></head>"
                     f"<body style='width:900px'>{reader.html}</body></html>")
    found = page.evaluate(RUBY_GAPS)
    assert found["rubies"] == reader.html.count("<rt>") > 900
    assert len(found["gaps"]) > 800
    # at 20px, pinyin at 10px: adjacent syllables are at least 2px apart (jī fèn, not jīfèn)
    assert min(found["gaps"]) >= 2, sorted(found["gaps"])[:10]


HARNESS = """async ({esm, html, fontSize}) => {
  const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
  const widget = (await import(url)).default;
  const state = {html, font_size: fontSize, selected_word: "", selected_sentence: ""};
  const handlers = {};
  window.model = {
    saved: 0,
    get: (key) => state[key],
    set: (key, value) => { state[key] = value; (handlers["change:" + key] || []).forEach((h) => h()); },
    on: (event, handler) => { (handlers[event] = handlers[event] || []).push(handler); },
    save_changes() { this.saved += 1; },
  };
  const el = document.createElement("div");
  document.body.appendChild(el);
  widget.render({model: window.model, el});
}"""


def focused(page) -> dict:
    return page.evaluate("""() => { const a = document.activeElement;
        return {word: a.dataset ? a.dataset.word || null : null, cls: a.className, label: a.getAttribute('aria-label')}; }""")


def test_text_view_keyboard_and_redraw(page):
    reader = Reader("brief")
    page.set_content("<html><head><meta charset='utf-8'></head><body><button id='before'>before</button></body></html>")
    page.evaluate(HARNESS, {"esm": _source(TextView._esm), "html": reader.html, "fontSize": reader.font_size})
    words = re.findall(r'class="dubao-word[^"]*" data-word="([^"]+)" data-sid="([^"]+)"', reader.html)
    # the title, then the byline: 政务简报 · 贵阳日报 融媒体中心 记者 汤欣健
    assert words[:4] == [("政务简报", "brief.title"), ("贵阳日报", "brief.meta"), ("融媒体中心", "brief.meta"),
                         ("记者", "brief.meta")]

    page.focus("#before")
    page.keyboard.press("Tab")  # the text is one tab stop, labelled
    assert focused(page)["label"].startswith("Article text. Arrow keys move between words")
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    assert focused(page)["word"] == "融媒体中心"
    page.keyboard.press("Enter")
    assert page.evaluate("() => [model.get('selected_word'), model.get('selected_sentence'), model.saved]") == \
        ["融媒体中心", "brief.meta", 1]

    # the kernel answers with new HTML (the word marked selected): focus stays on the word
    reader.selected_word = "融媒体中心"
    assert 'dubao-word selected' in reader.html
    page.evaluate("(html) => model.set('html', html)", reader.html)
    after = focused(page)
    assert after["word"] == "融媒体中心" and "selected" in after["cls"]
    page.keyboard.press("ArrowLeft")
    assert focused(page)["word"] == "贵阳日报"

    # the font-size control reaches the browser
    reader.font_size = 26
    page.evaluate("([html, size]) => { model.set('font_size', size); model.set('html', html); }",
                  [reader.html, reader.font_size])
    assert page.evaluate("() => getComputedStyle(document.querySelector('.dubao-text')).fontSize") == "26px"
