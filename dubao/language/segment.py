"""Word segmentation: jieba with the page's glossary as a domain lexicon.

We use a private ``jieba.Tokenizer`` (never the global one, which other code may
change) whose prefix dictionary is kept as a SQLite table in the learner's cache
folder (not in the course folder, not under a shared temporary name) and read
word by word, so a new process does not unpickle all of it before its first
sentence. Glossary words are added
with a frequency high enough to win (jieba silently ignores user words whose
frequency is too low: fxsjy/jieba #222, #576, #587), and the glossary's
``splits`` lower the frequency of wrong merges such as 地说 in 无奈地说.
General rules then cut what jieba's frequencies glue, as the PKU standard and
the page's gold do: a number and its measure word (两 辆 车, 一 本 书), the aspect
particles 过 and 着 after a verb (看 过), a localizer after a noun or verb when
what follows makes a word (工作 中 学到), a pronoun, preposition or particle
the HMM glued to its neighbour (他 说, 从 市, 地 进, 叠 得, 中 飘 着), two
one-character HSK words the HMM glued (请 系, 这 是), a degree
adverb glued to an adjective (很 漂亮, 很 大方), a verb reduplicated with 一 or
了 (量 一 量), and 的话 where it is 的 + 话 "words" (老师 说 的 话). Each keeps a word CC-CEDICT or the glossary lists whole.

Parts of speech come from jieba's dictionary tags, kept in a small SQLite table
in the cache folder so that looking one up does not load jieba.posseg.
"""

from __future__ import annotations

import logging
import os
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path

from dubao import paths
from dubao.language import glossary as glossary_module
from dubao.language.han import is_han

_lock = threading.Lock()
_KEEP_TAGS = {"nr", "nrfg", "nrt", "ns", "nt", "nz", "j"}  # names and abbreviations stay whole
_state: dict = {}
# jieba's tag for the glossary kinds, so a name is tagged as a name.
KIND_TAGS = {"person": "nr", "place": "ns", "organisation": "nt", "company": "nt", "product": "nz",
             "term": "n", "slogan": "l", "phrase": "i", "abbreviation": "j", "title": "n"}


class StoredFrequencies:
    """jieba's prefix dictionary (word -> frequency, 0 for a mere prefix), read
    word by word from a SQLite table instead of unpickling all 600,000 entries
    at start-up, which is most of jieba's start time. Words looked up once are
    kept in memory; words added (the glossary) live only in memory."""

    def __init__(self, connection):
        self._db = connection
        self._known: dict = {}

    def _find(self, word):
        try:
            return self._known[word]
        except KeyError:
            row = self._db.execute("SELECT freq FROM freq WHERE word = ?", (word,)).fetchone()
            value = self._known[word] = row[0] if row else None
            return value

    def get(self, word, default=None):
        value = self._find(word)
        return default if value is None else value

    def __contains__(self, word) -> bool:
        return self._find(word) is not None

    def __getitem__(self, word):
        value = self._find(word)
        if value is None:
            raise KeyError(word)
        return value

    def __setitem__(self, word, freq) -> None:
        self._known[word] = freq


def _jieba_dictionary() -> Path:
    import jieba

    return Path(jieba.__file__).parent / "dict.txt"


def _build_frequencies(target: str, tokenizer) -> sqlite3.Connection:
    with open(_jieba_dictionary(), "rb") as handle:
        freq, total = tokenizer.gen_pfdict(handle)
    connection = sqlite3.connect(target, check_same_thread=False)
    connection.execute("CREATE TABLE freq (word TEXT PRIMARY KEY, freq INTEGER) WITHOUT ROWID")
    connection.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value INTEGER)")
    connection.executemany("INSERT INTO freq VALUES (?, ?)", freq.items())
    connection.execute("INSERT INTO meta VALUES ('total', ?)", (total,))
    connection.commit()
    return connection


def _new_tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tokenizer = jieba.Tokenizer()
    folder = paths.writable_cache_dir()
    if folder is None:
        # No writable cache: jieba builds its dictionary in memory. A private
        # empty folder keeps it from reading or writing anyone else's cache
        # file in the shared temporary folder.
        import tempfile

        tokenizer.tmp_dir = tempfile.mkdtemp(prefix="dubao-jieba-")
        tokenizer.cache_file = "jieba-dictionary.cache"
        tokenizer.initialize()
        return tokenizer
    stat = _jieba_dictionary().stat()
    target = folder / f"jieba-dictionary-{stat.st_size}-{stat.st_mtime_ns}.sqlite"
    if not target.exists():
        partial = target.with_name(f"{target.name}.{os.getpid()}.part")
        _build_frequencies(str(partial), tokenizer).close()
        os.replace(partial, target)
    connection = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
    tokenizer.FREQ = StoredFrequencies(connection)
    tokenizer.total = connection.execute("SELECT value FROM meta WHERE key = 'total'").fetchone()[0]
    tokenizer.initialized = True
    tokenizer.cache_file = str(target)
    return tokenizer


def _apply_glossary(tokenizer, glossary) -> None:
    for entry in glossary.entries:
        # suggest_freq gives the frequency that makes the whole word beat every
        # split of it; the floor keeps it above jieba's "too rare" threshold.
        freq = max(tokenizer.suggest_freq(entry.word, tune=False), 1000)
        tokenizer.add_word(entry.word, freq=freq, tag=KIND_TAGS.get(entry.kind))
    for split in glossary.splits:
        for left, right in zip(split.words, split.words[1:]):
            tokenizer.suggest_freq((left, right), tune=True)
            if len(tokenizer.lcut(left + right, HMM=False)) == 1:
                # Lowering the frequency only makes a tie here (打得 vs 打 + 得);
                # the reviewed split list says the glued form is wrong, so drop it.
                tokenizer.del_word(left + right)


def tokenizer():
    """The shared private tokenizer with the glossary applied (built once per
    process, and again if the glossary file changes)."""
    current = glossary_module.glossary()
    with _lock:
        if _state.get("glossary") is not current:
            # A new (or changed) glossary starts from a clean dictionary.
            _state["tokenizer"] = tok = _new_tokenizer()
            _apply_glossary(tok, current)
            _state["pairs"] = {left + right: left for split in current.splits
                               for left, right in zip(split.words, split.words[1:])}
            _state["wholes"] = {"".join(split.words): list(split.words) for split in current.splits}
            _state["glossary"] = current
        return _state["tokenizer"]


def cut(text: str) -> list[str]:
    """Words of ``text``; joined, they give back ``text`` exactly."""
    if not text:
        return []
    tok = tokenizer()
    pairs, wholes = _state["pairs"], _state["wholes"]
    words = []
    for word in tok.lcut(text, HMM=True):
        if word in wholes:
            words.extend(wholes[word])
            continue
        # jieba's HMM glues runs of single characters back together (打 得 ->
        # 打得) after the dictionary has let them go; a reviewed split is
        # applied again here, but never inside a real dictionary word.
        split = _apply_splits(word, pairs) if len(word) > 1 and pairs and \
            (word in pairs or not tok.FREQ.get(word)) else [word]
        if len(split) > 1:
            words.extend(split)
        elif _glued_function_word(word, tok) or _glued_learner_words(word, tok):
            words.extend(word)
        elif _glued_particle(word, tok):
            words.extend([word[:-1], word[-1]])  # 中飘着 -> 中飘 着 (the localizer rule below cuts 中)
        else:
            words.extend(part for whole in _dictionary_words(word) for part in _number_and_measure(whole)
                         for part in _aspect_particle(part))
    words = _degree_adverbs_apart(_reduplication_apart(_words_of_speech(words)))
    return _localizers_apart(_counted_nouns(_measure_after_number(words)), tok)


# Localizers (方位词): after a noun or a verb they close its phrase (工作 中, 毕业 后,
# 出发 前), and a frequency-only segmenter glues them to what follows instead
# (工作/中学/到, 毕业/后来/到, 出发/前进/行).
LOCALIZERS = set("中后前上下里内外")


def _localizers_apart(words: list[str], tok) -> list[str]:
    """A two-character word that starts with a localizer, right after a noun or a
    verb, is cut after the localizer when its second character and the words
    after it make a dictionary word (工作 中 学到, 毕业 后 来到, 企业 中 国有企业),
    the longest such word first. A glossary word is never cut."""
    out, i = list(words), 1
    while i < len(out):
        word = out[i]
        if len(word) == 2 and word[0] in LOCALIZERS and is_han(word[1]) \
                and glossary_module.glossary().get(word) is None \
                and (_dictionary_tag(out[i - 1]) or "")[:1] in ("n", "v", "t", "m"):
            if not _is_word(word, tok):
                out[i:i + 1] = [word[0], word[1]]  # a pair the HMM made: 天空 中 飘
                i += 2
                continue
            for more in (3, 2, 1):
                joined = word[1] + "".join(out[i + 1:i + 1 + more])
                if i + more < len(out) and len(joined) <= 6 and _is_word(joined, tok):
                    out[i:i + 1 + more] = [word[0], joined]
                    break
        i += 1
    return out


def _is_word(text: str, tok) -> bool:
    from dubao.language import cedict

    return all(is_han(ch) for ch in text) and (bool(tok.FREQ.get(text)) or bool(cedict.lookup(text)))


# Function words that jieba's HMM glues to the character next to them when the
# dictionary has let both go, making a "word" no dictionary knows: a personal
# pronoun or a preposition to what follows (他说, 从市, 把书), the particle 地 to
# the verb after it (耐心 地为, 一个一个 地进), a structural or aspect particle
# (得 的 了) to the verb before it (叠得, 死得, 吃了). None of them begins or ends an
# unknown two-character word in the way a name or a new term does.
PRONOUNS = set("他她它我你您咱")
GLUED_BEFORE = PRONOUNS | set("从把被给往在对跟的")
GLUED_AFTER = set("得的了")


def _glued_function_word(word: str, tok) -> bool:
    """Whether jieba's HMM glued a function word to its neighbour (他说, 从市,
    地进, 叠得): two Han characters that neither jieba's dictionary, CC-CEDICT
    nor the glossary has as a word, the first a pronoun, a preposition or 地
    before a verb, or the second a particle. Names the HMM finds (王小明) are left alone."""
    # 地 only before a verb, preposition or adverb (地 进, 地 为): 新 地王 "land king" stays
    particle_di = word[:1] == "地" and (_dictionary_tag(word[1:]) or "")[:1] in ("v", "p", "d")
    return len(word) == 2 and all(is_han(ch) for ch in word) and \
        (word[0] in GLUED_BEFORE or word[1] in GLUED_AFTER or particle_di) and _unknown_word(word, tok)


def _glued_learner_words(word: str, tok) -> bool:
    """Whether jieba's HMM glued two one-character words of the HSK syllabus into
    a "word" that neither jieba's dictionary, CC-CEDICT nor the glossary has
    (请系 好, 先凉 一凉, 这是, 二是): each is a word a learner knows on its own and
    clicks for its own entry. A given name the HMM finds mostly uses characters
    that are not HSK words alone (张伟, 马丽 stay whole)."""
    from dubao.language import hsk

    return len(word) == 2 and all(is_han(ch) and hsk.word_level(ch) is not None for ch in word) \
        and _unknown_word(word, tok)


def _glued_particle(word: str, tok) -> bool:
    """A word of three or more Han characters that the HMM made (no dictionary
    has it) and that ends in an aspect or structural particle (中飘着, 都来了)."""
    return len(word) >= 3 and word[-1] in "着了过得" and all(is_han(ch) for ch in word) and _unknown_word(word, tok)


def _unknown_word(word: str, tok) -> bool:
    """Whether no dictionary has ``word``: jieba's HMM made it (not jieba's
    dictionary, not CC-CEDICT, not the glossary)."""
    from dubao.language import cedict

    return not tok.FREQ.get(word) and glossary_module.glossary().get(word) is None and not cedict.lookup(word)


def _aspect_particle(word: str) -> list[str]:
    """The aspect particles 过 and 着 are words of their own after a verb (看 过,
    带 着), as the page's gold and the PKU standard cut them; jieba glues some
    (看过, 去过, 看着). A word CC-CEDICT lists stays whole (经过, 不过, 意味着,
    随着), and so does one whose first part jieba does not tag as a verb (太过)."""
    if len(word) < 2 or word[-1] not in "过着" or glossary_module.glossary().get(word) is not None \
            or not (_dictionary_tag(word[:-1]) or "").startswith("v"):
        return [word]
    from dubao.language import cedict

    return [word] if cedict.lookup(word) else [word[:-1], word[-1]]


# Measure words (量词, as 现代汉语词典 marks them) that jieba glues to a number
# before them (一场, 两辆, 十二家), and the characters that count before them.
MEASURE_WORDS = set("个位名家场种辆只条件项次遍张本台座所片块头匹架部篇首支根把双对套份批群层间段句行"
                    "棵朵颗粒杯瓶碗封枚艘届轮趟番阵起笔处道门盏幅股扇顶栋幢串束堆包箱袋盒桶吨斤"
                    "元岁倍户口亩株尾羽例则副宿")
NUMERALS = set("〇零一二三四五六七八九十百千万亿两几每半")


def _number_and_measure(word: str) -> list[str]:
    """A number and its measure word are two words (三 名 人质, 两 辆 汽车), as
    the course's segmentation gold and the PKU standard cut them, so that a
    learner can click the measure word for its own entry. jieba keeps many
    together (一场, 十二家, even 两辆车); where CC-CEDICT lists the pair as a
    word of its own (一起 "together", 一家 "the whole family", 一把手), or what
    follows the measure word is no dictionary word, it stays whole here, and
    _counted_nouns decides from the word after it."""
    count = _counting_part(word)
    if count == 0 or count == len(word) or word[count] not in MEASURE_WORDS \
            or glossary_module.glossary().get(word) is not None:
        return [word]
    from dubao.language import cedict

    rest = word[count + 1:]
    if cedict.lookup(word) or rest and not (cedict.lookup(rest) or glossary_module.glossary().get(rest)):
        return [word]
    return [word[:count], word[count]] + ([rest] if rest else [])


def _counting_part(word: str) -> int:
    """How many characters at the start of ``word`` are numerals."""
    return next((n for n, ch in enumerate(word) if ch not in NUMERALS), len(word))


# 的话 is one word, "if", only closing a condition (如果明天下雨的话，…; 不行的话，…);
# elsewhere it is 的 and 话 "words, speech" (他 的 话 给 大家, 老师 说 的 话), and
# jieba always keeps it whole.
CONDITIONALS = ("如果", "要是", "假如", "假若", "倘若", "若是", "万一", "假使", "如若", "若")
_CLAUSE_END = set("，。；：！？、,;:!?“”「」\n")


def _words_of_speech(words: list[str]) -> list[str]:
    """的话 cut into 的 话 unless it closes a condition: a conditional
    conjunction earlier in its clause, or a comma right after it and no noun or
    pronoun right before it (不行的话，, but 他的话，)."""
    out = []
    for i, word in enumerate(words):
        if word != "的话" or glossary_module.glossary().get(word) is not None:
            out.append(word)
            continue
        clause = []
        for w in reversed(out):
            if w and w[-1] in _CLAUSE_END:
                break
            clause.append(w)
        after = words[i + 1] if i + 1 < len(words) else ""
        before_tag = (_dictionary_tag(out[-1]) or "") if out else ""
        condition = any(w in CONDITIONALS for w in clause) or \
            (after[:1] in ("，", ",") and before_tag[:1] not in ("n", "r") and bool(clause))
        out.extend([word] if condition else ["的", "话"])
    return out


def _reduplication_apart(words: list[str]) -> list[str]:
    """A verb said twice with 一 or 了 between is three words (量 一 量, 看 了 看),
    as the PKU standard cuts it; jieba may glue the link to the second copy (量 一量)."""
    out = []
    for word in words:
        if len(word) == 2 and word[0] in "一了" and out and out[-1] == word[1]:
            out.extend(word)
        else:
            out.append(word)
    return out


def _measure_after_number(words: list[str]) -> list[str]:
    """Right after a number, a word jieba made of a measure word and a noun
    (一 本书, 三 个人, 几 件事: jieba's 本书 is "this book", 个人 "individual") is
    that measure word and the noun it counts (一 本 书), as the PKU standard cuts
    it; a word the glossary names stays whole, and so does one whose rest is not
    a noun CC-CEDICT has (一 部分)."""
    from dubao.language import cedict

    out = []
    for word in words:
        counting = bool(out) and bool(out[-1]) and all(ch in NUMERALS or ch.isdigit() for ch in out[-1])
        if counting and len(word) >= 2 and word[0] in MEASURE_WORDS and all(is_han(ch) for ch in word) \
                and glossary_module.glossary().get(word) is None and cedict.lookup(word[1:]) \
                and (_dictionary_tag(word[1:]) or "").startswith("n"):
            out.extend([word[0], word[1:]])
        else:
            out.append(word)
    return out


def _counted_nouns(words: list[str]) -> list[str]:
    """A number and measure word that CC-CEDICT lists as a word of its own is
    still two words before a noun they count: 一 起 交通事故 "one accident", 一
    家 工厂 "one factory", 一 种 方法, but 一起 去 "go together", 我们 一家."""
    out = []
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        # (a listed 一行 stays whole: before a noun it may still be "the party", 一行人)
        if len(word) >= 2 and _counting_part(word) == len(word) - 1 and word[-1] in MEASURE_WORDS - {"行"} \
                and glossary_module.glossary().get(word) is None and (_dictionary_tag(after) or "")[:1] == "n":
            out.extend([word[:-1], word[-1]])
        else:
            out.append(word)
    return out


# Degree adverbs, which jieba's dictionary glues to the adjective after them
# (很漂亮, 很快, 更好, 最大: the PKU standard cuts 很 漂亮).
DEGREE_ADVERBS = set("很太挺最更")


def _degree_adverbs_apart(words: list[str]) -> list[str]:
    """A word jieba made of a degree adverb and an adjective, which CC-CEDICT and
    the glossary do not have, is cut after the adverb; when the adjective and
    the next word make a CC-CEDICT word, they are joined (很大 方 -> 很 大方)."""
    from dubao.language import cedict

    out, i = [], 0
    while i < len(words):
        word, after = words[i], words[i + 1] if i + 1 < len(words) else ""
        if len(word) >= 2 and word[0] in DEGREE_ADVERBS and all(is_han(ch) for ch in word) \
                and glossary_module.glossary().get(word) is None and not cedict.lookup(word):
            joined = word[1:] + after
            if after and len(joined) <= 4 and all(is_han(ch) for ch in after) and cedict.lookup(joined):
                out.extend([word[0], joined])
                i += 2
                continue
            if cedict.lookup(word[1:]):
                out.extend([word[0], word[1:]])
                i += 1
                continue
        out.append(word)
        i += 1
    return out


def _dictionary_words(word: str) -> list[str]:
    """jieba's dictionary holds many phrases that are two words (价格昂贵,
    监管部门, 研究所里): a word of four or more Han characters that CC-CEDICT
    does not have, the glossary does not name, jieba does not tag as a name or
    an abbreviation (长江大桥 stays), and that is exactly two words CC-CEDICT
    has, is cut into those two, the longer first part tried first (a learner
    clicks 价格 and 昂贵, each with its own entry). Three-character words are
    left alone: most are a word and a suffix (智能化, 党支部)."""
    if len(word) < 4 or not all(is_han(ch) for ch in word) or glossary_module.glossary().get(word) is not None \
            or _dictionary_tag(word) in _KEEP_TAGS:
        return [word]
    from dubao.language import cedict

    if cedict.lookup(word):
        return [word]
    for cut in range(len(word) - 1, 0, -1):
        left, right = word[:cut], word[cut:]
        if max(len(left), len(right)) >= 2 and cedict.lookup(left) and cedict.lookup(right):
            return [left, right]
    return [word]


def _apply_splits(word: str, pairs: dict) -> list[str]:
    cuts = set()
    for joined, left in pairs.items():
        start = word.find(joined)
        while start != -1:
            cuts.update((start, start + len(left), start + len(joined)))
            start = word.find(joined, start + 1)
    cuts = sorted(c for c in cuts if 0 < c < len(word))
    bounds = [0, *cuts, len(word)]
    return [word[a:b] for a, b in zip(bounds, bounds[1:])]


# ---------------------------------------------------------------- parts of speech

def _tag_table_path(folder: Path) -> Path:
    stat = _jieba_dictionary().stat()
    return folder / f"jieba-tags-{stat.st_size}-{stat.st_mtime_ns}.sqlite"


def _build_tags(target: str) -> sqlite3.Connection:
    connection = sqlite3.connect(target, check_same_thread=False)
    connection.execute("CREATE TABLE tag (word TEXT PRIMARY KEY, tag TEXT) WITHOUT ROWID")
    with open(_jieba_dictionary(), encoding="utf-8") as handle:
        rows = {}
        for line in handle:
            parts = line.split()
            if len(parts) == 3:
                rows[parts[0]] = parts[2]
    connection.executemany("INSERT INTO tag VALUES (?, ?)", rows.items())
    connection.commit()
    return connection


def _tags() -> sqlite3.Connection:
    with _lock:
        if "tags" not in _state:
            folder = paths.writable_cache_dir()
            if folder is None:
                _state["tags"] = _build_tags(":memory:")
            else:
                target = _tag_table_path(folder)
                if not target.exists():
                    partial = target.with_name(f"{target.name}.{os.getpid()}.part")
                    _build_tags(str(partial)).close()
                    os.replace(partial, target)
                _state["tags"] = sqlite3.connect(f"file:{target}?mode=ro", uri=True, check_same_thread=False)
        return _state["tags"]


def part_of_speech(word: str, glossary=None) -> str | None:
    """jieba's (ICTCLAS) tag for a word, e.g. 'v', 'n', 'nr' (person), or None."""
    entry = (glossary or glossary_module.glossary()).get(word)
    if entry is not None:
        return KIND_TAGS.get(entry.kind)
    return _dictionary_tag(word)


@lru_cache(maxsize=65536)
def _dictionary_tag(word: str) -> str | None:
    try:
        row = _tags().execute("SELECT tag FROM tag WHERE word = ?", (word,)).fetchone()
    except UnicodeEncodeError:  # a lone surrogate (pasted from a broken file) is no dictionary word
        return None
    return row[0] if row else None
