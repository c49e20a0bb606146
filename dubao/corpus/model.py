"""What the corpus is made of, as the rest of the kit sees it: articles, sections,
paragraphs and sentences with stable ids, the corrections of misprinted
characters and the English of each. Plain frozen dataclasses; reading them from
the YAML files is ``dubao.corpus.files``.
"""

import re
from dataclasses import dataclass, field

STATUSES = ("complete", "continued", "cut-off")
STATUS_NOTES = {
    "continued": "This piece begins on page 1; its opening is not on this page.",
    "cut-off": "This piece breaks off at the end of the page; the rest is not on this page.",
}
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")


@dataclass(frozen=True)
class Correction:
    """A character the print got wrong, corrected in the cleaned text."""

    start: int
    end: int
    printed: str
    corrected: str
    erratum: str


@dataclass(frozen=True)
class Sentence:
    id: str
    text: str
    article: str
    paragraph: str
    section: str
    corrections: tuple[Correction, ...] = ()
    en: str | None = None

    @property
    def number(self) -> str:
        """The short form learners see, e.g. 'p7.s3'."""
        return self.id.split(".", 1)[1]


@dataclass(frozen=True)
class Paragraph:
    id: str
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass(frozen=True)
class Section:
    id: str
    title: str | None
    subtitle: str | None
    paragraphs: tuple[Paragraph, ...]
    title_en: str | None = None


@dataclass(frozen=True)
class Caption:
    text: str
    credit: str | None = None
    en: str | None = None


@dataclass(frozen=True)
class Article:
    id: str
    title: str
    title_editorial: bool
    source: str | None
    date: str | None
    status: tuple[str, ...]
    sections: tuple[Section, ...]
    subtitle: str | None = None
    kicker: str | None = None
    column: str | None = None
    byline: str | None = None
    dateline: str | None = None
    continuation: str | None = None
    caption: Caption | None = None
    related: tuple[str, ...] = ()
    title_reason: str | None = None
    title_en: str | None = None
    subtitle_en: str | None = None
    kicker_en: str | None = None
    column_en: str | None = None
    file: str = ""
    extra: dict = field(default_factory=dict, compare=False, repr=False)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [p for s in self.sections for p in s.paragraphs]

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    @property
    def text(self) -> str:
        """The running text, one paragraph per line."""
        return "\n".join(p.text for p in self.paragraphs)

    @property
    def complete(self) -> bool:
        return self.status == ("complete",)

    @property
    def status_notes(self) -> list[str]:
        """What a learner should be told about an incomplete piece."""
        return [STATUS_NOTES[s] for s in self.status if s in STATUS_NOTES]
