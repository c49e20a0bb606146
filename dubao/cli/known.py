"""``python -m dubao known import FILE``: mark the words a learner already knows,
from a plain word list (one word a line) or an Anki or Pleco export (tab-separated,
the word first), and say how many were new, already known, or not taken and why
(``dubao.practice.word_list``). ``known list`` prints the words marked known."""

import sys


def register(subparsers):
    parser = subparsers.add_parser("known", help="import the words a learner already knows; list them")
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    imports = actions.add_parser("import", help="mark every word of a word list, Anki or Pleco export as known")
    imports.add_argument("file", help="a word list: one word a line, or tab-separated with the word first "
                                      "(UTF-8, UTF-16 or GB18030)")
    imports.add_argument("--data-dir", help="the learner's data folder (default: DUBAO_DATA_DIR or the user data folder)")
    imports.set_defaults(run=run_import)
    listing = actions.add_parser("list", help="the words marked known, one a line")
    listing.add_argument("--data-dir", help="the learner's data folder")
    listing.set_defaults(run=run_list)


def run_import(args) -> int:
    import warnings

    from dubao.practice import progress, word_list

    result = word_list.read_word_list(args.file)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", progress.ProgressWarning)  # said once, in the report
        store = progress.open_store(args.data_dir)
        new = store.mark_known_many(result.words)
    for line in word_list.report(result, len(new), len(result.words) - len(new), store.saving, store.warning):
        print(line)
    if not result.words:
        print(f"error: {args.file}: no word was taken (one word a line, or tab-separated with the word first)",
              file=sys.stderr)
        return 1
    return 0


def run_list(args) -> int:
    from dubao.practice import progress

    for word in sorted(progress.open_store(args.data_dir).known_words()):
        print(word)
    return 0
