"""Test set-up for the browser tests: a private JupyterLab (and Voilà) server and
headless Debian chromium driven by Playwright, so the tests see the lessons the
way a student does.

Each server runs on 127.0.0.1 on a random free port with a random token, with a
temporary home, runtime folder, learner data folder and JupyterLab user settings
(autosave off, every cell attached), and is stopped by its process id at the end,
whatever happens. Nothing is written into the repository or the venv. The news
pop-up is kept away as a student's is, by the environment's overrides that
``python -m dubao prepare`` writes (dubao.course.lab_settings): the fixture fails
when they are missing, and test_known_words.py checks that no dialog shows. The
engine's caches (jieba's dictionary table, CC-CEDICT) are the tester's own, as a
student's are: they can be rebuilt at any time, and building them anew would
make the first lesson pay half a minute (tests/run-all.sh warms them first).
"""

import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest
from dubao.paths import cache_dir
from .browser_checks import ARTIFACTS, COURSE_DIR, TIMINGS, LabTab, record_timing

# The test-only notebooks are opened by the browser tests, never run by nbval:
# they are broken on purpose.
collect_ignore_glob = ["notebooks/*"]

CHROMIUM = os.environ.get("DUBAO_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]
INSTALL_HINT = ("install Debian's chromium and a CJK font: "
                "sudo apt-get install -y chromium fonts-wqy-microhei (never `playwright install`)")
SERVER_START_SECONDS = 90
VOILA_SKIPS = ["@jupyter/nbgrader", "@jupyter-notebook/lab-extension", "@voila-dashboards/jupyterlab-preview"]

# JupyterLab user settings for the test server only: every cell attached to the page
# so the checks and the screenshot see the whole notebook, not only the visible part,
# and no autosave (a lesson run in the browser must never be saved with its outputs).
# The news pop-up and update check are off through the environment's overrides, as
# for a student (dubao.course.lab_settings), not here.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
}


def pytest_configure(config):
    config.addinivalue_line("markers", "browser: drives JupyterLab or Voilà in headless chromium")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Server:
    """A Jupyter server process of our own: its URL, token, log and temporary folders."""

    def __init__(self, name: str, command: list[str], port: int, token: str, root: Path):
        self.name, self.port, self.token = name, port, token
        self.url = f"http://127.0.0.1:{port}"
        self.root = root
        self.course_dir = COURSE_DIR
        self.data_dir = root / "learner-data"
        self.runtime_dir = root / "runtime"
        self.log_path = root / f"{name}.log"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "MPLBACKEND"))}
        env.update(HOME=str(root / "home"), DUBAO_DATA_DIR=str(self.data_dir),
                   DUBAO_CACHE_DIR=str(cache_dir()), JUPYTER_RUNTIME_DIR=str(self.runtime_dir),
                   JUPYTER_CONFIG_DIR=str(root / "jupyter-config"), JUPYTER_DATA_DIR=str(root / "jupyter-data"),
                   JUPYTERLAB_SETTINGS_DIR=str(root / "lab-settings"),
                   JUPYTERLAB_WORKSPACES_DIR=str(root / "lab-workspaces"), PYTHONUNBUFFERED="1")
        for folder in ("home", "runtime", "jupyter-config", "jupyter-data", "lab-workspaces"):
            (root / folder).mkdir(parents=True, exist_ok=True)
        for name_, settings in LAB_SETTINGS.items():
            path = root / "lab-settings" / name_
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(settings))
        self.log = open(self.log_path, "w")
        # A session of its own, so the server and anything it starts stop as one group.
        self.process = subprocess.Popen(command, cwd=COURSE_DIR, env=env, stdout=self.log,
                                        stderr=subprocess.STDOUT, start_new_session=True)

    def link(self, path: str) -> str:
        sep = "&" if "?" in path else "?"
        return f"{self.url}{path}{sep}token={self.token}"

    def api(self, path: str, method: str = "GET", body: dict | None = None):
        """Call the server's REST API; returns the decoded JSON answer (None if empty)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.link(path), data=data, method=method,
                                         headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            text = reply.read()
        return json.loads(text) if text else None

    def shut_down_kernels(self, keep: frozenset = frozenset()):
        """Ask the server to stop every kernel but those in ``keep`` (one per lesson
        would pile up on 2 cores)."""
        try:
            with urllib.request.urlopen(self.link("/api/kernels"), timeout=10) as reply:
                kernels = [k for k in json.load(reply) if k["id"] not in keep]
            for kernel in kernels:
                request = urllib.request.Request(self.link(f"/api/kernels/{kernel['id']}"), method="DELETE")
                urllib.request.urlopen(request, timeout=30).close()
        except OSError as error:
            print(f"could not stop the kernels of {self.name}: {error}")

    def log_tail(self, lines: int = 40) -> str:
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def wait_until_ready(self, probe: str):
        deadline = time.monotonic() + SERVER_START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"{self.name} exited with code {self.process.returncode} before answering; "
                            f"its log:\n{self.log_tail()}")
            try:
                with urllib.request.urlopen(self.link(probe), timeout=5) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                pass
            time.sleep(0.3)
        pytest.fail(f"{self.name} did not answer on {self.url} within {SERVER_START_SECONDS} s; "
                    f"its log:\n{self.log_tail()}")

    def stop(self):
        """Stop the server's process group, then any kernel it started (kernels run in
        sessions of their own; they are found by our private runtime folder)."""
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        for pid in processes_mentioning(str(self.runtime_dir)):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        self.log.close()


def processes_mentioning(text: str) -> list[int]:
    """Process ids whose command line contains ``text`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                if text in (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace"):
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def serve(name, make_command, probe):
    """Start a server, yield it once it answers ``probe``, and always stop it, keep its
    log in test-artifacts/ and remove its temporary folders."""
    root = Path(tempfile.mkdtemp(prefix=f"dubao-{name}-"))
    port, token = free_port(), secrets.token_hex(16)
    server = Server(name, make_command(port, token), port, token, root)
    try:
        server.wait_until_ready(probe)
        yield server
    finally:
        server.stop()
        ARTIFACTS.mkdir(exist_ok=True)
        shutil.copyfile(server.log_path, ARTIFACTS / server.log_path.name)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def jupyterlab():
    """JupyterLab serving the repository root; yields a Server."""
    from dubao.course import lab_settings

    if not lab_settings.is_current():
        pytest.fail(f"{lab_settings.overrides_path()} lacks the settings for a quiet first start: "
                    "run python -m dubao prepare (tests/run-all.sh does)", pytrace=False)

    def command(port, token):
        return [sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1",
                f"--port={port}", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={COURSE_DIR}",
                "--ServerApp.port_retries=0", "--LabApp.news_url=", "--ServerApp.open_browser=False",
                # window.jupyterapp, so one tab opens and closes lesson after lesson
                # without loading JupyterLab again for each (5 s each on 2 cores).
                "--LabApp.expose_app_in_browser=True"]

    yield from serve("jupyterlab", command, "/api/status")


@pytest.fixture(scope="session")
def voila_start_lesson():
    """Voilà serving the start lesson as an app; yields a Server."""
    notebook = COURSE_DIR / "lessons" / "00-start-here.ipynb"
    assert notebook.exists(), f"{notebook} is missing: the Voilà test needs the start lesson"

    def command(port, token):
        return [sys.executable, "-m", "voila", str(notebook.relative_to(COURSE_DIR)), "--no-browser",
                f"--port={port}", "--Voila.ip=127.0.0.1", f"--Voila.token={token}", "--Voila.port_retries=0",
                # JupyterLab-only front-end extensions fail to load inside Voilà.
                *[f"--VoilaConfiguration.extension_denylist={name}" for name in VOILA_SKIPS]]

    yield from serve("voila", command, "/voila/static/voila.js")


def chinese_fonts() -> str:
    """The fonts fontconfig offers for Chinese (empty when there is none)."""
    try:
        return subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                              timeout=30).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


@pytest.fixture(scope="session")
def browser():
    """Debian's headless chromium under Playwright. Fails (never skips) when chromium
    is missing, with the command that installs it."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: {INSTALL_HINT}", pytrace=False)
    if not chinese_fonts():
        pytest.fail(f"no Chinese font: the screenshots would show boxes; {INSTALL_HINT}", pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def lab_tab(browser, jupyterlab):
    """One browser tab with JupyterLab loaded once, shared by every lesson and
    test-only notebook: each is opened alone, run, and closed with its kernel."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = LabTab(context.new_page(), jupyterlab)
    record_timing("jupyterlab:load", {"loaded_s": tab.load_s})
    try:
        yield tab
    finally:
        context.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab; on failure its screenshot goes to test-artifacts/failed-<test>.png."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    yield tab
    context.close()


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """On a failed browser test, save what the tab showed to test-artifacts/failed-<test>.png."""
    report = yield
    if report.when == "call" and report.failed:
        funcargs = getattr(item, "funcargs", {})
        tab = (funcargs.get("page") or getattr(funcargs.get("lesson"), "page", None)
               or getattr(funcargs.get("lab_tab"), "page", None))
        if tab is not None:
            ARTIFACTS.mkdir(exist_ok=True)
            safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in item.name)
            try:
                tab.screenshot(path=str(ARTIFACTS / f"failed-{safe}.png"), full_page=True)
            except Exception as error:  # noqa: BLE001 - a missing screenshot must not hide the failure
                report.sections.append(("screenshot", f"no failure screenshot: {error}"))
    return report


def pytest_terminal_summary(terminalreporter):
    if TIMINGS:
        terminalreporter.write_sep("-", "browser timings in seconds (also in test-artifacts/timings.json)")
        for name, timing in TIMINGS.items():
            terminalreporter.write_line(f"{name}: {timing}")
