"""Pinyin in context: the reading of every Han character of a segmented text.

Two things decide before any weighing, because they were reviewed by hand:
the override list (corpus/pinyin-overrides.yaml, each entry limited to a
context or a word) and the glossary (corpus/glossary.yaml). Grammar rules for
the particles 的 地 得 了 着, the function words 为 少 只 当 standing alone, a
measure word after a number, 不了 after a verb, and 种 教 塞 数 盛 standing alone
as verbs come next when they are sure (无奈地说 de; a 为 that opens its clause
is wèi; 得 before a verb is děi; 一只 zhī; 办不了 liǎo; 种玉米 zhòng).

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
pypinyin's phrase data, else pypinyin's reading of each character.

Neutral tones are written without a mark (de, le, zhe), and ü stays ü.
Readings are citation tones (一 yī, 不 bù, as GB/T 16159-2012 writes them);
``sandhi=True`` gives the spoken tone changes of 一 and 不 instead.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

from dubao.language import hsk
from dubao.language.evidence import Evidence, Policy, model_guesses, policy_for, polyphones
from dubao.language.han import is_han, tone_of  # noqa: F401 - tone_of is part of this module's surface

# Words before which 地 is the adverbial particle de: it follows an adjective,
# an adverb, an idiom or a reduplicated word. jieba's tags for these:
_ADVERBIAL_TAGS = {"a", "ad", "an", "d", "i", "l", "z", "zg"}
_ZHAO_VERBS = {"睡", "找", "猜", "点", "烧", "够", "急", "着"}
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


def _particle(word: str, before: str, before_tag: str | None, after: str, after_tag: str | None = None) \
        -> str | None:
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
        if after_tag and after_tag[0] in "vd":
            return "děi"  # not after a verb, before a verb or adverb: "must" (我今晚得早点睡, 你得去)
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


# Words before which a lone 为 opens a prepositional phrase, wèi "for" (也为生产,
# 这为我国, 但为村集体): adverbs, conjunctions and the modern pronouns (not
# classical 其 or 此, as in 其为 / 此为 "it is").
_WEI_PREPOSITION_TAGS = {"d", "c", "ad", "p"}
_PRONOUNS = {"这", "那", "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "大家",
             "自己", "这些", "那些"}


def _function_word(word: str, words: list[str], i: int, tag_of=lambda w: None) -> tuple[str | None, bool]:
    """Readings of four common function words standing alone, from grammar, and
    whether the grammar settles it (True) or only suggests it (False).
    g2pM reads 为 as wéi almost everywhere, and 少 in 矛盾少了 as shào."""
    before = words[i - 1] if i else ""
    if word == "为":
        # 以 A 为 B "take A as B" and 转化为 "turn into" are wéi; a 为 that opens
        # its clause, or follows an adverb or a pronoun, is the preposition wèi
        # "for"; after a noun it may be either (首府为 "is", 群众为 "for").
        if before in _WEI_VERBS or "以" in _clause_before(words, i):
            return "wéi", True
        opens = not before or before[-1] in _CLAUSE_END or not is_han(before[-1])
        # after the adverbial 地 (耐心地为群众) it opens a prepositional phrase too
        return "wèi", opens or before in _PRONOUNS or before == "地" or tag_of(before) in _WEI_PREPOSITION_TAGS
    if word == "少":
        return "shǎo", True  # 少 shào only in words such as 少年, which jieba keeps whole
    if word == "只":
        if before and before[-1] in _COUNTING:
            return "zhī", True  # 每只鸡: measure word
        return "zhǐ", False
    if word == "当" and "把" in _clause_before(words, i):
        return "dàng", True  # 把 A 当 B "treat A as B"
    return None, False


# Polyphonic characters that are measure words after a number, with that reading:
# 一只猫 zhī (not zhǐ "only"), 两种 zhǒng, 一处 chù, 一把 bǎ, 三间 jiān, 一幢 zhuàng,
# 住了一宿 xiǔ (a night).
# The segmenter puts a number and its measure word apart (segment.MEASURE_WORDS),
# except a pair CC-CEDICT lists as a word (一种 "one kind of"), so both are read:
# the word before a lone measure word, or a word's own first part.
_MEASURE_WORDS = {"只": "zhī", "种": "zhǒng", "处": "chù", "把": "bǎ", "间": "jiān", "幢": "zhuàng", "宿": "xiǔ"}
# the counting words before a measure word (_COUNTING), without the pronouns:
# jieba may keep 这只 whole where 只 is "only"
_NUMBERS = (_COUNTING - set("这那哪个")) | set("各某半")


def _measure_word(word: str, k: int, before: str = "") -> str | None:
    """The measure-word reading of character k, when it ends its word and what
    comes before it in the word (一只, 二十种, 每处) or, standing alone, the word
    before it (一 / 只) is all numbers; None otherwise."""
    if k != len(word) - 1 or word[k] not in _MEASURE_WORDS:
        return None
    counted = word[:k] if k else before
    return _MEASURE_WORDS[word[k]] if counted and all(ch in _NUMBERS for ch in counted) else None


def _cannot_complement(word: str, k: int, before: str, before_tag: str | None) -> str | None:
    """了 liǎo in 不了 right after a verb: the potential complement "cannot (get
    it done)" (办不了, 走不了; CC-CEDICT 不了 bu4 liao3 "(as a resultative verb
    suffix) unable to"). CC-CEDICT's other 不了, bù le "no thanks", declines and
    never follows a verb; g2pM, reading the common 了 le, does not tell them apart."""
    if word != "不了" or k != 1 or not before or not (before_tag or "").startswith("v"):
        return None
    return "liǎo"


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
        rule, sure = _rule(word, words, i, tag_of) if len(word) == 1 else (None, False)
        if sure:
            result.append([rule])
            sources.append(["rule"])
            start += len(word)
            continue
        for n, (k, ch) in enumerate(hans):
            if ch not in poly:
                continue
            before = words[i - 1] if i else ""
            counted = _measure_word(word, k, before) or _cannot_complement(word, k, before,
                                                                             tag_of(before) if before else None) \
                or (_free_verb(ch, before, word[1:]) if k == 0 and len(word) == 2 and ch in "塞数盛"
                    and not dictionary else None)  # 塞进, 盛满: a verb and its complement CC-CEDICT lacks
            if counted:
                syllables[n], marks[n] = counted, "rule"
                continue
            readings = sorted({syllables_[n] for syllables_ in dictionary})
            learner_here, name = learner, bool(dictionary) and _is_name(word)
            if whole and len(word) > 2 and not dictionary:
                # A longer word CC-CEDICT lacks (充分发挥, 种植者): the reading of the
                # longest word inside it that holds the character (充分, 种植).
                part, at = _dictionary_part(word, k)
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
        result.append(syllables)
        sources.append(marks)
        start += len(word)
    return result, sources, pending


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


# A verb said twice with 了 or 一 between (数了数, 看一看, 量了量) is one verb
# both times; g2pM reads the second copy on its own and may read it otherwise
# (数了数 shǔ le shù).
_REDUPLICATION_LINKS = ("了", "一")


def _echo_reduplication(words: list[str], result, sources) -> None:
    """The second character of A 了 A / A 一 A takes the first one's reading, in place."""
    for i in range(2, len(words)):
        if len(words[i]) == 1 and words[i] == words[i - 2] and words[i - 1] in _REDUPLICATION_LINKS \
                and result[i] and result[i - 2] and sources[i] and sources[i][0] not in ("override", "glossary") \
                and result[i][0] != result[i - 2][0]:
            result[i][0], sources[i][0] = result[i - 2][0], "rule"


def readings_with_sources(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=()):
    """For each word, the reading of each Han character (citation tones) and
    the source that decided each."""
    result, sources, pending = gather(words, text, tag_of, glossary, overrides)
    ask_model(text, pending)
    settle(result, sources, pending)
    _echo_reduplication(words, result, sources)
    return [[_citation(ch, s) for ch, s in zip((c for c in word if is_han(c)), sy)]
            for word, sy in zip(words, result)], sources


def readings(words: list[str], text: str, tag_of=lambda w: None, glossary=None, overrides=()) -> list[list[str]]:
    """For each word, the reading of each of its Han characters (citation tones)."""
    return readings_with_sources(words, text, tag_of, glossary, overrides)[0]


def _rule(word: str, words: list[str], i: int, tag_of) -> tuple[str | None, bool]:
    """A grammar rule's reading of a lone particle or function word, and whether
    it is sure: a sure rule decides, an unsure one is evidence to weigh."""
    if word in "的地得了着":
        before = words[i - 1] if i else ""
        after = words[i + 1] if i + 1 < len(words) else ""
        before_tag = tag_of(before) if before else None
        if word == "地" and len(before) < 4:
            # 一个一个地, 慢 慢 地: a reduplicated phrase the segmenter has cut
            before = "".join(words[max(0, i - 4):i])[-4:]
        found = _particle(word, before, before_tag, after, tag_of(after) if after else None)
        return found, found is not None and (word, found) != ("地", "dì")  # 地 dì "ground" may be either
    if word in "为少只当":
        return _function_word(word, words, i, tag_of)
    if word in "种教塞数盛量":
        found = _free_verb(word, words[i - 1] if i else "", words[i + 1] if i + 1 < len(words) else "")
        return found, found is not None
    return None, False


def _free_verb(word: str, before: str, after: str) -> str | None:
    """Characters whose other readings live in compounds (种子 zhǒng, 宗教 jiào,
    要塞 sài, 数字 shù, 盛开 shèng) and which, standing alone as a word, are
    verbs (现代汉语词典): 种 zhòng "to plant" unless a counting word comes
    before it (一个种 zhǒng "a species"), 教 jiāo "to teach"; 塞 sāi "to stuff",
    数 shǔ "to count", 盛 chéng "to ladle" and 量 liáng "to measure" before an
    aspect particle (塞了, 数了两遍, 盛了一碗, 量了体温; 塞进, 盛一碗, 量一量). g2pM reads most of them as in the compounds."""
    if word == "种":
        return None if before and before[-1] in _COUNTING else "zhòng"
    if word == "教":
        return "jiāo"
    # 塞 alone is also sài in names jieba does not know (博 塞, 塞 雷卡): the verb only
    # where what follows shows it; 数 before a number is shù "several" (数十人)
    follows = {"塞": "了着过进满在到给", "数": "了着过", "盛": "了着过一满", "量": "了着过一"}[word]
    if after[:1] and after[0] in follows:
        return {"塞": "sāi", "数": "shǔ", "盛": "chéng", "量": "liáng"}[word]
    return None


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
