"""``python -m dubao questions [ARTICLE] [--json]``: the question banks, one
question per line (or one JSON object per question with its evidence ids)."""

import json
import sys

from dubao.language import hsk


def register(subparsers):
    parser = subparsers.add_parser("questions", help="list the comprehension questions of the page or one article")
    parser.add_argument("article", nargs="?", help="article id, e.g. qingzhen (default: every article)")
    parser.add_argument("--json", action="store_true",
                        help="print a JSON list: id, article, type, skill, evidence, answer, explanation …")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.content import questions

    found = questions.questions(args.article)
    problems = questions.problems()
    if problems:  # still list them, so a teacher can see what is there
        print(f"warning: {len(problems)} problem(s) in the question content; run python -m dubao check",
              file=sys.stderr)
    if args.json:
        print(json.dumps([q.to_dict() for q in found], ensure_ascii=False, indent=1))
        return 0
    for q in found:
        evidence = ", ".join(q.evidence)
        print(f"{q.id:18} {q.type:21} {q.skill or '-':10} d{q.difficulty} {hsk.label(q.level)} {q.language}  "
              f"{q.text}  [{evidence}]")
    print(f"{len(found)} question(s)")
    return 0
