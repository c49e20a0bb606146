"""The page's teaching content, loaded from corpus/ and checked: the unit and
qualifier tables, the figures and their chart series, question banks, language focus
and context notes, curated vocabulary and the plotting exercises. Reads the corpus
and the language floor below it; knows nothing of grading or lessons."""
