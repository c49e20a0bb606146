"""How good ``new-article``'s drafts are, measured against the page curated by
hand: each of the page's six pieces is drafted again from its text as if it were
new, in a child process whose corpus folder holds only the articles (figures,
not-figures, key words, glossary and pinyin overrides are hidden from it), and
the drafts are compared with corpus/figures.yaml, not-figures.yaml,
vocabulary.yaml and glossary.yaml. A benchmark, never a test: the figures are
printed by ``python -m dubao bench --only drafts`` and quoted in the README.

The text given to the drafter is each paragraph's cleaned sentences, one line
per paragraph (the errata are applied; nothing else curated is). Matching:
a drafted figure is the curated one when it is in the same sentence and its
number (``written``) overlaps the curated one's; its fields are right when value
(a date by the parts the text gives), unit, qualifier and kind are all equal.
A drafted gloss matches when it shares a content word with the glossary's gloss
(dubao.language.senses.same_sense).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from functools import cache
from pathlib import Path

from dubao.cli.bench.engine import Result, measurement

HIDDEN = ("figures.yaml", "not-figures.yaml", "vocabulary.yaml", "glossary.yaml", "pinyin-overrides.yaml",
          "context-notes.yaml", "language-focus.yaml", "plot-exercises.yaml", "questions")


# ------------------------------------------------------------ the child process

def _draft_all(words_to_gloss: dict[str, list[str]]) -> dict:
    """In the child (corpus without curated data): the drafts of every page piece."""
    import dubao
    from dubao import corpus
    from dubao.course import new_article

    try:
        from dubao.language import senses
    except ImportError:  # the drafter before gloss choices (for the "before" figures)
        senses = None
    out = {}
    for article_id in corpus.page_pieces():
        article = corpus.article(article_id)
        text = "\n".join("".join(s.text for s in p.sentences) for sec in article.sections for p in sec.paragraphs)
        record = new_article.article_record(text, article_id, article.title, None, None)
        if hasattr(new_article, "draft_numbers"):
            figures, not_figures = new_article.draft_numbers(record)
        else:
            figures, not_figures = new_article.draft_figures(record), []
        words, _ = new_article.draft_words(record)
        tokens = {}
        for s in new_article._sentences(record):
            for token in dubao.annotate(s[1]):
                tokens.setdefault(token.text, token)
        glosses = {}
        for word in words_to_gloss.get(article_id, []):
            token = tokens.get(word)
            if token is None:
                continue
            if senses:
                choice = senses.choose_for_token(token)
                glosses[word] = [choice.gloss, choice.unsure]
            else:
                glosses[word] = [token.gloss, False]
        out[article_id] = {"sentences": new_article._sentences(record),
                           "figures": [{k: v for k, v in f.items() if k in ("sentence", "quote", "written", "value",
                                                                            "unit", "qualifier", "kind")}
                                       for f in figures],
                           "not_figures": not_figures, "words": [w.word for w in words], "glosses": glosses}
    return out


def run_drafter(code_dir: Path | None = None) -> dict:
    """Draft the page in a child process with the curated data hidden;
    ``code_dir`` runs another version of dubao (a checkout) for a before/after."""
    from dubao import paths

    folder = Path(tempfile.mkdtemp(prefix="dubao-bench-drafts-"))
    try:
        hidden = folder / "corpus"
        shutil.copytree(paths.corpus_dir(), hidden,
                        ignore=lambda d, names: [n for n in names if Path(d) == paths.corpus_dir() and n in HIDDEN])
        code = Path(code_dir or paths.COURSE_DIR)
        env = {**os.environ, "DUBAO_CORPUS_DIR": str(hidden),
               "PYTHONPATH": os.pathsep.join([str(code), str(paths.COURSE_DIR)])}
        words = json.dumps(_curated_words())
        script = ("import json, sys\nfrom dubao.cli.bench import drafts\n"
                  "print(json.dumps(drafts._draft_all(json.loads(sys.stdin.read())), ensure_ascii=False))")
        done = subprocess.run([sys.executable, "-c", script], input=words, capture_output=True, text=True,
                              env=env, cwd=str(code), timeout=1800)  # cwd: `-c` puts it first on the path
        if done.returncode:
            raise RuntimeError(f"the drafter failed: {done.stderr.strip().splitlines()[-1:]}")
        return json.loads(done.stdout)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ------------------------------------------------------------- the comparison

def _curated_words() -> dict[str, list[str]]:
    from dubao import yamlio
    from dubao.paths import corpus_dir

    return {k: list(v or []) for k, v in (yamlio.load(corpus_dir() / "vocabulary.yaml", dict)["articles"]).items()}


def _span(text: str, quote: str, written: str) -> tuple[int, int] | None:
    at = text.find(quote)
    inner = quote.find(str(written))
    if at < 0 or inner < 0:
        return None
    return at + inner, at + inner + len(str(written))


def _same_value(drafted, curated, unit) -> bool:
    if unit == "date":  # the page adds the year the text leaves out (11月 -> 2025-11)
        d, c = str(drafted), str(curated)
        return d == c or d.startswith("--") and c.endswith(d[1:])
    try:
        return float(drafted) == float(curated)
    except (TypeError, ValueError):
        return drafted == curated


def compare(drafts: dict) -> dict:
    """Counts for every figure of draft quality (see the module docstring)."""
    import re

    from dubao import corpus, yamlio
    from dubao.language import glossary, senses
    from dubao.paths import corpus_dir

    gold_figures = yamlio.load(corpus_dir() / "figures.yaml", list)
    gold_not = yamlio.load(corpus_dir() / "not-figures.yaml", list)
    entries = {e.word: e.gloss for e in glossary.glossary().entries}
    text_to_id = {(s.id.split(".")[0], s.text): s.id for s in corpus.sentences()}
    c = dict.fromkeys(["gold", "found", "fields", "drafted", "drafted_arabic", "true_arabic", "true_all",
                       "not_gold", "not_found", "not_drafted_arabic", "not_true_arabic", "words_gold",
                       "words_drafted", "words_common", "gloss_gold", "gloss_match", "gloss_flagged",
                       "gloss_wrong_silent"], 0)
    wrong = []
    for article_id, d in drafts.items():
        ids = {sid: text_to_id.get((article_id, text)) for sid, text in d["sentences"]}
        texts = dict(d["sentences"])
        mine = []
        for f in d["figures"]:
            sid = ids.get(f["sentence"])
            span = _span(texts[f["sentence"]], f["quote"], f["written"])
            mine.append((sid, span, f))
        gold = [g for g in gold_figures if g["sentence"].split(".")[0] == article_id]
        used = set()
        for g in gold:
            span = _span(corpus.sentence(g["sentence"]).text, g["quote"], g["written"])
            c["gold"] += 1
            hit = next((k for k, (sid, s, _) in enumerate(mine) if sid == g["sentence"] and s and span
                        and s[0] < span[1] and span[0] < s[1] and k not in used), None)
            if hit is None:
                wrong.append(f"missed {g['id']} ({g['written']})")
                continue
            used.add(hit)
            c["found"] += 1
            f = mine[hit][2]
            if _same_value(f["value"], g["value"], g["unit"]) and f["unit"] == g["unit"] \
                    and f["qualifier"] == g["qualifier"] and f["kind"] == g["kind"]:
                c["fields"] += 1
            else:
                wrong.append(f"{g['id']}: drafted {f['value']} {f['unit']} {f['qualifier']} {f['kind']}, "
                             f"curated {g['value']} {g['unit']} {g['qualifier']} {g['kind']}")
        for k, (_, _, f) in enumerate(mine):
            arabic = bool(re.search(r"\d", f["written"]))
            c["drafted"] += 1
            c["drafted_arabic"] += arabic
            c["true_all"] += k in used
            c["true_arabic"] += arabic and k in used
            if k not in used and arabic:
                wrong.append(f"extra figure {f['sentence']} {f['written']}{f['unit']}")
        gold_n = [n for n in gold_not if n["sentence"].split(".")[0] == article_id]
        drafted_n = [(ids.get(n["sentence"]), _span(texts[n["sentence"]], n["text"], n["text"]), n)
                     for n in d["not_figures"]]
        hits = set()
        for n in gold_n:
            c["not_gold"] += 1
            span = _span(corpus.sentence(n["sentence"]).text, n["text"], n["text"])
            hit = next((k for k, (sid, s, _) in enumerate(drafted_n)
                        if sid == n["sentence"] and s and s[0] < span[1] and span[0] < s[1]), None)
            if hit is None:
                wrong.append(f"missed not-figure {n['sentence']} {n['text']}")
            else:
                hits.add(hit)
                c["not_found"] += 1
        for k, (_, _, n) in enumerate(drafted_n):
            if re.search(r"\d", n["text"]):
                c["not_drafted_arabic"] += 1
                c["not_true_arabic"] += k in hits
        gold_words = set(_curated_words().get(article_id, []))
        c["words_gold"] += len(gold_words)
        c["words_drafted"] += len(d["words"])
        c["words_common"] += len(gold_words & set(d["words"]))
        for word, (gloss, unsure) in d["glosses"].items():
            if word not in entries or entries[word] is None:
                continue
            c["gloss_gold"] += 1
            if gloss and senses.same_sense(gloss, entries[word]):
                c["gloss_match"] += 1
            elif unsure:
                c["gloss_flagged"] += 1
            else:
                c["gloss_wrong_silent"] += 1
                wrong.append(f"gloss {word}: drafted {gloss!r}, glossary {entries[word]!r}")
    c["wrong"] = wrong
    return c


@cache
def _counts() -> dict:
    return compare(run_drafter())


def _share(a, b) -> float | None:
    return 100 * a / b if b else None


def _result(name, value, goal_value, goal, detail, at_most=False) -> Result:
    passed = None if value is None else (value <= goal_value if at_most else value >= goal_value)
    return Result(name, value, "%", goal, passed, detail, failures=_counts()["wrong"] if passed is False else [])


def _figure(name, share, goal_value, goal, detail):
    """Register one draft-quality figure: ``share`` and ``detail`` read the counts."""
    def measure():
        c = _counts()
        return _result(name, share(c), goal_value, goal, detail(c))
    measurement(name)(measure)


_figure("drafts: figures found (recall vs figures.yaml)", lambda c: _share(c["found"], c["gold"]), 95, "≥ 95%",
        lambda c: f"{c['found']} of {c['gold']} curated figures drafted at their place")
_figure("drafts: figures precision (Arabic numbers)", lambda c: _share(c["true_arabic"], c["drafted_arabic"]), 90,
        "≥ 90%", lambda c: f"{c['true_arabic']} of {c['drafted_arabic']} drafted figures with digits are curated "
        f"figures; with Chinese numerals {c['true_all']} of {c['drafted']} (the page curates only three "
        "Chinese-numeral figures, so other Chinese amounts count against this)")
_figure("drafts: figure fields right", lambda c: _share(c["fields"], c["found"]), 80, "≥ 80%",
        lambda c: f"{c['fields']} of {c['found']} found figures with value, unit, qualifier and kind as curated")
_figure("drafts: not-figures found (recall vs not-figures.yaml)", lambda c: _share(c["not_found"], c["not_gold"]),
        75, "≥ 75%", lambda c: f"{c['not_found']} of {c['not_gold']}; precision (spans with digits): "
        f"{c['not_true_arabic']} of {c['not_drafted_arabic']}")
_figure("drafts: key words (overlap with vocabulary.yaml)", lambda c: _share(c["words_common"], c["words_gold"]),
        40, "≥ 40% of the curated", lambda c: f"{c['words_common']} of {c['words_gold']} curated key words "
        f"among {c['words_drafted']} drafted")
_figure("drafts: glosses right or flagged",
        lambda c: _share(c["gloss_match"] + c["gloss_flagged"], c["gloss_gold"]), 80, "≥ 80%",
        lambda c: f"of {c['gloss_gold']} curated key words with a glossary entry: {c['gloss_match']} match its "
        f"sense, {c['gloss_flagged']} flagged for review, {c['gloss_wrong_silent']} wrong and not flagged")
