"""Voices: the synthesizers that turn dubao's spoken form into audio. A voice is
anything with a ``name`` (part of the audio cache key) and
``synthesize(words, speed) -> WAV bytes``; it receives ``SpokenWord`` objects with
tone-numbered pinyin (and the Han text, for a voice that wants it).

The default is espeak-ng 1.52 from the PyPI wheel ``espeakng-loader`` (pinned in
requirements.txt), driven through its C library with ``ctypes`` and its
``cmn-latn-pinyin`` voice, so it never chooses a reading itself. Debian's
``libespeak-ng1`` (1.51) is used when the wheel is absent. A better offline voice
is chosen with the ``DUBAO_VOICE`` setting:

- ``espeak`` (the default);
- ``command:PROGRAM ARGS`` runs a program for each text: ``{wav}`` in ARGS is the
  file it must write (else it writes WAV to stdout), ``{speed}`` the speed
  factor; the numbered pinyin comes on stdin, or as ``{pinyin}``, the Han text as
  ``{text}``. For piper: ``command:piper --model /srv/zh.onnx --output_file {wav}``;
- ``python:package.module:factory`` calls ``factory()`` for a Voice object (the
  place for a sherpa-onnx or piper adapter written in Python).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import importlib
import io
import os
import re
import shlex
import subprocess
import tempfile
import threading
import wave
from typing import Protocol, Sequence

from dubao.errors import DubaoError

__all__ = ["Voice", "SpeechUnavailable", "EspeakVoice", "CommandVoice", "voice", "INSTALL_HINT"]

INSTALL_HINT = ("no speech synthesizer: install espeak-ng with `pip install espeakng-loader==0.2.4` "
                "(it is in requirements.txt), or `apt-get install libespeak-ng1`; "
                "everything else in dubao works without it")
_CONTOURS = {"1": "55", "2": "35", "3": "214", "4": "51", "5": "11"}
_SYLLABLE = re.compile(r"^[a-zêü]+[1-5]$")
_LATIN = re.compile(r"^[A-Za-z]+(?:['’-][A-Za-z]+)*$")


class SpeechUnavailable(DubaoError):
    """No synthesizer could be loaded; the message says how to install one."""


class Voice(Protocol):
    """What dubao needs from a synthesizer. A voice may also set
    ``cache_long_audio = False`` when it makes long audio faster than it is worth
    keeping (espeak-ng); audio of a word is always kept."""

    name: str

    def synthesize(self, words: Sequence, speed: float) -> bytes:
        """WAV audio of ``words`` (SpokenWord) at ``speed`` (1.0 normal)."""


def wav_bytes(pcm: bytes, rate: int) -> bytes:
    """16-bit mono PCM as a WAV file."""
    out = io.BytesIO()
    with wave.open(out, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm)
    return out.getvalue()


# ------------------------------------------------------------------ espeak-ng

def espeak_syllable(syllable: str) -> str:
    """One numbered syllable as espeak's cmn-latn-pinyin reads it. Its rules fail
    on some syllables and fall back to English (xiong2 becomes "ksh-ong-two"), so
    those are given as espeak phonemes in [[ ]]: -iong (熊 雄 穷 窘), the
    syllabic nasals m, n, hm, hng (呣 嗯 哼), ê (欸); wong is written weng."""
    plain, tone = syllable[:-1], syllable[-1]
    contour = _CONTOURS[tone]
    found = re.fullmatch(r"(j|q|x)iong", plain)
    if found:
        initial = {"j": "tS;", "q": "tS;h", "x": "S;"}[found.group(1)]
        return f"[[{initial}'y{contour}N]]"
    nasal = {"m": "'m-", "n": "'n-", "hm": "X'm-", "hng": "X'N-"}.get(plain)
    if nasal:
        return f"[[{nasal}{contour}]]"
    if plain in ("ê", "e^"):
        return f"ei{tone}"
    if plain == "wong":
        return f"weng{tone}"
    return plain.replace("ü", "v") + tone


def espeak_text(words) -> str:
    """The text espeak receives: numbered pinyin, an erhua r5 joined to the
    syllable before it as a neutral er (espeak's own erhua rule: 哪儿 na3er5),
    Latin words as they are (espeak reads them as English), pauses as , and ."""
    out: list[str] = []
    for word in words:
        if word.kind == "pause":
            if out:
                out[-1] += "." if word.text in "。！？.!?\n" else ","
            continue
        if word.kind == "latin":
            out += [s for s in word.numbered if _LATIN.match(s)]
            continue
        for syllable in word.numbered:
            if syllable == "r5" and out:
                out[-1] += "er5"
            elif _SYLLABLE.match(syllable):
                out.append(espeak_syllable(syllable))
    return " ".join(out)


class _Espeak:
    """The espeak-ng library, loaded once; calls are serialised (it keeps global state)."""

    RATE, AUDIO_OUTPUT_SYNCHRONOUS, CHARS_UTF8, PHONEMES = 1, 0x02, 0x01, 0x100

    def __init__(self):
        library, data = self._find()
        try:
            self.lib = ctypes.CDLL(library)
        except OSError as error:
            raise SpeechUnavailable(f"{INSTALL_HINT} ({library}: {error})") from None
        self.lib.espeak_Info.restype = ctypes.c_char_p
        self.sample_rate = self.lib.espeak_Initialize(self.AUDIO_OUTPUT_SYNCHRONOUS, 0,
                                                      data.encode() if data else None, 0)
        if self.sample_rate <= 0:
            raise SpeechUnavailable(f"{INSTALL_HINT} (espeak-ng found no data in {data})")
        self.version = self.lib.espeak_Info(None).decode()
        if self.lib.espeak_SetVoiceByName(b"cmn-latn-pinyin") != 0:
            raise SpeechUnavailable(f"espeak-ng {self.version} has no cmn-latn-pinyin voice: {INSTALL_HINT}")
        self._chunks: list[bytes] = []
        callback_type = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                                         ctypes.c_void_p)
        self._callback = callback_type(self._collect)  # kept: the library calls it later
        self.lib.espeak_SetSynthCallback(self._callback)
        self.lib.espeak_TextToPhonemes.restype = ctypes.c_char_p
        self.lib.espeak_TextToPhonemes.argtypes = [ctypes.POINTER(ctypes.c_char_p), ctypes.c_int, ctypes.c_int]
        self.lock = threading.Lock()

    @staticmethod
    def _find():
        # The wheel's files are found without running its Python code: the wheel
        # states no licence for that code; what we use is espeak-ng's library and
        # data inside it (GPL-3.0-or-later), loaded as a separate library.
        import importlib.util
        import platform
        from pathlib import Path

        spec = importlib.util.find_spec("espeakng_loader")
        if spec is not None and spec.submodule_search_locations:
            folder = Path(list(spec.submodule_search_locations)[0])
            name = {"Windows": "espeak-ng.dll", "Darwin": "libespeak-ng.dylib"}.get(platform.system(),
                                                                                  "libespeak-ng.so")
            if (folder / name).exists() and (folder / "espeak-ng-data").is_dir():
                return str(folder / name), str(folder / "espeak-ng-data")
        found = ctypes.util.find_library("espeak-ng")
        if not found:
            raise SpeechUnavailable(INSTALL_HINT)
        return found, None

    def _collect(self, samples, count, events):
        if count > 0:
            self._chunks.append(ctypes.string_at(samples, count * 2))
        return 0

    def pcm(self, text: str, rate: int) -> bytes:
        data = text.encode()
        with self.lock:
            self._chunks = []
            self.lib.espeak_SetParameter(self.RATE, rate, 0)
            status = self.lib.espeak_Synth(data, len(data) + 1, 0, 1, 0, self.CHARS_UTF8 | self.PHONEMES,
                                           None, None)
            if status != 0:
                raise DubaoError(f"espeak-ng could not read {text[:60]!r} (status {status})")
            return b"".join(self._chunks)

    def phonemes(self, text: str) -> str:
        """espeak's own phonemes for ``text`` (for tests: what it makes of pinyin)."""
        with self.lock:
            pointer, out = ctypes.c_char_p(text.encode()), []
            while pointer.value:
                out.append(self.lib.espeak_TextToPhonemes(ctypes.byref(pointer), 1, 0).decode())
            return " ".join(out)


_espeak_lock = threading.Lock()
_espeak: list[_Espeak] = []


def _engine() -> _Espeak:
    with _espeak_lock:
        if not _espeak:
            _espeak.append(_Espeak())
        return _espeak[0]


class EspeakVoice:
    """espeak-ng's cmn-latn-pinyin: formant synthesis, tones by rule."""

    NORMAL_RATE = 175  # espeak's default words per minute; a syllable counts as a word
    cache_long_audio = False  # a long sentence is made again faster than a big file is worth keeping

    def __init__(self):
        self.engine = _engine()
        self.name = f"espeak-ng {self.engine.version} cmn-latn-pinyin"

    def synthesize(self, words, speed: float) -> bytes:
        rate = max(80, min(450, round(self.NORMAL_RATE * speed)))
        return wav_bytes(self.engine.pcm(espeak_text(words), rate), self.engine.sample_rate)

    def phonemes(self, text: str) -> str:
        return self.engine.phonemes(text)


# ------------------------------------------------------------- plug-in voices

class CommandVoice:
    """A program run once per text (see the module docstring)."""

    def __init__(self, command: str):
        self.args = shlex.split(command)
        if not self.args:
            raise DubaoError("DUBAO_VOICE=command: needs a program, e.g. command:piper --model M --output_file {wav}")
        self.name = f"command {command}"

    def synthesize(self, words, speed: float) -> bytes:
        from dubao.practice.spoken import numbered_text

        pinyin = numbered_text(words)
        text = "".join(w.text for w in words)
        with tempfile.TemporaryDirectory(prefix="dubao-voice-") as folder:
            target = os.path.join(folder, "out.wav")
            args = [a.replace("{wav}", target).replace("{pinyin}", pinyin).replace("{text}", text)
                    .replace("{speed}", f"{speed:g}") for a in self.args]
            try:
                done = subprocess.run(args, input=pinyin.encode(), capture_output=True, timeout=120, check=False)
            except (OSError, subprocess.TimeoutExpired) as error:
                raise DubaoError(f"DUBAO_VOICE program {self.args[0]!r} did not run: {error}") from None
            if done.returncode != 0:
                last = (done.stderr.decode(errors="replace").strip().splitlines() or ["no message"])[-1]
                raise DubaoError(f"DUBAO_VOICE program {self.args[0]!r} failed ({done.returncode}): {last}")
            audio = open(target, "rb").read() if "{wav}" in " ".join(self.args) and os.path.exists(target) \
                else done.stdout
        if not audio.startswith(b"RIFF"):
            raise DubaoError(f"DUBAO_VOICE program {self.args[0]!r} gave no WAV audio")
        return audio


def _python_voice(spec: str):
    module_name, _, factory = spec.partition(":")
    try:
        made = getattr(importlib.import_module(module_name), factory)()
    except (ImportError, AttributeError, ValueError) as error:
        raise DubaoError(f"DUBAO_VOICE=python:{spec}: {error} (expected python:package.module:factory)") from None
    if not callable(getattr(made, "synthesize", None)) or not getattr(made, "name", None):
        raise DubaoError(f"DUBAO_VOICE=python:{spec} gave {made!r}, which has no name and synthesize(words, speed)")
    return made


_voices: dict[str, object] = {}


def voice(setting: str | None = None):
    """The voice named by ``setting`` or by DUBAO_VOICE (default espeak-ng)."""
    setting = (setting if setting is not None else os.environ.get("DUBAO_VOICE", "")).strip() or "espeak"
    if setting not in _voices:
        kind, _, rest = setting.partition(":")
        if kind == "espeak":
            _voices[setting] = EspeakVoice()
        elif kind == "command":
            _voices[setting] = CommandVoice(rest)
        elif kind == "python":
            _voices[setting] = _python_voice(rest)
        else:
            raise DubaoError(f"DUBAO_VOICE={setting!r}: use espeak, command:PROGRAM ARGS or "
                             "python:package.module:factory")
    return _voices[setting]
