"""Evidence images for a closing note: the printed gap report, the marked-up Word copy, the Excel
workbook, the dashboard at a thousand rows and the multi-file web page.

    .venv/bin/python bench/screenshots.py [--keep]

Everything lands in reports/screenshots/ (git-ignored); intermediate files go to a temporary
folder, removed at the end unless --keep is given. Each step runs on its own: a step that fails
prints why and the others go on. A short summary is printed at the end and also written to
reports/screenshots/summary.txt. Needs the system Chromium (driven by Playwright), LibreOffice
(soffice) for the Word and Excel conversions, pypdfium2, openpyxl and python-docx.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import traceback
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # checker and the tests' synthetic results

OUT = ROOT / "reports" / "screenshots"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "001_7724204651865b79.txt"
CORPUS = ROOT.parent / "shared" / "corpus" / "openings"
VENV_BIN = Path(sys.executable).parent
FZCHECK = [str(VENV_BIN / "fzcheck")] if (VENV_BIN / "fzcheck").exists() else [sys.executable, "-m", "checker"]
REVIEWER = "青山市司法局 张三"
NAME = "克拉玛依市2024年报告.txt"  # the name tests/test_print.py gives the same cut-down report
CHROMIUM = os.environ.get("FZCHECK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SOFFICE = shutil.which("soffice") or "/usr/bin/soffice"
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"]  # as tests/livesite.py
# LibreOffice prints Word comments in the margin only when asked (JSON filter options: LibreOffice 7.4+).
NOTES_IN_MARGIN = 'pdf:writer_pdf_Export:{"ExportNotesInMargin":{"type":"boolean","value":"true"}}'
SCROLL_BOX = """() => { const b = document.getElementById('table-box');
    window.scrollTo(0, b.getBoundingClientRect().top + window.scrollY - 150);
    b.scrollTop = 12000; b.scrollLeft = 600; return [b.scrollTop, b.scrollLeft, b.scrollWidth, b.clientWidth]; }"""
MADE_BY_US = ("print-gaps-only-page*.png", "print-full-page1.png", "report-screen.png", "review-copy-page*.png",
              "xlsx-summary-page1.png", "dashboard-1000-scrolled*.png", "dashboard-1000-filtered.png",
              "dashboard-phone.png", "web-batch.png", "summary.txt")

summary: list[str] = []
made: list[Path] = []


def note(line: str) -> None:
    print(line, flush=True)
    summary.append(line)


def step(title: str):
    """Run the decorated step at once; an exception is reported and the script goes on."""
    def run(function):
        started = time.monotonic()
        print(f"\n== {title}", flush=True)
        summary.append(f"== {title}")
        try:
            function()
            note(f"[ok]   {title} ({time.monotonic() - started:.1f} s)")
        except Exception as error:  # noqa: BLE001 - one step's failure must not stop the others
            traceback.print_exc()
            note(f"[FAIL] {title}: {type(error).__name__}: {error}")
        return function
    return run


# --------------------------------------------------------------------------- helpers


def pdf_pages(path: Path) -> int:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return len(document)
    finally:
        document.close()


def pdf_text(path: Path) -> list[str]:
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in document]
    finally:
        document.close()


def pdf_annotations(path: Path) -> int:
    """How many note (text) annotations, Word comments exported as PDF notes, the PDF's pages carry."""
    import pypdfium2
    import pypdfium2.raw as raw

    document = pypdfium2.PdfDocument(str(path))
    count = 0
    try:
        for page in document:
            for index in range(raw.FPDFPage_GetAnnotCount(page.raw)):
                annotation = raw.FPDFPage_GetAnnot(page.raw, index)
                count += raw.FPDFAnnot_GetSubtype(annotation) == raw.FPDF_ANNOT_TEXT  # not their pop-ups
                raw.FPDFPage_CloseAnnot(annotation)
        return count
    finally:
        document.close()


def render_pages(pdf: Path, stem: str, pages: int, scale: float = 1.5) -> list[Path]:
    """Pages 1..`pages` of `pdf` as OUT/{stem}{n}.png (those that exist)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    out = []
    try:
        for index in range(min(pages, len(document))):
            target = OUT / f"{stem}{index + 1}.png"
            document[index].render(scale=scale).to_pil().save(target)
            out.append(target)
    finally:
        document.close()
    made.extend(out)
    return out


def soffice_pdf(source: Path, outdir: Path, convert_to: str = "pdf") -> Path:
    """`source` converted by LibreOffice, headless, with a private profile so a running office does not interfere."""
    outdir.mkdir(parents=True, exist_ok=True)
    profile = outdir / "lo-profile"
    target = outdir / (source.stem + ".pdf")
    target.unlink(missing_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
               "--convert-to", convert_to, "--outdir", str(outdir), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)
    if done.returncode != 0 or not target.exists():
        raise RuntimeError(f"soffice exit {done.returncode}: {(done.stderr or done.stdout).strip()[-300:]}")
    return target


def save(page, name: str, **options) -> Path:
    target = OUT / name
    page.screenshot(path=str(target), **options)
    made.append(target)
    return target


def short(value, width: int = 40) -> str:
    text = "" if value is None else re.sub(r"\s+", " ", str(value))
    return text if len(text) <= width else text[: width - 1] + "…"


# --------------------------------------------------------------------------- the steps


def main() -> int:
    keep = "--keep" in sys.argv[1:]
    OUT.mkdir(parents=True, exist_ok=True)
    for pattern in MADE_BY_US:  # no stale image from an earlier run may pass as evidence of this one
        for old in OUT.glob(pattern):
            old.unlink()
    work = Path(tempfile.mkdtemp(prefix="fzcheck-shots-"))
    print(f"intermediate files: {work}")
    started = time.monotonic()
    state: dict = {}

    from playwright.sync_api import sync_playwright

    playwright = sync_playwright().start()
    browser = None
    try:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        except Exception as error:  # noqa: BLE001
            note(f"[FAIL] Chromium did not start ({CHROMIUM}): {error}; browser steps are skipped")

        def need_browser():
            if browser is None:
                raise RuntimeError("no browser")
            return browser

        @step("1. four-gap report, printed")
        def _printed():
            folder = work / "print"
            folder.mkdir()
            lines = SEED.read_text(encoding="utf-8").splitlines()
            first = next(i for i, line in enumerate(lines) if line.startswith("三、"))
            last = next(i for i, line in enumerate(lines) if i > first and line.startswith("四、"))
            lines = [line for line in lines[:first] + lines[last:] if "主要负责" not in line]
            source = folder / NAME
            source.write_text("\n".join(lines) + "\n", encoding="utf-8")
            out = folder / "out"
            done = subprocess.run([*FZCHECK, "check", str(source), "-f", "html,docx", "-o", str(out),
                                   "--reviewer", REVIEWER], capture_output=True, text=True, timeout=300, cwd=ROOT)
            if done.returncode not in (0, 1):  # 1: the report does not pass, which is the point
                raise RuntimeError(f"fzcheck check exit {done.returncode}: {done.stderr.strip()[-300:]}")
            verdict = next((line.strip() for line in done.stdout.splitlines() if line.lstrip().startswith("[")), "")
            gaps = next((line.strip() for line in done.stdout.splitlines() if "待改进" in line), "")
            note(f"  checked: {short(verdict, 60)}")
            note(f"  {short(gaps, 120)}")
            report = out / f"{NAME}.html"
            state["review_docx"] = out / f"{NAME}.审核意见.docx"
            if not report.exists():
                raise RuntimeError(f"no gap report in {out}: {sorted(p.name for p in out.iterdir())}")
            chromium = need_browser()

            def printed(gaps_only: bool) -> Path:
                context = chromium.new_context()
                page = context.new_page()
                page.goto(report.as_uri())
                if gaps_only:
                    page.check("#gaps-only")
                    if not page.evaluate("document.body.classList.contains('gaps-only')"):
                        page.evaluate("document.body.classList.add('gaps-only')")
                target = folder / ("gaps-only.pdf" if gaps_only else "full.pdf")
                page.pdf(path=str(target), format="A4")
                context.close()
                return target

            short_pdf = printed(True)
            full_pdf = printed(False)
            short_pages, full_pages = pdf_pages(short_pdf), pdf_pages(full_pdf)
            images = render_pages(short_pdf, "print-gaps-only-page", short_pages)
            render_pages(full_pdf, "print-full-page", 1)
            first = re.sub(r"\s+", "", pdf_text(short_pdf)[0])
            note(f"  printed A4: only the gaps {short_pages} page(s), everything {full_pages} page(s)")
            note(f"  page 1 (only the gaps) has the verdict: {'未通过' in first}, the reviewer: "
                 f"{'青山市司法局张三' in first}; images: {', '.join(p.name for p in images)}, print-full-page1.png")
            page = chromium.new_page(viewport={"width": 1280, "height": 900})
            page.goto(report.as_uri())
            save(page, "report-screen.png", full_page=True)
            page.close()

        @step("2. marked-up Word copy")
        def _review_copy():
            source = state.get("review_docx")
            if not source or not source.exists():
                raise RuntimeError("step 1 made no .审核意见.docx")
            folder = work / "review"
            try:
                pdf = soffice_pdf(source, folder, NOTES_IN_MARGIN)
                how = "ExportNotesInMargin asked"
            except Exception as error:  # noqa: BLE001
                note(f"  notes-in-margin export failed ({short(error, 80)}); plain pdf instead")
                pdf = soffice_pdf(source, folder)
                how = "plain"
            pages = pdf_pages(pdf)
            images = render_pages(pdf, "review-copy-page", 2)
            comments = _comments(source)
            text = re.sub(r"\s+", "", "".join(pdf_text(pdf)))
            heads = [re.sub(r"\s+", "", body)[:12] for _, body in comments]
            printed = sum(1 for head in heads if head and head in text)
            notes = pdf_annotations(pdf)
            if printed:
                seen = f"{printed} of {len(comments)} comment(s) printed as text (in the margin)"
            elif notes:
                seen = (f"comments NOT printed in the margin (this LibreOffice ignores ExportNotesInMargin); "
                        f"they are {notes} PDF note annotation(s), drawn as note icons with pop-ups")
            else:
                seen = "comments not in the PDF at all"
            note(f"  PDF ({how}): {pages} page(s); {seen}; images: {', '.join(p.name for p in images)}")
            note(f"  comments in the .docx: {len(comments)}")
            for author, body in comments:
                note(f"    - [{author}] {short(body, 40)}")

        @step("3. Excel workbook")
        def _workbook():
            folder = work / "xlsx"
            inputs = ["seeds/"] + ([os.path.relpath(CORPUS, ROOT) + "/"] if CORPUS.is_dir() else [])
            if not CORPUS.is_dir():
                note(f"  corpus folder missing ({CORPUS}); seeds only")
            done = subprocess.run([*FZCHECK, "check", *inputs, "-f", "xlsx,html", "-o", str(folder), "-q"],
                                  capture_output=True, text=True, timeout=600, cwd=ROOT)
            book_path = folder / "fzcheck.xlsx"
            if not book_path.exists():
                raise RuntimeError(f"no fzcheck.xlsx (exit {done.returncode}): {done.stderr.strip()[-300:]}")
            note(f"  fzcheck check {' '.join(inputs)} -f xlsx,html: exit {done.returncode}")
            import openpyxl

            book = openpyxl.load_workbook(book_path)
            for sheet in book.worksheets:
                note(f"  sheet {sheet.title}: {sheet.max_row} rows x {sheet.max_column} columns, "
                     f"frozen {sheet.freeze_panes or '-'}, filter {sheet.auto_filter.ref or '-'}")
            if "汇总" in book.sheetnames:
                sheet = book["汇总"]
                rows = list(sheet.iter_rows(values_only=True))
                header_at = _header_row(sheet)
                header = rows[header_at - 1]
                note(f"  汇总 header (row {header_at}): " + " | ".join(short(v, 14) for v in header if v is not None))
                for number, row in enumerate(rows[header_at: header_at + 3], start=header_at + 1):
                    note(f"  汇总 row {number}: " + " | ".join(short(v, 18) for v in row[:8]) + (" …" if len(row) > 8 else ""))
            else:
                note("  no sheet named 汇总")
            pdf = soffice_pdf(book_path, work / "xlsx-pdf")
            render_pages(pdf, "xlsx-summary-page", 1, scale=3)  # a landscape sheet fitted to the page: small print
            note(f"  workbook as PDF (LibreOffice): {pdf_pages(pdf)} page(s); xlsx-summary-page1.png")

        @step("4. dashboard at 1,000 rows")
        def _dashboard():
            chromium = need_browser()
            target, titles, lacking = _thousand_rows(work / "dashboard")
            page, moved, sticky = _scrolled(chromium, target, 1400)
            save(page, "dashboard-1000-scrolled.png")
            note(f"  1400x900: scrolled the table box to top {moved[0]:.0f}px, left {moved[1]:.0f}px "
                 f"(content {moved[2]}px wide in a {moved[3]}px box); header and first column at the box's corner: {sticky}")
            if moved[2] <= moved[3]:  # the table fits: show the pinned first column where it does scroll sideways
                narrow, moved, sticky = _scrolled(chromium, target, 900)
                save(narrow, "dashboard-1000-scrolled-narrow.png")
                note(f"  the table fits 1400px, so no sideways scroll there; extra at 900x900: scrolled top "
                     f"{moved[0]:.0f}px, left {moved[1]:.0f}px, header and first column pinned: {sticky} "
                     f"(dashboard-1000-scrolled-narrow.png)")
                narrow.close()
            rule = "item.first-responsible"
            page.select_option("#rule", label=titles[rule])
            page.select_option("#status", label="未满足")
            page.evaluate("""() => { const b = document.getElementById('table-box'); b.scrollTop = 0; b.scrollLeft = 0; }""")
            page.wait_for_timeout(100)
            shown = page.inner_text("#shown")
            save(page, "dashboard-1000-filtered.png")
            note(f"  filter {titles[rule]} = 未满足: page says “{shown}”, expected {lacking} rows")
            page.close()
            phone = chromium.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
            phone.goto(target.as_uri())
            wide = phone.evaluate("() => document.documentElement.scrollWidth")
            save(phone, "dashboard-phone.png")
            note(f"  phone 390x844: page {wide}px wide; dashboard-phone.png")
            phone.close()

        @step("5. multi-file web page")
        def _web():
            chromium = need_browser()
            folder = work / "web"
            folder.mkdir()
            broken = folder / "损坏的报告.docx"
            broken.write_bytes(b"PK\x03\x04 not really a zip")
            files = [SEEDS / "001_7724204651865b79.txt", SEEDS / "003_eed9f17129c08ac0.txt", broken]
            with _server(folder) as (url, log):
                note(f"  fzcheck serve --port 0 is at {url}")
                page = chromium.new_page(viewport={"width": 1280, "height": 900})
                page.goto(url)
                page.set_input_files("#file", [str(p) for p in files])
                page.fill("#reviewer", REVIEWER)
                page.click("#submit")
                page.wait_for_function("""() => { const rows = [...document.querySelectorAll('#files tbody tr')];
                    return rows.length === 3 && rows.every(r => ['done', 'failed'].includes(r.dataset.state)); }""",
                                       timeout=120000)
                page.wait_for_timeout(300)
                rows = page.evaluate("""() => [...document.querySelectorAll('#files tbody tr')].map(r =>
                    [...r.cells].slice(0, 6).map(c => c.innerText.trim()))""")
                save(page, "web-batch.png", full_page=True)
                page.close()
                for row in rows:
                    note("    " + " | ".join(short(cell, 30) for cell in row))
            note(f"  server stopped on SIGINT: exit {log['exit']}")

    finally:
        if browser is not None:
            browser.close()
        playwright.stop()
        if keep:
            print(f"kept intermediate files in {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    print("\n== summary")
    for line in summary:
        print(line)
    images = sorted(p for p in OUT.glob("*.png") if p in set(made))
    print(f"\nfiles made in {OUT.relative_to(ROOT)}/ ({len(images)}):")
    for image in images:
        print(f"  {image.name}  {image.stat().st_size // 1024} KB")
    print(f"total {time.monotonic() - started:.0f} s")
    (OUT / "summary.txt").write_text("\n".join(summary + ["", "files:"] + [p.name for p in images]) + "\n",
                                     encoding="utf-8")
    return 0 if not any(line.startswith("[FAIL]") for line in summary) else 1


def _scrolled(chromium, target: Path, width: int):
    """The dashboard in a page `width` px wide, its table box scrolled: the page, how far it moved
    (top, left, content width, box width), and whether the header and first column stayed at the box's corner."""
    page = chromium.new_page(viewport={"width": width, "height": 900})
    page.goto(target.as_uri())
    moved = page.evaluate(SCROLL_BOX)
    page.wait_for_timeout(100)
    frame = page.locator("#table-box").bounding_box()
    corner = page.locator("#results thead th:first-child").bounding_box()
    return page, moved, abs(corner["y"] - frame["y"]) <= 2 and abs(corner["x"] - frame["x"]) <= 2


def _comments(docx_path: Path) -> list[tuple[str, str]]:
    """(author, text) of each comment, by python-docx (1.2+) or from word/comments.xml."""
    try:
        import docx

        document = docx.Document(str(docx_path))
        return [(c.author or "", c.text or "") for c in document.comments]
    except (AttributeError, ImportError):
        from lxml import etree

        w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
        with zipfile.ZipFile(docx_path) as archive:
            if "word/comments.xml" not in archive.namelist():
                return []
            root = etree.fromstring(archive.read("word/comments.xml"))
        return [(c.get(f"{w}author", ""), "".join(c.itertext())) for c in root.iter(f"{w}comment")]


def _header_row(sheet) -> int:
    """The header's row: the one above the frozen panes, else the autofilter's first row, else 1."""
    from openpyxl.utils.cell import coordinate_from_string

    if sheet.freeze_panes:
        return max(coordinate_from_string(sheet.freeze_panes)[1] - 1, 1)
    if sheet.auto_filter.ref:
        return coordinate_from_string(sheet.auto_filter.ref.split(":")[0])[1]
    return 1


def _thousand_rows(folder: Path):
    """As tests/test_browser.py's big_dashboard: 1,000 synthetic results over the 2021-2025 rulebook."""
    from checker.model import summarise
    from checker.render.html import Dashboard
    from checker.rules.rulebook import load_rulebook
    from tests import synthetic

    book = load_rulebook(ROOT / "rules" / "edition-2021-2025.yaml")
    rules = [(rule.id, rule.title, rule.short, rule.optional) for rule in book.rules]
    documents = synthetic.many(1000, rules)
    dashboard = Dashboard()
    for index, document in enumerate(documents):
        dashboard.add(document, f"r{index}.html")
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / "index.html"
    target.write_text(dashboard.render(summarise(documents), synthetic.RUN), encoding="utf-8")
    lacking = sum(1 for d in documents
                  if next((f.tone for f in d.findings if f.rule == "item.first-responsible"), None) == "missing")
    return target, {rule: title for rule, title, _, _ in rules}, lacking


class _server:
    """`fzcheck serve --port 0` in its own process; its address read from what it prints; SIGINT to stop."""

    def __init__(self, cwd: Path):
        self.cwd = cwd
        self.log = {"exit": None, "lines": []}

    def __enter__(self):
        self.process = subprocess.Popen([*FZCHECK, "serve", "--port", "0"], cwd=self.cwd, stdout=subprocess.PIPE,
                                        stderr=subprocess.STDOUT, text=True, encoding="utf-8", errors="replace")
        found = threading.Event()
        address = {}

        def read():
            for line in self.process.stdout:
                self.log["lines"].append(line.rstrip())
                match = re.search(r"https?://[\w.\-\[\]:]+:\d+", line)
                if match and not found.is_set():
                    address["url"] = match.group(0)
                    found.set()

        threading.Thread(target=read, daemon=True).start()
        if not found.wait(60):
            self._stop()
            raise RuntimeError("the server printed no address: " + " / ".join(self.log["lines"][-5:]))
        return address["url"], self.log

    def _stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()  # this process only, by its handle
                self.process.wait(timeout=10)
        self.log["exit"] = self.process.returncode

    def __exit__(self, *exc):
        self._stop()
        return False


if __name__ == "__main__":
    sys.exit(main())
