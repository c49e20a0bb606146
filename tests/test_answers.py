"""Tests for dubao.practice.answers, the normalisers and graders every quiz uses: exact
examples with real answers from the page (新质生产力, 557.4亿元, 逾5000万公斤),
and property-based tests (hypothesis) that the normalisers never raise, are
stable, and treat equivalent ways of writing an answer as equal."""

import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypinyin.contrib.tone_convert import to_tone

from dubao.practice import answers
from dubao.practice.answers import (Amount, Result, compare_number, compare_pinyin, match_rubric, normalize_pinyin,
                           normalize_text, parse_number)

PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# ============================================================== pinyin examples

XINZHI = "xīn zhì shēng chǎn lì"  # 新质生产力, xinhua.p1.s1


@pytest.mark.parametrize("typed", [
    "xin1 zhi4 sheng1 chan3 li4",
    "xin1zhi4sheng1chan3li4",
    "xīnzhì shēngchǎnlì",
    "XĪN ZHÌ SHĒNG CHǍN LÌ",
    "Xin1 Zhi4 Sheng1 Chan3 Li4",
    "ｘｉｎ１ ｚｈｉ４ ｓｈｅｎｇ１ ｃｈａｎ３ ｌｉ４",
    "  xin1   zhi4 sheng1 chan3 li4  ",
    "xin 1 zhi 4 sheng 1 chan 3 li 4",
])
def test_equivalent_ways_of_typing_xinzhi_shengchanli_are_right(typed):
    result = compare_pinyin(typed, XINZHI)
    assert (result.status, result.message) == ("correct", "Right! xīn zhì shēng chǎn lì")
    assert result.correct


def test_a_wrong_tone_names_the_syllable_and_both_tones():
    result = compare_pinyin("xin1 zhi2", "xīn zhì")
    assert result.status == "wrong"
    assert result.message == "xīn zhí: second syllable has tone 2, should be tone 4 (zhì)."
    assert [s["problem"] for s in result.details["syllables"]] == ["right", "tone"]


def test_a_wrong_syllable_is_not_called_a_tone_mistake():
    result = compare_pinyin("xin1 zi4 sheng1 chan3 li4", XINZHI)
    assert result.message == "xīn zì shēng chǎn lì: second syllable is zi, should be zhì."
    assert result.details["syllables"][1]["problem"] == "syllable"


def test_a_missing_tone_is_tone_missing_not_a_wrong_syllable():
    result = compare_pinyin("xin zhi4", "xīn zhì")
    assert result.status == "wrong"
    assert result.message == ("xin zhì: first syllable has no tone mark or number (tone missing), "
                              "should be tone 1 (xīn).")
    assert result.details["syllables"][0]["problem"] == "tone missing"


def test_no_tones_at_all_says_so_once():
    result = compare_pinyin("xinzhishengchanli", XINZHI)
    assert result.message == ("xin zhi sheng chan li: the syllables are right, but no tones are written. "
                              "Add tone marks (xīn) or numbers (xin1).")


def test_neutral_tone_may_be_5_0_or_nothing():
    # 的 de (neutral), as in 新质生产力的 …
    for typed in ("de", "de5", "de0", "DE"):
        assert compare_pinyin(typed, "de").correct, typed
    assert compare_pinyin("de4", "de").message == "dè: first syllable has tone 4, should be the neutral tone (de)."


@pytest.mark.parametrize("typed", ["lv4", "lu:4", "lǜ", "LV4", "lü4", "ｌｖ４"])
def test_u_umlaut_by_v_or_u_colon(typed):
    # 绿 lǜ: v and u: are the usual ways to type ü
    assert compare_pinyin(typed, "lǜ").correct


def test_lu_without_umlaut_is_another_syllable():
    assert compare_pinyin("lu4", "lǜ").message == "lù: first syllable is lu, should be lǜ."


def test_syllables_are_cut_to_match_the_expected_count():
    # 西安 xī'ān written without the apostrophe: read as two syllables, not as xiān
    result = compare_pinyin("xian1", "xī'ān")
    assert result.details["given"] == ["xi", "an1"]
    assert result.message == "xi ān: first syllable has no tone mark or number (tone missing), should be tone 1 (xī)."
    assert compare_pinyin("xi1an1", "xī'ān").correct
    assert compare_pinyin("xīān", "xī'ān").correct
    # 先 xiān is one syllable: two typed syllables are counted, not forced together
    assert compare_pinyin("xi1 an1", "xiān").message == "xī ān: you wrote 2 syllables, the answer has 1."
    assert compare_pinyin("xian1", "xiān").correct


def test_empty_and_unreadable_pinyin_are_not_wrong():
    assert compare_pinyin("", XINZHI).status == "empty"
    assert compare_pinyin("   ", XINZHI).status == "empty"
    assert compare_pinyin(None, XINZHI).status == "empty"
    result = compare_pinyin("new quality", XINZHI)
    assert result.status == "unreadable"
    assert result.message.startswith("I could not read “new quality” as pinyin.")


def test_normalize_pinyin_canonical_form():
    assert normalize_pinyin("Xīn Zhì Shēng Chǎn Lì") == "xin1 zhi4 sheng1 chan3 li4"
    assert normalize_pinyin("xin1zhi4") == "xin1 zhi4"
    assert normalize_pinyin("Xī'ān") == "xi1 an1"
    assert normalize_pinyin("lu:4 NV3 xue2 qv4") == "lü4 nü3 xue2 qu4"
    assert normalize_pinyin("ma0 ma5 ma") == "ma5 ma5 ma"
    assert normalize_pinyin("<script>") == "< script >"  # kept, not lost


# ============================================================== number examples

def test_the_page_figure_557_4_yi_yuan_in_every_form():
    # 557.4亿元 (xinhua): 55,740,000,000 元
    for typed in ("557.4亿元", "557.4 亿元", "557.4亿", "５５７．４亿元", "55,740,000,000元", "55740000000",
                  "55.74 billion", "55.74 billion yuan", "5.574e10", "五百五十七点四亿元", "¥55,740,000,000"):
        amount = parse_number(typed)
        assert amount is not None, typed
        assert amount.value == 55_740_000_000, typed
        assert amount.unit in ("元", ""), typed
    assert parse_number("557.4亿元") == Amount(55_740_000_000.0, "元")


def test_over_50_million_kilograms_keeps_the_qualifier():
    # 逾5000万公斤 (qingzhen): "over" 50,000,000 kg
    assert parse_number("逾5000万公斤") == Amount(50_000_000.0, "公斤", "逾")
    assert parse_number("5000多万公斤") == Amount(50_000_000.0, "公斤", "多")
    assert parse_number("over 50 million kg") == Amount(50_000_000.0, "公斤", "over")
    assert parse_number("5万吨") == Amount(50_000_000.0, "公斤")


@pytest.mark.parametrize("typed, value, unit", [
    ("三千六百", 3600, ""), ("两万", 20000, ""), ("两万五", 25000, ""), ("一亿二千万", 120_000_000, ""),
    ("一千零五", 1005, ""), ("二十五", 25, ""), ("十五", 15, ""), ("3万6千", 36000, ""), ("1万亿", 1e12, ""),
    ("3.6 million", 3_600_000, ""), ("14.8%", 14.8, "%"), ("百分之十四点八", 14.8, "%"), ("14.8 percent", 14.8, "%"),
    ("2440万羽", 24_400_000, "羽"), ("2440万只", 24_400_000, "羽"), ("66户", 66, "户"), ("788间", 788, "间"),
    ("2000人次", 2000, "人次"), ("2.5公斤", 2.5, "公斤"), ("2.5 kg", 2.5, "公斤"), ("10 TB", 10 ** 13, "B"),
    # clock time in hours, calendar time in months (dubao.content.units)
    ("24小时", 24, "小时"), ("3天", 72, "小时"), ("3年", 36, "个月"), ("2年内", 24, "个月"),
    ("负五", -5, ""), ("-5", -5, ""), ("三分之一", 1 / 3, ""),
    ("10万元", 100_000, "元"),
])
def test_parse_number_reads(typed, value, unit):
    amount = parse_number(typed)
    assert amount is not None
    assert math.isclose(amount.value, value, rel_tol=1e-12)
    assert amount.unit == unit


@pytest.mark.parametrize("typed", ["", "   ", "abc", "3-5", "2440 260", "万", "一二三万四五六万七", "1.2.3", None])
def test_parse_number_refuses_what_is_not_one_number(typed):
    assert parse_number(typed) is None


def test_compare_number_in_the_questions_unit():
    # qingzhen: 2440万羽 of chickens a year
    for typed in ("2440万", "2440", "24400000", "2440万只", "两千四百四十万羽", "24,400,000羽"):
        assert compare_number(typed, 2440, "万羽", 0).status == "correct", typed
    assert compare_number("2440万", 2440, "万羽", 0).message == "Right! 2440万羽"
    wrong_unit = compare_number("2440万公斤", 2440, "万羽", 0)
    assert (wrong_unit.status, wrong_unit.message) == ("wrong", "That is in 公斤, but the question asks for 万羽.")
    off_by_wan = compare_number("2440", 2440, "亿元", 0)
    assert off_by_wan.status == "correct"  # a bare number is read in the question's unit
    size = compare_number("244万", 2440, "万羽", 0)
    assert size.status == "wrong"
    assert size.message.startswith("Not quite: the digits are right but the size is not.")


def test_compare_number_percentages_and_tolerance():
    for typed in ("55.17%", "55.17", "0.5517", "百分之五十五点一七"):
        assert compare_number(typed, 55.17, "%", 0).correct, typed
    assert compare_number("55%", 55.17, "%", 0).message == "Not quite. Look at the figure in the sentence again."
    assert compare_number("55%", 55.17, "%", 0.5).correct
    assert not compare_number("54.6%", 55.17, "%", 0.5).correct


def test_compare_number_empty_and_unreadable():
    assert compare_number("", 2440, "万羽", 0) == Result("empty", "Type an answer first.")
    unreadable = compare_number("lots of chickens", 2440, "万羽", 0)
    assert unreadable.status == "unreadable"
    assert unreadable.message == ("I could not read that as a number: “lots of chickens”. "
                                  "Write it with digits or Chinese numerals, e.g. 2440万羽.")


# ============================================================== free text

def test_normalize_text():
    assert normalize_text("  ＴＲＵＥ。 ") == "true"
    assert normalize_text("Not   Given") == "not given"
    assert normalize_text("b, a, d, c") == "b, a, d, c"
    assert normalize_text(None) == ""


SOIL = [["acid", "酸性"], ["organic", "有机"], ["soil", "土壤", "地力"], ["stable", "稳定"]]  # qingzhen.p1


def test_rubric_keywords_in_english_or_chinese():
    right = match_rubric("The SOIL was acidic and low in organic matter", SOIL, 2)
    assert right.status == "correct"
    assert right.details["matched"] == ["acid", "organic", "soil"]
    assert match_rubric("土壤酸性，有机质低", SOIL, 2).details["matched"] == ["酸性", "有机", "土壤"]
    assert match_rubric("ＳＯＩＬ ＡＣＩＤ", SOIL, 2).correct  # full-width letters
    partly = match_rubric("It was about chickens", SOIL, 2)
    assert (partly.status, partly.message) == (
        "wrong", "Your answer covers 0 of the key points; 2 are needed. Look at the evidence sentences again.")
    assert match_rubric("", SOIL, 2).status == "empty"
    # short keywords are whole words: "road" is not found inside "broad"
    assert not match_rubric("a broad plan", [["road"]], 1).correct
    assert match_rubric("new roads", [["road"]], 1).correct


def test_result_rejects_an_unknown_status():
    with pytest.raises(ValueError):
        Result("maybe")


# ============================================================== properties

@PROPERTY
@given(st.text())
def test_normalisers_never_raise_and_are_stable(text):
    once = normalize_pinyin(text)
    assert normalize_pinyin(once) == once
    plain = normalize_text(text)
    assert normalize_text(plain) == plain
    amount = parse_number(text)
    assert amount is None or math.isfinite(amount.value)
    for result in (compare_pinyin(text, XINZHI), compare_pinyin(XINZHI, text), compare_number(text, 557.4, "亿元", 0),
                   match_rubric(text, SOIL, 2)):
        assert result.status in answers.STATUSES


@PROPERTY
@given(st.text(alphabet="xinzhshegcaluv:'0123456 ̄́̌̀ǖǘǚǜüāáǎàēéěèīíǐìōóǒòūúǔùXZ１２ｘ", max_size=30))
def test_pinyin_like_text_is_stable(text):
    once = normalize_pinyin(text)
    assert normalize_pinyin(once) == once
    assert compare_pinyin(text, "xīn zhì").status in answers.STATUSES


def _syllable_with_tone():
    return st.tuples(st.sampled_from(sorted(answers.syllables())), st.integers(1, 4))


FULL_WIDTH = str.maketrans({chr(c): chr(c + 0xFEE0) for c in range(0x21, 0x7F)})


@PROPERTY
@given(st.lists(_syllable_with_tone(), min_size=1, max_size=5), st.sampled_from([" ", "'", "  "]))
def test_tone_marks_numbers_capitals_full_width_and_v_are_equal(words, separator):
    marked = " ".join(to_tone(f"{s}{t}") for s, t in words)
    forms = {
        "numbers": separator.join(f"{s}{t}" for s, t in words),
        "marks": separator.join(to_tone(f"{s}{t}") for s, t in words),
        "capitals": separator.join(f"{s}{t}" for s, t in words).upper(),
        "v for ü": separator.join(f"{s}{t}".replace("ü", "v") for s, t in words),
        "u: for ü": separator.join(f"{s}{t}".replace("ü", "u:") for s, t in words),
        "full width": separator.join(f"{s}{t}".replace("ü", "v") for s, t in words).translate(FULL_WIDTH),
    }
    canonical = " ".join(f"{s}{t}" for s, t in words)
    for name, typed in forms.items():
        assert normalize_pinyin(typed) == canonical, name
        assert compare_pinyin(typed, marked).correct, name


@PROPERTY
@given(st.lists(_syllable_with_tone(), min_size=1, max_size=4), st.data())
def test_one_wrong_tone_is_reported_as_a_tone(words, data):
    position = data.draw(st.integers(0, len(words) - 1))
    syllable, tone = words[position]
    wrong_tone = data.draw(st.sampled_from([t for t in (1, 2, 3, 4) if t != tone]))
    typed = " ".join(f"{s}{wrong_tone if i == position else t}" for i, (s, t) in enumerate(words))
    result = compare_pinyin(typed, " ".join(to_tone(f"{s}{t}") for s, t in words))
    assert result.status == "wrong"
    assert [r["problem"] for r in result.details["syllables"]] == \
        ["tone" if i == position else "right" for i in range(len(words))]
    assert f"has tone {wrong_tone}, should be tone {tone}" in result.message


def _chinese_numeral(n: int) -> str:
    """Test oracle: the standard Chinese numeral for 0 < n < 10^12 (三千六百, 五百五十七亿)."""
    digits = "零一二三四五六七八九"

    def below_10000(k: int) -> str:
        out, zero = "", False
        for size, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
            d = k // size % 10
            if d:
                out += ("零" if zero and out else "") + digits[d] + name
                zero = False
            else:
                zero = True
        return out

    parts, out, pending_zero = [(n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, "")], "", False
    for k, name in parts:
        if k:
            out += ("零" if out and (pending_zero or k < 1000) else "") + below_10000(k) + name
            pending_zero = False
        elif out:
            pending_zero = True
    return out


@PROPERTY
@given(st.integers(1, 10**11))
def test_number_forms_are_equal(n):
    forms = [str(n), f"{n:,}", str(n).translate(FULL_WIDTH), f"{n / 10**4}万", f"{n / 10**8}亿",
             f"{n / 10**8} 亿元", f"{n:e}".replace("e+", "e"), f"{n / 10**9} billion", _chinese_numeral(n)]
    for typed in forms:
        amount = parse_number(typed)
        assert amount is not None, typed
        assert math.isclose(amount.value, n, rel_tol=1e-6 if "e" in typed else 1e-12), typed


@PROPERTY
@given(st.decimals(min_value=0, max_value=100, places=2, allow_nan=False))
def test_percent_forms_are_equal(share):
    percent = float(share)
    for typed in (f"{percent}%", f"{percent}％", f"{percent} percent", f"百分之{percent}"):
        assert parse_number(typed) == Amount(percent, "%"), typed
    assert compare_number(f"{percent}%", percent, "%", 0).correct
    assert compare_number(str(percent / 100), percent, "%", 0).correct


# ============================================================== properties added for issue 9

ANY_UNICODE = st.text(st.characters(blacklist_categories=()), max_size=40)  # surrogates and controls too


@PROPERTY
@given(ANY_UNICODE)
def test_no_unicode_at_all_makes_a_grader_raise(text):
    for result in (compare_pinyin(text, XINZHI), compare_number(text, 2440, "万羽", 0), match_rubric(text, SOIL, 2)):
        assert result.status in answers.STATUSES
    assert normalize_pinyin(normalize_pinyin(text)) == normalize_pinyin(text)
    assert normalize_text(normalize_text(text)) == normalize_text(text)


WHITESPACE = st.text(st.sampled_from([" ", "\t", "\n", "\r", "\u3000", "\u00a0", "\u2003", "\x0b", "\x0c"]), max_size=8)


@PROPERTY
@given(WHITESPACE)
def test_an_empty_answer_is_a_prompt_never_a_wrong_mark(blank):
    for result in (compare_pinyin(blank, XINZHI), compare_number(blank, 2440, "万羽", 0), match_rubric(blank, SOIL, 2)):
        assert result.status == "empty"
        assert result.message


def _ways_to_cut(letters: str, count: int) -> int:
    """Test oracle: how many ways the letters split into ``count`` pinyin syllables."""
    if not letters:
        return int(count == 0)
    return sum(_ways_to_cut(letters[end:], count - 1) for end in range(1, min(6, len(letters)) + 1)
               if count and letters[:end] in answers.syllables())


@PROPERTY
@given(st.lists(_syllable_with_tone(), min_size=2, max_size=4))
def test_missing_apostrophes_are_read_as_the_expected_syllables(words):
    """xī'ān typed as xīān (or xi1an1): right whenever the letters can only be cut one
    way into that many syllables; with tone numbers the numbers mark the cuts."""
    expected = "'".join(to_tone(f"{s}{t}") for s, t in words)
    assert compare_pinyin("".join(f"{s}{t}" for s, t in words), expected).correct
    letters = "".join(s for s, _ in words)
    if _ways_to_cut(letters, len(words)) == 1:
        assert compare_pinyin("".join(to_tone(f"{s}{t}") for s, t in words), expected).correct


@PROPERTY
@given(st.integers(1, 10**6), st.sampled_from([("吨", "公斤", 1000), ("吨", "kg", 1000), ("万元", "元", 10**4),
                                               ("亿元", "元", 10**8), ("万羽", "只", 10**4), ("公里", "km", 1)]))
def test_the_same_amount_in_another_unit_is_equal(n, units):
    big, small, factor = units
    assert parse_number(f"{n}{big}").value == parse_number(f"{n * factor}{small}").value
    assert parse_number(f"{n}{big}").unit == parse_number(f"{n * factor}{small}").unit
    assert compare_number(f"{n * factor}{small}", n, big, 0).correct


@PROPERTY
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz有机酸性土壤", min_size=1, max_size=12).filter(str.strip))
def test_free_text_in_full_width_capitals_and_extra_spaces_is_equal(word):
    forms = [word, word.upper(), word.translate(FULL_WIDTH), f"  {word}  。", word.upper().translate(FULL_WIDTH) + "！"]
    assert {normalize_text(form) for form in forms} == {normalize_text(word)}


def test_grading_reads_the_one_unit_table():
    """A duration answered in another clock unit is the same amount (the table's one rule),
    and a qualifier of the table is kept, whichever side of the number it is written."""
    assert compare_number("16776小时", 699, "天").status == "correct"
    assert compare_number("699", 699, "天").status == "correct"
    assert parse_number("近5000万元").qualifier == "近"
    assert parse_number("2年以内").qualifier == "以内"
    assert parse_number("nearly 50").qualifier == "nearly"
