"""Anki export: ``python -m dubao anki ARTICLE -o deck.apkg`` writes a zip holding
the collection database, which is opened here with sqlite3 to check the notes
(characters, pinyin, gloss, the page's sentence with the word in bold) and that
their guids, the deck id and the model id do not change between two writes."""

import json
import sqlite3
import zipfile

import pytest

import dubao
from dubao.practice import anki
from dubao import corpus
from tests.conftest import run_cli

FIELDS = ["Hanzi", "Pinyin", "Gloss", "Example", "ExampleEnglish", "Source"]


def read_package(path, tmp_path) -> dict:
    """Notes, decks and models of an .apkg, read with sqlite3."""
    assert zipfile.is_zipfile(path)
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        database = next(n for n in names if n in ("collection.anki21", "collection.anki2"))
        target = tmp_path / f"{path.stem}-{database}"
        target.write_bytes(package.read(database))
    db = sqlite3.connect(target)
    try:
        notes = {}
        for guid, mid, fields, tags in db.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY id"):
            values = dict(zip(FIELDS, fields.split("\x1f")))
            notes[values["Hanzi"]] = {"guid": guid, "model": mid, "tags": tags.split(), **values}
        decks, models = (json.loads(text) for text in db.execute("SELECT decks, models FROM col").fetchone())
        card_decks = {row[0] for row in db.execute("SELECT DISTINCT did FROM cards")}
        card_count = db.execute("SELECT COUNT(*) FROM cards").fetchone()[0]
    finally:
        db.close()
    return {"names": names, "notes": notes, "decks": decks, "models": models, "card_decks": card_decks,
            "cards": card_count}


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    folder = tmp_path_factory.mktemp("anki")
    path = folder / "qingzhen.apkg"
    result = run_cli("anki", "qingzhen", "-o", str(path))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote {path} (17 notes)"
    return read_package(path, folder)


def test_package_is_a_zip_with_the_collection_database(deck):
    assert "collection.anki2" in deck["names"] or "collection.anki21" in deck["names"]
    assert len(deck["notes"]) == 17 and deck["cards"] == 17  # one card per note (one template)


def test_notes_are_the_key_words_of_the_piece(deck):
    assert list(deck["notes"]) == [w.word for w in dubao.vocab("qingzhen", include_found=False)]


def test_a_note_carries_characters_pinyin_gloss_and_the_highlighted_sentence(deck):
    note = deck["notes"]["鸡粪"]
    assert (note["Pinyin"], note["Gloss"]) == ("jī fèn", "chicken manure")
    assert note["Example"] == ("云南土壤普遍呈酸性，有机质含量有待提升，而混合了稻壳垫料的<b>鸡粪</b>"
                               "是理想的有机肥发酵原料，能够改良土壤、提升地力。")  # qingzhen.p1.s2
    assert note["Source"] == "清镇鸡粪“出山” · qingzhen.p1.s2"
    assert note["tags"] == ["dubao", "qingzhen"]
    english = corpus.sentence("qingzhen.p1.s2").en or ""
    assert note["ExampleEnglish"] == english.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace('"', "&quot;").replace("'", "&#x27;")


def test_every_occurrence_of_the_word_is_highlighted(deck):
    # qingzhen.p7.s2: 肉鸡产能突破3000万羽 … 肉鸡产业的产能和产值均稳居全省第一
    example = deck["notes"]["产能"]["Example"]
    assert example.count("<b>产能</b>") == 2 and example.replace("<b>产能</b>", "").count("产能") == 0
    assert deck["notes"]["后顾之忧"]["Example"].startswith("更重要的是，它彻底解决了粪污处理的<b>后顾之忧</b>")


def test_deck_and_model(deck):
    model_id = str(anki.MODEL.model_id)
    assert set(deck["models"]) == {model_id}
    model = deck["models"][model_id]
    assert model["name"] == "dubao vocabulary"
    assert [f["name"] for f in model["flds"]] == FIELDS
    assert "{{Hanzi}}" in model["tmpls"][0]["qfmt"] and "{{Pinyin}}" in model["tmpls"][0]["afmt"]
    assert {n["model"] for n in deck["notes"].values()} == {int(model_id)}
    ours = [d for d in deck["decks"].values() if d["name"].startswith("dubao::")]
    assert [d["name"] for d in ours] == ["dubao::qingzhen 清镇鸡粪“出山”"]
    assert deck["card_decks"] == {ours[0]["id"]}


def test_writing_the_deck_again_keeps_every_id(deck, tmp_path):
    again = tmp_path / "again.apkg"
    assert anki.write_deck("qingzhen", again) == 17
    second = read_package(again, tmp_path)
    assert {w: n["guid"] for w, n in second["notes"].items()} == {w: n["guid"] for w, n in deck["notes"].items()}
    assert second["models"].keys() == deck["models"].keys()
    assert second["card_decks"] == deck["card_decks"]
    # the guid depends on the article too: the same word in two pieces is two notes
    assert anki.note_guid("基础设施", "xinhua") != anki.note_guid("基础设施", "liuli")
    assert len({n["guid"] for n in deck["notes"].values()}) == 17


def test_all_adds_the_found_words_above_the_level(tmp_path):
    path = tmp_path / "brief.apkg"
    result = run_cli("anki", "brief", "--all", "--level", "6", "-o", str(path))
    assert result.returncode == 0, result.stderr
    notes = read_package(path, tmp_path)["notes"]
    assert list(notes) == [w.word for w in dubao.vocab("brief", level=6)]
    assert {"主持", "党工委", "书记"} <= set(notes) and "主任" not in notes  # 主任 is HSK 5


@pytest.mark.parametrize("output, message", [
    ("{tmp}/no-such-folder/deck.apkg", "{tmp}/no-such-folder/deck.apkg: cannot write the deck: the folder {tmp}/no-such-folder does not exist"),
    ("{tmp}/deck.zip", "{tmp}/deck.zip: an Anki package must end in .apkg"),
    ("{tmp}/folder.apkg", "{tmp}/folder.apkg: cannot write the deck: Is a directory"),
])
def test_bad_output_path_is_one_clear_line(tmp_path, output, message):
    (tmp_path / "folder.apkg").mkdir()
    result = run_cli("anki", "qingzhen", "-o", output.format(tmp=tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == "error: " + message.format(tmp=tmp_path)
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.apkg"]  # nothing half-written


def test_unknown_article(tmp_path):
    result = run_cli("anki", "nosuch", "-o", str(tmp_path / "x.apkg"))
    assert result.returncode == 1
    assert result.stderr.strip().startswith("error: no article 'nosuch'; the corpus has: xinhua, brief")
    assert not (tmp_path / "x.apkg").exists()
