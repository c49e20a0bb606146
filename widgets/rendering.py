"""HTML for the Reader: an article's tokens as clickable words with ruby pinyin,
tone colours, corrected characters and sentence translations. Pure functions of
the engine's tokens and the learner's settings, so tests check the markup
without a browser.

Every piece of text that reaches HTML goes through ``html.escape``: article text,
glossary text, translations and an instructor's raw text alike.
"""

import html
from dataclasses import dataclass

from dubao.language.han import is_han, tone_of

# One colour per tone, the convention of Pleco and most readers: 1 red, 2 green,
# 3 blue, 4 purple, neutral grey.
TONE_COLOURS = {1: "#d62728", 2: "#1a9641", 3: "#1f4fd1", 4: "#8e24aa", 5: "#707070"}

CSS = """
.dubao-say { cursor: pointer; margin: 0 0.25em; font-size: 0.7em; opacity: 0.55; }
.dubao-say::after { content: "🔈"; }
.dubao-say:hover { opacity: 1; }
.dubao-text { line-height: 2.6; max-width: 46em; color: #1b1b1b;
  font-family: "Noto Sans CJK SC", "Noto Sans SC", "WenQuanYi Micro Hei", "PingFang SC",
  "Microsoft YaHei", sans-serif; }
.dubao-text.no-pinyin { line-height: 1.9; }
.dubao-text h3 { font-size: 1.1em; margin: 1em 0 0.2em; line-height: 2.4; }
.dubao-text h3 .dubao-subheading { display: block; font-size: 0.85em; font-weight: normal; }
.dubao-paragraph { margin: 0 0 0.9em; text-indent: 0; }
.dubao-word { cursor: pointer; border-radius: 3px; padding: 0 1px; outline: none; }
.dubao-word:hover, .dubao-word:focus { background: #fff3b0; }
.dubao-word.selected { background: #ffe066; box-shadow: 0 0 0 1px #d4a800; }
/* a little room around each ruby: without it half the neighbouring pinyin
   syllables touch (jīfèn) in chromium; with it they are ~3px apart at 20px */
.dubao-text ruby { ruby-position: over; margin: 0 0.08em; }
.dubao-text rt { font-size: 0.5em; color: #555; letter-spacing: 0; font-family: sans-serif;
  user-select: none; }
.dubao-text .tone1, .dubao-text .tone1 rt { color: #d62728; }
.dubao-text .tone2, .dubao-text .tone2 rt { color: #1a9641; }
.dubao-text .tone3, .dubao-text .tone3 rt { color: #1f4fd1; }
.dubao-text .tone4, .dubao-text .tone4 rt { color: #8e24aa; }
.dubao-text .tone5, .dubao-text .tone5 rt { color: #707070; }
.dubao-erratum { background: none; border-bottom: 2px dotted #c0392b; cursor: help; }
.dubao-erratum-deleted { border-left: 2px dotted #c0392b; margin: 0 1px; cursor: help; }
.dubao-translation { display: block; font-size: 0.68em; line-height: 1.5; color: #3b4a5a;
  margin: 0.1em 0 0.6em; font-family: Georgia, serif; }
/* a note about the text, in English without ruby: the text's ruby line height (2.6)
   spread a two-line banner over a third of the screen */
.dubao-banner { background: #fff4e5; border-left: 4px solid #f0a020; padding: 0.4em 0.8em;
  margin: 0.4em 0; font-size: 0.95em; line-height: 1.5; }
.dubao-caption { background: #f4f6f8; border-left: 4px solid #8fa3b8; padding: 0.3em 0.8em;
  margin: 0.6em 0; font-size: 0.9em; }
.dubao-meta { color: #555; font-size: 0.9em; }
.dubao-tag { font-size: 0.7em; background: #e8eef5; border-radius: 3px; padding: 0 0.4em;
  color: #334; cursor: help; }
"""


@dataclass(frozen=True)
class Settings:
    """What the learner chose: how pinyin, colours and translations are shown."""

    pinyin_mode: str = "off"      # off | all | above
    level: int = 4                # the learner's HSK level (7 = 7–9)
    tone_colors: bool = False
    show_translation: bool = False
    selected_word: str = ""
    font_size: int = 20


def escape(text) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def wants_pinyin(token, settings: Settings) -> bool:
    """Pinyin over this word? All words, or only those above the learner's level
    (words not on the HSK list, names included, count as above)."""
    if settings.pinyin_mode == "all":
        return True
    if settings.pinyin_mode == "above":
        level = getattr(token, "hsk", None)
        return level is None or level > settings.level
    return False


def render_sentence(tokens, sentence_id: str, settings: Settings, corrections=()) -> str:
    """One sentence as clickable words; corrected characters are marked."""
    marks = _correction_marks(corrections)
    out, offset = [], 0
    for token in tokens:
        out.append(_render_token(token, sentence_id, settings, offset, marks))
        offset += len(token.text)
    out.append(marks.get(("deleted", offset), ""))
    return f'<span class="dubao-sentence" data-sid="{escape(sentence_id)}">{"".join(out)}</span>'


def _correction_marks(corrections) -> dict:
    marks = {}
    for c in corrections:
        if c.start == c.end:  # a character removed from the print, e.g. a doubled 的
            marks[("deleted", c.start)] = (
                f'<span class="dubao-erratum-deleted" title="{escape(f"The print has an extra {c.printed} here")}">'
                "</span>")
        for i in range(c.start, c.end):
            marks[i] = f"Printed: {c.printed} — corrected to {c.corrected}"
    return marks


def _render_token(token, sentence_id, settings, offset, marks) -> str:
    text = token.text
    has_han = any(is_han(ch) for ch in text)
    if not has_han and not text.strip():
        return escape(text)
    syllables = (token.pinyin or "").split() if has_han else []
    show = has_han and wants_pinyin(token, settings)
    inner, k = [], 0
    for i, ch in enumerate(text):
        deleted = marks.get(("deleted", offset + i), "")
        piece = escape(ch)
        if is_han(ch) and k < len(syllables):
            syllable = syllables[k]
            k += 1
            tone = f' class="tone{tone_of(syllable)}"' if settings.tone_colors else ""
            piece = f"<ruby{tone}>{piece}<rt>{escape(syllable)}</rt></ruby>" if show else \
                (f"<span{tone}>{piece}</span>" if tone else piece)
        if offset + i in marks:
            piece = f'<mark class="dubao-erratum" title="{escape(marks[offset + i])}">{piece}</mark>'
        inner.append(deleted + piece)
    if not has_han:
        return "".join(inner)
    selected = " selected" if settings.selected_word and text == settings.selected_word else ""
    level = getattr(token, "hsk", None)
    return (f'<span class="dubao-word{selected}" data-word="{escape(text)}" data-sid="{escape(sentence_id)}"'
            f' data-hsk="{escape(level or "")}" role="button" aria-label="{escape(text)} {escape(token.pinyin)}">'
            f'{"".join(inner)}</span>')
