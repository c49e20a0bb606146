"""The corpus: the source page kept byte-for-byte, the cleaned edition built from
it, every change accounted for, and clear errors for bad corpus data."""

import copy
import hashlib
import json
import re

import pytest

from conftest import COURSE_DIR, run_cli
from dubao import corpus, yamlio
from dubao.corpus import edition
from dubao.errors import CorpusError, NotFound

SOURCE = COURSE_DIR / "corpus" / "source" / "guiyang-daily-2025-12.txt"
SEED = COURSE_DIR.parent / "shared" / "seed" / "000_d03bbf471f6134ca.txt"
PIECES = ["xinhua", "brief", "hankaisi", "reporter-note", "qingzhen", "liuli"]


# ------------------------------------------------------------------ source edition

def test_source_edition_is_the_page_byte_for_byte():
    digest = hashlib.sha256(SOURCE.read_bytes()).hexdigest()
    assert digest == "bd8d23e0b36225b11631784c773b64c4ca5a4551518d16d053cb795c3c2e4f28"
    if SEED.exists():
        assert SOURCE.read_bytes() == SEED.read_bytes()


# ------------------------------------------------------------------ cleaned edition

def test_all_six_pieces_in_page_order():
    assert [a.id for a in corpus.articles()] == PIECES


def test_statuses_say_which_pieces_are_incomplete():
    status = {a.id: a.status for a in corpus.articles()}
    assert status == {"xinhua": ("complete",), "brief": ("complete",),
                      "hankaisi": ("continued", "cut-off"), "reporter-note": ("complete",),
                      "qingzhen": ("continued",), "liuli": ("cut-off",)}
    assert corpus.article("qingzhen").status_notes == [
        "This piece begins on page 1; its opening is not on this page."]
    assert corpus.article("xinhua").status_notes == []


def test_titles_bylines_and_metadata():
    xinhua = corpus.article("xinhua")
    assert xinhua.title == "攀高逐“新” “质”胜未来"
    assert xinhua.subtitle == "新质生产力发展一线见闻"
    assert xinhua.dateline == "新华社北京12月6日电" and xinhua.date == "2025-12-06"
    assert corpus.article("brief").byline == "贵阳日报融媒体中心记者 汤欣健"
    assert corpus.article("reporter-note").kicker == "记者手记"
    assert corpus.article("liuli").column == "民有所呼 我有所应 人大代表风采录"
    qingzhen = corpus.article("qingzhen")
    assert qingzhen.title_editorial and "qingzhen.p9.s1" in qingzhen.title_reason
    assert "清镇鸡粪“出山”" in corpus.sentence("qingzhen.p9.s1").text
    assert not xinhua.title_editorial


def test_sections_keep_their_two_line_headings():
    sections = corpus.article("xinhua").sections
    assert [s.title for s in sections] == [None, "以科技创新为引领 新质生产力稳步发展", "打通堵点卡点", "持续推进改革"]
    assert sections[2].subtitle == "推动科技创新和产业创新深度融合"


def test_caption_left_the_running_text():
    xinhua = corpus.article("xinhua")
    assert xinhua.caption.text.startswith("国家重大科技基础设施——高能同步辐射光源（HEPS）")
    assert xinhua.caption.credit == "新华/传真"
    assert "图为晨光下" not in xinhua.text and "新华/传真" not in xinhua.text
    # The paragraph the photo interrupted is whole again.
    assert "230多家卓越级智能工厂，持续推动的转型升级让“老树”发出“新芽”。" in xinhua.text


@pytest.mark.parametrize("joined", [
    "综合极端条件实验装置", "新兴产业发展的“加速器”", "锚定发展高科技、实现产业化",
    "而且行情很好，近五年来", "加大对村集体经济发展的支持力度，完善村内基础设施", "留下了深刻的印象。",
])
def test_words_broken_by_column_breaks_are_whole(joined):
    assert joined in "\n".join(a.text for a in corpus.articles())


def test_no_markup_and_no_half_width_punctuation_in_chinese():
    text = "\n".join(a.text for a in corpus.articles())
    assert "<sub>" not in text and "</sub>" not in text and "#" not in text and "**" not in text
    assert not re.search(r"[\u4e00-\u9fff“”][,:;!?()]|[,:;!?()][\u4e00-\u9fff“”]", text)
    assert "代表的新质生产力不断增强" in text


def test_errata_applied_and_marked():
    text = "\n".join(a.text for a in corpus.articles())
    assert "钎" not in text and text.count("钍") == 4
    assert "广袤" in text and "广表" not in text
    assert "硬核技术" in text and "破核" not in text
    assert "的的" not in text
    reactor = corpus.sentence("xinhua.p4.s1")
    assert [(c.printed, c.corrected) for c in reactor.corrections] == [("钎", "钍")] * 4
    assert all(reactor.text[c.start:c.end] == "钍" for c in reactor.corrections)


def test_sentence_ids_are_stable_and_cover_the_paragraphs():
    ids = [s.id for s in corpus.sentences()]
    assert len(ids) == len(set(ids)) > 100
    assert all(re.fullmatch(r"[a-z-]+\.p\d+\.s\d+", i) for i in ids)
    assert corpus.sentence("qingzhen.p7.s3").text.startswith("今年，清镇市肉鸡产能预计达3600万羽")
    for paragraph in corpus.article("liuli").paragraphs:
        assert paragraph.text == "".join(s.text for s in paragraph.sentences)


def test_speech_tags_stay_with_their_quotation():
    assert corpus.sentence("qingzhen.p4.s4").text.endswith("10万元左右。”陈丹笑着说。")
    assert corpus.sentence("hankaisi.p4.s2").text.endswith("”杨道乾说。")


def test_unknown_ids_name_what_exists():
    with pytest.raises(NotFound, match="no article 'nope'.*xinhua"):
        corpus.article("nope")
    with pytest.raises(NotFound, match="qingzhen.p7.s3"):
        corpus.sentence("qingzhen.p99.s1")


def test_committed_edition_is_what_the_builder_makes():
    assert edition.stale(edition.build()) == []


# ------------------------------------------------------------------ the accounting

def _committed():
    return [yamlio.load(COURSE_DIR / "corpus" / "articles" / f"{p}.yaml", dict) for p in PIECES]


def test_every_source_character_is_accounted_for():
    built = edition.build()
    assert len(built.changes) > 300  # punctuation, markup, joins, errata, metadata
    assert edition.account(built, _committed()) == []


def _first_sentence(articles, piece):
    article = next(a for a in articles if a["id"] == piece)
    return article["sections"][0]["paragraphs"][0]["sentences"][0]


def test_accounting_fails_when_a_character_is_dropped():
    built, articles = edition.build(), copy.deepcopy(_committed())
    sentence = _first_sentence(articles, "qingzhen")
    sentence["text"] = sentence["text"].replace("云南省", "云省")
    assert edition.account(built, articles) == [
        "qingzhen: unexplained change at source line 157, column 14: '南' became ''"]


def test_accounting_fails_when_a_character_is_changed_or_added():
    built, articles = edition.build(), copy.deepcopy(_committed())
    sentence = _first_sentence(articles, "liuli")
    sentence["text"] = sentence["text"].replace("刘丽", "刘莉", 1) + "。"
    problems = edition.account(built, articles)
    assert len(problems) == 2 and all(p.startswith("liuli: unexplained change") for p in problems)
    assert "'丽' became '莉'" in problems[0]


def test_accounting_fails_when_metadata_is_lost():
    built, articles = edition.build(), copy.deepcopy(_committed())
    next(a for a in articles if a["id"] == "brief")["byline"] = None
    assert edition.account(built, articles) == [
        "brief: source line 117 ((贵阳日报融媒体中心记者 汤欣健)…) is not found in the metadata or "
        "headings of the cleaned edition"]


# ------------------------------------------------------------ errors for bad data

def _expect_problem(pattern):
    corpus.reload()
    with pytest.raises(CorpusError) as caught:
        corpus.articles()
    assert any(re.search(pattern, str(p)) for p in caught.value.problems), caught.value.problems
    return caught.value


def test_duplicate_sentence_id(corpus_copy):
    path = corpus_copy / "articles" / "brief.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("id: brief.p1.s1", "id: brief.p1.s1\n      "
                                                             "text: x\n    - id: brief.p1.s1"), encoding="utf-8")
    _expect_problem(r"corpus/articles/brief.yaml: duplicate sentence id 'brief.p1.s1'")


def test_unknown_status(corpus_copy):
    path = corpus_copy / "articles" / "brief.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("- complete", "- finished"), encoding="utf-8")
    _expect_problem(r"brief.yaml:\d+: unknown status 'finished' \(use one of: complete, continued, cut-off\)")


def test_wrong_type_and_truncated_file(corpus_copy):
    path = corpus_copy / "articles" / "liuli.yaml"
    path.write_text("id: liuli\ntitle: 扎根乡土\nstatus: cut-off\nsections: 3\n", encoding="utf-8")
    _expect_problem(r"liuli.yaml:3: 'status' should be a list, not text 'cut-off'")
    path.write_text(path.read_text(encoding="utf-8")[:40], encoding="utf-8")
    _expect_problem(r"liuli.yaml:\d+: ")


def test_bom_and_bad_encoding(corpus_copy):
    path = corpus_copy / "articles" / "brief.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    _expect_problem(r"brief.yaml:1: file starts with a byte-order mark \(BOM\) \(save it as UTF-8 without BOM\)")
    path.write_bytes("id: brief\n".encode("gbk") + "标题".encode("gbk"))
    _expect_problem(r"brief.yaml:2: not valid UTF-8")


def test_erratum_whose_printed_text_is_not_found(corpus_copy):
    path = corpus_copy / "errata.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("printed: 云南省广表的花卉", "printed: 云南省广阔的花卉"),
                    encoding="utf-8")
    with pytest.raises(CorpusError, match=r"errata.yaml:\d+: erratum vast: printed text '云南省广阔的花卉' "
                                          r"not found on source line 157"):
        edition.build(corpus_copy)


def test_check_command_reports_each_problem_on_one_line(corpus_copy):
    (corpus_copy / "articles" / "hankaisi.yaml").write_text("id: hankaisi\n- broken", encoding="utf-8")
    path = corpus_copy / "errata.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("confidence: medium", "confidence: sure"),
                    encoding="utf-8")
    result = run_cli("check", env={"DUBAO_CORPUS_DIR": str(corpus_copy)})
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(re.match(r".*errata.yaml:\d+: \S+: unknown confidence 'sure' \(use one of: high, medium, low\)", line) for line in lines)
    assert any(re.match(r".*hankaisi.yaml:2: YAML syntax error", line) for line in lines)


def test_build_check_fails_after_a_hand_edit(corpus_copy):
    path = corpus_copy / "articles" / "qingzhen.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("突飞猛进", "突飞猛进了"), encoding="utf-8")
    result = run_cli("build", "--check", env={"DUBAO_CORPUS_DIR": str(corpus_copy)})
    assert result.returncode == 1 and "qingzhen.yaml: out of date" in result.stdout


# ------------------------------------------------------------------ command line

def test_articles_json_lists_every_piece_with_sentences():
    result = run_cli("articles", "--json")
    assert result.returncode == 0, result.stderr
    pieces = json.loads(result.stdout)
    assert [p["id"] for p in pieces] == PIECES
    qingzhen = pieces[4]
    assert qingzhen["title_editorial"] is True and qingzhen["status"] == ["continued"]
    first = qingzhen["paragraphs"][0]["sentences"][0]
    assert first["id"] == "qingzhen.p1.s1" and "广袤" in first["text"] and "en" in first


def test_check_passes_on_the_real_corpus():
    result = run_cli("check")
    assert result.returncode == 0, result.stdout + result.stderr
