"""The Reader's word panel, timed in this process: for each key word of the
qingzhen article, the gloss panel alone (the baseline) and the characters part
under it (strokes data, readings, the page's other words). It imports the
widgets, so it lives outside the engine; ``python -m dubao bench`` runs it as a
subprocess (figure 8). Usage: python benchmarks/word_panel.py RUNS (one JSON line)."""

import json, sys, time
from dubao.content.vocabulary import curated_words
from widgets import Reader
from widgets import reader as reader_module

reader = Reader("qingzhen")
words = curated_words("qingzhen")
began = time.perf_counter()
reader.characters_panel._on_word({"new": words[0]})  # the first choice builds the Strokes widget
first = time.perf_counter() - began
gloss, characters = [], []
for _ in range(int(sys.argv[1])):
    for word in words:  # alternate, so both see the same machine load
        began = time.perf_counter()
        reader_module._gloss_panel(reader.article, word, "")
        gloss.append(time.perf_counter() - began)
        began = time.perf_counter()
        reader.characters_panel._on_word({"new": word})
        characters.append(time.perf_counter() - began)
print(json.dumps({"gloss": gloss, "characters": characters, "first": first, "words": len(words)}))
