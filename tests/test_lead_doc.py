"""The tokens, docs and spans of lead cells, and the lead pipeline's components on them."""

from __future__ import annotations

import pytest

from extract.fields.lead_doc import Doc, LeadPipeline, Span, Token
from extract.fields.leads import lead_doc, lead_pipeline, lead_role_heads


def token(text: str) -> Token:
    """The one token of a doc of that word."""
    return Doc([text], [False])[0]


@pytest.mark.parametrize(
    ("text", "is_title", "is_upper", "is_lower"),
    [
        ("Director", True, False, False),
        ("O'Neill", True, False, False),  # each cased run after a non-letter starts with a capital
        ("Eze-Okonkwo", True, False, False),
        ("McDonald", False, False, False),  # a capital inside a word
        ("DCS", False, True, False),
        ("SENCo", False, False, False),
        ("of", False, False, True),
        ("A.", True, True, False),
        ("Ní", True, False, False),
        ("ǅemal", True, False, False),  # a titlecase letter
        (",", False, False, False),
        ("1.2", False, False, False),
    ],
)
def test_case_classes(text: str, is_title: bool, is_upper: bool, is_lower: bool) -> None:
    word = token(text)
    assert (word.is_title, word.is_upper, word.is_lower) == (is_title, is_upper, is_lower)


@pytest.mark.parametrize(
    ("text", "is_punct"),
    [
        (",", True), ("(", True), ("’", True), ("–", True), ("&", True), ("...", True), ("«", True),
        ("+", False),  # a maths symbol (Sm), not punctuation
        ("£", False), ("a)", False), ("1.", False), ("Lead", False),
    ],
)
def test_is_punct(text: str, is_punct: bool) -> None:
    assert token(text).is_punct is is_punct


def test_lower_keeps_unicode_case_mapping() -> None:
    assert [token(t).lower_ for t in ("HEAD", "İstanbul", "ΣΊΣΥΦΟΣ")] == ["head", "i̇stanbul", "σίσυφος"]


def test_doc_text_keeps_one_space_per_gap_and_span_text_drops_the_last() -> None:
    doc = lead_doc("Head of  Service,\nEarly Help ")
    assert [t.text for t in doc] == ["Head", "of", "Service", ",", "Early", "Help"]
    assert [t.whitespace for t in doc] == [True, True, False, True, True, True]
    assert [t.i for t in doc] == [0, 1, 2, 3, 4, 5]
    assert doc.text == "Head of Service, Early Help "
    assert doc[0:3].text == "Head of Service"
    assert doc[2:4].text == "Service,"
    assert doc[4:].text == "Early Help"
    assert doc[3:1].text == ""
    assert doc[-1].text == "Help"
    assert doc[1].doc is doc


def test_span_fields() -> None:
    doc = lead_doc("Ian Walker")
    assert doc[0:2] == Span(doc, 0, 2, "")
    assert Span(doc, 1, 2, "PERSON").label == "PERSON"


@pytest.mark.parametrize(
    ("text", "post_heads"),
    [
        ("Designated Nurse", [True, True]),
        ("Named GP for Safeguarding", [True, True, False, False]),
        ("named professional", [True, True]),
        ("GP", [False]),  # a role word, not a post on its own
        ("Designated Safeguarding Lead", [False, False, True]),
        ("Nurse Designated", [True, False]),  # the designation must come first
        ("Named, GP", [False, False, False]),
        ("DCS and DASS", [True, False, True]),
        ("Dcs", [False]),  # acronyms match as printed
    ],
)
def test_two_word_posts_and_acronyms(text: str, post_heads: list[bool]) -> None:
    assert [t.is_post_head for t in lead_role_heads(lead_doc(text))] == post_heads


def test_role_heads_body_heads_and_openers() -> None:
    doc = lead_role_heads(lead_doc("Head of Safeguarding Board, head teacher"))
    assert [(t.is_post_head, t.is_body_head, t.is_opener) for t in doc] == [
        (True, False, True), (False, False, False), (False, False, False), (False, True, False),
        (False, False, False), (True, False, False), (True, False, False),
    ]


def test_ents_in_document_order() -> None:
    doc = lead_pipeline()("Ian Walker, Head of Service (SEND); Ailsa Barr and Rebecca Wall")
    assert [(e.start, e.end, e.label, e.text) for e in doc.ents] == [
        (0, 2, "PERSON", "Ian Walker"),
        (3, 9, "ROLE", "Head of Service (SEND)"),
        (10, 12, "PERSON", "Ailsa Barr"),
        (13, 15, "PERSON", "Rebecca Wall"),
    ]


def test_pipeline_runs_named_components_in_order() -> None:
    seen: list[str] = []

    def component(name: str):
        def mark(doc: Doc) -> Doc:
            seen.append(name)
            return doc
        return mark

    first, second = component("first"), component("second")
    pipeline = LeadPipeline(lead_doc, [("first", first), ("second", second)])
    docs = list(pipeline.pipe(["a", "b"]))
    assert seen == ["first", "second", "first", "second"]
    assert [d.text for d in docs] == ["a", "b"]
    assert pipeline.get_pipe("second") is second
