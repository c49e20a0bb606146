"""Number drafts (dubao.content.number_drafts) and the one unit and qualifier
table (dubao.content.units). The sentences are written for these tests; what
each number is (amount, date or not-figure) was decided by reading them before
the drafter was asked."""

import pytest

from dubao.content import number_drafts, units


def drafted(sentence):
    return [(d.what, d.written, d.value, d.unit, d.qualifier, d.kind) for d in number_drafts.draft(sentence)]


@pytest.mark.parametrize("sentence, expected", [
    # Chinese numerals: a year written digit by digit (with ○ for zero), 三千万
    ("二○○一年，全市常住人口达到三千万人。", [
        ("not-figure", "二○○一年", None, "", None, "actual"),
        ("amount", "三千万", 3000, "万人", None, "actual")]),
    ("二〇一九年，新馆建成。", [("date", "二〇一九年", "2019", "date", None, "actual")]),
    ("收入增长百分之十五。", [("amount", "百分之十五", 15, "%", None, "actual")]),
    # 万/亿 after the number, with the qualifier before or after them
    ("建成3.5万多家工厂，营收逾557.4亿元。", [
        ("amount", "3.5", 3.5, "万家", "多", "actual"),
        ("amount", "557.4", 557.4, "亿元", "逾", "actual")]),
    ("每户增收10万元左右。", [("amount", "10", 10, "万元", "左右", "actual")]),
    ("能够支持数千个业务。", [("amount", "数千", 1000, "个", "数", "actual")]),
    # a range: two bounds with one unit
    ("计划用3至5年建成。", [
        ("amount", "3", 3, "年", None, "target"), ("amount", "5", 5, "年", None, "target")]),
    # an upper bound: a deadline
    ("同意自即日起2年内开展试点。", [("amount", "2", 2, "年", "内", "target")]),
    # estimate and target from the sentence
    ("产能预计达3600万羽，产值将逾2000万元。", [
        ("amount", "3600", 3600, "万羽", "预计", "estimate"),
        ("amount", "2000", 2000, "万元", "逾", "estimate")]),
    ("力争达到6000万羽。", [("amount", "6000", 6000, "万羽", "力争", "target")]),
    # ranks
    ("产值稳居全省第一。", [("amount", "第一", 1, "位", None, "rank")]),
    ("排名由2020年的42位上升至36位。", [
        ("not-figure", "2020年", None, "", None, "actual"),
        ("amount", "42", 42, "位", None, "rank"), ("amount", "36", 36, "位", None, "rank")]),
    # dates as far as the text gives them
    ("12月18日，新港将正式启动。", [("date", "12月18日", "--12-18", "date", None, "target")]),
    ("2024年7月，合作社成立。", [("date", "2024年7月", "2024-07", "date", None, "actual")]),
    ("2025，创新浪潮奔涌不息。", [("date", "2025", "2025", "date", None, "actual")]),
    # not figures
    ("进入21世纪以来，第三次会议在5G网络上举行。", [
        ("not-figure", "21", None, "", None, "actual"), ("not-figure", "三", None, "", None, "actual"),
        ("not-figure", "5", None, "", None, "actual")]),
    ("展望“十五五”，一些人统一思想，推进一带一路。", [("not-figure", "十五五", None, "", None, "actual")]),
    ("附图片1张", [("not-figure", "1", None, "", None, "actual")]),
    ("近五年来价格稳定，6月中旬游客多。", [
        ("not-figure", "五", None, "", None, "actual"), ("not-figure", "6月中旬", None, "", None, "actual")]),
])
def test_numbers_are_drafted_as_the_page_data_would_record_them(sentence, expected):
    assert drafted(sentence) == expected


def test_not_figures_say_why():
    reasons = {d.written: d.reason for d in number_drafts.draft("进入21世纪，第三次会议在5G网络上举行，附图片1张")}
    assert reasons == {"21": "a century (21世纪), a period and not an amount",
                       "三": "an ordinal (第三次), not an amount",
                       "5": "part of a name or term (5G), not an amount",
                       "1": "a photo note (附图片1张), not part of the news"}


def test_words_with_a_numeral_character_are_not_numbers():
    for sentence in ("一些人统一了思想。", "这个产品十分畅销。", "他是唯一的一个人。", "长三角一体化发展。"):
        assert number_drafts.draft(sentence) == [], sentence


def test_chinese_values_come_from_cn2an_with_the_news_zero():
    assert [number_drafts.chinese_value(t) for t in ("二○○一", "二〇〇一", "三千万", "五十七点四", "十四五")] == [
        2001, 2001, 30000000, 57.4, None]


# ------------------------------------------------------------- the one table

def test_one_rule_for_time_clock_time_in_hours_calendar_time_in_months():
    assert units.to_base(699, "天") == (16776, "小时")
    assert units.to_base(90, "分钟") == (1.5, "小时")
    assert units.to_base(3, "年") == (36, "个月")
    assert units.base_of("万天") is None  # 万 does not go with time
    assert units.to_base(72, "TB") == (72 * 10 ** 12, "B")
    assert units.to_base(2.5, "万项") == (25000, "项")


def test_every_qualifier_has_a_meaning_a_bound_and_a_position():
    bounds = {"lower", "upper", "approximate", "vague", "estimate", "target"}
    assert {q.bound for q in units.QUALIFIERS.values()} == bounds
    assert all(q.position in ("before", "after") and q.meaning for q in units.QUALIFIERS.values())
    assert {w: units.qualifier(w).bound for w in ("逾", "多", "余", "超", "近", "约", "左右", "以上", "突破", "内")} == {
        "逾": "lower", "多": "lower", "余": "lower", "超": "lower", "近": "upper", "约": "approximate",
        "左右": "approximate", "以上": "lower", "突破": "lower", "内": "upper"}
    assert units.qualifiers_after().index("以内") < units.qualifiers_after().index("内")


def test_the_engine_has_one_unit_table():
    """figures, the chart checker and new-article read dubao.content.units; no copy remains."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent / "dubao"
    sources = {p: p.read_text(encoding="utf-8") for p in root.rglob("*.py") if p.name != "units.py"}
    assert sources
    for path, text in sources.items():
        for copy in ('"逾": "more than"', '"天": ("小时", 24)', 'QUALIFIERS_BEFORE = (', 'NO_MULTIPLIER = {'):
            assert copy not in text, (path, copy)
