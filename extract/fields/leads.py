"""Lead cells to people and roles, with a spaCy pipeline of rule components.

Statistical NER does not split "Ian Walker Ailsa Barr" and cannot know that "Director,
Safeguarding and Corporate Parenting" is one role, so the pipeline is rules only, on a
blank English tokenizer:

- `lead_token_classes` marks each token as a role word (a lexicon: Director, Head,
  Manager, Officer, Services ...), a name token (capitalised word), or a separator;
- `lead_spans` cuts the text at ";" and at "/" between two complete leads, keeps a
  piece holding a role word whole (its own commas and "and" included), and splits a
  piece made only of names at "and", "&" and "," and then into first-name/surname pairs.

The cell's own paragraphs (its hard line breaks) are split first by the caller's layout
stage; each paragraph goes through the pipeline. Results are set as `doc.ents`
(PERSON / ROLE) and read by `split_leads`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

ROLE_WORDS = frozenset("""
director directors head heads manager managers officer officers lead leads leader leaders coordinator
coordinators co-ordinator chair chairs team teams service services board boards group groups panel panels
partnership partnerships commissioner commissioners commissioning principal principals adviser advisers
advisor advisors consultant consultants practitioner practitioners nurse nurses chief executive executives
assistant associate associated deputy senior strategic strategy planning development workforce safeguarding
council cabinet member members department unit school schools health education staff care social children
adult adults housing portfolio holder cllr councillor governance performance quality assurance improvement
hr finance legal police nhs ccg trust network programme project designated named specialist specialists
supervisor supervisors administrator secretary registrar analyst analysts worker workers partners partner
commissioners clinical medical public provider providers operations operational business corporate
communications engagement inclusion virtual headteacher learning residential community communities early
help send sen disability disabilities family families fostering adoption parenting youth justice
""".split())
NAME_TOKEN = re.compile(r"^(?:[A-Z][a-z]+|Mc[A-Z][a-z]+|Mac[A-Z][a-z]+|O'[A-Z][a-z]+)(?:['\-][A-Za-z]+)*$")
PARTICLES = frozenset({"De", "Du", "Da", "Di", "Van", "Von", "Le", "La", "St", "Del", "Der", "Ben", "Bin"})
AND_WORDS = frozenset({"and", "&", ","})
# A role that follows another in one paragraph starts with one of these ("... RCHS Associate Director").
ROLE_STARTERS = frozenset({
    "associate", "assistant", "deputy", "senior", "chief", "interim", "acting", "director", "head",
})
ROLE_MODIFIERS = frozenset({
    "associate", "associated", "assistant", "deputy", "senior", "chief", "interim", "acting", "executive",
    "strategic", "principal", "lead", "managing", "corporate", "service", "divisional",
})
ROLE_HEADS = frozenset({"director", "directors", "head", "manager", "managers", "officer", "officers", "lead", "chair"})
CONNECTORS = frozenset({"of", "and", "&", ",", "for", "the", "/", "-", "to", "in"})
LIST_MARKER = re.compile(r"^\s*(?:\(?[a-z](?:\s*(?:&|and|,)\s*[a-z])*\)|[•·▪■◦○●\-–*\uf0b7])\s*", re.IGNORECASE)

for name in ("is_role_word", "is_name_token", "is_separator"):
    if not Token.has_extension(name):
        Token.set_extension(name, default=False)


@Language.component("lead_token_classes")
def lead_token_classes(doc: Doc) -> Doc:
    """Mark role words, name tokens and separators."""
    for token in doc:
        lower = token.lower_.strip("'’")
        token._.is_role_word = lower in ROLE_WORDS or (token.is_upper and len(token.text) >= 2 and token.is_alpha)
        token._.is_name_token = not token._.is_role_word and bool(NAME_TOKEN.match(token.text))
        token._.is_separator = token.text in {";", "/", "&", ","} or token.lower_ == "and"
    return doc


def is_role(tokens: Sequence[Token]) -> bool:
    """A piece naming a role: it has a role word, or words that are neither names nor separators."""
    return any(t._.is_role_word for t in tokens) or any(
        not t._.is_name_token and not t._.is_separator and not t.is_punct for t in tokens
    )


def is_complete_lead(tokens: Sequence[Token]) -> bool:
    """A piece that can stand alone as a lead: a role, or at least a first name and a surname."""
    words = [t for t in tokens if not t.is_punct]
    return bool(words) and (is_role(words) or len(words) >= 2)


def cut(tokens: Sequence[Token], at: Iterable[int]) -> list[list[Token]]:
    """Split a token list before each of the given positions, dropping the separator there."""
    pieces, start = [], 0
    for index in at:
        pieces.append(list(tokens[start:index]))
        start = index + 1
    pieces.append(list(tokens[start:]))
    return [p for p in pieces if p]


def split_at_slashes(tokens: Sequence[Token]) -> list[list[Token]]:
    """Cut at ";" always, and at "/" only where both sides are complete leads ("Health/Associated Director")."""
    pieces: list[list[Token]] = []
    for piece in cut(tokens, [i for i, t in enumerate(tokens) if t.text == ";"]):
        slashes = [i for i, t in enumerate(piece) if t.text == "/"]
        parts = cut(piece, slashes)
        if len(parts) > 1 and all(is_complete_lead(p) for p in parts):
            pieces.extend(parts)
        else:
            pieces.append(piece)
    return pieces


def pair_names(tokens: Sequence[Token]) -> list[list[Token]]:
    """A run of name tokens as people: "Ian Walker Ailsa Barr" -> two pairs; particles join the surname."""
    words: list[list[Token]] = []
    for token in tokens:
        if words and words[-1][-1].text in PARTICLES:
            words[-1].append(token)
        else:
            words.append([token])
    if len(words) <= 3:
        return [[t for w in words for t in w]]
    people = []
    while words:
        take = 3 if len(words) == 3 else 2
        people.append([t for w in words[:take] for t in w])
        words = words[take:]
    return people


def split_roles(words: Sequence[Token]) -> list[list[Token]]:
    """Cut a piece where a second role begins, when the cell's line break between them was lost."""
    starts = [
        i for i in range(1, len(words))
        if words[i].lower_ in ROLE_STARTERS and words[i].is_title
        and words[i - 1].lower_ not in CONNECTORS and words[i - 1].lower_ not in ROLE_MODIFIERS
        and any(w.lower_ in ROLE_HEADS for w in words[:i])
    ]
    pieces, start = [], 0
    for index in starts:
        pieces.append(list(words[start:index]))
        start = index
    pieces.append(list(words[start:]))
    return pieces


@Language.component("lead_spans")
def lead_spans(doc: Doc) -> Doc:
    """Set doc.ents to the leads: ROLE spans kept whole, PERSON spans split out of name runs."""
    spans = []
    for piece in split_at_slashes(list(doc)):
        words = [t for t in piece if not (t.is_punct and t.text not in {"&", ","})]
        while words and words[-1].text in {",", "&"}:
            words.pop()
        if not words:
            continue
        if is_role(words):
            for role in split_roles(words):
                spans.append(Span(doc, role[0].i, role[-1].i + 1, label="ROLE"))
            continue
        for person in cut(words, [i for i, t in enumerate(words) if t.lower_ in AND_WORDS]):
            for name in pair_names(person):
                spans.append(Span(doc, name[0].i, name[-1].i + 1, label="PERSON"))
    doc.ents = spans
    return doc


@lru_cache(maxsize=1)
def lead_pipeline() -> Language:
    """The lead-splitting pipeline: a blank English tokenizer and the two rule components."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lead_token_classes")
    nlp.add_pipe("lead_spans")
    return nlp


def strip_list_marker(text: str) -> str:
    return LIST_MARKER.sub("", text, count=1).strip()


def split_leads(paragraphs: Sequence[str]) -> list[str]:
    """Each person or role named in a lead cell's paragraphs, once, in order."""
    nlp = lead_pipeline()
    leads: list[str] = []
    texts = [strip_list_marker(p) for p in paragraphs]
    for doc in nlp.pipe(t for t in texts if t):
        for ent in doc.ents:
            text = " ".join(ent.text.split()).strip(" ,;/&")
            if text and text not in leads:
                leads.append(text)
    return leads
