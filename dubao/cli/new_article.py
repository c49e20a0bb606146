"""``python -m dubao new-article FILE.txt --id ID --title TITLE``: add an instructor's
own text to the course, with draft key words, figures, cloze items and a lesson."""


def register(subparsers):
    parser = subparsers.add_parser(
        "new-article", help="turn a plain UTF-8 text into a corpus entry with drafts and a lesson draft",
        description="Turn a plain UTF-8 text (one paragraph per line) into a corpus entry: the source "
                    "file, the cleaned text with sentence ids, draft key words, draft figures "
                    "(reviewed: false), cloze questions and a lesson draft in solutions/. Nothing is "
                    "written unless all of it can be made.")
    parser.add_argument("file", metavar="FILE.txt", help="the text, UTF-8, one paragraph per line")
    parser.add_argument("--id", required=True, dest="article_id",
                        help="the article id: lower-case letters, digits and '-', e.g. school-notice")
    parser.add_argument("--title", required=True, help="the title, as the Reader shows it")
    parser.add_argument("--source", help="where the text comes from, e.g. 贵阳日报")
    parser.add_argument("--date", help="its date, e.g. 2025-12")
    parser.add_argument("--force", action="store_true", help="replace an article added before with this id")
    parser.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from dubao import corpus
    from dubao.course import new_article

    draft = new_article.prepare(Path(args.file), args.article_id, args.title, source=args.source,
                                date=args.date, force=args.force)
    written = new_article.write(draft)
    corpus.reload()
    for path in written:
        print(f"wrote {_short(path)}")
    print(f"{args.article_id}: {draft.sentences} sentence(s), {len(draft.words)} draft "
          f"key word(s), {len(draft.figures)} draft figure(s) (reviewed: false), "
          f"{len(draft.questions)} cloze item(s)")
    if draft.strokes_note:
        print(draft.strokes_note)
    print("next: review the drafts, then `python -m dubao check` and `python -m dubao lessons`")
    return 0


def _short(path) -> str:
    """A path relative to the current folder when it is inside it."""
    from pathlib import Path

    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)
