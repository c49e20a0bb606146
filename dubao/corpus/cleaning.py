"""Cleaning one line of the source page: Markdown marks and stray tags the text
layer added are removed, errata are applied, and half-width punctuation next to
Chinese text becomes full-width. Every change is returned as a ``Change`` with
its reason, so that the ledger can explain each difference from the source."""

import re
from dataclasses import dataclass

# Half-width punctuation that Chinese text writes full-width.
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
# Markup of the text layer: Markdown heading marks, bold, a stray HTML tag, bullets.
_MARKUP = re.compile(r"^#{1,2} |^\*\*|\*\*$|</?sub>|^▲|^■|^——")
# Brackets that only wrap a byline or a jump line; they go with the move to metadata.
_WRAPPING_BRACKETS = re.compile(r"^[(（](.*)[)）]$")


@dataclass(frozen=True)
class Change:
    """One recorded difference between source and cleaned text, at a source position."""

    line: int          # 1-based source line
    col: int           # 0-based character column in that line
    before: str
    after: str
    kind: str          # join | punctuation | markup | erratum | metadata | layout
    reason: str


# ---------------------------------------------------------------- cleaning a line

def _markup_changes(raw: str, line_no: int, role: str | None) -> list[Change]:
    changes = [Change(line_no, m.start(), m.group(), "", "markup", _markup_reason(m.group()))
               for m in _MARKUP.finditer(raw)]
    if role in ("byline", "continuation"):
        inner = _WRAPPING_BRACKETS.match(raw)
        if inner:
            changes += [Change(line_no, 0, raw[0], "", "metadata", "brackets around a byline or jump line"),
                        Change(line_no, len(raw) - 1, raw[-1], "", "metadata",
                               "brackets around a byline or jump line")]
    return changes


def _markup_reason(mark: str) -> str:
    return {
        "# ": "Markdown heading mark added to the text layer",
        "## ": "Markdown heading mark added to the text layer",
        "**": "Markdown bold mark added to the text layer",
        "<sub>": "stray HTML tag in the text layer",
        "</sub>": "stray HTML tag in the text layer",
        "▲": "bullet that opens a news brief",
        "■": "square bullet that opens a column label",
        "——": "dash that introduces a printed subtitle",
    }[mark]


def _is_cjk(ch: str) -> bool:
    """Chinese characters and Chinese punctuation (including curly quotes and …, —).
    Not the Han range of dubao.language.han: punctuation next to 。 or 」 is Chinese
    text too, and this floor sits below the language floor."""
    return bool(ch) and (ch > "\u2e7f" or ch in "“”‘’…—") and not ch.isspace()


def _punctuation_changes(raw: str, line_no: int, taken: set[int]) -> list[Change]:
    """Half-width punctuation next to Chinese text becomes full-width."""
    changes = []
    for col, ch in enumerate(raw):
        if ch not in FULL_WIDTH or col in taken:
            continue
        before = raw[col - 1] if col else ""
        after = raw[col + 1] if col + 1 < len(raw) else ""
        if _is_cjk(before) or _is_cjk(after) or ch in "()" and _bracket_touches_cjk(raw, col):
            changes.append(Change(line_no, col, ch, FULL_WIDTH[ch], "punctuation",
                                  "half-width punctuation in Chinese text becomes full-width"))
    return changes


def _bracket_touches_cjk(raw: str, col: int) -> bool:
    """A bracket around Latin text (光源(HEPS)于) is still Chinese punctuation."""
    if raw[col] == "(":
        close = raw.find(")", col)
        return close != -1 and (_is_cjk(raw[col - 1] if col else "") or _is_cjk(raw[close + 1:close + 2]))
    opening = raw.rfind("(", 0, col)
    return opening != -1 and (_is_cjk(raw[opening - 1] if opening else "") or _is_cjk(raw[col + 1:col + 2]))


@dataclass
class CleanLine:
    text: str
    corrections: list[tuple[int, int, str, str, str]]  # (start, end, printed, corrected, erratum)
    changes: list[Change]


def clean_line(raw: str, line_no: int, errata: list, role: str | None = None) -> CleanLine:
    """Apply markup removal, errata and punctuation to one source line, recording each change."""
    changes = _markup_changes(raw, line_no, role)
    for col, printed, corrected, erratum_id in errata:
        changes.append(Change(line_no, col, printed, corrected, "erratum", f"erratum {erratum_id}"))
    taken = {c.col + k for c in changes for k in range(len(c.before))}
    changes += _punctuation_changes(raw, line_no, taken)
    changes.sort(key=lambda c: c.col)
    out, corrections, pos = [], [], 0
    for change in changes:
        out.append(raw[pos:change.col])
        if change.kind == "erratum":
            start = sum(map(len, out))
            corrections.append((start, start + len(change.after), change.before, change.after,
                                change.reason.removeprefix("erratum ")))
        out.append(change.after)
        pos = change.col + len(change.before)
    out.append(raw[pos:])
    return CleanLine("".join(out), corrections, changes)
