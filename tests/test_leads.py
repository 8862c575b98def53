"""Lead cells to people and roles (DESIGN hard case 7)."""

from __future__ import annotations

import pytest

from extract.fields.leads import split_leads

MERGED_ROLES = (
    "Director of Children and Young People's Services, Health/Associated Director, Children's Services, RCHS"
)
THREE_ROLES = [
    "Director of Children and Young People's Services, Health",
    "Associated Director, Children's Services, RCHS",
    "Associate Director, Strategic Planning",
]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Ian Walker Ailsa Barr and Rebecca Wall"], ["Ian Walker", "Ailsa Barr", "Rebecca Wall"]),
        (["Ian Walker Ailsa Barr Rebecca Wall"], ["Ian Walker", "Ailsa Barr", "Rebecca Wall"]),
        (["Ian Walker Ailsa Barr"], ["Ian Walker", "Ailsa Barr"]),
        (["Rebecca Wall / Susa Claydon"], ["Rebecca Wall", "Susa Claydon"]),
        (["Peter Douglas and Tina Hohn"], ["Peter Douglas", "Tina Hohn"]),
        (["Ian Walker, Ailsa Barr"], ["Ian Walker", "Ailsa Barr"]),
        (["Ian Walker & Ailsa Barr"], ["Ian Walker", "Ailsa Barr"]),
        (
            ["Director, Safeguarding and Corporate Parenting", "CIN Service Managers"],
            ["Director, Safeguarding and Corporate Parenting", "CIN Service Managers"],
        ),
        ([MERGED_ROLES, "Associate Director, Strategic Planning"], THREE_ROLES),
        ([MERGED_ROLES + " Associate Director, Strategic Planning"], THREE_ROLES),
        (["Head of Service, Early Help"], ["Head of Service, Early Help"]),
        (["Rebecca Wall; Head of Service, Early Help"], ["Rebecca Wall", "Head of Service, Early Help"]),
        (["Head of Service, Early Help / Rebecca Wall"], ["Head of Service, Early Help", "Rebecca Wall"]),
        (["Pepe De'lasio"], ["Pepe De'lasio"]),
        (["David McWilliams"], ["David McWilliams"]),
        (["Pepe De'lasio and David McWilliams"], ["Pepe De'lasio", "David McWilliams"]),
        (["a) Rebecca Wall"], ["Rebecca Wall"]),
        (["• Ian Walker"], ["Ian Walker"]),
    ],
)
def test_split_leads(paragraphs: list[str], expected: list[str]) -> None:
    assert split_leads(paragraphs) == expected


def test_merged_roles_with_curly_apostrophes() -> None:
    text = MERGED_ROLES.replace("'", "\u2019") + " Associate Director, Strategic Planning"
    assert split_leads([text]) == [r.replace("'", "\u2019") for r in THREE_ROLES]


@pytest.mark.parametrize(
    ("paragraphs", "expected"),
    [
        (["Rebecca Wall", "Rebecca Wall"], ["Rebecca Wall"]),
        (["Rebecca Wall and Rebecca Wall"], ["Rebecca Wall"]),
        (["Ian Walker", "Ian Walker / Ailsa Barr"], ["Ian Walker", "Ailsa Barr"]),
    ],
)
def test_duplicates_removed_order_kept(paragraphs: list[str], expected: list[str]) -> None:
    assert split_leads(paragraphs) == expected


@pytest.mark.parametrize("paragraphs", [[], [""], ["   "]])
def test_empty_cell(paragraphs: list[str]) -> None:
    assert split_leads(paragraphs) == []
