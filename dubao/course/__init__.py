"""The instructor's floor: the lessons tool that turns solutions/ into lessons/, the
new-article path and its lesson drafts, the nbgrader source notebooks of a class
(nbgrader_cells), the worked chart solutions, and the registry
of everything ``python -m dubao check`` validates."""
