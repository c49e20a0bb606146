"""How many students one machine serves: the class's JupyterHub (deploy/jupyterhub/)
started for real on 127.0.0.1 with local users, as in the class test.

    sudo python benchmarks/hub_capacity.py [--sizes 5,10,20] [--json out.json]

1. One student alone: the memory (RSS and USS) of their lesson kernel and their
   server with lesson 00 loaded, and the CPU seconds the kernel spent opening it.
2. N students at once (each N in --sizes, fresh users each round): every one
   starts a server, opens lesson 00 in a kernel through the proxy, runs all its
   cells and answers one quiz question. Time until interactive (from the spawn
   request to the last cell run: every widget on the page can be clicked), median
   and slowest; failed starts; progress rows lost (a quiz attempt that did not
   reach the student's own database).
3. From those: the students one machine of --cores cores and --memory-gib GiB
   serves, and the machines a class of --class-size needs.

A benchmark, never a test: it prints figures, it asserts nothing.
"""

import argparse
import concurrent.futures
import contextlib
import importlib.util
import json
import math
import os
import sqlite3
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("classroom", HERE.parent / "tests" / "class" / "classroom.py")
classroom = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(classroom)

LESSON = classroom.PREFIX / "course" / "lessons" / "00-start-here.ipynb"
QUIZ = ('from dubao import questions\n'
        'quiz = ComprehensionQuiz("liuli", questions=["liuli.q10"], lesson="00-start-here")\n'
        'quiz.current.input.value = questions.question("liuli.q10").answer\n'
        'quiz.current.check.click()')


def lesson_cells() -> list[str]:
    return classroom.code_cells({"content": json.loads(LESSON.read_text(encoding="utf-8"))})


def processes_of(name: str) -> list[psutil.Process]:
    uid = classroom.pwd.getpwnam(name).pw_uid
    return [p for p in psutil.process_iter(["uids", "cmdline"]) if p.info["uids"] and p.info["uids"].real == uid]


def open_lesson(hub, name: str, cells: list[str]) -> dict:
    """One student opening lesson 00; times in seconds from the spawn request."""
    began = time.monotonic()
    hub.spawn(name)
    hub.wait_ready(name)
    ready = time.monotonic() - began
    student = classroom.Student(hub, name)
    kernel = student.kernel()
    try:
        for code in cells:
            kernel.execute(code)
        interactive = time.monotonic() - began
        quiz = kernel.execute(QUIZ)
    finally:
        kernel.close()
    return {"name": name, "server_ready": ready, "interactive": interactive, "quiz_error": quiz["error"]}


def cpu_seconds_of(names) -> float:
    """CPU time of every process the students run (server, kernel, their children)."""
    total = 0.0
    for name in names:
        for process in processes_of(name):
            with contextlib.suppress(psutil.Error):
                times = process.cpu_times()
                total += times.user + times.system + times.children_user + times.children_system
    return total


def rows_in(name: str) -> int:
    path = classroom.home(name) / ".local" / "share" / "dubao" / "progress.sqlite3"
    if not path.is_file():
        return 0
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return db.execute("SELECT COUNT(*) FROM attempts").fetchone()[0]


def footprint(hub, name: str, cells: list[str]) -> dict:
    hub.spawn(name)
    hub.wait_ready(name)
    student = classroom.Student(hub, name)
    kernel = student.kernel()
    try:
        [process] = [p for p in processes_of(name) if "ipykernel_launcher" in " ".join(p.info["cmdline"] or [])]
        before = process.cpu_times()
        began = time.monotonic()
        for code in cells:
            kernel.execute(code)
        wall = time.monotonic() - began
        after = process.cpu_times()
        memory = process.memory_full_info()
        server = [p for p in processes_of(name) if p.pid != process.pid]
        return {"student_cpu_s": cpu_seconds_of([name]),
                "kernel_rss_mib": memory.rss / 2**20, "kernel_uss_mib": memory.uss / 2**20,
                "kernel_cpu_s": (after.user + after.system) - (before.user + before.system),
                "lesson_wall_s": wall,
                "server_rss_mib": sum(p.memory_info().rss for p in server) / 2**20}
    finally:
        kernel.close()


def round_of(hub, size: int, cells: list[str]) -> dict:
    names = round_names(size)
    used_before = psutil.virtual_memory().used
    peak = [used_before]
    results, failed = [], []
    done = threading.Event()

    def sample():
        while not done.wait(0.5):
            peak[0] = max(peak[0], psutil.virtual_memory().used)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        with concurrent.futures.ThreadPoolExecutor(size) as pool:
            futures = {pool.submit(open_lesson, hub, name, cells): name for name in names}
            for future in concurrent.futures.as_completed(futures):
                try:
                    results.append(future.result())
                except Exception as error:  # noqa: BLE001 - a failed start is a figure, not a crash
                    failed.append(f"{futures[future]}: {type(error).__name__}: {error}")
    finally:
        done.set()
    busy = cpu_seconds_of(names)  # the students' processes only: other work on the machine is not counted
    lost = sum(1 for r in results if rows_in(r["name"]) < 1)
    times = sorted(r["interactive"] for r in results)
    for name in names:
        with contextlib.suppress(Exception):
            hub.api("DELETE", f"/users/{name}/server")
    time.sleep(2)
    return {"students": size, "failed_starts": len(failed), "failures": failed, "progress_rows_lost": lost,
            "interactive_median_s": statistics.median(times) if times else None,
            "interactive_slowest_s": times[-1] if times else None,
            "server_ready_median_s": statistics.median(r["server_ready"] for r in results) if results else None,
            "cpu_seconds": busy, "load_average_after": os.getloadavg()[0], "peak_memory_added_mib": (peak[0] - used_before) / 2**20, "names": names}


def round_names(size: int) -> list[str]:
    return [f"dubao-b{size}-{i:02d}" for i in range(1, size + 1)]


GROUP = "dubao-bench"


def sizing(alone: dict, rounds: list[dict], cores: int, memory_gib: float, class_size: int,
           goal_s: float) -> dict:
    per_student_mib = alone["kernel_rss_mib"] + alone["server_rss_mib"]
    reserve_mib = 2048  # the hub, the proxy, the system
    by_memory = int((memory_gib * 1024 - reserve_mib) // per_student_mib)
    # CPU: an open lesson's kernel is idle between clicks; what costs CPU is opening.
    # Measured cost of one student opening the lesson (server start + kernel), all rounds:
    per_open = max(r["cpu_seconds"] / r["students"] for r in rounds if r["students"])
    # Students who can open the lesson within goal_s of each other, on cores cores:
    by_cpu_burst = int(cores * goal_s // per_open)
    machine = by_memory
    return {"memory_per_student_mib": per_student_mib, "students_by_memory": by_memory,
            "cpu_seconds_per_open": per_open, "students_opening_within_goal": by_cpu_burst,
            "students_per_machine": machine, "goal_s": goal_s,
            "machines_for_class": math.ceil(class_size / machine),
            "machines_for_class_opening_together": math.ceil(class_size / min(machine, by_cpu_burst))}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,10,20")
    parser.add_argument("--cores", type=int, default=2)
    parser.add_argument("--memory-gib", type=float, default=24)
    parser.add_argument("--class-size", type=int, default=300)
    parser.add_argument("--goal", type=float, default=60, help="seconds a whole class may take to open a lesson")
    parser.add_argument("--json", help="also write the figures to this file")
    args = parser.parse_args(argv)
    reason = classroom.why_not_here()
    if reason:
        print(f"hub_capacity: cannot run here: {reason}", file=sys.stderr)
        return 2
    sizes = [int(s) for s in args.sizes.split(",")]
    exchange = classroom.PREFIX / "exchange"
    classroom.install(exchange=exchange)
    cells = lesson_cells()
    # the hub reads the class from the group when it starts: every round's users first
    all_names = ["dubao-b-alone"] + [name for size in sizes for name in round_names(size)]
    classroom.create_users(all_names, GROUP)
    hub = classroom.Hub(classroom.PREFIX, Path(tempfile.mkdtemp(prefix="dubao-bench-")) / "state", GROUP, [],
                        exchange)
    figures = {"machine": {"cores": psutil.cpu_count(), "memory_gib": psutil.virtual_memory().total / 2**30}}
    try:
        hub.start()
        figures["alone"] = alone = footprint(hub, "dubao-b-alone", cells)
        print(f"one student, lesson 00 loaded: kernel {alone['kernel_rss_mib']:.0f} MiB RSS "
              f"({alone['kernel_uss_mib']:.0f} MiB its own), server {alone['server_rss_mib']:.0f} MiB; "
              f"kernel CPU {alone['kernel_cpu_s']:.1f} s for the lesson's {len(cells)} cells "
              f"({alone['lesson_wall_s']:.1f} s wall); server start and lesson together "
              f"{alone['student_cpu_s']:.1f} CPU s", flush=True)
        hub.api("DELETE", "/users/dubao-b-alone/server")
        rounds = []
        for size in sizes:
            result = round_of(hub, size, cells)
            result.pop("names")
            rounds.append(result)
            print(f"{size:3} students at once: interactive median {result['interactive_median_s']:.1f} s, "
                  f"slowest {result['interactive_slowest_s']:.1f} s (server ready median "
                  f"{result['server_ready_median_s']:.1f} s); failed starts {result['failed_starts']}; "
                  f"progress rows lost {result['progress_rows_lost']}; CPU {result['cpu_seconds']:.0f} s; "
                  f"peak memory added {result['peak_memory_added_mib']:.0f} MiB; load average "
                  f"{result['load_average_after']:.1f} (other work on the machine counts in the times)", flush=True)
            for failure in result["failures"]:
                print(f"    {failure}")
        figures["rounds"] = rounds
        figures["sizing"] = plan = sizing(alone, rounds, args.cores, args.memory_gib, args.class_size, args.goal)
        print(f"one {args.cores}-core {args.memory_gib:g} GiB machine: {plan['students_by_memory']} students "
              f"with a lesson open ({plan['memory_per_student_mib']:.0f} MiB each, 2 GiB kept back); "
              f"opening a lesson costs {plan['cpu_seconds_per_open']:.1f} CPU s, so "
              f"{plan['students_opening_within_goal']} can open it within {args.goal:g} s of each other")
        print(f"a class of {args.class_size}: {plan['machines_for_class']} machine(s) by memory; "
              f"{plan['machines_for_class_opening_together']} if all open the lesson within {args.goal:g} s")
        if args.json:
            Path(args.json).write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    finally:
        hub.stop()
        for name in all_names:
            classroom.delete_user(name)
        classroom.delete_group(GROUP)
    return 0


if __name__ == "__main__":
    sys.exit(main())
