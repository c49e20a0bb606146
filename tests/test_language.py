"""Tests of the language engine (dubao.language, dubao.language.cedict, dubao.language.hsk): exact
segmentation and pinyin on the page's own sentences, glosses, levels, the
difficulty profile, bad input, malformed data files, the CLI and the gold lists."""

import json
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from dubao.cli.bench import engine as bench
from dubao.language import cedict, hsk
from dubao.errors import CorpusError
from dubao.language import annotate, difficulty
from dubao.language import glossary as glossary_module
from dubao.language import han, segment


def words(text, **options):
    return [(t.text, t.pinyin) for t in annotate(text, **options)]


# ------------------------------------------------------------- segmentation + pinyin

def test_particle_de_stands_alone_and_is_neutral():
    assert words("村民李大姐无奈地说") == [
        ("村民", "cūn mín"), ("李大姐", "lǐ dà jiě"), ("无奈", "wú nài"), ("地", "de"), ("说", "shuō")]


def test_di_is_place_after_deng():
    assert words("卖到云南的昆明、红河、曲靖、玉溪等地")[-2:] == [("等", "děng"), ("地", "dì")]


def test_hang_and_xing_in_context():
    assert ("行情", "háng qíng") in words("而且行情很好")
    assert words("念民之所忧，行民之所盼") == [
        ("念", "niàn"), ("民", "mín"), ("之", "zhī"), ("所", "suǒ"), ("忧", "yōu"), ("，", ""),
        ("行", "xíng"), ("民", "mín"), ("之", "zhī"), ("所", "suǒ"), ("盼", "pàn")]


def test_wei_for_and_wei_as():
    assert ("为", "wèi") in words("交相辉映，为新质生产力注入磅礴动能。")
    assert ("为", "wéi") in words("以习近平同志为核心的党中央")
    assert ("为", "wéi") in words("把科技创新这个“关键变量”转化为高质量发展的“最大增量”")


def test_function_words_from_the_page():
    assert ("少", "shǎo") in words("现在村里矛盾少了")
    assert ("只", "zhī") in words("每只鸡出栏时产生的含稻壳鸡粪约2.5公斤")
    assert ("当", "dàng") in words("第一年我们把住户当客人")
    assert ("得", "de") in words("创新的根基打得更牢")


def test_names_and_terms_stay_whole():
    assert [t.text for t in annotate("翰凯斯Beastie（轻型电动车）项目负责人杨道乾介绍")][:2] == ["翰凯斯", "Beastie"]
    assert "杨道乾" in [t.text for t in annotate("项目负责人杨道乾介绍")]
    assert words("从“贵阳制造”迈向“全球通用”")[-2] == ("全球通用", "quán qiú tōng yòng")
    assert [t.text for t in annotate("将载着硬核技术与创新底气")] == ["将", "载", "着", "硬核", "技术", "与", "创新", "底气"]


def test_numbers_and_measure_words_apart():
    assert [t.text for t in annotate("肉鸡产能突破3000万羽")] == ["肉鸡", "产能", "突破", "3000", "万", "羽"]


def test_neutral_tone_and_u_umlaut():
    assert words("绿色") == [("绿色", "lǜ sè")]
    assert words("朋友") == [("朋友", "péng you")]


def test_citation_tones_by_default_and_sandhi_on_request():
    assert words("一定不是") == [("一定", "yī dìng"), ("不是", "bù shì")]
    assert words("一定不是", sandhi=True) == [("一定", "yí dìng"), ("不是", "bú shì")]
    assert words("第一年，一起", sandhi=True) == [("第一年", "dì yī nián"), ("，", ""), ("一起", "yì qǐ")]
    assert words("统一", sandhi=True) == [("统一", "tǒng yī")]


def test_override_applies_only_in_its_context():
    # 地方 dì fang "place" is overridden only in the villager's sentence (liuli.p3.s2)
    assert ("地方", "dì fang") in words("好多地方都不好走")
    assert ("地方", "dì fāng") in words("地方政府加大投入")


# ------------------------------------------------------------- glosses, levels, flags

def test_glossary_sense_comes_first():
    token = next(t for t in annotate("出栏2440万羽") if t.text == "出栏")
    assert token.gloss == "(of livestock) sent to market"
    assert token.senses[0] == "(of livestock) sent to market"
    assert token.is_term and token.kind == "term"
    token = annotate("新质生产力")[0]
    assert (token.gloss, token.pinyin, token.tones) == ("new quality productive forces", "xīn zhì shēng chǎn lì",
                                                        (1, 4, 1, 3, 4))


def test_dictionary_senses_follow_the_reading_in_context():
    token = next(t for t in annotate("而且行情很好") if t.text == "行情")
    assert token.senses[0] == "market price"
    hang = [t for t in annotate("行民之所盼") if t.text == "行"][0]
    assert hang.senses[0] == "to walk"  # xíng entries first, not háng "row"


def test_levels_names_numbers_and_traditional():
    tokens = {t.text: t for t in annotate("2024年7月，刘丽带领村民发展旅游产业。")}
    assert tokens["发展"].hsk == hsk.word_level("发展") == 3
    assert tokens["刘丽"].is_name and tokens["刘丽"].kind == "person"
    assert tokens["2024"].is_number and tokens["2024"].pinyin == ""
    assert tokens["发展"].traditional == "發展"
    assert tokens["旅游"].hsk_chars == (hsk.char_level("旅"), hsk.char_level("游"))


def test_token_to_dict_is_json():
    data = [t.to_dict() for t in annotate("清镇鸡粪“出山”")]
    text = json.dumps(data, ensure_ascii=False)
    assert json.loads(text)[1]["gloss"] == "chicken manure"


def test_cedict_keeps_every_entry():
    assert [e.pinyin for e in cedict.lookup("行")][:2] == ["háng", "xíng"]
    assert cedict.lookup("") == []


# ------------------------------------------------------------- difficulty

def test_difficulty_leaves_out_names_and_numbers():
    with_names = difficulty("刘丽说，2024年村里的游客很多。")
    without = difficulty("她说，年村里的游客很多。")
    assert with_names.tokens == without.tokens - 1  # 刘丽 and 2024 left out; 她 counted
    assert abs(sum(with_names.token_share.values()) - 1) < 1e-9


def test_difficulty_level_for_95():
    # 20 level-1 characters and one 7–9 character (粪): 20/21 = 95.2% known at level 1.
    profile = difficulty("我们是朋友。" * 4 + "粪")
    assert (profile.characters, profile.level_for_95) == (21, 1)
    # Two more: 20/22 = 90.9% at level 1, all known at the 7–9 band.
    assert difficulty("我们是朋友。" * 4 + "粪粪粪").level_for_95 == 7
    # 钍 is on no list: 95% is never reached.
    assert difficulty("我们是朋友。钍钍").level_for_95 is None
    assert difficulty("").level_for_95 is None


# ------------------------------------------------------------- bad input

@pytest.mark.parametrize("text", [
    "", "   ", "hello, world", "2025", "😀👍🏽", "這是繁體中文。臺灣", "𠀀𪚥𰻞", "G60科创走廊 and RoboBus 无人小巴",
    "\n\n第一段\r\n第二段\t", "鸡" * 20000, "“”‘’（）……——", "\ufeff村民\u200b说",
])
def test_any_text_gives_tokens(text):
    tokens = annotate(text)
    assert "".join(t.text for t in tokens) == text
    for t in tokens:
        han = [ch for ch in t.text if bench_han(ch)]
        assert len(t.pinyin.split()) == len(han)


def bench_han(ch):
    from dubao.language.han import is_han

    return is_han(ch)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.one_of(st.characters(), st.sampled_from(list("的地得了着行为一不长重鸡粪出栏"))),
               max_size=60))
def test_join_invariant_on_any_text(text):
    tokens = annotate(text)
    assert "".join(t.text for t in tokens) == text
    assert all(t.start == sum(len(x.text) for x in tokens[:i]) for i, t in enumerate(tokens))


def test_annotate_rejects_non_text():
    with pytest.raises(TypeError):
        annotate(None)


# ------------------------------------------------------------- data files

def test_malformed_glossary_names_file_and_line(corpus_copy):
    path = corpus_copy / "glossary.yaml"
    path.write_text("entries:\n  - word: 鸡粪\n    pinyin: ji1 fen4\n    gloss: x\n    kind: term\n",
                    encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        annotate("鸡粪")
    assert "glossary.yaml:3: 鸡粪: 'ji1' is not a tone-marked pinyin syllable" in str(error.value)


def test_glossary_syllable_count_checked(corpus_copy):
    path = corpus_copy / "glossary.yaml"
    path.write_text("entries:\n  - word: 鸡粪\n    pinyin: jī\n    gloss: x\n    kind: thing\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        glossary_module.glossary()
    message = str(error.value)
    assert "glossary.yaml:5: 鸡粪: unknown kind 'thing'" in message
    assert "glossary.yaml:3: 鸡粪: 1 pinyin syllables for 2 Chinese characters" in message


def test_broken_yaml_in_overrides_names_line(corpus_copy):
    (corpus_copy / "pinyin-overrides.yaml").write_text("- word: 少\n  pinyin: [shǎo\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        annotate("少")
    assert "pinyin-overrides.yaml:" in str(error.value)


def test_override_context_must_hold_the_word(corpus_copy):
    (corpus_copy / "pinyin-overrides.yaml").write_text(
        "- word: 少\n  pinyin: shǎo\n  context: 多多\n  reason: test\n", encoding="utf-8")
    with pytest.raises(CorpusError) as error:
        glossary_module.overrides()
    assert "pinyin-overrides.yaml:3: 少: context '多多' does not contain the word" in str(error.value)


def test_every_glossary_word_is_on_the_page_and_cited_ids_exist():
    from dubao import corpus

    page = "\n".join(text for _, text in bench.page_units())
    entries = glossary_module.glossary().entries
    assert len(entries) > 100
    for entry in entries:
        assert entry.word in page, entry.word
        for sid in entry.sentences:
            assert entry.word in corpus.sentence(sid).text, (entry.word, sid)


def test_jieba_cache_lives_in_the_cache_folder():
    from dubao import paths

    tokenizer = segment.tokenizer()
    cache = Path(tokenizer.cache_file)
    assert cache.parent == paths.writable_cache_dir() and cache.exists()
    assert not str(cache).startswith(str(paths.COURSE_DIR))


# ------------------------------------------------------------- gold lists

def test_pinyin_gold_list_passes_completely():
    checks, failures = bench.check_pinyin_gold()
    assert checks > 1000
    assert failures == []


def test_segmentation_gold_list_passes_completely():
    checks, failures = bench.check_segmentation_gold()
    assert checks > 70
    assert failures == []


def test_gold_checks_can_fail(tmp_path):
    (tmp_path / "pinyin.yaml").write_text(
        "- word: 行情\n  pinyin: xíng qíng\n  at:\n    - qingzhen.p5.s2 而且[行情]很好\n", encoding="utf-8")
    assert bench.check_pinyin_gold(tmp_path / "pinyin.yaml") == (
        1, ["qingzhen.p5.s2 而且[行情]很好: expected xíng qíng, got háng qíng"])
    (tmp_path / "segmentation.yaml").write_text(
        "- {sentence: liuli.p3.s2, words: 无奈地 说}\n", encoding="utf-8")
    assert bench.check_segmentation_gold(tmp_path / "segmentation.yaml") == (
        1, ["liuli.p3.s2: expected 无奈地 说, got 无奈 地 说"])


# ------------------------------------------------------------- command line

def test_cli_annotate_json_from_stdin():
    result = run_cli("annotate", "-", "--json", input="每只鸡")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [(t["text"], t["pinyin"]) for t in data] == [("每", "měi"), ("只", "zhī"), ("鸡", "jī")]


def test_cli_annotate_article_lines():
    result = run_cli("annotate", "--article", "brief")
    assert result.returncode == 0, result.stderr
    assert "王增\twáng zēng\t\tWang Zeng\tname,term" in result.stdout.splitlines()


def test_cli_annotate_unknown_article_is_one_line():
    result = run_cli("annotate", "--article", "nope")
    assert result.returncode == 1
    assert result.stderr.strip().splitlines() == [
        "error: no article 'nope'; the corpus has: xinhua, brief, hankaisi, reporter-note, qingzhen, liuli"]


def test_cli_annotate_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("村民\n".encode() + b"\xff\xfe")
    result = run_cli("annotate", str(bad))
    assert result.returncode == 1
    assert result.stderr.strip() == f"error: {bad}:2: not valid UTF-8 (save the file as UTF-8)"


def test_cli_bench_segmentation():
    result = run_cli("bench", "--only", "segmentation on this page")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3. segmentation on this page (tests/gold/segmentation.yaml): 100.00%" in result.stdout


def test_a_word_the_dictionary_lacks_is_glossed_from_its_parts():
    [token] = annotate("新质化")
    assert token.gloss == "新 new + 质 character + 化 to make into"
    assert token.senses[0].startswith("新: new")
    # parts are read as here, and surname senses are not meanings: 元 in 万元 is the currency
    # (a number and its measure word are two words; each is glossed as a part would be)
    assert [(t.text, t.gloss) for t in annotate("万元")] == [("万", "ten thousand"),
                                                         ("元", "currency unit (esp. Chinese yuan)")]
    [bank] = annotate("黄河口")
    assert bank.gloss == "黄河 Yellow River or Huang He + 口 mouth"


def test_the_gloss_is_a_meaning_not_a_variant_note():
    # CC-CEDICT lists 以 first as "old variant of 以"; the gloss skips such notes
    assert annotate("以")[0].gloss == "to use"
    assert any(s.startswith("old variant") for s in annotate("以")[0].senses)


# ------------------------------------------------------------------ Han range and tones

def test_tone_of_reads_every_mark_and_the_neutral_tone():
    assert [han.tone_of(s) for s in ["xīn", "zhí", "chǎn", "lì", "de", "lǜ", "lüè", "Ǹg", "ḿ"]] == \
        [1, 2, 3, 4, 5, 4, 4, 4, 2]


def test_the_han_range_is_the_unicode_ideographs():
    """Gold from the Unicode character names (Python's unicodedata), not from the
    ranges: every named CJK ideograph is Han, and every named Han character is an
    ideograph or 〇. Code points Python's Unicode does not name yet are skipped."""
    checked = 0
    for code in range(0x3000, 0x32400):
        name = unicodedata.name(chr(code), "")
        if not name:
            continue
        ideograph = name.startswith(("CJK UNIFIED IDEOGRAPH", "CJK COMPATIBILITY IDEOGRAPH")) or code == 0x3007
        assert han.is_han(chr(code)) == ideograph, (hex(code), name)
        checked += 1
    assert checked > 90_000
    assert [han.is_han(ch) for ch in "中㐀𠀀﨑〇。，a한ア⺀"] == [True] * 5 + [False] * 6
    assert han.count_han("二〇二五年，GDP增长5%") == 7


def test_the_readings_and_the_reader_agree_on_the_han_range():
    """A rare extension-B character gets a syllable from the engine, so the Reader,
    which puts one syllable over each Han character, stays in step."""
    token = annotate("𠀀中")
    assert sum(len(t.pinyin.split()) for t in token) == 2
