"""JSON reader: schema.org JobPosting objects field by field, any other JSON string by JSON pointer.

The standard json module validates the file (and words the error), but it forgets where each
string was; a small scanner here walks the same text again and keeps, for every string, its
position and a SourceMap through its escapes, so findings get exact lines and columns. The
same scanner reads JSON-LD blocks inside HTML pages (html.py).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Iterator, Union

from cxlint.errors import InputFailure
from cxlint.extract.pieces import TextBuilder, compose
from cxlint.model import Document, Scope, Segment, SourceMap

MAX_DEPTH = 400


@dataclass(frozen=True)
class JString:
    text: str  # decoded value
    start: int  # source offset of the opening quote
    source_map: SourceMap  # decoded offsets → source offsets


@dataclass(frozen=True)
class JObject:
    items: tuple[tuple[str, "Node"], ...]

    def get(self, key: str) -> "Node | None":
        for k, v in self.items:
            if k == key:
                return v
        return None


Node = Union[JString, JObject, tuple, int, float, bool, None]

_WS = re.compile(r"[ \t\n\r]*")
_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_SCALAR = re.compile(r"-?(?:Infinity|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|NaN|true|false|null")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))", re.S)
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t"}


def parse(text: str, base: int = 0) -> Node:
    """Parse JSON ``text`` (found at ``base`` in its source) into nodes that remember positions."""
    try:
        json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputFailure(f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
    except RecursionError:
        raise InputFailure("JSON nested too deeply") from None
    value, _ = _Scanner(text, base).value(_WS.match(text, 0).end(), 0)
    return value


class _Scanner:
    def __init__(self, text: str, base: int) -> None:
        self.text = text
        self.base = base

    def value(self, i: int, depth: int) -> tuple[Node, int]:
        if depth > MAX_DEPTH:
            raise InputFailure(f"JSON nested deeper than {MAX_DEPTH} levels")
        text = self.text
        c = text[i]
        if c == '"':
            return self.string(i)
        if c == "{":
            items = []
            i = _WS.match(text, i + 1).end()
            if text[i] == "}":
                return JObject(()), i + 1
            while True:
                key, i = self.string(i)
                i = _WS.match(text, i).end() + 1  # the colon
                i = _WS.match(text, i).end()
                val, i = self.value(i, depth + 1)
                items.append((key.text, val))
                i = _WS.match(text, i).end()
                if text[i] == "}":
                    return JObject(tuple(items)), i + 1
                i = _WS.match(text, i + 1).end()  # the comma
        if c == "[":
            out = []
            i = _WS.match(text, i + 1).end()
            if text[i] == "]":
                return (), i + 1
            while True:
                val, i = self.value(i, depth + 1)
                out.append(val)
                i = _WS.match(text, i).end()
                if text[i] == "]":
                    return tuple(out), i + 1
                i = _WS.match(text, i + 1).end()
        m = _SCALAR.match(text, i)
        if m is None:  # unreachable after json.loads accepted the text
            raise InputFailure(f"invalid JSON near offset {i}")
        return json.loads(m.group()), m.end()

    def string(self, i: int) -> tuple[JString, int]:
        m = _STRING.match(self.text, i)
        raw = m.group()
        start = self.base + i
        if "\\" not in raw:
            return JString(raw[1:-1], start, SourceMap.shifted(start + 1)), m.end()
        b = TextBuilder()
        body = raw[1:-1]
        pos = 0
        pending_high: tuple[int, str] | None = None  # a high surrogate waiting for its low half
        for e in _ESCAPE.finditer(body):
            if e.start() > pos:
                b.add(body[pos : e.start()], start + 1 + pos)
            if e.group(1) is not None:
                ch = chr(int(e.group(1), 16))
                if 0xD800 <= ord(ch) < 0xDC00 and body.startswith("\\u", e.end()):
                    pending_high = (e.start(), ch)
                    pos = e.end()
                    continue
                if pending_high and 0xDC00 <= ord(ch) < 0xE000:
                    hs, high = pending_high
                    pair = (high + ch).encode("utf-16", "surrogatepass").decode("utf-16")
                    b.replace(pair, start + 1 + hs, e.end() - hs)
                    pending_high = None
                    pos = e.end()
                    continue
                b.replace(ch, start + 1 + e.start(), len(e.group()))
            else:
                b.replace(_SIMPLE_ESCAPES.get(e.group(2), e.group(2)), start + 1 + e.start(), 2)
            pending_high = None
            pos = e.end()
        if pos < len(body):
            b.add(body[pos:], start + 1 + pos)
        return JString(b.text, start, b.source_map()), m.end()


# --- JobPosting ---------------------------------------------------------------------------

# JobPosting properties that hold prose, and the scope each gets; everything else (URLs, dates,
# identifiers, addresses, salaries, the hiring organisation) is not the posting's own words.
JOB_FIELDS: dict[str, Scope] = {
    "title": Scope.JOB_TITLE, "name": Scope.JOB_TITLE,
    "description": Scope.JOB_DESCRIPTION,
    **{k: Scope.JOB_FIELD for k in (
        "responsibilities", "qualifications", "skills", "educationRequirements", "experienceRequirements",
        "jobBenefits", "incentiveCompensation", "specialCommitments", "occupationalCategory", "industry",
        "employerOverview", "disambiguatingDescription", "alternateName", "workHours", "abstract",
    )},
}
# Inside structured values of those fields (DefinedTerm, OccupationalExperienceRequirements, ...).
_NESTED_PROSE = ("name", "description", "text", "credentialCategory")


def is_job_posting(node: Node) -> bool:
    if not isinstance(node, JObject):
        return False
    kind = node.get("@type")
    if isinstance(kind, JString):
        return _local(kind.text) == "JobPosting"
    if isinstance(kind, tuple):
        return any(isinstance(k, JString) and _local(k.text) == "JobPosting" for k in kind)
    return False


def _local(type_name: str) -> str:
    # "JobPosting", "schema:JobPosting" and "https://schema.org/JobPosting" name the same type.
    return re.split(r"[/#:]", type_name)[-1]


def find_job_postings(node: Node, pointer: str = "") -> Iterator[tuple[str, JObject]]:
    """Every JobPosting object with its JSON pointer: a single object, a list, an @graph, or deeper."""
    if is_job_posting(node):
        yield pointer, node
        return
    if isinstance(node, JObject):
        for k, v in node.items:
            yield from find_job_postings(v, f"{pointer}/{_escape(k)}")
    elif isinstance(node, tuple):
        for n, v in enumerate(node):
            yield from find_job_postings(v, f"{pointer}/{n}")


def job_posting_segments(root: Node, anchor: str = "", where: tuple = ()) -> list[Segment]:
    out: list[Segment] = []
    postings = list(find_job_postings(root))
    for number, (pointer, posting) in enumerate(postings, 1):
        label = "JobPosting" if len(postings) == 1 else f"JobPosting {number}"
        label = f"{anchor} › {label}" if anchor else label
        for key, value in posting.items:
            scope = JOB_FIELDS.get(key)
            if scope is None or (key == "name" and posting.get("title") is not None):
                continue
            for ptr, s in _strings(value, f"{pointer}/{_escape(key)}", nested=True):
                out.extend(prose_segments(s, scope, f"{label} › {key}",
                                          where + (("pointer", ptr), ("field", key))))
    return out


def _strings(node: Node, pointer: str, nested: bool = False) -> Iterator[tuple[str, JString]]:
    if isinstance(node, JString):
        yield pointer, node
    elif isinstance(node, tuple):
        for n, v in enumerate(node):
            yield from _strings(v, f"{pointer}/{n}", nested)
    elif isinstance(node, JObject):
        for k, v in node.items:
            if k.startswith("@"):
                continue
            if nested and k not in _NESTED_PROSE:
                continue
            yield from _strings(v, f"{pointer}/{_escape(k)}", nested)


def prose_segments(s: JString, scope: Scope, anchor: str, where: tuple) -> list[Segment]:
    """A string value as segments: HTML inside it read as HTML (markup is never prose)."""
    from cxlint.extract import html

    if not html.looks_like_html(s.text):
        return [Segment(text=s.text, scope=scope, anchor=anchor, where=where, source_map=s.source_map)] if s.text.strip() else []
    return [
        Segment(text=b.text, scope=scope, anchor=anchor, where=where,
                source_map=compose(b.source_map, s.source_map, len(b.text)))
        for b in html.fragment_blocks(s.text)
    ]


def _escape(key: str) -> str:
    return key.replace("~", "~0").replace("/", "~1")


# --- generic JSON --------------------------------------------------------------------------

# Keys whose string value is a job title in job data exported from any system.
TITLE_KEYS = frozenset({
    "title", "jobtitle", "positiontitle", "position", "positionname", "role", "roletitle", "jobrole", "jobname",
    "vacancy", "vacancytitle", "postingtitle", "jobpostingtitle", "requisitiontitle", "openingtitle",
})
DESCRIPTION_KEYS = frozenset({"description", "jobdescription", "summary", "jobsummary"})


def normal_key(key: str) -> str:
    return re.sub(r"[\s_\-.]", "", key).lower()


def read_json(path: str, text: str, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    root = parse(text)
    # A file holding job postings is read as postings only: the rest is metadata around them.
    if any(True for _ in find_job_postings(root)):
        segments = job_posting_segments(root)
    else:
        segments = list(_generic(root, "", None))
    segments.sort(key=lambda s: s.source_map.src[0] if s.source_map else 0)
    return Document(path=path, format="json", segments=tuple(segments), source=text, notices=tuple(notices))


def _generic(node: Node, pointer: str, parent: JObject | None, key: str | None = None) -> Iterator[Segment]:
    if isinstance(node, JString):
        scope = _generic_scope(key, parent)
        # RFC 6901: the empty pointer is the whole document (a file that is one string).
        yield from prose_segments(node, scope, pointer or "(whole document)", (("pointer", pointer),))
    elif isinstance(node, JObject):
        for k, v in node.items:
            yield from _generic(v, f"{pointer}/{_escape(k)}", node, k)
    elif isinstance(node, tuple):
        for n, v in enumerate(node):
            # Items of a list under a key keep that key's meaning ("titles": [...]).
            yield from _generic(v, f"{pointer}/{n}", parent, key)


def _generic_scope(key: str | None, parent: JObject | None) -> Scope:
    if key is None:
        return Scope.VALUE
    k = normal_key(key)
    if k in TITLE_KEYS:
        return Scope.JOB_TITLE
    if k in DESCRIPTION_KEYS and parent is not None and any(normal_key(x) in TITLE_KEYS for x, _ in parent.items):
        return Scope.JOB_DESCRIPTION
    return Scope.VALUE
