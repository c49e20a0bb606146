"""Tests of the figures dataset (corpus/figures.yaml, dubao.content.figures): every
figure is traced to its sentence, converted to base units by code, and every
number written on the page is either a figure or a reasoned non-figure."""

import json
import re
from decimal import Decimal

import pytest

from conftest import run_cli
from dubao import corpus, yamlio
from dubao.content import figures
from dubao.errors import NotFound

STATED = [f for f in figures.load() if not f.derived]


def test_dataset_holds_several_dozen_figures():
    assert len(STATED) >= 50
    assert {f.article for f in STATED} == {a.id for a in corpus.articles()}


@pytest.mark.parametrize("fig", STATED, ids=lambda f: f.id)
def test_quote_is_in_its_sentence_and_holds_the_number_as_written(fig):
    sentence = corpus.sentence(fig.sentence)
    assert fig.quote in sentence.text
    assert fig.written in fig.quote
    assert fig.article == sentence.article
    assert fig.kind in figures.KINDS
    if fig.qualifier and fig.qualifier != "数":
        assert fig.qualifier in sentence.text
    if fig.unit != "date":  # the digits of the value appear in what is written
        digits = re.sub(r"\.0$", "", str(fig.value))
        assert digits in fig.written or fig.written in ("第一", "数千", "数十")


def test_base_values_follow_from_value_and_unit():
    assert figures.to_base(557.4, "亿元") == (55740000000, "元")
    assert figures.to_base(3000, "万羽") == (30000000, "羽")
    assert figures.to_base(5000, "万公斤") == (50000000, "公斤")
    assert figures.to_base(2, "兆瓦") == (2000000, "瓦")
    assert figures.to_base(72, "TB") == (72000000000000, "B")
    assert figures.to_base(699, "天") == (16776, "小时")
    assert figures.to_base(1.64, "小时") == (1.64, "小时")
    assert figures.to_base(3.5, "万家") == (35000, "家")
    with pytest.raises(ValueError, match="unknown unit '斗'"):
        figures.to_base(3, "斗")
    # Each record against the learners' number reader, written independently in
    # dubao/answers.py, wherever the two agree on the base unit.
    from dubao.practice.answers import parse_number

    compared = 0
    for fig in STATED:
        if fig.unit == "date":
            continue
        read = parse_number(f"{fig.value}{fig.unit}")
        if read is not None and read.unit == fig.base_unit:
            assert Decimal(str(read.value)) == Decimal(str(fig.base_value)), fig.id
            compared += 1
    assert compared >= 20


def test_every_number_on_the_page_is_a_figure_or_a_reasoned_non_figure():
    numbers = [(s.id, m.group()) for s in corpus.sentences() for m in figures.NUMBER.finditer(s.text)]
    assert len(numbers) >= 60  # the scan finds numbers before it can vouch for them
    assert figures.unexplained_numbers() == []


def test_a_number_left_out_of_the_dataset_is_reported(monkeypatch):
    stated, problems = figures._stated()
    fewer = {k: v for k, v in stated.items() if k != "qingzhen-birds-2024"}
    monkeypatch.setattr(figures, "_stated", lambda: (fewer, problems))
    assert figures.unexplained_numbers() == [("qingzhen.p7.s2", "2440")]


def test_non_figures_have_reasons_and_real_spans():
    from dubao import yamlio
    from dubao.paths import corpus_dir

    entries = yamlio.load(corpus_dir() / "not-figures.yaml", expect=list)
    assert len(entries) >= 5
    for entry in entries:
        assert entry["text"] in corpus.sentence(entry["sentence"]).text
        assert len(entry["reason"]) > 10


def test_qualifiers_are_kept_as_meaning():
    assert figures.figure("qingzhen-manure-2025").qualifier == "逾"
    assert figures.figure("qingzhen-manure-2025").qualifier_meaning == "more than"
    assert figures.figure("qingzhen-farm-manure-income").qualifier_meaning == "about"
    assert figures.figure("qingzhen-capacity-stretch-target").qualifier == "力争"
    assert figures.figure("xinhua-hubei-space-revenue").qualifier is None


def test_kinds_keep_estimates_and_targets_apart_from_actuals():
    assert figures.figure("qingzhen-capacity-2024").kind == "actual"
    assert figures.figure("qingzhen-capacity-2025").kind == "estimate"
    assert figures.figure("qingzhen-capacity-target").kind == "target"
    assert figures.figure("gaoxin-rank-2024").kind == "rank"
    assert {f.kind for f in figures.by_article("qingzhen") if f.sentence == "qingzhen.p7.s3"} == {"estimate"}


def test_derived_figures_are_computed_and_labelled():
    speedup = figures.figure("xinhua-transfer-speedup")
    assert speedup.derived and speedup.inputs == ("xinhua-transfer-time-before", "xinhua-transfer-time-after")
    assert speedup.value == 10229.2683  # 699 × 24 ÷ 1.64
    previous = figures.figure("xinhua-hubei-space-revenue-previous")
    assert previous.derived and previous.value == 485.5401  # 557.4 ÷ 1.148
    assert previous.kind == "estimate"
    check = figures.figure("qingzhen-manure-check-2025")
    assert check.value == 6750  # 2700万羽 × 2.5公斤
    assert check.base_value > figures.figure("qingzhen-manure-2025").base_value  # consistent with 逾5000万公斤
    assert all(not f.quote for f in figures.load() if f.derived)


def test_series_for_charting():
    capacity = figures.series("qingzhen-capacity")
    assert capacity.labels == ["2024年", "2025年（预计）", "目标", "力争"]
    assert capacity.values == [3000, 3600, 5000, 6000]
    assert capacity.kinds == ["actual", "estimate", "target", "target"]
    assert figures.series("transfer-time").values == [16776, 1.64]
    assert figures.series("gaoxin-rank").values == [42, 36]
    assert figures.series("pingba-guesthouses").values == [4, 70]
    assert figures.series("hubei-space-revenue").values == [485.5401, 557.4]
    with pytest.raises(NotFound, match="no series 'nope'"):
        figures.series("nope")


def test_unknown_ids_say_so():
    with pytest.raises(NotFound, match="no figure 'nope'"):
        figures.figure("nope")
    with pytest.raises(NotFound):
        figures.by_article("nope")


def test_bad_figures_file_is_reported_with_file_and_line(corpus_copy):
    path = corpus_copy / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("quote: 出栏2440万羽", "quote: 出栏2400万羽"), encoding="utf-8")
    try:
        found = [str(p) for p in figures.problems()]
    finally:
        figures.reload()
    line = text[: text.index("quote: 出栏2440万羽")].count("\n") + 1  # the line of the bad key
    assert found[0] == (f"{path}:{line}: qingzhen-birds-2024: quote '出栏2400万羽' is not in "
                        f"qingzhen.p7.s2 (copy the span from the cleaned sentence)")


def test_cli_prints_all_records_as_json():
    result = run_cli("figures", "--json")
    assert result.returncode == 0, result.stderr
    records = json.loads(result.stdout)
    assert len(records) == len(figures.load())
    hubei = next(r for r in records if r["id"] == "xinhua-hubei-space-revenue")
    assert hubei["base_value"] == 55740000000 and hubei["base_unit"] == "元"
    assert hubei["quote"] == "前9个月全省航天产业营收557.4亿元"


def test_cli_unknown_article_is_one_line():
    result = run_cli("figures", "--article", "nope")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "no article 'nope'" in result.stderr


def test_a_qualifier_must_bound_the_number_in_its_quote(corpus_copy):
    """目标 is in the sentence of qingzhen-capacity-target (锚定新目标) but not beside
    突破5000万羽: the word that bounds that number is 突破. 2年内 is bounded by 内."""
    assert figures.figure("qingzhen-capacity-target").qualifier == "突破"
    assert figures.figure("xinhua-factor-market-duration").qualifier_meaning == "within (at most)"
    assert figures.qualifier_problem("推动肉鸡产能突破5000万羽", "5000", "突破") is None
    assert figures.qualifier_problem("每年都能靠此多挣10万元左右", "10", "左右") is None   # the unit between
    assert figures.qualifier_problem("能够支持数千个异构业务并行试验", "数千", "数") is None  # inside the number
    path = corpus_copy / "figures.yaml"
    text = path.read_text(encoding="utf-8")
    at = text.index("- id: qingzhen-capacity-target\n")
    broken = text[:at] + text[at:].replace("qualifier: 突破", "qualifier: 目标", 1)
    path.write_text(broken, encoding="utf-8")
    line = broken[:broken.index("qualifier: 目标", at)].count("\n") + 1
    try:
        assert [str(p) for p in figures.problems()] == [
            f"{yamlio.label(path)}:{line}: qingzhen-capacity-target: qualifier '目标' is not in the quote "
            "'推动肉鸡产能突破5000万羽' (the qualifier is the word that bounds this number; use null if none does)"]
    finally:
        figures._stated.cache_clear()
        figures._all.cache_clear()
