"""Anki decks of an article's vocabulary, written with genanki.

Each note carries the characters, pinyin, gloss and the page's own example
sentence with the word highlighted, plus the sentence id. Ids are stable: the
model and deck ids are fixed numbers derived from names, and each note's guid
comes from the word and the article, so importing a newer deck updates the old
notes instead of duplicating them.
"""

import hashlib
import html
from pathlib import Path

import genanki

from dubao import corpus
from dubao.content.vocabulary import vocab
from dubao.corpus.highlight import highlight


def _stable_id(name: str) -> int:
    """A fixed 31-bit id for a name (Anki wants ids below 2**63; genanki's examples use 31 bits)."""
    return int(hashlib.sha1(name.encode("utf-8")).hexdigest()[:8], 16) & 0x7FFFFFFF


MODEL = genanki.Model(
    _stable_id("dubao vocabulary model v1"),
    "dubao vocabulary",
    fields=[{"name": "Hanzi"}, {"name": "Pinyin"}, {"name": "Gloss"}, {"name": "Example"},
            {"name": "ExampleEnglish"}, {"name": "Source"}],
    templates=[{
        "name": "Recognise",
        "qfmt": '<div class="hanzi">{{Hanzi}}</div><div class="example">{{Example}}</div>',
        "afmt": '{{FrontSide}}<hr id="answer"><div class="pinyin">{{Pinyin}}</div>'
                '<div class="gloss">{{Gloss}}</div><div class="english">{{ExampleEnglish}}</div>'
                '<div class="source">{{Source}}</div>',
    }],
    css=".card{font-family:sans-serif;text-align:center}.hanzi{font-size:48px}"
        ".example{font-size:20px;margin-top:12px}.example b{color:#c0392b}"
        ".pinyin{font-size:24px}.gloss{font-size:18px}.english,.source{font-size:14px;color:#666}",
)


def note_guid(word: str, article_id: str) -> str:
    return genanki.guid_for("dubao", article_id, word)


def build_deck(article_id: str, level: int | None = 4, include_found: bool = False) -> genanki.Deck:
    article = corpus.article(article_id)
    deck = genanki.Deck(_stable_id(f"dubao deck {article.id}"), f"dubao::{article.id} {article.title}")
    for word in vocab(article.id, level=level, include_found=include_found):
        deck.add_note(_note(word, article))
    return deck


def _note(word, article) -> genanki.Note:
    sentence = corpus.sentence(word.example) if word.example else None
    example = english = ""
    if sentence:
        example = highlight(sentence.text, word.word, tag="b")
        english = html.escape(sentence.en or "")
    source = f"{article.title} · {word.example}" if word.example else article.title
    return genanki.Note(model=MODEL, guid=note_guid(word.word, article.id),
                        fields=[html.escape(word.word), html.escape(word.pinyin), html.escape(word.gloss or ""),
                                example, english, html.escape(source)],
                        tags=["dubao", article.id])


def write_deck(article_id: str, path: Path, **options) -> int:
    """Write an .apkg; returns the number of notes."""
    deck = build_deck(article_id, **options)
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)
