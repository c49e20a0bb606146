"""The language engine: turns any Chinese text into tokens (words) with pinyin in
context, an English gloss, all dictionary senses, HSK 3.0 level and flags for
names, numbers and glossary terms, and profiles a text's difficulty. The
Reader, the vocabulary lists and the quizzes all read the page through it.

    >>> [(t.text, t.pinyin) for t in annotate("村民无奈地说")]
    [('村民', 'cūn mín'), ('无奈', 'wú nài'), ('地', 'de'), ('说', 'shuō')]

Joined, the tokens' texts always give back the input exactly. Heavy parts
(jieba's dictionary, CC-CEDICT, the g2pM model) load on first use and are
cached in the learner's cache folder.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from functools import lru_cache

from dubao.language import hsk
from dubao.language import glossary as _glossary
from dubao.language import reading as _reading
from dubao.language import remembered as _remembered
from dubao.language import segment as _segment
from dubao.language.han import count_han, is_han, tone_of

__all__ = ["Token", "annotate", "describe", "difficulty", "Difficulty", "tone_of"]

# For `python -m dubao check` (dubao.course.checks): the glossary and the pinyin overrides.
problems = _glossary.problems

_NUMBER = re.compile(r"^(?:[0-9０-９]+(?:[.．,][0-9０-９]+)*[%％]?|[零〇一二三四五六七八九十百千万亿两]+)$")
_NAME_TAGS = {"nr", "nrfg", "nrt", "ns", "nt"}
_SPACE_OR_PUNCT = re.compile(r"^[\W_]+$")
# Long texts are segmented a paragraph at a time: jieba's cost grows with the
# line, and no word crosses a line break.
_LINES = re.compile(r"(?<=\n)")


@dataclass(frozen=True)
class Token:
    """One word (or run of spaces, punctuation, Latin letters or digits) of a text."""

    text: str
    pinyin: str = ""                  # "xīn zhì", one syllable per Han character; "" without Han
    gloss: str | None = None          # the sense this text means, short
    hsk: int | None = None            # 1–6, 7 for the 7–9 band, None when not listed
    senses: tuple[str, ...] = ()      # every CC-CEDICT sense, the glossary sense first
    traditional: str = ""
    pos: str | None = None            # jieba/ICTCLAS tag: n, v, a, nr (person), ns (place) ...
    is_name: bool = False
    is_number: bool = False
    is_term: bool = False             # the word is in the page's glossary
    kind: str | None = None           # the glossary kind: term, person, place, slogan ...
    note: str | None = None           # the glossary note
    tones: tuple[int, ...] = ()       # tone of each syllable, 5 = neutral (for colouring)
    hsk_chars: tuple[int | None, ...] = ()  # level of each Han character
    start: int = 0                    # offset of the token in the text
    # The source that decided the reading: override, glossary, rule, cedict,
    # phrase, g2pm or char (pypinyin's reading of the character alone); its
    # characters' sources joined by '+' when they differ. "" without Han.
    pinyin_source: str = ""
    dictionary: tuple[dict, ...] = field(default=(), repr=False)  # CC-CEDICT entries: pinyin, traditional, senses

    @property
    def syllables(self) -> list[str]:
        return self.pinyin.split()

    def to_dict(self) -> dict:
        """Plain data for JSON."""
        data = asdict(self)
        data["senses"] = list(self.senses)
        data["tones"] = list(self.tones)
        data["hsk_chars"] = list(self.hsk_chars)
        data["dictionary"] = [dict(d, senses=list(d["senses"])) for d in self.dictionary]
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Token":
        """The token ``to_dict`` described (lists back to tuples)."""
        return cls(**{**data, "senses": tuple(data["senses"]), "tones": tuple(data["tones"]),
                      "hsk_chars": tuple(data["hsk_chars"]),
                      "dictionary": tuple(dict(d, senses=tuple(d["senses"])) for d in data["dictionary"])})


def _split_long(text: str) -> list[str]:
    return [part for part in _LINES.split(text) if part]


def _senses_and_entries(word: str, pinyin: str, entry):
    from dubao.language import cedict

    found = cedict.lookup(word)
    # Entries with the reading used here come first: 行 in 行情 is háng, so the
    # 'row; line of business' senses lead.
    found.sort(key=lambda e: (e.pinyin.replace(" ", "") != pinyin.replace(" ", ""), e.is_proper_noun))
    senses = [s for e in found for s in e.senses]
    if entry is not None:
        senses = [entry.gloss] + [s for s in senses if s != entry.gloss]
    unique = list(dict.fromkeys(senses))
    entries = tuple({"pinyin": e.pinyin, "traditional": e.traditional, "senses": e.senses} for e in found)
    return tuple(unique), entries, found


def _parts(word: str) -> list[str]:
    """The word cut into the longest pieces the dictionary knows, left to right."""
    from dubao.language import cedict

    parts, i = [], 0
    while i < len(word):
        for j in range(len(word), i, -1):
            if j - i == 1 or cedict.lookup(word[i:j]) or _glossary.glossary().get(word[i:j]):
                parts.append(word[i:j])
                i = j
                break
    return parts


# Senses that say nothing about the meaning in a compound: surnames, cross-references
# and bound forms (元 "surname Yuan", 个 "used in 自个儿").
_NOT_A_MEANING = re.compile(r"^(surname |used in |variant of |old variant |see |also written |"
                            r"\(bound form\)|abbr\. for |\(old\) |Japanese variant |CL:)")


def _part_senses(part: str, reading: str) -> list[str]:
    from dubao.language import cedict

    entry = _glossary.glossary().get(part)
    found = sorted(cedict.lookup(part),
                   key=lambda e: (e.pinyin.lower() != reading, e.is_proper_noun))
    senses = [s for e in found for s in e.senses if not _NOT_A_MEANING.match(s)]
    if part in _ALWAYS:  # 会后 "会 + 后 after", not "后 empress"
        senses = [s for s in LOCALIZER_SENSES[part] if s in senses] + senses
    return list(dict.fromkeys(([entry.gloss] if entry else []) + senses))


def _composed(word: str, syllables: tuple, parts: list[str] | None = None) -> tuple[str | None, tuple[str, ...]]:
    """A gloss built from the parts of a word the dictionary lacks (人口老龄化 →
    "人口 population + 老龄化 aging"), as pop-up dictionaries show compounds; each
    part is read as it is read here, and the senses list each part's senses.
    None when no part has a sense."""
    pieces, senses, at, before = [], [], 0, ""
    for part in parts or _parts(word):
        count = count_han(part)
        part_senses = _part_senses(part, " ".join(syllables[at:at + count]))
        if part in _segment.MEASURE_WORDS and before and before[-1] in _COUNTED_BY:
            # 这项 "这 this + 项 classifier for items", not "项 back of neck"
            part_senses = _classifier_first(part_senses)
        at, before = at + count, part
        if part_senses:
            pieces.append(f"{part} {_short(part_senses[0])}")
            senses.append(f"{part}: {'; '.join(part_senses[:4])}")
    if not pieces:
        return None, ()
    return " + ".join(pieces), tuple(senses)


def _listed_reading(found, syllables: tuple) -> bool:
    """Whether one of CC-CEDICT's entries has these syllables, tones aside (a
    neutral tone or a tone change of 一 and 不 is still the entry's reading)."""
    def plain(syllable: str) -> str:
        return "".join(c for c in unicodedata.normalize("NFD", syllable.lower()) if not unicodedata.combining(c))

    here = [plain(s) for s in syllables]
    return any([plain(s) for s in e.pinyin.split()] == here for e in found)


def _short(sense: str) -> str:
    """A gloss short enough for a tooltip: the first sense, without cross-references."""
    sense = re.sub(r"\s*\(?see [^)]*\)?", "", sense) if sense.startswith("see ") is False else sense
    return sense if len(sense) <= 80 else sense[:77].rstrip() + "…"


def _make_token(word: str, syllables: list[str], start: int, glossary, source: str = "") -> Token:
    return Token(**_word_facts(word, tuple(syllables), glossary), start=start, pinyin_source=source)


@lru_cache(maxsize=32768)
def _word_facts(word: str, syllables: tuple, glossary) -> dict:
    """Everything about a word with a given reading except where it stands;
    kept per process, since a page repeats its words (新质生产力 ten times)."""
    if not count_han(word):
        number = bool(_NUMBER.match(word))
        return dict(text=word, is_number=number, pos="m" if number else None)
    from dubao.language import cedict

    entry = glossary.get(word)
    pinyin = " ".join(syllables)
    senses, entries, found = _senses_and_entries(word, pinyin, entry)
    pos = _segment.part_of_speech(word, glossary)
    is_name = bool(entry and entry.kind in _glossary.NAME_KINDS) or pos in _NAME_TAGS or \
        bool(found and all(e.is_proper_noun for e in found) and entry is None)
    meaningful = [x for x in senses if not _NOT_A_MEANING.match(x)] or list(senses)
    gloss = entry.gloss if entry else (_short(meaningful[0]) if meaningful else None)
    if gloss is None and count_han(word) > 1:
        gloss, senses = _composed(word, syllables)
    elif entry is None and found and count_han(word) == len(word) > 1 and not _listed_reading(found, syllables):
        # read in a way CC-CEDICT does not list for the whole word (一行字 yī háng "one
        # line", where its 一行 is yī xíng "the party"): the characters' senses, as read
        gloss, senses = _composed(word, syllables, list(word))
    return dict(
        text=word, pinyin=pinyin, gloss=gloss, hsk=hsk.word_level(word), senses=senses,
        traditional=found[0].traditional if found else cedict.traditional_of(word),
        pos=pos, is_name=is_name, is_number=bool(_NUMBER.match(word)), is_term=entry is not None,
        kind=entry.kind if entry else None, note=(entry.note or None) if entry else None,
        tones=tuple(tone_of(s) for s in syllables),
        hsk_chars=tuple(hsk.char_level(ch) for ch in word if is_han(ch)),
        dictionary=entries)


def annotate(text: str, sandhi: bool = False) -> list[Token]:
    """Tokens of ``text`` with pinyin in context, glosses and levels.

    Pinyin shows citation tones (一 yī, 不 bù); ``sandhi=True`` shows the spoken
    tone changes of 一 and 不 (一定 yídìng, 不是 búshì).
    """
    if not isinstance(text, str):
        raise TypeError(f"annotate() needs text (str), not {type(text).__name__}")
    cache_key = _remembered.key(text, sandhi, _glossary.fingerprint())
    remembered = _remembered.recall(cache_key)
    if remembered is not None:
        return [Token.from_dict(data) for data in remembered]
    tokens = _annotate(text, sandhi)
    if _remembered.available():  # to_dict costs a fifth of an annotation: only when kept
        _remembered.remember(cache_key, [token.to_dict() for token in tokens])
    return tokens


def _annotate(text: str, sandhi: bool) -> list[Token]:
    glossary = _glossary.glossary()
    overrides = _glossary.overrides()
    words = [w for part in _split_long(text) for w in _segment.cut(part)]
    # Readings are decided for the whole text at once, so the context model
    # reads all its sentences in one batch.
    syllables, sources = _reading.readings_with_sources(
        words, text, tag_of=lambda w: _segment.part_of_speech(w, glossary), glossary=glossary, overrides=overrides)
    if sandhi:
        syllables = _with_sandhi(words, syllables)
    tokens: list[Token] = []
    offset = 0
    for word, sy, source in zip(words, syllables, sources):
        tokens.append(_make_token(word, sy, offset, glossary, "+".join(dict.fromkeys(source))))
        offset += len(word)
    return [_in_place(tokens, n) if glossary.get(token.text) is None else token for n, token in enumerate(tokens)]


def _in_place(tokens: list[Token], n: int) -> Token:
    """The token at n with the sense it has where it stands leading: a measure
    word after a number, a localizer, a function word."""
    token = tokens[n]
    if n and _counts(tokens[n - 1]):
        return _as_measure_word(token)  # 五 里: five li, not "inside"
    if token.text in LOCALIZER_SENSES:
        return _as_localizer(tokens, n)
    return _as_function_word(tokens, n)


_FRAME_OPENERS = {"在", "从", "于"}


def _closing_a_frame(tokens: list[Token], n: int) -> bool:
    """Whether the localizer at n closes a 在 … 上 frame (在 小组 讨论 上 提出, 从
    技术 上 看, 在 这个 问题 上 我们 …): 在, 从 or 于 earlier in its clause."""
    for token in reversed(tokens[:n]):
        if not count_han(token.text):
            return False
        if token.text in _FRAME_OPENERS:
            return True
    return False


_COUNT_WORDS = _segment.NUMERALS | set("多余")


def _counts(token: Token) -> bool:
    """Whether a token counts: a number (3000, 十二, 两) or 多 / 余 after one."""
    return token.is_number or bool(token.text) and all(ch in _COUNT_WORDS for ch in token.text)


def _as_measure_word(token: Token) -> Token:
    """A measure word after a number leads with its classifier sense (两 辆
    "classifier for vehicles", 每 只 鸡 "classifier for birds and certain
    animals", not 只's first entry "grain that has begun to ripen")."""
    if token.text not in _segment.MEASURE_WORDS:
        return token
    senses = _classifier_first(token.senses)
    if senses[:1] == tuple(token.senses[:1]):
        return token
    return replace(token, gloss=_short(senses[0]), senses=senses)


# What a measure word inside a word may follow to be counted: a numeral, or a
# demonstrative or 各 / 该 / 某 / 此 / 本 (这项, 每位, 各家, 该批).
_COUNTED_BY = _segment.NUMERALS | set("这那哪各该某此本首")


def _classifier_first(senses) -> tuple[str, ...]:
    """The senses with the classifier ones first (\"classifier for …\")."""
    classifier = [s for s in senses if s.startswith("classifier for") or s.startswith("(classifier")]
    return tuple(dict.fromkeys(classifier + list(senses)))


# The function-word senses of common prepositions and particles, as CC-CEDICT
# words them. CC-CEDICT lists a content sense first (被 "quilt", 在 "to exist",
# 把 "to hold", 对 "right; correct", 等 "to wait for"), which is not what the
# word means in 被 迅速 推动, 在 镇 人代会 上, 对 村集体经济 的 支持, 基础设施 等.
# 被 alone is always the passive (the quilt is 被子), 在 and 把 alone are read as
# prepositions; 对 and 等 are so by their neighbours (_content_use).
FUNCTION_SENSES = {
    "被": ('used to indicate passive voice (placed before the doer of the action like "by" in English '
           'passive-voice sentences, or, if the doer is not mentioned, before the verb)',),
    "在": ("(of sb or sth) to be (located) at",),
    "把": ("(used to put the object before the verb: 把[ba3] + {noun} + {verb})",),
    "对": ("towards; at; for", "concerning; regarding"),
    "等": ("and so on; etc.; et al.", "(used to end an enumeration)"),
}
# Words before 对 "right" (不对, 说得对, 很对) and 等 "to wait" (请等, 先等, 还在等).
_BEFORE_CONTENT = {"对": set("不很都得也就说全挺真太"), "等": {"请", "先", "再", "要", "还", "得", "会", "在",
                                                          "正在", "就", "都", "也", "只", "才", "又", "不", "没"}}
_AFTER_RIGHT = set("了吗吧啊呀呢的不")


def _as_function_word(tokens: list[Token], n: int) -> Token:
    """A preposition or particle (FUNCTION_SENSES) leads with its function-word
    sense, unless its neighbours show the content word (_content_use)."""
    token = tokens[n]
    wanted = FUNCTION_SENSES.get(token.text)
    if not wanted or _content_use(tokens, n):
        return token
    first = [s for s in wanted if s in token.senses]
    if not first:
        return token
    senses = tuple(dict.fromkeys(first + list(token.senses)))
    return replace(token, gloss=_short("; ".join(first)), senses=senses)


def _content_use(tokens: list[Token], n: int) -> bool:
    """Whether 对 is the adjective "right" (不对, 说得对, 你说得对吗, 对了) or 等 the
    verb "to wait" (我们等你, 请等一下, 大家等了很久), by the words around it."""
    text = tokens[n].text
    if text not in _BEFORE_CONTENT:
        return False
    before = tokens[n - 1] if n else None
    after = tokens[n + 1] if n + 1 < len(tokens) else None
    if before is not None and before.text in _BEFORE_CONTENT[text]:
        return True
    ends = after is None or not count_han(after.text)
    if text == "对":
        return ends or after.text in _AFTER_RIGHT
    # 等 ends a list after a noun or a verb's object (基础设施 等, 比赛 等 活动); a person
    # or a pronoun on either side is someone waiting or waited for
    return before is None or (before.pos or "")[:1] == "r" or \
        (not ends and ((after.pos or "")[:1] in ("r", "v") and after.pos != "vn" or after.text[:1] in "了着过"))


# The localizer senses of the localizers (方位词), as CC-CEDICT words them. Alone
# after a noun (会 上, 桌子 上) or, for those of time, after a verb (毕业 后, 出发
# 前, 工作 中), this is the sense: CC-CEDICT's first one is another (上 "first (of
# multiple parts)", 后 "empress", 里 "lining", 前 "front"). 后 "empress" and 里
# "lining" live only in words (皇后, 里子), so alone these two always take it.
LOCALIZER_SENSES = {"上": ("(noun suffix) on; above",), "下": ("below", "down"), "中": ("within; among; in",),
                    "里": ("inside", "interior"), "内": ("within", "inside"), "外": ("outside",),
                    "前": ("before", "ago", "front"), "后": ("after", "behind", "later")}
_AFTER_VERBS = set("中前后")
_ALWAYS = set("后里")
# 上 and 下 as verbs of movement, as CC-CEDICT words them
_MOVING = {"上": ("to climb; to get onto; to go up",), "下": ("to go down",)}


def _placed_after(token: Token, before: Token) -> bool:
    """Whether the word before a localizer is one it places (a noun, time word,
    number, measure word, place or name; or a verb, for 中 前 后)."""
    tag = (before.pos or "")[:1]
    return tag in ("n", "t", "m", "q", "f", "s") or before.is_name or before.is_term \
        or (tag == "v" and token.text in _AFTER_VERBS)


def _as_localizer(tokens: list[Token], n: int) -> Token:
    """A localizer standing alone after a noun, a time word, a number or measure
    word or a place (or, for 中 前 后, after a verb), or closing a 在 … 上 frame,
    leads with its localizer sense. 上 and 下 are the verbs (上 了 车, 我们 上 车:
    "to get onto") before an aspect particle, or before a noun or pronoun where
    nothing makes them localizers (桌子 上 他 放了 书 stays "on")."""
    token = tokens[n]
    before = tokens[n - 1] if n else None
    after = tokens[n + 1] if n + 1 < len(tokens) else None
    moving = token.text in _MOVING and after is not None
    if moving and after.text in ("了", "着", "过"):
        wanted = _MOVING[token.text]
    elif token.text in _ALWAYS or _closing_a_frame(tokens, n) or before is not None and _placed_after(token, before):
        wanted = LOCALIZER_SENSES[token.text]
    elif moving and (after.pos or "")[:1] in ("n", "r"):
        wanted = _MOVING[token.text]
    else:
        return token
    first = [s for s in wanted if s in token.senses]
    if not first:
        return token
    senses = tuple(dict.fromkeys(first + list(token.senses)))
    return replace(token, gloss="; ".join(first), senses=senses)


def describe(word: str, pinyin: str) -> Token:
    """A token for ``word`` read as ``pinyin`` (one syllable per Han character):
    gloss, senses and level as :func:`annotate` would give them. For a phrase a
    teacher lists as one word where the segmenter reads two (自动驾驶)."""
    return _make_token(word, pinyin.split(), 0, _glossary.glossary())


def _with_sandhi(words, syllables):
    pairs, shape = [], []
    for word, sy in zip(words, syllables):
        it = iter(sy)
        for ch in word:
            pairs.append((ch, next(it)) if is_han(ch) else ("", ""))
        shape.append(len(sy))
    spoken = [s for s in _reading.apply_sandhi(pairs) if s]
    out, k = [], 0
    for n in shape:
        out.append(spoken[k:k + n])
        k += n
    return out


# ------------------------------------------------------------------ difficulty

@dataclass(frozen=True)
class Difficulty:
    """How hard a text is for a learner, by HSK 3.0 level (names and numbers not counted)."""

    tokens: int                       # words with Han characters that count
    characters: int                   # their Han characters
    token_share: dict                 # level (1..7, or None = not listed) -> share of tokens
    character_share: dict             # level -> share of characters
    level_for_95: int | None          # lowest level at which a reader knows 95% of characters

    def to_dict(self) -> dict:
        def keyed(d):
            return {("beyond" if k is None else str(k)): round(v, 4) for k, v in d.items()}
        return {"tokens": self.tokens, "characters": self.characters,
                "token_share": keyed(self.token_share), "character_share": keyed(self.character_share),
                "level_for_95": self.level_for_95}


def difficulty(text_or_tokens) -> Difficulty:
    """Difficulty profile of a text (or of tokens from ``annotate``)."""
    tokens = annotate(text_or_tokens) if isinstance(text_or_tokens, str) else list(text_or_tokens)
    counted = [t for t in tokens if t.pinyin and not t.is_name and not t.is_number]
    levels = list(hsk.LEVELS) + [None]
    word_counts = {level: 0 for level in levels}
    char_counts = {level: 0 for level in levels}
    for t in counted:
        word_counts[t.hsk] += 1
        for level in t.hsk_chars:
            char_counts[level] += 1
    n_tokens, n_chars = sum(word_counts.values()), sum(char_counts.values())
    level_95, known = None, 0
    for level in hsk.LEVELS:
        known += char_counts[level]
        if n_chars and known / n_chars >= 0.95:
            level_95 = level
            break
    return Difficulty(
        tokens=n_tokens, characters=n_chars,
        token_share={k: (v / n_tokens if n_tokens else 0.0) for k, v in word_counts.items()},
        character_share={k: (v / n_chars if n_chars else 0.0) for k, v in char_counts.items()},
        level_for_95=level_95)
