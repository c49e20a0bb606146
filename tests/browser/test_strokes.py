"""The Strokes widget in headless chromium, without a Jupyter server: several
characters on one page, each drawn through its own masks with its own strokes,
and a writing quiz completed by drawing each stroke with the mouse along the
data's medians. Each widget imports strokes.js from its own blob URL, as
anywidget does, which is what made hanzi-writer's mask ids collide; every
request outside the page is refused, so the widget is shown to work offline.
"""

import re

import pytest
from dubao.language import characters

from widgets.strokes import STYLE, VIEW, Strokes

# A stand-in for anywidget: one module evaluation of the view per widget.
HARNESS = """async ({esm, css, widgets}) => {
  const style = document.createElement("style");
  style.textContent = css;
  document.head.appendChild(style);
  window.models = [];
  for (const state of widgets) {
    const url = URL.createObjectURL(new Blob([esm], {type: "text/javascript"}));
    const view = (await import(url)).default;
    const handlers = {};
    const model = {
      state, saved: 0,
      get: (key) => state[key],
      set: (key, value) => {  // as Backbone: a change event only when the value changes
        if (JSON.stringify(state[key]) === JSON.stringify(value)) return;
        state[key] = value;
        (handlers["change:" + key] || []).forEach((h) => h());
      },
      on: (event, handler) => { (handlers[event] = handlers[event] || []).push(handler); },
      save_changes() { this.saved += 1; },
    };
    const el = document.createElement("div");
    el.className = "widget-under-test";
    document.body.appendChild(el);
    window.models.push(model);
    await view.render({model, el});
  }
}"""

# Per widget on the page: each stroke path drawn in its main character, and
# where each animated path's clip-path points (its own clipPath or another's).
DRAWN = """() => [...document.querySelectorAll('.widget-under-test')].map((el) => {
  const svg = el.querySelector('svg');
  const ids = [...svg.querySelectorAll('clipPath')].map((c) => c.id);
  const refs = [...svg.querySelectorAll('[clip-path]')].map((p) => p.getAttribute('clip-path').match(/#([^")]+)/)[1]);
  return {paths: [...svg.querySelectorAll('path')].map((p) => p.getAttribute('d')), ids, refs};
})"""


def state_of(widget: Strokes) -> dict:
    state = widget.get_state()
    return {key: state[key] for key in ("characters", "mode", "step", "replay", "size", "show_outline",
                                        "hint_after", "results", "library", "library_version", "problem")}


def show(page, widgets):
    requests = []
    page.route("**/*", lambda route: (requests.append(route.request.url), route.abort()))
    page.set_content("<html><head><meta charset='utf-8'></head><body></body></html>")
    page.evaluate(HARNESS, {"esm": VIEW.read_text(), "css": STYLE.read_text(),
                            "widgets": [state_of(w) for w in widgets]})
    return requests


def test_several_characters_on_one_page_each_drawn_with_its_own_strokes(page):
    words = ["鸡", "粪", "镇", "袤"]
    requests = show(page, [Strokes(word) for word in words])
    page.wait_for_timeout(300)
    drawn = page.evaluate(DRAWN)
    assert len(drawn) == len(words)
    every_id = [i for widget in drawn for i in widget["ids"]]
    # one mask per stroke in each of hanzi-writer's three layers (character, outline, highlight)
    assert len(every_id) == 3 * sum(characters.strokes(ch).stroke_count for ch in words)
    assert len(set(every_id)) == len(every_id), "two characters share mask ids"
    for ch, widget in zip(words, drawn):
        data = characters.strokes(ch)
        # each stroke of the data is drawn (main, outline, highlight layers) in this character's box only
        for stroke in data.strokes:
            assert stroke in widget["paths"], f"{ch}: a stroke of its data is not drawn"
        others = {s for other in words if other != ch for s in characters.strokes(other).strokes}
        assert not others & set(widget["paths"]), f"{ch} drew another character's strokes"
        # every masked path is clipped by a mask of its own character
        assert widget["refs"] and set(widget["refs"]) <= set(widget["ids"]), ch
    assert requests == [], f"the widget asked the network for {requests}"


def test_the_check_finds_the_collision_of_one_library_per_widget(page):
    """The fault the fix removes, shown by the same check: a hanzi-writer module
    evaluated per widget gives every character the same first mask ids."""
    esm = VIEW.read_text()
    # each widget keeps a library of its own, as a naive widget would
    naive = re.sub(r"const key = `[^`]*`;", "const key = `own_${Math.random()}`;", esm)
    assert naive != esm
    page.set_content("<html><head><meta charset='utf-8'></head><body></body></html>")
    page.evaluate(HARNESS, {"esm": naive, "css": "", "widgets": [state_of(Strokes(ch)) for ch in "鸡粪"]})
    drawn = page.evaluate(DRAWN)
    assert set(drawn[0]["ids"]) & set(drawn[1]["ids"]), "the naive version should collide"


# How many strokes each box shows: in hanzi-writer's main layer (the second of its
# three groups) the masked paths whose opacity is not 0.
STROKES_SHOWN = """() => [...document.querySelectorAll('.dubao-strokes-writer svg')].map((svg) =>
  [...svg.querySelector(':scope > g').children[1].querySelectorAll('path[clip-path]')]
    .filter((p) => p.style.opacity !== '0').length).join()"""


def test_step_and_fan(page):
    widget = Strokes("鸡粪")
    widget.mode = "fan"
    show(page, [widget])
    fan = page.eval_on_selector_all(".dubao-strokes-fan-step", "(steps) => steps.map((s) => s.dataset.stroke)")
    assert fan == [str(n) for n in range(1, 8)] + [str(n) for n in range(1, 13)]
    assert page.inner_text(".dubao-strokes-caption") == "鸡: 7 strokes · radical 鸟"
    for _ in range(9):  # all 7 of 鸡, then 2 of 粪
        page.click(".dubao-strokes-next-stroke")
    assert page.evaluate("() => [models[0].get('mode'), models[0].get('step')]") == ["step", 9]
    page.wait_for_function(f"() => ({STROKES_SHOWN})() === '7,2'", timeout=20_000)
    page.click(".dubao-strokes-animate")  # the whole word again
    page.wait_for_function(f"() => ({STROKES_SHOWN})() === '7,12'", timeout=20_000)


def test_a_letter_and_a_rare_character_get_a_plain_message(page):
    show(page, [Strokes("A镇龘")])
    messages = page.eval_on_selector_all(".dubao-strokes-missing", "(ms) => ms.map((m) => m.textContent)")
    assert len(messages) == 2 and "not a Chinese character" in messages[0] and "龘" in messages[1]
    assert page.eval_on_selector_all(".dubao-strokes-writer svg", "(s) => s.length") == 1  # 镇 still drawn


def test_a_missing_library_shows_its_message(page, tmp_path, monkeypatch):
    from widgets import strokes

    monkeypatch.setattr(strokes, "LIBRARY", tmp_path / "hanzi-writer.esm.js")
    monkeypatch.setattr(strokes, "_library_text", None)
    show(page, [Strokes("鸡")])
    assert "python tools/fetch_hanzi_writer.py" in page.inner_text(".dubao-strokes-missing")


def screen_point(box, size, padding, point):
    """Where a data point (1024 box, y up, baseline 900) is on the page, as
    hanzi-writer's Positioner places it."""
    scale = (size - 2 * padding) / 1024
    x_offset = padding
    y_offset = 124 * scale + padding
    return box["x"] + point[0] * scale + x_offset, box["y"] + size - y_offset - point[1] * scale


def draw_stroke(page, box, size, median, padding=5):
    points = [screen_point(box, size, padding, p) for p in median]
    page.mouse.move(*points[0])
    page.mouse.down()
    for a, b in zip(points, points[1:]):
        for t in (0.25, 0.5, 0.75, 1.0):
            page.mouse.move(a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t)
    page.mouse.up()
    page.wait_for_timeout(30)


@pytest.mark.parametrize("word", ["鸡粪"])
def test_writing_quiz_completed_with_the_mouse(page, word):
    widget = Strokes(word, mode="quiz", size=200)
    show(page, [widget])
    boxes = page.eval_on_selector_all(".dubao-strokes-writer svg",
                                      "(s) => s.map((e) => e.getBoundingClientRect().toJSON())")
    assert len(boxes) == 2
    # the quiz asks for the characters: nothing on the page shows them
    assert page.eval_on_selector_all(".dubao-strokes-caption", "(cs) => cs.map((c) => c.textContent)") == \
        ["7 strokes", "12 strokes"]
    # two wrong strokes on 鸡's first stroke: a hint, then the right strokes
    first = characters.strokes(word[0])
    wrong = [[m[0], m[-1]] for m in [first.medians[-1]]][0]
    for _ in range(2):
        draw_stroke(page, boxes[0], 200, list(reversed(wrong)))
    for k, ch in enumerate(word):
        for median in characters.strokes(ch).medians:
            draw_stroke(page, boxes[k], 200, median)
    page.wait_for_timeout(300)
    results = page.evaluate("() => models[0].get('results')")
    assert [r["character"] for r in results] == list(word)
    assert all(r["done"] for r in results), results
    assert results[0]["mistakes"] == 2 and results[0]["hints"] == 1, results[0]
    assert results[1] == {"character": "粪", "mistakes": 0, "hints": 0, "strokes": 12, "done": True}
    # the kernel side records what the browser reports
    widget.results = results
    assert widget.results[0]["hints"] == 1


# ------------------------------------------------------------ in JupyterLab itself

# Per character box on the page: its character, the stroke paths it draws, its mask ids
# and the ids its clip-paths point to.
BOXES = """() => [...document.querySelectorAll('.dubao-strokes-writer')].map((box) => ({
  character: box.closest('.dubao-strokes-cell').dataset.character,
  quiz: !!box.closest('.dubao-writing-quiz'),
  paths: [...box.querySelectorAll('path')].map((p) => p.getAttribute('d')),
  ids: [...box.querySelectorAll('clipPath')].map((c) => c.id),
  refs: [...box.querySelectorAll('[clip-path]')].map((p) => p.getAttribute('clip-path').match(/#([^")]+)/)[1]),
}))"""


def test_in_jupyterlab_each_widget_draws_its_own_strokes_and_a_quiz_is_saved(lab_tab):
    import sqlite3

    from .browser_checks import ARTIFACTS, full_screenshot, notebook_problems
    from .test_lessons import TEST_NOTEBOOKS

    notebook = TEST_NOTEBOOKS / "strokes.ipynb"
    page = lab_tab.page
    try:
        lab_tab.run(notebook)
        page.locator(".dubao-writing-quiz .dubao-strokes-writer svg").nth(1).wait_for(timeout=30_000)
        # the Reader's word panel: each character of the chosen word, one more set of masks on the page
        page.locator('.dubao-word[data-word="广袤"]').first.click()
        page.locator(".dubao-word-characters .dubao-strokes-writer svg").nth(1).wait_for(timeout=30_000)
        assert "Also in:" in page.inner_text(".dubao-word-characters .dubao-character[data-character='广']")
        boxes = page.evaluate(BOXES)
        assert [b["character"] for b in boxes] == list("鸡粪镇袤鸡粪广袤")
        ids = [i for b in boxes for i in b["ids"]]
        assert ids and len(set(ids)) == len(ids), "mask ids repeat on the page"
        for box in boxes:
            data = characters.strokes(box["character"])
            assert set(data.strokes) <= set(box["paths"]), box["character"]
            if not box["quiz"]:  # a quiz hides the character: its masks are still its own
                assert box["refs"] and set(box["refs"]) <= set(box["ids"]), box["character"]

        pads = page.locator(".dubao-writing-quiz .dubao-strokes-writer svg")
        pads.first.scroll_into_view_if_needed()
        for k, ch in enumerate("鸡粪"):
            box = pads.nth(k).bounding_box()
            for median in characters.strokes(ch).medians:
                draw_stroke(page, box, 150, median)
        feedback = page.locator(".dubao-writing-feedback")
        feedback.get_by_text("Written without a hint").wait_for(timeout=30_000)
        full_screenshot(page, ARTIFACTS / "test-strokes.png")
        assert notebook_problems(page, notebook, lab_tab.console) == []
        database = lab_tab.server.data_dir / "progress.sqlite3"
        with sqlite3.connect(f"file:{database}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT lesson, word, character, mistakes, hints, strokes FROM writing").fetchall()
            # the lab server's learner also used the lessons in earlier browser tests: this lesson's rows only
            attempts = db.execute("SELECT question, correct FROM attempts WHERE lesson = 'browser-strokes'").fetchall()
        assert rows == [("browser-strokes", "鸡粪", "鸡", 0, 0, 7), ("browser-strokes", "鸡粪", "粪", 0, 0, 12)]
        assert attempts == [("writing:鸡粪", 1)]
    finally:
        lab_tab.close()
