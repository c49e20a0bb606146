"""Pinyin in context: the reading of every Han character of a segmented text.

Two things decide before any weighing, because they were reviewed by hand:
the override list (corpus/pinyin-overrides.yaml, each entry limited to a
context or a word) and the glossary (corpus/glossary.yaml). Grammar rules for
the particles 的 地 得 了 着, the function words 为 少 只 当 standing alone, a
measure word after a number, 不了 after a verb, and 种 教 塞 数 盛 量 standing
alone as verbs come next when they are sure (无奈地说 de; a 为 that opens its
clause is wèi, one after 约 or with no verb after it wéi; 得 before a verb is
děi; 一只 zhī; 办不了 liǎo; 种玉米 zhòng). A word CC-CEDICT lists with and without
a neutral tone takes its everyday sense unless the sentence shows the other
(everyday.py: 故事 gù shi, 东西 dōng xi); and a verb said twice reads the same
both times (数了数).

Every other polyphonic character is decided from its evidence (evidence.py):
an unsure rule, CC-CEDICT's readings of its word (or of the longest word
inside it that CC-CEDICT has), pypinyin's phrase data, g2pM's context
prediction with its probability, and pypinyin's most common reading of the
character. Which of them wins, for which class of word, and how sure g2pM must
be to overrule the dictionaries, is fitted on the CPP benchmark's dev split by
tools/fit_pinyin_ranking.py (dubao/language/pinyin_ranking.tsv), never by hand.
Each syllable carries the name of the source that decided it.

Characters that are not polyphonic take CC-CEDICT's reading of the word when
it has one (its neutral tones are the kit's: 衣服 yī fu, 书记 shū ji), else
pypinyin's phrase data, else pypinyin's reading of each character; where
CC-CEDICT has several readings, the one nearest pypinyin's (起来 qǐ lai).

Neutral tones are written without a mark (de, le, zhe), and ü stays ü.
Readings are citation tones (一 yī, 不 bù, as GB/T 16159-2012 writes them);
``sandhi=True`` gives the spoken tone changes of 一 and 不 instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from dubao.language import everyday, grammar, hsk
from dubao.language.evidence import Evidence, Policy, model_guesses, policy_for, polyphones
from dubao.language.han import is_han, tone_of  # noqa: F401 - tone_of is part of this module's surface

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


SOURCES = ("override", "glossary", "rule", "cedict", "phrase", "g2pm", "char")
# How each source is named to a reader (the Reader's word panel)
SOURCE_NAMES = {"override": "a reviewed reading for this sentence", "glossary": "the course glossary (reviewed)",
                "rule": "a grammar rule", "cedict": "CC-CEDICT", "phrase": "pypinyin's phrase data",
                "g2pm": "the context model g2pM", "char": "the character's most common reading"}


def source_names(pinyin_source: str) -> str:
    """'cedict+g2pm' -> 'CC-CEDICT; the context model g2pM' (each source once, in order)."""
    seen = list(dict.fromkeys(s for s in pinyin_source.split("+") if s))
    return "; ".join(SOURCE_NAMES.get(s, s) for s in seen)


@dataclass
class Pending:
    """A polyphonic character still to be decided from its evidence."""

    word: int                 # index of its word
    syllable: int             # index of its syllable in the word
    offset: int               # in the text
    evidence: Evidence
    policy: Policy
    candidates: list[str]     # numbered readings g2pM chooses among
    entries: tuple = ()       # the word's CC-CEDICT readings, where it has several


def _sentence_of(text: str) -> dict[int, tuple[int, int]]:
    spans, start = {}, 0
    for piece in _SENTENCE_END.split(text):
        if piece:
            spans[start] = (start, start + len(piece))
            start += len(piece)
    return spans


def _is_name(word: str) -> bool:
    """Whether CC-CEDICT has the word only as a name (its pinyin capitalised)."""
    from dubao.language import cedict

    found = cedict.lookup(word)
    return bool(found) and all(e.is_proper_noun for e in found)


def _word_cedict(word: str) -> list[list[str]]:
    """The syllables of each CC-CEDICT reading of a word (common entries before
    names: a name's reading says little about the word in running text)."""
    from dubao.language import cedict

    found = cedict.lookup(word)
    common = [e for e in found if not e.is_proper_noun] or found
    out = []
    for entry in common:
        syllables = entry.pinyin.lower().split()
        if len(syllables) == len(word) and syllables not in out:
            out.append(syllables)
    return out


def _parts_reading(word: str, syllables: list[str]) -> list[str]:
    """``syllables`` with each word of two or more characters that CC-CEDICT reads
    one way, found from the left, longest first, read as CC-CEDICT reads it."""
    out, i = list(syllables), 0
    while i < len(word):
        for j in range(len(word), i + 1, -1):
            found = _word_cedict(word[i:j]) if j - i < len(word) else []
            if len(found) == 1:
                out[i:j] = found[0]
                i = j
                break
        else:
            i += 1
    return out


def _dictionary_part(word: str, k: int) -> tuple[str | None, int]:
    """The longest word of two or more characters inside ``word`` that holds
    character k and that CC-CEDICT has, and where it starts."""
    for size in range(len(word) - 1, 1, -1):
        for a in range(max(0, k - size + 1), min(k, len(word) - size) + 1):
            if _word_cedict(word[a:a + size]):
                return word[a:a + size], a
    return None, 0


def _phrase_reading(word: str, k: int) -> str | None:
    """pypinyin's phrase reading of character k: of the whole word, else of the
    longest phrase inside the word that holds it."""
    phrases = _phrases()
    best = None
    for a in range(0, k + 1):
        for b in range(len(word), k, -1):
            if b - a >= 2 and word[a:b] in phrases and (best is None or b - a > best[1] - best[0]):
                best = (a, b)
                break
    if best is None:
        return None
    options = phrases[word[best[0]:best[1]]]
    return options[k - best[0]][0] if len(options) == best[1] - best[0] else None


def gather(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=(), table=None):
    """Syllables and sources for each word, with the polyphonic characters
    that the overrides and the glossary leave open, as ``Pending`` evidence
    (their syllables are placeholders until :func:`settle`)."""
    result: list[list[str]] = []
    sources: list[list[str]] = []
    pending: list[Pending] = []
    poly = polyphones()
    start = 0
    for i, word in enumerate(words):
        hans = [(k, ch) for k, ch in enumerate(word) if is_han(ch)]
        if not hans:
            result.append([])
            sources.append([])
            start += len(word)
            continue
        found = _override_for(overrides, word, text, start)
        entry = glossary.get(word) if glossary is not None and not found else None
        if found or entry is not None:
            result.append((found or entry).pinyin.split())
            sources.append(["override" if found else "glossary"] * len(hans))
            start += len(word)
            continue
        whole = len(hans) == len(word)
        dictionary = _word_cedict(word) if whole and len(word) > 1 else []
        usage = _everyday_reading(word, words, i, tag_of) if len(dictionary) > 1 else None
        if usage:
            result.append(usage)
            sources.append(["rule"] * len(hans))
            start += len(word)
            continue
        if len(dictionary) == 1:
            syllables, base = list(dictionary[0]), "cedict"
        elif whole and len(word) > 1 and _phrases().get(word):
            syllables, base = [options[0] for options in _phrases()[word]], "phrase"
        else:
            syllables = _pypinyin_word("".join(ch for _, ch in hans)) if whole else \
                [_pypinyin_word(ch)[0] for _, ch in hans]
            base = "phrase" if whole and len(hans) > 1 and _covered_by_phrase(word) else "char"
            if whole and len(word) > 2:
                # a longer word CC-CEDICT lacks (老和尚): its parts' readings, so that
                # their neutral tones are CC-CEDICT's (和尚 hé shang)
                syllables = _parts_reading(word, syllables)
        marks = [base] * len(hans)
        learner = len(word) > 1 and hsk.word_level(word) is not None
        rule, sure = grammar.rule(word, words, i, tag_of) if len(word) == 1 else (None, False)
        if sure:
            result.append([rule])
            sources.append(["rule"])
            start += len(word)
            continue
        for n, (k, ch) in enumerate(hans):
            if ch not in poly:
                continue
            before = words[i - 1] if i else ""
            after = words[i + 1] if i + 1 < len(words) else ""
            readings = sorted({syllables_[n] for syllables_ in dictionary})
            counted = grammar.inside_word(word, k, before, tag_of(before) if before else None, tuple(readings),
                                          after, tag_of(after) if after else None)
            if counted:
                syllables[n], marks[n] = counted, "rule"
                continue
            learner_here, name = learner, bool(dictionary) and _is_name(word)
            if whole and len(word) > 2 and not dictionary:
                # A longer word CC-CEDICT lacks (充分发挥, 种植者): the reading of the
                # longest word inside it that holds the character (充分, 种植).
                part, at = _dictionary_part(word, k)
                usage = _everyday_reading(word, words, i, tag_of, part, at) if part else None
                if usage:
                    # 王大夫: 大夫 as the everyday table reads it (dài fu)
                    syllables[n], marks[n] = usage[k - at], "rule"
                    continue
                if part:
                    readings = sorted({syllables_[k - at] for syllables_ in _word_cedict(part)})
                    learner_here = learner or hsk.word_level(part) is not None
                    name = _is_name(part)
            evidence = Evidence(ch, len(word) > 1, learner_here, name, rule=rule, cedict=tuple(readings),
                                # where CC-CEDICT reads the word in several ways, pypinyin's one
                                # phrase reading was chosen without the context (同行 háng in
                                # 结伴同行): the context model chooses, among CC-CEDICT's readings
                                phrase=_phrase_reading(word, k) if whole and len(word) > 1
                                and len(readings) < 2 else None,
                                char_default=_pypinyin_word(ch)[0])
            numbered_readings = [numbered(r).replace("v", "u:") for r in readings]
            candidates = [c for c in numbered_readings if c in poly[ch]] if len(readings) > 1 else []
            pending.append(Pending(i, n, start + k, evidence, policy_for(evidence, table),
                                   candidates if len(candidates) > 1 else list(poly[ch]),
                                   tuple(tuple(d) for d in dictionary) if len(dictionary) > 1 else ()))
        if len(dictionary) > 1 and not any(p.word == i for p in pending[-len(hans):]):
            syllables = _nearest_entry([_citation(ch, s) for ch, s in zip(word, syllables)], dictionary)
        result.append(syllables)
        sources.append(marks)
        start += len(word)
    return result, sources, pending


def _everyday_reading(word: str, words: list[str], i: int, tag_of, part: str | None = None,
                      at: int = 0) -> list[str] | None:
    """everyday.py's reading of words[i] (``word``), or of a ``part`` of it that
    starts at ``at`` (大夫 in 王大夫), whose context is then the rest of the word."""
    part = part or word
    before = word[:at] or (words[i - 1] if i else "")
    rest = word[at + len(part):]
    after = rest or (words[i + 1] if i + 1 < len(words) else "")
    return everyday.reading_in_context(part, before, after, tag_of(after) if after and not rest else None)


def _nearest_entry(syllables: list[str], dictionary: list[list[str]]) -> list[str]:
    """Of a word's CC-CEDICT readings, the one that shares most syllables with
    pypinyin's (起来: pypinyin's qǐ lái is neither qǐ lai nor qi lai, and becomes
    qǐ lai); the word's own reading where it is one of them (it shares all).
    For a word none of whose characters is polyphonic, so that nothing else chooses."""
    # ties go to the entry CC-CEDICT lists first
    return list(max(dictionary, key=lambda d: sum(a == b for a, b in zip(d, syllables))))


def ask_model(text: str, pending: list[Pending], everything: bool = False) -> None:
    """Fill in g2pM's guess for the pending characters whose policy needs it (all with ``everything``)."""
    wanted = [p for p in pending if everything or p.policy.needs_model(p.evidence)]
    if not wanted:
        return
    sentences = _sentence_of(text)
    starts = sorted(sentences)
    spans = {p.offset: sentences[starts[bisect.bisect_right(starts, p.offset) - 1]] for p in wanted}
    guesses = model_guesses(text, spans, {p.offset: p.candidates for p in wanted})
    for p in wanted:
        if p.offset in guesses:
            reading, probability = guesses[p.offset]
            p.evidence.g2pm, p.evidence.g2pm_p = marked(reading), probability


def settle(result, sources, pending) -> None:
    """Decide each pending character by its policy, in place. In a word that
    CC-CEDICT reads in several ways, the other syllables then follow the one
    reading that agrees with what was decided (便宜 biàn yí or pián yi, never
    biàn yi from pypinyin's pián yi)."""
    for p in pending:
        reading, source = p.policy.decide(p.evidence)
        result[p.word][p.syllable] = reading
        sources[p.word][p.syllable] = source
    by_word: dict[int, list[Pending]] = {}
    for p in pending:
        if p.entries:
            by_word.setdefault(p.word, []).append(p)
    for word, decided in by_word.items():
        matching = [e for e in decided[0].entries if all(e[p.syllable] == result[word][p.syllable] for p in decided)]
        if len(matching) == 1:
            for n, syllable in enumerate(matching[0]):
                if syllable != result[word][n]:
                    result[word][n], sources[word][n] = syllable, "cedict"


def readings_with_sources(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=()):
    """For each word, the reading of each Han character (citation tones) and
    the source that decided each."""
    result, sources, pending = gather(words, text, tag_of, glossary, overrides)
    ask_model(text, pending)
    settle(result, sources, pending)
    grammar.echo_reduplication(words, result, sources)
    return [[_citation(ch, s) for ch, s in zip((c for c in word if is_han(c)), sy)]
            for word, sy in zip(words, result)], sources


def readings(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=()) -> list[list[str]]:
    """For each word, the reading of each of its Han characters (citation tones)."""
    return readings_with_sources(words, text, tag_of, glossary, overrides)[0]


def _covered_by_phrase(word: str) -> bool:
    """Whether some pypinyin phrase lies inside the word."""
    phrases = _phrases()
    return any(word[a:b] in phrases for a in range(len(word)) for b in range(a + 2, len(word) + 1))

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
