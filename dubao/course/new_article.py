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
import re
from dataclasses import dataclass, field
from pathlib import Path

from dubao import yamlio
from dubao.errors import DubaoError
from dubao.paths import COURSE_DIR, corpus_dir

MAX_DRAFT_WORDS = 15
MAX_CLOZE_ITEMS = 8
BLANK = "＿＿"
CLAUSE_ENDS = "，。、；：！？“”（）"

# Words that hedge or bound a number, before or after it (as in dubao.content.figures).
QUALIFIERS_BEFORE = ("超过", "突破", "预计", "目标", "力争", "逾", "超", "约")
QUALIFIERS_AFTER = ("左右", "以上", "多", "余")
# A date (年 月 日 in any combination that starts with a number) or an amount
# with its multiplier and unit.
DATE = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(?:(\d{1,2})[日号])?")
AMOUNT = re.compile(r"(\d+(?:\.\d+)?)(%|[万亿]?)")


@dataclass
class Draft:
    """Everything ``new-article`` will write: file path -> text (or bytes)."""

    article_id: str
    files: dict[Path, str | bytes] = field(default_factory=dict)
    sentences: int = 0
    words: list = field(default_factory=list)        # draft key words (VocabWord)
    unlisted: list = field(default_factory=list)     # found words without a dictionary entry
    figures: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    lesson: Path | None = None
    strokes_note: str = ""                           # what became of the new characters' stroke data


# ------------------------------------------------------------------- reading input

def read_source(path: Path) -> tuple[bytes, str]:
    """The file's bytes and its text; a clear DubaoError when it cannot be used."""
    if not path.is_file():
        raise DubaoError(f"{path}: no such file")
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise DubaoError(f"{path}:{line}: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
                         "save the file as UTF-8") from None
    if not text.strip():
        raise DubaoError(f"{path}: the text is empty")
    return data, text


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
    from dubao.corpus.edition import clean_line

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
    and the other words, whose gloss is only composed from their characters."""
    from collections import Counter

    import dubao
    from dubao.content import vocabulary

    pairs = [(sid, token) for sid, text in _sentences(record) for token in dubao.annotate(text)]
    counts = Counter(token.text for _, token in pairs)
    first = {}
    for sid, token in pairs:
        first.setdefault(token.text, (sid, token))
    found = [t for t, (_, token) in first.items() if vocabulary._studyable(token) and vocabulary._above(token, 4)]
    found.sort(key=lambda t: (-counts[t], -(first[t][1].hsk or 8), t))
    listed = [t for t in found if first[t][1].gloss and (first[t][1].dictionary or first[t][1].is_term)]
    words = [vocabulary._word(t, first, counts, record["id"], True) for t in found]
    return ([w for w in words if w.word in listed][:MAX_DRAFT_WORDS],
            [w for w in words if w.word not in listed][:MAX_DRAFT_WORDS])


def _one_line(text: str | None) -> str:
    return " ".join((text or "").split())


def vocabulary_text(old: str, article_id: str, words: list, unlisted: list) -> str:
    """corpus/vocabulary.yaml with this article's draft list (replacing an earlier draft)."""
    level = lambda w: "HSK 7–9" if w.level == 7 else (f"HSK {w.level}" if w.level else "not in HSK")  # noqa: E731
    block = [f"  # new-article draft BEGIN {article_id}: words above HSK 4 found by the engine.",
             "  # Review: keep the words worth pre-teaching, check each gloss, then delete",
             "  # this comment and the END line.",
             f"  {article_id}:" if words else f"  # {article_id}: (no study word with a dictionary entry was found)"]
    block += [f"    - {w.word}  # {w.pinyin} · {level(w)} · {_one_line(w.gloss)} · {w.example}" for w in words]
    if unlisted:
        block.append("    # not in CC-CEDICT or corpus/glossary.yaml (add a glossary entry to keep one):")
        block += [f"    # - {w.word}  # {w.pinyin} · {_one_line(w.gloss)} · {w.example}" for w in unlisted]
    block.append(f"  # new-article draft END {article_id}")
    base = _without_block(old, article_id, "vocabulary.yaml")
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


def _without_block(text: str, article_id: str, name: str) -> str:
    """The text without an earlier new-article draft block of this article."""
    begin = re.compile(rf"^\s*# new-article draft BEGIN {re.escape(article_id)}\b.*$", re.M)
    end = re.compile(rf"^\s*# new-article draft END {re.escape(article_id)}\s*$\n?", re.M)
    start = begin.search(text)
    if not start:
        return text
    stop = end.search(text, start.end())
    if not stop:
        raise DubaoError(f"corpus/{name}: the draft block of {article_id!r} has a BEGIN line but no END line")
    return text[:start.start()] + text[stop.end():]


# --------------------------------------------------------------------- figures

def draft_figures(record: dict) -> list[dict]:
    """A figure record (figures.yaml format, ``reviewed: false``) for every Arabic
    number: a date such as 12月20日 is one record, an amount such as 15个 another."""
    from dubao.content import figures

    out = []
    for sid, text in _sentences(record):
        pos = 0
        while (match := figures.NUMBER.search(text, pos)) is not None:
            start = match.start()
            date = _date_at(text, start)
            span, value, unit = date or _amount_at(text, start)
            # as the page's figures write it: a whole date, or an amount's number without 万 or %
            written = text[start:start + span] if date else match.group()
            qualifier = _qualifier(text, start, start + span)
            out.append({
                "id": f"{record['id']}-{len(out) + 1}", "sentence": sid,
                "quote": _clause(text, start, start + span),
                "written": written, "value": value, "unit": unit, "qualifier": qualifier,
                "period": {"zh": "", "en": ""}, "subject": {"zh": "", "en": ""},
                "kind": _kind(text, qualifier), "reviewed": False})
            pos = start + span
    return out


def _clause(text: str, start: int, end: int, reach: int = 8) -> str:
    """The number with a few characters either side, not beyond the clause's punctuation."""
    left = start
    while left > 0 and start - left < reach and text[left - 1] not in CLAUSE_ENDS:
        left -= 1
    right = end
    while right < len(text) and right - end < reach and text[right] not in CLAUSE_ENDS:
        right += 1
    return text[left:right]


def _date_at(text: str, start: int):
    match = DATE.match(text, start)
    if not match or not (match.group(2) or match.group(3) and match.group(1)):
        return None
    year, month, day = match.groups()
    if year:  # ISO 8601: 2025-12-20, or 2025-12
        value = "-".join(part.zfill(2) for part in (year, month, day) if part)
    else:  # ISO 8601 without a year: --12-20
        value = "--" + "-".join(part.zfill(2) for part in (month, day) if part)
    return match.end() - start, value, "date"


def _amount_at(text: str, start: int):
    from dubao.content import figures

    match = AMOUNT.match(text, start)
    number = match.group(1)
    value = float(number) if "." in number else int(number)
    multiplier = match.group(2)
    if multiplier == "%":
        return match.end() - start, value, "%"
    rest = text[match.end():]
    # the longest known unit that follows (万元 before 元); else the next character
    known = sorted(figures.UNITS, key=len, reverse=True)
    unit = next((u for u in known if u != "date" and rest.startswith(u)), None)
    if unit is None:
        unit = rest[:1] if rest[:1] and not rest[:1].isspace() and rest[:1] not in CLAUSE_ENDS else ""
    return match.end() - start, value, multiplier + unit


def _qualifier(text: str, start: int, end: int) -> str | None:
    before = text[max(0, start - 2):start]
    for word in QUALIFIERS_BEFORE:
        if before.endswith(word):
            return word
    unit_end = end
    while unit_end < len(text) and unit_end - end < 3 and text[unit_end] not in CLAUSE_ENDS:
        if any(text.startswith(word, unit_end) for word in QUALIFIERS_AFTER):
            return next(w for w in QUALIFIERS_AFTER if text.startswith(w, unit_end))
        unit_end += 1
    return None


def _kind(sentence: str, qualifier: str | None) -> str:
    if qualifier in ("目标", "力争") or "目标" in sentence or "力争" in sentence:
        return "target"
    if qualifier == "预计" or "预计" in sentence:
        return "estimate"
    return "actual"


def figures_text(old: str, article_id: str, records: list[dict]) -> str:
    """corpus/figures.yaml with this article's draft records (replacing an earlier draft)."""
    import yaml

    base = _without_block(old, article_id, "figures.yaml")
    existing = yaml.safe_load(base) or []
    mine = [f["id"] for f in existing if str(f.get("sentence", "")).startswith(f"{article_id}.")]
    if mine:
        raise DubaoError(f"corpus/figures.yaml already has figures of {article_id!r} outside a new-article "
                         f"draft block ({', '.join(mine[:3])}); remove them first")
    if not records:
        return base
    head = (f"# new-article draft BEGIN {article_id}: one record for each number of the text.\n"
            "# Review each: value, unit, qualifier, period and subject (zh and en), kind;\n"
            "# then set reviewed: true and delete this comment and the END line.\n")
    body = "\n".join(yamlio.dump([r]) for r in records)
    text = base.rstrip("\n") + "\n\n" + head + body + f"# new-article draft END {article_id}\n"
    if yaml.safe_load(text) != existing + records:
        raise DubaoError("corpus/figures.yaml: cannot add the draft records at its end")
    return text


# ---------------------------------------------------------------------- cloze

def cloze_questions(record: dict, words: list, page_words: list[str]) -> list[dict]:
    """Multiple-choice cloze items: a sentence of the text with one key word
    blanked; the other choices are key words of the same text (or of the page)."""
    others = [w.word for w in words] + [w for w in page_words if w not in {x.word for x in words}]
    questions, used_sentences = [], set()
    for word in words:
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
    """Write every file of a prepared draft (folders are created as needed)."""
    written = []
    for path, content in draft.files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.new")
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            temporary.write_text(content, encoding="utf-8")
        temporary.replace(path)
        written.append(path)
    return written


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
    draft.figures = draft_figures(record)
    figures_file = folder / "figures.yaml"
    old = yamlio.read_text(figures_file) if figures_file.exists() else ""
    draft.files[figures_file] = figures_text(old, article_id, draft.figures)
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

    from dubao.language import HAN, characters

    new = {ch for ch in text if HAN.match(ch)} - characters.shipped_characters()
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