"""Word .docx: paragraphs and tables in reading order, with Word's own structure.

Heading styles and outline levels become heading hints, and automatic
numbering (一、 or （一） produced by a numbering definition rather than typed)
is rendered back into the text, so the outline is right even when the numbers
are not in the characters of the paragraph.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, NamedTuple, Optional

from docx.enum.style import WD_STYLE_TYPE
from docx.opc.constants import CONTENT_TYPE as CT, RELATIONSHIP_TYPE as RT
from docx.oxml.parser import parse_xml
from docx.parts.styles import StylesPart
from docx.styles.style import StyleFactory
from lxml import etree

from checker.errors import FzError
from checker.document.ingest.archive import broken, open_zip
from checker.document.ingest.limits import TextTally, too_complex
from checker.document.ingest.source import Source, SourceLine

KIND = ".docx"
# A list number above this is shown in Arabic digits whatever its format: Roman numerals of
# 10**10 are ten million letters (and took forever to build), and no report counts that far.
MAX_STYLED_NUMBER = 10_000
# Styles based on styles: Word's own chains are a few deep; a longer one is a loop (A on B on A).
MAX_STYLE_CHAIN = 32
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# A paragraph's text as Word shows it: its runs wherever they sit (in hyperlinks, tracked insertions,
# fields, smart tags, content controls), but not deleted ones, not a text box's (a frame of its own),
# and not the fallback copy of content Word stores twice. Compiled once: python-docx compiles its
# own expressions again for every paragraph and run.
_NS = {"w": _W[1:-1], "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006"}
_RUNS = etree.XPath(".//w:r[not(ancestor::w:del or ancestor::w:moveFrom or ancestor::w:txbxContent"
                    " or ancestor::mc:Fallback)]", namespaces=_NS)
# What each piece of a run shows (python-docx's element classes' __str__): a break of no type is a
# line break, of another type (page, column) nothing.
_RUN_PIECES = {
    f"{_W}br": lambda e: "\n" if e.get(f"{_W}type", "textWrapping") == "textWrapping" else "",
    f"{_W}cr": lambda e: "\n",
    f"{_W}noBreakHyphen": lambda e: "-",
    f"{_W}ptab": lambda e: "\t",
    f"{_W}t": lambda e: e.text or "",
    f"{_W}tab": lambda e: "\t",
}
# python-docx's default paragraph style is the last one so marked; its own search reads every
# style's type through a Python enum: 0.4 ms for the 164 styles of its own template.
_DEFAULT_PARAGRAPH_STYLES = etree.XPath(
    'w:style[@w:type="paragraph"][@w:default="1" or @w:default="true" or @w:default="on"]', namespaces=_NS)
# python-docx's parser's options (docx.opc.oxml, docx.oxml.parser): no entities expanded, blank text
# between tags dropped.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


def read_docx(path: str, data: bytes) -> Source:
    archive = open_zip(data, KIND)
    if "word/document.xml" not in archive.namelist():
        raise broken(KIND)
    try:
        package = _Package(archive)
        document = package.main_document()
        styles = _Styles(package.styles_xml())
        numbering = _Numbering(package.numbering())
        lines, tally = [], TextTally()
        for line in _lines(document, numbering, styles):
            tally.add([line])
            lines.append(line)
    except FzError:
        raise
    except MemoryError:
        raise too_complex("读取时内存不足", "reading it ran out of memory") from None
    except Exception:  # a damaged package or part raises many kinds, as it did in python-docx
        raise broken(KIND) from None
    return Source(path=path, format="docx", lines=lines)


# The parts the reader reads: the text, its styles and its lists. The others (pictures, themes, fonts,
# settings, a second copy of the styles, thumbnails, custom XML) are not unzipped: a report's photos
# alone are megabytes, and python-docx's own template's parts took a third of reading a report.
_READ_PARTS = frozenset({CT.WML_DOCUMENT_MAIN, CT.WML_STYLES, CT.WML_NUMBERING})
# Parsed as python-docx parsed them; the styles part stays bytes for _Styles.
_PARSED_PARTS = _READ_PARTS - {CT.WML_STYLES}
_CONTENT_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_PACKAGE = "/"  # the package itself, as the source of its own relationships (python-docx's PACKAGE_URI)


class _Package:
    """The package as python-docx read it (its PackageReader, Unmarshaller and parts), to the same
    parts and the same errors, but without building python-docx's objects for every part and
    relationship (that machinery took a quarter of reading a report).

    The parts are those the relationships reach, walked from the package's own depth first; each
    has its content type, each part's relationships are read (and parsed), the parts of
    `_READ_PARTS` unzipped and those of `_PARSED_PARTS` parsed, unless first reached as an image.
    """

    def __init__(self, archive):
        self.archive = archive
        self.types = _ContentTypes(archive.read("[Content_Types].xml"))
        self.own = self._relationships_of(_PACKAGE)  # the package's relationships
        self.walked: dict[str, list] = {}  # part → its relationships (a relationship may name "/" as a part)
        self.content_types: dict[str, str] = {}
        self.blobs: dict[str, bytes] = {}
        self.first_reltype: dict[str, Optional[str]] = {}
        self._walk(self.own)
        self.roots = {name: etree.fromstring(self.blobs[name], _PARSER)
                      for name, reltype in self.first_reltype.items()
                      if reltype != RT.IMAGE and self.content_types[name] in _PARSED_PARTS}
        self.main = _related(self.own, RT.OFFICE_DOCUMENT)

    def main_document(self):
        """The root element of the main document part, which must be one."""
        if self.content_types[self.main] != CT.WML_DOCUMENT_MAIN:  # what docx.Document refuses
            raise ValueError(f"not a Word document: {self.content_types[self.main]}")
        return self.roots[self.main]  # missing when first reached as an image: python-docx had no document then

    def styles_xml(self) -> bytes:
        """The bytes of the document's styles part; python-docx's default styles when it has none."""
        try:
            name = _related(self.walked[self.main], RT.STYLES)
        except KeyError:  # python-docx gives a document without styles its default ones
            return StylesPart._default_styles_xml()
        if self.content_types[name] != CT.WML_STYLES:  # python-docx could not read styles from it either
            raise ValueError(f"the styles relationship names a part of type {self.content_types[name]}")
        return self.blobs[name]

    def numbering(self):
        """The root element of the document's numbering part, or None: no such relationship, or one to a
        part python-docx did not parse (its numbering_part then has no element)."""
        try:
            name = _related(self.walked[self.main], RT.NUMBERING)
        except KeyError:
            return None
        return self.roots.get(name)

    def _walk(self, relationships: list) -> None:
        """python-docx's _walk_phys_parts: depth first, each part once, recursing as it did."""
        for relationship in relationships:
            name = relationship.target
            if name is None or name in self.walked:
                continue
            self.walked[name] = self._relationships_of(name)
            content_type = self.types[name]
            self.content_types[name] = content_type
            self.first_reltype[name] = relationship.reltype
            if content_type in _READ_PARTS:
                self.blobs[name] = self.archive.read(name[1:])
            self._walk(self.walked[name])

    def _relationships_of(self, source: str) -> list:
        """The relationships in the source's .rels part, in order (none when it has none)."""
        folder, filename = posixpath.split(source)
        try:
            xml = self.archive.read(posixpath.join(folder, "_rels", filename + ".rels")[1:])
        except KeyError:
            return []
        root = etree.fromstring(xml, _PARSER)
        if root.tag != f"{_RELATIONSHIPS}Relationships":  # python-docx found no list of relationships in it
            raise ValueError(f"not a relationships part: {root.tag}")
        return [_relationship(folder, element) for element in root.iterchildren(f"{_RELATIONSHIPS}Relationship")]


@dataclass(frozen=True)
class _Relationship:
    id: Optional[str]
    reltype: Optional[str]
    target: Optional[str]  # the part's name; None when the target is outside the package


def _related(relationships: list[_Relationship], reltype: str) -> str:
    """The part a source relates to by `reltype` (python-docx's part_related_by): KeyError when none,
    ValueError when several or when it is outside the package. Of relationships with the same id,
    the last one counts, in the place of the first."""
    by_id = {relationship.id: relationship for relationship in relationships}
    matching = [relationship for relationship in by_id.values() if relationship.reltype == reltype]
    if not matching:
        raise KeyError(reltype)
    if len(matching) > 1 or matching[0].target is None:
        raise ValueError(f"{len(matching)} relationships of type {reltype}, or one outside the package")
    return matching[0].target


def _relationship(folder: str, element) -> _Relationship:
    """One <Relationship>, its target resolved against the folder of its source (python-docx's
    PackURI.from_rel_ref)."""
    if element.get("TargetMode", "Internal") == "External":
        return _Relationship(element.get("Id"), element.get("Type"), None)
    name = posixpath.abspath(posixpath.join(folder, element.get("Target")))
    if not name.startswith("/"):
        raise ValueError(f"a part's name must begin with a slash: {name}")
    return _Relationship(element.get("Id"), element.get("Type"), name)


class _ContentTypes:
    """python-docx's _ContentTypeMap: a part's content type by its name (an <Override>), else by its
    extension (a <Default>), both regardless of case; KeyError for a part with neither."""

    def __init__(self, xml: bytes):
        root = etree.fromstring(xml, _PARSER)
        if root.tag != f"{_CONTENT_TYPES}Types":
            raise ValueError(f"not a content types part: {root.tag}")
        self.overrides = {element.get("PartName").lower(): element.get("ContentType")
                          for element in root.iterchildren(f"{_CONTENT_TYPES}Override")}
        self.defaults = {element.get("Extension").lower(): element.get("ContentType")
                         for element in root.iterchildren(f"{_CONTENT_TYPES}Default")}

    def __getitem__(self, name: str) -> str:
        if name.lower() in self.overrides:
            return self.overrides[name.lower()]
        extension = posixpath.splitext(name)[1]
        extension = extension[1:] if extension.startswith(".") else extension
        if extension.lower() in self.defaults:
            return self.defaults[extension.lower()]
        raise KeyError(f"no content type for {name}")


def paragraph_text(p) -> str:
    """The paragraph's text as Word shows it (see _RUNS), tabs as \\t, line breaks as \\n."""
    return "".join(map(_run_text, _RUNS(p)))


def _run_text(r) -> str:
    """The run's pieces of text, in order (its own children: a run inside it is a run of its own)."""
    pieces = []
    for child in r:  # one pass over the children, quicker than asking lxml for the six tags
        piece = _RUN_PIECES.get(child.tag)
        if piece is not None:
            pieces.append(piece(child))
    return "".join(pieces)


def _lines(document, numbering: "_Numbering", styles: "_Styles") -> Iterator[SourceLine]:
    for element in body_blocks(_body(document)):
        if element.tag == f"{_W}p":
            yield from _paragraph_lines(element, numbering, styles)
        elif element.tag == f"{_W}tbl":
            yield from _table_lines(element)


def _body(document):
    """The <w:body> of a <w:document> (python-docx's CT_Document.body: no other root has one)."""
    body = _first(document, f"{_W}body") if document.tag == f"{_W}document" else None
    if body is None:
        raise ValueError("no document body")
    return body


def _first(parent, tag: str):
    """The first child with the tag, or None: what parent.find(tag) finds, without lxml's ElementPath
    layer (twice as slow, and called a few times a paragraph)."""
    return next(parent.iterchildren(tag), None)


def body_blocks(parent) -> Iterator:
    """Body-level paragraphs and tables, looking inside content controls."""
    for child in parent.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = _first(child, f"{_W}sdtContent")
            if content is not None:
                yield from body_blocks(content)


def _paragraph_lines(p, numbering: "_Numbering", styles: "_Styles") -> Iterator[SourceLine]:
    properties = _first_of_each(_first(p, f"{_W}pPr"))
    style_id = _style_id(properties.get(f"{_W}pStyle"))
    level = _level(properties.get(f"{_W}outlineLvl"))
    if level is None:
        level = styles.level_of(style_id)
    prefix = numbering.label(_list(properties.get(f"{_W}numPr")) or styles.numbering_of(style_id))
    parts = (prefix + paragraph_text(p)).split("\n")
    for index, part in enumerate(parts):
        yield SourceLine(part, heading_level=level if index == 0 and part.strip() else None)


def _first_of_each(parent) -> dict:
    """The first child of each tag (what parent.find(tag) finds), in one pass over the children: a
    paragraph's properties are asked for three; none when there is no parent."""
    found: dict = {}
    if parent is not None:
        for child in parent:
            found.setdefault(child.tag, child)
    return found


def _style_id(pStyle) -> Optional[str]:
    """The style a paragraph's <w:pStyle> names, which must have a value (python-docx's CT_PPr.style)."""
    return None if pStyle is None else _required(pStyle, "val")


def _required(element, name: str) -> str:
    value = element.get(f"{_W}{name}")
    if value is None:
        raise ValueError(f"{element.tag} without {name}")
    return value


def _table_lines(table) -> Iterator[SourceLine]:
    """Each row as one line, cells separated by spaces; merged cells counted once.

    python-docx's `row.cells` gives the same cells, but repeats a cell once per column it spans
    (a hostile gridSpan of a billion is a loop of a billion) and finds the top of a vertical merge
    by walking up row by row (quadratic in the rows). Here each row remembers, per grid column,
    the cell whose text it shows, so a row is read in one pass.
    """
    above: dict[int, object] = {}  # grid offset where a cell starts in the previous row → the cell shown
    for index, tr in enumerate(table.iterchildren(f"{_W}tr")):
        shown: dict[int, object] = {}
        offset = _cell_property(_first(tr, f"{_W}trPr"), "gridBefore", 0)
        seen: set[int] = set()
        cells = []
        for tc in tr.iterchildren(f"{_W}tc"):
            cell = tc
            if _v_merge(tc) == "continue":  # the lower part of a vertical merge shows the cell above
                if index == 0 or offset not in above:
                    raise ValueError("vertical merge without a cell above")
                cell = above[offset]
            shown[offset] = cell
            offset += _grid_span(tc)
            if _grid_span(cell) < 1 or id(cell) in seen:  # python-docx repeats a cell once per column it spans
                continue
            seen.add(id(cell))
            cells.append("".join(paragraph_text(p) for p in cell.iterchildren(f"{_W}p")).strip())
        above = shown
        text = "  ".join(cell for cell in cells if cell)
        if text:
            yield SourceLine(text)


def _grid_span(tc) -> int:
    """The grid columns a cell spans (python-docx's CT_Tc.grid_span)."""
    return _cell_property(_first(tc, f"{_W}tcPr"), "gridSpan", 1)


def _cell_property(properties, name: str, default: int) -> int:
    """A number in <w:tcPr> or <w:trPr>: the default when absent; its value is required."""
    element = None if properties is None else _first(properties, f"{_W}{name}")
    return default if element is None else int(_required(element, "val"))


def _v_merge(tc) -> Optional[str]:
    """How a cell takes part in a vertical merge (python-docx's CT_Tc.vMerge): None when it does not,
    "continue" when <w:vMerge> says nothing."""
    properties = _first(tc, f"{_W}tcPr")
    merge = None if properties is None else _first(properties, f"{_W}vMerge")
    return None if merge is None else merge.get(f"{_W}val", "continue")


class _Styles:
    """Each paragraph style's chain of base styles, its heading level and its numbering, once per style.

    python-docx's `paragraph.style` scans every style for the id, and every one again for the
    default style, on each call; so does each `base_style`. Here the styles are indexed by id,
    and what a paragraph takes from its style is worked out once per style id, by python-docx's
    own rules (the first style with the id; the default paragraph style when there is none or it
    is not a paragraph style). A chain that loops (A based on B based on A) is cut at a style
    seen before, or after MAX_STYLE_CHAIN links. Only the styles used are parsed (_StyleBlocks).
    """

    def __init__(self, xml: bytes):
        self.styles = _StyleBlocks.read(xml) or _AllStyles(xml)
        self.chains: dict[Optional[str], list] = {}
        self.levels: dict[Optional[str], Optional[int]] = {}
        self.numbers: dict[Optional[str], tuple[Optional[str], int]] = {}

    def chain(self, style_id: Optional[str]) -> list:
        """The paragraph style a <w:pStyle> value names, then the styles it is based on."""
        if style_id not in self.chains:
            self.chains[style_id] = self._chain(self._paragraph_style(style_id))
        return self.chains[style_id]

    def heading_level(self, paragraph) -> Optional[int]:
        """The heading level a python-docx paragraph takes from its style, if any."""
        return self.level_of(paragraph._p.style)

    def level_of(self, style_id: Optional[str]) -> Optional[int]:
        if style_id not in self.levels:
            self.levels[style_id] = self._chain_level(self.chain(style_id))
        return self.levels[style_id]

    def numbering_of(self, style_id: Optional[str]) -> tuple[Optional[str], int]:
        """The list a paragraph's style chain puts it in: (numId, level), or (None, 0)."""
        if style_id not in self.numbers:
            found = (_num_pr(style.element.pPr) for style in self.chain(style_id))
            self.numbers[style_id] = next((pr for pr in found if pr is not None), (None, 0))
        return self.numbers[style_id]

    def _paragraph_style(self, style_id: Optional[str]):
        style = self.styles.with_id(style_id) if style_id is not None else None
        if style is None or style.type != WD_STYLE_TYPE.PARAGRAPH:
            return self.styles.default_paragraph_style()
        return style

    def _chain(self, style) -> list:
        chain, seen = [], set()
        while style is not None and len(chain) < MAX_STYLE_CHAIN and style.styleId not in seen:
            seen.add(style.styleId)
            chain.append(StyleFactory(style))
            based_on = style.basedOn
            style = None if based_on is None else self.styles.with_id(based_on.val)
        return chain

    @staticmethod
    def _chain_level(chain: list) -> Optional[int]:
        for style in chain:
            match = _HEADING_STYLE.match(style.name or "")
            if match:
                return int(match.group(1))
            level = _outline_level(style.element.pPr)
            if level is not None:
                return level
        return None


class _AllStyles:
    """The styles part parsed whole, as python-docx parses it (and fails on it when it is damaged)."""

    def __init__(self, xml: bytes):
        self.element = parse_xml(xml)
        self.by_id: dict[Optional[str], object] = {}
        for style in self.element.iterchildren(f"{_W}style"):
            self.by_id.setdefault(style.get(f"{_W}styleId"), style)

    def with_id(self, style_id: str):
        """The first style with the id (python-docx's choice), or None."""
        return self.by_id.get(style_id)

    def default_paragraph_style(self):
        defaults = _DEFAULT_PARAGRAPH_STYLES(self.element)
        return defaults[-1] if defaults else None


# The styles part as Word and python-docx write it: an XML declaration, then <w:styles> holding
# <w:docDefaults>, <w:latentStyles> and one <w:style> after another (XML whitespace between them).
_XML_SPACE = rb"[ \t\r\n]"
_PROLOG = re.compile(rb"(?:\xef\xbb\xbf)?(?:<\?xml" + _XML_SPACE + rb"[^<>]*\?>)?" + _XML_SPACE + rb"*")
_ENCODING = re.compile(rb"encoding" + _XML_SPACE + rb"*=" + _XML_SPACE + rb"*[\"']([^\"']*)[\"']")
_UTF8 = (b"utf-8", b"utf8")
_ATTRIBUTES = (rb"((?:" + _XML_SPACE + rb"+[^ \t\r\n=/<>]+" + _XML_SPACE + rb"*=" + _XML_SPACE
               + rb"*(?:\"[^\"<]*\"|'[^'<]*'))*)" + _XML_SPACE + rb"*")
_ATTRIBUTE = re.compile(rb"([^ \t\r\n=/<>]+)" + _XML_SPACE + rb"*=" + _XML_SPACE + rb"*(?:\"([^\"<]*)\"|'([^'<]*)')")
_ROOT = re.compile(rb"<([A-Za-z_][\w.-]*):styles" + _ATTRIBUTES + rb">")
_SPACES = re.compile(_XML_SPACE + rb"*")
# A value the parser would change (an entity, a character reference, whitespace it normalises).
_NOT_VERBATIM = re.compile(rb"[&\t\r\n]")
_W_NAMESPACE = _W[1:-1].encode("ascii")
_FORBIDDEN = bytes(code for code in range(32) if code not in b"\t\n\r")  # control characters XML forbids
_CHILDREN = (b"style", b"docDefaults", b"latentStyles")  # what <w:styles> holds
_DEFAULT_ON = (b"1", b"true", b"on")  # how w:default says a style is the default (as _DEFAULT_PARAGRAPH_STYLES)


class _StyleBlocks:
    """The styles part with only the styles asked for parsed: python-docx's template, which many
    Word files carry, holds 160 styles in 340 KB, and a report uses three of them.

    One pass over the bytes finds where each <w:style> of the root begins and ends, and keeps its
    start tag's attributes; its id, type and default flag are read from them when a style is looked
    for, and a style is parsed (by python-docx's parser, in the root's namespaces) when it is first
    asked for. `read` gives None whenever the part is not laid out as expected (another structure,
    comments, CDATA, a DTD, an encoding other than UTF-8, a style binding a namespace, a value the
    parser would rewrite): such a part is parsed whole, as before. So is a part cut short or out of
    order at the top level, or holding bytes no XML may hold (not UTF-8, control characters), which
    then fails as damaged, as before; so does a damaged style a paragraph uses. Damage inside a
    style no paragraph uses is not looked for (that alone would cost what parsing the whole part
    did): the report is read, its headings from the styles it uses, read exactly.
    """

    def __init__(self, xml: bytes, prefix: bytes, end_of_root: int, blocks: list[_Block]):
        self.xml, self.blocks = xml, blocks
        self.head, self.tail = xml[:end_of_root], b"</" + prefix + b":styles>"
        self.id_key, self.type_key, self.default_key = _style_keys(prefix)
        self.parsed: dict[int, object] = {}
        self.values: dict[int, dict[bytes, bytes]] = {}

    @classmethod
    def read(cls, xml: bytes) -> Optional["_StyleBlocks"]:
        root = _root(xml)
        if root is None:
            return None
        prefix = root.group(1)
        blocks = _style_blocks(xml, prefix, root.end())
        return None if blocks is None else cls(xml, prefix, root.end(), blocks)

    def with_id(self, style_id: str):
        """The first style with the id (a style whose start tag does not hold the id's bytes has
        another id: only the others' attributes are read)."""
        wanted = style_id.encode("utf-8")
        for index, block in enumerate(self.blocks):
            if wanted in block.attributes and self._values(index).get(self.id_key) == wanted:
                return self._style(index)
        return None

    def default_paragraph_style(self):
        """The last paragraph style marked default (only start tags naming w:default are read)."""
        for index in reversed(range(len(self.blocks))):
            if self.default_key in self.blocks[index].attributes:
                values = self._values(index)
                if values.get(self.type_key) == b"paragraph" and values.get(self.default_key) in _DEFAULT_ON:
                    return self._style(index)
        return None

    def _values(self, index: int) -> dict[bytes, bytes]:
        if index not in self.values:
            self.values[index] = _attributes(self.blocks[index].attributes)
        return self.values[index]

    def _style(self, index: int):
        if index not in self.parsed:
            block = self.blocks[index]
            self.parsed[index] = parse_xml(self.head + self.xml[block.start:block.end] + self.tail)[0]
        return self.parsed[index]


class _Block(NamedTuple):
    """Where one <w:style> is in the styles part, and its start tag's attributes (as written, in UTF-8)."""

    start: int
    end: int
    attributes: bytes


def _root(xml: bytes) -> Optional[re.Match]:
    """The <w:styles> start tag binding the Word namespace, when the part is plain XML in UTF-8."""
    prolog = _PROLOG.match(xml)
    encoding = _ENCODING.search(prolog.group())
    if encoding is not None and encoding.group(1).lower() not in _UTF8:
        return None
    if _holds(xml, b"<!") or _holds(xml, b"<?", prolog.end()) or not _plain_text(xml):
        return None  # comments, CDATA, a DTD, processing instructions; bytes no XML may hold
    root = _ROOT.match(xml, prolog.end())
    if root is None:
        return None
    declared = _attributes(root.group(2))
    return root if declared is not None and declared.get(b"xmlns:" + root.group(1)) == _W_NAMESPACE else None


def _holds(xml: bytes, markup: bytes, start: int = 0) -> bool:
    """Whether `markup` (<! or <?) is in `xml` from `start`; most parts hold neither ! nor ? at all,
    and a search for one byte is ten times quicker than for two."""
    return xml.find(markup[1:], start) >= 0 and xml.find(markup, start) >= 0


def _plain_text(xml: bytes) -> bool:
    """UTF-8 without the control characters XML forbids: what a part garbled on the way fails."""
    try:
        xml.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return not any(code in xml for code in _FORBIDDEN)  # one memchr a byte: twice as quick as copying without them


def _style_blocks(xml: bytes, prefix: bytes, at: int) -> Optional[list[_Block]]:
    """Each <w:style> child of the root, or None when the root holds anything but the three kinds
    of child, or one of them holds an element of its own name (nor of a name it begins, as
    <w:styleX>) before its end tag."""
    child, ends = _child_tag(prefix), _end_tags(prefix)
    blocks = []
    while (found := child.match(xml, at)) is not None:
        name, attributes, empty = found.group(2, 3, 4)
        at = found.end() if empty else _end_of(xml, ends[name], found.end())
        if at < 0:
            return None
        if name == b"style":
            if not _verbatim(attributes) or b"xmlns" in attributes:  # a namespace bound: the prefix may mean another
                return None
            blocks.append(_Block(found.start(1), at, attributes))
    at = _SPACES.match(xml, at).end()
    tail = b"</" + prefix + b":styles>"
    return blocks if xml.startswith(tail, at) and _SPACES.fullmatch(xml, at + len(tail)) else None


def _end_of(xml: bytes, tags: tuple[bytes, bytes], start: int) -> int:
    """Where the element whose tags begin as `tags` (start, end), begun before `start`, ends, when
    none of its name (nor of a name it begins, as <w:styleX>) opens inside it; else -1."""
    opening, close = tags
    end = xml.find(close, start)
    if end < 0 or xml.find(opening, start, end) >= 0:
        return -1
    return end + len(close)


@lru_cache(maxsize=4)
def _child_tag(prefix: bytes) -> re.Pattern:
    """The start tag of a child of <w:styles> after the blank before it (the tag from group 1; its
    name, attributes, and / when empty), in a part whose Word prefix is `prefix`."""
    names = b"|".join(_CHILDREN)
    start = b"<" + re.escape(prefix) + b":(" + names + rb")(?=[ \t\r\n/>])"
    return re.compile(_XML_SPACE + b"*(" + start + _ATTRIBUTES + b"(/?)>)")


@lru_cache(maxsize=4)
def _end_tags(prefix: bytes) -> dict[bytes, tuple[bytes, bytes]]:
    """For each child's name, what begins its start tag and its end tag."""
    return {name: (b"<" + prefix + b":" + name, b"</" + prefix + b":" + name + b">") for name in _CHILDREN}


@lru_cache(maxsize=4)
def _style_keys(prefix: bytes) -> tuple[bytes, bytes, bytes]:
    return prefix + b":styleId", prefix + b":type", prefix + b":default"


def _attributes(text: bytes) -> Optional[dict[bytes, bytes]]:
    """A start tag's attributes by name, or None when the parser might read one otherwise than as
    written."""
    if not _verbatim(text):
        return None
    return {name: double or single for name, double, single in _ATTRIBUTE.findall(text)}


def _verbatim(text: bytes) -> bool:
    """Whether the parser reads a start tag's attributes as written (see _NOT_VERBATIM: looked for in
    the whole tag, where Word puts only spaces)."""
    return _NOT_VERBATIM.search(text) is None


def _outline_level(pPr) -> Optional[int]:
    return None if pPr is None else _level(_first(pPr, f"{_W}outlineLvl"))


def _level(outline) -> Optional[int]:
    """The heading level an <w:outlineLvl> gives, if any (9 is body text)."""
    if outline is None:
        return None
    value = int(outline.get(f"{_W}val", "9"))
    return value + 1 if value < 9 else None


# --------------------------------------------------------------------------- numbering

_CN_DIGITS = "零一二三四五六七八九"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"


def chinese_counting(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一, 100 → 一百."""
    if n <= 0:
        return str(n)
    if n < 10:
        return _CN_DIGITS[n]
    if n < 20:
        return "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    if n < 100:
        return _CN_DIGITS[n // 10] + "十" + (_CN_DIGITS[n % 10] if n % 10 else "")
    return str(n)


def _roman(n: int) -> str:
    if n > MAX_STYLED_NUMBER:
        return str(n)
    values = [(1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
              (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, numeral in values:
        while n >= value:
            out, n = out + numeral, n - value
    return out


def format_number(n: int, fmt: str) -> str:
    if n > MAX_STYLED_NUMBER and fmt not in ("bullet", "none"):
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "ideographDigital", "japaneseCounting",
               "chineseLegalSimplified", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return chinese_counting(n)
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    if fmt == "ideographTraditional" and 1 <= n <= len(_HEAVENLY):
        return _HEAVENLY[n - 1]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "upperLetter":
        return chr(ord("A") + (n - 1) % 26)
    if fmt == "lowerLetter":
        return chr(ord("a") + (n - 1) % 26)
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt in ("bullet", "none"):
        return ""
    return str(n)


class _Numbering:
    """Renders the text Word shows for automatically numbered paragraphs."""

    def __init__(self, root):
        self.levels: dict[str, dict[int, tuple[str, str, int]]] = {}  # abstractNumId → ilvl → (fmt, text, start)
        self.abstract_of: dict[str, str] = {}
        self.starts: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        if root is None:  # no numbering part
            return
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            levels = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                fmt = _val(_first(lvl, f"{_W}numFmt")) or "decimal"
                text = _val(_first(lvl, f"{_W}lvlText")) or ""
                start = int(_val(_first(lvl, f"{_W}start")) or 1)
                levels[int(lvl.get(f"{_W}ilvl", "0"))] = (fmt, text, start)
            self.levels[abstract.get(f"{_W}abstractNumId")] = levels
        for num in root.iterchildren(f"{_W}num"):
            num_id = num.get(f"{_W}numId")
            self.abstract_of[num_id] = _val(_first(num, f"{_W}abstractNumId")) or ""
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = _first(override, f"{_W}startOverride")
                if start is not None:
                    self.starts[(num_id, int(override.get(f"{_W}ilvl", "0")))] = int(_val(start) or 1)

    def label(self, num_pr: tuple[Optional[str], int]) -> str:
        """The number shown before a paragraph in list `num_pr` (numId, level); counting it."""
        num_id, ilvl = num_pr
        if num_id is None or num_id == "0":
            return ""
        abstract = self.abstract_of.get(num_id)
        levels = self.levels.get(abstract or "", {})
        if ilvl not in levels:
            return ""
        counters = self.counters.setdefault(abstract or num_id, {})
        fmt, text, start = levels[ilvl]
        start = self.starts.get((num_id, ilvl), start)
        counters[ilvl] = counters[ilvl] + 1 if ilvl in counters else start
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]

        def fill(match: re.Match[str]) -> str:
            level = int(match.group(1)) - 1
            level_fmt = levels.get(level, (fmt, "", 1))[0]
            value = counters.get(level, levels.get(level, (fmt, "", 1))[2])
            return format_number(value, level_fmt)

        return re.sub(r"%(\d)", fill, text)


def _num_pr(pPr) -> Optional[tuple[Optional[str], int]]:
    """(numId, level) of the list a paragraph's or style's properties put it in, or None."""
    return None if pPr is None else _list(_first(pPr, f"{_W}numPr"))


def _list(num_pr) -> Optional[tuple[Optional[str], int]]:
    """(numId, level) of the list a <w:numPr> names, or None."""
    if num_pr is None:
        return None
    return _val(_first(num_pr, f"{_W}numId")), int(_val(_first(num_pr, f"{_W}ilvl")) or 0)


def _val(node) -> Optional[str]:
    return None if node is None else node.get(f"{_W}val")
