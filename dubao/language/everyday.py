"""The everyday reading of words that CC-CEDICT lists twice, with and without a
neutral tone, each reading with a sense of its own: 故事 gù shi "story" and
gù shì "old practice", 生意 shēng yi "business" and shēng yì "life force", 东西
dōng xi "thing" and dōng xī "east and west".

No source the engine weighs tells these apart: g2pM reads only polyphonic
characters (事, 意 and 西 have one reading each), and pypinyin writes the full
tone. So the reading, and with it the gloss a learner sees, used to be the rare
sense ("故事: old practice"). The table below gives, for the words of the HSK
syllabus that have such a pair, the reading of the everyday sense, as
现代汉语词典 marks it (gù·shi, shēng·yi, dōng·xi) and CC-CEDICT writes it, and,
where the other sense is common too, the sign in the sentence that shows it:
东西 before a word of direction or extent is dōng xī (东西 走向, 东西 长 5 公里);
多少 before a verb, an adverb or 有些 is duō shǎo "somewhat" (多少 有些 道理); 地方 is dì fang
"place" after a counting word, demonstrative or 的 (这个 地方, 好多 地方, 住 的
地方) and dì fāng "local" elsewhere (地方 政府, 中央 和 地方).
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
    "东西": Everyday("dōng xi", "dōng xī", other_before=frozenset(
        {"方向", "走向", "两侧", "两端", "两边", "长", "宽", "向", "部", "之间", "跨度", "贯通", "横跨"})),
    "多少": Everyday("duō shao", "duō shǎo", other_before=frozenset({"有些", "有点", "有点儿", "有所"}),
                     other_before_tags="vd"),
    # in news, 地方 alone is mostly "local" (地方 政府, 中央 和 地方)
    "地方": Everyday("dì fāng", "dì fang", other_after="个的些么哪这那每多少种处块好"),
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
