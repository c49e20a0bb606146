"""Charts with Chinese text and no set-up: ``use_chinese_style()`` makes matplotlib
draw Chinese titles, labels and ticks, with a CJK font already on the system when
there is one and otherwise with the small font the kit ships (``dubao/fonts``,
a subset of Noto Sans CJK SC under the SIL Open Font License). Matplotlib ships no
CJK font (matplotlib #22536), so without this a chart shows empty boxes.

>>> from dubao.charts import use_chinese_style
>>> use_chinese_style()          # doctest: +SKIP
'Noto Sans CJK SC'
"""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
SHIPPED_FONT = FONT_DIR / "DubaoSansSC-Regular.otf"
SHIPPED_FAMILY = "Dubao Sans SC"

# Fonts that cover simplified Chinese, best first, as found on Linux, macOS and
# Windows. A font on the system is fuller (bold, rare characters) than our subset.
SYSTEM_CJK_FAMILIES = (
    "Noto Sans CJK SC",
    "Noto Sans SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Micro Hei",
    "WenQuanYi Zen Hei",
    "PingFang SC",
    "Hiragino Sans GB",
    "Heiti SC",
    "Microsoft YaHei",
    "SimHei",
    "Sarasa Gothic SC",
)


def choose_family(available: set[str], prefer_system: bool = True) -> str:
    """The font family to use, given the family names matplotlib knows about.

    >>> choose_family({"DejaVu Sans", "WenQuanYi Micro Hei"})
    'WenQuanYi Micro Hei'
    >>> choose_family({"DejaVu Sans"})
    'Dubao Sans SC'
    >>> choose_family({"Noto Sans CJK SC"}, prefer_system=False)
    'Dubao Sans SC'
    """
    if prefer_system:
        for family in SYSTEM_CJK_FAMILIES:
            if family in available:
                return family
    return SHIPPED_FAMILY


def register_shipped_font() -> None:
    """Add the kit's font to matplotlib by path. This writes no font cache, so it
    works in a read-only course folder and right after installation."""
    from matplotlib import font_manager

    known = {Path(entry.fname) for entry in font_manager.fontManager.ttflist}
    if SHIPPED_FONT not in known:
        font_manager.fontManager.addfont(str(SHIPPED_FONT))


def use_chinese_style(prefer_system: bool = True) -> str:
    """Set matplotlib up for Chinese charts and return the family it will use.

    One call is enough, in a notebook or a script. Latin text falls back to
    DejaVu Sans for any glyph the Chinese font lacks. ``prefer_system=False``
    always uses the shipped font, for output that is the same on every machine.
    """
    import matplotlib
    from matplotlib import font_manager

    available = {entry.name for entry in font_manager.fontManager.ttflist}
    family = choose_family(available, prefer_system)
    if family == SHIPPED_FAMILY:
        register_shipped_font()
    matplotlib.rcParams.update({
        "font.family": "sans-serif",
        "font.sans-serif": [family, "DejaVu Sans"],
        # Our font has U+2212 MINUS SIGN, so negative ticks keep the proper minus.
        "axes.unicode_minus": True,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "figure.dpi": 100,
    })
    return family


def missing_characters(text: str) -> set[str]:
    """Characters of ``text`` that the shipped font cannot draw (besides spaces).

    >>> sorted(missing_characters("清镇肉鸡产能（万羽）"))
    []
    """
    return {c for c in text if not c.isspace()} - shipped_characters()


_shipped = None


def shipped_characters() -> set[str]:
    """The characters the shipped font covers (read from the font itself)."""
    global _shipped
    if _shipped is None:
        from fontTools.ttLib import TTFont

        with TTFont(str(SHIPPED_FONT), lazy=True) as font:
            _shipped = {chr(code) for code in font.getBestCmap()}
    return _shipped
