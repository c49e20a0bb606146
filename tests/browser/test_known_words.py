"""A learner's own words in a real lesson, in JupyterLab and headless chromium:
JupyterLab starts without the news question or any other dialog (the overrides
``python -m dubao prepare`` wrote into the environment); in the start lesson the
student turns the status view on, marks an underlined word "I know this", sees
its underline go and the coverage rise, then opens the lesson again and finds
the mark kept (it lives in the progress store, not in the notebook)."""

import re

import pytest
from .browser_checks import ARTIFACTS, COURSE_DIR, _need

pytestmark = pytest.mark.browser

START = COURSE_DIR / "lessons" / "00-start-here.ipynb"
READER = ".dubao-reader:has(.dubao-word[data-word])"
COVERAGE = re.compile(r"Known: \d+% of the running words \((\d+) of (\d+)\)")


def test_jupyterlab_starts_without_a_dialog_or_the_news_question(lab_tab):
    page = lab_tab.page
    page.wait_for_timeout(3000)  # the news question comes a moment after the page is ready
    toasts = page.locator(".Toastify__toast").all_inner_texts()
    assert not [t for t in toasts if "news" in t.lower()], toasts
    assert page.locator(".jp-Dialog").count() == 0, page.locator(".jp-Dialog").all_inner_texts()
    # JupyterLab's server applies overrides to the schema's defaults; the test server's
    # own user settings leave the news alone, so the "false" can only be the overrides'
    found = page.evaluate("""async () => {
        const plugin = await window.jupyterapp.serviceManager.settings.fetch(
            '@jupyterlab/apputils-extension:notification');
        return {fetchNews: plugin.schema.properties.fetchNews.default, raw: plugin.raw}; }""")
    assert found["fetchNews"] == "false" and "fetchNews" not in found["raw"], found


def word_state(reader, word: str) -> dict:
    """The first place of ``word`` in the Reader: its status and how its underline is drawn."""
    return reader.locator(f'.dubao-word[data-word="{word}"]').first.evaluate(
        "(el) => ({status: el.dataset.status, underline: getComputedStyle(el).borderBottomStyle})")


def coverage(reader) -> tuple[int, int]:
    text = reader.locator(".dubao-coverage").first.inner_text()
    match = COVERAGE.search(text)
    assert match, text
    return int(match.group(1)), int(match.group(2))


def open_start_lesson(lab_tab):
    lab_tab.run(START)
    reader = lab_tab.page.locator(READER).first
    _need(lab_tab.page, READER, "Reader")
    reader.scroll_into_view_if_needed()
    return reader


def test_mark_a_word_known_and_find_it_kept_after_reopening(lab_tab):
    page = lab_tab.page
    reader = open_start_lesson(lab_tab)
    switch = reader.locator(".dubao-status-bar input[type=checkbox]").first
    if not switch.is_checked():
        switch.check()
    page.wait_for_function("(sel) => document.querySelector(sel + ' .dubao-text.status-view')", arg=READER,
                           timeout=15_000)
    reader.locator(".dubao-status-legend").first.wait_for(state="visible", timeout=15_000)
    new_words = reader.locator('.dubao-text .dubao-word[data-status="new"]')
    index = new_words.evaluate_all("(all) => all.findIndex(w => /[\\u4e00-\\u9fff]{2,}/.test(w.dataset.word))")
    assert index >= 0, "no new word of two characters in the start lesson's Reader"
    word = new_words.nth(index).get_attribute("data-word")
    assert word_state(reader, word) == {"status": "new", "underline": "solid"}
    known_before, running = coverage(reader)

    new_words.nth(index).click()
    reader.locator(".dubao-word-status", has_text="new").wait_for(timeout=15_000)
    reader.locator(".dubao-mark-known").first.click()
    page.wait_for_function(
        "([sel, word]) => { const el = document.querySelector(`${sel} .dubao-word[data-word=\"${word}\"]`);"
        " return el && el.dataset.status === 'known'; }", arg=[READER, word], timeout=15_000)
    assert word_state(reader, word) == {"status": "known", "underline": "none"}
    # the coverage line is its own widget: its new value may come a moment after the text's
    page.wait_for_function(
        "([sel, before]) => { const m = document.querySelector(sel + ' .dubao-coverage').innerText"
        ".match(/of the running words \\((\\d+) of/); return m && +m[1] > before; }",
        arg=[READER, known_before], timeout=15_000)
    known_after, running_after = coverage(reader)
    assert running_after == running and known_after > known_before
    assert "known" in reader.locator(".dubao-word-status").first.inner_text()
    ARTIFACTS.mkdir(exist_ok=True)
    reader.screenshot(path=str(ARTIFACTS / "known-words.png"))  # the status view, for the README
    lab_tab.close()

    reader = open_start_lesson(lab_tab)  # a new kernel, the notebook opened again
    page.wait_for_function("(sel) => document.querySelector(sel + ' .dubao-text.status-view')", arg=READER,
                           timeout=15_000)  # the status view was remembered too
    assert word_state(reader, word) == {"status": "known", "underline": "none"}
    assert coverage(reader) == (known_after, running_after)
    lab_tab.close()
