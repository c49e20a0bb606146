"""``python -m dubao figures [--json] [--article ID] [--series]``: list the figures
of the page (every number it reports, with its sentence and base value), or the
series prepared for charts."""

import json


def register(subparsers):
    parser = subparsers.add_parser("figures", help="list every figure (number) the page reports")
    parser.add_argument("--json", action="store_true", help="print all records as JSON")
    parser.add_argument("--article", help="only the figures of this article (e.g. qingzhen)")
    parser.add_argument("--series", action="store_true", help="list the series for charting instead")
    parser.set_defaults(run=run)


def run(args) -> int:
    from dubao.content import figures, units

    if args.series:
        items = figures.all_series()
        if args.json:
            print(json.dumps([{"id": s.id, "title": s.title, "title_en": s.title_en, "unit": s.unit,
                               "points": [{"label": p.label, "value": p.value, "kind": p.figure.kind,
                                           "figure": p.figure.id} for p in s.points]}
                              for s in items], ensure_ascii=False, indent=1))
            return 0
        for s in items:
            points = ", ".join(f"{p.label} {p.value:g}" for p in s.points)
            print(f"{s.id:22} {s.title}（{s.unit}）: {points}")
        return 0
    items = figures.by_article(args.article) if args.article else figures.load()
    if args.json:
        print(json.dumps([f.as_dict() for f in items], ensure_ascii=False, indent=1))
        return 0
    for f in items:
        where = "derived: " + f.formula if f.derived else f.sentence
        amount = f"{f.value}{'' if f.unit == 'date' else f.unit}"
        if f.qualifier:  # 逾 and 约 come before the number; 多, 余, 左右, 以上 after it
            after = getattr(units.qualifier(f.qualifier), "position", "before") == "after"
            amount = f"{amount}（{f.qualifier}）" if after else f"{f.qualifier} {amount}"
        print(f"{f.id:40} {amount}  [{f.kind}]  {f.subject['zh']}  ({where})")
    return 0
