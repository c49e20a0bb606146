"""Pinyin in context: the reading of every Han character of a segmented text.

Sources are tried in this order, first answer wins (the order comes from where
each one fails on our page; see tests/gold/pinyin.yaml):

1. the reviewed override list (corpus/pinyin-overrides.yaml), for readings the
   sources below get wrong on this page, each limited to a context;
2. the glossary (corpus/glossary.yaml): names and terms with their reading;
3. rules for the structural particles 的 地 得 了 着 when they stand alone,
   decided from their neighbours (无奈地说 de, 等地 dì), and for 为 少 只 当
   (g2pM reads 为 as wéi almost everywhere on this page);
4. pypinyin's phrase data for a whole word (行情 háng qíng, 出栏 chū lán):
   on this page g2pM misreads many words that phrase data gets right (重大
   chóng, 行情 xíng, 协调 diào, 了解 le), so phrases come first;
5. g2pM, a context model, for a polyphonic character that no phrase covers
   (a single-character word such as 行 in 念民之所忧，行民之所盼);
6. CC-CEDICT when it gives the word exactly one reading (for its other
   characters, and its neutral tones: 书记 shū ji);
7. pypinyin's most common reading of the character.
4–5 and the function-word rules of 3 (为 少 只 当) were ordered from the page's
failures. Putting CC-CEDICT after g2pM changed nothing on the page; it was
chosen because CC-CEDICT-first cost 59 sentences on the CPP benchmark (an
order chosen with the benchmark in view: no rule or entry comes from it).

Neutral tones are written without a mark (de, le, zhe), and ü stays ü.
Readings are citation tones (一 yī, 不 bù, as GB/T 16159-2012 writes them);
``sandhi=True`` gives the spoken tone changes of 一 and 不 instead.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from pathlib import Path

from dubao.language.han import is_han, tone_of

# Words before which 地 is the adverbial particle de: it follows an adjective,
# an adverb, an idiom or a reduplicated word. jieba's tags for these:
_ADVERBIAL_TAGS = {"a", "ad", "an", "d", "i", "l", "z", "zg"}
_ZHAO_VERBS = {"睡", "找", "猜", "点", "烧", "够", "急", "着"}
_lock = threading.Lock()
_model = {}
# Sentence ends: g2pM reads one sentence at a time (its LSTM sees the whole
# input, and newspaper paragraphs can be long).
_SENTENCE_END = re.compile(r"(?<=[。！？；!?;\n])")


def numbered(syllable: str) -> str:
    """'lǜ' -> 'lv4', 'de' -> 'de5' (the CPP and g2pM spelling)."""
    from pypinyin.contrib.tone_convert import to_tone3

    plain = to_tone3(syllable, v_to_u=False, neutral_tone_with_five=True)
    return plain.replace("ü", "v")


def marked(numbered_syllable: str) -> str:
    """'lu:4' or 'lv4' -> 'lǜ'; 'de5' -> 'de'."""
    from pypinyin.contrib.tone_convert import to_tone

    s = numbered_syllable.replace("u:", "v").lower()
    if s.endswith("5"):
        return s[:-1].replace("v", "ü")
    return to_tone(s).replace("v", "ü")


def _pypinyin_word(word: str) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    return lazy_pinyin(word, style=Style.TONE, errors=lambda chars: ["?"] * len(chars))


@lru_cache(maxsize=1)
def _phrases() -> dict:
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


@lru_cache(maxsize=1)
def _polyphones() -> dict:
    """g2pM's candidate readings of each character (from CC-CEDICT); the
    characters with more than one are the ones its model disambiguates."""
    import importlib.util
    import pickle

    spec = importlib.util.find_spec("g2pM")
    folder = Path(list(spec.submodule_search_locations)[0])
    with open(folder / "digest_cedict.pkl", "rb") as handle:
        digest = pickle.load(handle)  # noqa: S301 - the package's own data file
    return {ch: readings for ch, readings in digest.items() if len(readings) > 1}


def _g2pm():
    with _lock:
        if "g2pm" not in _model:
            from g2pM import G2pM

            _model["g2pm"] = G2pM()
        return _model["g2pm"]


def _sentence_spans(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for piece in _SENTENCE_END.split(text):
        if piece:
            spans.append((start, start + len(piece)))
            start += len(piece)
    return spans


CONTEXT = 24  # characters of context on each side of a character read by the model


def model_readings(text: str, positions: set[int] | None = None) -> dict[int, str]:
    """g2pM's reading of polyphonic characters of ``text``, by offset (all of
    them, or those at ``positions``).

    Each character is read in its own sentence, cut to CONTEXT characters on
    either side, and all of them go through the model's LSTM as one padded
    batch: g2pM's own call reads one whole sentence at a time, which in numpy
    costs several times more on a newspaper page of long sentences."""
    import numpy as np
    from g2pM import g2pM as g2pm_module

    model = _g2pm()
    poly = _polyphones()
    targets = []
    for a, b in _sentence_spans(text):
        for k in range(a, b):
            if text[k] in poly and (positions is None or k in positions):
                targets.append((k, max(a, k - CONTEXT), min(b, k + CONTEXT + 1)))
    if not targets:
        return {}
    unknown = model.char2idx[g2pm_module.UNK_TOKEN]
    rows = [[model.char2idx[g2pm_module.BOS_TOKEN]] + [model.char2idx.get(ch, unknown) for ch in text[a:b]]
            + [model.char2idx[g2pm_module.EOS_TOKEN]] for _, a, b in targets]
    width = max(len(r) for r in rows)
    inputs = np.zeros((len(rows), width), dtype=np.int32)  # 0 is padding
    for n, row in enumerate(rows):
        inputs[n, :len(row)] = row
    hidden = _hidden_states(model, inputs)
    picked = np.stack([hidden[n, k - a + 1] for n, (k, a, _) in enumerate(targets)])
    best = np.argmax(model.fc_layer(picked), axis=1)
    return {k: marked(model.idx2class[int(c)]) for (k, _, _), c in zip(targets, best)}


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


def _cedict_reading(word: str) -> list[str] | None:
    from dubao.language import cedict

    readings = {e.pinyin for e in cedict.lookup(word)}
    if len(readings) == 1:
        syllables = readings.pop().split()
        if len(syllables) == len(word):
            return syllables
    return None


def _particle(word: str, before: str, before_tag: str | None, after: str) -> str | None:
    """The reading of a structural particle standing alone as a word, or None."""
    next_is_han = bool(after) and is_han(after[0])
    if word == "的":
        return "de"
    if word == "地":
        reduplicated = len(before) >= 2 and (before[-1] == before[-2] or
                                              (len(before) == 4 and before[:2] == before[2:]))
        if next_is_han and (before_tag in _ADVERBIAL_TAGS or reduplicated):
            return "de"
        return "dì"
    if word == "得":
        if before_tag and before_tag[0] in "va" and (next_is_han or not after):
            return "de"
        return None
    if word == "了":
        return "liǎo" if before.endswith("不") and next_is_han is False else "le"
    if word == "着":
        return "zháo" if before in _ZHAO_VERBS else "zhe"
    return None


# Verbs after which 为 means "as, into" (wéi): 转化为, 视为, 分为 ...
_WEI_VERBS = {"转化", "转变", "转换", "视", "称", "分", "改", "变", "定", "评", "选", "认", "奉", "列",
              "划", "化", "译", "作"}
_CLAUSE_END = set("，。；：！？,;:!?“”\n")
_COUNTING = set("每这那几哪一两三四五六七八九十百千万0123456789") | {"多", "个"}


def _clause_before(words: list[str], i: int) -> list[str]:
    """The words of the same clause before word i (up to the last comma or stop)."""
    out = []
    for w in reversed(words[:i]):
        if w and w[-1] in _CLAUSE_END:
            break
        out.append(w)
    return out[::-1]


def _function_word(word: str, words: list[str], i: int) -> str | None:
    """Readings of four common function words standing alone, from grammar.
    g2pM reads 为 as wéi almost everywhere, and 少 in 矛盾少了 as shào."""
    before = words[i - 1] if i else ""
    if word == "为":
        # 以 A 为 B "take A as B" and 转化为 "turn into" are wéi; otherwise 为
        # before a noun phrase is the preposition wèi "for".
        if before in _WEI_VERBS or "以" in _clause_before(words, i):
            return "wéi"
        return "wèi"
    if word == "少":
        return "shǎo"  # 少 shào only in words such as 少年, which jieba keeps whole
    if word == "只":
        return "zhī" if before and before[-1] in _COUNTING else "zhǐ"  # 每只鸡: measure word
    if word == "当":
        return "dàng" if "把" in _clause_before(words, i) else None  # 把 A 当 B "treat A as B"
    return None


def _override_for(overrides, word: str, text: str, start: int):
    for o in overrides:
        if o.word != word:
            continue
        if not o.context:
            return o
        offset = o.context.index(word)
        begin = start - offset
        if begin >= 0 and text[begin:begin + len(o.context)] == o.context:
            return o
    return None


def readings(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=()) -> list[list[str]]:
    """For each word, the reading of each of its Han characters (citation tones)."""
    result: list[list[str]] = []
    ask_model: list[tuple[int, int, int, str]] = []  # (word index, syllable index, offset, char)
    poly = _polyphones()
    start = 0
    for i, word in enumerate(words):
        hans = [(k, ch) for k, ch in enumerate(word) if is_han(ch)]
        syllables: list[str] | None = None
        if not hans:
            result.append([])
            start += len(word)
            continue
        found = _override_for(overrides, word, text, start)
        if found:
            syllables = found.pinyin.split()
        elif glossary is not None and glossary.get(word) is not None:
            syllables = glossary.get(word).pinyin.split()
        elif len(word) == 1 and word in "的地得了着":
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            particle = _particle(word, before, tag_of(before) if before else None, after)
            syllables = [particle] if particle else None
        elif len(word) == 1 and word in "为少只当":
            rule = _function_word(word, words, i)
            syllables = [rule] if rule else None
        if syllables is None and len(hans) > 1 and len(hans) == len(word):
            phrase = _phrases().get(word)
            if phrase:
                syllables = [options[0] for options in phrase]
            else:
                syllables = _cedict_reading(word)
                if syllables is not None:
                    # CC-CEDICT's one citation reading of a word gives its neutral
                    # tones (书记 shū ji), but its polyphonic characters are read
                    # in context by the model, keeping CC-CEDICT's reading when
                    # the model answers with one the character does not have.
                    ask_model.extend((i, n, start + k, ch) for n, (k, ch) in enumerate(hans) if ch in poly)
        if syllables is None:
            syllables = _pypinyin_word("".join(ch for _, ch in hans)) if len(hans) == len(word) else \
                [_pypinyin_word(ch)[0] for _, ch in hans]
            # A polyphonic character that no phrase of pypinyin covers goes to
            # the context model (a word matched as a phrase never gets here).
            for n, (k, ch) in enumerate(hans):
                if ch in poly and not (len(hans) > 1 and _covered_by_phrase(word, k)):
                    ask_model.append((i, n, start + k, ch))
        result.append(syllables)
        start += len(word)
    if ask_model:
        guesses = model_readings(text, {offset for _, _, offset, _ in ask_model})
        for i, n, offset, ch in ask_model:
            guess = guesses.get(offset)
            # g2pM may answer with a reading the character does not have; keep pypinyin's then.
            if guess and numbered(guess).replace("v", "u:") in poly[ch]:
                result[i][n] = guess
    return [[_citation(ch, s) for ch, s in zip((c for c in word if is_han(c)), sy)]
            for word, sy in zip(words, result)]


def _covered_by_phrase(word: str, k: int) -> bool:
    """Whether character k of the word lies in a pypinyin phrase inside it."""
    phrases = _phrases()
    for a in range(0, k + 1):
        for b in range(k + 1, len(word) + 1):
            if b - a >= 2 and word[a:b] in phrases:
                return True
    return False


def _citation(ch: str, syllable: str) -> str:
    """一 and 不 in their own tones; some phrase data writes them as spoken."""
    if ch == "一" and syllable in ("yí", "yì"):
        return "yī"
    if ch == "不" and syllable == "bú":
        return "bù"
    return syllable


_NUMBER_BEFORE = set("第十百千万亿零〇一二三四五六七八九两") | set("0123456789")


def apply_sandhi(pairs: list[tuple[str, str]]) -> list[str]:
    """Spoken tone changes of 一 and 不 on (character, syllable) pairs of a text:
    不 before a 4th tone is bú; 一 before a 4th tone is yí and before 1st–3rd
    tones yì, but keeps yī when counted or ordinal (第一, 十一, 一一), at the end
    of a word group, or before a non-Han character."""
    out = [s for _, s in pairs]
    for n, (ch, syllable) in enumerate(pairs):
        following = pairs[n + 1] if n + 1 < len(pairs) else None
        if following is None or not following[1]:
            continue
        next_tone = tone_of(following[1])
        if ch == "不" and syllable == "bù" and next_tone == 4:
            out[n] = "bú"
        elif ch == "一" and syllable == "yī":
            previous = pairs[n - 1][0] if n else ""
            if previous in _NUMBER_BEFORE or following[0] in _NUMBER_BEFORE:
                continue
            if next_tone == 4 or (next_tone == 5 and following[0] == "个"):
                out[n] = "yí"
            elif next_tone in (1, 2, 3):
                out[n] = "yì"
    return out
