"""The comparison behind ``python -m dubao bench --only drafts`` (not the figures
themselves, which are a benchmark): drafts that copy the curated records are
counted as all right, and a missed figure, a wrong unit, an extra figure and a
wrong unflagged gloss are each counted where they belong."""

import yaml

from dubao import corpus
from dubao.cli.bench import drafts as bench
from dubao.paths import corpus_dir


def _perfect(article_id):
    gold = [f for f in yaml.safe_load((corpus_dir() / "figures.yaml").read_text(encoding="utf-8"))
            if f["sentence"].startswith(f"{article_id}.")]
    not_figures = [n for n in yaml.safe_load((corpus_dir() / "not-figures.yaml").read_text(encoding="utf-8"))
                   if n["sentence"].startswith(f"{article_id}.")]
    sentences = [[s.id, s.text] for s in corpus.article(article_id).sentences]
    assert gold and sentences
    return {article_id: {"sentences": sentences, "figures": [dict(f) for f in gold], "not_figures": not_figures,
                         "words": bench._curated_words()[article_id], "glosses": {}}}, len(gold)


def test_drafts_equal_to_the_curated_data_score_full_marks():
    drafts, n = _perfect("qingzhen")
    counts = bench.compare(drafts)
    assert (counts["gold"], counts["found"], counts["fields"], counts["drafted"], counts["true_all"]) == (n, n, n, n, n)
    assert counts["words_common"] == counts["words_gold"] > 0
    assert [w for w in counts["wrong"] if not w.startswith("missed not-figure") and "not-figure" not in w] == []


def test_each_kind_of_mistake_is_counted():
    drafts, n = _perfect("qingzhen")
    d = drafts["qingzhen"]
    d["figures"].pop(0)                                  # a figure missed
    d["figures"][0] = {**d["figures"][0], "unit": "羽"}  # a wrong unit
    first_text = d["sentences"][0][1]
    d["figures"].append({"sentence": d["sentences"][0][0], "quote": first_text[:2], "written": "99",
                         "value": 99, "unit": "个", "qualifier": None, "kind": "actual"})  # not in the text
    d["glosses"] = {"肉鸡": ["(computing) zombie", False], "养殖": ["to cultivate", True]}
    counts = bench.compare(drafts)
    assert (counts["found"], counts["fields"], counts["drafted"], counts["true_all"]) == (n - 1, n - 2, n, n - 1)
    assert counts["gloss_wrong_silent"] == 1 and counts["gloss_flagged"] == 1
