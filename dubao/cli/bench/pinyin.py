"""The pinyin figures of ``python -m dubao bench``: accuracy on the CPP test and
dev splits (read from ../shared/benchmarks/cpp, never copied into the course),
with the cases where CPP's label differs from the kit's policy counted apart,
the gold list beyond the page, the segmentation gold list beyond the page, and
the share of the page's tokens decided by each source.

CPP is scored with the evidence the engine gathers (dubao.language.ranking_fit):
the same segmentation, sources and fitted ranking as ``annotate``, with g2pM
asked once for all sentences of a split in batches; tests/test_pinyin.py checks
that this gives ``annotate``'s readings. A policy case is one where the label
differs from CC-CEDICT's one reading of the word only by a neutral tone (衣服
yī fu against CPP's fu2): the kit keeps CC-CEDICT's tone there on purpose.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path

from dubao import paths, yamlio
from dubao.cli.bench.engine import GOLD_DIR, Result, _gold_result, char_readings, measurement

GOAL = 98.0
G2PW = 99.08  # g2pW's reported accuracy on the CPP test split (a BERT model, not installable here)


def cpp_figures(split: str, limit: int | None = None, folder: Path | None = None) -> dict | None:
    """Right, policy and total counts of the engine on a CPP split, or None without the data."""
    from dubao.language import ranking_fit

    folder = folder or paths.cpp_dir()
    if folder is None or not (folder / f"{split}.sent").exists():
        return None
    began = time.perf_counter()
    cases = ranking_fit.collect(folder, split, limit=limit)
    from dubao.language.evidence import ranking

    result = ranking_fit.score(cases, ranking())
    result["seconds"] = time.perf_counter() - began
    return result


def _cpp_result(split: str, limit: int | None) -> Result:
    name = f"1{'a' if split == 'test' else 'b'}. pinyin accuracy, CPP {split} split" + \
        (" (the split the ranking is fitted on)" if split == "dev" else "")
    figures = cpp_figures(split, limit)
    if figures is None:
        return Result(name, None, "%", f"≥ {GOAL}%", None,
                      "../shared/benchmarks/cpp not found beside the course (or DUBAO_CPP_DIR)")
    total, right, policy = figures["total"], figures["right"], figures["policy"]
    kept = 100 * (right + policy) / total
    sources = ", ".join(f"{k} {v}" for k, v in sorted(figures["sources"].items(), key=lambda kv: -kv[1]))
    return Result(name, kept, "%", f"≥ {GOAL}%" if split == "test" else "fitting", kept >= GOAL if split == "test"
                  else None,
                  f"{right + policy}/{total} read as the kit's policy reads them: {right} as labelled "
                  f"({100 * right / total:.2f}%) + {policy} policy cases where CPP's label differs from "
                  f"CC-CEDICT's reading only in a neutral tone or an erhua r; {total - right - policy} errors; "
                  f"{G2PW - kept:.2f} points "
                  f"below g2pW's {G2PW}%; decided by {sources}; {figures['seconds']:.0f} s")


@measurement("pinyin on the CPP test set")
def measure_cpp_test(limit: int | None = None) -> Result:
    return _cpp_result("test", limit)


@measurement("pinyin on the CPP dev set")
def measure_cpp_dev(limit: int | None = None) -> Result:
    return _cpp_result("dev", limit)


# ------------------------------------------------------------------ beyond the page

def check_pinyin_beyond(path: Path | None = None) -> tuple[int, list[str]]:
    """(checks, failures) for tests/gold/pinyin-beyond.yaml: each sentence has a
    word in [brackets] and the reading its characters must get in context."""
    from dubao.language import annotate

    items = yamlio.load(path or GOLD_DIR / "pinyin-beyond.yaml", expect=list)
    failures = []
    for item in items:
        marked = item["sentence"]
        left, _, rest = marked.partition("[")
        word, _, right = rest.partition("]")
        text = left + word + right
        expected = item["pinyin"].split()
        got = [r for r in char_readings(text, annotate(text))[len(left):len(left) + len(word)] if r is not None]
        if got != expected:
            failures.append(f"{marked}: expected {' '.join(expected)}, got {' '.join(got)}")
    return len(items), failures


def check_segmentation_beyond(path: Path | None = None) -> tuple[int, list[str]]:
    """(checks, failures) for tests/gold/segmentation-beyond.yaml: in each
    sentence, a stretch must be cut into exactly the words given."""
    from dubao.language import annotate

    items = yamlio.load(path or GOLD_DIR / "segmentation-beyond.yaml", expect=list)
    failures = []
    for item in items:
        text, words = item["sentence"], item["words"].split()
        span = "".join(words)
        start = text.find(span)
        if start < 0:
            failures.append(f"{text}: {span!r} is not in this sentence")
            continue
        tokens = annotate(text)
        bounds = {t.start for t in tokens} | {len(text)}
        wanted, position = {start}, start
        for w in words:
            position += len(w)
            wanted.add(position)
        inside = {b for b in bounds if start < b < start + len(span)}
        if not wanted <= bounds or inside != wanted - {start, start + len(span)}:
            got = [t.text for t in tokens if start <= t.start < start + len(span)]
            failures.append(f"{text}: expected {' '.join(words)}, got {' '.join(got)}")
    return len(items), failures


@measurement("pinyin beyond the page")
def measure_pinyin_beyond() -> Result:
    return _gold_result("2b. pinyin beyond the page (tests/gold/pinyin-beyond.yaml)", check_pinyin_beyond,
                        "sentences")


@measurement("segmentation beyond the page")
def measure_segmentation_beyond() -> Result:
    return _gold_result("3b. segmentation beyond the page (tests/gold/segmentation-beyond.yaml)",
                        check_segmentation_beyond, "sentences")


def page_sources() -> Counter:
    """How many of the page's tokens with Han characters each source decided."""
    from dubao import corpus
    from dubao.language import annotate

    counts: Counter = Counter()
    for article in corpus.articles():
        for token in annotate(article.text):
            if token.pinyin:
                for source in token.pinyin_source.split("+"):
                    counts[source] += 1 / len(token.pinyin_source.split("+"))
    return counts


@measurement("sources on this page")
def measure_page_sources() -> Result:
    counts = page_sources()
    total = sum(counts.values())
    shares = ", ".join(f"{k} {100 * v / total:.1f}%" for k, v in counts.most_common())
    return Result("10. share of the page's tokens decided by each source", float(round(total)), " tokens", "shown",
                  None, shares)
