"""The HTML report in a real browser: headless Chromium at desktop and phone widths, and printed.

What is measured is what a reader meets: neither the page nor the gap table scrolls sideways,
no chart label is drawn below 11 px, the fixture history prints on two well-filled pages, and no
printed page ends on a heading. Set ``PM_COACH_SHOTS`` to a folder to keep the screenshots and
the PDF for a look.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import struct
import subprocess
import zlib
from html import escape, unescape
from pathlib import Path

import pytest

from pm_coach.models import Profile
from tests.helpers import save_profile
from tests.test_report import history as history  # noqa: F401  (the fixture)
from tests.test_report import html_page

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--hide-scrollbars",
)  # fmt: skip

# Run in the page (a copy the test makes; the report itself has no scripts), which sits in a
# frame of the width under test: the rendered size of every SVG label, and whether the page or a
# chart needs a sideways scroll. The frame's parent receives the figures, for --dump-dom to print.
MEASURE = """<script>
const sizes = [...document.querySelectorAll("svg text")].map((t) => {
  const m = t.getScreenCTM();
  return parseFloat(getComputedStyle(t).fontSize) * Math.hypot(m.a, m.b);
});
const charts = [...document.querySelectorAll(".chart")];
const table = document.querySelector("table");
const found = {
  table: table.scrollWidth,
  table_room: table.parentElement.clientWidth,
  page: document.documentElement.scrollWidth,
  labels: sizes.length,
  smallest: Math.round(Math.min(...sizes) * 10) / 10,
  charts: charts.length,
  scrolling: charts.filter((c) => c.scrollWidth > c.clientWidth).length,
};
parent.document.getElementById("measured").textContent = JSON.stringify(found);
</script>"""


def measure(page: str, width: int, tmp_path: Path) -> dict[str, float]:
    """The figures MEASURE takes with ``page`` laid out ``width`` px wide. A frame sets the width:
    headless Chromium keeps a window at least 500 px wide, so --window-size alone cannot."""
    framed = escape(page.replace("</body>", MEASURE + "</body>"), quote=True)
    harness = tmp_path / f"measure-{width}.html"
    harness.write_text(
        '<!doctype html><body style="margin:0"><pre id="measured"></pre>'
        f'<iframe style="border:0;width:{width}px;height:8000px" srcdoc="{framed}"></iframe>'
        "</body>",
        "utf-8",
    )
    dom = chromium(tmp_path, "--window-size=1400,1000", "--dump-dom", harness.as_uri())
    found = re.search(r'<pre id="measured">(.*?)</pre>', dom, re.S)
    assert found and found[1], dom[:500]
    return json.loads(unescape(found[1]))


def needs(program: str, why: str) -> None:
    if shutil.which(program) is not None:
        return
    if os.environ.get("CI"):  # .ci/run installs it: missing there is a failure
        pytest.fail(f"{program} is not installed, so {why} was not checked")
    pytest.skip(f"needs {program} for {why} (Debian's package; .ci/run installs it)")


def chromium(tmp_path: Path, *args: str) -> str:
    """Run headless Chromium with a fresh profile; its stdout."""
    done = subprocess.run(
        ["chromium", *FLAGS, f"--user-data-dir={tmp_path / 'chrome-profile'}", *args],
        check=True, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    return done.stdout


def keep(path: Path) -> None:
    folder = os.environ.get("PM_COACH_SHOTS")
    if folder:
        shutil.copy(path, Path(folder) / path.name)


def png_is_blank(png: bytes) -> bool:
    """True when every pixel row of an 8-bit RGB(A) PNG holds the same colour."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, channels = 8, b"", 0, 4
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos : pos + 8])
        chunk = png[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, _, _, colour = struct.unpack(">IIBB", chunk[:10])
            channels = {2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw = zlib.decompress(idat)
    stride = width * channels + 1
    rows = [raw[i + 1 : i + stride] for i in range(0, len(raw), stride)]
    # filter type 0/1/2… changes the bytes, but a blank page's rows are all "no change"
    distinct = {bytes(set(r)) for r in rows}
    return len(distinct) <= 2


@pytest.mark.parametrize(("width", "scrolling"), [(1200, 0), (390, 0), (320, 3)])
def test_report_reads_at_desktop_and_phone_width(
    run, history: Path, tmp_path: Path, width: int, scrolling: int
) -> None:
    """A desktop, a common phone, and the narrowest phone still sold: there the charts scroll
    sideways rather than shrink their labels."""
    needs("chromium", "the HTML report in a browser")
    page = html_page(run, tmp_path)
    shot = tmp_path / f"report-{width}.png"
    chromium(tmp_path, f"--window-size={width},3000", f"--screenshot={shot}",
             (tmp_path / "report.html").as_uri())  # fmt: skip
    keep(shot)
    assert not png_is_blank(shot.read_bytes())

    found = measure(page, width, tmp_path)
    # levels chart 6 + 5 gaps x 2, trend 5 levels + 3 dates, months 12 + 4 counts
    assert found["labels"] == 40 and found["charts"] == 3
    assert found["page"] == width  # the page itself never scrolls sideways
    assert found["scrolling"] == scrolling  # each chart fits its card on a 390 px phone
    assert found["smallest"] >= 11.0, found  # no label shrinks below a readable size
    # the gap table fits the room its card gives it: no sideways scroll to reach "Backed"
    assert found["table"] <= found["table_room"], found


def page_fill(pgm: bytes) -> float:
    """How far down a page (0–1) its lowest ink reaches, from a binary greyscale PGM."""
    header = re.match(rb"P5\s+(\d+)\s+(\d+)\s+255\s", pgm)
    assert header, "not an 8-bit binary PGM"
    width, height = int(header[1]), int(header[2])
    pixels = pgm[header.end() :]
    inked = [
        y for y in range(height) if min(pixels[y * width : (y + 1) * width]) < 200
    ]  # darker than the light card borders
    return (max(inked) + 1) / height if inked else 0.0


RATER_NOTES = """
[levels]
strategy = 2
buy-in = 2
confidence = 2
domain = 3
delegation = 3

[notes]
strategy = "Writes clear memos but seldom says what the team will stop doing: list it."
buy-in = "Gets agreement in the room, then loses it in the follow-up; written pre-reads would help."
confidence = "Speaks up in reviews with me, much less in the wider leadership meeting."
delegation = "Hands over work well and checks in at the right moments."
"""


def add_raters(run, tmp_path: Path) -> None:
    """Three people rate the five gaps, which adds the Others column to the gap table."""
    answers = tmp_path / "answers.toml"
    answers.write_text(RATER_NOTES, "utf-8")
    for name, relation in (
        ("Dana Reyes", "manager"),
        ("Lee Park", "peer"),
        ("Ana Gomez", "mentor"),
    ):
        r = run("feedback", "add", name, str(answers), "--relation", relation)
        assert r.exit_code == 0, r.output


def test_gap_table_with_others_fits_a_phone(run, history: Path, tmp_path: Path) -> None:
    """The widest gap table (an Others column too) on a 390 px phone: each gap a small card."""
    needs("chromium", "the HTML report in a browser")
    add_raters(run, tmp_path)
    page = html_page(run, tmp_path)
    assert '<th class="num">Others</th>' in page
    found = measure(page, 390, tmp_path)
    assert found["page"] == 390
    assert found["table"] <= found["table_room"], found


HEADINGS = (
    "Where you stand", "Gap by gap", "Claims and evidence", "How it has moved",
    "Evidence logged per month", "Next actions", "Strongest evidence, as CV lines",
)  # fmt: skip


def print_report(run, tmp_path: Path, name: str, *args: str) -> Path:
    """The HTML report printed to PDF by headless Chromium; the PDF's path."""
    out = tmp_path / "report.html"
    r = run("report", "--format", "html", "-o", str(out), *args)
    assert r.exit_code == 0, r.output
    pdf = tmp_path / f"{name}.pdf"
    chromium(tmp_path, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", out.as_uri())
    keep(pdf)
    return pdf


def page_feet(pdf: Path) -> list[str]:
    """The last line of text on each page of ``pdf``: the words lowest on the page."""
    done = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"],
        check=True,
        capture_output=True,
        text=True,
        timeout=60,
    )
    feet = []
    for page in done.stdout.split("<page ")[1:]:
        words = [
            (float(y), unescape(word))
            for y, word in re.findall(r'<word [^>]*yMax="([\d.]+)">([^<]*)</word>', page)
        ]
        lowest = max(y for y, _ in words)
        feet.append(" ".join(word for y, word in words if y > lowest - 2))
    return feet


@pytest.mark.parametrize(("raters", "pages"), [(False, 2), (True, 3)])
def test_report_prints_on_full_pages(
    run, history: Path, tmp_path: Path, raters: bool, pages: int
) -> None:
    """Paper: no page left half empty because a card would not break. Three raters' notes make
    the claims card long and the table taller, so a card has to break across pages."""
    needs("chromium", "printing the HTML report")
    needs("pdftoppm", "the printed report's pages")
    needs("pdftotext", "the printed report's text")
    if raters:
        add_raters(run, tmp_path)
    name = f"report{'-raters' if raters else ''}"
    pdf = print_report(run, tmp_path, name, *(["--raters"] if raters else []))
    subprocess.run(
        ["pdftoppm", "-r", "30", "-gray", str(pdf), str(tmp_path / "page")],
        check=True, capture_output=True, timeout=60,
    )  # fmt: skip
    fills = [page_fill(p.read_bytes()) for p in sorted(tmp_path.glob("page-*.pgm"))]
    assert len(fills) == pages, fills  # US Letter, Chromium's default paper
    # every page but the last is used to its foot: no card pushed whole onto the next page
    assert [f >= 0.8 for f in fills[:-1]] == [True] * (pages - 1), fills
    feet = page_feet(pdf)
    assert not [f for f in feet[:-1] if any(h in f for h in HEADINGS)], feet


def test_printed_heading_stays_with_its_section(run, history: Path, tmp_path: Path) -> None:
    """A shorter name lifts the page by a line, which brings the "How it has moved" and "Evidence
    logged per month" headings to the foot of page 2 with their charts too tall to follow: the
    headings must move on to page 3 with the charts, not stay behind alone."""
    needs("chromium", "printing the HTML report")
    needs("pdftotext", "the printed report's text")
    add_raters(run, tmp_path)
    save_profile(history, Profile(name="Alex Morgan"))
    feet = page_feet(print_report(run, tmp_path, "report-heading", "--raters"))
    assert len(feet) == 3, feet
    assert not [f for f in feet[:-1] if any(h in f for h in HEADINGS)], feet
