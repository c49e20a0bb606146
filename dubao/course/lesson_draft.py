"""The lesson draft that ``python -m dubao new-article`` writes to solutions/: the
course's nine-part skeleton filled with the new article's Reader, draft key
words, cloze questions and numbers, and exercises whose answers the engine
computes. It is a running start for the instructor, who reviews and rewrites it.
"""

import nbformat

from dubao.course import lessons
from dubao.language import hsk

INSTRUCTOR_NOTE = """> **Draft for the instructor**, written by `python -m dubao new-article`. Before you give it to
> students: review the draft key words (`corpus/vocabulary.yaml`), the draft figures
> (`corpus/figures.yaml`, `reviewed: false`) and the cloze items (`corpus/questions/{id}.yaml`); add an
> English translation (`corpus/translations/{id}.yaml`) if you can; rewrite this lesson's text where it
> should say more; delete this note; then run `python -m dubao check` and `python -m dubao lessons`."""


def notebook_text(draft, record: dict) -> str:
    """The solution notebook as text (clean: no outputs except the checked ones)."""
    from dubao import annotate, difficulty

    article_id = record["id"]
    number = draft.lesson.name[:2]
    lesson = draft.lesson.stem
    text = "\n".join(s["text"] for sec in record["sections"] for p in sec["paragraphs"] for s in p["sentences"])
    words = draft.words
    level = difficulty(text).level_for_95
    title_pinyin = " ".join(t.pinyin for t in annotate(record["title"]) if t.pinyin)
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [md(f"# {number} · {record['title']} — A text chosen by your teacher"),
             md(INSTRUCTOR_NOTE.format(id=article_id))]
    cells += _overview(record, draft, words, text)
    cells.append(md(_prerequisites(level, len(text))))
    cells += [md("## 3. Imports\n\nRun this cell first: it loads the tools of the lesson."),
              code(_imports(draft, words))]
    cells += _before_reading(article_id, words, lesson)
    title_cell = code(f'# NBVAL_CHECK_OUTPUT\nprint(" ".join(t.pinyin for t in annotate(corpus.article("{article_id}")'
                      '.title) if t.pinyin))')
    title_cell.outputs = [nbformat.v4.new_output("stream", name="stdout", text=title_pinyin + "\n")]
    cells += [md("## 5. Reading\n\nRead the text in the **Reader**. Pinyin is shown above the words beyond your "
                 "level (choose your HSK level next to the pinyin control); click any word for its meaning."),
              code(f'reader = Reader("{article_id}")\nreader.pinyin_mode = "above"\nreader'),
              md("The title, read aloud:"), title_cell]
    cells += _understanding(article_id, draft, lesson)
    cells += _language_focus(article_id, words, number, lesson, record)
    cells += _numbers(article_id, draft, number, lesson)
    cells += _summary(article_id, words)
    nb = nbformat.v4.new_notebook(cells=cells)
    return lessons.render(lessons.clean(nb))


def _overview(record, draft, words, text) -> list:
    paragraphs = sum(len(sec["paragraphs"]) for sec in record["sections"])
    where = ", ".join(str(x) for x in (record.get("source"), record.get("date")) if x)
    goals = ["read the text in the **Reader**, with pinyin where you need it;"]
    if words:
        goals.append("use its key words: " + "、".join(w.word for w in words[:5]) + ";")
    if draft.questions:
        goals.append("put the key words back into the text's own sentences;")
    if draft.figures:
        goals.append("read the numbers it gives: " + "、".join(f["written"] for f in draft.figures[:5]) + ".")
    return [nbformat.v4.new_markdown_cell(
        "## 1. Overview\n\n"
        f"This lesson reads **{record['title']}**{f' ({where})' if where else ''}: {paragraphs} paragraph(s), "
        f"{draft.sentences} sentence(s), {len(text.replace(chr(10), ''))} characters.\n\n"
        "By the end of it you will be able to:\n" + "\n".join(f"- {g}" for g in goals))]


def _prerequisites(level, characters) -> str:
    minutes = 15 + 5 * round(characters / 300)
    said = (f"about {hsk.label(level)} (95% of its characters are at {hsk.label(level)} or below)" if level
            else "above HSK 6 (many of its characters are beyond the HSK lists)")
    return ("## 2. Prerequisites\n\n"
            f"- Level: {said}.\n"
            f"- Time: about {minutes} minutes.\n"
            "- Before this: lesson 00 (how the Reader and the quizzes work).")


def _imports(draft, words) -> str:
    engine = ["annotate", "corpus"] + (["figures"] if draft.figures else []) + (["vocab"] if words else [])
    tools = ["Reader", "VocabList"]
    if words:
        tools += ["CodeCheck", "Flashcards"] + (["VocabQuiz"] if len(words) >= 2 else [])
    if draft.questions:
        tools.append("ComprehensionQuiz")
    if any(_number_exercise(draft)):
        tools.append("CodeCheck")
    return f"from dubao import {', '.join(sorted(engine))}\nfrom widgets import {', '.join(sorted(set(tools)))}"


def _before_reading(article_id, words, lesson) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [md("## 4. Before reading\n\nThe key words of the text, with their pinyin, their meaning here, their "
                "HSK level and the sentence where each first appears:"),
             code(f'VocabList("{article_id}", level=4)')]
    if len(words) >= 2:
        cells += [md("A short round on their meanings: choose, press **Check**, then **Next**."),
                  code(f'VocabQuiz("{article_id}", kind="meaning", count={min(5, len(words))}, seed=1, '
                       f'lesson="{lesson}")')]
    return cells


def _understanding(article_id, draft, lesson) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    if not draft.questions:
        return [md("## 6. Check your understanding\n\nThis text has no questions yet.")]
    return [md("## 6. Check your understanding\n\nEach sentence below comes from the text with one key word taken "
               "out. Choose the word that fills the blank; the feedback shows the sentence it comes from."),
            code(f'ComprehensionQuiz("{article_id}", lesson="{lesson}")')]


def _language_focus(article_id, words, number, lesson, record) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [md("## 7. Language focus\n\nA closer look at the words of the text.")]
    if not words:
        return cells + [md("This text has no key words above HSK 4.")]
    word = pinyin_word(words)
    cells += [md(f"**Exercise 1.** Make the function return the pinyin of **{word.word}** as it is read in "
                 f"`{word.example}`. Tone numbers and tone marks both work."),
              code(f'def pinyin_of_key_word():\n    """The pinyin of {word.word} ({word.example})."""\n'
                   f'    ### BEGIN SOLUTION\n    return "{word.pinyin}"\n    ### END SOLUTION'),
              code(f'key_word = next(w for w in vocab("{article_id}") if w.word == "{word.word}")\n'
                   f'CodeCheck(pinyin_of_key_word, expected=key_word.pinyin, kind="pinyin", '
                   f'question="{number}.ex1", lesson="{lesson}")')]
    if len(words) >= 2:
        other = next(w for w in words if w is not word)
        sentence_id = next(sid for sid, text in _sentences(record) if other.word in text)
        cells += [md(f"**Exercise 2.** In which sentence does **{other.word}** ({_short(other.gloss)}) first "
                     f"appear? Return its id, written like `{article_id}.p1.s1`."),
                  code(f'def first_sentence_with_word():\n    ### BEGIN SOLUTION\n    return "{sentence_id}"\n'
                       '    ### END SOLUTION'),
                  code(f'first = next(s.id for s in corpus.sentences("{article_id}") if "{other.word}" in s.text)\n'
                       f'CodeCheck(first_sentence_with_word, expected=first, kind="text", '
                       f'question="{number}.ex2", lesson="{lesson}")')]
    return cells


def _number_exercise(draft):
    """Amounts worth a number-reading exercise, the most instructive first: a
    unit of the unit table, then 万/亿 to work out, then a qualifier to keep
    (逾3000万羽 before 15个); never a date or a number without a unit."""
    from dubao.content import units

    def teaching_value(f):
        return (units.base_of(f["unit"]) is None, f["unit"][:1] not in units.MULTIPLIERS, f["qualifier"] is None)

    amounts = [f for f in draft.figures if f["unit"] not in ("date", "") and isinstance(f["value"], (int, float))]
    yield from sorted(amounts, key=teaching_value)


def pinyin_word(words):
    """The key word for the pinyin exercise: one with a character of several
    readings (行 háng/xíng) or a neutral tone, where reading it right is the
    point; else the first key word."""
    from dubao.language import cedict

    def polyphonic(word):
        return any(len({e.pinyin.lower() for e in cedict.lookup(ch)}) > 1 for ch in word.word)

    def neutral(word):
        return any(not any(c in s for c in "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ") for s in word.pinyin.split())

    return next((w for w in words if polyphonic(w) or neutral(w)), words[0])


def _numbers(article_id, draft, number, lesson) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    if not draft.figures:
        return [md("## 8. Numbers\n\nThis text states no numbers in figures. Look for numbers written in "
                   "characters (三, 十五, 一半) as you read it again.")]
    cells = [md("## 8. Numbers\n\nEvery number of the text, with the sentence that states it:"),
             code(f'for f in figures.by_article("{article_id}"):\n'
                  '    print(f"{f.written:<10} {f.sentence}: “{f.quote}”")')]
    from dubao.content import units

    amount = next(_number_exercise(draft), None)
    if amount:
        bound = units.qualifier(amount["qualifier"]) if amount["qualifier"] else None
        scaled = amount["unit"][:1] in units.MULTIPLIERS  # 3000万羽: work out 万; 五年: read 五
        base = units.base_of(amount["unit"])
        base_name = base[0] if base else "ones"
        asked = (f"Make the function return {amount['written']}{amount['unit']} as a plain number of {base_name} "
                 "(no unit; 万 and 亿 worked out)." if scaled else
                 f"Make the function return the number {amount['written']} as a plain number "
                 f"(in {amount['unit']}, as the text says it).")
        cells += [md(f"**Exercise 3.** Sentence `{amount['sentence']}` says “{amount['quote']}”. " + asked
                     + (f" The text says {amount['qualifier']} ({bound.meaning}): what does that tell you "
                        "about the real amount?" if bound else "")),
                  code(f'def number_in_the_text():\n    ### BEGIN SOLUTION\n    return '
                       f'{_base(amount) if scaled else amount["value"]!r}\n    ### END SOLUTION'),
                  code(f'stated = figures.figure("{amount["id"]}")\n'
                       f'CodeCheck(number_in_the_text, expected=stated.{"base_value" if scaled else "value"}, '
                       f'kind="number", question="{number}.ex3", lesson="{lesson}")')]
    return cells


def _base(figure: dict):
    from dubao.content import figures

    try:
        return figures.to_base(figure["value"], figure["unit"])[0]
    except ValueError:
        return figure["value"]


def _summary(article_id, words) -> list:
    md, code = nbformat.v4.new_markdown_cell, nbformat.v4.new_code_cell
    cells = [md("## 9. Summary\n\nYou have read the whole text, met its key words, and put them back into its "
                "sentences. Review the words with the flashcards below; they come back on the days you need "
                "them.\n\n**Next:** go back to the page's lessons, or ask your teacher for the next text.")]
    if words:
        cells.append(code(f'Flashcards(articles=["{article_id}"], new_per_session=5)'))
    return cells


def _sentences(record):
    return [(s["id"], s["text"]) for sec in record["sections"] for p in sec["paragraphs"] for s in p["sentences"]]


def _short(gloss) -> str:
    return " ".join((gloss or "").split()).split(";")[0]
