"""``python -m dubao vocab ARTICLE [--level N] [--json]``: an article's word list."""

import json

from dubao.language import hsk


def register(subparsers):
    parser = subparsers.add_parser("vocab", help="the key words of an article, and the words above a level")
    parser.add_argument("article", help="article id, e.g. qingzhen")
    parser.add_argument("--level", type=int, default=4,
                        help="also list words above this HSK level (1-7; default 4)")
    parser.add_argument("--curated-only", action="store_true", help="only the teacher's key words")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.errors import DubaoError
    from dubao.content.vocabulary import vocab

    if not 1 <= args.level <= 7:
        raise DubaoError(f"--level {args.level}: HSK levels are 1 to 6, and 7 for the 7–9 band")
    words = vocab(args.article, level=args.level, include_found=not args.curated_only)
    if args.json:
        print(json.dumps([w.to_dict() for w in words], ensure_ascii=False, indent=1))
        return 0
    for w in words:
        mark = "*" if w.curated else " "
        print(f"{mark} {w.word}\t{w.pinyin}\t{hsk.label(w.level)}\t×{w.frequency}\t{w.example}\t{w.gloss or ''}")
    return 0
