"""The course: the lessons tool and what it generates from solutions/ (student
lessons, and the nbgrader source notebooks of a class)."""

__all__ = ["nbgrader_cells"]
