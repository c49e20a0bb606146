"""Practice: grading what a learner answers or returns, and keeping their progress."""

__all__ = ["code_check"]
