"""Fits the pinyin ranking (evidence.py) on the dev split of the CPP benchmark,
and scores any split with the evidence the engine gathers.

For every dev sentence the engine segments the text and gathers what each
source says about the marked character (reading.gather), g2pM is asked for
all of them, and every policy of evidence.POLICIES is scored on every case.

The choice is cautious, in three steps, because dev is a sample of Wikipedia
prose (the kind of text g2pM was trained on) and the kit reads news:

1. one policy for every case: the best on dev, or the most cautious policy
   (the sources in their plain order, g2pM's bars high) that a sign test
   cannot tell from the best (``_cautious``, one-sided at 5%);
2. a class of word ('single', 'word', ...) gets a policy of its own only where
   it is significantly better on that class's cases than the shared one;
3. a character gets one of its own only where that gains at least MARGIN dev
   sentences over its class's: with 10 to 20 sentences per character, a
   smaller gain is as likely noise as knowledge. MARGIN itself is chosen by
   five-fold cross-validation inside dev.

The test split is never read here.

The kit's policy is kept: where CPP's label differs from CC-CEDICT's one
reading of the word only by a neutral tone or an erhua r (衣服 yī fu, 一点儿
yī diǎn r; evidence.kit_tone),
CC-CEDICT's reading counts as right, and such cases are counted apart
(``policy``).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from dubao.language.evidence import ORDERS, POLICIES, Evidence, Policy, kit_tone, shape

MARGINS = (2, 3, 4, 6, 8)
FOLDS = 5
MARKER = "\u2581"


@dataclass
class Case:
    """One CPP sentence: its marked character's evidence and label."""

    char: str
    label: str                       # tone-marked
    evidence: Evidence | None        # None: decided by an override or the glossary
    fixed: str | None = None         # that fixed reading
    policy_reading: str | None = None  # CC-CEDICT's reading where the label differs from it only in neutral tone
    scores: tuple = ()               # whether each of POLICIES reads it right
    word: str = ""                   # the word the character stands in, as segmented

    def right(self, reading: str) -> bool:
        return reading == self.label or (self.policy_reading is not None and reading == self.policy_reading)


def read_split(folder: Path, split: str) -> list[tuple[str, int, str]]:
    """(sentence, index of the marked character, label in numbered pinyin)."""
    from dubao.errors import CorpusError

    sentences = (folder / f"{split}.sent").read_text(encoding="utf-8").splitlines()
    labels = (folder / f"{split}.lb").read_text(encoding="utf-8").splitlines()
    if len(sentences) != len(labels):
        raise CorpusError(f"{folder}/{split}.sent has {len(sentences)} lines but {split}.lb has {len(labels)}")
    return [(s.replace(MARKER, ""), s.index(MARKER), lb.strip()) for s, lb in zip(sentences, labels)]


def collect(folder: Path, split: str, limit: int | None = None) -> list[Case]:
    """The evidence of every sentence of a split (or its first ``limit``), g2pM asked for every character."""
    from dubao.language import glossary as glossary_module
    from dubao.language import reading, segment

    glossary, overrides = glossary_module.glossary(), glossary_module.overrides()
    cases, pending_all, texts, base = [], [], [], 0
    for text, index, label in read_split(folder, split)[:limit]:
        words = [w for part in text.splitlines(keepends=True) for w in segment.cut(part)]
        result, sources, pending = reading.gather(words, text, lambda w: segment.part_of_speech(w, glossary),
                                                  glossary, overrides, table={})
        marked_label = reading.marked(label)
        target = next((p for p in pending if p.offset == index), None)
        case = Case(text[index], marked_label, target.evidence if target else None, word=_word_at(words, index))
        if target is None:
            case.fixed = _reading_at(words, result, index)
            if case.fixed and _neutral_for(case.fixed, marked_label) and _written_neutral(words, index, case.fixed):
                # decided as CC-CEDICT writes the word (裁缝 cái feng, everyday.py),
                # where CPP writes the full tone: the kit's policy
                case.policy_reading = case.fixed
        else:
            for p in pending:
                p.offset += base
            pending_all.append(target)
            # kit_tone gives a reading only where it differs from the label by a neutral tone
            case.policy_reading = kit_tone(target.evidence.cedict, marked_label)
        cases.append(case)
        texts.append(text)
        base += len(text) + 1
    reading.ask_model("\n".join(texts), pending_all, everything=True)
    _score_policies(cases)
    return cases


def _neutral_for(reading: str, label: str) -> bool:
    """Whether ``reading`` is ``label``'s syllable in the neutral tone (feng for féng)."""
    from dubao.language.evidence import _plain, _tone

    return reading != label and _tone(reading) == "5" and _plain(reading) == _plain(label)


def _written_neutral(words, index, syllable: str) -> bool:
    """Whether a CC-CEDICT entry of the (longer) word at ``index`` writes that syllable there."""
    from dubao.language import reading

    at = 0
    for word in words:
        if at <= index < at + len(word):
            return len(word) > 1 and any(entry[index - at] == syllable for entry in reading._word_cedict(word)
                                         if len(entry) == len(word))
        at += len(word)
    return False


def _word_at(words, index) -> str:
    at = 0
    for word in words:
        if at <= index < at + len(word):
            return word
        at += len(word)
    return ""


def _reading_at(words, result, index):
    from dubao.language.han import is_han

    at = 0
    for word, syllables in zip(words, result):
        if at <= index < at + len(word):
            hans = [k for k, ch in enumerate(word) if is_han(ch)]
            return syllables[hans.index(index - at)] if index - at in hans else None
        at += len(word)
    return None


def _score_policies(cases: list[Case]) -> None:
    """Whether each policy reads each open case right (kept on the case)."""
    from dubao.language.reading import _citation

    for case in cases:
        if case.evidence is not None:
            case.scores = tuple(case.right(_citation(case.char, p.decide(case.evidence)[0])) for p in POLICIES)


def fit(cases: list[Case], margin: int) -> dict:
    """(character or '*', shape) -> Policy, from the open cases.

    Each case weighs 1/n, n the number of cases of the same character in the
    same word: CPP repeats a word up to fourteen times for one character (勃艮第),
    and a ranking that should hold for any text must not learn one word's quirk
    fourteen times over. The margin is counted in these weights (distinct words)."""
    import numpy as np

    open_cases = [c for c in cases if c.evidence is not None]
    if not open_cases:
        return {}
    repeats = Counter((c.char, c.word) for c in open_cases)
    weights = np.array([1 / repeats[(c.char, c.word)] for c in open_cases])
    scores = np.array([c.scores for c in open_cases], dtype=float)
    table = {}
    kinds = [shape(c.evidence) for c in open_cases]
    # one policy for every case, and a shape's own only where dev shows it better
    # there (a shape of 39 cases, 'several', would otherwise choose among 13,000
    # policies on noise)
    units = sign_test_units(open_cases)
    overall = _cautious(_best(weights @ scores), scores, units)
    for kind in sorted(set(kinds)):
        chosen = [n for n, k in enumerate(kinds) if k == kind]
        own = _cautious(_best(weights[chosen] @ scores[chosen]), scores[chosen], units[chosen])
        better = _surely_better(own, overall, scores[chosen], units[chosen])
        # caution holds class by class too: where the shared policy is bolder than
        # a class needs (its cases cannot tell the two apart), the class keeps the
        # cautious one (HSK words, whose dictionary readings are the standard ones,
        # are not overruled by g2pM because Wikipedia's names and terms let it)
        safer = _more_cautious(own, overall) and not _surely_better(overall, own, scores[chosen], units[chosen])
        table[("*", kind)] = POLICIES[own if better or safer else overall]
    by_char = defaultdict(list)
    for n, case in enumerate(open_cases):
        by_char[(case.char, kinds[n])].append(n)
    for (char, kind), rows in sorted(by_char.items()):
        totals = weights[rows] @ scores[rows]
        shared = POLICIES.index(table[("*", kind)])
        best = _best(totals, prefer=shared)
        if totals[best] - totals[shared] >= margin - 1e-9:
            table[(char, kind)] = POLICIES[best]
    return table


# How sure dev must be that g2pM overrules the dictionaries more often rightly than
# wrongly before a bar is lowered: a one-sided sign test at 5% (z = 1.645).
SURE = 1.645


def sign_test_units(cases: list[Case]):
    """What one case counts for in a sign test: a longer word's reading belongs
    to the word, so its repeats count once together (勃艮第 fourteen times is
    one piece of evidence); a character alone is read from its sentence, so
    each sentence counts (a lone 为 is wèi or wéi by its context)."""
    import numpy as np

    repeats = Counter((c.char, c.word) for c in cases)
    return np.array([1 / repeats[(c.char, c.word)] if c.evidence.multi else 1.0 for c in cases])


def _cautious(best: int, scores, units) -> int:
    """The most cautious policy that dev cannot tell from ``best``: on the cases
    where the two read differently, ``best`` must be right significantly more
    often (a sign test, SURE) to be kept. Cautious means, first, the sources in
    their plain order (CC-CEDICT, then pypinyin's phrases, then g2pM: the order
    of POLICIES), then the highest bar over agreeing dictionaries (overruling
    two sources that agree is the boldest thing g2pM does), then the highest bar
    over one. CPP is Wikipedia prose, the text g2pM was trained on, where it is
    surer than on news: a bar lowered or an order changed on a handful of cases
    (g2pM's readings at p > 0.999999 are right and wrong about as often) is
    noise, and the kit then keeps the dictionaries' reading of a word."""
    found = best
    for n in range(len(POLICIES)):
        if _more_cautious(n, found) and not _surely_better(best, n, scores, units):
            found = n
    return found


def _caution(n: int) -> tuple:
    policy = POLICIES[n]
    return (-ORDERS.index(policy.order), policy.agreed, policy.threshold)


def _more_cautious(a: int, b: int) -> bool:
    """Whether policy a is more cautious than b (the order of _cautious)."""
    return _caution(a) > _caution(b)


def _surely_better(a: int, b: int, scores, units) -> bool:
    """Whether policy a reads the cases right significantly more often than b:
    a one-sided sign test on the cases where they differ (SURE), counted in
    ``units`` (sign_test_units)."""
    gains = float(units @ (scores[:, a] * (1 - scores[:, b])))
    losses = float(units @ (scores[:, b] * (1 - scores[:, a])))
    return gains + losses > 0 and (gains - losses) / (gains + losses) ** 0.5 >= SURE


def _best(totals, prefer: int | None = None) -> int:
    top = totals.max()
    if prefer is not None and totals[prefer] >= top - 1e-9:
        return prefer
    return int(next(n for n, t in enumerate(totals) if t >= top - 1e-9))  # ties: the first in POLICIES' order


def score(cases: list[Case], table: dict) -> dict:
    """Right, wrong and policy counts of a table on cases (fixed readings included)."""
    from dubao.language.evidence import policy_for
    from dubao.language.reading import _citation

    right = policy = 0
    sources = defaultdict(int)
    for case in cases:
        if case.evidence is None:
            reading, source = case.fixed, "fixed"
        else:
            reading, source = policy_for(case.evidence, table).decide(case.evidence)
            reading = _citation(case.char, reading)
        sources[source] += 1
        if reading == case.label:
            right += 1
        elif case.right(reading or ""):
            policy += 1
    return {"total": len(cases), "right": right, "policy": policy, "sources": dict(sources)}


def choose_margin(cases: list[Case]) -> tuple[int, dict]:
    """The MARGIN with the most right answers over five folds of dev, and each margin's count."""
    folds = [cases[n::FOLDS] for n in range(FOLDS)]
    counts = {}
    for margin in MARGINS:
        got = 0
        for n in range(FOLDS):
            train = [c for m, fold in enumerate(folds) if m != n for c in fold]
            table = fit(train, margin)
            result = score(folds[n], table)
            got += result["right"] + result["policy"]
        counts[margin] = got
    best = max(MARGINS, key=lambda m: (counts[m], m))  # ties: the larger margin, fewer own rules
    return best, counts


def render(table: dict, margin: int, counts: dict, result: dict, folder_name: str) -> str:
    lines = [
        f"# generated by tools/fit_pinyin_ranking.py from the CPP dev split ({folder_name}), do not edit",
        "# Which source decides a polyphonic character: character ('*': any other), the class",
        "# of its word ('single': a word alone, 'several': a word CC-CEDICT reads in several",
        "# ways, 'name': a word CC-CEDICT has only as a name, 'hsk-word': a longer word of the",
        "# HSK syllabus, 'word': any other longer word),",
        "# the order the sources are asked",
        "# in, and the g2pM probabilities at or above which g2pM wins over the first of",
        "# them that answers, and over two or more that agree on another reading.",
        f"# margin {margin} dev sentences (five-fold on dev: "
        + ", ".join(f"{m}: {counts[m]}" for m in sorted(counts)) + ")",
        f"# dev: {result['right']} right + {result['policy']} policy cases of {result['total']}",
    ]
    for key in sorted(table, key=lambda k: (k[0] != "*", k)):
        lines.append(f"{key[0]}\t{key[1]}\t{table[key].text()}")
    return "\n".join(lines) + "\n"


def generate(folder: Path) -> str:
    """The ranking file's text, fitted on ``folder``/dev.*."""
    cases = collect(folder, "dev")
    margin, counts = choose_margin(cases)
    table = fit(cases, margin)
    return render(table, margin, counts, score(cases, table), folder.name)


__all__ = ["Case", "collect", "fit", "score", "generate", "Policy"]
