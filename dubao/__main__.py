"""The ``python -m dubao`` command line, for instructors and scripts.

Each subcommand lives in its own module in ``dubao/cli/`` and provides
``register(subparsers)``; this file discovers them, so adding a command never
means editing a shared list. Mistakes a user can fix (a ``DubaoError``) are
printed as one line and exit with status 1, never as a traceback.
"""

import argparse
import importlib
import pkgutil
import sys

from dubao import cli
from dubao.errors import DubaoError


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m dubao",
        description="读报 dubao: tools for the course, its corpus and its learners.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for info in sorted(pkgutil.iter_modules(cli.__path__), key=lambda m: m.name):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"dubao.cli.{info.name}")
        module.register(subparsers)
    return parser


def main(argv=None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "run", None):
        parser.print_help()
        return 2
    try:
        return args.run(args) or 0
    except DubaoError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # `python -m dubao articles --json | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
