"""``python -m dubao check``: validate all corpus data, one ``file:line: message``
per problem; exit 0 when sound, 1 otherwise. Drafts still to review (an added
article's unreviewed figures, its missing translations) are printed as
``warning: …`` lines and do not change the exit status."""


def register(subparsers):
    parser = subparsers.add_parser("check", help="validate all corpus data")
    parser.add_argument("-v", "--verbose", action="store_true", help="say what was checked")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.course.checks import all_problems, all_warnings

    found = all_problems(print if args.verbose else None)
    for problem in found:
        print(problem)
    for warning in all_warnings():  # drafts to review; they do not fail the check
        print(f"warning: {warning}")
    if args.verbose or found:
        print(f"{len(found)} problem(s)")
    return 1 if found else 0
