"""Everything ``python -m dubao check`` validates, gathered from the modules that
own each kind of data. Each module listed here offers ``problems() -> list[Problem]``;
a module that does not exist yet is skipped, so content can land piece by piece.
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
    "dubao.content.figures": "figures dataset",
    "dubao.content.questions": "question banks, language focus and context notes",
    "dubao.content.exercises": "plotting exercises",
    "dubao.content.vocabulary": "curated vocabulary lists",
}


def all_problems(verbose_log=None) -> list[Problem]:
    found = []
    for module_name, what in CHECKED_BY.items():
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if not hasattr(module, "problems"):
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
        if importlib.util.find_spec(module_name) is None:
            continue
        module = importlib.import_module(module_name)
        if hasattr(module, "warnings"):
            found += module.warnings()
    return found
