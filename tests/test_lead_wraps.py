"""Lead cells whose wraps are kept as "\n": where a wrap ends one lead and where it is only a wrap.

Expected values are read from docs/GOLD_CONVENTIONS.md ("leads: one entry per person or
role. Roles keep their own commas and "and"; people are split at "and", "/", "&", ","
and where names simply follow each other"; "people separated by ... line breaks are
separate entries"), never from the extractor's output.
"""

from __future__ import annotations

import pytest

from extract.fields.leads import (
    ends_a_lead,
    following_lead,
    is_person,
    lead_pipeline,
    leads_of_paragraphs,
    split_leads,
    split_person_from_role,
    split_roles,
    split_wraps,
    starts_new_lead,
)

THREE_ROLES_WRAPPED = (
    "Director of Children and\nYoung People's\nServices,\nHealth/Associated\nDirector, Children's\n"
    "Services, RCHS\nAssociate Director,\nStrategic Planning"
)
OKAFOR = "Rachel Okafor Substance\nMisuse Commissioning\nManager"

# (paragraph with its wraps, the leads the conventions give)
LEAD_CASES = [
    pytest.param(
        "Children's Mental\nHealth Commissioner\nBen Hartley",
        ["Children's Mental Health Commissioner", "Ben Hartley"],
        id="role-wrapped-then-person",
    ),
    pytest.param("Carers Strategy Lead\nMaria Kowalski", ["Carers Strategy Lead", "Maria Kowalski"], id="role-person"),
    pytest.param(
        "Director of\nIntegrated Care\nCommunity Services\nManager",
        ["Director of Integrated Care", "Community Services Manager"],
        id="two-wrapped-roles",
    ),
    pytest.param(
        THREE_ROLES_WRAPPED,
        [
            "Director of Children and Young People's Services, Health",
            "Associated Director, Children's Services, RCHS",
            "Associate Director, Strategic Planning",
        ],
        id="three-roles-slash-and-wraps",
    ),
    pytest.param(
        "Early Help\nManager / Parent\nCarer Forum\nChair",
        ["Early Help Manager", "Parent Carer Forum Chair"],
        id="slash-between-wrapped-roles",
    ),
    pytest.param("Dr Helen\nMarsh, Tom Reilly", ["Dr Helen Marsh", "Tom Reilly"], id="titled-name-wrapped"),
    pytest.param("Tobacco Control\nLead", ["Tobacco Control Lead"], id="one-role-lead"),
    pytest.param("Local Offer\nOfficer", ["Local Offer Officer"], id="one-role-officer"),
    pytest.param("Lead\nOccupational\nTherapist", ["Lead Occupational Therapist"], id="modifier-alone-on-a-line"),
    pytest.param("Senior\nPractitioner", ["Senior Practitioner"], id="senior-alone-on-a-line"),
    pytest.param(
        OKAFOR,
        ["Rachel Okafor", "Substance Misuse Commissioning Manager"],
        id="person-then-wrapped-role"
    ),
    pytest.param("Karen Holt and HR Business Partner", ["Karen Holt", "HR Business Partner"], id="person-and-role"),
    pytest.param(
        "Director, Safeguarding and Corporate\nParenting\nCIN Service Managers",
        ["Director, Safeguarding and Corporate Parenting", "CIN Service Managers"],
        id="role-with-own-and-then-role",
    ),
    pytest.param(
        "Head of Service, Children in\nCare", ["Head of Service, Children in Care"], id="role-with-own-comma",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), LEAD_CASES)
def test_split_leads_of_wrapped_paragraph(paragraph: str, expected: list[str]) -> None:
    assert split_leads([paragraph]) == expected


# split_wraps cuts only at wraps that end a lead; separators inside a line ("/", ",", "and")
# are the pipeline's to split. (THREE_ROLES_WRAPPED is left out: whether its "RCHS" wrap is
# cut here or by the pipeline is not something the conventions decide.)
WRAP_CASES = [
    pytest.param(
        "Children's Mental\nHealth Commissioner\nBen Hartley",
        ["Children's Mental Health Commissioner", "Ben Hartley"],
        id="role-wrapped-then-person",
    ),
    pytest.param("Carers Strategy Lead\nMaria Kowalski", ["Carers Strategy Lead", "Maria Kowalski"], id="role-person"),
    pytest.param(
        "Director of\nIntegrated Care\nCommunity Services\nManager",
        ["Director of Integrated Care", "Community Services Manager"],
        id="two-wrapped-roles",
    ),
    pytest.param(
        "Early Help\nManager / Parent\nCarer Forum\nChair",
        ["Early Help Manager / Parent Carer Forum Chair"],
        id="slash-is-not-a-wrap",
    ),
    pytest.param("Dr Helen\nMarsh, Tom Reilly", ["Dr Helen Marsh, Tom Reilly"], id="name-wrapped-mid-name"),
    pytest.param("Tobacco Control\nLead", ["Tobacco Control Lead"], id="one-role-lead"),
    pytest.param("Local Offer\nOfficer", ["Local Offer Officer"], id="one-role-officer"),
    pytest.param("Lead\nOccupational\nTherapist", ["Lead Occupational Therapist"], id="modifier-alone-on-a-line"),
    pytest.param("Senior\nPractitioner", ["Senior Practitioner"], id="senior-alone-on-a-line"),
    pytest.param(
        OKAFOR,
        ["Rachel Okafor Substance Misuse Commissioning Manager"],
        id="wraps-inside-a-role"
    ),
    pytest.param("Karen Holt and HR Business Partner", ["Karen Holt and HR Business Partner"], id="no-wraps"),
    pytest.param(
        "Director, Safeguarding and Corporate\nParenting\nCIN Service Managers",
        ["Director, Safeguarding and Corporate Parenting", "CIN Service Managers"],
        id="role-with-own-and-then-role",
    ),
    pytest.param(
        "Head of Service, Children in\nCare", ["Head of Service, Children in Care"], id="role-with-own-comma",
    ),
]


@pytest.mark.parametrize(("paragraph", "expected"), WRAP_CASES)
def test_split_wraps(paragraph: str, expected: list[str]) -> None:
    assert split_wraps(paragraph) == expected


@pytest.mark.parametrize("paragraph", [case.values[0] for case in LEAD_CASES])
def test_split_wraps_only_cuts_at_wraps(paragraph: str) -> None:
    """Whatever is cut, no text is lost, added or reordered: the parts rejoin to the paragraph."""
    assert " ".join(split_wraps(paragraph)) == paragraph.replace("\n", " ")


@pytest.mark.parametrize(
    ("before", "after", "expected"),
    [
        ("Children's Mental Health Commissioner", "Ben Hartley", True),  # a head noun ends the role
        ("Children's Mental", "Health Commissioner", False),  # the role has no head noun yet
        ("Director of", "Integrated Care", False),  # ends open on "of"
        ("Director of Integrated Care", "Community Services Manager", True),  # whole role, then a whole role
        ("Early Help Manager / Parent", "Carer Forum Chair", False),  # the lead after "/" is unfinished
        ("Director,", "Children's Services", False),  # a head noun with its comma goes on
        ("Associate", "Director, Strategic Planning", False),  # a modifier waits for its noun
        ("Tobacco Control", "Lead", False),
        ("Head of Service, Children in", "Care", False),
        ("Carers Strategy Lead", "Maria Kowalski", True),
        ("Director, Safeguarding and Corporate Parenting", "CIN Service Managers", True),
        ("Local Offer Officer", "and Families", False),  # after opens with a connector
    ],
)
def test_starts_new_lead(before: str, after: str, expected: bool) -> None:
    assert starts_new_lead(before, after) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Health Commissioner", True),
        ("Ben Hartley", True),
        ("Community Services Manager", True),
        ("Director,", False),
        ("Children's Mental", False),
        ("Strategic", False),
        ("", False),
    ],
)
def test_ends_a_lead(text: str, expected: bool) -> None:
    assert ends_a_lead(text) is expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["Ben Hartley"], "Ben Hartley"),
        (["Misuse Commissioning", "Manager"], "Misuse Commissioning Manager"),
        (["Carer Forum", "Chair"], "Carer Forum Chair"),
        (["Integrated Care", "Community Services", "Manager"], "Integrated Care Community Services Manager"),
        (["Integrated Care", "Community", "Services", "Manager"], "Integrated Care"),  # no lead end within 3 lines
        (["Strategic", "Planning"], "Strategic"),  # nothing ends a lead: just the next line
    ],
)
def test_following_lead(lines: list[str], expected: str) -> None:
    assert following_lead(lines) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ben Hartley", True),
        ("Maria Kowalski", True),
        ("Dr Helen Marsh", True),
        ("Health Commissioner", False),  # role words
        ("Carers Strategy", False),
        ("Ben", False),  # one word is not a person
        ("ben hartley", False),  # not capitalised
    ],
)
def test_is_person(text: str, expected: bool) -> None:
    assert is_person(text) is expected


def tokens_of(text: str) -> list:
    nlp = lead_pipeline()
    return list(nlp.get_pipe("lead_token_classes")(nlp.make_doc(text)))


def texts(parts: list[list]) -> list[str]:
    """Each token run as the text it covers in its doc."""
    return [part[0].doc[part[0].i:part[-1].i + 1].text for part in parts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Karen Holt and HR Business Partner", ["Karen Holt", "HR Business Partner"]),
        ("Carers Strategy Lead Maria Kowalski", ["Carers Strategy Lead", "Maria Kowalski"]),
        (
            "Rachel Okafor Substance Misuse Commissioning Manager",
            ["Rachel Okafor", "Substance Misuse Commissioning Manager"],
        ),
        ("Director, Safeguarding and Corporate Parenting", ["Director, Safeguarding and Corporate Parenting"]),
        ("Head of Service", ["Head of Service"]),
    ],
)
def test_split_person_from_role(text: str, expected: list[str]) -> None:
    assert texts(split_person_from_role(tokens_of(text))) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Associated Director, Children's Services, RCHS Associate Director, Strategic Planning",
            ["Associated Director, Children's Services, RCHS", "Associate Director, Strategic Planning"],
        ),
        ("Assistant Director Head of Service", ["Assistant Director", "Head of Service"]),
        ("Deputy Head of Service", ["Deputy Head of Service"]),  # "Head" after a modifier is the same role
        ("Director of Children's Services", ["Director of Children's Services"]),
        ("Senior Manager Deputy Director", ["Senior Manager", "Deputy Director"]),
    ],
)
def test_split_roles(text: str, expected: list[str]) -> None:
    assert texts(split_roles(tokens_of(text))) == expected


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Rachel", "Okafor /\nSubstance\nMisuse\nCommissioning\nManager"],
         ["Rachel Okafor", "Substance Misuse Commissioning Manager"]),  # a name split over two paragraphs
        (["Local\nOffer", "Officer"], ["Local Offer Officer"]),  # a head word alone finishes the role above
        (["Head of Adult\nSocial Care /\nDirector of\nIntegrated", "Care /\nCommunity\nServices\nManager"],
         ["Head of Adult Social Care", "Director of Integrated Care", "Community Services Manager"]),
        (["Head of\nService,", "Early Help\nConsultant in\nPublic Health"],
         ["Head of Service, Early Help", "Consultant in Public Health"]),  # the lead before ends open
        (["Leisure and\nCulture Manager", "Social Prescribing\nLead"], ["Leisure and Culture Manager",
                                                                       "Social Prescribing Lead"]),
        (["Ian Walker", "Rebecca Wall"], ["Ian Walker", "Rebecca Wall"]),  # whole leads stay apart
        (["Safeguarding Board", "Head of Service"], ["Safeguarding Board", "Head of Service"]),
        (["Children in\nCare", "Service\nManager"], ["Children in Care Service Manager"]),  # no whole lead before
        (
            [
                "Director,\nSafeguarding and\nCorporate Parenting\nWorkforce Strategy,\nPlanning",
                "and\nDevelopment\nManager",
            ],
            ["Director, Safeguarding and Corporate Parenting", "Workforce Strategy, Planning and Development Manager"],
        ),  # a paragraph opening with a connector goes on
        (["Karen Holt /\nHR", "Business\nPartner"], ["Karen Holt", "HR Business Partner"]),  # as at a wrap
        (["DCS", "DASS"], ["DCS", "DASS"]),
        (["a) Rachel", "b) Okafor"], ["Rachel", "Okafor"]),  # list items are never joined
    ],
)
def test_paragraphs_that_go_on_the_lead_before(paragraphs: list[str], expected: list[str]) -> None:
    assert leads_of_paragraphs(paragraphs) == expected
