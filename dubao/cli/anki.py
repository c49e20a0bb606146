"""``python -m dubao anki ARTICLE -o deck.apkg``: an Anki deck of an article's key words."""


def register(subparsers):
    parser = subparsers.add_parser("anki", help="write an Anki deck (.apkg) of an article's vocabulary")
    parser.add_argument("article", help="article id, e.g. qingzhen")
    parser.add_argument("-o", "--output", required=True, help="the .apkg file to write")
    parser.add_argument("--level", type=int, default=4, help="with --all: words above this HSK level")
    parser.add_argument("--all", action="store_true",
                        help="also the words the engine finds above --level, not only the key words")
    parser.set_defaults(run=run)


def run(args) -> int:
    from pathlib import Path

    from dubao.practice.anki import write_deck
    from dubao.errors import DubaoError

    path = Path(args.output)
    if path.suffix != ".apkg":
        raise DubaoError(f"{path}: an Anki package must end in .apkg")
    # said before the deck is built, which takes a few seconds
    if path.is_dir():
        raise DubaoError(f"{path}: cannot write the deck: Is a directory")
    if not path.parent.is_dir():
        raise DubaoError(f"{path}: cannot write the deck: the folder {path.parent} does not exist")
    try:
        count = write_deck(args.article, path, level=args.level, include_found=args.all)
    except OSError as error:
        raise DubaoError(f"{path}: cannot write the deck: {error.strerror}") from None
    print(f"wrote {path} ({count} notes)")
    return 0
