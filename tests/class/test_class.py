"""A class on a real JupyterHub (deploy/jupyterhub/), end to end on 127.0.0.1: an
instructor and five students who are local users; the instructor releases lesson
00 with nbgrader; each student logs in, fetches it, runs it in a kernel through
the proxy, answers a dubao quiz, does (or not) a code exercise and submits; the
instructor collects, autogrades and exports; the class's progress is exported in
one CSV; students cannot read each other's progress; everything stops by PID.

The tests run in order and share one class (a module fixture): each step needs
the one before. Skipped, with the reason, where users cannot be created (not root).
"""

import concurrent.futures
import csv
import re
import shutil
import subprocess
import threading
import time

import psutil
import pytest
import requests

import classroom

ASSIGNMENT = "00-start-here"
NOTEBOOK = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
GROUP = "dubao-class-test"
TEACHER = "dubao-teacher"
# alice answers exercise 1 right, bob wrong, carol leaves it; dora submits a syntax
# error in exercise 1 (exercise 2 right), erin deletes exercise 1's test cell (both right).
STUDENTS = ["dubao-alice", "dubao-bob", "dubao-carol"]
CARELESS = ["dubao-dora", "dubao-erin"]
RIGHT = {"answer-pinyin_of_guest_room": 'return "ke4 fang2"',
         "answer-rooms_per_household": "return 11.3"}
WRONG_EX1 = 'return "ke1 fang2"'


@pytest.fixture(scope="module")
def school(tmp_path_factory):
    reason = classroom.why_not_here()
    if reason:
        pytest.skip(reason)
    began = time.monotonic()
    exchange = classroom.PREFIX / "exchange"
    shutil.rmtree(exchange, ignore_errors=True)  # submissions of an earlier run
    classroom.install(exchange=exchange)
    classroom.create_users([TEACHER], "dubao-teachers-test")  # an instructor (hub admin), not in the class
    classroom.create_users([*STUDENTS, *CARELESS], GROUP)
    state = tmp_path_factory.mktemp("hub") / "state"
    hub = classroom.Hub(classroom.PREFIX, state, GROUP, [TEACHER], exchange)
    users = {}
    try:
        hub.start()
        yield {"hub": hub, "exchange": exchange, "users": users, "began": began}
    finally:
        hub.stop()
        classroom.write_transcript()
        for name in [TEACHER, *STUDENTS, *CARELESS]:
            classroom.delete_user(name)
        for group in (GROUP, "dubao-teachers-test"):
            classroom.delete_group(group)
        shutil.rmtree(exchange, ignore_errors=True)


def teacher(*args):
    env = {"DUBAO_EXCHANGE": str(classroom.PREFIX / "exchange"), "DUBAO_COURSE": str(classroom.PREFIX / "course")}
    result = classroom.run_as(TEACHER, ["nbgrader", *args], cwd=classroom.home(TEACHER) / "course", env=env)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return result


def test_the_instructor_releases_a_lesson(school):
    config = classroom.PREFIX / "course" / "deploy" / "jupyterhub" / "course" / "nbgrader_config.py"
    made = classroom.run_as(TEACHER, ["sh", "-c", f"mkdir -p course && cp {config} course/"])
    assert made.returncode == 0, made.stderr
    teacher("generate_assignment", ASSIGNMENT)  # nbgrader's defaults: no enforce_metadata=False
    teacher("release_assignment", ASSIGNMENT)
    released = school["exchange"] / "dubao" / "outbound" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    assert released.is_file()
    assert "### BEGIN SOLUTION" not in released.read_text(encoding="utf-8")


def _log_in_with_the_form(hub, name):
    browser = requests.Session()
    browser.get(f"{hub.url}/hub/login", timeout=30).raise_for_status()
    response = browser.post(f"{hub.url}/hub/login?next=", timeout=120, allow_redirects=True,
                            data={"username": name, "password": hub.password,
                                  "_xsrf": browser.cookies.get("_xsrf", path="/hub/")})
    assert response.ok, response.text[:500]
    hub.wait_ready(name)
    # the OAuth round trip to the student's own server, then JupyterLab's page
    lab = browser.get(f"{hub.url}/user/{name}/lab", timeout=60)
    assert lab.ok and lab.url.endswith(f"/user/{name}/lab") and "jupyter-config-data" in lab.text, lab.text[:300]
    wrong = requests.Session()
    wrong.get(f"{hub.url}/hub/login", timeout=30)
    refused = wrong.post(f"{hub.url}/hub/login", timeout=30, data={
        "username": name, "password": "not-the-password", "_xsrf": wrong.cookies.get("_xsrf", path="/hub/")})
    assert "Invalid username or password" in refused.text


def _edit(cells, grade_id, body):
    for cell in cells:
        if cell["metadata"].get("nbgrader", {}).get("grade_id") == grade_id:
            source = cell["source"] if isinstance(cell["source"], str) else "".join(cell["source"])
            cell["source"] = re.sub(r"raise NotImplementedError\(\)", body, source)
            assert cell["source"] != source
            return
    raise AssertionError(f"no cell {grade_id}")


def _attend(hub, name, answer_right: bool, exercise: str | None):
    """One student's lesson: fetch, run every cell, answer a quiz, do the exercise."""
    student = classroom.Student(hub, name)
    student.nbgrader("fetch", ASSIGNMENT)
    notebook = student.notebook(NOTEBOOK)
    kernel = student.kernel()
    try:
        errors = []
        for number, code in enumerate(classroom.code_cells(notebook), start=1):
            result = kernel.execute(code)
            if result["error"] and not (result["error"].startswith("NotImplementedError")
                                        and "assert_returns(" in code):
                errors.append(f"cell {number}: {result['error']}")
        assert errors == [], f"{name}: {errors}"
        pick = "question.answer" if answer_right else "next(k for k in question.choices if k != question.answer)"
        quiz = kernel.execute(
            "from dubao import questions\n"
            'quiz = ComprehensionQuiz("liuli", questions=["liuli.q10"], lesson="00-start-here")\n'
            'question = questions.question("liuli.q10")\n'
            f"quiz.current.input.value = {pick}\n"
            "quiz.current.check.click()\n"
            "import os; print(os.environ['DUBAO_DATA_DIR'])")
        assert quiz["error"] is None, quiz
    finally:
        kernel.close()
    if exercise:
        _edit(notebook["content"]["cells"], "answer-pinyin_of_guest_room", exercise)
        student.save_notebook(NOTEBOOK, notebook["content"])
    return student, quiz["stdout"].strip()


def test_students_log_in_fetch_run_the_lesson_and_answer(school):
    hub, users = school["hub"], school["users"]
    _log_in_with_the_form(hub, STUDENTS[0])
    for name in STUDENTS[1:]:
        hub.spawn(name)  # the REST API, as a script or the admin page would
    for name in STUDENTS[1:]:
        hub.wait_ready(name)
    plans = {STUDENTS[0]: (True, RIGHT["answer-pinyin_of_guest_room"]),
             STUDENTS[1]: (False, WRONG_EX1), STUDENTS[2]: (True, None)}
    with concurrent.futures.ThreadPoolExecutor(len(STUDENTS)) as pool:
        futures = {name: pool.submit(_attend, hub, name, *plan) for name, plan in plans.items()}
        for name, future in futures.items():
            users[name], data_dir = future.result()
            assert data_dir == str(classroom.home(name) / ".local" / "share" / "dubao")
            database = classroom.home(name) / ".local" / "share" / "dubao" / "progress.sqlite3"
            assert database.is_file(), f"{name}: no progress database after the quiz"
            assert oct(database.parent.stat().st_mode & 0o777) == "0o700"
            assert database.stat().st_uid == classroom.pwd.getpwnam(name).pw_uid


def _submit_by_hand(name, edit):
    """A student without a server: nbgrader's own command line, then a broken notebook."""
    env = {"DUBAO_EXCHANGE": str(classroom.PREFIX / "exchange")}
    fetched = classroom.run_as(name, ["nbgrader", "fetch_assignment", ASSIGNMENT], env=env)
    assert fetched.returncode == 0, fetched.stderr
    path = classroom.home(name) / NOTEBOOK
    script = (f"import json, re\np = {str(path)!r}\nnb = json.load(open(p))\n{edit}\n"
              "json.dump(nb, open(p, 'w'))")
    edited = classroom.run_as(name, ["python", "-c", script])
    assert edited.returncode == 0, edited.stderr
    submitted = classroom.run_as(name, ["nbgrader", "submit", ASSIGNMENT], env=env)
    assert submitted.returncode == 0, submitted.stderr


FILL = ("def fill(grade_id, body):\n"
        "    for c in nb['cells']:\n"
        "        if c['metadata'].get('nbgrader', {}).get('grade_id') == grade_id:\n"
        "            c['source'] = re.sub(r'raise NotImplementedError\\(\\)', body, ''.join(c['source']))\n")


def test_two_students_submitting_at_the_same_moment_both_arrive(school):
    users = school["users"]
    at_once = threading.Barrier(2)

    def submit(name):
        at_once.wait()
        return users[name].nbgrader("submit", ASSIGNMENT)

    with concurrent.futures.ThreadPoolExecutor(2) as pool:
        list(pool.map(submit, STUDENTS[:2]))
    users[STUDENTS[2]].nbgrader("submit", ASSIGNMENT)
    _submit_by_hand(CARELESS[0], FILL + "fill('answer-pinyin_of_guest_room', 'return \"ke4 fang2\" +')\n"
                                        "fill('answer-rooms_per_household', 'return 11.3')")
    _submit_by_hand(CARELESS[1], FILL + "fill('answer-pinyin_of_guest_room', 'return \"ke4 fang2\"')\n"
                                        "fill('answer-rooms_per_household', 'return 11.3')\n"
                                        "nb['cells'] = [c for c in nb['cells'] if c['metadata']"
                                        ".get('nbgrader', {}).get('grade_id') != 'test-00-ex1']")
    inbound = sorted(p.name.split("+")[0] for p in (school["exchange"] / "dubao" / "inbound").iterdir())
    assert inbound == sorted(STUDENTS + CARELESS)


def test_the_instructor_collects_autogrades_and_exports_the_scores(school):
    teacher("collect", ASSIGNMENT)
    teacher("autograde", ASSIGNMENT)
    teacher("export", "--to", "grades.csv")
    classroom.TRANSCRIPT.append((classroom.home(TEACHER) / "course" / "grades.csv").read_text(encoding="utf-8"))
    with open(classroom.home(TEACHER) / "course" / "grades.csv", encoding="utf-8") as handle:
        scores = {row["student_id"]: float(row["score"]) for row in csv.DictReader(handle)}
    assert scores == {"dubao-alice": 1.0, "dubao-bob": 0.0, "dubao-carol": 0.0, "dubao-dora": 1.0,
                      "dubao-erin": 1.0}
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{classroom.home(TEACHER) / 'course' / 'gradebook.db'}",
                   course_id="dubao") as gradebook:
        def score(student, cell):
            return gradebook.find_grade(cell, ASSIGNMENT, ASSIGNMENT, student).score

        assert [score(name, "test-00-ex1") for name in STUDENTS] == [1, 0, 0]
        assert [score(name, "test-00-ex2") for name in STUDENTS] == [0, 0, 0]
        # the syntax error costs its own cell only; so does the deleted test cell
        assert (score("dubao-dora", "test-00-ex1"), score("dubao-dora", "test-00-ex2")) == (0, 1)
        assert (score("dubao-erin", "test-00-ex1"), score("dubao-erin", "test-00-ex2")) == (0, 1)


def test_the_class_progress_is_one_csv_and_a_broken_database_is_named(school, tmp_path):
    broken = classroom.home(CARELESS[0]) / ".local" / "share" / "dubao"
    made = classroom.run_as(CARELESS[0], ["sh", "-c", f"mkdir -p {broken} && printf 'not a database' "
                                                      f"> {broken}/progress.sqlite3"])
    assert made.returncode == 0, made.stderr
    output = tmp_path / "class.csv"
    command = [str(classroom.PREFIX / "venv" / "bin" / "python"), "-m", "dubao", "progress", "export",
               "--users-from", GROUP, "-o", str(output)]
    result = classroom.record("root", command, subprocess.run(command, capture_output=True, text=True, timeout=120))
    classroom.TRANSCRIPT.append(output.read_text(encoding="utf-8-sig"))
    assert result.returncode == 1, result.stderr  # some could not be read, and say so
    assert f"error: {CARELESS[0]}: {broken}/progress.sqlite3: cannot be read" in result.stderr
    assert f"error: {CARELESS[1]}:" in result.stderr and "no progress database" in result.stderr
    assert "wrote 3 rows for 3 learner(s)" in result.stderr and TEACHER not in result.stderr
    with open(output, encoding="utf-8-sig") as handle:
        rows = [row for row in csv.DictReader(handle) if row["question"] == "liuli.q10"]
    assert {row["learner"]: row["correct"] for row in rows} == {
        "dubao-alice": "True", "dubao-bob": "False", "dubao-carol": "True"}


def test_no_student_can_read_another_students_progress(school):
    database = classroom.home(STUDENTS[0]) / ".local" / "share" / "dubao" / "progress.sqlite3"
    for other in STUDENTS[1:]:
        attempt = classroom.run_as(other, ["python", "-c", f"open({str(database)!r}, 'rb').read(1)"])
        assert attempt.returncode == 1 and "PermissionError" in attempt.stderr, attempt.stderr
    teacher_tries = subprocess.run(
        [str(classroom.PREFIX / "venv" / "bin" / "python"), "-m", "dubao", "progress", "export",
         "--users-from", GROUP], capture_output=True, text=True, user=classroom.pwd.getpwnam(TEACHER).pw_uid,
        env={"HOME": str(classroom.home(TEACHER)), "PATH": "/usr/bin:/bin"}, cwd="/")
    assert "cannot be read by you" in teacher_tries.stderr, teacher_tries.stderr


def test_everything_stops_by_pid(school):
    hub = school["hub"]
    running = hub.pids()
    assert len(running) >= 2 + len(STUDENTS)  # the hub, its proxy and the students' servers
    hub.stop()
    assert not [pid for pid in running if psutil.pid_exists(pid)]
    uids = {classroom.pwd.getpwnam(name).pw_uid for name in [TEACHER, *STUDENTS, *CARELESS]}
    left = [p.pid for p in psutil.process_iter(["uids"]) if p.info["uids"] and p.info["uids"].real in uids]
    assert left == []
    print(f"class test: {time.monotonic() - school['began']:.0f} s")
