"""The Reader, driven through its traits as a test would drive any ipywidget: a
trait changes, the rendered HTML changes. No browser needed."""

import re

import ipywidgets as w
import pytest

from dubao import corpus
from widgets.reader import Reader, other_sentences


@pytest.fixture(scope="module")
def reader():
    return Reader("qingzhen")


def test_accepts_an_id_an_article_or_text():
    assert Reader("liuli").article.id == "liuli"
    assert Reader(corpus.article("brief")).article.id == "brief"
    own = Reader(text="我们村这路，好多地方都不好走。\n刘丽深知。")
    assert [s.id for s in own.article.sentences] == ["my-text.p1.s1", "my-text.p2.s1"]


def test_pinyin_off_all_and_above_level(reader):
    reader.pinyin_mode = "off"
    assert "<rt>" not in reader.html and reader.show_pinyin is False
    reader.show_pinyin = True
    assert reader.pinyin_mode == "all"
    every = reader.html.count("<rt>")
    # one ruby per Han character of the article, headings and caption included
    visible = re.sub(r"<[^>]+>", "", re.sub(r"<rt>.*?</rt>", "", reader.html))
    han = len(re.findall(r"[\u4e00-\u9fff]", visible))
    assert han > 900
    assert every == han, (every, han)
    # 鸡粪 gets its pinyin over each character
    assert re.search(r"<ruby>鸡<rt>jī</rt></ruby><ruby>粪<rt>fèn</rt></ruby>", reader.html)
    reader.pinyin_mode = "above"
    reader.level = 6
    above_6 = reader.html.count("<rt>")
    reader.level = 1
    above_1 = reader.html.count("<rt>")
    assert 0 < above_6 < above_1 < every
    reader.pinyin_mode = "off"
    assert reader.show_pinyin is False and "<rt>" not in reader.html


def test_tone_colours(reader):
    reader.pinyin_mode = "all"
    reader.tone_colors = False
    assert 'class="tone' not in reader.html
    reader.tone_colors = True
    assert '<ruby class="tone4">粪<rt>fèn</rt></ruby>' in reader.html
    reader.tone_colors = False
    reader.pinyin_mode = "off"


def test_click_a_word_shows_its_gloss_panel(reader):
    reader.selected_word = "出栏"
    panel = reader.panel.value
    assert "出栏" in panel and "chū lán" in panel
    assert "market" in panel  # the glossary's sense: (of livestock) sent to market
    assert "qingzhen.p7.s2" in panel or "qingzhen.p8.s1" in panel  # other sentences that use it
    assert 'class="dubao-word selected"' in reader.html


def test_the_word_panel_says_where_the_reading_comes_from(reader):
    reader.selected_word = "出栏"   # a glossary word: a reviewed reading
    assert "Reading from the course glossary (reviewed)" in reader.panel.value
    reader.selected_word = "鸡粪"
    found = re.search(r'dubao-gloss-source">Reading from ([^<]+)<', reader.panel.value)
    assert found and found.group(1) != "", reader.panel.value
    from dubao.language.reading import source_names

    assert source_names("cedict+g2pm+cedict") == "CC-CEDICT; the context model g2pM"


def test_translations_toggle(reader):
    reader.show_translation = False
    assert "dubao-translation" not in reader.html
    reader.show_translation = True
    assert reader.html.count('class="dubao-translation" data-sid=') == len(corpus.article("qingzhen").sentences)
    reader.show_translation = False


def test_no_translation_control_without_translations():
    own = Reader(text="我们村这路，好多地方都不好走。")
    assert own.translation_control.layout.display == "none"
    own.show_translation = True
    assert "dubao-translation" not in own.html


def test_errata_marked_with_what_the_print_said():
    xinhua = Reader("xinhua")
    assert xinhua.html.count('class="dubao-erratum"') == 4
    assert 'title="Printed: 钎 — corrected to 钍"' in xinhua.html
    assert 'class="dubao-erratum-deleted" title="The print has an extra 的 here"' in Reader("liuli").html


def test_incomplete_pieces_say_so_at_the_top():
    assert "begins on page 1" in Reader("qingzhen").html.split("dubao-paragraph")[0]
    assert "breaks off at the end of the page" in Reader("liuli").html.split("dubao-paragraph")[0]
    assert "dubao-banner" not in Reader("xinhua").html


def test_headings_caption_and_paragraphs_kept():
    xinhua = Reader("xinhua")
    assert xinhua.html.count('class="dubao-section"') == 3
    assert xinhua.html.count('class="dubao-paragraph"') == 41
    assert "Photo caption" in xinhua.html and "新华/传真" in xinhua.html


def test_level_setting_persists(data_dir):
    first = Reader(text="我们")
    first.level = 6
    assert Reader(text="你们").level == 6


def test_font_size_and_labelled_controls(reader):
    reader.font_size = 26
    assert reader.text_view.font_size == 26
    for control in [reader.pinyin_control, reader.level_control, reader.tone_control, reader.size_control]:
        assert control.description


def test_text_is_escaped_everywhere():
    evil = '<script>alert(1)</script>村<img src=x onerror=alert(2)><a href="javascript:alert(3)">路</a>'
    own = Reader(text=evil)
    own.pinyin_mode = "all"
    page = own.html
    assert "<script" not in page and "<img" not in page and "<a " not in page
    assert "&lt;script&gt;" in page and "&lt;img src=x onerror=alert(2)&gt;" in page
    own.selected_word = "<script>"
    assert "<script>" not in own.panel.value


def test_other_sentences_match_whole_words():
    found = [s.id for s in other_sentences(corpus.article("qingzhen"), "鸡粪")]
    assert "qingzhen.p1.s2" in found and len(found) >= 5
    assert all("鸡粪" in corpus.sentence(i).text for i in found)


def test_long_texts_render_one_part_at_a_time():
    long_text = "\n".join(["清镇市肉鸡产能预计达3600万羽。" * 20] * 200)  # 64,000 characters
    own = Reader(text=long_text)
    assert len(own.parts) > 5
    assert len(own.html) < len(long_text) * 30 / len(own.parts) * 2
    own.part = 3
    assert own.part_control.value == 3


def test_sections_pick_part_of_a_long_article():
    later = Reader("xinhua", sections=[3, 4])
    shown = {int(n) for n in re.findall(r'data-pid="xinhua\.p(\d+)"', later.html)}
    assert shown == set(range(15, 42))  # sections 3 and 4 are paragraphs 15 to 41
    assert Reader("xinhua", sections=["xinhua.sec2"]).html != later.html
    with pytest.raises(corpus.NotFound, match="sections are xinhua.sec1"):
        Reader("xinhua", sections=[9])


def test_paragraphs_pick_a_short_passage():
    passage = Reader("liuli", paragraphs=["liuli.p3"])
    assert set(re.findall(r'data-pid="([^"]+)"', passage.html)) == {"liuli.p3"}
    with pytest.raises(corpus.NotFound, match="liuli.p99"):
        Reader("liuli", paragraphs=["liuli.p99"])


def test_every_control_has_a_label_that_is_never_cut_off():
    own = Reader(text="\n".join(["清镇市肉鸡产能预计达3600万羽。" * 20] * 60))  # long: the Part control shows
    controls = own.controls.children
    assert [c.description for c in controls] == ["Pinyin", "My level", "Tone colours", "English", "Text size", "Part"]
    for control in controls:
        if isinstance(control, (w.Checkbox,)):
            assert control.indent is False  # its label is beside the box, not in a fixed column
        else:  # the label takes the width of its text ("My level" was cut to "My le…")
            assert control.style.description_width == "initial", control.description
    assert own.level_control.layout.width == own.level_control.layout.min_width == "13em"
    assert own.pinyin_control.tooltips == ("No pinyin", "Pinyin over every word",
                                           "Pinyin only over words above your HSK level",
                                           "Pinyin over every word you have not marked known")
    assert own.level_control.tooltip.startswith("Your HSK level")


def test_font_size_control_changes_the_html(reader):
    reader.size_control.value = 26
    assert reader.font_size == 26 and reader.text_view.font_size == 26
    assert reader.html.startswith('<div class="dubao-text no-pinyin" style="font-size:26px">')
    reader.font_size = 100  # out of the slider's range: kept to its ends
    assert (reader.font_size, reader.size_control.value) == (32, 32)
    assert 'style="font-size:32px"' in reader.html
    reader.font_size = 20
    assert 'style="font-size:20px"' in reader.html
    assert reader.size_control.continuous_update is False  # re-rendered once, when the slider is let go


def test_word_panel_is_a_labelled_region_with_a_hint_before_any_click():
    own = Reader(text="我们村这路，好多地方都不好走。")
    assert own.panel.value.startswith('<div role="region" aria-live="polite" aria-label="Word details">')
    assert "move to it with the arrow keys and press Enter" in own.panel.value
    own.selected_word = "地方"
    assert own.panel.value.startswith('<div role="region"') and "dì fang" in own.panel.value


def test_vocab_list_of_some_sections_keeps_their_words_only():
    from widgets import VocabList

    later = VocabList("xinhua", sections=[3, 4])
    text = "".join(p.text for p in corpus.article("xinhua").paragraphs[14:])
    assert later.words and all(v.word in text for v in later.words)
    assert "牛鼻子" not in [v.word for v in later.words]  # only in section 2 (xinhua.p5.s2)
    assert len(later.words) < len(VocabList("xinhua").words)
