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
    "associate", "assistant", "deputy", "senior", "chief", "interim", "acting", "director", "head", "principal",
    "consultant", "strategic",
})
ROLE_MODIFIERS = frozenset({
    "associate", "associated", "assistant", "deputy", "senior", "chief", "interim", "acting", "executive",
    "strategic", "principal", "lead", "managing", "corporate", "service", "divisional",
})
ROLE_HEADS = frozenset({"director", "directors", "head", "manager", "managers", "officer", "officers", "lead", "chair"})
CONNECTORS = frozenset({"of", "and", "&", ",", "for", "the", "/", "-", "to", "in"})
LIST_MARKER = re.compile(
    r"^\s*(?:\(?[a-z](?:\s*(?:&|and|,)\s*[a-z])*\)|\d+\.\d+\.?(?=\s)|[•·▪■◦○●\-–*\uf0b7])\s*", re.IGNORECASE,
)

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


def split_person_from_role(words: Sequence[Token]) -> list[list[Token]]:
    """Cut a person's name off a role it is run together with.

    "Karen Holt and HR Business Partner" (at the "and"), "Rachel Okafor Substance Misuse
    Commissioning Manager" (a known first name and a surname opening a role), "Carers
    Strategy Lead Maria Kowalski" (a name after the role's head noun). A role's own "and"
    is never cut: the side before it must be a name.
    """
    for i, token in enumerate(words):
        if token.lower_ in ("and", "&") and 2 <= i <= 3 and all(w._.is_name_token for w in words[:i]):
            return [list(words[:i]), list(words[i + 1:])]
    for n in (2, 3):
        if len(words) <= n + 1:
            continue
        opening, rest = words[:n], words[n:]
        if is_person(" ".join(w.text for w in opening)) and rest[0].is_title and any(
            w.lower_ in LEAD_HEADS for w in rest
        ):
            return [list(opening), list(rest)]
        ending = words[-n:]
        if is_person(" ".join(w.text for w in ending)) and words[-n - 1].lower_ in LEAD_HEADS:
            return [list(words[:-n]), list(ending)]
    return [list(words)]


def span_with_brackets(doc: Doc, tokens: Sequence[Token], label: str) -> Span:
    """The span of the tokens, with the closing bracket of a bracket it opens ("(CCG)")."""
    end = tokens[-1].i + 1
    if doc[tokens[0].i:end].text.count("(") > doc[tokens[0].i:end].text.count(")") and end < len(doc) \
            and doc[end].text == ")":
        end += 1
    return Span(doc, tokens[0].i, end, label=label)


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
            for part in split_person_from_role(words):
                label = "ROLE" if is_role(part) else "PERSON"
                for role in split_roles(part) if label == "ROLE" else [part]:
                    spans.append(span_with_brackets(doc, role, label))
            continue
        for person in cut(words, [i for i, t in enumerate(words) if t.lower_ in AND_WORDS]):
            for name in pair_names(person):
                spans.append(span_with_brackets(doc, name, "PERSON"))
    doc.ents = spans
    return doc


@lru_cache(maxsize=1)
def lead_pipeline() -> Language:
    """The lead-splitting pipeline: a blank English tokenizer and the two rule components."""
    nlp = spacy.blank("en")
    nlp.add_pipe("lead_token_classes")
    nlp.add_pipe("lead_spans")
    return nlp


LEAD_HEADS = ROLE_HEADS | frozenset({
    "commissioner", "commissioners", "coordinator", "co-ordinator", "worker", "workers", "partner", "adviser",
    "advisor", "psychologist", "nurse", "consultant", "practitioner", "leads", "chairs", "champion", "sponsor",
})
ENDS_OPEN = re.compile(r"(?:[,&/(-]|\b(?:and|of|for|the|in|to|with|at|on))\s*$", re.IGNORECASE)
LEAD_CONNECTORS = frozenset({"and", "of", "for", "the", "in", "to", "with", "at", "on", "&"})


TITLES = frozenset({"Dr", "Mr", "Mrs", "Ms", "Miss", "Mx", "Cllr", "Prof", "Sir", "Dame"})


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Common first names (Faker's person lists for English-speaking and European locales)."""
    import importlib

    names: set[str] = set()
    for locale in ("en_GB", "en_US", "en_IE", "en_IN", "en_NZ", "fr_FR", "de_DE", "es_ES", "it_IT", "pl_PL", "pt_PT"):
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary"):
            values = getattr(provider, attribute, None) or ()
            names.update(values.keys() if isinstance(values, dict) else values)
    return frozenset(names)


def is_person(text: str) -> bool:
    """A known first name and a surname, after an optional title ("Dr Helen Marsh"), none of them role words.

    Two names only: "Rachel Okafor Substance" is a name and the start of a role.
    """
    words = text.split()
    names = words[1:] if words and words[0] in TITLES else words
    if len(names) != 2 or not all(NAME_TOKEN.match(w) and w.lower() not in ROLE_WORDS for w in names):
        return False
    return words[0] in TITLES or names[0] in first_names()


def starts_new_lead(before: str, after: str) -> bool:
    """True when a wrap between two lines of a lead cell is really the end of one lead.

    Before must be complete: a role ending in its head noun ("... Commissioner"), or a
    person followed by a whole lead, or a role holding a head noun followed by a person
    or by another role with its own head noun. Before must not end open (a comma, "and",
    "of", a modifier such as "Associate" waiting for its noun); after must open like a lead.
    """
    words_before, words_after = before.split(), after.split()
    if not words_before or not words_after or ENDS_OPEN.search(before):
        return False
    if "/" in before and not ends_a_lead(before.rsplit("/", 1)[1]):
        return False  # "Early Help Manager / Parent": the lead after the slash is not finished
    last = words_before[-1].split("/")[-1].strip(").").lower()
    if not words_after[0][:1].isupper() or words_after[0].lower() in LEAD_CONNECTORS or last in LEAD_CONNECTORS:
        return False
    has_head = any(w.strip(",").lower() in LEAD_HEADS for w in words_before)
    after_has_head = any(w.strip(",").lower() in LEAD_HEADS for w in words_after)
    after_is_whole = is_person(after) or (after_has_head and len(words_after) >= 2)
    if last in ROLE_MODIFIERS:  # "Associate" / "Director", or "Lead" / "Officer": only a whole lead may follow
        return last in LEAD_HEADS and after_is_whole
    return (
        last in LEAD_HEADS or words_before[-1].endswith(")")
        or ((is_person(before) or has_head) and after_is_whole)
    )


def ends_a_lead(text: str) -> bool:
    """Text that can end a lead: a head noun not followed by its comma ("Director," goes on), or a name."""
    words = text.split()
    return bool(words) and not words[-1].endswith(",") and (
        words[-1].strip(").").lower() in LEAD_HEADS or is_person(text)
    )


def following_lead(lines: Sequence[str]) -> str:
    """The text after a wrap: the next line, or the next few lines up to where they end a lead."""
    for count in range(1, min(3, len(lines)) + 1):
        text = " ".join(lines[:count])
        if ends_a_lead(text):
            return text
    return lines[0]


def split_wraps(paragraph: str) -> list[str]:
    """A lead paragraph whose wraps are kept as "\n", cut where a wrap ends one lead."""
    lines = paragraph.split("\n")
    parts: list[str] = []
    for i, line in enumerate(lines):
        if parts and not starts_new_lead(parts[-1], following_lead(lines[i:])):
            parts[-1] = f"{parts[-1]} {line}"
        else:
            parts.append(line)
    return parts


def strip_list_marker(text: str) -> str:
    return LIST_MARKER.sub("", text, count=1).strip()


def split_leads(paragraphs: Sequence[str]) -> list[str]:
    """Each person or role named in a lead cell's paragraphs, once, in order."""
    nlp = lead_pipeline()
    leads: list[str] = []
    texts = [strip_list_marker(part) for p in paragraphs for part in split_wraps(p)]
    for doc in nlp.pipe(t for t in texts if t):
        for ent in doc.ents:
            text = " ".join(ent.text.split()).strip(" ,;/&")
            if text and text not in leads:
                leads.append(text)
    return leads
