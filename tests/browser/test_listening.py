"""Listening in the browser: in the start lesson, press a play button as a student
would, in JupyterLab and in Voilà, and check that the page's audio element loads
the WAV the kernel made and reports its duration (headless chromium has no sound
card, so the test asks the element what it loaded, not whether a speaker played)."""

from .browser_checks import COURSE_DIR, ConsoleLog, after_kernel_reply, watch_widget_replies

START = COURSE_DIR / "lessons" / "00-start-here.ipynb"

# The player of a ListenButton: ipywidgets' Audio renders an <audio> element; its
# metadata is loaded when it knows a finite duration.
LOADED = """(row) => { const audio = row.querySelector('audio');
    return !!audio && audio.readyState >= 1 && isFinite(audio.duration) && audio.duration > 0; }"""
DURATION = "(row) => { const a = row.querySelector('audio'); return {duration: a.duration, src: a.src}; }"


def _press_play_and_measure(page, row) -> dict:
    row.scroll_into_view_if_needed()
    watch_widget_replies(page)
    after_kernel_reply(page, row.locator(".dubao-listen").first.click)
    page.wait_for_function(LOADED, arg=row.element_handle(), timeout=30_000)
    return {**row.evaluate(DURATION), "said": row.locator(".dubao-said").inner_text()}


def _listen_row_of_the_clause(page):
    """The lesson's own ▶ Listen (ListenButton(clause)), not one inside a quiz or the Reader."""
    rows = page.locator(".dubao-listen-row")
    index = rows.evaluate_all("(all) => all.findIndex(r => !r.closest('.dubao-quiz, .dubao-flashcards, "
                              ".dubao-reader'))")
    assert index >= 0, "the start lesson has no ▶ Listen button of its own"
    return rows.nth(index)


def test_a_word_plays_in_the_start_lesson_in_jupyterlab(lab_tab):
    assert START.exists(), f"{START} is missing"
    try:
        lab_tab.run(START)
        page = lab_tab.page
        found = _press_play_and_measure(page, _listen_row_of_the_clause(page))
        # the clause 到如今的70户经营户，788间客房: 24 syllables, a few seconds
        assert 2 < found["duration"] < 15, found
        assert found["src"].startswith("blob:"), found
        assert "qī shí hù" in found["said"], found

        # the Reader's word panel: choose a word, then ▶ word
        word = page.locator(".dubao-reader .dubao-word[data-word]").first
        word.scroll_into_view_if_needed()
        watch_widget_replies(page)
        after_kernel_reply(page, word.click)
        panel_row = page.locator(".dubao-reader-listening .dubao-listen-row").first
        panel_row.wait_for(state="visible", timeout=15_000)
        heard = _press_play_and_measure(page, panel_row)
        assert 0.1 < heard["duration"] < 5, heard

        # the speaker after the Reader's first sentence plays it in the panel's ▶ sentence
        sentence_row = page.locator(".dubao-reader-listening .dubao-listen-row").nth(1)
        speaker = page.locator(".dubao-reader .dubao-say").first
        speaker.scroll_into_view_if_needed()
        watch_widget_replies(page)
        after_kernel_reply(page, speaker.click)
        page.wait_for_function(LOADED, arg=sentence_row.element_handle(), timeout=30_000)
        assert sentence_row.evaluate(DURATION)["duration"] > 2
        assert lab_tab.console.errors == [], lab_tab.console.errors
    finally:
        lab_tab.close()


def test_a_word_plays_in_the_start_lesson_as_a_voila_app(page, voila_start_lesson):
    console = ConsoleLog(page)
    page.goto(voila_start_lesson.link("/"), wait_until="domcontentloaded")
    page.locator(".dubao-quiz").first.wait_for(state="visible", timeout=120_000)
    row = _listen_row_of_the_clause(page)
    found = _press_play_and_measure(page, row)
    assert 2 < found["duration"] < 15, found
    assert console.errors == [], console.errors
