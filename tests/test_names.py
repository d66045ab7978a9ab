"""Any file name works in every output: nothing it holds gets injected, and every file still parses.

The results are the synthetic ones of tests/synthetic.py (a failing report with
a baseline, a passing one, a text that is not a report, a file that could not
be read), renamed to hostile names: newlines that would start a workflow
command, carriage returns, terminal escapes, Markdown and HTML, `#` and `%`,
spaces, Chinese, bidi overrides and bytes that are not UTF-8 (lone surrogates,
as Python gives them on Linux).
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from urllib.parse import unquote_to_bytes

import pytest

from checker.model import CheckResult, DocumentResult, Evidence, json_schema, summarise
from checker.render.escape import uri_reference, visible, xml_text
from checker.render.github import render_github
from checker.render.html import Dashboard, render_document_html
from checker.render.json_out import render_json
from checker.render.junit import render_junit
from checker.render.markdown import render_markdown
from checker.render.sarif import render_sarif
from checker.render.text import render_summary, render_text

from .synthetic import VERSION, broken, jia, news, yi

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif" / "sarif-schema-2.1.0.json"

HOSTILE = [
    "reports/a\n::error file=x::boom.txt",
    "reports/b\r::warning::cr\r\n::notice::crlf.txt",
    "reports/\x1b[31mred\x1b[0m\x1b]0;title\x07.txt",
    "reports/`code` ``two`` [link](http://x) ![img](http://y).txt",
    "reports/<img src=x onerror=alert(1)><script>alert(2)</script>.txt",
    "reports/#1 100% sure %41.txt",
    "reports/with space/甲市 报告（定稿）.docx",
    "reports/bad-\udcb1\udcc4-bytes.txt",
    "reports/pipe|cell||break\\|.txt",
    "reports/*star* _under_ ~~tilde~~ &amp; $x$ :smile: @someone www.example.com.txt",
    "reports/bidi\u202egnp.exe\u2028line\u2029para.txt",
    "reports/nul\x00del\x7fnel\x85\ufffe\uffff.txt",
    "C:\\Users\\张三\\a,b:c.txt",
    "//server/share/x.txt",
]
# Bad characters for a terminal or a text file: controls but newline, lone surrogates, bidi and line separators.
CONTROLS = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def _hostile(document: DocumentResult, name: str) -> DocumentResult:
    """`document` under `name`, with the name also in its texts (messages, evidence, error)."""
    update: dict = {"path": name}
    if document.error is not None:
        update["error"] = document.error.model_copy(update={"message": f"{name}: 无法打开"})
    else:
        findings = []
        for finding in document.findings:
            evidence = [*finding.evidence, Evidence(section=name, line=3, excerpt=f"摘录{name}", terms=[name])]
            findings.append(finding.model_copy(update={"message": f"{finding.message}{name}", "evidence": evidence}))
        update["findings"] = findings
        update["notices"] = [*document.notices, f"注意{name}"]
    return document.model_copy(update=update)


def _result(names: list[str]) -> CheckResult:
    documents = [_hostile(make(), name) for name in names for make in (jia, yi, news, broken)]
    summary = summarise(documents)
    summary.regressed = sum(1 for d in documents if d.baseline is not None and d.baseline.regressed)
    summary.expired_waivers = [f"{name}#1 quality.numbers" for name in names]
    return CheckResult(version=VERSION, documents=documents, summary=summary)


@pytest.fixture(scope="module")
def hostile() -> CheckResult:
    return _result(HOSTILE)


@pytest.fixture(scope="module")
def plain() -> CheckResult:
    return _result([f"reports/plain{i}.txt" for i in range(len(HOSTILE))])


def _encodes(text: str) -> None:
    text.encode("utf-8")  # raises on a lone surrogate: the writers' spool files are strict UTF-8


# --------------------------------------------------------------------------- terminal and text


@pytest.mark.parametrize("render", [render_summary, render_text])
def test_terminal_text_has_no_control_characters(hostile, plain, render):
    text = render(hostile)
    _encodes(text)
    assert not CONTROLS.search(text), repr(CONTROLS.search(text))
    assert not any(line.startswith("::") for line in text.splitlines())
    # every name is one visible line's worth: as many lines as with plain names
    assert text.count("\n") == render(plain).count("\n")
    for name in HOSTILE:
        assert visible(name) in text


def test_visible_shows_what_was_there():
    assert visible("a\nb\rc\td\x1b[31m") == "a\\nb\\rc\\td\\x1b[31m"
    assert visible("bad-\udcb1") == "bad-\\xb1"  # the byte that was not UTF-8
    assert visible("x\u202ey\u2028") == "x\\u202ey\\u2028"
    assert visible("甲市 报告 #1 100%.docx") == "甲市 报告 #1 100%.docx"


# --------------------------------------------------------------------------- GitHub workflow commands


ANNOTATION = re.compile(r"^::(error|warning|notice) file=([^,:\r\n]*)(?:,line=\d+)?,title=([^,:\r\n]*)::(.*)$")


def _unescape_property(text: str) -> str:
    for escaped, char in (("%2C", ","), ("%3A", ":"), ("%0A", "\n"), ("%0D", "\r"), ("%25", "%")):
        text = text.replace(escaped, char)
    return text


def test_github_commands_cannot_be_injected(hostile, plain):
    text = render_github(hostile)
    _encodes(text)
    lines = text.splitlines()
    assert len(lines) == len(render_github(plain).splitlines())  # no line more, none less
    assert not CONTROLS.search(text)
    files = set()
    for line in lines:
        match = ANNOTATION.match(line)
        assert match, line
        files.add(_unescape_property(match.group(2)))
    for name in HOSTILE:
        # GitHub decodes %25 %0D %0A %3A %2C back; the other controls stay visible escapes
        expected = visible(name.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))
        assert _unescape_property(expected.replace(":", "%3A").replace(",", "%2C")) in files


def test_github_escapes_as_documented():
    from checker.render.escape import workflow_data, workflow_property

    assert workflow_data("100%\r\nnext:a,b") == "100%25%0D%0Anext:a,b"
    assert workflow_property("100%\r\nnext:a,b") == "100%25%0D%0Anext%3Aa%2Cb"


# --------------------------------------------------------------------------- Markdown


def _cells(row: str) -> list[str]:
    """A GFM table row split at its pipes: a pipe after a backslash belongs to the cell."""
    assert row.startswith("|") and row.endswith("|") and not row.endswith("\\|"), row
    return re.split(r"(?<!\\)\|", row[1:-1])


def test_markdown_table_keeps_its_shape(hostile):
    text = render_markdown(hostile)
    _encodes(text)
    assert not CONTROLS.search(text)
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(rows) == 2 + len(hostile.documents)
    assert all(len(_cells(row)) == 6 for row in rows)
    # no raw `<img`, `<script`, `](` or backtick: each is escaped, so no tag, link or code span can open
    assert not re.search(r"(?<!\\)(?:<|\]\(|`)", text)
    assert not any(line.startswith("::") for line in text.splitlines())


def test_markdown_renders_each_name_as_plain_text(hostile):
    markdown_it = pytest.importorskip("markdown_it")
    from html import unescape

    html = markdown_it.MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(render_markdown(hostile))
    assert not re.search(r"<(?:a|img|script|code|em|s|del)\b", html)
    rows = re.findall(r"<tr>\n(.*?)</tr>", html, re.S)[1:]
    assert len(rows) == len(hostile.documents)
    firsts = []
    for row in rows:
        cells = re.findall(r"<td(?: [^>]*)?>(.*?)</td>", row, re.S)
        assert len(cells) == 6
        firsts.append(unescape(cells[0]))
    assert firsts == [visible(d.path) for d in hostile.documents]


# --------------------------------------------------------------------------- JUnit


def test_junit_parses_whatever_the_names(hostile):
    text = render_junit(hostile)
    _encodes(text)
    root = ElementTree.fromstring(text.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [xml_text(d.path) for d in hostile.documents]
    assert int(root.get("tests")) == sum(int(s.get("tests")) for s in suites)


def test_xml_text_replaces_what_xml_forbids():
    assert xml_text("a\tb\nc\rd") == "a\tb\nc\rd"
    assert xml_text("\x00\x1b\udcb1\ufffe\uffff") == "\\x00\\x1b\\xb1\\ufffe\\uffff"


# --------------------------------------------------------------------------- SARIF


# RFC 3986 relative-ref / URI characters: unreserved, sub-delims, ":", "@", "/", and well-formed %XX.
URI_REFERENCE = re.compile(r"^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})*$")


def _sarif_validator():
    import jsonschema

    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_validates_against_the_official_schema(hostile):
    text = render_sarif(hostile)
    _encodes(text)
    sarif = json.loads(text)
    errors = sorted(_sarif_validator().iter_errors(sarif), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])
    run = sarif["runs"][0]
    locations = [loc["physicalLocation"]["artifactLocation"]["uri"]
                 for item in [*run["results"], *run["invocations"][0]["toolExecutionNotifications"]]
                 for loc in item["locations"]]
    assert {uri_reference(d.path) for d in hostile.documents} == set(locations)
    for uri in locations:
        assert URI_REFERENCE.match(uri), uri
        first = uri.split("/", 1)[0]
        assert ":" not in first and not uri.startswith("//"), uri  # no scheme, no authority


def test_sarif_format_checking_covers_uri_references():
    """`uri-reference` is only checked with rfc3987 or rfc3986-validator installed (the `test` extra)."""
    import jsonschema

    if "uri-reference" not in jsonschema.FormatChecker().checkers:
        pytest.skip("install rfc3986-validator to check uri-reference formats")
    checker = jsonschema.FormatChecker()
    assert not checker.conforms("reports/a b#c", "uri-reference")
    assert all(checker.conforms(uri_reference(name), "uri-reference") for name in HOSTILE)


@pytest.mark.parametrize("name, uri", [
    ("reports/#1 100% a b.txt", "reports/%231%20100%25%20a%20b.txt"),
    ("甲市/报告.docx", "%E7%94%B2%E5%B8%82/%E6%8A%A5%E5%91%8A.docx"),
    ("bad-\udcb1.txt", "bad-%B1.txt"),  # the original byte
    ("C:\\x\\y.txt", "C%3A/x/y.txt"),
    ("//server/x", "/.//server/x"),
])
def test_uri_reference(name, uri):
    assert uri_reference(name) == uri


def test_sarif_uri_gives_back_the_original_bytes():
    for name in HOSTILE:
        original = name.replace("\\", "/").encode("utf-8", "surrogateescape")
        decoded = unquote_to_bytes(uri_reference(name))
        assert decoded.removeprefix(b"/.") == original


# --------------------------------------------------------------------------- JSON and HTML


def test_json_round_trips_every_name(hostile):
    import jsonschema

    text = render_json(hostile)
    _encodes(text)
    data = json.loads(text)
    assert [d["path"] for d in data["documents"]] == [d.path for d in hostile.documents]
    assert data["summary"]["expired_waivers"] == hostile.summary.expired_waivers
    jsonschema.validate(data, json_schema())


def test_html_pages_escape_and_encode_every_name(hostile):
    dashboard = Dashboard()
    pages = []
    for index, document in enumerate(hostile.documents):
        pages.append(render_document_html(document))
        dashboard.add(document, f"r{index}.html")
    pages.append(dashboard.render(hostile.summary))
    for page in pages:
        _encodes(page)
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]", page)
        assert "<img src=x" not in page and "<script>alert" not in page
    assert "bad-\\xb1\\xc4-bytes.txt" in pages[-1]
