"""dubao (读报) is the engine of a Jupyter course kit for reading one real Chinese
newspaper page. It loads and validates the corpus, and gives segmentation, pinyin,
glosses, HSK levels, figures, grading and progress to the widgets, the lessons and
the command line. It never imports ipywidgets, so scripts and tests can use it
without a user interface.

Heavy parts load on first use: ``import dubao`` stays cheap, and the names below
are resolved lazily (``dubao.annotate``, ``dubao.vocab`` ...).
"""

from importlib import import_module

__version__ = "0.1.0"

# Public name -> "module:attribute" (or just "module" for a submodule).
_LAZY = {
    "annotate": "dubao.language:annotate",
    "difficulty": "dubao.language:difficulty",
    "vocab": "dubao.content.vocabulary:vocab",
    "corpus": "dubao.corpus",
    "figures": "dubao.content.figures",
    "questions": "dubao.content.questions",
    "answers": "dubao.practice.answers",
    "use_chinese_style": "dubao.charts:use_chinese_style",
    "speak": "dubao.practice.speech:speak",
    "spoken_pinyin": "dubao.practice.speech:spoken_pinyin",
}


def __getattr__(name):
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'dubao' has no attribute {name!r}")
    module_name, _, attribute = target.partition(":")
    module = import_module(module_name)
    value = getattr(module, attribute) if attribute else module
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
