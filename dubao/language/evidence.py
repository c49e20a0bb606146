"""The evidence for reading one polyphonic character, and the fitted rule that
weighs it. Each source says what it knows about the character where it stands:

- ``rule``: the grammar rules for particles and function words (reading.py);
- ``cedict``: CC-CEDICT's readings of the word the character stands in (one
  reading decides; several narrow the choice the context model makes);
- ``phrase``: pypinyin's phrase data for the word, or a phrase inside it;
- ``g2pm``: g2pM's context prediction, with its probability among the
  character's candidate readings;
- ``char``: pypinyin's most common reading of the character alone.

Which source wins is not written by hand: ``tools/fit_pinyin_ranking.py``
fits, on the dev split of the CPP benchmark only, a policy for each character
and word shape (an order of the sources, and a probability above which g2pM
wins over all of them) and writes it to ``pinyin_ranking.tsv`` beside this
module, which :func:`decide` reads. The reviewed overrides and the glossary
are not evidence: they always come first (reading.py).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache
from itertools import permutations
from pathlib import Path

RANKING_FILE = Path(__file__).with_name("pinyin_ranking.tsv")
# The sources a policy orders. The grammar rules come first (they speak only of
# lone particles, where the dictionaries are silent); the others in any order.
# ``char`` always answers, so the sources after it are never asked.
RANKED = ("cedict", "phrase", "g2pm", "char")
ORDERS = tuple(("rule",) + order for order in permutations(RANKED))
# Probabilities at or above which g2pM wins over the first other source that
# answers (1.01: never), and over two or more that agree on another reading.
# g2pM's probabilities crowd near 1 (it reads 漫长 zhǎng at 0.99995), hence the fine steps there.
THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.98, 0.995, 0.999, 0.9999, 0.99999, 1.01)
AGREED = (0.995, 0.999, 0.9995, 0.9999, 0.99999, 0.999999, 1.01)
_lock = threading.Lock()
_model: dict = {}


@dataclass
class Evidence:
    """What each source says about one polyphonic character (None: nothing)."""

    char: str
    multi: bool                      # the word has more than one character
    learner_word: bool = False       # the word is in the HSK syllabus (a common word)
    name: bool = False               # CC-CEDICT has the word only as a name
    rule: str | None = None
    cedict: tuple[str, ...] = ()     # its readings in the word's CC-CEDICT entries
    phrase: str | None = None
    char_default: str = ""
    g2pm: str | None = None
    g2pm_p: float = 0.0

    def answer(self, source: str) -> str | None:
        if source == "cedict":
            return self.cedict[0] if len(self.cedict) == 1 else None
        if source == "char":
            return self.char_default
        return getattr(self, source)


@dataclass(frozen=True)
class Policy:
    """An order of the sources, and the probabilities at or above which g2pM wins
    over the first of them that answers (``threshold``) and over several that
    agree (``agreed``)."""

    order: tuple[str, ...]
    threshold: float
    agreed: float = 1.01

    def decide(self, evidence: Evidence) -> tuple[str, str]:
        """(reading, deciding source)."""
        reading, source = self._first(evidence)
        written = kit_tone(evidence.cedict, reading)
        if written:
            return written, "cedict"
        return reading, source

    def _first(self, evidence: Evidence) -> tuple[str, str]:
        # agreement is counted among the rules and the dictionaries (not the
        # character's most common reading, which knows nothing of the word)
        answers = [(source, evidence.answer(source)) for source in self.order if source not in ("g2pm", "char")]
        answers = [(source, found) for source, found in answers if found]
        for source in self.order:
            if source == "g2pm" and evidence.g2pm is not None:
                return evidence.g2pm, "g2pm"
            found = evidence.answer(source)
            if found:
                if found == evidence.g2pm or evidence.g2pm is None:
                    return found, source
                agreeing = sum(1 for _, other in answers if other == found)
                needed = self.agreed if agreeing >= 2 else self.threshold
                return (evidence.g2pm, "g2pm") if evidence.g2pm_p >= needed else (found, source)
        return evidence.char_default, "char"

    def needs_model(self, evidence: Evidence) -> bool:
        """Whether g2pM must be asked: it comes first in the order, or its
        probability could overrule the first source that answers (the model is
        most of the engine's time, so it is not asked where it cannot win)."""
        dictionaries = [evidence.answer(s) for s in self.order if s not in ("g2pm", "char")]
        for source in self.order:
            if source == "g2pm":
                return True
            found = evidence.answer(source)
            if found:
                agreeing = sum(1 for other in dictionaries if other == found)
                return (self.agreed if agreeing >= 2 else self.threshold) <= 1
        return True

    def text(self) -> str:
        return f"{'>'.join(self.order)}\t{self.threshold:g}\t{self.agreed:g}"


def kit_tone(written: tuple[str, ...], reading: str) -> str | None:
    """The kit's policy on neutral tones: a syllable is neutral, or not, as
    CC-CEDICT writes it in the word (衣服 yī fu), whichever source chose it.
    ``written`` are the character's readings in the word's CC-CEDICT entries.
    Where ``reading`` is not one of them but differs from exactly one of them
    only by a neutral tone, that one; otherwise None (the policy changes
    nothing). g2pM and pypinyin's phrase data rarely write a neutral tone, so
    their full tone stands for the neutral syllable CC-CEDICT writes: in 好处,
    read hǎo chu "benefit" or hǎo chǔ "easy to get on with", a chosen chù is
    the first (现代汉语词典 hǎo·chu), and a chosen chǔ stays the second.

    The same holds for the 儿 of erhua: where CC-CEDICT writes it r (一点儿 yī
    diǎn r), that is the reading, though g2pM knows only ér."""
    if not reading or reading in written:
        return None
    near = [w for w in written if _syllable(w) == _syllable(reading) and "5" in (_tone(w), _tone(reading))]
    return near[0] if len(near) == 1 else None


def _syllable(reading: str) -> str:
    """A syllable without its tone, the erhua r as the ér it is written for."""
    plain = _plain(reading)
    return "er" if plain == "r" else plain


@lru_cache(maxsize=4096)
def _numbered(syllable: str) -> str:
    from pypinyin.contrib.tone_convert import to_tone3

    return to_tone3(syllable, neutral_tone_with_five=True)


def _plain(syllable: str) -> str:
    return _numbered(syllable)[:-1]


def _tone(syllable: str) -> str:
    return _numbered(syllable)[-1:]


# Ties on dev go to the first policy here: the highest probabilities first, so
# that without evidence to the contrary the rules and dictionaries keep their say
# (the model is the source most sure of itself on text unlike its training data).
POLICIES = tuple(Policy(order, t, a) for order in ORDERS for t in reversed(THRESHOLDS)
                 for a in reversed(AGREED) if a >= t)


SHAPES = ("single", "word", "hsk-word", "several", "name")


def shape(evidence: Evidence) -> str:
    """The class of word a character stands in: alone ('single'), in a word that
    CC-CEDICT reads in several ways ('several': 同行 tóngháng / tóngxíng, where
    pypinyin's phrase data knows one of them and only the context can choose),
    in a name ('name': CC-CEDICT has the word only as a name, and names are
    where its readings and the usage of other sources part most), in a word of
    the HSK syllabus ('hsk-word': common words, whose dictionary readings are
    the standard ones) or in any other longer word ('word': terms, rare words)."""
    if not evidence.multi:
        return "single"
    if len(evidence.cedict) > 1:
        return "several"
    if evidence.name:
        return "name"
    return "hsk-word" if evidence.learner_word else "word"


@lru_cache(maxsize=1)
def ranking() -> dict:
    """The fitted table: (character or '*', one of SHAPES) -> Policy."""
    from dubao.errors import DubaoError

    table = {}
    if not RANKING_FILE.exists():
        raise DubaoError(f"{RANKING_FILE}: missing; run python tools/fit_pinyin_ranking.py")
    for number, line in enumerate(RANKING_FILE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        try:
            char, kind, order, threshold, agreed = line.split("\t")
            table[(char, kind)] = Policy(tuple(order.split(">")), float(threshold), float(agreed))
        except ValueError:
            raise DubaoError(f"{RANKING_FILE}:{number}: expected character, shape, order and two "
                              "probabilities, separated by tabs") from None
    return table


def policy_for(evidence: Evidence, table: dict | None = None) -> Policy:
    table = ranking() if table is None else table
    char, kind = evidence.char, shape(evidence)
    return table.get((char, kind)) or table.get(("*", kind)) or Policy(("rule", "cedict", "phrase", "g2pm"), 1.01)


# ------------------------------------------------------------------ g2pM, with probabilities

def _g2pm():
    with _lock:
        if "g2pm" not in _model:
            from g2pM import G2pM

            _model["g2pm"] = G2pM()
        return _model["g2pm"]


@lru_cache(maxsize=1)
def polyphones() -> dict:
    """g2pM's candidate readings of each character (numbered, from CC-CEDICT);
    the characters with more than one are the ones its model disambiguates."""
    import importlib.util
    import pickle

    spec = importlib.util.find_spec("g2pM")
    folder = Path(list(spec.submodule_search_locations)[0])
    with open(folder / "digest_cedict.pkl", "rb") as handle:
        digest = pickle.load(handle)  # noqa: S301 - the package's own data file
    return {ch: readings for ch, readings in digest.items() if len(readings) > 1}


CONTEXT = 24  # characters of context on each side of a character read by the model
# g2pM's guesses by (context, position, candidates), kept per process: a text
# read again (the page in each lesson) costs the model nothing the second time.
_guessed: dict = {}
_GUESSES_KEPT = 200_000


def model_guesses(text: str, spans: dict[int, tuple[int, int]], candidates: dict[int, list[str]],
                  batch: int = 256) -> dict[int, tuple[str, float]]:
    """g2pM's reading of the character at each offset of ``spans`` (offset ->
    its sentence's bounds), chosen among ``candidates[offset]`` (numbered
    readings), with the softmax probability of that choice among them.

    Each character is read in its own sentence cut to CONTEXT characters on
    either side, and all go through the LSTM as padded batches (g2pM's own
    call reads one whole sentence at a time, several times slower here)."""
    import numpy as np
    from g2pM import g2pM as g2pm_module

    out: dict[int, tuple[str, float]] = {}
    targets = []
    for k, (a, b) in sorted(spans.items()):
        a, b = max(a, k - CONTEXT), min(b, k + CONTEXT + 1)
        key = (text[a:b], k - a, tuple(candidates[k]))
        if key in _guessed:
            out[k] = _guessed[key]
        else:
            targets.append((k, a, b))
    if not targets:
        return out
    model = _g2pm()
    class_index = _class_index(model)
    unknown = model.char2idx[g2pm_module.UNK_TOKEN]
    for first in range(0, len(targets), batch):
        chunk = targets[first:first + batch]
        rows = [[model.char2idx[g2pm_module.BOS_TOKEN]] + [model.char2idx.get(ch, unknown) for ch in text[a:b]]
                + [model.char2idx[g2pm_module.EOS_TOKEN]] for _, a, b in chunk]
        width = max(len(r) for r in rows)
        inputs = np.zeros((len(rows), width), dtype=np.int32)  # 0 is padding
        for n, row in enumerate(rows):
            inputs[n, :len(row)] = row
        hidden = _hidden_states(model, inputs)
        picked = np.stack([hidden[n, k - a + 1] for n, (k, a, _) in enumerate(chunk)])
        logits = model.fc_layer(picked)
        for n, (k, a, b) in enumerate(chunk):
            classes = [class_index[c] for c in candidates[k] if c in class_index]
            if not classes:
                continue
            scores = logits[n, classes]
            weights = np.exp(scores - scores.max())
            best = int(np.argmax(weights))
            out[k] = (model.idx2class[classes[best]], float(weights[best] / weights.sum()))
            if len(_guessed) < _GUESSES_KEPT:
                _guessed[(text[a:b], k - a, tuple(candidates[k]))] = out[k]
    return out


def _class_index(model) -> dict:
    with _lock:
        if "classes" not in _model:
            _model["classes"] = {reading: index for index, reading in model.idx2class.items()}
        return _model["classes"]


def _hidden_states(model, inputs):
    """g2pM's bidirectional LSTM over a padded batch: [batch, time, 2*hidden]."""
    import numpy as np

    lengths = np.sum(np.sign(inputs), axis=1)
    reversed_inputs = model.reverse_sequence(inputs, lengths)
    forward_in, backward_in = model.get_embedding(inputs), model.get_embedding(reversed_inputs)
    forward_states = backward_states = None
    forward, backward = [], []
    for t in range(int(max(lengths))):
        forward_states = model.fw_lstm_cell(forward_in[:, t, :], forward_states)
        backward_states = model.bw_lstm_cell(backward_in[:, t, :], backward_states)
        forward.append(forward_states[0])
        backward.append(backward_states[0])
    backward_hidden = model.reverse_sequence(np.stack(backward, axis=1), lengths)
    return np.concatenate([np.stack(forward, axis=1), backward_hidden], axis=2)
