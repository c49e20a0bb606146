"""ipywidgets views over the dubao engine: the Reader, the quizzes, the flashcards
and the plotting exercises that students use in the lessons.

Names load lazily, so ``from widgets import Reader`` only imports what the Reader
needs.
"""

from dubao import lazy_names

_LAZY = {
    "PlotExercise": "widgets.plot_exercise:PlotExercise",
    "ComprehensionQuiz": "widgets.comprehension:ComprehensionQuiz",
    "Reader": "widgets.reader:Reader",
    "VocabQuiz": "widgets.vocab_quiz:VocabQuiz",
    "Flashcards": "widgets.flashcards:Flashcards",
    "VocabList": "widgets.panels:VocabList",
    "ContextNote": "widgets.panels:ContextNote",
    "ProgressView": "widgets.panels:ProgressView",
    "LanguageFocus": "widgets.language_focus:LanguageFocus",
    "CodeCheck": "widgets.exercise:CodeCheck",
    "ListenButton": "widgets.listen:ListenButton",
    "ListeningQuiz": "widgets.listening:ListeningQuiz",
    "Strokes": "widgets.strokes:Strokes",
    "WritingQuiz": "widgets.writing_quiz:WritingQuiz",
    "CharacterList": "widgets.characters:CharacterList",
}


__all__ = sorted(_LAZY)
__getattr__, __dir__ = lazy_names("widgets", _LAZY, globals())
