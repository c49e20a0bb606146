"""The Reader's first view of a 200,000-character text against the qingzhen article,
timed in this process. It imports the widgets, so it lives outside the engine;
``python -m dubao bench`` runs it as a subprocess and prints the figure (figure 6).
Usage: python benchmarks/reader_first_view.py RUNS  (prints one JSON line)."""

import json, statistics, sys, time
from dubao import corpus
from widgets import Reader
from widgets import reader as reader_module

paragraphs = [p.text for a in corpus.articles() for p in a.paragraphs]
out, size = [], 0
while size < 200_000:  # the page's own paragraphs, repeated
    for paragraph in paragraphs:
        out.append(paragraph)
        size += len(paragraph)
long_text = "\n".join(out)

def first_view(make):
    reader_module.reload()  # each run annotates its first part afresh
    began = time.perf_counter()
    make()
    return time.perf_counter() - began

first_view(lambda: Reader("qingzhen"))  # warm-up: models and dictionaries loaded once
runs = int(sys.argv[1])
long, short = [], []
for _ in range(runs):  # alternate, so both see the same machine load
    long.append(first_view(lambda: Reader(text=long_text)))
    short.append(first_view(lambda: Reader("qingzhen")))
print(json.dumps({"long": long, "short": short, "characters": len(long_text),
                  "qingzhen": len(corpus.article("qingzhen").text)}))
