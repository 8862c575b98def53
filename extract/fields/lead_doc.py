"""Tokens, docs and spans of lead cells, and the pipeline of named rule components that marks them.

A lead cell is cut into `Token`s (each with its text's case and punctuation classes, and the
lead classes the components set), held in a `Doc` whose `ents` are the cell's leads as `Span`s.
`LeadPipeline` makes the doc of a text and runs its components on it in order. The text
classes follow spaCy's lexical attributes (`str.lower`, `istitle`, `isupper`, `islower`, and
punctuation as characters of Unicode category P*), and the texts of docs and spans are
joined the same way, so the rules read tokens as they did on the spaCy pipeline this replaces.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import overload


def is_punctuation(text: str) -> bool:
    """Text made only of punctuation characters (Unicode categories P*: "(", ",", "’", "–")."""
    return all(unicodedata.category(char).startswith("P") for char in text)


@dataclass(slots=True, eq=False)
class Token:
    """A word or separator of a lead cell: its text, its classes and whether a space follows it."""

    doc: Doc = field(repr=False)
    i: int
    text: str
    whitespace: bool
    lower_: str = field(init=False)
    is_title: bool = field(init=False)
    is_upper: bool = field(init=False)
    is_lower: bool = field(init=False)
    is_punct: bool = field(init=False)
    # lead classes, set by the pipeline's components
    is_role_word: bool = field(default=False, init=False)
    is_name_token: bool = field(default=False, init=False)
    is_honorific: bool = field(default=False, init=False)
    is_initial: bool = field(default=False, init=False)
    is_particle: bool = field(default=False, init=False)
    is_separator: bool = field(default=False, init=False)
    is_post_head: bool = field(default=False, init=False)
    is_body_head: bool = field(default=False, init=False)
    is_opener: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        """Set the classes read off the text."""
        self.lower_ = self.text.lower()
        self.is_title = self.text.istitle()
        self.is_upper = self.text.isupper()
        self.is_lower = self.text.islower()
        self.is_punct = is_punctuation(self.text)


def text_with_spaces(tokens: Sequence[Token]) -> str:
    """The tokens' texts, each followed by its space."""
    return "".join(f"{t.text} " if t.whitespace else t.text for t in tokens)


class Doc:
    """A lead cell's tokens, and its leads (`ents`) once the pipeline has found them."""

    __slots__ = ("ents", "tokens")

    def __init__(self, words: Sequence[str], spaces: Sequence[bool]) -> None:
        self.tokens = [Token(self, i, word, space) for i, (word, space) in enumerate(zip(words, spaces, strict=True))]
        self.ents: list[Span] = []

    def __len__(self) -> int:
        """The number of tokens."""
        return len(self.tokens)

    def __iter__(self) -> Iterator[Token]:
        """The tokens in order."""
        return iter(self.tokens)

    @overload
    def __getitem__(self, key: int) -> Token: ...

    @overload
    def __getitem__(self, key: slice) -> Span: ...

    def __getitem__(self, key: int | slice) -> Token | Span:
        """The token at an index, or the span of a slice (no step; an empty span when it ends first)."""
        if isinstance(key, int):
            return self.tokens[key]
        start, end, _ = key.indices(len(self.tokens))
        return Span(self, start, max(start, end))

    @property
    def text(self) -> str:
        """The cell's text as tokenized: each token followed by its space."""
        return text_with_spaces(self.tokens)


@dataclass(slots=True, frozen=True)
class Span:
    """The tokens from `start` to `end` (exclusive) of a doc, with a label ("PERSON", "ROLE")."""

    doc: Doc = field(repr=False)
    start: int
    end: int
    label: str = ""

    @property
    def text(self) -> str:
        """The span's text without the space after its last token."""
        tokens = self.doc.tokens[self.start:self.end]
        text = text_with_spaces(tokens)
        return text[:-1] if tokens and tokens[-1].whitespace else text


Component = Callable[[Doc], Doc]


class LeadPipeline:
    """A text's doc made by `make_doc`, then passed through named components in order."""

    __slots__ = ("components", "make_doc")

    def __init__(self, make_doc: Callable[[str], Doc], components: Sequence[tuple[str, Component]]) -> None:
        self.make_doc = make_doc
        self.components = dict(components)

    def __call__(self, text: str) -> Doc:
        """The text's doc with every component applied."""
        doc = self.make_doc(text)
        for component in self.components.values():
            doc = component(doc)
        return doc

    def pipe(self, texts: Iterable[str]) -> Iterator[Doc]:
        """The docs of the texts, in order."""
        return (self(text) for text in texts)

    def get_pipe(self, name: str) -> Component:
        """The component of that name."""
        return self.components[name]
