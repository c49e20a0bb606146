"""``python -m dubao lessons [--check]``: generate lessons/ from solutions/."""


def register(subparsers):
    parser = subparsers.add_parser(
        "lessons", help="generate lessons/ (student notebooks, nbgrader ClearSolutions) and deploy/jupyterhub/source/ "
             "(nbgrader source notebooks with graded cells) from solutions/")
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if lessons/ or deploy/jupyterhub/source/ differs from what would be generated")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.course import lessons

    if args.check:
        problems = lessons.check()
        for problem in problems:
            print(problem)
        return 1 if problems else 0
    for path in lessons.write() + lessons.write_nbgrader_source():
        print(f"wrote {path}")
    return 0
