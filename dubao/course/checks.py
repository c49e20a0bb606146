"""Everything ``python -m dubao check`` validates, gathered from the modules that
own each kind of data. Each module listed here offers ``problems() -> list[Problem]``.
A listed module that is missing or has no ``problems()`` is itself a problem, so
that after a rename no part of the content silently stops being checked.
A module may also offer ``warnings() -> list[Problem]``: things to review (the
unreviewed drafts of an added article) that do not fail the check.
"""

import importlib
import importlib.util

from dubao.errors import CorpusError, Problem

# module name -> what it checks (shown with --verbose)
CHECKED_BY = {
    "dubao.corpus.edition_check": "the cleaned edition is up to date and accounts for every source character",
    "dubao.corpus": "article and translation files",
    "dubao.language": "glossary and pinyin overrides",
    "dubao.content.figures": "figures dataset, not-figures and chart series",
    "dubao.content.questions": "question banks, language focus and context notes",
    "dubao.content.exercises": "plotting exercises",
    "dubao.course.chart_solutions": "a worked solution for every chart exercise",
    "dubao.content.vocabulary": "curated vocabulary lists",
}


def _module(module_name: str):
    """The checking module, or a Problem saying why it cannot check."""
    where = "dubao/course/checks.py"
    try:
        found = importlib.util.find_spec(module_name)
    except ModuleNotFoundError:
        found = None
    if found is None:
        return Problem(where, None, f"the registered check module {module_name} does not exist",
                       "fix its name in CHECKED_BY or restore the module")
    module = importlib.import_module(module_name)
    if not callable(getattr(module, "problems", None)):
        return Problem(where, None, f"the registered check module {module_name} has no problems()",
                       "give it problems() -> list[Problem], or remove it from CHECKED_BY")
    return module


def all_problems(verbose_log=None) -> list[Problem]:
    found = []
    for module_name, what in CHECKED_BY.items():
        module = _module(module_name)
        if isinstance(module, Problem):
            found.append(module)
            continue
        try:
            result = module.problems()
        except CorpusError as error:
            result = error.problems
        if verbose_log:
            verbose_log(f"{what}: {len(result)} problem(s)")
        # a module that needs the corpus hands back the corpus's own problems: say each once
        found += [problem for problem in result if problem not in found]
    return found


def all_warnings() -> list[Problem]:
    found = []
    for module_name in CHECKED_BY:
        module = _module(module_name)
        if isinstance(module, Problem):
            continue  # all_problems reports it
        if hasattr(module, "warnings"):
            found += module.warnings()
    return found
