"""Lead cells as councils print them, through the public `extract.split_leads` (issue: fields a reader can trust).

Each case is a cell's printed lines and the leads OUTPUT.md's conventions give: one entry
per person or role; roles keep their own commas and "and"; people and roles are split at
",", ";", "/", "&", "and" and line breaks between them. Expected values are written from
those conventions, never from the extractor's output.
"""

from __future__ import annotations

import pytest

from extract import split_leads

PEOPLE = [
    (["Cllr Jones and Cllr Evans"], ["Cllr Jones", "Cllr Evans"]),
    (["Dr Patel / Dr Singh"], ["Dr Patel", "Dr Singh"]),
    (["Tomás Ó Conaill & Máire Nic Aodha"], ["Tomás Ó Conaill", "Máire Nic Aodha"]),
    (["Ayşe Yılmaz"], ["Ayşe Yılmaz"]),
    (["Nguyễn Thị Lan"], ["Nguyễn Thị Lan"]),
    (["Ludwig von Trapp, Head of Music"], ["Ludwig von Trapp", "Head of Music"]),
    (["Niamh Ní Bhriain"], ["Niamh Ní Bhriain"]),
    (["José García"], ["José García"]),
    (["Kwabena Asante"], ["Kwabena Asante"]),
    (["D. Smith"], ["D. Smith"]),
    (["Ms K. Patel"], ["Ms K. Patel"]),
    (["Siobhan O'Neill"], ["Siobhan O'Neill"]),
    (["Chidi Eze-Okonkwo"], ["Chidi Eze-Okonkwo"]),
    (["Rhys ap Gruffydd"], ["Rhys ap Gruffydd"]),
    (["Pieter van der Berg"], ["Pieter van der Berg"]),
    (["Ahmad bin Ismail"], ["Ahmad bin Ismail"]),
    (["Łukasz Kowalczyk"], ["Łukasz Kowalczyk"]),
    (["Søren Østergaard"], ["Søren Østergaard"]),
    (["Jürgen Strauß"], ["Jürgen Strauß"]),
    (["Dr Amara Nwosu"], ["Dr Amara Nwosu"]),
    (["Cllr Priya Sharma"], ["Cllr Priya Sharma"]),
    (["Prof. Wei Zhang"], ["Prof. Wei Zhang"]),
    (["Mx Sam Taylor"], ["Mx Sam Taylor"]),
    (["Mrs Fatima Begum"], ["Mrs Fatima Begum"]),
    (["Maria De Souza"], ["Maria De Souza"]),
    (["Aoife Nic Giolla"], ["Aoife Nic Giolla"]),
    (["Niamh Ní Bhriain José García"], ["Niamh Ní Bhriain", "José García"]),
    (["Kwabena Asante and D. Smith"], ["Kwabena Asante", "D. Smith"]),
    (["José García, Kwabena Asante"], ["José García", "Kwabena Asante"]),
    (["Ms K. Patel / Tom Reilly"], ["Ms K. Patel", "Tom Reilly"]),
    (["Siobhan O'Neill & Chidi Eze-Okonkwo"], ["Siobhan O'Neill", "Chidi Eze-Okonkwo"]),
    (["Łukasz Kowalczyk; Søren Østergaard"], ["Łukasz Kowalczyk", "Søren Østergaard"]),
    (["Dr Amara Nwosu", "Cllr Priya Sharma"], ["Dr Amara Nwosu", "Cllr Priya Sharma"]),
    (["Wei Zhang Aisha Mohammed Tomasz Nowak"], ["Wei Zhang", "Aisha Mohammed", "Tomasz Nowak"]),
    (["Yusuf Ali, Hannah Schmidt and Kofi Mensah"], ["Yusuf Ali", "Hannah Schmidt", "Kofi Mensah"]),
    (["D. Smith, J. Jones"], ["D. Smith", "J. Jones"]),
    (["Rhys ap Gruffydd and Pieter van der Berg"], ["Rhys ap Gruffydd", "Pieter van der Berg"]),
    (["Ahmad bin Ismail/Jürgen Strauß"], ["Ahmad bin Ismail", "Jürgen Strauß"]),
    (["Chiara Rossi", "Anil Kapoor", "Zofia Wiśniewska"], ["Chiara Rossi", "Anil Kapoor", "Zofia Wiśniewska"]),
    (["Mr Oluwaseun Adeyemi & Mrs Grace O'Brien"], ["Mr Oluwaseun Adeyemi", "Mrs Grace O'Brien"]),
    (["Seán Ó Briain"], ["Seán Ó Briain"]),
    (["Ewa Kamińska, Dr Raj Patel"], ["Ewa Kamińska", "Dr Raj Patel"]),
    (["Siân Lloyd-Jones and Gareth ap Rhys"], ["Siân Lloyd-Jones", "Gareth ap Rhys"]),
    (["Nguyen Van Minh"], ["Nguyen Van Minh"]),
    (["Ms A. B. Clarke"], ["Ms A. B. Clarke"]),
    (["Rebecca Wall; Chidi Eze-Okonkwo; Anna Nowak"], ["Rebecca Wall", "Chidi Eze-Okonkwo", "Anna Nowak"]),
]

ROLES = [
    (["Head of Fostering & Adoption"], ["Head of Fostering & Adoption"]),
    (["Head of SEND/Inclusion"], ["Head of SEND/Inclusion"]),
    (
        ["Corporate Parenting Board and Children in Care Council"],
        ["Corporate Parenting Board", "Children in Care Council"],
    ),
    (["Head of Integrated Commissioning, CCG & Council"], ["Head of Integrated Commissioning, CCG & Council"]),
    (["Youth Offending Team Manager and Police Inspector"], ["Youth Offending Team Manager", "Police Inspector"]),
    (["Designated Officer (LADO)"], ["Designated Officer (LADO)"]),
    (["Director of Children's Services"], ["Director of Children's Services"]),
    (["Director of Children's Services and Head of Legal"], ["Director of Children's Services", "Head of Legal"]),
    (["Head of Service, Early Help"], ["Head of Service, Early Help"]),
    (["Head of SEND and Inclusion"], ["Head of SEND and Inclusion"]),
    (["Director, Safeguarding and Corporate Parenting"], ["Director, Safeguarding and Corporate Parenting"]),
    (["DCS"], ["DCS"]),
    (["DCS, DASS"], ["DCS", "DASS"]),
    (["DCS / AD Early Help"], ["DCS", "AD Early Help"]),
    (["SENCO and DSL"], ["SENCO", "DSL"]),
    (["CCG; ICB"], ["CCG", "ICB"]),
    (["Assistant Director, Education and Skills"], ["Assistant Director, Education and Skills"]),
    (["Designated Nurse for Safeguarding"], ["Designated Nurse for Safeguarding"]),
    (["Named Doctor / Designated Nurse"], ["Named Doctor", "Designated Nurse"]),
    (["Principal Social Worker"], ["Principal Social Worker"]),
    (
        ["Service Manager, Children in Care & Head of Fostering"],
        [
            "Service Manager, Children in Care",
            "Head of Fostering",
        ],
    ),
    (["Head of Quality Assurance; Principal Social Worker"], ["Head of Quality Assurance", "Principal Social Worker"]),
    (["Early Help Manager / Parent Carer Forum Chair"], ["Early Help Manager", "Parent Carer Forum Chair"]),
    (["Strategic Lead for Commissioning"], ["Strategic Lead for Commissioning"]),
    (
        ["Housing Options Manager and Homelessness Coordinator"],
        [
            "Housing Options Manager",
            "Homelessness Coordinator",
        ],
    ),
    (["Chair of the Safeguarding Partnership"], ["Chair of the Safeguarding Partnership"]),
    (["Consultant in Public Health"], ["Consultant in Public Health"]),
    (
        ["Virtual School Headteacher, Education Welfare Officer"],
        [
            "Virtual School Headteacher",
            "Education Welfare Officer",
        ],
    ),
    (["Head of Service, Children in Care and Care Leavers"], ["Head of Service, Children in Care and Care Leavers"]),
    (
        ["Assistant Director Commissioning & Head of Performance"],
        [
            "Assistant Director Commissioning",
            "Head of Performance",
        ],
    ),
    (["Workforce Development Manager"], ["Workforce Development Manager"]),
    (["Director of Public Health / DASS"], ["Director of Public Health", "DASS"]),
    (["Head of Youth Justice", "Participation Officer"], ["Head of Youth Justice", "Participation Officer"]),
    (["LSCP Business Manager"], ["LSCP Business Manager"]),
    (["Children's Services"], ["Children's Services"]),
    (["Director of Adult Social Care and Health"], ["Director of Adult Social Care and Health"]),
]

MIXED = [
    (["Kwabena Asante José García", "DCS; Ms K. Patel"], ["Kwabena Asante", "José García", "DCS", "Ms K. Patel"]),
    (["Ian Walker DCS"], ["Ian Walker", "DCS"]),
    (["Ian Walker Ailsa Barr Head of Early Help"], ["Ian Walker", "Ailsa Barr", "Head of Early Help"]),
    (["Niamh Ní Bhriain Principal Social Worker"], ["Niamh Ní Bhriain", "Principal Social Worker"]),
    (["Jane Smith (Head of Commissioning)"], ["Jane Smith (Head of Commissioning)"]),
    (["Head of Safeguarding and Quality, CCG"], ["Head of Safeguarding and Quality, CCG"]),
    (["Niamh Ní Bhriain, Head of Service, Early Help"], ["Niamh Ní Bhriain", "Head of Service, Early Help"]),
    (["José García (DCS)"], ["José García (DCS)"]),
    (["Kwabena Asante - Head of SEND and Inclusion"], ["Kwabena Asante - Head of SEND and Inclusion"]),
    (["Head of Legal / D. Smith"], ["Head of Legal", "D. Smith"]),
    (["Karen Holt and HR Business Partner"], ["Karen Holt", "HR Business Partner"]),
    (["DCS; Ms K. Patel"], ["DCS", "Ms K. Patel"]),
    (
        ["Director of Children's Services", "Chidi Eze-Okonkwo"],
        ["Director of Children's Services", "Chidi Eze-Okonkwo"],
    ),
    (["Carers Strategy Lead", "Maria Kowalski"], ["Carers Strategy Lead", "Maria Kowalski"]),
    (["Siobhan O'Neill & Principal Social Worker"], ["Siobhan O'Neill", "Principal Social Worker"]),
    (["Assistant Director, Education / Dr Amara Nwosu"], ["Assistant Director, Education", "Dr Amara Nwosu"]),
    (["Cllr Priya Sharma, Cabinet Member for Children"], ["Cllr Priya Sharma", "Cabinet Member for Children"]),
    (["SENCO, Yusuf Ali"], ["SENCO", "Yusuf Ali"]),
]

WRAPPED = [
    (["Director of Children and", "Young People's Services"], ["Director of Children and Young People's Services"]),
    (["Head of Service,", "Early Help"], ["Head of Service, Early Help"]),
    (["Head of SEND and", "Inclusion"], ["Head of SEND and Inclusion"]),
    (["Director, Safeguarding and", "Corporate Parenting"], ["Director, Safeguarding and Corporate Parenting"]),
    (
        ["Children's Mental", "Health Commissioner", "Ben Hartley"],
        ["Children's Mental Health Commissioner", "Ben Hartley"],
    ),
    (
        ["Assistant Director,", "Commissioning", "Niamh Ní Bhriain"],
        ["Assistant Director, Commissioning", "Niamh Ní Bhriain"],
    ),
    (["Niamh Ní", "Bhriain"], ["Niamh Ní Bhriain"]),
    (["Designated Nurse", "Safeguarding", "Children"], ["Designated Nurse Safeguarding Children"]),
    (["Tobacco Control", "Lead"], ["Tobacco Control Lead"]),
    (["José García", "Kwabena Asante"], ["José García", "Kwabena Asante"]),
    (
        ["Head of Early Help", "Head of Children's Social", "Care"],
        ["Head of Early Help", "Head of Children's Social Care"],
    ),
    (
        ["Principal Social", "Worker / Head of", "Quality Assurance"],
        ["Principal Social Worker", "Head of Quality Assurance"],
    ),
    (["Ms K.", "Patel"], ["Ms K. Patel"]),
    (["Director of Children's", "Services and Head of", "Legal"], ["Director of Children's Services", "Head of Legal"]),
    (["• Ian Walker", "• Head of Service, Early Help"], ["Ian Walker", "Head of Service, Early Help"]),
    (["a) Chidi Eze-Okonkwo", "b) SENCO"], ["Chidi Eze-Okonkwo", "SENCO"]),
    (["DCS", "DASS"], ["DCS", "DASS"]),
    (["MASH", "Manager"], ["MASH Manager"]),
    (["Karen Holt and HR", "Business Partner"], ["Karen Holt", "HR Business Partner"]),
    (["Elżbieta Nowakowska-", "Kowalska"], ["Elżbieta Nowakowska-Kowalska"]),
    (["Rachel Adeyemi,", "Head of Fostering"], ["Rachel Adeyemi", "Head of Fostering"]),
    (
        ["Assistant Director,", "Safeguarding and", "Quality Assurance"],
        ["Assistant Director, Safeguarding and Quality Assurance"],
    ),
]

# Cells printed in narrow columns (the layout variants), one printed line per entry.
NARROW = [
    (
        ["Director,", "Safeguarding", "and Corporate", "Parenting", "Service", "Manager,", "Safeguarding"],
        ["Director, Safeguarding and Corporate Parenting", "Service Manager, Safeguarding"],
    ),
    (
        ["Director,", "Safeguarding and", "Corporate", "Parenting", "Service", "Manager,", "Safeguarding"],
        ["Director, Safeguarding and Corporate Parenting", "Service Manager, Safeguarding"],
    ),
    (
        [
            "Director of", "Children and", "Young People's", "Services,", "Health", "Associated", "Director,",
            "Children's", "Services,", "RCHS", "Associate", "Director,", "Strategic", "Planning",
        ],
        [
            "Director of Children and Young People's Services, Health",
            "Associated Director, Children's Services, RCHS",
            "Associate Director, Strategic Planning",
        ],
    ),
    (
        [
            "Director of", "Children and", "Young People's", "Services, Health", "Associated", "Director,",
            "Children's", "Services, RCHS", "Associate Director,", "Strategic Planning",
        ],
        [
            "Director of Children and Young People's Services, Health",
            "Associated Director, Children's Services, RCHS",
            "Associate Director, Strategic Planning",
        ],
    ),
    (
        ["Director,", "Community", "Services", "Manager,", "Residential", "Services"],
        ["Director, Community Services", "Manager, Residential Services"],
    ),
    (
        ["Director, Community", "Services", "Manager, Residential", "Services"],
        ["Director, Community Services", "Manager, Residential Services"],
    ),
    (["Infant Feeding Lead"], ["Infant Feeding Lead"]),
    (["Infant Feeding", "Lead"], ["Infant Feeding Lead"]),
    (["Local", "Offer", "Officer"], ["Local Offer Officer"]),
    (
        ["Rachel", "Okafor /", "Substance", "Misuse", "Commissioning", "Manager"],
        ["Rachel Okafor", "Substance Misuse Commissioning Manager"],
    ),
    (["Lisa", "Morgan"], ["Lisa Morgan"]),
    (["Peter", "Douglas / Tina", "Hohn"], ["Peter Douglas", "Tina Hohn"]),
    (["Dr Priya", "Shah / Tom", "Evans"], ["Dr Priya Shah", "Tom Evans"]),
    (
        ["Head of Adult", "Social Care /", "Director of", "Integrated", "Care /", "Community", "Services", "Manager"],
        ["Head of Adult Social Care", "Director of Integrated Care", "Community Services Manager"],
    ),
    (
        ["Head of", "Service,", "Early Help", "Consultant in", "Public Health", "(Children and", "Young", "People)"],
        ["Head of Service, Early Help", "Consultant in Public Health (Children and Young People)"],
    ),
    (
        ["Service", "Manager,", "Reviews / Principal", "Social Worker"],
        ["Service Manager, Reviews", "Principal Social Worker"],
    ),
    (
        ["Director of", "Public Health /", "Tobacco Control", "Lead / Maternity", "Services", "Manager"],
        ["Director of Public Health", "Tobacco Control Lead", "Maternity Services Manager"],
    ),
    (
        ["Leisure and", "Culture", "Manager", "Social", "Prescribing", "Lead"],
        ["Leisure and Culture Manager", "Social Prescribing Lead"],
    ),
    (["Peter Douglas", "Tina Hohn"], ["Peter Douglas", "Tina Hohn"]),
    (["David", "McWilliams", "Ian Walker"], ["David McWilliams", "Ian Walker"]),
    (
        ["Director,", "Safeguarding", "and Corporate", "Parenting", "Workforce", "Strategy,", "Planning and",
         "Development", "Manager"],
        ["Director, Safeguarding and Corporate Parenting", "Workforce Strategy, Planning and Development Manager"],
    ),
    (
        ["Director,", "Safeguarding and", "Corporate", "Parenting", "Workforce", "Strategy, Planning",
         "and Development", "Manager"],
        ["Director, Safeguarding and Corporate Parenting", "Workforce Strategy, Planning and Development Manager"],
    ),
    (
        ["Director,", "Safeguarding and", "Corporate Parenting", "Workforce Strategy,", "Planning and", "Development",
         "Manager"],
        ["Director, Safeguarding and Corporate Parenting", "Workforce Strategy, Planning and Development Manager"],
    ),
    (
        ["Director,", "Safeguarding and", "Corporate", "Parenting", "Workforce", "Strategy,", "Planning", "and",
         "Development Manager"],
        ["Director, Safeguarding and Corporate Parenting", "Workforce Strategy, Planning and Development Manager"],
    ),
    (
        ["Head of", "Children's", "Commissioning,", "NHS", "Tenterbridge", "CCG"],
        ["Head of Children's Commissioning, NHS Tenterbridge CCG"],
    ),
    (
        ["Head of", "Children's", "Commissioning, NHS", "Tenterbridge CCG"],
        ["Head of Children's Commissioning, NHS Tenterbridge CCG"],
    ),
    (
        ["Head of Adult", "Commissioning", "Chief Fire", "Officer"],
        ["Head of Adult Commissioning", "Chief Fire Officer"],
    ),
    (["Head of Adult", "Commissioning /", "Chief Fire Officer"], ["Head of Adult Commissioning", "Chief Fire Officer"]),
    (["Karen Holt /", "HR", "Business", "Partner"], ["Karen Holt", "HR Business Partner"]),
    (["Tenant", "Engagement", "Officer"], ["Tenant Engagement Officer"]),
    (
        ["Public Health Principal", "CCG Children's", "Commissioner"],
        ["Public Health Principal", "CCG Children's Commissioner"],
    ),
    (["Deputy Principal", "Social Worker"], ["Deputy Principal Social Worker"]),
    (["Principal", "Educational", "Psychologist"], ["Principal Educational Psychologist"]),
    (
        ["Director of", "Children's", "Services", "CCG", "Accountable Officer"],
        ["Director of Children's Services", "CCG Accountable Officer"],
    ),
]

CASES = [
    pytest.param(lines, expected, id=f"{kind}-{n}")
    for kind, table in (
        ("people", PEOPLE), ("roles", ROLES), ("mixed", MIXED), ("wrapped", WRAPPED), ("narrow", NARROW),
    )
    for n, (lines, expected) in enumerate(table, start=1)
]


def test_the_table_is_large_enough() -> None:
    assert len(CASES) >= 80


@pytest.mark.parametrize(("lines", "expected"), CASES)
def test_split_leads_table(lines: list[str], expected: list[str]) -> None:
    assert split_leads(lines) == expected


@pytest.mark.parametrize("lines", [[], [""], ["   "], ["", ""]])
def test_empty_cells_have_no_leads(lines: list[str]) -> None:
    assert split_leads(lines) == []
