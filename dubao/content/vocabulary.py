"""Vocabulary lists of each piece: the curated key words (``corpus/vocabulary.yaml``)
plus the words the engine finds above a chosen HSK level. Each word comes with
its pinyin, gloss, level, frequency on the page and an example sentence id.

Function words, numbers and names are left out of the found words (they are not
what a learner studies from a news page), but a curated word is always kept.

    >>> [w.word for w in vocab("qingzhen")][:3]
    ['鸡粪', '肉鸡', '养殖']
"""

from collections import Counter
from dataclasses import asdict, dataclass, field
from functools import lru_cache

from dubao import corpus, yamlio
from dubao.errors import CorpusError, Problem
from dubao.language.han import count_han
from dubao.paths import corpus_dir
from dubao.schema import Model, Text, validate

__all__ = ["SKIPPED_POS", "VocabWord", "VocabularyFile", "above", "curated_words", "first_uses", "problems", "reload",
           "study_words", "studyable", "vocab", "vocab_word"]

# jieba part-of-speech flags of words that are not study vocabulary: particles,
# prepositions, conjunctions, pronouns, numerals, measure words, punctuation and
# other non-words, and proper names (people, places, organisations).
SKIPPED_POS = {"u", "uj", "ul", "uz", "ud", "ug", "uv", "p", "c", "r", "m", "mq", "q", "x", "w",
               "nr", "nrt", "nrfg", "ns", "nt", "nz", "eng"}


class VocabularyFile(Model):
    """corpus/vocabulary.yaml: each article id with its curated key words (a list may
    be left empty while a new article's words are chosen)."""

    articles: dict[str, list[Text] | None]


@dataclass(frozen=True)
class VocabWord:
    word: str
    pinyin: str
    gloss: str | None
    level: int | None          # HSK 3.0 level, 7 for 7–9, None when not on the list
    frequency: int             # how many times the word occurs in the article
    example: str | None        # the id of the first sentence that uses it
    curated: bool              # on the teacher's key-word list
    article: str = ""
    senses: tuple[str, ...] = field(default=())
    word_class: str | None = None  # n noun, v verb, a adjective … (jieba's tag, first letter)

    def to_dict(self) -> dict:
        """Plain data for JSON (senses as a list)."""
        return {**asdict(self), "senses": list(self.senses)}


def curated_words(article_id: str) -> list[str]:
    return list((_curated().get(article_id) or []))


def _curated() -> dict:
    path = corpus_dir() / "vocabulary.yaml"
    if not path.exists():
        return {}
    # keyed on the file's place, size and time, so an edited list (or another
    # DUBAO_CORPUS_DIR) is read again instead of served stale
    stat = path.stat()
    return _curated_at(str(path), (stat.st_size, stat.st_mtime_ns))


@lru_cache(maxsize=4)
def _curated_at(path: str, stamp: tuple) -> dict:
    record, problems = validate(VocabularyFile, yamlio.load(path, dict))
    if record is None:
        raise CorpusError(problems)
    return dict(record.articles)


def reload() -> None:
    """Forget the key-word lists and the annotated articles read so far. They are
    keyed on the file's stamp and the text, so this is for tests that change the
    engine underneath, not for an edited vocabulary.yaml (that is read again anyway)."""
    _curated_at.cache_clear()
    _tokens_of.cache_clear()


def _article_tokens(article_id: str) -> tuple:
    """(sentence id, token) for every word token of an article."""
    from dubao.language import glossary

    # remembered per article text and glossary, so an edited glossary.yaml or
    # article is annotated again, as annotate() itself would
    article = corpus.article(article_id)
    return _tokens_of(article.id, article.text, glossary.glossary(), glossary.overrides())


@lru_cache(maxsize=32)
def _tokens_of(article_id: str, text: str, glossary, overrides) -> tuple:
    import dubao

    pairs = []
    for sentence in corpus.article(article_id).sentences:
        pairs += [(sentence.id, token) for token in dubao.annotate(sentence.text)]
    return tuple(pairs)


def studyable(token) -> bool:
    """Whether a token is a word to study: it has a reading and is not a name, a
    number or a function word (SKIPPED_POS)."""
    if not token.pinyin or getattr(token, "is_name", False) or getattr(token, "is_number", False):
        return False
    return (getattr(token, "pos", None) or "") not in SKIPPED_POS


def vocab(article_id: str, level: int | None = 4, include_found: bool = True) -> list[VocabWord]:
    """Curated key words first, then (if ``include_found``) every other study word of
    the article above ``level`` or not on the HSK list, most frequent first."""
    pairs = _article_tokens(corpus.article(article_id).id)
    first, counts = first_uses(pairs)
    _add_curated_phrases(article_id, first, counts)
    words = [vocab_word(w, first, counts, article_id, True) for w in curated_words(article_id) if w in first]
    if include_found:
        chosen = {w.word for w in words}
        words += study_words(pairs, article_id, level, keep=lambda token: token.text not in chosen)
    return words


def study_words(pairs, article_id: str, level: int | None = 4, curated: bool = False,
                keep=lambda token: True) -> list[VocabWord]:
    """The study words of any text, given as (sentence id, token) pairs: words
    that are not names, numbers or function words, above ``level`` or not on the
    HSK list, and for which ``keep(token)`` is true; most frequent first, each with
    its first sentence. ``vocab`` finds an article's words with it, and
    ``new-article`` an instructor's new text's."""
    first, counts = first_uses(pairs)
    found = [text for text, (_, token) in first.items()
             if studyable(token) and above(token, level) and keep(token)]
    found.sort(key=lambda t: (-counts[t], -(first[t][1].hsk or 8), t))
    return [vocab_word(t, first, counts, article_id, curated) for t in found]


def first_uses(pairs) -> tuple[dict, Counter]:
    """{word: (sentence id, token) of its first use}, and how often each word occurs."""
    first = {}
    for sentence_id, token in pairs:
        first.setdefault(token.text, (sentence_id, token))
    return first, Counter(token.text for _, token in pairs)


def _add_curated_phrases(article_id, first, counts) -> None:
    """A curated word the segmenter splits (自动|驾驶) or keeps inside a longer
    word (申请专利) is still the teacher's word: it is read with the pinyin of
    the first sentence that contains it and counted where it occurs."""
    from dubao.language import describe

    for word in curated_words(article_id):
        if word in first:
            continue
        sentences = [s for s in corpus.article(article_id).sentences if word in s.text]
        if not sentences:
            continue
        pinyin = _pinyin_in(sentences[0], word)
        first[word] = (sentences[0].id, describe(word, pinyin))
        counts[word] = sum(s.text.count(word) for s in sentences)


def _pinyin_in(sentence, word) -> str:
    at = sentence.text.index(word)
    syllables = []
    for sid, token in _article_tokens(sentence.id.split(".")[0]):
        if sid == sentence.id:
            syllables += [_syllable_of(token, k) for k in range(len(token.text))
                          if at <= token.start + k < at + len(word) and token.syllables]
    return " ".join(syllables)


def _syllable_of(token, k) -> str:
    """The syllable of the k-th character of a token (Han characters only have one)."""
    index = count_han(token.text[:k])
    return token.syllables[index]


def above(token, level) -> bool:
    """Whether a token is above an HSK level (a word not on the lists always is;
    any word is when ``level`` is None)."""
    if level is None:
        return True
    return token.hsk is None or token.hsk > level


def vocab_word(text, first, counts, article_id, curated) -> VocabWord:
    """The VocabWord for ``text`` from its first use and count (see ``first_uses``)."""
    sentence_id, token = first[text]
    return VocabWord(word=text, pinyin=token.pinyin, gloss=token.gloss, level=token.hsk,
                     frequency=counts[text], example=sentence_id, curated=curated, article=article_id,
                     senses=tuple(getattr(token, "senses", None) or ()),
                     word_class=(getattr(token, "pos", None) or "")[:1] or None)


def problems() -> list[Problem]:
    """For ``dubao check``: curated words must be articles' words, and ids must exist."""
    path = corpus_dir() / "vocabulary.yaml"
    if not path.exists():
        return []
    data = yamlio.load(path, dict)
    record, found = validate(VocabularyFile, data)
    if record is None:
        return found
    lists = data["articles"]
    known = {a.id for a in corpus.articles()}
    for article_id, words in record.articles.items():
        if article_id not in known:
            found.append(data.problem(f"vocabulary for unknown article {article_id!r}", "articles"))
            continue
        line = lists.key_lines.get(article_id)
        words = words or []
        text = corpus.article(article_id).text
        for word in sorted({w for w in words if words.count(w) > 1}):
            found.append(Problem(data.file, line, f"{article_id}: curated word {word!r} is listed twice",
                                 "remove one of them"))
        for word in words:
            if word not in text:
                found.append(Problem(data.file, lists.key_lines.get(article_id),
                                     f"{article_id}: curated word {word!r} does not occur in the article",
                                     "check the spelling against the cleaned edition"))
    for article_id in corpus.page_pieces():
        if article_id not in lists:  # a file cut short loses the last lists silently
            found.append(data.problem(f"no curated words for {article_id}, a piece of the page", "articles",
                                      f"add '{article_id}:' with its key words"))
    return found

