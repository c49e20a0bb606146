"""Gloss drafts (dubao.language.senses): which CC-CEDICT sense a draft key word
gets when no reviewed glossary entry says, and when the choice is flagged. The
entries below are CC-CEDICT's own (the senses as that dictionary lists them);
which sense fits was decided from the words' use in news text before asking."""

from dubao.language import senses


def test_never_a_surname_a_cross_reference_or_a_classifier_note_when_another_sense_exists():
    entries = [("Yuán", ("surname Yuan",)), ("yuán", ("see 元宵", "CL:个[ge4]", "first", "primary", "dollar"))]
    choice = senses.choose("元", "yuán", "n", entries)
    assert choice.gloss == "first" and choice.by_rule


def test_the_sense_whose_form_fits_the_part_of_speech():
    # 同胞: "born of the same parents" is not a noun; as a noun the choice is open
    entries = [("tóng bāo", ("born of the same parents", "sibling", "fellow citizen", "compatriot"))]
    noun = senses.choose("同胞", "tóng bāo", "n", entries)
    assert noun.gloss != "born of the same parents" and noun.unsure
    verb = senses.choose("开放", "kāi fàng", "v", [("kāi fàng", ("openness", "to open up (to the outside)"))])
    assert verb.gloss == "to open up (to the outside)"


def test_a_figurative_sense_before_a_literal_one_as_news_uses_them():
    entries = [("shì yě", ("field of view", "(fig.) outlook", "perspective"))]
    assert senses.choose("视野", "shì yě", "n", entries).gloss == "outlook"


def test_the_reading_of_the_text_first():
    entries = [("xíng", ("to walk", "to go")), ("háng", ("row", "line of business"))]
    assert senses.choose("行", "háng", "n", entries).gloss == "row"


def test_a_reviewed_glossary_entry_is_not_a_rule_choice():
    choice = senses.choose("组合拳", "zǔ hé quán", "n", [("zǔ hé quán", ("a combination of punches",))],
                           glossary_gloss="a combination of measures")
    assert (choice.gloss, choice.rule, choice.unsure, choice.by_rule) == ("a combination of measures", "glossary",
                                                                          False, False)


def test_equally_good_senses_that_say_different_things_are_flagged():
    entries = [("shì diǎn", ("test point", "pilot scheme"))]
    assert senses.choose("试点", "shì diǎn", "n", entries).unsure
    one = senses.choose("稻壳", "dào ké", "n", [("dào ké", ("rice husk",))])
    assert (one.gloss, one.unsure) == ("rice husk", False)


def test_same_sense_shares_a_content_word():
    assert senses.same_sense("to push forward", "to push on")
    assert not senses.same_sense("to impel", "to push forward")
