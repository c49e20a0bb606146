"""Annotations remembered between sessions: a second process reads the tokens from
the cache folder instead of annotating again; a changed glossary or override list
is never served stale tokens; no writable cache folder means no cache, not an error."""

import subprocess
import sys

import pytest

from dubao import annotate
from dubao.language import remembered

SENTENCE = "村民李大姐无奈地说：“刘主任，我们村这路，好多地方都不好走。”"


@pytest.fixture
def own_cache(tmp_path, monkeypatch):
    """The annotation cache in a fresh folder (the dictionary caches stay where they are)."""
    monkeypatch.setattr(remembered, "cache_folder", lambda: tmp_path)
    remembered.reset()
    yield tmp_path
    remembered.reset()


def test_a_new_process_reads_what_the_last_one_annotated():
    first = annotate(SENTENCE)
    script = ("import dubao.language.segment as s, dubao\n"
              "s.cut = None  # the segmenter cannot run: the tokens must come from the cache\n"
              f"print(' '.join(t.pinyin for t in dubao.annotate({SENTENCE!r}) if t.pinyin))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == " ".join(t.pinyin for t in first if t.pinyin)


def test_the_cache_is_used_and_a_changed_override_list_is_never_served_old_tokens(own_cache, corpus_copy):
    assert [t.pinyin for t in annotate("都不好走")][1] == "bù hǎo"
    assert (own_cache / "annotations.sqlite3").exists()
    overrides = corpus_copy / "pinyin-overrides.yaml"
    overrides.write_text(overrides.read_text(encoding="utf-8") +
                         "\n- word: 不好\n  pinyin: bù hào\n  context: 都不好走\n"
                         "  reason: a test of the cache (好 read as in 爱好)\n", encoding="utf-8")
    assert [t.pinyin for t in annotate("都不好走")][1] == "bù hào"


def test_no_writable_cache_folder_means_no_cache_and_no_error(monkeypatch):
    monkeypatch.setattr(remembered, "cache_folder", lambda: None)
    remembered.reset()
    assert [t.text for t in annotate("读报")] == ["读报"]
    assert remembered._connect() is None
    remembered.reset()


def test_a_lone_surrogate_is_remembered_like_any_text(own_cache):
    text = "读\ud800报"
    assert "".join(t.text for t in annotate(text)) == text
    assert "".join(t.text for t in annotate(text)) == text  # now from the cache


def test_prepare_reads_the_whole_page_into_the_cache():
    from conftest import run_cli

    out = run_cli("prepare")
    assert out.returncode == 0 and "Ready in" in out.stdout, out.stderr
    # a new process with the segmenter disabled can still read every heading and sentence
    script = ("import dubao.language.segment as s, dubao\n"
              "from dubao.corpus import page_units\n"
              "s.cut = None\n"
              "print(sum(1 for _, text in page_units(reader_lines=True) if dubao.annotate(text)))")
    after = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert after.returncode == 0, after.stderr
    assert int(after.stdout) > 100


def test_remembered_tokens_equal_the_engine_s(own_cache):
    from dubao.language import _annotate

    text = "翰凯斯的无人驾驶产品已从实验室原型走向景区。3D打印，2025年。"
    annotate(text)  # remembered
    assert annotate(text) == _annotate(text, False)  # read back as JSON, every field the same
    assert "annotation_json" in str(remembered._SCHEMA)  # JSON, never a pickle that would run code
