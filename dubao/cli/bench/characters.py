"""Measured figures of the characters part of the Reader's word panel (issue 17):
what showing each character of a chosen word adds to a click, against the gloss
panel above it in the same run."""

import json
import os
import statistics
import subprocess
import sys

from dubao import paths
from dubao.cli.bench.engine import Result, measurement

WORD_PANEL_SCRIPT = paths.COURSE_DIR / "benchmarks" / "word_panel.py"


@measurement("word panel characters")
def measure_word_panel(runs: int = 5) -> Result:
    # In a new process, since dubao itself never imports ipywidgets.
    output = subprocess.run([sys.executable, str(WORD_PANEL_SCRIPT), str(runs)], check=True, capture_output=True,
                            text=True, cwd=paths.COURSE_DIR, env=dict(os.environ)).stdout
    times = json.loads(output.strip().splitlines()[-1])
    characters, gloss = statistics.median(times["characters"]), statistics.median(times["gloss"])
    return Result("8. Reader word panel: the characters of a chosen word (median)", characters * 1000, " ms",
                  "< 50 ms", characters < 0.05,
                  f"{characters / gloss:.2f}× the gloss panel of the same click ({gloss * 1000:.1f} ms); "
                  f"the first choice {times['first'] * 1000:.0f} ms: it builds the strokes widget and "
                  "annotates the page once, which the gloss panel's other sentences then reuse; "
                  f"{times['words']} key words of qingzhen × {runs} runs")
