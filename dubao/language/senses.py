"""Choosing the sense of a word for a draft gloss, when no reviewed glossary entry
says which one the text means. CC-CEDICT lists a word's senses in no particular
order for news reading (同胞 "born of the same parents" before "compatriot"), so
the choice is made by rules, each named in the result: never a surname, a
cross-reference ("variant of", "used in", "see"), a classifier note or an
archaic sense when another sense exists; the reading the text uses first; the
sense whose form fits the word's part of speech in the sentence (jieba's tag:
"to …" for a verb, not for a noun); a figurative sense before a literal one, as
news writing uses them (视野 "(fig.) outlook", 提升 "(fig.) to raise"); a sense
without a specialist label before one with it ("(computing)", "(embryology)").
When the rules leave several different senses equally good the choice is
flagged ``unsure`` for the instructor to review.

>>> choice = choose("同胞", "tóng bāo", "n", [("tóng bāo", ("born of the same parents", "sibling", "fellow citizen", "compatriot"))])
>>> choice.gloss, choice.rule
('sibling', 'rules: noun form')
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Choice", "choose", "choose_for_token", "same_sense"]

NOT_A_MEANING = re.compile(r"^(surname |used in |variant of |old variant |see |also written |\(bound form\)|"
                           r"abbr\. (?:for|to) |\(old\) |\(archaic\)|archaic |\(classical\)|Japanese variant |CL:|"
                           r"\(Tw\)|\(dialect\))", re.I)
LABEL = re.compile(r"^\((?!fig\.|idiom|literally|lit\.)[a-z .-]+\)\s*", re.I)   # (computing) ...
FIGURATIVE = re.compile(r"^(\(fig\.\)|fig\.)\s*", re.I)
PARTICIPLE = re.compile(r"^(born|made|used|given|done|seen|known|taken)\b")
STOP = {"to", "the", "a", "an", "of", "in", "on", "and", "or", "for", "by", "with", "be", "sth", "sb", "etc",
        "one", "one's", "fig", "is", "as", "at", "from", "up", "out", "into", "that", "it"}


@dataclass(frozen=True)
class Choice:
    """The chosen gloss; ``rule`` says how ("glossary" for a reviewed entry, else
    "rules: …"); ``unsure`` asks for review; ``others`` are the other candidates."""

    gloss: str | None
    rule: str
    unsure: bool
    others: tuple[str, ...] = ()

    @property
    def by_rule(self) -> bool:
        return self.rule != "glossary"


def _form(sense: str) -> str:
    """verb (to …), participle (born of …) or noun-like, from the wording of the sense."""
    plain = FIGURATIVE.sub("", LABEL.sub("", sense))
    if plain.startswith("to "):
        return "verb"
    if PARTICIPLE.match(plain):
        return "participle"
    return "noun"


def _clean(sense: str) -> str:
    return FIGURATIVE.sub("", sense).strip()


def choose(word: str, reading: str, pos: str | None, entries, glossary_gloss: str | None = None) -> Choice:
    """The sense of ``word`` (read ``reading``, jieba tag ``pos``) among
    ``entries``: (pinyin, senses) pairs in dictionary order."""
    if glossary_gloss:
        return Choice(glossary_gloss, "glossary", False)
    candidates = []  # (score, order, sense, reasons)
    order = 0
    proper_only = all(p[:1].isupper() for p, _ in entries) if entries else False
    for pinyin, senses in entries:
        for sense in senses:
            order += 1
            score, why = 0, []
            if NOT_A_MEANING.match(sense):
                score += 20
            if pinyin.replace(" ", "").lower() != reading.replace(" ", "").lower():
                score += 8
            if pinyin[:1].isupper() and not proper_only:
                score += 8  # a name's entry, where the word has a common one too
            if LABEL.match(sense):
                score += 2
                why.append("no specialist label")
            form = _form(sense)
            kind = (pos or "")[:1]
            if kind == "v" and (pos or "") != "vn" and form != "verb" or kind in ("n", "a") and form == "verb":
                score += 3
            if form == "participle" and kind == "n":
                score += 3
            if kind in ("n", "v", "a"):
                why.append({"n": "noun form", "v": "verb form", "a": "adjective form"}[kind])
            if FIGURATIVE.match(sense):
                score -= 1
                why.append("figurative sense")
            candidates.append((score, order, sense, why))
    if not candidates:
        return Choice(None, "rules: no dictionary sense", True)
    candidates.sort(key=lambda c: (c[0], c[1]))
    best = candidates[0]
    tied = [c for c in candidates if c[0] == best[0] and not same_sense(c[2], best[2])]
    others = tuple(dict.fromkeys(_clean(c[2]) for c in candidates[1:4] if c[0] < 20))
    # Several equally good senses that say different things: the order of the
    # dictionary decided, which is no reason; ask for review.
    unsure = len(tied) >= 1 or best[0] >= 8
    rule = "rules: " + (", ".join(dict.fromkeys(best[3])) or "first sense")
    return Choice(_clean(best[2]), rule, unsure, others)


def choose_for_token(token, glossary=None) -> Choice:
    """The choice for an annotated token (dubao.language.Token)."""
    from dubao.language import glossary as glossary_module

    entry = (glossary or glossary_module.glossary()).get(token.text)
    if entry is None and not token.dictionary and token.gloss:
        # 鸡粪 "鸡 chicken + 粪 manure": built from the characters, always worth a look
        return Choice(token.gloss, "rules: composed from its characters", True)
    entries = [(d["pinyin"], tuple(d["senses"])) for d in token.dictionary]
    return choose(token.text, token.pinyin, token.pos, entries, entry.gloss if entry else None)


def _words(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z'-]*", text.lower())
    return {re.sub(r"(ing|ed|es|s)$", "", w) or w for w in words if w not in STOP and len(w) > 2}


def same_sense(one: str, other: str) -> bool:
    """Two glosses say the same when they share a content word ("to push forward"
    and "to push on": push); the measure the draft benchmark uses too."""
    return bool(_words(one) & _words(other))
