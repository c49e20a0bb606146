"""The ``dubao check`` part for the cleaned edition: it must be what the builder
makes from the source page, page.yaml and errata.yaml, and the accounting must
explain every difference between the source and the cleaned text."""

from dubao.corpus import edition
from dubao import yamlio
from dubao.errors import CorpusError, Problem
from dubao.paths import corpus_dir


def problems() -> list[Problem]:
    folder = corpus_dir()
    if not (folder / "page.yaml").exists():
        return []  # a corpus of instructor articles only: nothing to rebuild
    try:
        built = edition.build(folder)
    except CorpusError as error:
        return error.problems
    found = [Problem(name, None, "out of date with the source page, page.yaml or errata.yaml",
                     "run `python -m dubao build`") for name in edition.stale(built, folder)]
    if found:
        return found
    committed = [yamlio.load(folder / "articles" / f"{a['id']}.yaml", dict) for a in built.articles]
    return [Problem("corpus/articles", None, message, "every change needs a recorded reason")
            for message in edition.account(built, committed)]
