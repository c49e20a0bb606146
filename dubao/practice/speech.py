"""Listening: any word or sentence read aloud, offline, in dubao's own reading.

    >>> audio = speak("银行行情")
    >>> audio.pinyin
    'yín háng háng qíng'

``speak`` annotates the text (or takes tokens already annotated), turns them into
the spoken form (dubao.practice.spoken: sandhi, numbers, erhua), and has the voice
(dubao.practice.voices; espeak-ng by default) synthesise the tone-numbered pinyin,
never the Han text. Audio is cached in the cache folder under ``speech/``, keyed by
the spoken pinyin, the voice and the speed, so a word is synthesised once (long
audio only from a voice that is slow to make it: see CACHE_SECONDS); the folder is kept
under CACHE_LIMIT, the audio heard longest ago going first; a cache that cannot be
written means no cache, never an error.
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import wave
from dataclasses import dataclass
from pathlib import Path

from dubao import paths
from dubao.errors import DubaoError
from dubao.practice.spoken import SpokenWord, marked_text, numbered_text, spoken_words
from dubao.practice.voices import INSTALL_HINT, SpeechUnavailable, voice

__all__ = ["Audio", "speak", "spoken_form", "spoken_pinyin", "SPEEDS", "MAX_CHARS", "SpeechUnavailable", "INSTALL_HINT",
           "available", "cache_folder"]

SPEEDS = {"normal": 1.0, "slow": 0.65}
# About a long paragraph: its audio (some 3 minutes, 8 MB of WAV) is the most a
# page should carry in one player. Longer texts are read a sentence at a time.
MAX_CHARS = 2000
# What is kept: every audio up to CACHE_SECONDS long (every word, short sentences),
# and longer audio unless the voice says it is cheap to make again
# (``cache_long_audio = False``): espeak-ng makes an 18 s sentence in tens of
# milliseconds, and kept, the page's sentences alone would take 77 MB of each
# learner's cache (python -m dubao bench). A rule on the voice, not on a timing,
# so that what is kept does not depend on how busy the machine is.
CACHE_SECONDS = 10.0
# The most the speech folder holds (a plug-in voice that is slow to synthesise keeps
# long audio too, at some 0.5 MB a sentence). Over it, the files heard longest ago
# are removed until it is down to CACHE_KEPT of the limit, so that pruning is rare.
CACHE_LIMIT = 256 * 1024 * 1024
CACHE_KEPT = 0.8


@dataclass(frozen=True)
class Audio:
    """Synthesised speech: WAV bytes and what was said."""

    wav: bytes
    text: str            # the text it reads
    pinyin: str          # what is said, tone-marked with the spoken tones: "yì diǎn r"
    spoken: str          # what the voice received: "yi4 dian3 r5"
    voice: str
    speed: float
    skipped: str = ""    # characters with no reading, left silent
    cached: bool = False

    @property
    def duration(self) -> float:
        """Length in seconds, from the WAV header."""
        with wave.open(io.BytesIO(self.wav)) as w:
            return w.getnframes() / w.getframerate()

    def data_url(self) -> str:
        return "data:audio/wav;base64," + base64.b64encode(self.wav).decode()

    def save(self, path) -> Path:
        path = Path(path)
        path.write_bytes(self.wav)
        return path

    def _repr_html_(self) -> str:
        # shown as a player when a notebook cell ends with speak(...); escaped like the widgets
        from html import escape

        return (f'<div class="dubao-audio"><audio controls preload="auto" src="{self.data_url()}"></audio>'
                f' <span>{escape(self.pinyin)}</span></div>')


def _speed(speed) -> float:
    if isinstance(speed, str):
        if speed not in SPEEDS:
            raise DubaoError(f"speed {speed!r}: use {' or '.join(SPEEDS)}, or a factor such as 0.8")
        return SPEEDS[speed]
    value = float(speed)
    if not 0.3 <= value <= 3:
        raise DubaoError(f"speed {value:g}: a factor between 0.3 and 3 (1 is normal)")
    return value


def spoken_form(text_or_tokens) -> list[SpokenWord]:
    """The spoken form of a text or of tokens from ``annotate`` (see dubao.practice.spoken)."""
    from dubao.language import annotate

    if isinstance(text_or_tokens, str):
        if len(text_or_tokens) > MAX_CHARS:
            raise DubaoError(f"text of {len(text_or_tokens):,} characters is too long to read aloud at once "
                             f"(at most {MAX_CHARS:,}): read it a paragraph or a sentence at a time")
        tokens = annotate(text_or_tokens)
    else:
        tokens = list(text_or_tokens)
        if sum(len(t.text) for t in tokens) > MAX_CHARS:
            raise DubaoError(f"tokens of more than {MAX_CHARS:,} characters are too long to read aloud at once")
    return spoken_words(tokens)


def spoken_pinyin(text_or_tokens) -> str:
    """What ``speak`` would say, tone-marked, without a synthesizer:
    ``spoken_pinyin("一个") == "yí gè"``."""
    return marked_text(spoken_form(text_or_tokens))


def cache_folder() -> Path | None:
    """Where audio is kept (None: nowhere can be written, so nothing is kept)."""
    base = paths.writable_cache_dir()
    if base is None:
        return None
    folder = base / "speech"
    try:
        folder.mkdir(exist_ok=True)
    except OSError:
        return None
    return folder


def _cache_file(folder: Path, voice_name: str, speed: float, spoken: str) -> Path:
    key = hashlib.sha256(f"{voice_name}\n{speed:g}\n{spoken}".encode()).hexdigest()[:32]
    return folder / f"{key}.wav"


def _recall(path: Path | None) -> bytes | None:
    try:
        data = path.read_bytes() if path is not None else None
        if data:
            os.utime(path)  # heard now: the last to go when the folder is pruned
    except OSError:
        return None
    return data if data and data.startswith(b"RIFF") else None


def _prune(folder: Path, limit: int | None = None) -> int:
    """Remove the audio heard longest ago until the folder is under CACHE_KEPT of
    ``limit`` (CACHE_LIMIT), when it is over the limit; returns how many files went."""
    limit = CACHE_LIMIT if limit is None else limit
    try:
        stats = [(entry.stat(), entry.path) for entry in os.scandir(folder) if entry.name.endswith(".wav")]
        files = [(stat.st_mtime, stat.st_size, name) for stat, name in stats]
    except OSError:
        return 0
    total = sum(size for _, size, _ in files)
    if total <= limit:
        return 0
    removed = 0
    for _, size, name in sorted(files):
        if total <= limit * CACHE_KEPT:
            break
        try:
            os.unlink(name)
        except OSError:
            continue
        total -= size
        removed += 1
    return removed


def _keep(path: Path | None, wav: bytes) -> None:
    if path is None:
        return
    partial = path.with_suffix(f".{os.getpid()}.part")
    try:
        partial.write_bytes(wav)
        os.replace(partial, path)  # readers never see half a file
        _prune(path.parent)
    except OSError:
        try:
            partial.unlink()
        except OSError:
            pass


def speak(text_or_tokens, speed="normal", voice_setting: str | None = None) -> Audio:
    """Read a text (or annotated tokens) aloud. ``speed`` is "normal", "slow" or a
    factor. Raises DubaoError when there is nothing to read (no Han character with
    a reading, digit or Latin letter), the text is over MAX_CHARS characters, or no
    synthesizer is installed (SpeechUnavailable, with how to install one)."""
    factor = _speed(speed)
    words = spoken_form(text_or_tokens)
    text = text_or_tokens if isinstance(text_or_tokens, str) else "".join(t.text for t in text_or_tokens)
    skipped = "".join(w.skipped for w in words)
    if not any(w.marked for w in words):
        shown = text if len(text) <= 30 else text[:29] + "…"
        why = f"; no reading for {skipped}" if skipped else ""
        raise DubaoError(f"nothing to read aloud in {shown!r}: it has no Han characters, digits or "
                         f"Latin letters that can be spoken{why}")
    chosen = voice(voice_setting)
    spoken = numbered_text(words)
    folder = cache_folder()
    path = _cache_file(folder, chosen.name, factor, spoken) if folder is not None else None
    wav = _recall(path)
    cached = wav is not None
    if wav is None:
        wav = chosen.synthesize(words, factor)
    audio = Audio(wav=wav, text=text, pinyin=marked_text(words), spoken=spoken, voice=chosen.name,
                  speed=factor, skipped=skipped, cached=cached)
    if not cached and (audio.duration <= CACHE_SECONDS or getattr(chosen, "cache_long_audio", True)):
        _keep(path, wav)
    return audio


def available() -> str | None:
    """None when the voice can be loaded, else the one line saying how to install it."""
    try:
        voice()
    except DubaoError as error:
        return str(error)
    return None
