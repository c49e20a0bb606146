"""What a learner does with the content: grading of pinyin, numbers and free text
(``answers``), of the question banks (``question_grading``), of code exercises
(``code_check``) and of charts and number exercises (``chart_check``,
``exercise_check``); the FSRS review session (``review``), distractors, the
progress store and the Anki export. Everything here is testable without
ipywidgets; the views in widgets/ call it."""
