"""Lead cells to people and roles, with a pipeline of rule components and no names list.

Roles are recognised positively, by the vocabulary of UK public-sector posts; a run of
capitalised words that are not role words is a person (any script's letters, "O'Neill",
"Eze-Okonkwo", particles such as "ap", "van", "Ní", initials and titles). The pipeline
(`extract.fields.lead_doc`: no language data, no model) has a tokenizer that cuts only at
spaces and at the separators ", ; / & ( ) +":

- `lead_token_classes` marks each token as a role word, a name token, a title, an
  initial, a particle or a separator;
- `lead_role_heads` marks the heads of posts ("Director", "Manager",
  "Designated Nurse", "DCS") and the words that open a role ("Head", "Assistant");
- `lead_spans` cuts the cell before a second role opening with its head and a comma once
  the role before holds its post ("Director, Community Services" / "Manager, Residential
  Services"), at ";" always and at ",", "/", "&", "and" where both sides are whole leads
  (never inside "Head of Service, Early Help" or "Head of SEND and Inclusion"), then splits
  runs of names into people; results are `doc.ents` (PERSON / ROLE).

A cell's printed lines are joined first: a paragraph that only goes on the lead before it
("Rachel" / "Okafor / ...", "Local Offer" / "Officer") is joined to it, and `split_wraps`
cuts a line break only where it ends one lead ("Carers Strategy Lead" / "Maria Kowalski"),
not inside a wrapped role: a line ending in ",", "and" or "of" goes on, and after "Role,
qualifier" only a role opener, a post or a person starts a new lead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache, lru_cache
from itertools import pairwise
from operator import attrgetter

from extract.fields.lead_doc import Doc, LeadPipeline, Span, Token
from extract.markers import LIST_MARKER
from extract.text import normalise_space

# Heads of posts held by a person: a role naming one of these is a whole lead.
POST_HEADS = frozenset("""
director directors head heads manager managers officer officers lead leads leader leaders coordinator coordinators
co-ordinator co-ordinators chair chairs chairperson consultant consultants principal principals commissioner
commissioners adviser advisers advisor advisors practitioner practitioners nurse nurses doctor doctors worker workers
partner partners psychologist psychologists therapist therapists champion champions sponsor sponsors executive
executives administrator administrators analyst analysts supervisor supervisors secretary registrar headteacher
headteachers teacher teachers governor governors member members holder holders councillor councillors cllr
mayor specialist specialists navigator navigators paediatrician clinician clinicians caseworker caseworkers
owner owners deputy visitor visitors midwife midwives senco sencos
controller treasurer solicitor solicitors auditor auditors inspector inspectors
planner planners engineer engineers surveyor surveyors librarian librarians assessor assessors reviewer reviewers
""".split())
# Heads of bodies that can lead an action ("Children's Services", "Safeguarding Board").
BODY_HEADS = frozenset("""
service services team teams board boards group groups panel panels partnership partnerships forum forums unit units
council trust network networks department staff directorate division hub office committee alliance collaborative
""".split())
# Words that open a role after a separator: "... and Head of Legal", "..., Assistant Director".
ROLE_OPENERS = frozenset("""
head director assistant associate associated deputy chief senior interim acting principal executive designated named
strategic service cabinet portfolio lead corporate divisional group programme project operations operational
""".split())
# Posts and bodies written as acronyms that are leads on their own ("DCS, DASS").
POST_ACRONYMS = frozenset("""
DCS DASS AD ADs DD DPH DoH CEO CE DCEO COO CFO CX SENCO SENCo SENDCO SENDCo DSL DDSL LADO IRO IROs PA HT DHT SLT SMT
CCG ICB ICS LA LSCB LSCP SAB MASH HR CSC ASC CYPS VSH QA IT ICT OD BI
""".split())
# Words of role and body names that are not read as names ("Corporate Parenting", "Substance Misuse").
ROLE_WORDS = POST_HEADS | BODY_HEADS | ROLE_OPENERS | frozenset("""
safeguarding children children's childrens child adult adults adult's family families parenting parents parent
carer carers education educational learning skills inclusion send sen special needs disability disabilities early
years help intervention prevention protection looked leaving leavers fostering adoption permanence residential
placement placements commissioning contracts procurement finance financial legal governance democratic performance
quality assurance improvement transformation change strategy policy planning integration integrated community
communities neighbourhood neighbourhoods locality localities housing homelessness tenancy estates property assets
environment environmental highways transport waste regeneration economic economy development digital data
intelligence information insight analytics research communications engagement consultation participation voice
customer customers operations business support workforce organisational training practice social work occupational
therapy psychology youth offending justice criminal police probation fire nhs foundation hospital primary secondary
acute clinical medical nursing midwifery pharmacy dental gp gps continuing healthcare ageing older autism domestic
abuse violence exploitation missing contextual adolescent adolescents front door triage assessment reviewing
independent conference audit complaints compliance risk resilience emergency contingency continuity standards
school schools sufficiency admissions attendance welfare exclusions alternative provision virtual academy academies
college employment apprenticeships libraries culture leisure sport elected scrutiny authority local county borough
city district metropolitan regional national area system delivery implementation public health mental wellbeing
well-being substance misuse drug drugs alcohol sexual tobacco control smoking obesity nutrition physical activity
offer commissioned provider providers market care reablement intermediate therapies disabled physical sensory
complex lifelong multi-agency agency partnerships pathway pathways transition transitions preparation adulthood
cohesion equality equalities diversity inclusion revenues benefits pensions payroll recruitment retention
social-work quality-assurance designated named paediatrics specialist all relevant key staff partner agencies
commercial facilities programmes projects portfolio cabinet commissioning senior leadership management people
persons active healthy lives living independence travel road safety trading licensing
""".split())
TITLES = frozenset({"dr", "mr", "mrs", "ms", "miss", "mx", "cllr", "councillor", "prof", "professor", "sir", "dame",
                    "rev", "revd", "lord", "lady"})
# Name particles: lower case they always join the next word ("van der Berg", "ap Rhys"); capitalised
# ones join it when they follow a first name ("María De Souza", "Niamh Ní Bhriain").
PARTICLES = frozenset({
    "ap", "ab", "de", "da", "das", "dos", "du", "del", "della", "der", "den", "van", "von", "ter", "ten", "bin",
    "bint", "binti", "ibn", "ní", "nic", "ó", "uí", "st", "ferch", "verch", "di", "la", "le", "al", "el", "y", "e",
    "ben", "abu",
})
CAPITAL_PARTICLES = PARTICLES - {"di", "la", "le", "al", "el", "y", "e", "ben", "abu"}
DASHES = frozenset({"(", ")", "-", "–", "—", ":"})  # punctuation inside a lead that is not a word
CONNECTORS = frozenset({"of", "and", "&", ",", "for", "the", "/", "-", "–", "to", "in", "with", "at", "on"})
SEPARATORS = frozenset({",", ";", "/", "&", "and", "+"})
# A capitalised word in any script, with inner apostrophes, hyphens or dots ("O'Neill", "Eze-Okonkwo", "Ní").
NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*(?:['’\-.][^\W\d_]+)*$")
INITIALS = re.compile(r"^(?:[A-Z]\.){1,3}$|^[A-Z]$")
TOKEN = re.compile(r"[,;/&()+]|[^\s,;/&()+]+")
# "Designated Nurse", "Named GP": posts of two words, both marked as the head.
DESIGNATIONS = frozenset({"designated", "named"})
DESIGNATED_POSTS = frozenset({"nurse", "doctor", "gp", "professional"})


def lead_doc(text: str) -> Doc:
    """The doc of a lead cell's text, cut only at whitespace and at its separators, keeping "Eze-Okonkwo" whole."""
    matches = list(TOKEN.finditer(text))
    starts = [m.start() for m in matches[1:]] + [len(text)]
    return Doc([m.group(0) for m in matches], [start > m.end() for m, start in zip(matches, starts)])


def word_key(text: str) -> str:
    """A word as looked up in the vocabularies: lower case, straight apostrophes, no trailing dot."""
    return text.replace("’", "'").lower().rstrip(".")


def is_acronym(text: str) -> bool:
    """An all-capitals word of two or more letters ("SEND", "DCS", "RCHS")."""
    letters = text.replace("'", "").replace("’", "")
    return len(letters) >= 2 and letters.isalpha() and (letters.isupper() or text in POST_ACRONYMS)


def is_name_word(text: str) -> bool:
    """A capitalised word that could be part of a name (not a possessive such as "People's")."""
    return bool(NAME_WORD.match(text)) and text[0].isupper() and not re.search(r"['’]s$", text) \
        and not is_acronym(text)


def lead_token_classes(doc: Doc) -> Doc:
    """Mark role words, name tokens, titles, initials, particles and separators."""
    for token in doc:
        key = word_key(token.text)
        token.is_honorific = key in TITLES and token.text[0].isupper()
        token.is_initial = bool(INITIALS.match(token.text))
        token.is_particle = key in PARTICLES
        token.is_role_word = (key in ROLE_WORDS or is_acronym(token.text)) and not token.is_honorific
        token.is_name_token = not token.is_role_word and (
            is_name_word(token.text) or token.is_particle or token.is_honorific
        )
        token.is_separator = token.text in SEPARATORS or token.lower_ == "and"
    return doc


def lead_role_heads(doc: Doc) -> Doc:
    """Mark the heads of posts ("Director", "DCS", "Designated Nurse") and of bodies ("Board"), and role openers."""
    for token in doc:
        token.is_post_head = token.lower_ in POST_HEADS or token.text in POST_ACRONYMS
        token.is_body_head = token.lower_ in BODY_HEADS
        token.is_opener = token.lower_ in ROLE_OPENERS and token.is_title
    for first, second in pairwise(doc):
        if first.lower_ in DESIGNATIONS and second.lower_ in DESIGNATED_POSTS:
            first.is_post_head = second.is_post_head = True
    return doc


def words_of(tokens: Sequence[Token]) -> list[Token]:
    """The tokens that are words (no brackets or separators)."""
    return [t for t in tokens if not t.is_separator and t.text not in DASHES]


def is_person_run(tokens: Sequence[Token]) -> bool:
    """Tokens that are only names, titles, initials and particles, with a name among them."""
    words = words_of(tokens)
    return bool(words) and all(t.is_name_token or t.is_initial for t in words) and any(
        t.is_name_token and not t.is_particle and not t.is_honorific for t in words
    )


def has_head(tokens: Sequence[Token]) -> bool:
    """A role with a head: a post, a body or an acronym."""
    return any(t.is_post_head or t.is_body_head or is_acronym(t.text) for t in tokens)


def is_complete_lead(tokens: Sequence[Token]) -> bool:
    """A piece that can stand alone as a lead: a person, or a role with a head."""
    words = words_of(tokens)
    if not words:
        return False
    if is_person_run(words):
        return len(name_units(words)) >= 2 or any(t.is_honorific or t.is_initial for t in words)
    return has_head(words)


def opens_lead(before: Sequence[Token], tokens: Sequence[Token], separator: str) -> bool:
    """True when the tokens after a separator begin a new lead rather than go on with the last one.

    After any separator: a person, a role opening with "Head", "Assistant", "Designated" ...
    that holds a head ("Corporate Parenting" does not), or a post acronym alone ("DCS").
    After "and", "&" or "/" also a role holding a post head ("HR Business Partner"), or a
    named body after a lead ending in its head ("... Board and Children in Care Council"); after
    "," such a role only when the lead before ends in its head ("Virtual School Headteacher,
    Education Welfare Officer", never "Head of Service, Early Help").
    """
    words = words_of(tokens)
    if not words:
        return False
    if is_person_run(words):
        return is_complete_lead(words)
    if words[0].is_honorific or (words[0].is_opener and any(t.is_post_head or t.is_body_head for t in words)):
        return True
    if len(words) == 1 and words[0].text in POST_ACRONYMS:  # "DCS, DASS"; but "Team Manager, MASH" is one
        return separator != "," or is_person_run(before) or all(is_acronym(t.text) for t in words_of(before))
    last = words_of(before)[-1]
    ends_in_head = last.is_post_head or last.is_body_head
    if separator != "," and ends_in_head and len(words) > 1 and (words[-1].is_post_head or words[-1].is_body_head):
        return True  # "Corporate Parenting Board and Children in Care Council"
    if not any(t.is_post_head for t in words) or not (words[0].is_title or words[0].is_upper):
        return False
    return separator != "," or (words[0].is_title and (ends_in_head or is_person_run(before)))


def cut(tokens: Sequence[Token], at: Iterable[int]) -> list[list[Token]]:
    """Split a token list before each of the given positions, dropping the separator there."""
    pieces, start = [], 0
    for index in at:
        pieces.append(list(tokens[start:index]))
        start = index + 1
    pieces.append(list(tokens[start:]))
    return [p for p in pieces if p]


def second_role_start(tokens: Sequence[Token], index: int, start: int) -> int | None:
    """Where a role "Head, qualifier" begins when its head word at `index` is followed by a comma.

    The role reaches back over the title-case openers before its head ("Service Manager,",
    "Associate Director,"); it is a second role only when a word of the lead before ends there
    and that lead already holds a post head ("Director, Community Services / Manager, Residential
    Services"). Never after a connector ("Head of Service Manager,") or at the lead's start.
    """
    token = tokens[index]
    if not (token.is_post_head and token.is_title and index + 1 < len(tokens) and tokens[index + 1].text == ","):
        return None
    begin = index
    while begin - 1 > start and tokens[begin - 1].is_title and tokens[begin - 1].is_opener:
        begin -= 1
    previous = tokens[begin - 1] if begin > start else None
    if previous is None or previous.lower_ in CONNECTORS or previous.text in DASHES:
        return None
    return begin if any(t.is_post_head for t in tokens[start:begin]) else None


def role_chunks(tokens: Sequence[Token]) -> list[list[Token]]:
    """The tokens cut before each second role opening with its head and a comma ("Parenting / Service Manager,")."""
    starts: list[int] = []
    for index in range(len(tokens)):
        begin = second_role_start(tokens, index, starts[-1] if starts else 0)
        if begin is not None:
            starts.append(begin)
    bounds = [0, *starts, len(tokens)]
    return [list(tokens[a:b]) for a, b in pairwise(bounds) if b > a]


def cut_positions(tokens: Sequence[Token]) -> list[int]:
    """Where the piece is cut: at ";" always, at other separators between two whole leads."""
    depth = [0]
    for token in tokens:  # never cut inside brackets: "Consultant (Children and Young People)"
        depth.append(max(0, depth[-1] + (token.text == "(") - (token.text == ")")))
    separators = [i for i, t in enumerate(tokens) if t.is_separator and depth[i] == 0]
    cuts: list[int] = []
    start = 0
    for n, index in enumerate(separators):
        following = separators[n + 1] if n + 1 < len(separators) else len(tokens)
        left, right = tokens[start:index], tokens[index + 1:following]
        if tokens[index].text == ";" or (
            is_complete_lead(left) and opens_lead(left, right, tokens[index].lower_)
        ):
            cuts.append(index)
            start = index + 1
    return cuts


def joins_next(token: Token, first: bool) -> bool:
    """A title, initial or particle that belongs with the word after it."""
    key = word_key(token.text)
    return token.is_honorific or token.is_initial or (token.is_lower and key in PARTICLES) or (
        not first and key in CAPITAL_PARTICLES
    )


def name_units(tokens: Sequence[Token]) -> list[list[Token]]:
    """Names as units: titles, initials and particles join the word after them ("Ní Bhriain", "Dr Helen")."""
    units: list[list[Token]] = []
    joining = False
    for token in words_of(tokens):
        if joining and units:
            units[-1].append(token)
        else:
            units.append([token])
        joining = joins_next(token, first=len(units) == 1 and len(units[0]) == 1)
    return units


def is_whole_name(unit: Sequence[Token]) -> bool:
    """A unit that is a whole person: initials followed by a surname ("D. Smith", "Ms K. Patel")."""
    return any(t.is_initial for t in unit) and not unit[-1].is_initial and len(unit) > 1


def pair_names(tokens: Sequence[Token]) -> list[list[Token]]:
    """A run of names as people: "Ian Walker Ailsa Barr" -> two; a title or an initial starts a person."""
    runs: list[list[list[Token]]] = [[]]
    for unit in name_units(tokens):
        starts_person = unit[0].is_honorific or unit[0].is_initial
        if starts_person and runs[-1]:
            runs.append([])
        runs[-1].append(unit)
        if is_whole_name(unit):
            runs.append([])
    people = []
    for units in (r for r in runs if r):
        while units:
            take = len(units) if len(units) <= 3 else 2
            people.append([t for unit in units[:take] for t in unit])
            units = units[take:]
    return people


def split_roles(words: Sequence[Token]) -> list[list[Token]]:
    """Cut a piece where a second role begins, when the cell's line break between them was lost."""
    starts = [
        i for i in range(1, len(words))
        if words[i].is_title and words[i].lower_ in ROLE_STARTERS
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
    Commissioning Manager" (a name and a surname opening a role), "Carers Strategy Lead
    Maria Kowalski" (a name after the role's head noun). A role's own "and" is never cut:
    the side before it must be a name.
    """
    for i, token in enumerate(words):
        if token.lower_ in ("and", "&") and 2 <= i <= 3 and is_person_run(words[:i]):
            return [list(words[:i]), list(words[i + 1:])]
    names = leading_names(words)
    if names and words[names].text not in DASHES:  # "Kwabena Asante - Head of SEND": a person and their post
        rest = words[names:]
        # a head word alone finishes the role ("Infant Feeding Lead"), an acronym alone is a post ("Ian Walker DCS")
        whole = len(rest) > 1 or rest[0].text in POST_ACRONYMS
        if whole and (rest[0].is_title or rest[0].text in POST_ACRONYMS) and any(is_head_word(w.text) for w in rest):
            return [list(words[:names]), list(rest)]
    for n in (2, 3, 4):
        if len(words) > n and is_person_tokens(words[-n:]) and words[-n - 1].lower_ in LEAD_HEADS:
            return [list(words[:-n]), list(words[-n:])]
    return [list(words)]


def leading_names(words: Sequence[Token]) -> int:
    """How many words at the start are the names of one or more people (0 when fewer than a whole name)."""
    count = 0
    while count < len(words) and (words[count].is_name_token or words[count].is_initial):
        count += 1
    while count and not is_complete_lead(words[:count]):
        count -= 1
    return count if count < len(words) else 0


def span_with_brackets(doc: Doc, tokens: Sequence[Token], label: str) -> Span:
    """The span of the tokens, with the closing bracket of a bracket it opens ("(CCG)")."""
    end = tokens[-1].i + 1
    if doc[tokens[0].i:end].text.count("(") > doc[tokens[0].i:end].text.count(")") and end < len(doc) \
            and doc[end].text == ")":
        end += 1
    return Span(doc, tokens[0].i, end, label)


def lead_spans(doc: Doc) -> Doc:
    """Set doc.ents to the leads in document order: ROLE spans kept whole, PERSON spans split out of name runs."""
    spans = []
    pieces = [piece for chunk in role_chunks(list(doc)) for piece in cut(chunk, cut_positions(chunk))]
    for piece in pieces:
        words = [t for t in piece if not (t.is_punct and t.text not in {"&", ",", "/"} | DASHES)]
        while words and words[-1].is_separator:
            words.pop()
        while words and words[0].is_separator:
            words.pop(0)
        if not words:
            continue
        if is_person_run(words):
            people = cut(words, [i for i, t in enumerate(words) if t.is_separator])
            for person in people:
                for name in pair_names(person):
                    spans.append(span_with_brackets(doc, name, "PERSON"))
            continue
        for part in split_person_from_role(words):
            label = "PERSON" if is_person_run(part) else "ROLE"
            for role in split_roles(part) if label == "ROLE" else pair_names(part):
                spans.append(span_with_brackets(doc, role, label))
    doc.ents = sorted(spans, key=attrgetter("start"))
    return doc


@cache
def lead_pipeline() -> LeadPipeline:
    """The lead-splitting pipeline: the lead tokenizer and three rule components."""
    return LeadPipeline(lead_doc, [
        ("lead_token_classes", lead_token_classes),
        ("lead_role_heads", lead_role_heads),
        ("lead_spans", lead_spans),
    ])


# ---- line breaks: where a wrap ends one lead ----------------------------------------------

# A role that follows another in one paragraph starts with one of these ("... RCHS Associate Director").
ROLE_STARTERS = frozenset({
    "associate", "assistant", "deputy", "senior", "chief", "interim", "acting", "director", "head", "principal",
    "consultant", "strategic", "designated", "named",
})
ROLE_STARTER_TITLES = frozenset(word.title() for word in ROLE_STARTERS)
ROLE_MODIFIERS = frozenset({
    "associate", "associated", "assistant", "deputy", "senior", "chief", "interim", "acting", "executive",
    "strategic", "principal", "lead", "managing", "corporate", "service", "divisional", "designated", "named",
})
ROLE_HEADS = frozenset({"director", "directors", "head", "manager", "managers", "officer", "officers", "lead", "chair"})
LEAD_HEADS = POST_HEADS - {"deputy", "executive", "principal", "member", "members"} | {"chair"}
ENDS_OPEN = re.compile(r"(?:[,&/(-]|\b(?:and|of|for|the|in|to|with|at|on))\s*$", re.IGNORECASE)
LEAD_CONNECTORS = frozenset({"and", "of", "for", "the", "in", "to", "with", "at", "on", "&"})


def is_person_tokens(tokens: Sequence[Token]) -> bool:
    """A name and a surname, after optional titles ("Dr Helen Marsh", "D. Smith", "Niamh Ní Bhriain")."""
    words = words_of(tokens)
    if not is_person_run(words) or len(words) != len(tokens):
        return False
    units = name_units(words)
    return len(units) == 2 or (len(units) == 1 and (words[0].is_honorific or words[0].is_initial))


def classified(text: str) -> list[Token]:
    """The text's tokens with their classes (name, role word, title ...) and role heads marked."""
    nlp = lead_pipeline()
    return list(nlp.get_pipe("lead_role_heads")(nlp.get_pipe("lead_token_classes")(nlp.make_doc(text))))


def is_person(text: str) -> bool:
    """A person's name alone: a name and a surname, optionally titled, none of them role words.

    Two names only: "Rachel Okafor Substance" is a name and the start of a role.
    """
    return bool(text.strip()) and is_person_tokens(classified(text))


def is_people(text: str) -> bool:
    """Names of one or more whole people and nothing else ("Kwabena Asante José García")."""
    tokens = classified(text)
    return bool(text.strip()) and is_person_run(tokens) and is_complete_lead(tokens)


def starts_new_lead(before: str, after: str) -> bool:
    """True when a wrap between two lines of a lead cell is really the end of one lead.

    Before must be complete: a role ending in its head noun ("... Commissioner"), or a
    person followed by a whole lead, or a role holding a head noun followed by a person
    or by another role with its own head noun. Before must not end open (a comma, "and",
    "of", a modifier such as "Associate" waiting for its noun, a title, initial or
    particle waiting for its name); after must open like a lead.
    """
    words_before, words_after = before.split(), after.split()
    if not words_before or not words_after or ENDS_OPEN.search(before):
        return False
    if "/" in before and not ends_a_lead(before.rsplit("/", 1)[1]):
        return False  # "Early Help Manager / Parent": the lead after the slash is not finished
    last_word = words_before[-1].split("/")[-1].strip(").")
    last = last_word.lower()
    if not words_after[0][:1].isupper() or words_after[0].lower() in LEAD_CONNECTORS or last in LEAD_CONNECTORS:
        return False
    if re.search(r"['’]s$", last_word):  # a possessive waits for its noun: "Director of Children's" / "Services"
        return False
    if word_key(words_before[-1]) in TITLES | CAPITAL_PARTICLES or INITIALS.match(words_before[-1]):
        return False
    first_after = first_piece(after)
    has_head_before = any(is_head_word(w) for w in words_before)
    words_first = first_after.split()
    after_is_whole = is_whole_lead(first_after) and not starts_inside(words_first)
    if "," in before and not is_person(first_after):
        # after "Role, qualifier" a new role opens ("Consultant in ...") or ends in its post ("CIN Service Managers");
        # "Commissioning, NHS" / "Tenterbridge CCG" and "..., NHS Tenterbridge" / "CCG" go on qualifying the role
        after_is_whole = after_is_whole and (
            words_first[0] in ROLE_STARTER_TITLES or words_first[-1].lower() in LEAD_HEADS
        )
    # a role with its own commas and "and" up to its post ("Workforce Strategy, Planning and Development Manager")
    role = after.split("/")[0].split()
    role_after = len(role) > 1 and ends_a_lead(" ".join(role)) and role[-1].lower() in LEAD_HEADS \
        and not starts_inside(role)
    if last in ROLE_MODIFIERS and len(words_before) == 1:
        return False  # a modifier alone ("Lead" / "Occupational Therapist") waits for the role it qualifies
    if last in ROLE_MODIFIERS:  # "Associate" / "Director", or "Lead" / "Officer": only a whole lead may follow
        # a post after words of its role ends it: "Public Health Principal" / "CCG Children's Commissioner"
        ends_role = last in POST_HEADS and len(words_before) > 1 and words_before[-2].lower() not in ROLE_MODIFIERS
        return (last in LEAD_HEADS or ends_role) and after_is_whole
    if last_word in POST_ACRONYMS:  # "DCS" / "DASS" are two leads; "MASH" / "Manager" and "HR" / "Business Partner" one
        opens = words_first[0].strip(",") in POST_ACRONYMS or word_key(words_first[0]) in ROLE_STARTERS
        return is_person(first_after) or opens
    ends_with_head = is_head_word(last_word) or words_before[-1].endswith(")")
    return (
        (ends_with_head and (after_is_whole or ends_a_lead(after)))
        or ((is_people(before.rsplit(",", 1)[-1]) or has_head_before) and (after_is_whole or role_after))
    )


def starts_inside(words: Sequence[str]) -> bool:
    """A role that starts after the first word ("Commissioning Chief Fire Officer"): the words before it end a lead."""
    return any(
        word in ROLE_STARTER_TITLES and words[k - 1].lower() not in CONNECTORS | ROLE_MODIFIERS
        for k, word in enumerate(words[1:-1], start=1)
    )


def first_piece(text: str) -> str:
    """The text up to its first separator ("Okafor" of "Okafor / Substance Misuse ...")."""
    return re.split(r"\s*(?:[,;/&]|\band\b)\s*", text, maxsplit=1)[0]


def is_whole_lead(text: str) -> bool:
    """A person, or a role with its head and a word more ("Health Commissioner"), or a post acronym ("DCS")."""
    words = text.split()
    return is_person(text) or (
        any(is_head_word(w) for w in words) and (len(words) >= 2 or words[0] in POST_ACRONYMS)
    )


def is_head_word(word: str) -> bool:
    """A word that ends a lead: a post's head noun ("Manager", "Chair") or a post acronym ("DCS")."""
    stripped = word.strip(",.()")
    return stripped in POST_ACRONYMS or stripped.lower() in LEAD_HEADS


def ends_a_lead(text: str) -> bool:
    """Text that can end a lead: a head noun not followed by its comma ("Director," goes on), or a name."""
    words = text.split()
    return bool(words) and not words[-1].endswith(",") and (
        is_head_word(words[-1]) or is_person(text)
    )


def following_lead(lines: Sequence[str]) -> str:
    """The text after a wrap: the next line, or the next few lines (three, and those going on) up to a lead's end."""
    counted = 0
    for count in range(1, len(lines) + 1):
        line = lines[count - 1]  # a line ending open, or opening with a connector, carries on: it is not counted
        counted += not ENDS_OPEN.search(line) and (line.split() or [""])[0].lower() not in LEAD_CONNECTORS
        if counted > 3:
            break
        text = " ".join(lines[:count])
        if ends_a_lead(text):
            return text
    return lines[0]


def split_wraps(paragraph: str) -> list[str]:
    """A lead paragraph whose wraps are kept as "\n", cut where a wrap ends one lead."""
    lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
    parts: list[str] = []
    for i, line in enumerate(lines):
        if parts and re.search(r"[^\W\d_]-$", parts[-1]):  # "Nowakowska-" / "Kowalska": a hyphen at a wrap
            parts[-1] = f"{parts[-1]}{line}"
        elif parts and not starts_new_lead(parts[-1], following_lead(lines[i:])):
            parts[-1] = f"{parts[-1]} {line}"
        else:
            parts.append(line)
    return parts


def strip_list_marker(text: str) -> str:
    """The text without a leading "a)", "1.2" or bullet marker."""
    return LIST_MARKER.sub("", text, count=1).strip()


def lines_to_paragraphs(lines: Sequence[str]) -> list[str]:
    """A cell's printed lines as paragraphs with wraps kept as "\n"; a line opening with a marker starts one."""
    paragraphs: list[str] = []
    for line in (part for text in lines for part in text.split("\n")):
        if paragraphs and not LIST_MARKER.match(line):
            paragraphs[-1] = f"{paragraphs[-1]}\n{line}"
        else:
            paragraphs.append(line)
    return paragraphs


def goes_on(before: str, paragraph: str) -> bool:
    """True when a paragraph carries on the lead before it rather than starting its own.

    The lead before ends open ("Service Manager,") or is no whole lead ("Children in Care" /
    "Service Manager"), or the paragraph opens with a connector ("and Development Manager") or
    with one capitalised word, up to its first separator, that is no whole lead: a surname
    ("Okafor / ..."), a head word alone ("Officer"), the end of a qualifier ("Care / ..."); after
    an acronym it goes on as at a wrap ("HR" / "Business Partner"). A paragraph opening with a
    list marker is always its own.
    """
    if LIST_MARKER.match(paragraph) or not paragraph.strip():
        return False
    last_piece = re.split(r"[,;/&]", normalise_space(before))[-1].strip()
    if ENDS_OPEN.search(before) or (last_piece and not is_complete_lead(classified(last_piece))):
        return True
    piece = re.split(r"\s*[,;/&]", normalise_space(paragraph), maxsplit=1)[0]
    words = piece.split()
    if not words or words[0].lower() in LEAD_CONNECTORS:
        return True  # "/ Head of Legal", "and Development Manager"
    if last_piece in POST_ACRONYMS:  # "Karen Holt / HR" / "Business Partner", as at a wrap
        lines = [line.strip() for line in paragraph.split("\n") if line.strip()]
        return not starts_new_lead(before, following_lead(lines))
    return len(words) == 1 and piece[:1].isupper() and not is_whole_lead(piece)


def joined_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """The cell's paragraphs with each one that goes on the lead before it joined to it as a wrapped line."""
    joined: list[str] = []
    for paragraph in paragraphs:
        if joined and goes_on(joined[-1], paragraph):
            joined[-1] = f"{joined[-1]}\n{paragraph}"
        else:
            joined.append(paragraph)
    return joined


def leads_of_paragraphs(paragraphs: Sequence[str]) -> list[str]:
    """Each person or role named in a lead cell's paragraphs (wraps kept as "\n"), once, in order."""
    return list(leads_of_cell(tuple(paragraphs)))


@lru_cache(maxsize=4096)
def leads_of_cell(paragraphs: tuple[str, ...]) -> tuple[str, ...]:
    """`leads_of_paragraphs`, remembered: a plan names the same few leads in cell after cell."""
    nlp = lead_pipeline()
    leads: list[str] = []
    texts = [strip_list_marker(part) for p in joined_paragraphs(paragraphs) for part in split_wraps(p)]
    for doc in nlp.pipe(t for t in texts if t):
        for ent in doc.ents:
            text = normalise_space(ent.text).strip(" ,;/&")
            if text and text not in leads:
                leads.append(text)
    return tuple(leads)


def split_leads(lines: Sequence[str]) -> list[str]:
    """The people and roles of a lead cell, given its printed lines, once each and in order.

    `split_leads(["Niamh Ní Bhriain, José García", "Head of Service,", "Early Help"])`
    -> ["Niamh Ní Bhriain", "José García", "Head of Service, Early Help"].
    """
    return leads_of_paragraphs(lines_to_paragraphs(lines))
