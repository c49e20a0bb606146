"""``python -m dubao articles [--json]``: list the pieces of the corpus."""

import json


def register(subparsers):
    parser = subparsers.add_parser("articles", help="list every article (piece) of the corpus")
    parser.add_argument("--json", action="store_true",
                        help="print every article with its sections, paragraphs and sentences as JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao import corpus

    items = corpus.articles()
    if args.json:
        print(json.dumps([corpus.to_dict(a) for a in items], ensure_ascii=False, indent=1))
        return 0
    for a in items:
        title = f"{a.title} (editorial title)" if a.title_editorial else a.title
        status = ", ".join(a.status)
        print(f"{a.id:15} {len(a.sentences):3} sentences  [{status}]  {title}")
    return 0
