"""Copied passages across a batch: where two different units' reports share text.

A 依法治办 checking a province's reports asks which township took another's report and changed only
the name and the figures. Each report is reduced, in the worker that read it, to compact prints of its
passages (`passage_prints`); the main process then finds near-duplicate passages across all of them
(`find_copies`):

1. A passage is a body sentence (no heading, title, addressee or closing). It is compared with its
   figures, years, Chinese numerals with their units, unit and place names, punctuation and spaces
   erased, so that 青山镇…开展培训12次 and 红旗乡…开展培训8次 read the same.
2. Each passage keeps a MinHash signature of its character shingles: `num_perm` minima of 16 bits
   (128 bytes), whose share of equal positions estimates the Jaccard similarity of the shingle sets.
3. Signatures are cut into bands (locality-sensitive hashing): passages that agree on a whole band are
   candidates, and a candidate pair is kept when its estimated Jaccard is at least `similarity`.
4. A pair is copying only across different units: a unit's own draft and final share text by right.
5. Stock phrases are not copying: a passage whose near-duplicates are in more than `stock_share` of the
   reports (and in at least `stock_min`) is a shared formula (学习贯彻习近平法治思想…) and is dropped.

The vocabulary (what a name or a Chinese figure looks like) comes from the rulebook's `document:`
section the report was read by; this module holds only thresholds and structure.
"""

from __future__ import annotations

import math
import re
import zlib
from functools import lru_cache
from dataclasses import dataclass
from pathlib import PurePath
from typing import Iterable, Optional

import numpy as np
from pydantic import BaseModel, ConfigDict, Field

from checker.model import CopiedPassage, CopyLink
from checker.document import Document
from checker.document.conventions import DocumentSpec, Regex, compiled
from checker.document.outline import Sentence
from checker.document.script import folder_for
from checker.document.textnorm import CJK, shorten
from checker.rules.kinds.evidence import place, place_name

# ----------------------------------------------------------------------------- defaults, with why

# Shorter passages (after erasing) are a clause or a formula: too generic to call a copy.
MIN_CHARS = 20
# Characters per shingle: 4 CJK characters are about two words, so a changed word moves 4 shingles
# of a passage, enough to tell a rewritten clause from a copy; 3 would match common word pairs.
SHINGLE = 4
# Hash functions per signature: 64 × 2 bytes per passage; the estimate's error is about ±0.05 at 0.8.
NUM_PERM = 64
# A signature keeps the low 16 bits of each minimum (b-bit MinHash): two different minima agree by
# chance once in 65,536, which moves an estimate by less than 0.0001 and halves what a passage costs.
SIGNATURE_TYPE = np.uint16
# The estimated Jaccard of two passages' shingles at or above which one is a copy of the other.
SIMILARITY = 0.8
# A passage found in more than this share of the batch's reports is a shared formula, not a copy…
STOCK_SHARE = 0.05
# …provided it is in at least this many reports (in a small batch, 5% is one or two reports).
STOCK_MIN = 5
# Copied passages listed per pair of reports; the count and share still cover all of them.
SHOWN = 5
# Two reports of different units that share this share of either one's passages are one text
# copied whole: their shared passages count even where many reports have them (a template many
# units copied is copying, however common). Formulas are a few sentences of a report, not half.
WHOLESALE_SHARE = 0.5
WHOLESALE_MIN = 8  # …and at least this many passages: a short opening with three formulas is no copied report
# An excerpt, as written, is cut to this many characters.
EXCERPT_CHARS = 80
# A name is a suffix (市, 镇, 局…) after this many to this many characters: 2 for 青山镇, 4 for 克拉玛依市.
NAME_CHARS = (2, 4)

# Banding: rows per band are chosen so that a pair exactly at `similarity` shares a band this often;
# more rows per band mean fewer candidates to verify but lost copies.
LSH_RECALL = 0.99
# A bucket of more passages than this is clustered around anchors rather than paired all with all
# (a formula in every report would otherwise make millions of pairs).
LARGE_BUCKET = 64
# Anchors tried in one large bucket; what is left after them pairs through its other bands.
MAX_ANCHORS = 32
# Slots per passage of the table that finds the band keys met more than once (2^k slots, k bits of key).
TABLE_PER_PASSAGE = 4
# Candidate pairs verified at a time (each costs num_perm bytes of comparison).
VERIFY_CHUNK = 200_000
# zlib's level for the packed places and excerpts: every report is packed, few are unpacked, and
# level 1 packs three times faster than the default for a tenth more bytes.
PACK_LEVEL = 1
# Seeds of the hash functions: fixed, so that signatures made in different worker processes agree.
HASH_SEED = 20240601
# Summary shown per link, in the reviewer's words.
SUMMARY = "与{other}报告雷同段落{count}处，约占全文{share}"

_NOT_WORD = r"[\W\d_]+"  # punctuation, spaces and figures (Arabic and full-width digits)
_SEPARATOR = "\x1f"  # between the packed places and excerpts (a control character no text keeps)
_MASK64 = (1 << 64) - 1


class CopySettings(BaseModel):
    """How copies are found (the defaults are the named constants above, each with its reason)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    min_chars: int = Field(MIN_CHARS, ge=1)
    shingle: int = Field(SHINGLE, ge=1, le=12)
    num_perm: int = Field(NUM_PERM, ge=8, le=512)
    similarity: float = Field(SIMILARITY, gt=0, le=1)
    stock_share: float = Field(STOCK_SHARE, ge=0, le=1)
    stock_min: int = Field(STOCK_MIN, ge=2)
    shown: int = Field(SHOWN, ge=0)
    # Patterns erased before comparing (names, Chinese figures, Chinese years). None: built from the
    # rulebook the report was read by (its issuer_end pattern, chinese_figure and chinese_year).
    erase: Optional[tuple[Regex, ...]] = None

    def prints_key(self) -> str:
        """What prints made with these settings have in common: prints made otherwise do not compare."""
        erase = "" if self.erase is None else "\n".join(self.erase)
        return f"{self.shingle}/{self.num_perm}/{self.min_chars}/{zlib.crc32(erase.encode('utf-8')):08x}"

    def stock_limit(self, reports: int) -> int:
        """In how many reports a passage is a shared formula: more than the share, at least the minimum."""
        return max(self.stock_min, math.floor(self.stock_share * reports) + 1)


# ----------------------------------------------------------------------------- prints of one document


@dataclass(frozen=True)
class DocumentPrints:
    """A document's passages worth comparing, small enough to send from a worker to the main process.

    Passage k has signature `signatures[k]`, is in the paragraph that starts on line `lines[k]` of the file and
    has `chars[k]` characters as written;
    its place and excerpt are packed (compressed) in `texts`, read back by `places_and_excerpts` only
    for the few reports that share passages.
    """

    path: str
    issuer: Optional[str]
    unit: str  # the issuer without brackets and government suffix ("" unknown): same unit, no copying
    body_chars: int
    signatures: np.ndarray  # (passages, num_perm) SIGNATURE_TYPE
    lines: np.ndarray  # (passages,) int32
    chars: np.ndarray  # (passages,) int32
    texts: bytes = b""  # zlib of the places, then the excerpts, separated by _SEPARATOR
    made_with: str = ""  # CopySettings.prints_key() of the settings that made them

    def __len__(self) -> int:
        return len(self.lines)

    def places_and_excerpts(self) -> tuple[list[str], list[str]]:
        """Per passage: where it is (第45行 · 二、…) and how it reads (at most EXCERPT_CHARS characters)."""
        if not len(self):
            return [], []
        parts = zlib.decompress(self.texts).decode("utf-8").split(_SEPARATOR)
        return parts[:len(self)], parts[len(self):]

    @classmethod
    def empty(cls, path: str, settings: CopySettings, issuer: Optional[str] = None,
              body_chars: int = 0) -> DocumentPrints:
        return cls(path, issuer, "", body_chars, np.zeros((0, settings.num_perm), SIGNATURE_TYPE),
                   np.zeros(0, np.int32), np.zeros(0, np.int32), made_with=settings.prints_key())


def passage_prints(document: Document, settings: CopySettings = CopySettings()) -> DocumentPrints:
    """The body sentences of `document` that are long enough, once normalised, to compare."""
    chosen = _comparable(document, settings)
    if not chosen:
        return DocumentPrints.empty(document.path, settings, document.issuer, document.outline.body_chars)
    sentences = [sentence for sentence, _ in chosen]
    return DocumentPrints(
        path=document.path,
        issuer=document.issuer,
        unit=unit_of(document.issuer, document.spec),
        body_chars=document.outline.body_chars,
        signatures=signatures([piece for _, piece in chosen], settings),
        lines=np.array([document.outline.file_line(s.line) for s in sentences], np.int32),  # its paragraph's first
        chars=np.array([s.end - s.start for s in sentences], np.int32),
        texts=_packed(*_where(document, sentences)),
        made_with=settings.prints_key(),
    )


def comparable(document: Document, settings: CopySettings = CopySettings()) -> list[tuple[Sentence, str]]:
    """The passages `passage_prints` keeps, each with its text as compared (names, figures and
    punctuation erased)."""
    return [(sentence, piece.tobytes().decode("utf-32-le")) for sentence, piece in _comparable(document, settings)]


def _comparable(document: Document, settings: CopySettings) -> list[tuple[Sentence, np.ndarray]]:
    """Body sentences (no headings) with their code points once erased, those long enough to compare."""
    body = [s for s in document.sentences if not s.heading and s.end > s.start]
    if not body:
        return []
    codes = np.frombuffer(document.outline.text.encode("utf-32-le"), dtype=np.uint32)
    kept = _kept(document, settings)
    shortest = max(settings.min_chars, settings.shingle)
    chosen = []
    for sentence in body:
        piece = codes[sentence.start:sentence.end][kept[sentence.start:sentence.end]]
        if len(piece) >= shortest:
            chosen.append((sentence, piece))
    return chosen


def unit_of(issuer: Optional[str], spec: DocumentSpec) -> str:
    """The unit an issuer names: 青山镇人民政府 and 青山镇 are one unit."""
    if not issuer:
        return ""
    core = spec.facts.regex("parenthesis").sub("", issuer)
    core = spec.facts.regex("government_suffix").sub("", core) or core
    return re.sub(r"\s+", "", core)


def erase_patterns(spec: DocumentSpec, settings: CopySettings) -> tuple[str, ...]:
    """What is erased besides punctuation and figures: the settings' patterns, or the rulebook's."""
    if settings.erase is not None:
        return settings.erase
    low, high = NAME_CHARS
    names = f"[{CJK}]{{{low},{high}}}?(?:{spec.patterns['issuer_end']})" if "issuer_end" in spec.patterns else None
    chinese_figure = spec.clauses.specifics.get("chinese_figure")
    return tuple(p for p in (names, chinese_figure, spec.facts.chinese_year) if p)


def _kept(document: Document, settings: CopySettings) -> np.ndarray:
    """Per character of the text: True unless it is erased before comparing."""
    text = document.outline.text
    spans = [m.span() for m in compiled(_NOT_WORD).finditer(text)]
    for pattern in erase_patterns(document.spec, settings):
        spans.extend(m.span() for m in compiled(pattern).finditer(text))
    spans.extend(_issuer_spans(document))
    spans.extend(_name_spans(document))
    depth = np.zeros(len(text) + 1, np.int32)
    if spans:
        starts, ends = np.array(spans, np.int64).T
        np.add.at(depth, starts, 1)
        np.add.at(depth, ends, -1)
    return np.cumsum(depth[:-1]) == 0


def _issuer_spans(document: Document) -> list[tuple[int, int]]:
    """Where the report names itself: its issuer, the unit, and the unit's name without its suffix."""
    if not document.issuer:
        return []
    spec = document.spec
    unit = unit_of(document.issuer, spec)
    stem = re.sub(f"(?:{spec.facts.organisation_suffix})$", "", unit)
    names = {n for n in (document.issuer, unit, stem) if len(n) >= NAME_CHARS[0]}
    pattern = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
    return [m.span() for m in re.finditer(pattern, document.outline.text)] if pattern else []


def _name_spans(document: Document) -> list[tuple[int, int]]:
    """The names the clause reader found a term inside (市场监管局, 法治建设领导小组), to their end."""
    if document.clauses is None:
        return []
    name_end = document.spec.clauses.regex("name_end")
    text = document.outline.text
    return [(start, found.end()) for start, end in document.clauses.masked
            if (found := name_end.match(text, end)) is not None and found.end() > end]


def _where(document: Document, chosen: list[Sentence]) -> tuple[list[str], list[str]]:
    """Each passage's place and its excerpt, as written."""
    folder = folder_for(document.spec)
    by_line: dict[int, str] = {}
    places, excerpts = [], []
    for sentence in chosen:
        if sentence.line not in by_line:
            name = sentence.section.path() if sentence.section else place_name(sentence)
            by_line[sentence.line] = place(document, sentence.line, sentence.section, name)
        places.append(by_line[sentence.line])
        excerpts.append(shorten(folder.unify(document.outline.excerpt(sentence.start, sentence.end)), EXCERPT_CHARS))
    return places, excerpts


def _packed(places: list[str], excerpts: list[str]) -> bytes:
    return zlib.compress(_SEPARATOR.join(t.replace(_SEPARATOR, " ") for t in places + excerpts).encode("utf-8"),
                         PACK_LEVEL)


# ----------------------------------------------------------------------------- MinHash


def signatures(pieces: list[np.ndarray], settings: CopySettings) -> np.ndarray:
    """MinHash signatures, one row per piece (code points, at least `shingle` of them), of its
    `shingle`-character shingles.

    Every process computes the same signature for the same piece (fixed hash functions, no `hash()`).
    """
    shingles, counts = _shingle_hashes(pieces, settings.shingle)
    starts = np.concatenate([[0], np.cumsum(counts)[:-1]])
    a, b = _permutations(settings.num_perm)
    # Multiply-add-shift hashing: the high 32 bits of a·x + b (mod 2^64) for odd a.
    permuted = ((shingles[:, None] * a + b) >> np.uint64(32)).astype(np.uint32)
    return np.minimum.reduceat(permuted, starts, axis=0).astype(SIGNATURE_TYPE)


def _shingle_hashes(pieces: list[np.ndarray], k: int) -> tuple[np.ndarray, np.ndarray]:
    """A 64-bit hash of every run of `k` code points inside a piece (a polynomial in the code points,
    then mixed), all pieces at once; and how many each piece has."""
    lengths = np.array([len(piece) for piece in pieces], np.int64)
    flat = np.concatenate(pieces).astype(np.uint64)
    count = len(flat) - k + 1
    value = np.zeros(count, np.uint64)
    for offset in range(k):
        value = value * np.uint64(0x100000001B3) + flat[offset:offset + count]
    # A run that starts in one piece and ends in the next is no shingle.
    owner = np.repeat(np.arange(len(pieces)), lengths)[:count]
    first = np.cumsum(lengths) - lengths
    inside = np.arange(count) - first[owner] <= lengths[owner] - k
    return _mix(value[inside]), lengths - k + 1


def _mix(value: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: every input bit reaches every output bit."""
    value = (value ^ (value >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    value = (value ^ (value >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return value ^ (value >> np.uint64(31))


@lru_cache(maxsize=4)
def _permutations(count: int) -> tuple[np.ndarray, np.ndarray]:
    """The same `count` hash functions in every process (made once: a tenth of a report's signing)."""
    rng = np.random.Generator(np.random.PCG64(HASH_SEED))
    a = rng.integers(0, _MASK64, size=count, dtype=np.uint64, endpoint=True) | np.uint64(1)
    b = rng.integers(0, _MASK64, size=count, dtype=np.uint64, endpoint=True)
    return a[None, :], b[None, :]


def estimated_similarity(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    """The estimated Jaccard similarity of signatures, row by row: the share of equal minima."""
    return (first == second).mean(axis=-1)


# ----------------------------------------------------------------------------- the report


class CopyReport(BaseModel):
    """Every link between reports of different units that share passages, and what was compared."""

    documents: int = 0  # reports compared
    passages: int = 0  # passages compared
    stock: int = 0  # passages dropped as shared formulas
    stock_limit: int = 0  # in this many reports or more a passage is a shared formula
    settings: CopySettings = Field(default_factory=CopySettings)
    links: list[CopyLink] = Field(default_factory=list)  # by path, then largest share first

    def of(self, path: str) -> list[CopyLink]:
        """The links of one report, largest share first."""
        return [link for link in self.links if link.path == path]


# ----------------------------------------------------------------------------- finding copies


@dataclass
class _Batch:
    """All passages of the batch, stacked: passage i belongs to document owner[i]."""

    documents: list[DocumentPrints]
    signatures: np.ndarray
    owner: np.ndarray
    unit: np.ndarray  # per document: units compare equal when the issuer names the same unit
    first: np.ndarray  # per document: index of its first passage


def find_copies(prints: Iterable[Optional[DocumentPrints]], settings: CopySettings = CopySettings()) -> CopyReport:
    """The passages that reports of different units share, stock formulas left out.

    `prints` may hold None for a document that could not be read; a path given twice is compared once.
    """
    batch = _stack(prints, settings)
    limit = settings.stock_limit(len(batch.documents))
    report = CopyReport(documents=len(batch.documents), passages=len(batch.owner), stock_limit=limit,
                        settings=settings)
    if len(batch.documents) < 2 or len(batch.owner) < 2:
        return report
    pairs, marked = _candidates(batch, settings, limit)
    pairs, similarity = _verified(batch, pairs, settings.similarity)
    stock = _stock(batch, pairs, marked, limit)
    report.stock = int(stock.sum())
    keep = _copying(batch, pairs, stock)
    report.links = _links(batch, pairs[keep], similarity[keep], settings)
    return report


def _stack(prints: Iterable[Optional[DocumentPrints]], settings: CopySettings) -> _Batch:
    seen: dict[str, DocumentPrints] = {}
    for item in prints:
        if item is None or item.path in seen:
            continue
        if item.made_with != settings.prints_key():
            raise ValueError(f"{item.path}: prints made with settings {item.made_with or '(unknown)'}, "
                             f"compared with {settings.prints_key()} (shingle/num_perm/min_chars/erase)")
        seen[item.path] = item
    documents = [seen[path] for path in sorted(seen)]
    counts = np.array([len(d) for d in documents], np.int64)
    units: dict[str, int] = {}
    # An unknown issuer is a unit of its own: no two unnamed reports are taken for one unit's versions.
    unit = np.array([units.setdefault(d.unit, len(units)) if d.unit else -1 - n for n, d in enumerate(documents)])
    signatures = (np.concatenate([d.signatures for d in documents]) if documents
                  else np.zeros((0, settings.num_perm), SIGNATURE_TYPE))
    return _Batch(documents, signatures, np.repeat(np.arange(len(documents)), counts), unit,
                  np.concatenate([[0], np.cumsum(counts)[:-1]]).astype(np.int64))


def bands(num_perm: int, similarity: float) -> tuple[int, int]:
    """(bands, rows): the most rows per band that still find a pair at `similarity` LSH_RECALL of the time."""
    best = (num_perm, 1)
    for rows in range(1, num_perm + 1):
        count = num_perm // rows
        if 1 - (1 - similarity ** rows) ** count >= LSH_RECALL:
            best = (count, rows)
    return best


def _candidates(batch: _Batch, settings: CopySettings, limit: int) -> tuple[np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) that agree on a band, and passages already known to be shared formulas.

    Most pairs agree on many bands: each band's pairs are merged into those found so far as they come
    (one 64-bit key a pair), rather than all bands' kept to the end (hundreds of MB in a large batch).
    """
    count, rows = bands(settings.num_perm, settings.similarity)
    marked = np.zeros(len(batch.owner), bool)
    keys = np.zeros(0, np.int64)
    for band in range(count):
        twos, larger = _buckets(_band_keys(np.ascontiguousarray(batch.signatures[:, band * rows:(band + 1) * rows])))
        found = [twos]
        for members in larger:
            if len(members) <= LARGE_BUCKET:
                found.append(_all_pairs(members))
            else:
                found.extend(_anchored(batch, members, settings.similarity, limit, marked))
        keys = _merged(keys, _pair_keys(batch, np.concatenate(found)))
    passages = len(batch.owner)
    return np.stack([keys // passages, keys % passages], axis=1), marked


def _pair_keys(batch: _Batch, found: np.ndarray) -> np.ndarray:
    """Sorted keys i·passages + j (i < j) of the pairs `found`, but for a report repeating itself."""
    first, second = np.minimum(found[:, 0], found[:, 1]), np.maximum(found[:, 0], found[:, 1])
    apart = batch.owner[first] != batch.owner[second]
    return np.sort(first[apart].astype(np.int64) * len(batch.owner) + second[apart])  # unique within a band


def _merged(keys: np.ndarray, more: np.ndarray) -> np.ndarray:
    """Two sorted arrays of keys as one, each key once (a stable sort merges two sorted runs in one pass)."""
    both = np.concatenate([keys, more])
    both.sort(kind="stable")
    return both[np.append(True, both[1:] != both[:-1])] if len(both) else both


def _band_keys(band: np.ndarray) -> np.ndarray:
    """One 64-bit key per row of a band: equal bands, equal keys (and unequal ones almost never)."""
    key = np.zeros(len(band), np.uint64)
    for column in band.T:
        key = _mix(key * np.uint64(0x9E3779B97F4A7C15) + column.astype(np.uint64))
    return key


def _buckets(keys: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """Positions with equal keys: the pairs (most buckets, as one array), and the larger groups."""
    # Most keys are met once: a count by the keys' top bits (a table a few times larger than the
    # batch) leaves only the keys that may repeat to be sorted.
    bits = max(1, int(len(keys) * TABLE_PER_PASSAGE).bit_length())
    slot = (keys >> np.uint64(64 - bits)).astype(np.int64)
    repeated = np.bincount(slot, minlength=1 << bits) >= 2  # a bool per slot: small enough to stay in cache
    maybe = np.flatnonzero(repeated[slot])
    order = maybe[np.argsort(keys[maybe])]
    ordered = keys[order]
    cuts = np.flatnonzero(ordered[1:] != ordered[:-1]) + 1
    starts, ends = np.concatenate([[0], cuts]), np.concatenate([cuts, [len(order)]])
    sizes = ends - starts
    twos = np.stack([order[starts[sizes == 2]], order[starts[sizes == 2] + 1]], axis=1)
    return twos, [np.sort(order[a:b]) for a, b in zip(starts[sizes > 2], ends[sizes > 2])]


def unique_rows(rows: np.ndarray) -> np.ndarray:
    """`np.unique(rows, axis=0)` for two columns of integers at least 0, in the same order; numpy
    sorts rows as records, a hundred times slower than one 64-bit key per row (seconds a batch)."""
    if not len(rows):
        return np.unique(rows, axis=0)
    width = int(rows[:, 1].max()) + 1
    if int(rows[:, 0].max()) >= np.iinfo(np.int64).max // width:  # no room for one key: the slow way
        return np.unique(rows, axis=0)
    keys = np.sort(rows[:, 0].astype(np.int64) * width + rows[:, 1])  # (np.unique's hash table is slower)
    keys = keys[np.append(True, keys[1:] != keys[:-1])]
    return np.stack([keys // width, keys % width], axis=1).astype(rows.dtype)


def _all_pairs(members: np.ndarray) -> np.ndarray:
    i, j = _pair_indices(len(members))
    return np.stack([members[i], members[j]], axis=1)


@lru_cache(maxsize=LARGE_BUCKET + 1)
def _pair_indices(size: int) -> tuple[np.ndarray, np.ndarray]:
    """`np.triu_indices(size, k=1)`, made once per bucket size (a batch has thousands of buckets)."""
    return np.triu_indices(size, k=1)


def _anchored(batch: _Batch, members: np.ndarray, similarity: float, limit: int,
              marked: np.ndarray) -> list[np.ndarray]:
    """Pairs of a large bucket, group by group around an anchor; a group in `limit` reports is a formula."""
    found = []
    left = members
    for _ in range(MAX_ANCHORS):
        if len(left) < 2:
            break
        close = estimated_similarity(batch.signatures[left], batch.signatures[left[0]]) >= similarity
        group = left[close]
        if len(np.unique(batch.owner[group])) >= limit:
            marked[group] = True
        elif len(group) >= 2:
            found.append(_all_pairs(group))
        left = left[~close]
    return found


def _verified(batch: _Batch, pairs: np.ndarray, threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """The pairs whose estimated similarity reaches `threshold`, with it."""
    kept, scores = [], []
    for at in range(0, len(pairs), VERIFY_CHUNK):
        chunk = pairs[at:at + VERIFY_CHUNK]
        score = estimated_similarity(batch.signatures[chunk[:, 0]], batch.signatures[chunk[:, 1]])
        kept.append(chunk[score >= threshold])
        scores.append(score[score >= threshold])
    if not kept:
        return pairs, np.zeros(0)
    return np.concatenate(kept), np.concatenate(scores)


def _stock(batch: _Batch, pairs: np.ndarray, marked: np.ndarray, limit: int) -> np.ndarray:
    """Per passage: is it a shared formula (near-duplicates in `limit` reports, its own included)?"""
    passage = np.concatenate([pairs[:, 0], pairs[:, 1]])
    other = batch.owner[np.concatenate([pairs[:, 1], pairs[:, 0]])]
    if len(passage):
        passage, other = unique_rows(np.stack([passage, other], axis=1)).T
    reports = 1 + np.bincount(passage, minlength=len(batch.owner))
    return marked | (reports >= limit)


def _copying(batch: _Batch, pairs: np.ndarray, stock: np.ndarray) -> np.ndarray:
    """Pairs across different units, neither of them a shared formula, unless the two reports are
    largely one text: a report many units copied whole is not made a formula by being copied often."""
    first, second = batch.owner[pairs[:, 0]], batch.owner[pairs[:, 1]]
    formula = stock[pairs[:, 0]] | stock[pairs[:, 1]]
    return (batch.unit[first] != batch.unit[second]) & (~formula | _wholesale(batch, pairs))


def _wholesale(batch: _Batch, pairs: np.ndarray) -> np.ndarray:
    """Per pair of passages: do their two reports share at least WHOLESALE_SHARE of either one's passages?"""
    count = len(batch.documents)
    first, second = batch.owner[pairs[:, 0]], batch.owner[pairs[:, 1]]
    sizes = np.bincount(batch.owner, minlength=count)
    whole = np.zeros(len(pairs), dtype=bool)
    for side, (mine, theirs) in ((0, (first, second)), (1, (second, first))):
        key = mine.astype(np.int64) * count + theirs
        matched = unique_rows(np.stack([key, pairs[:, side]], axis=1))[:, 0]  # each passage once
        keys, per_pair = np.unique(matched, return_counts=True)
        copied = (per_pair >= WHOLESALE_MIN) & (per_pair >= WHOLESALE_SHARE * sizes[keys // count])
        whole |= copied[np.searchsorted(keys, key)]
    return whole


def _links(batch: _Batch, pairs: np.ndarray, similarity: np.ndarray, settings: CopySettings) -> list[CopyLink]:
    """Both sides of every pair of reports that share passages, each passage matched once."""
    passages = _Passages.of(batch, _best_matches(batch, pairs, similarity))
    texts = _Texts(batch.documents)
    groups = _starts(passages.owner, passages.other)
    ends = np.append(groups[1:], len(passages.owner))
    sentences = np.add.reduceat(passages.sentences, groups).tolist() if len(groups) else []
    chars = np.add.reduceat(passages.chars, groups).tolist() if len(groups) else []
    runs = passages.listed()
    links = [_link(batch, runs, (start, end), (count, size), texts, settings)
             for start, end, count, size in zip(groups.tolist(), ends.tolist(), sentences, chars)]
    return sorted(links, key=lambda link: (link.path, -link.share, link.other_path))


def _best_matches(batch: _Batch, pairs: np.ndarray, similarity: np.ndarray) -> tuple[np.ndarray, ...]:
    """(mine, theirs, score) sorted by report, other report and passage: each passage of a report
    once, with its best match in the other report (ties to the earlier passage)."""
    both = np.concatenate([pairs, pairs[:, ::-1]])
    score = np.concatenate([similarity, similarity])
    owner, other = batch.owner[both[:, 0]], batch.owner[both[:, 1]]
    order = np.lexsort((both[:, 1], -score, both[:, 0], other, owner))
    mine, theirs, score, owner, other = both[order, 0], both[order, 1], score[order], owner[order], other[order]
    best = _starts(owner, other, mine)
    return mine[best], theirs[best], score[best]


@dataclass
class _Passages:
    """Matches merged paragraph by paragraph (a run of matches from one paragraph of a report into one
    paragraph of the other report is one copied passage), in the order of the matches."""

    owner: np.ndarray  # report of the passage, and below the other report
    other: np.ndarray
    mine: np.ndarray  # the first match's passage, in its report, and the one it matches in the other
    theirs: np.ndarray
    line: np.ndarray
    other_line: np.ndarray
    sentences: np.ndarray
    chars: np.ndarray  # as written
    similarity: np.ndarray  # the lowest of its matches'

    @classmethod
    def of(cls, batch: _Batch, matches: tuple[np.ndarray, ...]) -> _Passages:
        mine, theirs, score = matches
        owner, other = batch.owner[mine], batch.owner[theirs]
        lines = np.concatenate([d.lines for d in batch.documents])
        chars = np.concatenate([d.chars for d in batch.documents])[mine]
        runs = _starts(owner, other, lines[mine], lines[theirs])
        if not len(runs):
            return cls(*[np.zeros(0, np.int64)] * 9)
        mine, theirs, owner, other = mine[runs], theirs[runs], owner[runs], other[runs]
        return cls(owner, other, mine - batch.first[owner], theirs - batch.first[other], lines[mine], lines[theirs],
                   np.diff(np.append(runs, len(score))), np.add.reduceat(chars, runs),
                   np.minimum.reduceat(score, runs))

    def listed(self) -> _Passages:
        """The same as Python lists: read a value at a time, they are quicker than arrays."""
        return _Passages(*(getattr(self, name).tolist() for name in self.__dataclass_fields__))


def _starts(*keys: np.ndarray) -> np.ndarray:
    """Positions where a run of equal keys (any of them changing) starts, in arrays sorted by them."""
    changed = np.zeros(len(keys[0]), bool)
    changed[:1] = True
    for key in keys:
        changed[1:] |= key[1:] != key[:-1]
    return np.flatnonzero(changed)


class _Texts:
    """Each document's places and excerpts, unpacked once, when a link first shows them."""

    def __init__(self, documents: list[DocumentPrints]):
        self.documents = documents
        self.unpacked: dict[int, tuple[list[str], list[str]]] = {}

    def of(self, document: int) -> tuple[list[str], list[str]]:
        if document not in self.unpacked:
            self.unpacked[document] = self.documents[document].places_and_excerpts()
        return self.unpacked[document]


def _link(batch: _Batch, runs: _Passages, span: tuple[int, int], totals: tuple[int, int], texts: _Texts,
          settings: CopySettings) -> CopyLink:
    """One report's side of a pair: its copied passages `span` of `runs`, with their sentences and characters."""
    start, end = span
    sentences, chars = totals
    mine, theirs = batch.documents[runs.owner[start]], batch.documents[runs.other[start]]
    count = end - start
    shown = [_passage(runs, index, texts) for index in range(start, min(end, start + settings.shown))]
    share = min(1.0, chars / mine.body_chars) if mine.body_chars else 0.0
    other_name = theirs.issuer or PurePath(theirs.path).name
    return CopyLink(path=mine.path, issuer=mine.issuer, other_path=theirs.path, other_issuer=theirs.issuer,
                    count=count, sentences=sentences, chars=chars, share=round(share, 4),
                    summary=SUMMARY.format(other=other_name, count=count, share=_percent(share)),
                    passages=shown, more=max(0, count - settings.shown))


def _passage(runs: _Passages, index: int, texts: _Texts) -> CopiedPassage:
    (my_places, my_excerpts), (their_places, their_excerpts) = texts.of(runs.owner[index]), texts.of(runs.other[index])
    a, b = runs.mine[index], runs.theirs[index]
    return CopiedPassage(line=runs.line[index], place=my_places[a], excerpt=my_excerpts[a],
                         other_line=runs.other_line[index], other_place=their_places[b],
                         other_excerpt=their_excerpts[b], similarity=round(runs.similarity[index], 2),
                         sentences=runs.sentences[index], chars=runs.chars[index])


def _percent(share: float) -> str:
    """5% as 5%; under 1% as <1% (never 0% for text that is there)."""
    percent = round(share * 100)
    return f"{percent}%" if percent >= 1 else "<1%"
