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


__all__ = sorted(_LAZY)


def lazy_names(package: str, table: dict, namespace: dict):
    """``__getattr__`` and ``__dir__`` for a package whose public names load on first
    use: ``table`` maps each name to "module:attribute", or to "module" alone for
    a submodule. The value is kept in ``namespace`` so the import happens once."""

    def __getattr__(name):
        target = table.get(name)
        if target is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module_name, colon, attribute = target.partition(":")
        module = import_module(module_name)
        value = getattr(module, attribute) if colon else module
        namespace[name] = value
        return value

    def __dir__():
        return sorted(list(namespace) + list(table))

    return __getattr__, __dir__


__getattr__, __dir__ = lazy_names("dubao", _LAZY, globals())
