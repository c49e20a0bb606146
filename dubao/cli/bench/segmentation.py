"""The segmentation figure of ``python -m dubao bench`` measured independently of
the kit: word F1 on the SIGHAN 2005 bakeoff's PKU and MSR test sets, the kit's
segmenter (jieba with the page's glossary and reviewed splits) against plain
jieba in the same run. The goal is to be no worse than jieba: the glossary and
the splits were made for the page, and must not cost text from elsewhere.

The data (icwb2-data: ``testing/{pku,msr}_test.utf8`` and
``gold/{pku,msr}_test_gold.utf8``) is read where it lies, from
``DUBAO_SIGHAN_DIR`` or ``sighan/`` in the shared benchmarks, never copied into
the course; without it the figure is skipped, saying so. F1 is counted on word
spans: a word is right when it starts and ends where a gold word does (what the
bakeoff's own score script counts, without its Perl).
"""

from __future__ import annotations

from pathlib import Path

from dubao import paths
from dubao.cli.bench.engine import Result, measurement

CORPORA = ("pku", "msr")


def spans(words: list[str]) -> set[tuple[int, int]]:
    """The (start, end) of each word, counted in characters without spaces."""
    out, at = set(), 0
    for word in words:
        word = "".join(word.split())
        if word:
            out.add((at, at + len(word)))
            at += len(word)
    return out


def f1(predicted: list[list[str]], gold: list[list[str]]) -> float:
    """Word F1 of segmented lines against gold lines."""
    right = found = wanted = 0
    for guess, truth in zip(predicted, gold):
        a, b = spans(guess), spans(truth)
        right += len(a & b)
        found += len(a)
        wanted += len(b)
    if not right:
        return 0.0
    precision, recall = right / found, right / wanted
    return 2 * precision * recall / (precision + recall)


def read_corpus(folder: Path, name: str) -> tuple[list[str], list[list[str]]]:
    """The raw test lines and their gold words (lines empty in both are left out)."""
    from dubao.errors import CorpusError

    files = folder / "testing" / f"{name}_test.utf8", folder / "gold" / f"{name}_test_gold.utf8"
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise CorpusError(f"SIGHAN 2005 data incomplete: {missing[0]} is missing (icwb2-data's layout expected)")
    raw, gold = (f.read_text(encoding="utf-8-sig").splitlines() for f in files)
    if len(raw) != len(gold):
        raise CorpusError(f"{folder}: {name}_test.utf8 has {len(raw)} lines but its gold has {len(gold)}")
    pairs = [(r.strip(), g.split()) for r, g in zip(raw, gold) if r.strip()]
    return [r for r, _ in pairs], [g for _, g in pairs]


def scores(folder: Path, name: str, plain) -> tuple[float, float, int]:
    """(the kit's F1, plain jieba's F1, lines) on one corpus; ``plain`` is a
    jieba.Tokenizer of jieba's own dictionary."""
    from dubao.language import segment

    lines, gold = read_corpus(folder, name)
    kit = [segment.cut(line) for line in lines]
    baseline = [plain.lcut(line) for line in lines]
    return f1(kit, gold), f1(baseline, gold), len(lines)


@measurement("segmentation on SIGHAN 2005")
def measure_sighan() -> Result:
    name = "3c. segmentation F1 on SIGHAN 2005 PKU and MSR (kit; plain jieba in the same run)"
    folder = paths.sighan_dir()
    if folder is None:
        return Result(name, None, "", "≥ jieba", None,
                      "no SIGHAN 2005 data (icwb2-data) in DUBAO_SIGHAN_DIR or the shared benchmarks' sighan/")
    import jieba

    plain = jieba.Tokenizer()
    plain.initialize()
    found = {corpus: scores(folder, corpus, plain) for corpus in CORPORA}
    worst = min(kit - plain for kit, plain, _ in found.values())
    detail = "; ".join(f"{corpus.upper()} {kit:.4f} against jieba's {plain:.4f} ({lines} lines)"
                       for corpus, (kit, plain, lines) in found.items())
    return Result(name, found["pku"][0], "", "≥ jieba on both", worst >= 0, detail)
