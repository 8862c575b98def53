"""Stage 3, rows: stitch the pages' grids into one logical plan table.

The first grid whose first row names at least three roles, one of them the action, is
the plan table; its first row is the column map. On later pages a repeated header is
dropped, every cell is given the role of the header column it sits under, rows that are
one heading spanning the table become sections, and a row that ran off the foot of a
page is joined to its remainder at the top of the next page (its cells' lines are
concatenated, so a paragraph broken by the page is rejoined like any wrapped line).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from extract.columns import header_role, plan_header_roles
from extract.headings import can_head, lines_to_blocks
from extract.layout import Paragraph, TextLine, is_hard_break, lines_to_paragraphs
from extract.markers import BARE_NUMBER, NUMBER_PREFIX
from extract.page import BBox, Color, Fill
from extract.tables.base import Cell, PageTables
from schemas.plan import Role

SECTION_MAX_WORDS = 12
SPAN_TOLERANCE = 2.0  # points: a cell reaching further below its row's other cells spans the rows below
PLAIN_SECTION_MAX_WORDS = 6
TERMINAL_PUNCTUATION = tuple(".!?)")
SENTENCE_ROLES = frozenset({"finding", "action", "progress"})
FINDING_ROLES = frozenset({"number", "finding", "overall_lead"})  # a finding's cells, beside all its action rows


@dataclass(frozen=True)
class HeaderColumn:
    """One header cell: its printed text, its role (None until known) and its x extent."""

    text: str
    role: Role | None
    x0: float
    x1: float


@dataclass
class LogicalCell:
    """A cell of a logical row: the lines of all its fragments, which may span pages."""

    lines: list[TextLine] = field(default_factory=list)
    boxes: list[tuple[int, BBox]] = field(default_factory=list)
    right_edge: float = 0.0
    fill: Color | None = None
    spans_rows: bool = False  # the cell reaches down beside the rows below it (a merged cell)

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def paragraphs(self) -> list[Paragraph]:
        return lines_to_paragraphs(self.lines, self.right_edge)

    @property
    def paragraphs_with_wraps(self) -> list[Paragraph]:
        """Paragraphs whose wrapped lines stay apart ("\n"), for judging breaks by sense."""
        return lines_to_paragraphs(self.lines, self.right_edge, keep_wraps=True)

    @property
    def pages(self) -> set[int]:
        return {page for page, _ in self.boxes}

    def extend(self, cell: Cell) -> None:
        """Add a fragment of this cell (the same row, later on the page or on the next page)."""
        if not self.boxes:
            self.right_edge = cell.right_edge
            self.fill = cell.fill
        self.lines.extend(cell.lines)
        self.boxes.append((cell.page, cell.bbox))
        if self.right_edge == cell.bbox.x1 and cell.lines:
            self.right_edge = cell.right_edge


@dataclass
class TableRow:
    """A logical body row (cells by role) or a section heading row (`section` set).

    `left_out` holds the row's cells that have no role, with their column's header text
    ("" for an unheaded column): the plan names them in its warnings.
    """

    cells: dict[Role, LogicalCell]
    section: str | None = None
    left_out: list[tuple[str, Cell]] = field(default_factory=list)
    continues_finding: bool = False  # its finding text is the rest of the finding above, carried over a page

    @property
    def pages(self) -> set[int]:
        return set().union(*(cell.pages for cell in self.cells.values())) if self.cells else set()

    def text(self, role: Role) -> str:
        cell = self.cells.get(role)
        return cell.text.strip() if cell else ""


@dataclass
class PlanTable:
    """The plan table of a document: the column map, its rows and what was left out."""

    columns: dict[Role, str]
    rows: list[TableRow]
    header_texts: list[str]
    first_page: int
    preamble: list[TextLine]
    unmapped_headers: list[str]
    borderless_pages: list[int] = field(default_factory=list)
    stray_lines: list[TextLine] = field(default_factory=list)  # printed beside the table's rows, in no cell
    page_headings: dict[int, str] = field(default_factory=dict)  # the heading printed above each page's table
    preamble_fills: list[Fill] = field(default_factory=list)  # shading above the table (a key's coloured boxes)
    actions_only: bool = False  # no finding column: runs of action rows form the findings
    section_pages: dict[int, int] = field(default_factory=dict)  # row index of a section heading -> its page


def header_columns(row: Sequence[Cell]) -> list[HeaderColumn]:
    """The row's cells read as header cells."""
    return [HeaderColumn(cell.text.strip(), header_role(cell.text), cell.bbox.x0, cell.bbox.x1) for cell in row]


def is_plan_header(columns: Sequence[HeaderColumn]) -> bool:
    """True when the header names an action column and at least three roles in all."""
    return bool(plan_header_roles(c.text for c in columns))


def is_repeated_header(row: Sequence[Cell], header: Sequence[HeaderColumn]) -> bool:
    """True when a grid's first row repeats the plan header (wording and wrapping may differ)."""
    repeated = {header_role(cell.text) for cell in row} - {None}
    expected = {c.role for c in header} - {None}
    return bool(expected) and len(repeated & expected) >= max(2, len(expected) - 1)


def column_for(box: BBox, header: Sequence[HeaderColumn]) -> int:
    """Index of the header column the box overlaps most."""
    overlaps = [min(box.x1, h.x1) - max(box.x0, h.x0) for h in header]
    return max(range(len(header)), key=lambda i: overlaps[i])


def assign_roles(row: Sequence[Cell], header: Sequence[HeaderColumn]) -> dict[Role, Cell]:
    """Give each cell of a body row the role of its header column.

    Two cells under one header (a narrow number column added under "Findings"): the
    narrow one holding only a number is the number. A cell under an unheaded column is
    the number when it holds only a number; other unheaded cells are left out.
    """
    by_column: dict[int, list[Cell]] = {}
    for cell in row:
        by_column.setdefault(column_for(cell.bbox, header), []).append(cell)
    roles: dict[Role, Cell] = {}
    for index, cells in sorted(by_column.items()):
        role = header[index].role
        if len(cells) > 1 and BARE_NUMBER.match(cells[0].text or "0"):
            roles.setdefault("number", cells[0])
            cells = cells[1:]
        if role is None:
            if not header[index].text and all(BARE_NUMBER.match(c.text or "0") for c in cells):
                roles.setdefault("number", cells[0])
            continue
        roles.setdefault(role, cells[0])
    return roles


def left_out_cells(
    row: Sequence[Cell], header: Sequence[HeaderColumn], roles: dict[Role, Cell],
) -> list[tuple[str, Cell]]:
    """The row's cells holding text that were given no role, with their column's header text."""
    placed = {id(cell) for cell in roles.values()}
    return [
        (header[column_for(cell.bbox, header)].text, cell)
        for cell in row if id(cell) not in placed and cell.text.strip()
    ]


def lines_beside(grid_top: float, grid_bottom: float, lines: Iterable[TextLine]) -> list[TextLine]:
    """The free lines printed level with a table's rows: text the cells did not take."""
    return [line for line in lines if grid_top < (line.top + line.bottom) / 2 < grid_bottom]


def section_heading(row: Sequence[Cell], header: Sequence[HeaderColumn], lead_in: bool = False) -> str | None:
    """The heading text when the row is a section heading: one short text alone in its row.

    It spans columns, or is bold, or reads as a heading: a few capitalised words with no
    number and no full stop (a finding's text is a sentence, a continued one starts in
    lower case).
    """
    filled = [cell for cell in row if cell.text.strip()]
    if len(filled) != 1:
        return None
    cell = filled[0]
    text = " ".join(cell.text.split())
    spans = column_for(BBox(cell.bbox.x0, 0, cell.bbox.x0 + 1, 1), header) != column_for(
        BBox(cell.bbox.x1 - 1, 0, cell.bbox.x1, 1), header,
    )
    bold = all(line.bold for line in cell.lines)
    if BARE_NUMBER.match(text):
        return None
    if lead_in and spans:
        return text  # a table of actions only: a full-width row leads in a run of actions, however long
    if len(text.split()) > SECTION_MAX_WORDS:
        return None
    start = column_for(BBox(cell.bbox.x0, 0, cell.bbox.x0 + 1, 1), header)
    first_column = start == 0 or header[start].role in ("finding", "number", None)
    heading_like = (
        len(text.split()) <= PLAIN_SECTION_MAX_WORDS and text[:1].isupper() and not text.endswith((".", ":", ";", ","))
        and not any(ch.isdigit() for ch in text)
    )
    return text if first_column and (spans or bold or heading_like) else None


def carries_on(cell: Cell, before: LogicalCell | None, role: Role) -> bool:
    """True when the cell's first line carries on the text the cell above left unfinished.

    In sentence columns an unfinished sentence above says so, when its last line ran on to
    the cell's edge (a short last line ended its paragraph, full stop or not: plans that
    write their actions as phrases print none); names, dates and RAG words never end in a
    full stop, so there only a lower-case start does.
    """
    if not cell.lines or before is None or not before.lines:
        return False
    first = cell.lines[0]
    if first.starts_with_marker:
        return False
    if first.text[:1].islower():
        return True
    last = before.lines[-1]
    return (
        role in SENTENCE_ROLES and not last.text.rstrip().endswith(TERMINAL_PUNCTUATION)
        and not is_hard_break(last, first, before.right_edge)
    )


def continues_finding(cells: dict[Role, Cell], numbered: bool, previous_finding: LogicalCell | None) -> bool:
    """True when a page's first row holds the rest of the finding text above, with rows of its own.

    In a plan whose findings are numbered, finding text with no number of its own carries
    on the finding above (a finding cell spanning action rows, broken by the page).
    """
    finding = cells.get("finding")
    if finding is None or not finding.text.strip() or (cells.get("number") and cells["number"].text.strip()):
        return False
    if NUMBER_PREFIX.match(finding.text):
        return False
    return numbered or carries_on(finding, previous_finding, "finding")


def opens_own_action(cells: dict[Role, Cell], previous: TableRow) -> bool:
    """True when a row beside the rest of a finding starts an action of its own: the row above
    held one action, this row's action cell opens a new one (with its own marker, "b)", or
    not carrying on the one above), it has its own lead and date where the row above had
    them, and none of its other cells carries on the row above.

    A finding cell spanning one-action rows, broken by the page, goes on beside the next row
    (a cell of several actions, or a lead or date cell shared by them, broken by the page goes
    on as one row).
    """
    action, above = cells.get("action"), previous.cells.get("action")
    if action is None or not action.lines or above is None or not above.lines:
        return False
    if not action.lines[0].starts_with_marker and (
        len(above.paragraphs) != 1 or above.lines[0].starts_with_marker or carries_on(action, above, "action")
    ):
        return False
    if any(sum(line.starts_with_marker for line in cell.lines) > 1
           for role, cell in previous.cells.items() if role not in ("finding", "number", "progress")):
        return False  # the row above held several marked actions, or marked leads or dates for several
    if any(previous.text(role) and not (role in cells and cells[role].lines) for role in ("lead", "due")):
        return False
    return not any(
        carries_on(cell, previous.cells.get(role), role)
        for role, cell in cells.items() if role not in ("finding", "action") and cell.lines
    )


def continues_over_page(cells: dict[Role, Cell], previous: TableRow, grid_was_open: bool) -> bool:
    """True when the first body row of a page is the remainder of the previous page's last row.

    Word leaves such a row open at the page foot; other producers rule it off, and then
    the remainder shows itself by carrying on an unfinished sentence, or by holding no
    action of its own, while a new finding starts with its own number or text.
    """
    if cells.get("number") and cells["number"].text.strip():
        return False
    finding = cells.get("finding")
    action = cells.get("action")
    if finding is not None and finding.text.strip():
        # A finding cell broken between sentences: its action still carries on a sentence in lower case.
        return (carries_on(finding, previous.cells.get("finding"), "finding") or bool(
            action is not None and action.lines and not action.lines[0].starts_with_marker
            and action.lines[0].text[:1].islower()
        )) and not opens_own_action(cells, previous)
    if action is None or not action.text.strip():
        return True  # no finding, no action: only the rest of the previous row's cells
    if grid_was_open:
        return True
    filled = [(role, cell) for role, cell in cells.items() if cell.lines]
    if any(
        role in SENTENCE_ROLES and cell.lines[0].text[:1].islower() and not cell.lines[0].starts_with_marker
        for role, cell in filled
    ):
        return True  # a sentence carried on in lower case (a date cell may start "w/c", a lead "tbc")
    if any(
        (before := previous.cells.get(role)) is not None and before.lines and before.lines[0].starts_with_marker
        and not cell.lines[0].starts_with_marker
        for role, cell in filled
    ):
        return True  # the rest of a lettered cell: a new row would start with its own "d)" or bullet
    votes = [carries_on(cell, previous.cells.get(role), role) for role, cell in filled]
    return 2 * sum(votes) >= len(votes)  # most of its cells carry on, not only one of a new row's


def cell_above(rows: Sequence[TableRow], role: Role) -> LogicalCell | None:
    """The cell in that role beside the last row: its own, or one merged down beside it from a row above.

    A cell spanning the rows below it (a finding's update beside its action rows) stands
    beside the rows after it, in the same finding, that leave that column empty; so does
    the finding's own text, merged down or not.
    """
    last = rows[-1]
    for row in reversed(rows):
        if row.section is not None:
            break
        cell = row.cells.get(role)
        if cell is not None and cell.text.strip():
            return cell if row is last or cell.spans_rows or role in FINDING_ROLES else None
        if row.text("number") or row.text("finding"):
            break  # the finding's first row: nothing above it serves this one
    return None


def open_cell(rows: Sequence[TableRow], role: Role) -> LogicalCell:
    """The cell a fragment carried over a page continues: the last row's, or one merged down beside it."""
    return cell_above(rows, role) or rows[-1].cells.setdefault(role, LogicalCell())


def is_left_open(cell: LogicalCell | None, page: int, open_cells: Sequence[tuple[float, float]]) -> bool:
    """True when the cell's last fragment, on that page, is one the table left open at the page foot."""
    if cell is None or not cell.boxes or cell.boxes[-1][0] != page:
        return False
    box = cell.boxes[-1][1]
    return any(min(box.x1, x1) - max(box.x0, x0) > box.width / 2 for x0, x1 in open_cells)


def carry_open_cells(
    cells: dict[Role, Cell], rows: Sequence[TableRow], page: int, open_cells: Sequence[tuple[float, float]],
) -> dict[Role, Cell]:
    """A new row's cells less the fragments of cells left open above it, which go on in those cells.

    A row ruled off at the page foot beside cells left open (a finding, its update) ended
    there; on the next page a row with an action of its own is the finding's next row,
    and the merged cells' remainder printed beside it is the rest of theirs.
    """
    kept = {}
    for role, cell in cells.items():
        above = cell_above(rows, role)
        if role != "action" and is_left_open(above, page, open_cells):
            assert above is not None
            above.extend(cell)
            above.spans_rows = True
        else:
            kept[role] = cell
    return kept


def heading_above(lines: Sequence[TextLine], table_top: float) -> str | None:
    """The heading printed nearest above a table (a slide's heading under the document's title)."""
    above = [line for line in lines if line.bottom <= table_top and can_head(line.text)]
    blocks = lines_to_blocks(above)
    return blocks[-1].text if blocks else None


def stitch(pages: Iterable[PageTables]) -> PlanTable | None:
    """Join the plan table's grids over all pages into logical rows; None when there is no plan table."""
    header: list[HeaderColumn] | None = None
    table: PlanTable | None = None
    previous_grid_open = False
    previous_open_cells: tuple[tuple[float, float], ...] = ()  # cells the last page's table left open beside ruled ones
    previous_page = 0
    last_finding: TableRow | None = None  # the row that started the latest finding
    numbered = False  # whether that finding printed a number
    for page in pages:
        page_header = None
        first_body_row = True
        for grid in page.grids:
            rows: Sequence[Sequence[Cell]] = grid.rows
            if header is None:
                candidate = header_columns(rows[0])
                if not is_plan_header(candidate):
                    continue
                header = candidate
                table = PlanTable(
                    columns={}, rows=[], header_texts=[c.text for c in header], first_page=page.page,
                    preamble=[line for line in page.free_lines if line.bottom <= grid.bbox.top],
                    preamble_fills=[fill for fill in page.free_fills if fill.bbox.bottom <= grid.bbox.top],
                    unmapped_headers=[c.text for c in header if c.text and c.role is None],
                    actions_only=not {"finding", "number"} & {c.role for c in header},
                )
                rows = rows[1:]
            elif is_repeated_header(rows[0], header):
                page_header = header_columns(rows[0])
                rows = rows[1:]
            assert table is not None
            layout = page_header or header
            table.stray_lines.extend(lines_beside(grid.bbox.top, grid.bbox.bottom, page.free_lines))
            if page.page not in table.page_headings and (heading := heading_above(page.free_lines, grid.bbox.top)):
                table.page_headings[page.page] = heading
            for row in rows:
                heading = section_heading(row, layout, lead_in=table.actions_only)
                if heading is not None:
                    table.section_pages[len(table.rows)] = page.page
                    table.rows.append(TableRow(cells={}, section=heading))
                    first_body_row = False
                    continue
                cells = assign_roles(row, layout)
                left_out = left_out_cells(row, layout, cells)
                if not any(cell.lines for cell in cells.values()) and not left_out:
                    first_body_row = False  # an empty remainder of the row above: the next row is a new one
                    continue
                last = table.rows[-1] if table.rows else None
                carry = first_body_row and last is not None and last.section is None
                if carry and previous_open_cells and cells.get("action") and cells["action"].text.strip():
                    cells = carry_open_cells(cells, table.rows, previous_page, previous_open_cells)
                    carry = False  # the row above was ruled off: this is a row of its own
                if carry and last is not None and continues_over_page(cells, last, previous_grid_open):
                    for role, cell in cells.items():
                        open_cell(table.rows, role).extend(cell)
                    last.left_out.extend(left_out)
                else:
                    own_bottom = min(cell.bbox.bottom for cell in row)
                    logical = {
                        role: LogicalCell(spans_rows=cell.bbox.bottom > own_bottom + SPAN_TOLERANCE)
                        for role, cell in cells.items()
                    }
                    for role, cell in cells.items():
                        logical[role].extend(cell)
                    carried = carry and last is not None and continues_finding(
                        cells, numbered, last_finding.cells.get("finding") if last_finding else None,
                    )
                    table.rows.append(TableRow(cells=logical, left_out=left_out, continues_finding=carried))
                row_started = table.rows[-1]
                if not row_started.continues_finding and (row_started.text("number") or row_started.text("finding")):
                    last_finding = row_started
                    numbered = bool(row_started.text("number") or NUMBER_PREFIX.match(row_started.text("finding")))
                first_body_row = False
            previous_grid_open, previous_open_cells, previous_page = grid.open_bottom, grid.open_cells, page.page
            if not grid.ruled:
                table.borderless_pages.append(page.page)
    if table is None or header is None:
        return None
    used_roles = {role for row in table.rows for role in row.cells}
    for column in header:
        if column.role and column.role not in table.columns:
            table.columns[column.role] = column.text
    if "number" in used_roles and "number" not in table.columns:
        table.columns["number"] = ""
    return table
