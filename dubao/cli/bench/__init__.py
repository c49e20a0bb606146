"""``python -m dubao bench [--only NAME] [--cpp-limit N] [--failures]``: measure the
figures the course promises (pinyin accuracy, segmentation, speed) and print each
with its goal. Each module of this package registers a group of measurements
(engine.py: the language engine; drafts.py: new-article's drafts against the curated
page; characters.py: stroke data; speech.py: listening)."""


def register(subparsers):
    parser = subparsers.add_parser("bench", help="measure pinyin accuracy, segmentation and speed",
                                   description="Run the benchmarks and print each figure with its goal.")
    parser.add_argument("--only", metavar="TEXT", help="run only measurements whose name contains TEXT")
    parser.add_argument("--cpp-limit", type=int, metavar="N",
                        help="score only the first N CPP sentences (quick check; the full set is the figure)")
    parser.add_argument("--failures", action="store_true", help="list every failing gold case")
    parser.set_defaults(run=run)


def run(args) -> int:
    import importlib
    import pkgutil

    from dubao.cli import bench as package
    from dubao.cli.bench import engine as bench

    # every module of this package registers its figures with @measurement (drafts.py, ...)
    for info in pkgutil.iter_modules(package.__path__):
        importlib.import_module(f"dubao.cli.bench.{info.name}")

    chosen = {name: f for name, f in bench.MEASUREMENTS.items() if not args.only or args.only in name}
    if not chosen:
        from dubao.errors import DubaoError

        raise DubaoError(f"no measurement matches {args.only!r}; there are: {', '.join(bench.MEASUREMENTS)}")
    missed = False
    for name, function in chosen.items():
        result = function(limit=args.cpp_limit) if name == "pinyin on the CPP test set" else function()
        print(result.line(), flush=True)
        if result.failures and args.failures:
            for failure in result.failures:
                print(f"    {failure}")
        missed = missed or result.passed is False
    return 1 if missed else 0
