"""What the browser tests do in JupyterLab and Voilà, as a student would: open a
notebook, run every cell, and look at what the page shows. ``notebook_problems``
lists everything a student should never see (error output, a widget that failed
to render, raw widget model text, console errors); the ``student_*`` helpers click
the course widgets through stable CSS classes.

The widget contract (classes the widgets in widgets/ carry):

- ``.dubao-pinyin-toggle``: a Checkbox, ToggleButton or ToggleButtons that turns pinyin
  on; pinyin then shows as ``ruby rt``;
- ``.dubao-word[data-word]``: a clickable word in a Reader; ``.dubao-gloss-panel``
  shows ``.dubao-gloss-pinyin`` and ``.dubao-gloss-senses`` for it;
- ``.dubao-quiz``: questions with ``.dubao-choices`` (radio buttons) or a
  ``.dubao-pinyin-answer`` text box, each next to its ``.dubao-check`` button and a
  ``.dubao-feedback`` holding ``.dubao-right`` or ``.dubao-wrong``; optionally
  ``.dubao-score`` and ``.dubao-next``;
- ``.dubao-plot-exercise``: a plotting exercise whose ``.dubao-show-solution`` button
  draws the solution's chart as an image;
- ``.dubao-code-check``: a code exercise whose ``.dubao-check`` button (titled "Run
  name() and check it") grades the function ``name`` as its cell last defined it.

Which actions a notebook needs is read from its code (``expected_widgets``): an
action that finds nothing in a notebook that builds its widget fails.
"""

import json
import re
import time
import unicodedata
from pathlib import Path

COURSE_DIR = Path(__file__).resolve().parents[2]
ARTIFACTS = COURSE_DIR / "test-artifacts"
RUN_TIMEOUT_MS = 180_000  # a whole lesson, run on 2 cores; generous but bounded
SETTLE_MS = 15_000
TIMINGS: dict[str, dict] = {}  # seconds, per notebook; written to test-artifacts/timings.json
ERROR_BOX_HINT = "[Open Browser Console for more detailed log - Double click to close this message]"
RAW_WIDGET_TEXT = re.compile(r"^\s*[A-Z]\w*\((children|value|description|layout|options|outputs)=", re.M)
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|^\w*(Error|Exception)\b.*Traceback|^-{20,}$", re.M)


# --------------------------------------------------------------------- console
class ConsoleLog:
    """Every console error and uncaught page error of one tab. A file the page asks
    of another site (Voilà's icon font from a CDN) cannot load on an offline test
    machine; such failures are kept apart in ``offline``, not counted as errors."""

    def __init__(self, page):
        self.errors: list[str] = []
        self.offline: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def clear(self):
        """Forget what earlier notebooks in the same tab logged."""
        self.errors.clear()
        self.offline.clear()

    def _on_console(self, message):
        if message.type != "error":
            return
        url = (message.location or {}).get("url", "")
        line = (message.location or {}).get("lineNumber", "")
        if message.text.startswith("Failed to load resource") and url.startswith(("http://", "https://")) \
                and not url.startswith("http://127.0.0.1:"):
            self.offline.append(url)
        else:
            self.errors.append(f"console error: {message.text} ({url}:{line})")


# --------------------------------------------------------------- JupyterLab
NOTEBOOK = ".jp-NotebookPanel:not(.lm-mod-hidden)"  # the notebook in the front tab


def open_notebook(page, server, path: str) -> dict:
    """Open ``path`` (relative to the repository) in JupyterLab, alone, and wait
    until its kernel is idle; returns the seconds until the cells showed and until
    the kernel was idle. In a tab where JupyterLab is already loaded (``LabTab``),
    the notebooks open before are closed with their kernels and the new one is
    opened as the file browser opens it; otherwise JupyterLab is loaded for it
    (``reset`` forgets tabs left open by an earlier test)."""
    if page.evaluate("() => !!window.jupyterapp"):
        close_notebooks(page)
        started = time.monotonic()
        page.evaluate("(path) => { window.jupyterapp.commands.execute('docmanager:open', "
                      "{path, factory: 'Notebook'}); }", path)
    else:
        started = time.monotonic()
        page.goto(server.link(f"/lab/tree/{path}?reset"), wait_until="domcontentloaded")
    page.locator(f"{NOTEBOOK} .jp-Notebook .jp-Cell").first.wait_for(state="visible", timeout=90_000)
    shown = time.monotonic() - started
    wait_for_idle_kernel(page, timeout_ms=90_000)
    watch_widget_replies(page)
    return {"cells_shown_s": round(shown, 2), "kernel_idle_s": round(time.monotonic() - started, 2)}


def close_notebooks(page):
    """Close every document in JupyterLab's main area without saving (a lesson that
    has run is changed, and must never be saved with its outputs) and shut its
    kernel down, so the next notebook is alone on the page and on the 2 cores.

    A shutdown is given at most 15 s: one that never settles would leave the
    page's promise with nothing holding it, and Playwright then fails with
    "Resulting promise was garbage collected" (seen once in CI). A kernel left
    running that way is shut down by the server's REST API afterwards
    (``LabTab.close``, ``LabTab.run``)."""
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        const atMost = (promise, ms) => Promise.race([
            promise, new Promise((resolve) => setTimeout(resolve, ms))]);
        for (const widget of Array.from(app.shell.widgets('main'))) {
            const session = widget.sessionContext;
            if (session && session.session) {
                try { await atMost(session.shutdown(), 15000); } catch (error) { console.warn(error); }
            }
            if (widget.context && widget.context.model) widget.context.model.dirty = false;
            widget.dispose();
        }
    }""")


class LabTab:
    """A browser tab with JupyterLab loaded once (the server is started with
    ``expose_app_in_browser``), in which notebooks are opened one after another;
    ``console`` holds what the page logged since the current notebook was opened."""

    def __init__(self, page, server):
        self.page, self.server = page, server
        page.set_default_timeout(30_000)
        self.console = ConsoleLog(page)
        started = time.monotonic()
        page.goto(server.link("/lab?reset"), wait_until="domcontentloaded")
        page.wait_for_function("() => window.jupyterapp && window.jupyterapp.shell"
                               " && document.querySelector('#jp-main-dock-panel')", timeout=90_000)
        page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).wait_for(timeout=60_000)
        self.load_s = round(time.monotonic() - started, 2)

        self.prepared = None  # (path, kernel id) of the notebook to be opened next

    def prepare(self, notebook: Path):
        """Start the kernel of the notebook that will be opened next, while the one
        open now is being used (JupyterLab joins a notebook to the session already
        running for its path). Its timings then say ``kernel_started_before``: its
        time to interactive leaves out the kernel's start (see the first lesson's)."""
        path = notebook.relative_to(self.server.course_dir).as_posix()
        session = self.server.api("/api/sessions", "POST", {
            "path": path, "name": notebook.name, "type": "notebook", "kernel": {"name": "python3"}})
        self.prepared = (path, session["kernel"]["id"])

    def run(self, notebook: Path) -> dict:
        """Open ``notebook`` alone and Run All; returns its timings."""
        self.console.clear()
        path = notebook.relative_to(self.server.course_dir).as_posix()
        prepared = bool(self.prepared) and self.prepared[0] == path
        if self.prepared and not prepared:
            self.server.shut_down_kernels()
        self.prepared = None
        return {**run_notebook(self.page, self.server, notebook, self.console), "kernel_started_before": prepared}

    def close(self):
        """Close the notebooks with their kernels; a kernel started for the next one stays."""
        close_notebooks(self.page)
        self.server.shut_down_kernels(keep=frozenset([self.prepared[1]]) if self.prepared else frozenset())


def wait_for_idle_kernel(page, timeout_ms: int):
    """Idle per the notebook's execution indicator and the status bar."""
    page.locator(f"{NOTEBOOK} .jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached", timeout=timeout_ms)
    page.get_by_text(re.compile(r"Python 3 \(ipykernel\) \| Idle")).first.wait_for(timeout=timeout_ms)


def run_all_cells(page):
    """Run → Run All Cells, from the menu as a student would."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
    page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()


def wait_until_every_cell_ran(page, code_cells: int, timeout_ms: int = RUN_TIMEOUT_MS):
    """Every code cell shows an execution count ``[n]`` and the kernel is idle again.
    Run All stops at a cell that fails (unless tagged ``raises-exception``): when
    nothing has been running for a few seconds and cells are still unrun, fail at
    once with what the notebook shows, instead of waiting out the timeout."""
    state_js = """(panel) => {
        const prompts = [...document.querySelectorAll(`${panel} .jp-CodeCell .jp-InputPrompt`)];
        const indicator = document.querySelector(`${panel} .jp-Notebook-ExecutionIndicator`);
        return {count: prompts.length, ran: prompts.filter(p => /\\[\\d+\\]/.test(p.textContent)).length,
                busy: prompts.some(p => p.textContent.includes('*')),
                idle: !!indicator && indicator.getAttribute('data-status') === 'idle'};
    }"""
    deadline = time.monotonic() + timeout_ms / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        state = page.evaluate(state_js, NOTEBOOK)
        if state["count"] == code_cells and state["ran"] == code_cells and state["idle"]:
            wait_for_idle_kernel(page, timeout_ms)
            return
        if state["idle"] and not state["busy"]:
            quiet_since = quiet_since or time.monotonic()
            if time.monotonic() - quiet_since > 4:
                problems = output_problems(page, f"{NOTEBOOK} .jp-CodeCell")
                raise AssertionError(f"Run All stopped: {state['ran']} of {code_cells} code cells ran. "
                                     + ("; ".join(problems) or "No error output shown."))
        else:
            quiet_since = None
        page.wait_for_timeout(100)
    raise AssertionError(f"the cells did not all run within {timeout_ms / 1000:.0f} s")


def settle_widgets(page, timeout_ms: int = SETTLE_MS):
    """Wait (bounded) until no widget says "Loading widget..."; problems are reported
    by ``notebook_problems``, not here."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"() => ![...document.querySelectorAll('{NOTEBOOK} .jp-OutputArea-output')]"
            ".some(o => o.textContent.includes('Loading widget...'))", timeout=timeout_ms)
    except PlaywrightTimeout:  # reported as a problem by notebook_problems
        pass
    page.wait_for_timeout(300)  # one more round of rendering after the last model arrived


def code_cell_tags(notebook: Path) -> list[set]:
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    return [set(c.get("metadata", {}).get("tags", [])) for c in cells if c["cell_type"] == "code"]


def output_problems(page, container: str, expected_errors: set[int] = frozenset()) -> list[str]:
    """What a student should never see in the outputs under ``container``: cell ``n``
    (0-based code cell) may show an error only when it is in ``expected_errors``."""
    # A widget whose view fails shows ipywidgets' error box; a click reveals the message.
    for broken in page.locator(f"{container} .jupyter-widgets-error-widget.icon-error").all():
        broken.click()
    outputs = page.evaluate(
        """(container) => [...document.querySelectorAll(container)].map((cell, index) =>
             [...cell.querySelectorAll('.jp-OutputArea-output')].map(o => ({
                 cell: index, mime: o.getAttribute('data-mime-type') || '', text: o.innerText || '',
                 broken: [...o.querySelectorAll('.jupyter-widgets-error-widget')].map(e => e.innerText)})))
           .flat()""", container)
    problems = []
    for out in outputs:
        where = f"code cell {out['cell'] + 1}"
        text = out["text"]
        if out["mime"] == "application/vnd.jupyter.stderr" and TRACEBACK.search(text) \
                and out["cell"] not in expected_errors:
            last = [line for line in text.strip().splitlines() if line.strip()][-1]
            problems.append(f"{where}: error output: {last.strip()[:300]}")
        for message in out["broken"]:
            message = message.replace(ERROR_BOX_HINT, "")
            problems.append(f"{where}: a widget failed to render: {_first_lines(message)}")
        if "Error displaying widget" in text:
            problems.append(f"{where}: {_first_lines(text)}")
        if "Loading widget..." in text:
            problems.append(f"{where}: a widget never finished loading ('Loading widget...')")
        if out["mime"] == "text/plain" and RAW_WIDGET_TEXT.search(text):
            problems.append(f"{where}: raw widget model text instead of a widget: {_first_lines(text)}")
    return problems


def notebook_problems(page, notebook: Path, console: ConsoleLog) -> list[str]:
    """Every problem a student would see in the open notebook, plus console errors.
    A cell tagged ``raises-exception`` (a stub for the student) may show its error."""
    expected = {i for i, tags in enumerate(code_cell_tags(notebook)) if "raises-exception" in tags}
    return output_problems(page, f"{NOTEBOOK} .jp-CodeCell", expected) + list(console.errors)


def run_notebook(page, server, notebook: Path, console: ConsoleLog) -> dict:
    """Open, Run All, wait for every cell; returns timings in seconds."""
    path = notebook.relative_to(server.course_dir).as_posix()
    timing = open_notebook(page, server, path)
    started = time.monotonic()
    run_all_cells(page)
    wait_until_every_cell_ran(page, len(code_cell_tags(notebook)))
    settle_widgets(page)
    ran = time.monotonic() - started
    return {**timing, "run_all_s": round(ran, 2), "interactive_s": round(timing["kernel_idle_s"] + ran, 2)}


# The element that scrolls the notebook: JupyterLab's notebook panel, or in Voilà
# whichever element scrolls the most content.
SCROLLER_JS = """(sel) => {
    if (sel) return document.querySelector(sel);
    return [...document.querySelectorAll('*')].filter(el => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY))
        .sort((a, b) => b.scrollHeight - a.scrollHeight)[0] || null;
}"""


def full_screenshot(page, path: Path, scroller: str | None = f"{NOTEBOOK} .jp-WindowedPanel-outer"):
    """The whole notebook: JupyterLab and Voilà scroll inside a panel (``scroller``;
    None finds it), so the viewport is made as tall as the panel's content first.
    Chromium draws at most 16,000 px at once: a longer lesson goes on in
    ``<name>-part2.png`` and so on, each scrolled one screen further."""
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in path.parent.glob(f"{path.stem}-part*.png"):
        stale.unlink()
    size = page.viewport_size
    scroll_js = f"([sel, top]) => {{ const el = ({SCROLLER_JS})(sel); if (el) el.scrollTop = top }}"
    height = page.evaluate(f"(sel) => {{ const el = ({SCROLLER_JS})(sel); return el ? el.scrollHeight : 0 }}",
                           scroller)
    if not height:
        page.screenshot(path=str(path), full_page=True)
        return
    top, part = 0, 1
    while True:
        # as tall as what is left to show (the last part is no taller than its content)
        tall = min(max(size["height"], height - top + 200), 16_000)
        page.set_viewport_size({"width": size["width"], "height": tall})
        shown = page.evaluate(f"(sel) => ({SCROLLER_JS})(sel).clientHeight", scroller)
        page.evaluate(scroll_js, [scroller, top])
        page.wait_for_timeout(500 if part == 1 else 300)
        page.screenshot(path=str(path if part == 1 else path.with_name(f"{path.stem}-part{part}.png")),
                        full_page=True)
        if top + shown >= height or shown < 200:
            break
        top, part = top + shown - 100, part + 1  # 100 px seen twice, so no line is lost between parts
    page.set_viewport_size(size)


def record_timing(name: str, timing: dict):
    TIMINGS[name] = timing
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "timings.json").write_text(json.dumps(TIMINGS, indent=2))


def _first_lines(text: str, count: int = 3) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return " | ".join(lines[:count])[:300]


# ----------------------------------------------------------- student actions
class Absent(Exception):
    """The page has no widget of this kind: the test fails when the lesson builds
    one (``expected_widgets``), and is skipped, saying so, when it does not."""


# A call with its arguments (two levels of nested brackets, as in
# expected=" ".join(t.pinyin for t in annotate("民之所盼"))).
_ARGS = r"\((?P<args>(?:[^()]|\((?:[^()]|\([^()]*\))*\))*)\)"
WIDGET_CALLS = {
    "reader": re.compile(r"\bReader" + _ARGS),
    "quiz": re.compile(r"\b(?:VocabQuiz|ComprehensionQuiz|LanguageFocus)" + _ARGS),
    "pinyin-quiz": re.compile(r"\bVocabQuiz" + _ARGS),
    "worked-solution": re.compile(r"\bPlotExercise" + _ARGS),
    "pinyin-code": re.compile(r"\bCodeCheck" + _ARGS),
}
# The element each widget's front end shows; seen on the page, it needs its action too.
WIDGET_ROOTS = {"reader": ".dubao-reader", "quiz": ".dubao-quiz .dubao-choices",
                "pinyin-quiz": ".dubao-pinyin-answer", "worked-solution": ".dubao-show-solution"}
WIDGET_NAMES = {"reader": "a Reader", "quiz": "a quiz", "pinyin-quiz": "a pinyin VocabQuiz",
                "worked-solution": "a chart PlotExercise with show_solution=True",
                "pinyin-code": "a pinyin CodeCheck"}


def _builds(kind: str, args: str) -> bool:
    """Whether a call's arguments make the widget the action needs."""
    if kind in ("pinyin-quiz", "pinyin-code"):
        return re.search(r"\bkind\s*=\s*['\"]pinyin['\"]", args) is not None
    if kind == "quiz":  # a match or pinyin VocabQuiz has no choices to guess among
        return re.search(r"\bkind\s*=\s*['\"](match|pinyin)['\"]", args) is None
    if kind == "worked-solution":
        if not re.search(r"\bshow_solution\s*=\s*True\b", args):
            return False
        from dubao.content import exercises as plot_exercises

        exercise_id = re.match(r"\s*['\"]([\w-]+)['\"]", args)
        # Only chart exercises have a worked solution to draw; an id the source does
        # not spell out is taken as one (the action then says what it missed).
        return exercise_id is None or plot_exercises.exercise(exercise_id.group(1)).type == "chart"
    return True


def expected_widgets(notebook: Path) -> set[str]:
    """The widgets whose student actions must work in this notebook, read from its
    code cells (``Reader(...)``, ``VocabQuiz(..., kind="pinyin")`` ...)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    return {kind for kind, call in WIDGET_CALLS.items()
            if any(_builds(kind, found.group("args")) for found in call.finditer(code))}


def pinyin_code_exercise(notebook: Path) -> tuple[str, str]:
    """The function name and the Chinese word of the notebook's first pinyin code
    exercise, ``CodeCheck(name, expected=annotate("客房")[0].pinyin, kind="pinyin")``
    (or the pinyin of every token of ``annotate("民之所盼")``)."""
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    code = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
    for found in WIDGET_CALLS["pinyin-code"].finditer(code):
        args = found.group("args")
        word = re.search(r"\bannotate\(\s*['\"]([\u4e00-\u9fff]+)['\"]\s*\)", args)
        function = re.match(r"\s*(\w+)\s*,", args)
        if _builds("pinyin-code", args) and word and function:
            return function.group(1), word.group(1)
    raise AssertionError(f"{notebook.name}: a pinyin CodeCheck whose expected answer is not "
                         "annotate(\"…\")[0].pinyin with the function first; the browser test cannot "
                         "tell which word it asks for")


def widgets_on_page(page) -> set[str]:
    """The widgets whose front end the page shows (their dubao root class)."""
    return {kind for kind, selector in WIDGET_ROOTS.items() if page.locator(selector).count()}


def _need(page, selector: str, what: str):
    found = page.locator(selector)
    if found.count() == 0:
        raise Absent(f"no {what} ({selector}) on this page")
    return found


def student_switches_pinyin_on(page) -> int:
    """Turn pinyin on with the first pinyin toggle; returns how many ruby texts then show."""
    toggle = _need(page, ".dubao-pinyin-toggle", "pinyin toggle").first
    toggle.scroll_into_view_if_needed()
    before = page.locator("ruby rt").count()
    checkbox = toggle.locator("input[type=checkbox]")
    if checkbox.count():
        checkbox.first.check()
    else:
        buttons = toggle.locator("button")
        # ToggleButtons: the first option that is not "Off"; a lone ToggleButton: itself.
        target = buttons.filter(has_not_text=re.compile(r"^\s*off\s*$", re.I)).first if buttons.count() > 1 \
            else (buttons.first if buttons.count() else toggle)
        target.click()
    page.wait_for_function(f"() => document.querySelectorAll('ruby rt').length > {before}", timeout=15_000)
    return page.locator("ruby rt").count()


def student_clicks_a_word(page) -> dict:
    """Click the first word of the first Reader; returns what its gloss panel shows."""
    _need(page, ".dubao-reader .dubao-word[data-word]", "clickable Reader word")
    # A word of two or more characters: single characters are often particles.
    words = page.locator(".dubao-reader .dubao-word[data-word]")
    index = words.evaluate_all("(all) => all.findIndex(w => /[\\u4e00-\\u9fff]{2,}/.test(w.dataset.word))")
    word = words.nth(max(index, 0))
    reader = page.locator(".dubao-reader:has(.dubao-word[data-word])").first
    panel = reader.locator(".dubao-gloss-panel").first
    text = word.get_attribute("data-word")
    word.scroll_into_view_if_needed()
    word.click()
    panel.locator(".dubao-gloss-pinyin").wait_for(timeout=15_000)
    return {"word": text, "panel": panel.inner_text(), "pinyin": panel.locator(".dubao-gloss-pinyin").inner_text(),
            "senses": panel.locator(".dubao-gloss-senses").inner_text() if panel.locator(
                ".dubao-gloss-senses").count() else ""}


def _feedback_kind(quiz) -> str:
    feedback = quiz.locator(".dubao-feedback")
    if feedback.locator(".dubao-right").count():
        return "right"
    if feedback.locator(".dubao-wrong").count():
        return "wrong"
    return "none"


def watch_widget_replies(page):
    """Count the kernel's replies to widget messages (a click, a changed value): ipykernel
    reports "idle" with the message's header once it has handled it and sent every
    change back. A second wrong answer shows the same feedback as the first, so only
    this count says that Check has been handled. The kernel is the notebook's in
    JupyterLab, the widget manager's in Voilà (both expose ``window.jupyterapp``)."""
    page.evaluate("""async () => {
        const app = window.jupyterapp;
        if (!app) return;
        const current = app.shell && app.shell.currentWidget;
        let kernel = current && current.sessionContext && current.sessionContext.session
            && current.sessionContext.session.kernel;
        if (!kernel && app.widgetManagerPromise) {
            kernel = (await app.widgetManagerPromise.promise).kernel;
        }
        if (!kernel) return;
        window.dubaoWidgetReplies = 0;
        kernel.iopubMessage.connect((_, msg) => {
            if (msg.header.msg_type === 'status' && msg.content.execution_state === 'idle'
                    && msg.parent_header && msg.parent_header.msg_type === 'comm_msg') {
                window.dubaoWidgetReplies += 1;
            }
        });
    }""")


def _replies(page):
    return page.evaluate("() => window.dubaoWidgetReplies ?? null")


def after_kernel_reply(page, action, timeout_ms: int = 15_000) -> bool:
    """Do ``action`` (a click, a typed value) and wait until the kernel has handled
    the widget message it sends; False where replies are not counted (the page
    has no ``window.jupyterapp``: then the caller waits for what it expects to see)."""
    before = _replies(page)
    action()
    if before is None:
        return False
    page.wait_for_function(f"() => window.dubaoWidgetReplies > {before}", timeout=timeout_ms)
    return True


def _check_and_wait(page, quiz, previous_html: str) -> str:
    """Press Check and return the feedback kind once the kernel has answered (or,
    in Voilà, once the feedback has changed)."""
    if not after_kernel_reply(page, quiz.locator(".dubao-check").first.click):
        handle = quiz.locator(".dubao-feedback").first.element_handle()
        page.wait_for_function("([el, before]) => el.innerHTML !== before && el.innerText.trim() !== ''",
                               arg=[handle, previous_html], timeout=15_000)
    return _feedback_kind(quiz)


def _choose_and_check(page, quiz, option) -> str:
    before = quiz.locator(".dubao-feedback").first.inner_html()
    after_kernel_reply(page, option.check)  # the choice reaches the kernel before Check does
    return _check_and_wait(page, quiz, before)


def _ancestor_with_class(name: str, self_too: bool = False) -> str:
    axis = "ancestor-or-self" if self_too else "ancestor"
    return f"xpath={axis}::*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')][1]"


def _question_with_choices(page):
    """The first multiple-choice question on show: the nearest box around a
    ``.dubao-choices`` that has its own Check button. A quiz that shows another kind
    of question first is moved on with its Next button."""
    _need(page, ".dubao-quiz", "quiz")
    for _step in range(30):
        choices = page.locator(".dubao-quiz .dubao-choices:visible")
        if choices.count():
            unit = choices.first.locator(
                "xpath=ancestor::*[.//*[contains(concat(' ', normalize-space(@class), ' '), ' dubao-check ')]][1]")
            return unit, unit.locator(_ancestor_with_class("dubao-quiz", self_too=True)).first
        next_button = page.locator(".dubao-quiz .dubao-next:not([disabled])")
        if not next_button.count():
            break
        if not after_kernel_reply(page, next_button.first.click):
            page.wait_for_timeout(300)
    raise Absent("no multiple-choice question on show in any quiz")


def student_answers_wrong_then_right(page) -> dict:
    """In the first multiple-choice question, try the choices in order until one is
    right, as a student who guesses. When the first guess is already right, the next
    question is tried, so that a wrong answer comes before a right one; in a quiz
    that still takes answers after a right one, the student changes their mind
    instead (another choice, then back). Returns the feedback kinds seen per
    question and the score text before and after."""
    unit, quiz = _question_with_choices(page)
    unit.scroll_into_view_if_needed()
    score = quiz.locator(".dubao-score")
    score_before = score.first.inner_text() if score.count() else None
    questions = []
    for _question in range(20):
        seen = []
        questions.append(seen)
        options = unit.locator(".dubao-choices input[type=radio]")
        right = None
        for i in range(options.count()):
            seen.append(_choose_and_check(page, unit, options.nth(i)))
            if seen[-1] == "right":
                right = i
                break
        if "wrong" in seen and seen[-1] == "right":
            break
        if right is not None and unit.locator(".dubao-check:not([disabled])").count() and options.count() > 1:
            seen.append(_choose_and_check(page, unit, options.nth(1 if right == 0 else 0)))
            seen.append(_choose_and_check(page, unit, options.nth(right)))
            break
        next_button = quiz.locator(".dubao-next:not([disabled])")
        if not next_button.count():
            break
        if not after_kernel_reply(page, next_button.first.click):
            page.wait_for_timeout(300)
        unit, _ = _question_with_choices(page)
    if _replies(page) is None:
        page.wait_for_timeout(300)  # the score label updates after the feedback
    return {"questions": questions, "score_before": score_before,
            "score_after": score.first.inner_text() if score.count() else None}


def score_numbers(text: str) -> dict:
    """The numbers of a quiz's score label: VocabQuiz's "Score: 2 / 6" counts right
    answers at the first try; ComprehensionQuiz's "Score: 3 of 18 right (2 at the
    first try)" counts right answers at any try and at the first try."""
    found = re.search(r"Score: (\d+) of \d+ right \((\d+) at the first try\)", text)
    if found:
        return {"right": int(found.group(1)), "first_try": int(found.group(2))}
    found = re.search(r"Score: (\d+) / \d+", text)
    if found:
        return {"first_try": int(found.group(1))}
    raise AssertionError(f"score label in no known form: {text!r}")


def student_types_pinyin(page, answer: str) -> str:
    """Type ``answer`` into the first pinyin answer box and check it; returns the
    feedback kind."""
    box = _need(page, ".dubao-quiz .dubao-pinyin-answer input", "pinyin answer box").first
    quiz = page.locator(".dubao-quiz:has(.dubao-pinyin-answer)").first
    box.scroll_into_view_if_needed()
    before = quiz.locator(".dubao-feedback").first.inner_html()
    box.fill(answer)
    # A box with continuous_update=False sends its value when it loses focus, as a
    # student's click on Check would make it; leave it first so the order is sure.
    if not after_kernel_reply(page, lambda: box.press("Tab")):
        page.wait_for_timeout(300)
    return _check_and_wait(page, quiz, before)


def pinyin_question_word(page) -> str:
    """The Chinese word the first pinyin question asks about, as the page shows it."""
    _need(page, ".dubao-quiz .dubao-pinyin-answer", "pinyin answer box")
    quiz = page.locator(".dubao-quiz:has(.dubao-pinyin-answer)").first
    text = quiz.locator(".dubao-quiz-prompt").first.inner_text()
    found = re.findall(r"[\u4e00-\u9fff]+", text)
    if not found:
        raise AssertionError(f"the pinyin question shows no Chinese word: {text!r}")
    return found[0]


def student_draws_the_chart(page) -> int:
    """Ask the first plotting exercise for its worked solution; returns how many
    images it then shows."""
    exercise = _need(page, ".dubao-plot-exercise:has(.dubao-show-solution)",
                     "plotting exercise with a worked solution").first
    exercise.scroll_into_view_if_needed()
    exercise.locator(".dubao-show-solution").first.click()
    exercise.locator("img").first.wait_for(state="visible", timeout=30_000)
    return exercise.locator("img").count()


def student_answers_a_code_exercise(page, function: str, answer: str) -> str:
    """Replace the stub of ``function`` with ``return "<answer>"`` in its cell, run the
    cell (Shift+Enter), press Check on its CodeCheck; returns the feedback kind."""
    cell = page.locator(f"{NOTEBOOK} .jp-CodeCell").filter(
        has=page.locator(".cm-content", has_text=re.compile(rf"def {function}\(")))
    if cell.count() == 0:
        raise Absent(f"no code cell defining {function}()")
    cell = cell.first
    check = page.locator(f".dubao-code-check:has(button[title*='{function}()'])").last
    if check.count() == 0:
        raise Absent(f"no CodeCheck for {function}() (.dubao-code-check)")
    cell.scroll_into_view_if_needed()
    cell.locator(".cm-content").first.click()
    page.keyboard.press("ControlOrMeta+a")
    page.keyboard.insert_text(f'def {function}():\n    return "{answer}"\n')  # as pasted: no auto-indent
    prompt = cell.locator(".jp-InputPrompt").first
    before = prompt.inner_text()
    page.keyboard.press("Shift+Enter")
    page.wait_for_function("([el, before]) => /\\[\\d+\\]/.test(el.textContent) && el.textContent !== before",
                           arg=[prompt.element_handle(), before], timeout=30_000)
    check.scroll_into_view_if_needed()
    return _check_and_wait(page, check, check.locator(".dubao-feedback").first.inner_html())


def tone_numbers(marked: str) -> str:
    """Tone-marked pinyin as a student types it with numbers: "kè fáng" -> "ke4 fang2"."""
    marks = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
    syllables = []
    for syllable in marked.split():
        decomposed = unicodedata.normalize("NFD", syllable)
        tone = next((marks[ch] for ch in decomposed if ch in marks), "5")
        plain = unicodedata.normalize("NFC", "".join(ch for ch in decomposed if ch not in marks))
        syllables.append(plain + tone)
    return " ".join(syllables)
