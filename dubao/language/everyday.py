"""The everyday reading of words of the HSK syllabus that CC-CEDICT lists in
two ways, each reading with a sense of its own: with and without a neutral tone
(故事 gù shi "story" and gù shì "old practice", 东西 dōng xi "thing" and dōng xī
"east and west"), or with other syllables (便宜 pián yi "cheap" and biàn yí
"convenient", 大夫 dài fu "doctor" and dà fū "senior official").

No source the engine weighs tells the first kind apart: g2pM reads only
polyphonic characters (事, 意 and 西 have one reading each), and pypinyin
writes the full tone. For the second kind g2pM chooses from the context, but it
learned from encyclopaedia prose, where the rare sense is common (it reads 大夫
dà fū at p 1.0 in 王大夫医术很好). So the reading, and with it the gloss a
learner sees, used to be the rare sense ("故事: old practice", "便宜:
convenient"). The table below gives, for the HSK words that CC-CEDICT lists in
two ways, the reading of the everyday sense, as 现代汉语词典 marks it and
CC-CEDICT writes it, and, where the other sense is common too, the sign in the
sentence that shows it: 东西 before a word of direction or extent is dōng xī
(东西 走向, 东西 长 5 公里); 多少 before a verb, an adverb or 有些 is duō shǎo
"somewhat" (多少 有些 道理); 地方 is dì fang "place" after a counting word,
demonstrative or 的 (这个 地方, 好多 地方, 住 的 地方) and dì fāng "local"
elsewhere (地方 政府, 中央 和 地方); 大意 is dà yi "careless" after 一时, 粗心,
太 and the like, dà yì "gist" elsewhere. Words whose two senses are both
common and no nearby word tells apart (同行, 倒车, 看好, 当年, 正当, 重重) are not
listed: the context model chooses.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Everyday:
    """A word's reading where nothing in the sentence says otherwise, and the
    other reading with the signs that call for it."""

    reading: str                              # no sign: the everyday sense (地方: "local")
    other: str                                # the other sense's reading
    other_before: frozenset = frozenset()     # next words that show the other sense
    other_before_tags: str = ""               # first letters of the next word's tag that show it
    other_after: str = ""                     # last characters of the word before that show it


def _plain(reading: str, other: str) -> Everyday:
    return Everyday(reading, other)


# 现代汉语词典 readings of the everyday sense; CC-CEDICT has both entries of each.
WORDS = {
    # with and without a neutral tone
    "故事": _plain("gù shi", "gù shì"),
    "生意": _plain("shēng yi", "shēng yì"),
    "告诉": _plain("gào su", "gào sù"),
    "说法": _plain("shuō fa", "shuō fǎ"),
    "本事": _plain("běn shi", "běn shì"),
    "工夫": _plain("gōng fu", "gōng fū"),
    "出息": _plain("chū xi", "chū xī"),
    "口音": _plain("kǒu yin", "kǒu yīn"),
    "得罪": _plain("dé zui", "dé zuì"),
    "裁缝": _plain("cái feng", "cái féng"),
    "大方": _plain("dà fang", "dà fāng"),
    "地道": _plain("dì dao", "dì dào"),
    "结实": _plain("jiē shi", "jiē shí"),
    "大爷": _plain("dà ye", "dà yé"),
    "妻子": _plain("qī zi", "qī zǐ"),
    "好处": _plain("hǎo chu", "hǎo chǔ"),
    "把手": _plain("bǎ shou", "bǎ shǒu"),
    "脊梁": _plain("jǐ liang", "jǐ liáng"),
    "分量": _plain("fèn liang", "fēn liàng"),
    "女人": _plain("nǚ rén", "nǚ ren"),       # "woman"; nǚ ren "wife" is colloquial
    "土地": _plain("tǔ dì", "tǔ di"),         # "land"; tǔ di is the earth god
    "老公": _plain("lǎo gōng", "lǎo gong"),   # "husband"; lǎo gong "eunuch"
    "冷战": _plain("lěng zhàn", "lěng zhan"), # "cold war"; lěng zhan "a shiver"
    "开通": _plain("kāi tōng", "kāi tong"),   # "to open (a line)"; kāi tong "open-minded"
    "言语": _plain("yán yǔ", "yán yu"),       # "speech"; yán yu "to speak" (dialect)
    "跟前": _plain("gēn qián", "gēn qian"),   # "in front of"; gēn qian "near (a time)"
    "温和": _plain("wēn hé", "wēn huo"),      # "mild"; wēn huo "lukewarm"
    "东西": Everyday("dōng xi", "dōng xī", other_before=frozenset(
        {"方向", "走向", "两侧", "两端", "两边", "长", "宽", "向", "部", "之间", "跨度", "贯通", "横跨"})),
    "多少": Everyday("duō shao", "duō shǎo", other_before=frozenset({"有些", "有点", "有点儿", "有所"}),
                     other_before_tags="vd"),
    # in news, 地方 alone is mostly "local" (地方 政府, 中央 和 地方)
    "地方": Everyday("dì fāng", "dì fang", other_after="个的些么哪这那每多少种处块好"),
    "大意": Everyday("dà yì", "dà yi", other_after="时心痹太很别万忽于可能"),
    # with other syllables; the rare sense second
    "便宜": _plain("pián yi", "biàn yí"),     # "cheap"; biàn yí "convenient" (便宜行事)
    "好吃": _plain("hǎo chī", "hào chī"),     # "tasty"; hào chī "gluttonous"
    "高中": _plain("gāo zhōng", "gāo zhòng"), # "senior high school"; gāo zhòng "to pass an exam"
    # "doctor"; dà fū "senior official" after 士, 御史, 谏议, 光禄 (ranks of old China)
    "大夫": Everyday("dài fu", "dà fū", other_after="士史议禄"),
    "当时": _plain("dāng shí", "dàng shí"),   # "at that time"; dàng shí "at once"
    "教学": _plain("jiào xué", "jiāo xué"),   # "teaching"; jiāo xué "to teach school"
    "结果": _plain("jié guǒ", "jiē guǒ"),     # "result"; jiē guǒ "to bear fruit"
    "重点": _plain("zhòng diǎn", "chóng diǎn"),
    "尽快": _plain("jǐn kuài", "jìn kuài"),
    "尽量": _plain("jǐn liàng", "jìn liàng"), # "as far as possible"; jìn liàng "to drink one's fill"
    "当天": _plain("dàng tiān", "dāng tiān"), # "that same day" (现代汉语词典 dàngtiān)
    "当晚": _plain("dàng wǎn", "dāng wǎn"),
    "当日": _plain("dàng rì", "dāng rì"),     # "the same day"; dāng rì "in those days"
    "恶心": _plain("ě xīn", "è xīn"),         # "to feel sick"; è xīn "evil intent"
    # "vacant land"; kōng dì "air-to-ground" before a word of arms
    "空地": Everyday("kòng dì", "kōng dì", other_before=frozenset(
        {"导弹", "协同", "作战", "通信", "攻击", "一体", "一体化", "联合"})),
    "下调": _plain("xià tiáo", "xià diào"),   # "to lower (prices)"; xià diào "to transfer down"
    "供养": _plain("gōng yǎng", "gòng yǎng"), # "to support (parents)"; gòng yǎng "to make offerings"
    "倒数": _plain("dào shǔ", "dào shù"),     # "to count backwards"; dào shù "reciprocal"
    "本色": _plain("běn sè", "běn shǎi"),     # "true qualities"; běn shǎi "natural colour"
    "澄清": _plain("chéng qīng", "dèng qīng"),# "to clarify"; dèng qīng "(of liquid) to settle"
    "省事": _plain("shěng shì", "xǐng shì"),  # "to save trouble"; xǐng shì "sensible"
    "罢了": _plain("bà le", "bà liǎo"),
    "大都": _plain("dà dōu", "dà dū"),        # "mostly"; Dà dū the Yuan capital
}


def reading_in_context(word: str, before: str, after: str, after_tag: str | None) -> list[str] | None:
    """The syllables of ``word`` here, or None when the table does not list it."""
    entry = WORDS.get(word)
    if entry is None:
        return None
    other = after in entry.other_before \
        or (bool(entry.other_before_tags) and (after_tag or " ")[0] in entry.other_before_tags) \
        or (bool(entry.other_after) and before[-1:] != "" and before[-1] in entry.other_after)
    return (entry.other if other else entry.reading).split()
