"""``python -m dubao lessons [--check]``: generate lessons/ from solutions/."""


def register(subparsers):
    parser = subparsers.add_parser(
        "lessons", help="generate the student notebooks in lessons/ from solutions/ (nbgrader ClearSolutions)")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if lessons/ differs from what would be generated")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.course import lessons

    if args.check:
        problems = lessons.check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path in lessons.write():
        print(f"wrote {path}")
    return 0
