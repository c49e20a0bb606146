"""Per-article vocabulary lists (``dubao.vocab`` and ``python -m dubao vocab``),
checked against the page itself: counts, first sentences and readings below were
read off the qingzhen piece (清镇鸡粪"出山") sentence by sentence."""

import json

import pytest

import dubao
from dubao import corpus
from dubao.content.vocabulary import VocabWord, problems
from tests.conftest import run_cli

QINGZHEN_KEY_WORDS = ["鸡粪", "肉鸡", "养殖", "出栏", "产能", "产值", "有机肥", "土壤", "经纪人", "收益",
                      "利润", "后顾之忧", "香饽饽", "循环", "环保", "屠宰", "深加工"]


@pytest.fixture(scope="module")
def qingzhen():
    return {w.word: w for w in dubao.vocab("qingzhen")}


def test_curated_words_come_first_in_the_teachers_order():
    words = dubao.vocab("qingzhen")
    assert [w.word for w in words[:len(QINGZHEN_KEY_WORDS)]] == QINGZHEN_KEY_WORDS
    assert all(w.curated for w in words[:len(QINGZHEN_KEY_WORDS)])
    assert not any(w.curated for w in words[len(QINGZHEN_KEY_WORDS):])
    assert len(words) > len(QINGZHEN_KEY_WORDS)  # the found words follow


@pytest.mark.parametrize("word, pinyin, gloss, level, frequency, example", [
    # 鸡粪: p1.s2, p1.s3, p2.s1, p4.s1, p4.s4 卖鸡粪, p5.s2 (three times), p8.s1, p8.s2, p9.s1
    ("鸡粪", "jī fèn", "chicken manure", None, 11, "qingzhen.p1.s2"),
    # 出栏: p7.s2 出栏2440万羽, p7.s3 出栏2700万羽, p8.s1 3个多月出栏 and 每只鸡出栏时 (出栏量 is its own word)
    ("出栏", "chū lán", "(of livestock) sent to market", None, 4, "qingzhen.p7.s2"),
    # 后顾之忧: p4.s3 粪污处理的后顾之忧, p11.s1 解决了后顾之忧
    ("后顾之忧", "hòu gù zhī yōu", "worries about what comes after", 7, 2, "qingzhen.p4.s3"),
    # 经纪人: p2.s1 “经纪人”, p5.s2 “鸡粪经纪人” and “经纪人”有不少
    ("经纪人", "jīng jì rén", "broker; middleman", None, 3, "qingzhen.p2.s1"),
    # 香饽饽: p2.s1 only; 饽饽 has a neutral second syllable
    ("香饽饽", "xiāng bō bo", "something everyone wants", None, 1, "qingzhen.p2.s1"),
    # 深加工: p10.s2 屠宰、深加工, p11.s2 屠宰及深加工项目
    ("深加工", "shēn jiā gōng", "further processing (of a product)", None, 2, "qingzhen.p10.s2"),
    # found above HSK 4, not curated: 花卉 p1.s1, p1.s3 花卉种植者, p2.s1 花卉种植区
    ("花卉", "huā huì", "flowers and plants", 7, 3, "qingzhen.p1.s1"),
    # 稻壳: p1.s2 稻壳垫料, p8.s1 含稻壳鸡粪
    ("稻壳", "dào ké", "rice husk", None, 2, "qingzhen.p1.s2"),
])
def test_each_word_has_pinyin_gloss_level_frequency_and_example(qingzhen, word, pinyin, gloss, level,
                                                                 frequency, example):
    found = qingzhen[word]
    assert (found.pinyin, found.gloss, found.level, found.frequency, found.example) == \
        (pinyin, gloss, level, frequency, example)
    assert word in corpus.sentence(example).text
    assert found.article == "qingzhen"


def test_every_word_is_on_the_page_where_its_example_says(qingzhen):
    sentences = corpus.article("qingzhen").sentences
    for word in qingzhen.values():
        on_page = sum(s.text.count(word.word) for s in sentences)
        # a word inside a longer word (养殖 in 养殖户) is not counted as the word
        assert 1 <= word.frequency <= on_page, word
        assert word.word in corpus.sentence(word.example).text, word
        assert len(word.pinyin.split()) == len(word.word), word


def test_found_words_are_above_the_level_and_most_frequent_first():
    for level in (4, 6):
        found = [w for w in dubao.vocab("qingzhen", level=level) if not w.curated]
        assert found, level
        assert all(w.level is None or w.level > level for w in found), level
        counts = [w.frequency for w in found]
        assert counts == sorted(counts, reverse=True)
    at_4 = {w.word for w in dubao.vocab("qingzhen", level=4)}
    at_6 = {w.word for w in dubao.vocab("qingzhen", level=6)}
    assert at_6 < at_4
    # 产业 (HSK 5) is above level 4 but not above level 6; 花卉 (HSK 7–9) is above both
    assert "产业" in at_4 and "产业" not in at_6
    assert "花卉" in at_4 and "花卉" in at_6
    # level None lists every study word, including easy ones such as 价格 (HSK 4, p5.s2)
    every = {w.word: w for w in dubao.vocab("qingzhen", level=None)}
    assert every["价格"].level == 4 and "价格" not in at_4


def test_curated_only():
    words = dubao.vocab("qingzhen", include_found=False)
    assert [w.word for w in words] == QINGZHEN_KEY_WORDS


def test_names_and_function_words_are_left_out():
    every = {w.word for w in dubao.vocab("qingzhen", level=None)}
    # people and places of the piece (p4.s4, p5.s2, p8.s2, p1.s2)
    for name in ["陈丹", "张正富", "周时均", "清镇", "云南", "昆明", "曲靖", "玉溪", "红河", "梨堡镇"]:
        assert name not in every, name
    # particles, prepositions, conjunctions, pronouns, numbers and measure words
    for word in ["的", "了", "着", "而", "对于", "尽管", "而且", "他们", "这", "万元", "公斤", "2024"]:
        assert word not in every, word
    brief = {w.word for w in dubao.vocab("brief", level=None)}
    for name in ["王增", "韩炜", "刘浩", "吴熙", "杨志荣", "李昂", "贵安新区"]:
        assert name not in brief, name
    assert {"党工委", "管委会", "主持"} <= brief


def test_a_curated_name_or_function_word_is_kept(corpus_copy):
    path = corpus_copy / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    assert "    - 深加工\n" in text
    path.write_text(text.replace("    - 深加工\n", "    - 深加工\n    - 陈丹\n    - 对于\n"), encoding="utf-8")
    words = {w.word: w for w in dubao.vocab("qingzhen")}
    assert words["陈丹"].curated and words["对于"].curated
    # 陈丹笑着说 (p4.s4); 对于追求高品质 (p1.s3) and 对于云南的种植户 (p5.s1)
    assert (words["陈丹"].pinyin, words["陈丹"].frequency, words["陈丹"].example) == \
        ("chén dān", 1, "qingzhen.p4.s4")
    assert (words["对于"].pinyin, words["对于"].frequency, words["对于"].example) == \
        ("duì yú", 2, "qingzhen.p1.s3")


def test_an_edited_glossary_is_read_again(corpus_copy):
    assert dubao.vocab("qingzhen")[0].gloss == "chicken manure"
    path = corpus_copy / "glossary.yaml"
    text = path.read_text(encoding="utf-8")
    assert text.count("gloss: chicken manure\n") == 1
    path.write_text(text.replace("gloss: chicken manure\n", "gloss: chicken droppings\n"), encoding="utf-8")
    assert dubao.vocab("qingzhen")[0].gloss == "chicken droppings"


def test_a_curated_word_missing_from_its_article_is_a_problem(corpus_copy):
    path = corpus_copy / "vocabulary.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("    - 鸡粪\n", "    - 鸭粪\n"), encoding="utf-8")
    found = [str(p) for p in problems()]
    assert len(found) == 1
    assert "vocabulary.yaml:" in found[0] and "qingzhen: curated word '鸭粪' does not occur" in found[0]
    assert problems.__module__ == "dubao.content.vocabulary"


def test_an_unknown_article_is_not_found():
    with pytest.raises(corpus.NotFound, match="no article 'nosuch'"):
        dubao.vocab("nosuch")


# ------------------------------------------------------------------ the command

def test_cli_json_is_the_same_list():
    result = run_cli("vocab", "qingzhen", "--json")
    assert result.returncode == 0, result.stderr
    printed = json.loads(result.stdout)
    assert printed == [w.to_dict() for w in dubao.vocab("qingzhen")]
    assert set(printed[0]) >= {"word", "pinyin", "gloss", "level", "frequency", "example", "curated"}
    assert printed[0] == {**printed[0], "word": "鸡粪", "pinyin": "jī fèn", "curated": True,
                          "example": "qingzhen.p1.s2", "frequency": 11, "level": None}
    assert VocabWord(**{**printed[0], "senses": tuple(printed[0]["senses"])}) == dubao.vocab("qingzhen")[0]


def test_cli_table_and_options():
    result = run_cli("vocab", "brief", "--curated-only")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line.split("\t")[0] for line in lines] == ["* 主持", "* 召开", "* 会议", "* 讲话", "* 参加", "* 领导"]
    # the whole brief is one sentence: 王增主持召开贵安新区党工委会议并讲话
    gloss = dubao.vocab("brief")[0].gloss
    assert gloss and lines[0] == f"* 主持\tzhǔ chí\tHSK 5\t×1\tbrief.p1.s1\t{gloss}"


@pytest.mark.parametrize("args, message", [
    (["nosuch"], "error: no article 'nosuch'; the corpus has: xinhua, brief, hankaisi, reporter-note, "
                 "qingzhen, liuli"),
    (["qingzhen", "--level", "9"], "error: --level 9: HSK levels are 1 to 6, and 7 for the 7–9 band"),
])
def test_cli_bad_input_is_one_clear_line(args, message):
    result = run_cli("vocab", *args, "--json")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.strip() == message
    assert "Traceback" not in result.stderr
