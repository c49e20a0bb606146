"""Grammar rules for pinyin: the readings that a polyphonic character's place
in its sentence settles, before any source is weighed (reading.py asks these
first). The structural particles 的 地 得 and 了 着 standing alone; the
function words 为 少 只 当; a measure word after a number (一只 zhī, 三间
jiān); 不了 after a verb (办不了 liǎo); characters whose other readings live in
compounds, or which alone are mostly something else, and which are verbs where a
complement follows or they are said again (种 zhòng, 教 jiāo, 塞 sāi, 数 shǔ, 盛
chéng, 量 liáng, 系好 jì, 凉一凉 liàng); an adjective after a degree adverb (太冲
chòng, 很薄 báo); 还 huán and 调 tiáo where what follows shows the verb; and a
verb said twice (数了数), whose copies read alike.

Each rule says whether it is sure (it decides) or only suggests (its reading
is one more piece of evidence). The word lists come from 现代汉语词典's usage
notes, never from a benchmark sentence.
"""

from __future__ import annotations

from dubao.language.han import is_han
from dubao.language.segment import DEGREE_ADVERBS

# Words before which 地 is the adverbial particle de: it follows an adjective,
# an adverb, an idiom or a reduplicated word. jieba's tags for these:
_ADVERBIAL_TAGS = {"a", "ad", "an", "d", "i", "l", "z", "zg"}
_ZHAO_VERBS = {"睡", "找", "猜", "点", "烧", "够", "急", "着"}


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
_PRONOUNS = {"这", "那", "我", "你", "他", "她", "它", "我们", "你们", "他们", "她们", "咱们", "大家",
             "自己", "这些", "那些"}


def _function_word(word: str, words: list[str], i: int, tag_of=lambda w: None) -> tuple[str | None, bool]:
    """Readings of four common function words standing alone, from grammar, and
    whether the grammar settles it (True) or only suggests it (False).
    g2pM reads 为 as wéi almost everywhere, and 少 in 矛盾少了 as shào."""
    before = words[i - 1] if i else ""
    if word == "为":
        return _wei(words, i, tag_of)
    if word == "少":
        return "shǎo", True  # 少 shào only in words such as 少年, which jieba keeps whole
    if word == "只":
        if before and before[-1] in _COUNTING:
            return "zhī", True  # 每只鸡: measure word
        return "zhǐ", False
    if word == "当" and "把" in _clause_before(words, i):
        return "dàng", True  # 把 A 当 B "treat A as B"
    return None, False


# Formal one-character adverbs that come before the copula 为 wéi "is, are"
# (面积约为, 均为本地人, 仍为, 实为), not before the preposition wèi "for".
_COPULA_ADVERBS = set("约均皆实即仍多亦则乃应又最尤本原现共总另") | {"分别", "依次", "依然", "仍然"}
# What may follow the preposition 为 as the person or thing it is for, before
# its verb: a noun, pronoun, number, time word or localizer (为 群众 解答, 为
# 明年 的 工作 做 准备, 为 下 一步 工作 提供).
_WEI_OBJECT_TAGS = ("n", "r", "m", "q", "t", "f")


def _wei(words: list[str], i: int, tag_of) -> tuple[str, bool]:
    """为 standing alone: wéi "be, as" or wèi "for", and whether grammar settles it.
    以 A 为 B "take A as B", a verb such as 转化为 "turn into" and a formal adverb
    (约为, 均为) make it wéi; so does a clause with no verb after it (人口为
    三百万, 首府为城关镇). It is the preposition wèi where it opens its
    clause, follows a pronoun, 地 (耐心地为), a conjunction, preposition,
    adverb or time word (也为, 正在为), or where a noun after it is followed
    by a verb in the same clause (为 群众 解答, 为 下 一步 工作 提供 了); after a
    noun it may be either (首府为 "is", 群众为 "for"), and the context model reads it."""
    before = words[i - 1] if i else ""
    after = _clause_after(words, i)
    if before in _WEI_VERBS or before in _COPULA_ADVERBS or "以" in _clause_before(words, i):
        return "wéi", True
    tags = [tag_of(w) or "" for w in after]
    verb_later = any(t.startswith("v") for t in tags[1:])
    if after and not tags[0].startswith("v") and not verb_later:
        return "wéi", True  # no verb for a "for" to serve: the copula (首府为城关镇, 人口为三百万)
    if "所" in after:
        return "wéi", True  # 为 A 所 V, the passive
    opens = not before or before[-1] in _CLAUSE_END or not is_han(before[-1])
    before_tag = tag_of(before) or ""
    sure = opens or before in _PRONOUNS or before == "地" or before_tag in ("c", "p") \
        or before_tag in ("d", "ad") or (before_tag == "t" and len(before) > 1) \
        or (bool(after) and tags[0].startswith(_WEI_OBJECT_TAGS) and verb_later)
    return "wèi", sure


def _clause_after(words: list[str], i: int) -> list[str]:
    """The words of the same clause after word i (up to the next comma or stop)."""
    out = []
    for w in words[i + 1:]:
        if w and w[-1] in _CLAUSE_END:
            break
        out.append(w)
    return out


# Polyphonic characters that are measure words after a number, with that reading:
# 一只猫 zhī (not zhǐ "only"), 两种 zhǒng, 一处 chù, 一把 bǎ, 三间 jiān, 一幢 zhuàng,
# 住了一宿 xiǔ (a night), 两行字 háng (lines).
# The segmenter puts a number and its measure word apart (segment.MEASURE_WORDS),
# except a pair CC-CEDICT lists as a word (一种 "one kind of"), so both are read:
# the word before a lone measure word, or a word's own first part.
_MEASURE_WORDS = {"只": "zhī", "种": "zhǒng", "处": "chù", "把": "bǎ", "间": "jiān", "幢": "zhuàng", "宿": "xiǔ",
                  "行": "háng"}
# the counting words before a measure word (_COUNTING), without the pronouns:
# jieba may keep 这只 whole where 只 is "only"
_NUMBERS = (_COUNTING - set("这那哪个")) | set("各某半")


def measure_word(word: str, k: int, before: str = "", after: str = "", after_tag: str | None = None,
                 listed: bool = False) -> str | None:
    """The measure-word reading of character k, when it ends its word and what
    comes before it in the word (一只, 二十种, 每处) or, standing alone, the word
    before it (一 / 只) is all numbers; None otherwise. 行 háng "line, row" (两 行
    字) has two pairs CC-CEDICT lists with xíng (``listed``): 一行 "the party"
    (代表团一行, 一行人), which counts lines only before a noun other than 人
    (一行字, 一行代码), and 五行 "the five phases", which stays as listed."""
    if k != len(word) - 1 or word[k] not in _MEASURE_WORDS:
        return None
    counted = word[:k] if k else before
    if word[k] == "行" and listed:
        lines = counted == "一" and (after_tag or "").startswith("n") and after != "人"
        return "háng" if lines else None
    return _MEASURE_WORDS[word[k]] if counted and all(ch in _NUMBERS for ch in counted) else None


def cannot_complement(word: str, k: int, before: str, before_tag: str | None) -> str | None:
    """了 liǎo in 不了 right after a verb: the potential complement "cannot (get
    it done)" (办不了, 走不了; CC-CEDICT 不了 bu4 liao3 "(as a resultative verb
    suffix) unable to"). CC-CEDICT's other 不了, bù le "no thanks", declines and
    never follows a verb; g2pM, reading the common 了 le, does not tell them apart."""
    if word != "不了" or k != 1 or not before or not (before_tag or "").startswith("v"):
        return None
    return "liǎo"


def inside_word(word: str, k: int, before: str, before_tag: str | None, listed: tuple[str, ...] = (),
                after: str = "", after_tag: str | None = None) -> str | None:
    """A sure rule's reading of character k of a word, or None: a measure word
    after a number (一只, 三 / 间), 不了 after a verb, and 塞 数 盛 系 as verbs
    with a complement after them (塞进, 盛满, 系好, and 汤盛到, which jieba's HMM
    glued) or said again (数一数, 数了数, which jieba's dictionary keeps whole).
    ``listed`` are the character's readings in the word's CC-CEDICT entries: in
    a word CC-CEDICT lists, the verb's reading stands only where it is one of
    them (系上 jì shang, as CC-CEDICT reads it; the sign and the dictionary agree
    against g2pM's xì). ``after`` is the next word."""
    ch = word[k]
    verb = None
    if ch in "塞数盛系" and k < len(word) - 1:
        verb = free_verb(ch, word[k - 1] if k else before, word[k + 1:])
        verb = verb if not listed or verb in listed else None
    return measure_word(word, k, before, after, after_tag, bool(listed)) \
        or cannot_complement(word, k, before, before_tag) or verb


# A verb said twice with 了 or 一 between (数了数, 看一看, 量了量) is one verb
# both times; g2pM reads the second copy on its own and may read it otherwise
# (数了数 shǔ le shù).
_REDUPLICATION_LINKS = ("了", "一")


def echo_reduplication(words: list[str], result, sources) -> None:
    """The second character of A 了 A / A 一 A takes the first one's reading, in place."""
    for i in range(2, len(words)):
        if len(words[i]) == 1 and words[i] == words[i - 2] and words[i - 1] in _REDUPLICATION_LINKS \
                and result[i] and result[i - 2] and sources[i] and sources[i][0] not in ("override", "glossary") \
                and result[i][0] != result[i - 2][0]:
            result[i][0], sources[i][0] = result[i - 2][0], "rule"


def rule(word: str, words: list[str], i: int, tag_of) -> tuple[str | None, bool]:
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
    before = words[i - 1] if i else ""
    if word in _ADJECTIVES and before in _DEGREE_WORDS:
        return _ADJECTIVES[word], True
    if word in _FREE_VERBS:
        # the next two words: 凉 一会儿, 数 一 数 (a verb said again)
        found = free_verb(word, before, "".join(words[i + 1:i + 3]))
        return found, found is not None
    if word in "还调":
        found = _verb_before(word, words[i + 1] if i + 1 < len(words) else "")
        return found, found is not None
    return None, False


def _verb_before(word: str, after: str) -> str | None:
    """还 and 调 as verbs, where what follows them shows it (现代汉语词典): 还 huán
    "give back" before 了 or 给 or at the end of its clause (钱要按时还。, 还了
    钱; the adverb hái "still" always has a verb after it); 调 tiáo "adjust"
    before a complement of degree (调高, 调低, 调好; 调到 may be either)."""
    if word == "还":
        return "huán" if not after or after[0] in _CLAUSE_END or after in ("了", "给") else None
    return "tiáo" if after in _DEGREE_COMPLEMENTS else None


_DEGREE_COMPLEMENTS = {"高", "低", "大", "小", "好", "匀", "亮", "暗", "快", "慢"}


def free_verb(word: str, before: str, after: str) -> str | None:
    """Characters whose other readings live in compounds (种子 zhǒng, 宗教 jiào,
    要塞 sài, 数字 shù, 盛开 shèng) or which alone are mostly something else
    (系 xì "is; department", 凉 liáng "cool"), and which are verbs where the
    sentence shows it (现代汉语词典): 种 zhòng "to plant" unless a counting word
    comes before it (一个种 zhǒng "a species"), 教 jiāo "to teach"; 塞 sāi "to
    stuff", 数 shǔ "to count", 盛 chéng "to ladle", 量 liáng "to measure", 系 jì
    "to tie" and 凉 liàng "to let cool" before a particle or complement of
    their own (塞了, 数了两遍, 盛到碗里, 量了体温, 系好鞋带, 凉一会儿) or said
    again (数一数, 量了量, 凉一凉). ``after`` is the text right after the
    character. g2pM reads most of them as in the compounds."""
    if word == "种":
        return None if before and before[-1] in _COUNTING else "zhòng"
    if word == "教":
        return "jiāo"
    if after.startswith(("一" + word, "了" + word)):
        return _VERB_READINGS[word]
    if word == "凉":
        return "liàng" if after.startswith(("一会", "一下")) else None
    # 塞 alone is also sài in names jieba does not know (博 塞, 塞 雷卡): the verb only
    # where what follows shows it; 数 before a number is shù "several" (数十人);
    # 系 before 在 may be xì "to tether" (把马系在树上)
    if after[:1] and after[0] in _VERB_SIGNS[word]:
        return _VERB_READINGS[word]
    return None


_VERB_READINGS = {"塞": "sāi", "数": "shǔ", "盛": "chéng", "量": "liáng", "系": "jì", "凉": "liàng"}
_VERB_SIGNS = {"塞": "了着过进满在到给", "数": "了着过", "盛": "了着过一满到在进入", "量": "了着过一",
               "系": "好上紧牢住"}
_FREE_VERBS = {"种", "教"} | set(_VERB_READINGS)

# After a degree adverb (很冲, 太薄, 有点凉) a character is an adjective, with the
# reading 现代汉语词典 gives that sense: 冲 chòng "strong, blunt" (说话太冲, 水流
# 得很冲), not the verb chōng "rush"; 薄 báo "thin", not bó of 淡薄; 空 kōng
# "empty", not kòng "free time"; 差 chà "poor", not chā or chāi; 凉 liáng "cool",
# not liàng "let cool"; 长 cháng "long", not zhǎng "grow"; 重 zhòng "heavy", not
# chóng "again"; 难 nán "hard", not nàn "disaster"; 累 lèi "tired", not lěi; 干
# gān "dry", not gàn "do".
# (not 好 or 真, which also come before verbs: 这活儿好干 gàn, 他真干了)
_DEGREE_WORDS = set(DEGREE_ADVERBS) | {"非常", "特别", "十分", "比较", "相当", "有点", "有些", "有点儿", "极其",
                                       "格外", "过于", "越来越"}
_ADJECTIVES = {"冲": "chòng", "薄": "báo", "空": "kōng", "差": "chà", "凉": "liáng", "长": "cháng",
               "重": "zhòng", "难": "nán", "累": "lèi", "干": "gān"}
