"""The play buttons and the listening quiz, driven as a learner drives them:
choose a word in the Reader and press ▶, reveal a flashcard, answer a quiz, and
look at the player's audio (a WAV that parses) and at the progress store."""

import io
import re
import wave

import pytest

from dubao.practice import listening, progress, voices
from widgets.flashcards import Flashcards
from widgets.listen import ListenButton
from widgets.listening import ListeningQuiz
from widgets.reader import Reader
from widgets.vocab_quiz import VocabQuiz


@pytest.fixture(autouse=True)
def cache(tmp_path, monkeypatch):
    """A speech cache of the test's own (the engine's caches stay where they are)."""
    from dubao.practice import speech

    monkeypatch.setattr(speech, "cache_folder", lambda: tmp_path)


@pytest.fixture
def store(data_dir):
    return progress.open_store()


def seconds(wav: bytes) -> float:
    with wave.open(io.BytesIO(wav)) as w:
        return w.getnframes() / w.getframerate()


def text_of(html: str) -> str:
    return re.sub(r"<[^>]+>", "", html)


def test_the_readers_word_panel_plays_the_word_as_read_in_its_sentence_and_the_sentence():
    reader = Reader("qingzhen")
    listening_panel = reader.children[1].children[1].children[0]
    assert listening_panel.layout.display == "none"  # nothing chosen yet
    sentence = next(s for s in reader.article.sentences if "行情" in s.text)
    reader.text_view.selected_sentence = sentence.id
    reader.text_view.selected_word = "行情"
    assert listening_panel.layout.display == ""
    listening_panel.word.button.click()
    assert listening_panel.word.audio.spoken == "hang2 qing2"
    assert 0.3 < seconds(listening_panel.word.player.value) < 1.6
    assert "háng qíng" in listening_panel.word.said.value
    listening_panel.sentence.button.click()
    assert listening_panel.sentence.audio.text == sentence.text
    assert seconds(listening_panel.sentence.player.value) > 3
    listening_panel.speed.value = "slow"
    listening_panel.word.button.click()
    assert listening_panel.word.audio.speed < 1 and seconds(listening_panel.word.player.value) > 0.9


def test_pressing_play_twice_plays_again():
    button = ListenButton("银行")
    assert button.player is None  # no empty player (the browser cannot load an empty blob)
    button.play()
    first = button.player
    button.play()
    assert button.player is not first and button.player.value == first.value and button.plays == 2
    assert first.comm is None  # the old player is closed


def test_a_missing_synthesizer_shows_how_to_install_it_and_nothing_breaks(monkeypatch):
    def missing():
        raise voices.SpeechUnavailable(voices.INSTALL_HINT)

    monkeypatch.setattr(voices._Espeak, "_find", staticmethod(missing))
    monkeypatch.setattr(voices, "_espeak", [])
    monkeypatch.setattr(voices, "_voices", {})
    button = ListenButton("银行")
    button.play()
    assert "pip install espeakng-loader" in button.said.value and button.player is None
    reader = Reader(text="银行的行情")
    reader.selected_word = "行情"
    assert "háng qíng" in reader.gloss_html


def test_flashcards_play_the_word_only_with_the_answer():
    cards = Flashcards(["qingzhen"], now=None)
    assert cards.listen.layout.display == "none"
    cards.reveal()
    assert cards.listen.layout.display == ""
    cards.listen.button.click()
    assert cards.listen.audio.pinyin.replace(" ", "") != "" and seconds(cards.listen.player.value) > 0.2


def test_vocab_quiz_plays_at_once_for_meaning_and_after_an_answer_for_pinyin(words):
    meaning = VocabQuiz("qingzhen", kind="meaning", words=[words["鸡粪"]])
    assert meaning.listen.layout.display == ""
    meaning.listen.button.click()
    assert meaning.listen.audio.spoken == "ji1 fen4"
    typed = VocabQuiz("qingzhen", kind="pinyin", words=[words["鸡粪"]])
    assert typed.listen.layout.display == "none"
    typed.text.value = "ji1 fen3"
    typed.check_button.click()
    assert typed.listen.layout.display == "none"  # the retry is still to come
    typed.text.value = "ji1 fen4"
    typed.check_button.click()
    assert typed.listen.layout.display == ""


# ------------------------------------------------------------ listening quiz

def test_hear_and_choose_the_characters(store):
    quiz = ListeningQuiz("qingzhen", kind="characters", count=3, seed=1)
    assert len(quiz.words) == 3
    word = quiz.current.word
    assert word.word not in quiz.prompt.value  # heard, not shown
    values = [v for _, v in quiz.choice.options]
    assert word.word in values and len(set(values)) == len(values) == 4
    quiz.listen.button.click()
    assert quiz.listen.said.value == ""  # the pinyin would give it away
    quiz.choice.value = next(v for v in values if v != word.word)
    quiz.check_button.click()
    quiz.choice.value = word.word
    quiz.check_button.click()
    assert text_of(quiz.feedback.value).startswith("✔ Right!")
    rows = store.attempts(lesson="listen-qingzhen")
    assert [(r["question"], r["correct"]) for r in rows] == \
        [(f"listen-characters:{word.word}", False), (f"listen-characters:{word.word}", True)]
    assert quiz.score == 0 and quiz.missed == [word]


def test_hear_and_type_the_pinyin_accepts_the_spoken_tones(words, store):
    quiz = ListeningQuiz("liuli", kind="pinyin", words=[words["一线"]] if "一线" in words else None, seed=2)
    word = quiz.current.word
    quiz.text.value = word.pinyin
    quiz.check_button.click()
    assert text_of(quiz.feedback.value).startswith("✔")
    assert store.attempts(question=f"listen-pinyin:{word.word}")[0]["correct"]


def test_spoken_sandhi_counts_as_right_when_typed():
    from dubao.content.vocabulary import VocabWord

    fields = {f: None for f in VocabWord.__dataclass_fields__}
    yiding = VocabWord(**{**fields, "word": "一定", "pinyin": "yī dìng"})
    q = listening.question(yiding, "pinyin", [])
    assert listening.grade(q, "yi2 ding4").status == "correct"
    assert listening.grade(q, "yi1 ding4").status == "correct"
    assert listening.grade(q, "yi3 ding4").status == "wrong"


def test_the_tone_drill_asks_two_syllable_words_whose_spoken_tones_are_written(store):
    quiz = ListeningQuiz("xinhua", kind="tones", count=5, seed=3)
    assert quiz.words, "the piece has two-syllable words to drill"
    for word in quiz.words:
        assert len(word.word) == 2 and listening.drillable(word)
    q = quiz.current
    values = [v for _, v in quiz.choice.options]
    assert q.answer in values and len(set(values)) == 4
    assert all(re.fullmatch(r"[1-4]-[1-5]", v) for v in values)
    quiz.choice.value = q.answer
    quiz.check_button.click()
    assert quiz.score == 1
    assert store.attempts(question=q.id)[0]["answer"] == q.answer


def test_third_tone_pairs_and_sandhi_words_are_not_drilled():
    from dubao.content.vocabulary import VocabWord

    fields = {f: None for f in VocabWord.__dataclass_fields__}
    nihao = VocabWord(**{**fields, "word": "你好", "pinyin": "nǐ hǎo"})
    bushi = VocabWord(**{**fields, "word": "不是", "pinyin": "bù shì"})
    xingqing = VocabWord(**{**fields, "word": "行情", "pinyin": "háng qíng"})
    assert not listening.drillable(nihao) and not listening.drillable(bushi)
    assert listening.drillable(xingqing) and listening.spoken_tones(xingqing) == "2-2"


def test_a_round_ends_with_a_summary():
    quiz = ListeningQuiz("qingzhen", kind="characters", count=1, seed=4)
    quiz.choice.value = quiz.current.word.word
    quiz.check_button.click()
    quiz.next_button.click()
    assert quiz.finished and "Round over: 1 of 1" in quiz.prompt.value


def test_a_new_word_takes_the_old_words_player_away():
    button = ListenButton("银行")
    button.play()
    old = button.player
    button.source = "行情"
    assert button.player is None and old.comm is None and button.said.value == ""
    button.play()
    assert button.audio.spoken == "hang2 qing2"


def test_the_speaker_after_a_sentence_reads_that_sentence():
    reader = Reader("liuli", paragraphs=["liuli.p6"])
    shown = [s for p in reader.article.paragraphs if p.id == "liuli.p6" for s in p.sentences]
    assert reader.html.count('class="dubao-say"') == len(shown) > 1
    listening_panel = reader.children[1].children[1].children[0]
    second = shown[1]
    reader.text_view.say_sentence = second.id
    reader.text_view.say_count += 1
    assert listening_panel.layout.display == ""
    assert listening_panel.sentence.audio.text == second.text
    assert seconds(listening_panel.sentence.player.value) > 2
