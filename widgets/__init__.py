"""ipywidgets views over the dubao engine: the Reader, the quizzes, the flashcards
and the plotting exercises that students use in the lessons.

Names load lazily, so ``from widgets import Reader`` only imports what the Reader
needs.
"""

from importlib import import_module

_LAZY = {
    "PlotExercise": "widgets.plot_exercise",
    "ComprehensionQuiz": "widgets.comprehension",
    "Reader": "widgets.reader",
    "VocabQuiz": "widgets.vocab_quiz",
    "Flashcards": "widgets.flashcards",
    "VocabList": "widgets.panels",
    "ContextNote": "widgets.panels",
    "ProgressView": "widgets.panels",
    "LanguageFocus": "widgets.language_focus",
    "CodeCheck": "widgets.exercise",
    "ListenButton": "widgets.listen",
    "ListeningQuiz": "widgets.listening",
    "Strokes": "widgets.strokes",
    "WritingQuiz": "widgets.writing_quiz",
    "CharacterList": "widgets.characters",
}


def __getattr__(name):
    module_name = _LAZY.get(name)
    if module_name is None:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}")
    value = getattr(import_module(module_name), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(list(globals()) + list(_LAZY))
