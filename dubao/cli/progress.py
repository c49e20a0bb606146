"""``python -m dubao progress show|export``: where a learner's progress is kept
and how far they are, and, for teachers, one CSV of scores merged from several
learners' data folders (each folder read-only; nothing in it is changed)."""

import csv
import sys


def register(subparsers):
    parser = subparsers.add_parser("progress", help="a learner's progress; export scores for a class as CSV")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    show = actions.add_parser("show", help="where progress is saved, a summary per lesson, words per status "
                                           "and the coverage of each piece")
    show.add_argument("--data-dir", help="the learner's data folder (default: DUBAO_DATA_DIR or the user data folder)")
    show.set_defaults(run=run_show)

    export = actions.add_parser(
        "export", help="one CSV row per learner, lesson and question: attempts, last answer, correct, time, "
                   "and the learner's words known, learning and not to learn")
    export.add_argument("--data-dir", action="append", dest="data_dirs", metavar="DIR",
                        help="a learner's data folder, or a progress.sqlite3 file; repeat for a class "
                             "(default: this learner's own folder)")
    export.add_argument("-o", "--output", default="-", help="CSV file to write (default: print it)")
    export.set_defaults(run=run_export)


COLUMNS = ["learner", "lesson", "article", "question", "attempts", "last_answer", "correct", "answered_at"]
# Each learner's word counts (dubao.practice.word_status), repeated on each of their
# rows so that one CSV stays one table; a learner with no answers gets one row.
WORD_COLUMNS = ["words_known", "words_learning", "words_ignored"]


def _safe_cell(value):
    """Learners' answers go into spreadsheets: text that a spreadsheet would run
    as a formula (=, +, -, @ at the start) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        try:
            float(value)
            return value  # -5 is a number, not a formula
        except ValueError:
            return "'" + value
    return value


def run_export(args) -> int:
    from dubao import paths
    from dubao.practice import progress
    from dubao.errors import DubaoError

    folders = args.data_dirs or [str(paths.data_dir())]
    rows, problems = [], []
    for folder in folders:
        try:
            learner, scores = progress.read_scores(folder)
            counts = word_counts(progress.read_only_store(folder))
        except DubaoError as error:
            problems.append(str(error))
            continue
        scores = scores or [{"learner": learner, **{key: "" for key in COLUMNS if key != "learner"}}]
        rows.extend({**row, **counts} for row in scores)
    for problem in problems:  # the others are still exported: nothing is lost
        print(f"error: {problem}", file=sys.stderr)
    if args.output == "-":
        _write(sys.stdout, rows)
    else:
        try:
            with open(args.output, "w", newline="", encoding="utf-8-sig") as handle:
                _write(handle, rows)
        except OSError as error:
            raise DubaoError(f"{args.output}: cannot write the CSV ({error.strerror or error})") from None
        print(f"wrote {len(rows)} rows for {len(folders) - len(problems)} learner(s) to {args.output}",
              file=sys.stderr)
    return 1 if problems else 0


def _write(handle, rows):
    writer = csv.DictWriter(handle, fieldnames=COLUMNS + WORD_COLUMNS)
    writer.writeheader()
    for row in rows:
        writer.writerow({key: _safe_cell(row[key]) if key == "last_answer" else row[key]
                         for key in COLUMNS + WORD_COLUMNS})


def word_counts(store) -> dict:
    from dubao.practice import word_status

    counts = word_status.Statuses.of_store(store).counts()
    return {f"words_{status}": counts[status] for status in ("known", "learning", "ignored")}


def run_show(args) -> int:
    from dubao.practice import progress

    store = progress.open_store(args.data_dir)
    summary = store.summary()
    print(f"progress file: {store.path}" + ("" if store.saving else "  (NOT saving)"))
    if store.warning:
        print(f"warning: {store.warning}")
    for row in summary["lessons"]:
        print(f"{row['lesson']:24} {row['correct']:3} right of {row['questions']:3} questions tried "
              f"({row['attempts']} attempts)")
    print(f"flashcards: {summary['cards']} ({summary['cards_due']} due now); "
          f"words marked known: {summary['known_words']}")
    for line in status_lines(store):
        print(line)
    return 0


def status_lines(store) -> list[str]:
    """Words per status and the coverage of each piece (dubao.practice.word_status)."""
    from dubao.practice import word_status

    statuses = word_status.Statuses.of_store(store)
    counts = statuses.counts()
    lines = [f"words: {counts['known']} known, {counts['learning']} learning, {counts['ignored']} not to learn "
             "(every other word is new)",
             "coverage, the share of known words (names, numbers and words not to learn left out):"]
    for article, found in word_status.page_coverage(statuses).items():
        lines.append(f"  {article:14} {found.running_share:4.0%} of {found.running:5} running words, "
                     f"{found.distinct_share:4.0%} of {found.distinct:4} distinct words")
    return lines
