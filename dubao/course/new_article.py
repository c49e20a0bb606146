"""Adding an instructor's own article to the course: ``python -m dubao new-article``.

A plain UTF-8 text (one paragraph per line) becomes a corpus entry that an
instructor can review and teach, in the same formats as the page's pieces:

- ``corpus/source/<id>.txt``: the text exactly as given (byte for byte);
- ``corpus/articles/<id>.yaml``: the cleaned text with sentence ids (``<id>.p1.s1``);
- a draft key-word list (words above HSK 4, no names or function words) in
  ``corpus/vocabulary.yaml``, between ``new-article draft`` marker comments;
- a draft figure record for every Arabic number in ``corpus/figures.yaml``,
  each ``reviewed: false``, between the same kind of markers;
- cloze items (a sentence with a key word blanked, four choices) as the question
  bank ``corpus/questions/<id>.yaml``;
- a lesson draft ``solutions/NN-<id>.ipynb`` with the course's nine-part skeleton.

Everything is computed first (``prepare``) and written only when all of it
succeeded (``write``), so bad input never leaves half an article behind.
"""

import random
from dataclasses import dataclass, field
from pathlib import Path

from dubao import yamlio
from dubao.course.draft_blocks import figures_text, not_figures_text, without_block
from dubao.course.source_text import check_text, read_source  # noqa: F401 (read_source is part of this API)
from dubao.language import hsk
from dubao.errors import DubaoError
from dubao.paths import COURSE_DIR, corpus_dir

MAX_DRAFT_WORDS = 15
MAX_CLOZE_ITEMS = 8
BLANK = "＿＿"
CLAUSE_ENDS = "，。、；：！？“”（）"



@dataclass
class Draft:
    """Everything ``new-article`` will write: file path -> text (or bytes)."""

    article_id: str
    files: dict[Path, str | bytes] = field(default_factory=dict)
    sentences: int = 0
    words: list = field(default_factory=list)        # draft key words (VocabWord)
    unlisted: list = field(default_factory=list)     # found words without a dictionary entry
    figures: list = field(default_factory=list)
    not_figures: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    lesson: Path | None = None
    strokes_note: str = ""                           # what became of the new characters' stroke data


# ------------------------------------------------------------------- reading input

def check_id(article_id: str, force: bool, folder: Path) -> None:
    from dubao import corpus

    if not corpus.ID_PATTERN.match(article_id or ""):
        raise DubaoError(f"--id {article_id!r} is not a valid id: use lower-case letters, digits and '-', "
                         "e.g. school-notice")
    if article_id in corpus.page_pieces():
        raise DubaoError(f"--id {article_id!r} is a piece of the page; choose another id")
    exists = (folder / "articles" / f"{article_id}.yaml").exists()
    if exists and not force:
        raise DubaoError(f"article {article_id!r} exists already (corpus/articles/{article_id}.yaml); "
                         "choose another id, or add --force to replace it")


# ------------------------------------------------------------------ the article

def article_record(text: str, article_id: str, title: str, source: str | None, date: str | None) -> dict:
    """The article in the format of corpus/articles/*.yaml, with the line of the
    source file each paragraph comes from."""
    from dubao import corpus
    from dubao.corpus.cleaning import clean_line

    article = corpus.article_from_text(text, article_id, title, source)
    if not article.paragraphs:
        raise DubaoError("the text has no paragraphs (only blank lines or markup)")
    lines = text.replace("\r\n", "\n").split("\n")
    # article_from_text makes one paragraph of each line that is not empty after cleaning
    used = [n for n, raw in enumerate(lines, start=1) if clean_line(raw.strip(), n, []).text]
    paragraphs = [{"id": p.id, "source_lines": [line],
                   "sentences": [{"id": s.id, "text": s.text} for s in p.sentences]}
                  for p, line in zip(article.paragraphs, used)]
    return {
        "id": article_id, "title": title, "title_editorial": False, "subtitle": None, "kicker": None,
        "column": None, "source": source, "byline": None, "dateline": None, "date": date,
        "status": ["complete"], "continuation": None, "caption": None, "related": [],
        "source_file": f"source/{article_id}.txt", "source_lines": [used[0], used[-1]],
        "sections": [{"id": f"{article_id}.sec1", "title": None, "subtitle": None, "paragraphs": paragraphs}],
    }


def _sentences(record: dict) -> list[tuple[str, str]]:
    return [(s["id"], s["text"]) for sec in record["sections"] for p in sec["paragraphs"] for s in p["sentences"]]


ARTICLE_NOTE = (
    "# WRITTEN by `python -m dubao new-article` from corpus/{source}: an instructor's own\n"
    "# article, one paragraph per line of that file. To change the text, edit the source\n"
    "# file and run new-article again with --force (sentence ids follow the paragraphs).\n"
)


# ------------------------------------------------------------------ vocabulary

def draft_words(record: dict) -> tuple[list, list]:
    """Study words of the text above HSK 4 (or not on the HSK list), most frequent
    first, chosen as ``dubao.content.vocabulary`` chooses the page's found words: the
    draft key words (a dictionary or glossary entry, at most MAX_DRAFT_WORDS),
    and the other words, whose gloss is only composed from their characters.
    Each key word's gloss is the sense dubao.language.senses chooses (see ``gloss_choices``)."""
    from dataclasses import replace

    import dubao
    from dubao.content import vocabulary
    from dubao.language import senses

    pairs = [(sid, token) for sid, text in _sentences(record) for token in dubao.annotate(text)]
    first, counts = vocabulary.first_uses(pairs)
    found = [t for t, (_, token) in first.items() if _studyable(token) and vocabulary.above(token, 4)
             and _worth_teaching(token)]
    # the words that say what this text is about: frequent here, rare in general
    # (tf-idf, with jieba's dictionary frequencies as the general language)
    found.sort(key=lambda t: (-_keyness(t, counts[t]), t))
    # a gloss from the dictionary or the glossary; or composed from the characters
    # (鸡粪 "chicken + manure") for a word the text uses more than once (its topic)
    listed = [t for t in found if first[t][1].gloss and (first[t][1].dictionary or first[t][1].is_term
                                                         or counts[t] >= 2)]
    words = [vocabulary.vocab_word(t, first, counts, record["id"], True) for t in found]
    keys = [w for w in words if w.word in listed][:MAX_DRAFT_WORDS]
    choices = {w.word: senses.choose_for_token(first[w.word][1]) for w in keys}
    keys = [replace(w, gloss=choices[w.word].gloss or w.gloss) for w in keys]
    GLOSS_CHOICES[record["id"]] = choices
    return keys, [w for w in words if w.word not in listed][:MAX_DRAFT_WORDS]


# Words a reader gets without help: place words (村里), adverbs, directions
SKIP_TAGS = {"s", "d", "f"}
NAME_TAGS = {"nr", "nrt", "nrfg", "ns", "nt", "nz"}


def _studyable(token) -> bool:
    """As for the page's found words, except that jieba's name tags are not
    believed for a word CC-CEDICT has as a common word (屠宰 nr, 扎根 ns, 无人驾驶 nr)."""
    from dubao.content import vocabulary

    from dubao.language import cedict

    named = (token.pos or "") in NAME_TAGS
    if named and not cedict.lookup(token.text) and not token.is_term:
        return False  # 刘丽, 羊昌镇: jieba calls it a name and no dictionary knows it
    if vocabulary.studyable(token):
        return True
    # CC-CEDICT writes a name's pinyin capitalised (Gui4 yang2); the token's copy is
    # lower-cased, so the entry itself is asked
    common = any(not entry.is_proper_noun for entry in cedict.lookup(token.text)) and not token.is_term
    return bool(token.pinyin) and (token.pos or "") in NAME_TAGS and common


def _worth_teaching(token) -> bool:
    """Not a single character (副, 兼: a one-character gloss misleads more than it
    helps), not a place, adverb or direction word, and not a number (五年)."""
    from dubao.content import number_drafts

    if len(token.hsk_chars) < 2 or (token.pos or "") in SKIP_TAGS or _looks_like_a_name(token):
        return False
    return not any(d.what == "amount" for d in number_drafts.draft(token.text))  # 五年: a number


# A word no dictionary knows that ends in one of these is a place (羊昌镇, 平坝村)
PLACE_ENDINGS = set("省市县区镇乡村州")


def _looks_like_a_name(token) -> bool:
    """A word that no dictionary or glossary knows, of two or three characters, that
    starts with a surname (刘丽, 杨道: CC-CEDICT has the character as a surname) or
    ends in a place word (羊昌镇). A person's or a village's name is not a key word,
    and its gloss, composed from the characters ("Liu + beautiful"), would mislead."""
    from dubao.language import cedict

    word = token.text
    if token.dictionary or token.is_term:  # the token's dictionary entries are CC-CEDICT's
        return False
    if word[-1] in PLACE_ENDINGS:
        return True
    surname = any(e.is_proper_noun and e.senses and e.senses[0].startswith("surname")
                  for e in cedict.lookup(word[0]))
    return surname and len(word) <= 3


def _keyness(word: str, count: int) -> float:
    """(1 + log count) × log(N / frequency in jieba's dictionary); a word jieba
    does not list is rare. The count is damped: a news text repeats its general
    words (建设, 推动 five times each) more than its topic words."""
    import math

    from dubao.language import segment

    tokenizer = segment.tokenizer()
    return (1 + math.log(count)) * math.log(tokenizer.total / (tokenizer.FREQ.get(word) or 1))


# article id -> {word: dubao.language.senses.Choice} of the last draft_words call
GLOSS_CHOICES: dict[str, dict] = {}


def gloss_note(choice) -> str:
    """How a draft gloss was chosen, for the reviewer: a reviewed glossary entry,
    or a rule (and whether the rule was sure)."""
    if choice is None or not choice.by_rule:
        return "[glossary]"
    note = f"[{choice.rule}"
    if choice.unsure:
        note += "; UNSURE, also: " + "; ".join(_one_line(o) for o in choice.others[:2])
    return note + "]"


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def vocabulary_text(old: str, article_id: str, words: list, unlisted: list) -> str:
    """corpus/vocabulary.yaml with this article's draft list (replacing an earlier draft)."""
    block = [f"  # new-article draft BEGIN {article_id}: words above HSK 4 found by the engine.",
             "  # Review: keep the words worth pre-teaching, check each gloss, then delete",
             "  # this comment and the END line. [rules: …] marks a sense chosen by a rule",
             "  # (no reviewed glossary entry): fix it in corpus/glossary.yaml; UNSURE ones first.",
             f"  {article_id}:" if words else f"  # {article_id}: (no study word with a dictionary entry was found)"]
    choices = GLOSS_CHOICES.get(article_id, {})
    block += [f"    - {w.word}  # {w.pinyin} · {hsk.label(w.level)} · {_one_line(w.gloss)} {gloss_note(choices.get(w.word))}"
              f" · {w.example}" for w in words]
    if unlisted:
        block.append("    # not in CC-CEDICT or corpus/glossary.yaml (add a glossary entry to keep one):")
        block += [f"    # - {w.word}  # {w.pinyin} · {_one_line(w.gloss)} · {w.example}" for w in unlisted]
    block.append(f"  # new-article draft END {article_id}")
    base = without_block(old, article_id, "vocabulary.yaml")
    text = base.rstrip("\n") + "\n" + "\n".join(block) + "\n"
    _verify_vocabulary(base, text, article_id, [w.word for w in words])
    return text


def _verify_vocabulary(base, text, article_id, words) -> None:
    import yaml

    before = (yaml.safe_load(base) or {}).get("articles") or {}
    if article_id in before:
        raise DubaoError(f"corpus/vocabulary.yaml already lists words for {article_id!r} outside a "
                         "new-article draft block; remove them first")
    after = (yaml.safe_load(text) or {}).get("articles") or {}
    if {k: v for k, v in after.items() if k != article_id} != before or (after.get(article_id) or []) != words:
        raise DubaoError("corpus/vocabulary.yaml: cannot add the draft list at the end of 'articles:' "
                         "(is another top-level key after it?)")


# --------------------------------------------------------------------- figures

def draft_numbers(record: dict) -> tuple[list[dict], list[dict]]:
    """Draft figure records (figures.yaml format, ``reviewed: false``) and draft
    not-figures (not-figures.yaml format) for every number of the text, Arabic or
    Chinese, classified by dubao.content.number_drafts."""
    from dubao.content import number_drafts

    figures, not_figures = [], []
    for sid, text in _sentences(record):
        for d in number_drafts.draft(text):
            if d.what == "not-figure":
                not_figures.append({"sentence": sid, "text": text[d.span_start:d.span_end],
                                    "reason": f"{d.reason} [draft: review]"})
                continue
            figures.append({
                "id": f"{record['id']}-{len(figures) + 1}", "sentence": sid,
                "quote": _clause(text, min(d.start, d.span_start), max(d.end, d.span_end)),
                "written": d.written, "value": d.value, "unit": d.unit, "qualifier": d.qualifier,
                "period": {"zh": "", "en": ""}, "subject": {"zh": "", "en": ""},
                "kind": d.kind, "reviewed": False, **({"_note": d.note} if d.note else {})})
    return figures, not_figures


def draft_figures(record: dict) -> list[dict]:
    """The draft figure records of ``draft_numbers``."""
    return [{k: v for k, v in f.items() if k != "_note"} for f in draft_numbers(record)[0]]


def _clause(text: str, start: int, end: int, reach: int = 8) -> str:
    """The number with a few characters either side, not beyond the clause's punctuation."""
    left = start
    while left > 0 and start - left < reach and text[left - 1] not in CLAUSE_ENDS:
        left -= 1
    right = end
    while right < len(text) and right - end < reach and text[right] not in CLAUSE_ENDS:
        right += 1
    return text[left:right]


# ---------------------------------------------------------------------- cloze

def cloze_questions(record: dict, words: list, page_words: list[str]) -> list[dict]:
    """Multiple-choice cloze items: a sentence of the text with one key word
    blanked; the other choices are key words of the same text (or of the page)."""
    others = [w.word for w in words] + [w for w in page_words if w not in {x.word for x in words}]
    questions, used_sentences = [], set()
    composed = {w for w, c in GLOSS_CHOICES.get(record["id"], {}).items() if "composed" in c.rule}
    for word in words:
        if word.word in composed:
            continue  # a gloss made from the characters (鸡粪) is too unsure to grade a cloze by
        sid, text = next(((s, t) for s, t in _sentences(record) if word.word in t and s not in used_sentences),
                         (None, None))
        if sid is None:
            continue
        # other key words, those as long as the answer first, none that is in the sentence
        wrong = sorted((o for o in others if o != word.word and o not in text),
                       key=lambda o: (len(o) != len(word.word), others.index(o)))[:3]
        if len(wrong) < 2:
            continue
        used_sentences.add(sid)
        number = len(questions) + 1
        options = [word.word, *wrong]
        random.Random(f"{record['id']}.q{number}").shuffle(options)
        keys = "ABCD"[:len(options)]
        gloss = _one_line(word.gloss).split(";")[0]
        questions.append({
            "id": f"{record['id']}.q{number}", "type": "multiple-choice", "skill": "vocabulary",
            "difficulty": 2, "level": min(max(word.level or 7, 1), 7), "language": "zh",
            "prompt": f"选词填空 Choose the word for the blank: {text.replace(word.word, BLANK, 1)}",
            "choices": dict(zip(keys, options)), "answer": keys[options.index(word.word)],
            "evidence": [sid],
            "explanation": f"“{text}” ({sid}) — {word.word} ({word.pinyin}): {gloss}."})
        if len(questions) == MAX_CLOZE_ITEMS:
            break
    return questions


def questions_text(article_id: str, questions: list[dict]) -> str:
    return (f"# DRAFT question bank for {article_id}, written by `python -m dubao new-article`:\n"
            "# cloze items (a sentence of the text with a key word blanked). Review each item:\n"
            "# is the blank guessable from the sentence, are the other choices clearly wrong?\n"
            "# Add your own questions (format: corpus/questions/qingzhen.yaml); `dubao check` checks them.\n"
            + yamlio.dump({"article": article_id, "draft": True, "questions": questions}))


# ---------------------------------------------------------------------- lesson

def lesson_path(solutions: Path, article_id: str) -> Path:
    """solutions/NN-<id>.ipynb: the next free number, or the number this
    article's lesson already has (with --force)."""
    existing = sorted(solutions.glob("[0-9][0-9]-*.ipynb"))
    for path in existing:
        if path.stem[3:] == article_id:
            return path
    numbers = [int(p.name[:2]) for p in existing]
    number = max(numbers) + 1 if numbers else 1
    if number > 99:
        raise DubaoError(f"{solutions}: no lesson number left (00-99 are taken)")
    return solutions / f"{number:02d}-{article_id}.ipynb"


def write(draft: Draft) -> list[Path]:
    """Write every file of a prepared draft, all or none (folders are created as needed)."""
    from dubao.course.source_text import write_all

    return write_all(draft.files)


def prepare(source_file: Path, article_id: str, title: str, source: str | None = None,
            date: str | None = None, force: bool = False, folder: Path | None = None,
            solutions: Path | None = None) -> Draft:
    """Compute every file of the new article; nothing is written. Raises a
    DubaoError (one line) for bad input."""
    from dubao.course import lesson_draft

    folder = Path(folder or corpus_dir())
    solutions = Path(solutions or COURSE_DIR / "solutions")
    if not (title or "").strip():
        raise DubaoError("--title is empty: give the article's title, e.g. --title 学校通知")
    data, text = read_source(Path(source_file))
    check_text(Path(source_file), text)
    check_id(article_id, force, folder)
    record = article_record(text, article_id, title.strip(), source, date)
    draft = Draft(article_id, sentences=len(_sentences(record)))
    draft.files[folder / "source" / f"{article_id}.txt"] = data
    draft.files[folder / "articles" / f"{article_id}.yaml"] = (
        ARTICLE_NOTE.format(source=record["source_file"]) + yamlio.dump(record))
    draft.strokes_note = stroke_data(draft, folder, draft.files[folder / "articles" / f"{article_id}.yaml"])
    draft.words, draft.unlisted = draft_words(record)
    vocabulary_file = folder / "vocabulary.yaml"
    old = yamlio.read_text(vocabulary_file) if vocabulary_file.exists() else "articles:\n"
    draft.files[vocabulary_file] = vocabulary_text(old, article_id, draft.words, draft.unlisted)
    noted, draft.not_figures = draft_numbers(record)
    draft.figures = [{k: v for k, v in f.items() if k != "_note"} for f in noted]
    figures_file = folder / "figures.yaml"
    old = yamlio.read_text(figures_file) if figures_file.exists() else ""
    draft.files[figures_file] = figures_text(old, article_id, noted)
    not_figures_file = folder / "not-figures.yaml"
    old = yamlio.read_text(not_figures_file) if not_figures_file.exists() else ""
    new = not_figures_text(old, article_id, draft.not_figures)
    if new != old:  # written only when it changes (a text may have no number that is not a figure)
        draft.files[not_figures_file] = new
    draft.questions = cloze_questions(record, draft.words, _page_words(old_vocabulary=vocabulary_file))
    bank = folder / "questions" / f"{article_id}.yaml"
    if draft.questions:
        draft.files[bank] = questions_text(article_id, draft.questions)
    elif bank.exists():
        raise DubaoError(f"corpus/questions/{article_id}.yaml exists, but the new text gives no cloze "
                         "item to replace it with; remove the file first")
    draft.lesson = lesson_path(solutions, article_id)
    draft.files[draft.lesson] = lesson_draft.notebook_text(draft, record)
    return draft


def _page_words(old_vocabulary: Path) -> list[str]:
    """The page's curated key words: distractors when the text itself has too few."""
    if not old_vocabulary.exists():
        return []
    data = yamlio.load(old_vocabulary, dict)
    return [w for words in (data.get("articles") or {}).values() for w in words or []]


# ------------------------------------------------------------------- stroke data

STROKE_TOOL = COURSE_DIR / "tools" / "fetch_hanzi_writer.py"


def stroke_data(draft: Draft, folder: Path, text: str) -> str:
    """Add the stroke data of the article's new characters to the draft (the
    shipped data holds only the corpus's characters), by the course's own
    tools/fetch_hanzi_writer.py; returns a note for the instructor, "" when
    nothing was needed. A failure (offline, no npm) is a note, never a stop."""
    import importlib.util

    from dubao.language import characters
    from dubao.language.han import is_han

    new = {ch for ch in text if is_han(ch)} - characters.shipped_characters()
    drawable = new & characters.package_characters()
    if not drawable:
        return ""
    rebuild = f"{len(drawable)} new character(s) have no stroke data yet: run python tools/fetch_hanzi_writer.py"
    # the shipped data belongs to the course's own corpus, not to a copy elsewhere
    if folder.resolve() != (COURSE_DIR / "corpus").resolve() or not STROKE_TOOL.exists():
        return rebuild
    try:
        spec = importlib.util.spec_from_file_location("fetch_hanzi_writer", STROKE_TOOL)
        tool = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(tool)
        files, _missing = tool.build(corpus=folder, extra=new)
    except (DubaoError, OSError) as error:
        return f"{rebuild} ({error})"
    draft.files.update({path: content for path, content in files.items()
                        if not path.exists() or path.read_bytes() != content})
    return f"stroke data added for {len(drawable)} new character(s): {''.join(sorted(drawable))}"