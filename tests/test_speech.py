"""Listening (dubao.practice.speech, spoken, voices): what reaches the synthesizer,
the spoken-form policy, what espeak-ng itself does with pinyin, audio that parses
and lasts a sensible time, the cache (also read-only), bad input, plug-in voices,
and the ``speak`` command."""

import io
import sys
import wave

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import run_cli
from dubao.errors import DubaoError
from dubao.practice import speech, spoken, voices

# Written from CC-CEDICT (行情 hang2 qing2, 銀行 yin2 hang2, 還款 huan2 kuan3,
# 重新 chong2 xin1, 長大 zhang3 da4) before the engine was asked: words whose
# reading espeak-ng's own Chinese front end gets wrong (issue 16).
CEDICT = {"行情": "hang2 qing2", "银行": "yin2 hang2", "还款": "huan2 kuan3", "重新": "chong2 xin1",
          "长大": "zhang3 da4"}


@pytest.fixture
def cache(tmp_path, monkeypatch):
    """A speech cache of the test's own. Only the speech cache moves: the engine's
    caches (jieba's table, CC-CEDICT) stay in the cache folder, as in test_remembered."""
    folder = tmp_path / "cache"
    (folder / "speech").mkdir(parents=True)
    monkeypatch.setattr(speech, "cache_folder", lambda: folder / "speech")
    return folder


@pytest.fixture
def heard(monkeypatch):
    """The texts that reach espeak-ng's library, in order."""
    engine = voices.voice("espeak").engine
    texts = []
    original = engine.pcm

    def recording(text, rate):
        texts.append(text)
        return original(text, rate)

    monkeypatch.setattr(engine, "pcm", recording)
    return texts


def _frames(audio):
    with wave.open(io.BytesIO(audio.wav)) as w:
        return w.getnchannels(), w.getsampwidth(), w.getframerate(), w.getnframes()


@pytest.mark.parametrize("word", sorted(CEDICT))
def test_the_synthesizer_gets_the_dictionary_reading_as_numbered_pinyin(word, heard, cache):
    audio = speech.speak(word)
    assert heard == [CEDICT[word]]  # tone numbers, never the Han text
    assert audio.spoken == CEDICT[word]
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in heard[0])


def test_a_sentence_of_the_page_reaches_espeak_without_han_and_with_every_syllable_numbered(heard, cache):
    from dubao import corpus

    sentence = corpus.article("qingzhen").sentences[2]
    speech.speak(sentence.text)
    syllables = heard[0].replace(",", " ").replace(".", " ").split()
    han = sum(1 for ch in sentence.text if "\u4e00" <= ch <= "\u9fff")
    assert len(syllables) == han
    assert all(s[-1] in "12345" for s in syllables), syllables


def test_audio_is_a_wav_of_sensible_length(cache):
    word, slow = speech.speak("行情"), speech.speak("行情", speed="slow")
    channels, width, rate, frames = _frames(word)
    assert (channels, width) == (1, 2) and rate >= 16000
    assert 0.3 < word.duration < 1.6  # two syllables
    assert slow.duration > 1.3 * word.duration
    sentence = speech.speak("清镇的鸡粪正是通过这条市场化通道，源源不断地补充着云南农业生产。")
    assert 4 < sentence.duration < 15  # 28 syllables and a pause
    assert abs(word.duration - frames / rate) < 1e-9


# ------------------------------------------------------------ spoken form

def _numbered(text):
    return spoken.numbered_text(speech.spoken_form(text))


def test_one_and_bu_sandhi_is_spoken_while_the_written_pinyin_keeps_citation_tones():
    from dubao.language import annotate

    assert [t.pinyin for t in annotate("一个")] == ["yī", "gè"]  # a number and its measure word: two words
    assert _numbered("一个") == "yi2 ge4"
    assert _numbered("不是") == "bu2 shi4"
    assert _numbered("一心一意") == "yi4 xin1 yi2 yi4"
    assert _numbered("第一") == "di4 yi1"
    assert _numbered("一千") == "yi4 qian1"


def test_espeak_does_not_apply_third_tone_sandhi_so_dubao_does():
    espeak = voices.voice("espeak")
    assert espeak.phonemes("ni3 hao3").count("214") == 2  # both still dipping third tones
    assert _numbered("你好") == "ni2 hao3"
    assert _numbered("展览馆") == "zhan2 lan2 guan3"
    from dubao.language import annotate

    two_words = annotate("小") + annotate("老虎")  # 小 + 老虎: the word's own sandhi comes first
    assert spoken.numbered_text(speech.spoken_form(two_words)) == "xiao3 lao2 hu3"
    assert _numbered("我很好") == "wo3 hen2 hao3"  # across words, right to left


def test_neutral_tone_and_u_umlaut_are_spelled_the_way_espeak_reads_them():
    espeak = voices.voice("espeak")
    assert "(en)" in espeak.phonemes("de") and "(en)" not in espeak.phonemes("de5")
    assert "(en)" in espeak.phonemes("lü4") and "(en)" in espeak.phonemes("lu:4")
    assert "(en)" not in espeak.phonemes("lv4")
    assert _numbered("好的") == "hao3 de5"
    assert _numbered("绿色") == "lv4 se4"
    assert _numbered("略微") == "lve4 wei1"


def test_erhua_only_where_cedict_writes_r5():
    assert _numbered("哪儿") == "na3 r5"
    assert _numbered("女儿") == "nv3 er2"
    words = speech.spoken_form("一点儿")
    assert voices.espeak_text(words) == "yi4 dian3er5"


def test_every_syllable_of_the_pinyin_data_is_read_as_chinese_by_espeak():
    from pypinyin import pinyin_dict
    from pypinyin.contrib.tone_convert import to_tone3

    espeak = voices.voice("espeak")
    syllables = {to_tone3(p, neutral_tone_with_five=True).replace("ü", "v")
                 for readings in pinyin_dict.pinyin_dict.values() for p in readings.split(",")}
    syllables = {s if s[-1].isdigit() else s + "5" for s in syllables}
    assert len(syllables) > 1200
    sent = {s: voices.espeak_syllable(s) for s in syllables}
    as_text = [s for s, text in sent.items() if not text.startswith("[[")]
    english = [s for s in as_text if "(en)" in espeak.phonemes(sent[s])]
    assert english == []
    assert "(en)" in espeak.phonemes("xiong2")  # why -iong goes as phonemes
    assert sent["xiong2"].startswith("[[")


def test_numbers_are_read_like_a_newsreader():
    # the readings in issue 16, written by hand
    assert spoken.number_syllables("2024", "年") == ("èr", "líng", "èr", "sì")
    assert spoken.number_syllables("3000") == ("sān", "qiān")
    assert spoken.number_syllables("55.17%") == ("bǎi", "fēn", "zhī", "wǔ", "shí", "wǔ", "diǎn", "yī", "qī")
    assert spoken.number_syllables("20000") == ("liǎng", "wàn")
    assert spoken.number_syllables("120000") == ("shí", "èr", "wàn")
    assert spoken.number_syllables("1000") == ("yì", "qiān")
    assert spoken.number_syllables("3", "年") == ("sān",)
    assert spoken.number_syllables("0571") == ("líng", "wǔ", "qī", "yī")
    assert spoken.number_syllables("12345678901234567.5")[-2:] == ("diǎn", "wǔ")  # a code keeps its decimals
    assert _numbered("2024年") == "er4 ling2 er4 si4 nian2"
    assert _numbered("2023-2024年") == "er4 ling2 er4 san1 zhi4 er4 ling2 er4 si4 nian2"  # a range
    assert _numbered("气温-5度") == "qi4 wen1 fu4 wu3 du4"  # a minus sign
    assert _numbered("A-1") == "A yi1"  # a hyphen in a code is silent
    assert _numbered("增长５.５％") == _numbered("增长5.5%")  # full width as ASCII
    assert _numbered("3000万") == "san1 qian1 wan4"


def test_latin_letters_go_to_the_voice_as_they_are():
    words = speech.spoken_form("GDP增长")
    assert [w.kind for w in words] == ["latin", "han"]
    assert voices.espeak_text(words) == "GDP zeng1 zhang3"


# --------------------------------------------------------------- bad input

def test_no_han_characters_gives_audio_when_something_can_be_said(cache):
    assert speech.speak("ABC 123").duration > 0.3


@pytest.mark.parametrize("text", ["😀😀", "……", "   ", "𪜀"])
def test_nothing_to_say_is_a_clear_error(text, cache):
    with pytest.raises(DubaoError, match="nothing to read aloud") as error:
        speech.speak(text)
    assert "\n" not in str(error.value)


def test_a_rare_character_without_a_reading_is_left_silent(cache):
    audio = speech.speak("他𪜀说")
    assert audio.skipped == "𪜀"
    assert audio.spoken == "ta1 shuo1"


def test_ten_thousand_characters_is_a_clear_error_before_any_work(cache):
    with pytest.raises(DubaoError, match="too long to read aloud at once"):
        speech.speak("行情" * 5000)


def test_bad_speed():
    with pytest.raises(DubaoError, match="speed"):
        speech.speak("行情", speed="fast")


# ------------------------------------------------------------------- cache

def test_a_word_is_synthesised_once(cache, heard):
    first, second = speech.speak("银行"), speech.speak("银行")
    assert (first.cached, second.cached) == (False, True)
    assert second.wav == first.wav and len(heard) == 1
    assert len(list((cache / "speech").glob("*.wav"))) == 1
    assert speech.speak("银行", speed="slow").cached is False  # speed is part of the key


def test_the_cache_is_bounded_and_keeps_what_was_heard_last(cache, heard, monkeypatch):
    import os

    folder = cache / "speech"
    words = ["银行", "行情", "发展", "鸡粪", "创新"]
    for n, word in enumerate(words):
        speech.speak(word)
        for k, path in enumerate(sorted(folder.glob("*.wav"), key=os.path.getmtime)):
            os.utime(path, (1000 + k, 1000 + k))  # a clock that ticks between words
    sizes = sorted(path.stat().st_size for path in folder.glob("*.wav"))
    assert len(sizes) == len(words)
    assert speech.speak("银行").cached  # heard again: now the most recent
    # a limit that holds about three of them: the next word prunes the folder
    monkeypatch.setattr(speech, "CACHE_LIMIT", sum(sizes[-3:]) + 1)
    speech.speak("质朴")
    kept = len(list(folder.glob("*.wav")))
    total = sum(path.stat().st_size for path in folder.glob("*.wav"))
    assert kept < len(words) + 1 and total <= speech.CACHE_LIMIT * speech.CACHE_KEPT
    assert speech.speak("银行").cached and speech.speak("质朴").cached  # the newest stayed
    assert not speech.speak("行情").cached  # heard longest ago: gone, and made again


@pytest.mark.parametrize("blocked", ["no writable cache folder", "speech is a file"])
def test_a_cache_that_cannot_be_written_means_no_cache(blocked, tmp_path, monkeypatch, heard):
    # paths.writable_cache_dir() is None for a read-only cache folder (tests/test_readonly.py);
    # a file where the speech folder should be cannot be written by root either
    if blocked == "no writable cache folder":
        monkeypatch.setattr(speech.paths, "writable_cache_dir", lambda: None)
    else:
        (tmp_path / "speech").write_text("")
        monkeypatch.setattr(speech.paths, "writable_cache_dir", lambda: tmp_path)
    assert speech.cache_folder() is None
    first, second = speech.speak("行情"), speech.speak("行情")
    assert not first.cached and not second.cached and len(heard) == 2
    assert second.duration > 0.3


# ------------------------------------------------------------------ voices

def test_a_missing_synthesizer_gives_one_line_and_the_rest_works(monkeypatch, cache):
    def missing():
        raise voices.SpeechUnavailable(voices.INSTALL_HINT)

    monkeypatch.setattr(voices._Espeak, "_find", staticmethod(missing))
    monkeypatch.setattr(voices, "_espeak", [])
    monkeypatch.setattr(voices, "_voices", {})
    with pytest.raises(voices.SpeechUnavailable) as error:
        speech.speak("行情")
    message = str(error.value)
    assert "\n" not in message and "pip install espeakng-loader" in message
    assert speech.available() == message
    from dubao.language import annotate

    assert annotate("行情")[0].pinyin == "háng qíng"


class FakeVoice:
    """A plug-in voice: a tone of 0.1 s per syllable."""

    name = "fake 1"

    def __init__(self):
        self.got = []

    def synthesize(self, words, speed):
        self.got.append([w.numbered for w in words])
        count = sum(len(w.numbered) for w in words)
        return voices.wav_bytes(b"\0\0" * int(1600 * count / speed), 16000)


def test_a_python_voice_plugs_in(monkeypatch, cache):
    monkeypatch.setenv("DUBAO_VOICE", "python:test_speech:FakeVoice")
    audio = speech.speak("行情")
    assert audio.voice == "fake 1" and abs(audio.duration - 0.2) < 0.01
    assert voices.voice().got == [[("hang2", "qing2")]]


def test_a_command_voice_plugs_in(monkeypatch, tmp_path, cache):
    script = tmp_path / "voice.py"
    script.write_text("import sys, wave\n"
                      "pinyin = sys.stdin.read()\n"
                      "open(sys.argv[2], 'w').write(pinyin)\n"
                      "with wave.open(sys.argv[1], 'wb') as w:\n"
                      "    w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)\n"
                      "    w.writeframes(b'\\0\\0' * 800 * len(pinyin.split()))\n")
    heard_by = tmp_path / "heard.txt"
    monkeypatch.setenv("DUBAO_VOICE", f"command:{sys.executable} {script} {{wav}} {heard_by}")
    audio = speech.speak("还款")
    assert heard_by.read_text() == "huan2 kuan3"
    assert abs(audio.duration - 0.2) < 0.01


def test_a_bad_voice_setting_is_one_line(monkeypatch):
    with pytest.raises(DubaoError, match="DUBAO_VOICE"):
        voices.voice("festival")
    with pytest.raises(DubaoError, match="DUBAO_VOICE"):
        speech.speak("行情", voice_setting="command:/no/such/program")


def test_audio_shows_as_a_player_in_a_notebook(cache):
    html = speech.speak("行情")._repr_html_()
    assert "<audio controls" in html and "data:audio/wav;base64," in html and "háng qíng" in html


# --------------------------------------------------------------------- CLI

def test_speak_command_writes_audio_and_prints_the_spoken_pinyin(tmp_path):
    target = tmp_path / "out.wav"
    done = run_cli("speak", "2024年的行情", "-o", str(target))
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[0] == "èr líng èr sì nián de háng qíng"
    with wave.open(str(target)) as w:
        assert w.getnframes() / w.getframerate() > 1


def test_speak_command_reads_a_sentence_of_the_corpus():
    from dubao import corpus

    sentence = corpus.article("liuli").sentences[1]
    done = run_cli("speak", "--article", "liuli", "--sentence", "2")
    assert done.returncode == 0, done.stderr
    first, said = done.stdout.splitlines()[:2]
    assert first == f"{sentence.id}: {sentence.text}"
    han = sum(1 for ch in sentence.text if "\u4e00" <= ch <= "\u9fff")
    assert len(said.replace(",", " ").replace(".", " ").split()) >= han


@pytest.mark.parametrize("args, message", [
    (["😀"], "nothing to read aloud"),
    (["--article", "liuli", "--sentence", "999"], "liuli has sentences 1 to"),
    (["--sentence", "2"], "--sentence needs --article"),
    (["行情" * 5000], "too long"),
])
def test_speak_command_bad_input_is_one_line(args, message):
    done = run_cli("speak", *args)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert message in done.stderr and len(done.stderr.strip().splitlines()) == 1


def test_long_audio_is_kept_unless_the_voice_is_cheap(cache, monkeypatch):
    from dubao import corpus

    long_sentence = max((s.text for s in corpus.sentences()), key=len)
    audio = speech.speak(long_sentence)
    assert audio.duration > speech.CACHE_SECONDS  # espeak makes it again in milliseconds: not kept
    assert not speech.speak(long_sentence).cached

    class SlowVoice(FakeVoice):
        name = "slow fake"  # says nothing of cache_long_audio: a plug-in voice is taken to be slow

        def synthesize(self, words, speed):
            return voices.wav_bytes(b"\0\0" * 16000 * 12, 16000)  # 12 s

    monkeypatch.setitem(voices._voices, "slow", SlowVoice())
    assert not speech.speak("行情", voice_setting="slow").cached
    assert speech.speak("行情", voice_setting="slow").cached


def test_the_bench_measures_speech():
    done = run_cli("bench", "--only", "speech synthesis")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("8. speech: synthesis of one word and one sentence (medians): ")
    assert "espeak-ng 1.52" in done.stdout and "word 行情" in done.stdout


MIXED = list("0123456789.,%％-—~１２年月日万亿千百一二不是我你好行情儿哪ABCxyz ，。！？、“”（）😀\u200b\ufe0f\t\n𪜀㎡½")


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=MIXED, min_size=1, max_size=30))
def test_any_mix_of_characters_gives_a_spoken_form_or_a_clear_error(text):
    try:
        words = speech.spoken_form(text)
    except DubaoError:
        return
    said = voices.espeak_text(words)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in said)  # never Han text to the synthesizer
    for part in said.replace("[[", " ").replace("]]", " ").split():
        assert part.rstrip(",.?") == "" or part.rstrip(",.?")[-1] in "12345" or part.isascii(), part
