"""``python -m dubao build [--check]``: regenerate the cleaned edition of the page."""


def register(subparsers):
    parser = subparsers.add_parser(
        "build", help="regenerate corpus/articles/ from the source page, page.yaml and errata.yaml")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if corpus/articles/ is out of date")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.corpus import edition

    built = edition.build()
    if args.check:
        stale = edition.stale(built)
        for name in stale:
            print(f"{name}: out of date (run `python -m dubao build`)")
        return 1 if stale else 0
    for path in edition.write(built):
        print(f"wrote {path}")
    return 0
