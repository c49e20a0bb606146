"""What a learner does with the content: grading of pinyin, numbers and free text
and of code exercises (code_check),
the chart checker, review scheduling, distractors, the progress store and the Anki
export. Everything here is testable without ipywidgets; the views in widgets/ call it."""
