"""Listening figures for ``python -m dubao bench``: synthesis time of one word and
of one sentence (medians, and as a share of the audio's own length), the time of
a cache hit against a synthesis, and the size of the audio cache for the whole
page (every sentence at normal speed, of which espeak's are kept only when short,
plus every key word at both speeds)."""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from dubao.cli.bench.engine import Result, measurement

WORD = "行情"
SENTENCE_ID = "qingzhen.p1.s3"


def _median_seconds(function, runs: int) -> float:
    times = []
    for _ in range(runs):
        began = time.perf_counter()
        function()
        times.append(time.perf_counter() - began)
    return statistics.median(times)


def _voice_or_skip(name: str):
    from dubao.errors import DubaoError
    from dubao.practice.voices import voice

    try:
        return voice(), None
    except DubaoError as error:
        return None, Result(name, None, "", "", None, str(error))


@measurement("speech synthesis")
def measure_synthesis(runs: int = 21) -> Result:
    from dubao import corpus
    from dubao.practice.speech import spoken_form, speak

    name = "8. speech: synthesis of one word and one sentence (medians)"
    chosen, skipped = _voice_or_skip(name)
    if skipped:
        return skipped
    sentence = corpus.sentence(SENTENCE_ID).text
    word_form, sentence_form = spoken_form(WORD), spoken_form(sentence)
    chosen.synthesize(word_form, 1.0)  # load the voice first
    word_time = _median_seconds(lambda: chosen.synthesize(word_form, 1.0), runs)
    sentence_time = _median_seconds(lambda: chosen.synthesize(sentence_form, 1.0), runs)
    sentence_audio = speak(sentence).duration
    share = sentence_time / sentence_audio
    return Result(name, sentence_time, " s", "sentence < 0.5 s", sentence_time < 0.5,
                  f"{chosen.name}; word {WORD} {word_time * 1000:.1f} ms; sentence {SENTENCE_ID} "
                  f"({len(sentence)} characters, {sentence_audio:.1f} s of audio) {sentence_time * 1000:.0f} ms, "
                  f"{share:.3f}× its length; {runs} runs each, spoken form made beforehand")


@measurement("speech cache")
def measure_cache(runs: int = 21) -> Result:
    from dubao import corpus
    from dubao.content.vocabulary import vocab
    from dubao.errors import DubaoError
    from dubao.practice import speech
    from dubao.practice.speech import CACHE_SECONDS, speak

    name = "9. speech: cache hit ÷ synthesis (medians), and the cache for the whole page"
    _, skipped = _voice_or_skip(name)
    if skipped:
        return skipped
    # only the speech cache moves to a folder of its own; the engine's caches stay
    keep = speech.cache_folder
    with tempfile.TemporaryDirectory(prefix="dubao-speech-bench-") as folder:
        cache = Path(folder)
        speech.cache_folder = lambda: cache
        try:
            speak(WORD)  # the annotation of the word is made here, so both timings leave it out

            def miss():
                for path in cache.glob("*.wav"):
                    path.unlink()
                speak(WORD)

            miss_time = _median_seconds(miss, runs)
            speak(WORD)
            hit_time = _median_seconds(lambda: speak(WORD), runs)
            for path in cache.glob("*.wav"):
                path.unlink()
            began = time.perf_counter()
            sentences = [s for s in corpus.sentences() if s.text.strip()]
            for sentence in sentences:
                try:
                    speak(sentence.text)
                except DubaoError:  # a sentence with nothing to say is kept as nothing
                    pass
            sentence_bytes = sum(p.stat().st_size for p in cache.glob("*.wav"))
            sentence_files = len(list(cache.glob("*.wav")))
            words = {v.word: v for a in corpus.articles() for v in vocab(a.id, include_found=False)}
            for word in words:
                speak(word)
                speak(word, speed="slow")
            total = sum(p.stat().st_size for p in cache.glob("*.wav"))
            files = len(list(cache.glob("*.wav")))
            filling = time.perf_counter() - began
        finally:
            speech.cache_folder = keep
    ratio = hit_time / miss_time
    return Result(name, ratio, "×", "≤ 0.5×", ratio <= 0.5,
                  f"{WORD}: hit {hit_time * 1000:.2f} ms, synthesis {miss_time * 1000:.2f} ms; whole page "
                  f"{len(sentences)} sentences ({sentence_files} kept, up to {CACHE_SECONDS:g} s long) "
                  f"{sentence_bytes / 1e6:.1f} MB + {len(words)} key words at two "
                  f"speeds = {total / 1e6:.1f} MB in {files} files, filled in {filling:.1f} s")
