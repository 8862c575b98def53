"""The HTML audit report: boxes for every action, accuracy and wrong fields, no network, and a real browser.

The browser tests drive Debian's chromium headless through selenium (the Makefile installs
both for CI); without them they skip, saying what is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE_NAMES, SAMPLES, extracted

from extract.audit import FIELDS, fraction, score_document
from extract.cli import build_parser
from extract.report import (
    build_report,
    label_for,
    overdue_actions,
    plan_actions,
    read_extraction,
    run,
    summary_html,
)
from schemas.plan import Action, DateValue, Finding, Plan, Source, Status

ROTHERHAM = "rotherham-cyps-improvement-plan-2018"
CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
SCREENSHOTS = REPO / "output" / "report-screenshots"
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//|url\(\s*["']?\s*(?:https?:)?//|@import""", re.I)


def load_gold(name: str) -> Plan:
    return Plan.model_validate_json((SAMPLES / f"{name}.gold.json").read_text(encoding="utf-8"))


def record_row(html: str, key: str) -> str:
    """The records table's row of the action with this DOM key."""
    match = re.search(rf'<tr class="pick record" data-key="{key}">(.*?)</tr>', html, re.S)
    assert match, f"no record row for {key}"
    return match.group(1)


def cell(row: str, column: str) -> str:
    match = re.search(rf'<td class="col-{column}(?: wrong)?">(.*?)</td>', row, re.S)
    assert match, f"no {column} cell"
    return match.group(0)


@pytest.fixture(scope="module")
def rotherham_html() -> str:
    return build_report(SAMPLES / f"{ROTHERHAM}.pdf", load_gold(ROTHERHAM))


# ---------------------------------------------------------------- boxes

@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_every_action_gets_the_boxes_of_its_own_row(name: str) -> None:
    """Rows are mapped to the plan's actions one to one, in order, and the boxes are on the action's pages."""
    extraction = read_extraction(SAMPLES / f"{name}.pdf")
    actions = plan_actions(extraction.plan)
    positions = [p for row in extraction.rows for p in row.positions]
    assert positions == list(range(len(actions)))
    assert extraction.plan == extracted(name, "pdfplumber")  # the same Plan as the extract command's
    for row in extraction.rows:
        assert row.boxes, f"row of {[actions[p].id for p in row.positions]} has no boxes"
        assert all(0 <= box.x0 < box.x1 and 0 <= box.top < box.bottom for _, box in row.boxes)
        box_pages = {page for page, _ in row.boxes}
        for p in row.positions:
            assert set(actions[p].pages) & box_pages, f"{actions[p].id}: boxes {box_pages}, pages {actions[p].pages}"


def test_every_action_id_is_listed_boxed_and_recorded(rotherham_html: str) -> None:
    plan = extracted(ROTHERHAM, "pdfplumber")
    boxed = re.findall(r'<rect class="box" data-keys="([^"]+)"', rotherham_html)
    box_keys = {key for keys in boxed for key in keys.split()}
    for position, action in enumerate(plan_actions(plan)):
        key = f"a{position}"
        assert re.search(
            rf'<button[^>]*data-key="{key}"[^>]*>.*?{re.escape(action.id)}</b>', rotherham_html,
        ), f"{action.id} not in the action list"
        assert key in box_keys, f"{action.id} has no box on the pages"
        assert f'<td class="col-id">{action.id}</td>' in record_row(rotherham_html, key)
    assert rotherham_html.count('<figure class="page"') == plan.source.pages
    assert rotherham_html.count("data:image/png;base64,") == plan.source.pages


def test_label_names_the_row_ids_or_their_range() -> None:
    assert label_for(["1a"]) == "1a"
    assert label_for(["1a", "1b", "1c"]) == "1a 1b 1c"
    assert label_for(["4a", "4b", "4c", "4d", "4e"]) == "4a–4e"
    assert label_for(["start-well-1.1", "start-well-1.2", "start-well-1.3"]) == "start-well-1.1–1.3"


# ---------------------------------------------------------------- accuracy

def test_accuracy_table_with_the_gold(rotherham_html: str) -> None:
    plan, gold = extracted(ROTHERHAM, "pdfplumber"), load_gold(ROTHERHAM)
    score = score_document(ROTHERHAM, gold, plan)
    assert 'id="accuracy"' in rotherham_html
    for name in FIELDS:
        expected = fraction(score.correct[name], score.scored[name])
        assert re.search(rf"<code>{re.escape(name)}</code><span>{re.escape(expected)}</span>", rotherham_html), name
    total = fraction(sum(score.correct.values()), sum(score.scored.values()))
    assert f"<code>all fields</code><span>{total}</span>" in rotherham_html


def test_no_accuracy_without_a_gold() -> None:
    html = build_report(SAMPLES / "southholm-housing-2019.pdf", None)
    assert 'id="accuracy"' not in html
    assert " wrong" not in re.sub(r"<style>.*?</style>|<script>.*?</script>", "", html, flags=re.S)


def test_wrong_fields_are_red_with_gold_and_extracted_values() -> None:
    gold = load_gold(ROTHERHAM)
    data = json.loads(gold.model_dump_json())
    first = data["findings"][0]["actions"][0]
    assert first["id"] == "1a" and first["status"] == "ongoing"
    first["status"] = "delayed"
    first["leads"] = ["Somebody Else"]
    first["due"] = {"text": "June 2019", "date": "2019-06-30", "precision": "month"}
    data["findings"][2]["overall_lead"] = "Nobody"
    html = build_report(SAMPLES / f"{ROTHERHAM}.pdf", Plan.model_validate_json(json.dumps(data)))

    row = record_row(html, "a0")
    for column, gold_value in (("status", "delayed"), ("leads", "Somebody Else"), ("due", "2019-06-30")):
        shown = cell(row, column)
        assert f'class="col-{column} wrong"' in shown, column
        assert f'<span class="gold-value">{gold_value}</span>' in shown, column
    assert 'class="col-text wrong"' not in row and 'class="col-progress wrong"' not in row
    assert ".records td.wrong{" in html and "color:#c62828" in html
    assert "4 wrong fields" in html
    for gold_value, got_value in (("delayed", "ongoing"), ("Somebody Else", "Rebecca Wall"),
                                  ("2019-06-30", "2018-11-30"), ("Nobody", "Ailsa Barr")):
        assert re.search(
            rf'<td class="gold-value">{gold_value}</td><td class="wrong-value">{got_value}</td>', html,
        ), gold_value
    assert '<div class="bad"><code>action.status</code>' in html


# ---------------------------------------------------------------- summary

def test_overdue_is_due_before_the_as_at_date_and_not_complete() -> None:
    def action(index: int, due: str | None, status: Status) -> Action:
        return Action(
            index=index, letter=None, id=f"1.{index}", text=f"action {index}", progress=None, leads=["A Lead"],
            due=DateValue(text=due, date=due, precision="day") if due else None, completed=None,
            status=status, rag=None, pages=[1],
        )

    actions = [action(1, "2019-01-31", "ongoing"), action(2, "2019-01-31", "complete"),
               action(3, "2019-06-30", "delayed"), action(4, None, "not_reported"), action(5, "2018-12-01", "delayed")]
    plan = Plan(
        source=Source(path="x.pdf", sha256="0" * 64, pages=1), title=None, organisation=None,
        as_at=DateValue(text="March 2019", date="2019-03-31", precision="month"), columns={},
        findings=[Finding(section=None, number="1", text="f", references=[], overall_lead=None, progress=[],
                          notes=[], pages=[1], actions=actions)],
        warnings=[],
    )
    assert [a.id for _, a in overdue_actions(plan)] == ["1.5", "1.1"]
    summary = summary_html(plan)
    assert "<h3>Overdue actions: 2</h3>" in summary and "<svg" in summary
    assert summary.index(">1.5<") < summary.index(">1.1<")
    assert overdue_actions(plan.model_copy(update={"as_at": None})) == []
    assert "no as-at date" in summary_html(plan.model_copy(update={"as_at": None}))


def test_charts_are_inline_svg(rotherham_html: str) -> None:
    for caption in ("Actions by status", "Actions by lead", "Due dates per month"):
        assert f"<figcaption>{caption}</figcaption><svg" in rotherham_html


def test_no_external_resources(rotherham_html: str) -> None:
    assert not EXTERNAL.findall(rotherham_html)
    assert "<link" not in rotherham_html and not re.search(r"<script[^>]*\bsrc=", rotherham_html)
    references = re.findall(r"""\b(?:src|href)\s*=\s*["']([^"']*)""", rotherham_html)
    assert references and all(ref.startswith("data:image/png;base64,") or ref == "index.html" for ref in references)
    # a web address printed in the plan's text (Rotherham's adoption support site) is text, not a resource
    assert "http://adoptioninrotherham.org.uk/support" in rotherham_html


# ---------------------------------------------------------------- command

def report_args(*argv: str) -> argparse.Namespace:
    return build_parser().parse_args(["report", *argv])


def test_run_writes_a_page_per_plan_and_an_index(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    for name in ("southholm-housing-2019", "brindley-adults-2020"):
        shutil.copy(SAMPLES / f"{name}.pdf", inputs)
    (inputs / "broken.pdf").write_text("not a pdf", encoding="utf-8")
    out = tmp_path / "out"
    assert run(report_args(str(inputs), "--out", str(out), "--gold", str(SAMPLES), "--quiet")) == 1
    errors = capsys.readouterr().err.strip().splitlines()
    assert len(errors) == 1 and "broken.pdf" in errors[0]
    written = sorted(p.name for p in out.iterdir())
    assert written == ["brindley-adults-2020.html", "index.html", "southholm-housing-2019.html"]
    index = (out / "index.html").read_text(encoding="utf-8")
    assert 'href="southholm-housing-2019.html"' in index and 'href="brindley-adults-2020.html"' in index
    assert "broken.pdf" in index and "failed" in index
    assert "1.000 (194/194)" in index  # southholm's all-fields accuracy
    assert run(report_args(str(inputs / "southholm-housing-2019.pdf"), "--out", str(out))) == 0


def test_run_needs_out() -> None:
    with pytest.raises(SystemExit):
        report_args("samples")


# ---------------------------------------------------------------- browser

@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("reports")
    assert run(report_args(str(SAMPLES), "--out", str(out), "--gold", str(SAMPLES))) == 0
    return out


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists() or not CHROMEDRIVER.exists():
        pytest.skip(f"chromium is not installed ({CHROMIUM}, {CHROMEDRIVER}): apt-get install chromium chromium-driver")
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed: pip install selenium")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1920,2200"):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def open_report(driver, path: Path) -> None:
    driver.get(path.resolve().as_uri())
    assert driver.execute_script("return document.readyState") == "complete"


def console_errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


ACTIVE_BOXES = """
const key = arguments[0];
const boxes = [...document.querySelectorAll('rect.box')].filter(b => b.dataset.keys.split(' ').includes(key));
const active = [...document.querySelectorAll('rect.box.active')];
return {boxes: boxes.length, active: active.length,
        allMine: active.every(b => b.dataset.keys.split(' ').includes(key)),
        button: document.querySelector('button.act[data-key="' + key + '"]').classList.contains('active'),
        record: document.querySelector('tr.record[data-key="' + key + '"]').classList.contains('active')};
"""


def test_browser_clicking_an_action_highlights_its_boxes(browser, reports: Path) -> None:
    from selenium.webdriver.common.by import By

    plan = extracted(ROTHERHAM, "pdfplumber")
    open_report(browser, reports / f"{ROTHERHAM}.html")
    assert console_errors(browser) == []
    buttons = browser.find_elements(By.CSS_SELECTOR, "#action-list button.act")
    assert [b.get_attribute("data-key") for b in buttons] == [f"a{i}" for i in range(len(plan_actions(plan)))]
    assert browser.execute_script("return document.querySelectorAll('rect.box.active').length") == 0

    key = next(f"a{p}" for p, a in enumerate(plan_actions(plan)) if a.id == "2c")
    browser.find_element(By.CSS_SELECTOR, f'button.act[data-key="{key}"]').click()
    state = browser.execute_script(ACTIVE_BOXES, key)
    assert state["boxes"] > 0 and state["active"] == state["boxes"] and state["allMine"]
    assert state["button"] and state["record"]

    browser.find_element(By.CSS_SELECTOR, f'button.act[data-key="{key}"]').click()  # a second click clears it
    assert browser.execute_script("return document.querySelectorAll('.active').length") == 0

    browser.find_element(By.CSS_SELECTOR, 'tr.record[data-key="a0"]').click()  # a record selects too
    assert browser.execute_script(ACTIVE_BOXES, "a0")["active"] > 0
    assert console_errors(browser) == []


@pytest.mark.parametrize("name", SAMPLE_NAMES)
def test_browser_screenshot(browser, reports: Path, name: str) -> None:
    """Each sample's report loads cleanly; one screenshot each, the first action selected."""
    from selenium.webdriver.common.by import By

    open_report(browser, reports / f"{name}.html")
    first = browser.find_element(By.CSS_SELECTOR, "#action-list button.act")
    first.click()
    assert browser.execute_script(ACTIVE_BOXES, first.get_attribute("data-key"))["active"] > 0
    assert console_errors(browser) == []
    browser.execute_script("window.scrollTo(0, 0)")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    assert browser.save_screenshot(str(SCREENSHOTS / f"{name}.png"))


LAYOUT = """
const sample = 'Ensure that managers provide challenging supervision to social workers and chairs';
function columnChars(column) {
  const cell = document.querySelector('td.col-' + column);
  const style = getComputedStyle(cell);
  const context = document.createElement('canvas').getContext('2d');
  context.font = style.font;
  const inner = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return inner / (context.measureText(sample).width / sample.length);
}
function overlaps(a, b) { return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom; }
const pages = [...document.querySelectorAll('figure.page svg')].map(svg => {
  const image = svg.querySelector('image').getBoundingClientRect();
  const labels = [...svg.querySelectorAll('g.label rect')].map(r => r.getBoundingClientRect());
  return {width: svg.getBoundingClientRect().width, viewBox: svg.viewBox.baseVal.width,
          labels: labels.length, onText: labels.filter(l => overlaps(l, image)).length,
          onEachOther: labels.filter((l, i) => labels.some((m, j) => j !== i && overlaps(l, m))).length};
});
return {text: columnChars('text'), progress: columnChars('progress'), pages: pages,
        column: document.getElementById('pages').clientWidth};
"""


@pytest.mark.parametrize("width", [1280, 1920])
@pytest.mark.parametrize("name", [ROTHERHAM, "long-plan-300-actions", "kingsford-health-wellbeing-2022"])
def test_browser_report_is_readable(browser, reports: Path, name: str, width: int) -> None:
    """Records at least 30 characters wide, pages as wide as the window allows and zoomable, labels off the text."""
    from selenium.webdriver.common.by import By

    browser.set_window_size(width, 1100)
    try:
        open_report(browser, reports / f"{name}.html")
        layout = browser.execute_script(LAYOUT)
        assert layout["text"] >= 30 and layout["progress"] >= 30, layout
        assert sum(page["labels"] for page in layout["pages"]) >= len(read_extraction(SAMPLES / f"{name}.pdf").rows)
        for page in layout["pages"]:
            assert page["onText"] == 0 and page["onEachOther"] == 0, page
            assert page["width"] >= layout["column"] - 20  # fit width: the page takes the whole column
        browser.find_element(By.CSS_SELECTOR, '.zoom-button[data-zoom="1.5"]').click()
        first = browser.execute_script(LAYOUT)["pages"][0]
        assert first["width"] == pytest.approx(first["viewBox"] * 1.5 * 4 / 3, abs=1)
        assert console_errors(browser) == []
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        browser.find_element(By.CSS_SELECTOR, '.zoom-button[data-zoom="0"]').click()
        browser.execute_script("window.planReport.select('a1', 'list'); window.scrollTo(0, 0)")
        assert browser.save_screenshot(str(SCREENSHOTS / f"{name}-{width}.png"))
    finally:
        browser.set_window_size(1920, 2200)


# ---------------------------------------------------------------- reading options and reuse

SCANNED = Path(__file__).parent / "fixtures" / "scanned" / f"{ROTHERHAM}.pdf"


def planextract(*args: str) -> subprocess.CompletedProcess[str]:
    command = str(Path(sys.executable).parent / "planextract")
    return subprocess.run([command, *args], capture_output=True, text=True, timeout=900)


def encrypted_copy(source: Path, target: Path, password: str) -> Path:
    import pikepdf

    with pikepdf.open(source) as pdf:
        pdf.save(target, encryption=pikepdf.Encryption(user=password, owner=password))
    return target


def test_report_and_diff_open_an_encrypted_plan_with_its_password(tmp_path: Path) -> None:
    locked = encrypted_copy(SAMPLES / f"{ROTHERHAM}.pdf", tmp_path / f"{ROTHERHAM}.pdf", "s3cret")
    refused = planextract("report", str(locked), "--out", str(tmp_path / "no"), "--quiet")
    assert refused.returncode == 1
    assert refused.stderr == (
        f"planextract: {locked} is encrypted; pass --password, --password-file or PLANEXTRACT_PASSWORD\n"
    )
    (tmp_path / "password").write_text("s3cret\n", encoding="utf-8")
    result = planextract("report", str(locked), "--out", str(tmp_path / "out"), "--password-file",
                         str(tmp_path / "password"), "--gold", str(SAMPLES))
    assert result.returncode == 0, result.stderr
    assert result.stderr == f"1 report, 0 failed; open {tmp_path / 'out' / 'index.html'}\n"
    html = (tmp_path / "out" / f"{ROTHERHAM}.html").read_text(encoding="utf-8")
    plan = extracted(ROTHERHAM, "pdfplumber")
    assert html.count('<figure class="page"') == plan.source.pages
    assert len(set(re.findall(r'<rect class="box" data-keys="([^"]+)"', html))) == len(
        read_extraction(SAMPLES / f"{ROTHERHAM}.pdf").rows
    )
    assert "<title>Audit report: " in html and "1.000 (328/328)" in html
    diff = planextract("diff", str(locked), str(SAMPLES / f"{ROTHERHAM}.pdf"), "--password", "s3cret")
    assert diff.returncode == 0, diff.stderr
    assert diff.stdout == (
        f"old  {locked}  (as at October 2018)\nnew  {SAMPLES / ROTHERHAM}.pdf  (as at October 2018)\n\nno changes\n"
    )


def test_report_without_gold_is_not_an_audit_report(tmp_path: Path) -> None:
    assert run(report_args(str(SAMPLES / "southholm-housing-2019.pdf"), "--out", str(tmp_path), "--quiet")) == 0
    html = (tmp_path / "southholm-housing-2019.html").read_text(encoding="utf-8")
    index = (tmp_path / "index.html").read_text(encoding="utf-8")
    assert "<title>Report: " in html and '<p class="kind">Report</p>' in html and "Audit report" not in html
    assert "<h1>Improvement plans: reports</h1>" in index and "audit" not in index.lower()


def test_report_reuses_a_plan_already_extracted(tmp_path: Path) -> None:
    pdf = SAMPLES / f"{ROTHERHAM}.pdf"
    assert planextract("extract", str(pdf), "--out", str(tmp_path / "out"), "--quiet").returncode == 0
    assert run(report_args(str(pdf), "--out", str(tmp_path / "read"), "--quiet")) == 0
    assert run(report_args(str(pdf), "--out", str(tmp_path / "reused"), "--from", str(tmp_path / "out"),
                           "--quiet")) == 0
    read = (tmp_path / "read" / f"{ROTHERHAM}.html").read_text(encoding="utf-8")
    assert (tmp_path / "reused" / f"{ROTHERHAM}.html").read_text(encoding="utf-8") == read
    saved = tmp_path / "out" / f"{ROTHERHAM}.json"
    edited = json.loads(saved.read_text(encoding="utf-8"))
    edited["title"] = "The plan as it was delivered"
    saved.write_text(json.dumps(edited), encoding="utf-8")
    assert run(report_args(str(pdf), "--out", str(tmp_path / "edited"), "--from", str(tmp_path / "out"),
                           "--quiet")) == 0
    html = (tmp_path / "edited" / f"{ROTHERHAM}.html").read_text(encoding="utf-8")
    assert "<h1>The plan as it was delivered</h1>" in html
    assert '<rect class="box"' not in html and 'class="boxes-note"' in html


def test_a_scanned_plan_gets_a_report_with_ocr_and_from_its_extraction(tmp_path: Path) -> None:
    refused = planextract("report", str(SCANNED), "--out", str(tmp_path / "no"), "--quiet")
    assert refused.returncode == 1 and "pass --ocr" in refused.stderr
    result = planextract("report", str(SCANNED), "--out", str(tmp_path / "ocr"), "--ocr", "--quiet")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "ocr" / f"{ROTHERHAM}.html").read_text(encoding="utf-8")
    assert html.count('<figure class="page"') == 8 and html.count('<rect class="box"') > 8
    assert planextract("extract", str(SCANNED), "--out", str(tmp_path / "out"), "--ocr", "--quiet").returncode == 0
    reused = planextract("report", str(SCANNED), "--out", str(tmp_path / "reused"), "--from", str(tmp_path / "out"),
                         "--quiet")
    assert reused.returncode == 0, reused.stderr
    html = (tmp_path / "reused" / f"{ROTHERHAM}.html").read_text(encoding="utf-8")
    plan = Plan.model_validate_json((tmp_path / "out" / f"{ROTHERHAM}.json").read_text(encoding="utf-8"))
    assert html.count('<tr class="pick record"') == len(plan_actions(plan))
    assert '<rect class="box"' not in html and "no text layer" in html
