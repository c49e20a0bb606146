"""``python -m dubao annotate [FILE|-] [--article ID] [--json] [--sandhi]``: segment a
text and give each word its pinyin in context, gloss and HSK level. An instructor
uses it to annotate a passage of their own, or a piece of the corpus."""

import json
import sys

from dubao.language import hsk


def register(subparsers):
    parser = subparsers.add_parser(
        "annotate", help="words of a text with pinyin, gloss and HSK level",
        description="Annotate Chinese text: one line per word (word, pinyin, HSK level, gloss), "
                    "or JSON with every field. Reads FILE, or standard input for '-' or no FILE.")
    parser.add_argument("file", nargs="?", default=None, metavar="FILE",
                        help="a UTF-8 text file, or '-' for standard input")
    parser.add_argument("--article", metavar="ID", help="annotate a piece of the corpus, e.g. qingzhen")
    parser.add_argument("--json", action="store_true", help="print every field of every token as JSON")
    parser.add_argument("--sandhi", action="store_true",
                        help="show the spoken tone changes of 一 and 不 (default: citation tones)")
    parser.add_argument("--difficulty", action="store_true", help="print the HSK difficulty profile too")
    parser.set_defaults(run=run)


def _read(args) -> str:
    from dubao.errors import DubaoError

    if args.article:
        if args.file:
            raise DubaoError("give either FILE or --article, not both")
        from dubao import corpus

        return corpus.article(args.article).text
    if args.file in (None, "-"):
        data = sys.stdin.buffer.read()
        name = "standard input"
    else:
        try:
            with open(args.file, "rb") as handle:
                data = handle.read()
        except OSError as error:
            raise DubaoError(f"{args.file}: cannot read ({error.strerror})") from None
        name = args.file
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise DubaoError(f"{name}:{line}: not valid UTF-8 (save the file as UTF-8)") from None


def run(args) -> int:
    from dubao.language import annotate, difficulty

    text = _read(args)
    tokens = annotate(text, sandhi=args.sandhi)
    if args.json:
        data = {"tokens": [t.to_dict() for t in tokens]}
        if args.difficulty:
            data["difficulty"] = difficulty(tokens).to_dict()
        print(json.dumps(data if args.difficulty else data["tokens"], ensure_ascii=False, indent=1))
        return 0
    for t in tokens:
        if not t.text.strip():
            continue
        level = hsk.band(t.hsk) or ""
        flags = ",".join(f for f, on in (("name", t.is_name), ("term", t.is_term), ("number", t.is_number)) if on)
        print("\t".join([t.text, t.pinyin, level, t.gloss or "", flags]).rstrip())
    if args.difficulty:
        profile = difficulty(tokens)
        print(f"# {profile.tokens} words, {profile.characters} characters counted (names and numbers left out); "
              f"95% of characters known at level: {hsk.band(profile.level_for_95) or 'beyond ' + hsk.label(hsk.BAND)}")
    return 0
