"""PDF reader: one segment per page, text in reading order with line-end hyphenation undone (pypdf).

pypdf is used because it is already a dependency of the office extra, pure Python (BSD),
actively maintained by the py-pdf project, decrypts owner-password-only PDFs (RC4 itself, AES
through ``cryptography``), and on a 50-page test document extracts text about ten times faster
than pdfminer.six. Its text follows the content stream, which is reading order for what word
processors, slide tools and report generators write.

A PDF has no lines a user can jump to: segments carry no source map, and their place is the
page. Because nothing maps back to source offsets, the page text may be cleaned freely.
"""

from __future__ import annotations

import io
import logging
import re
from contextlib import contextmanager
from typing import Iterable, Iterator

from cxlint.errors import InputFailure
from cxlint.model import Document, Scope, Segment

# Words that are whole words on both sides of a line-end hyphen in this domain's compounds
# ("customer-\nexperience", "self-\nservice"); the document's own words extend the list.
_COMPOUND_PARTS = frozenset(
    "customer customers service services experience experiences excellence centric centricity centred "
    "centered focused facing first led obsessed self care support success client user".split()
)
_LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                            "\ufb05": "st", "\ufb06": "st"})
_HYPHEN_BREAK = re.compile(r"([^\W\d_]+)[-\u2010\u00ad][ \t]*\n[ \t]*([^\W\d_]+)")
_SOFT_HYPHEN = "\u00ad"
_WORD = re.compile(r"[^\W\d_]+")


def read_pdf(path: str, data: bytes, notices: tuple[str, ...] = (), options: dict | None = None) -> Document:
    if b"%PDF-" not in data[:1024]:
        raise InputFailure("not a PDF file (no %PDF- header)" if data else "empty file, not a PDF")
    # Imported here: a run over Markdown files must not pay for pypdf.
    import pypdf
    from pypdf.errors import DependencyError, FileNotDecryptedError, PdfReadError, PdfStreamError

    extra: list[str] = list(notices)
    with _quiet("pypdf"):
        try:
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                _decrypt(reader)
            pages = list(reader.pages)
        except InputFailure:
            raise
        except DependencyError:
            raise InputFailure("encrypted PDF (AES); reading it needs the 'cryptography' package") from None
        except FileNotDecryptedError:
            raise InputFailure("encrypted PDF (password required); cannot be read") from None
        except (PdfReadError, PdfStreamError, EOFError) as exc:
            raise InputFailure(f"corrupt or truncated PDF ({_short(exc)})") from None
        except Exception as exc:  # noqa: BLE001 - pypdf raises many types on damaged files
            raise InputFailure(f"corrupt PDF ({type(exc).__name__}: {_short(exc)})") from None
        texts: list[tuple[int, str]] = []
        for number, page in enumerate(pages, 1):
            try:
                raw = page.extract_text() or ""
            except Exception as exc:  # noqa: BLE001 - one damaged page must not hide the others
                extra.append(f"{path}: page {number}: text could not be extracted ({type(exc).__name__}: {_short(exc)})")
                continue
            texts.append((number, raw))
    cleaned = clean_pages(texts)
    if pages and not any(t.strip() for _, t in cleaned):
        extra.append(f"{path}: no text layer (a scanned PDF?); nothing to check")
    segments = tuple(
        Segment(text=text, scope=Scope.PARAGRAPH, anchor=f"page {n}", where=(("page", n),))
        for n, text in cleaned if text.strip()
    )
    return Document(path=path, format="pdf", segments=segments, source=None, notices=tuple(extra))


def _decrypt(reader) -> None:
    # Many PDFs are "encrypted" only to restrict printing or copying: the empty user password opens them.
    from pypdf import PasswordType

    if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
        raise InputFailure("encrypted PDF (password required); cannot be read")


def clean_pages(pages: Iterable[tuple[int, str]]) -> list[tuple[int, str]]:
    """Normalise extracted page text and rejoin words hyphenated at a line end."""
    normal = [(n, _normalise(t)) for n, t in pages]
    vocab = _vocabulary(t for _, t in normal)
    return [(n, dehyphenate(t, vocab)) for n, t in normal]


def _normalise(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_LIGATURES)
    return "\n".join(line.rstrip() for line in text.split("\n"))


def _vocabulary(texts: Iterable[str]) -> frozenset[str]:
    """Words that occur whole somewhere in the document (not as a fragment before or after a line-end hyphen)."""
    words: set[str] = set()
    for text in texts:
        masked = _HYPHEN_BREAK.sub(" ", text)
        words.update(w.lower() for w in _WORD.findall(masked))
    return frozenset(words | _COMPOUND_PARTS)


def dehyphenate(text: str, vocab: frozenset[str] = _COMPOUND_PARTS) -> str:
    """``experi-\\nence`` → ``experience``; ``customer-\\nexperience`` → ``customer-experience``.

    A hyphen at a line end is either typesetting (drop it) or part of a compound (keep it). It
    is kept when both halves are words of their own in this document and the joined form is
    not, or when the second half starts with a capital ("Customer-\\nExperience").
    """

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if m.group(0)[len(left)] == _SOFT_HYPHEN:
            return left + right
        if right[0].isupper():
            return f"{left}-{right}"
        whole = (left + right).lower()
        if left.lower() in vocab and right.lower() in vocab and whole not in vocab:
            return f"{left}-{right}"
        return left + right

    return _HYPHEN_BREAK.sub(join, text).replace(_SOFT_HYPHEN, "")


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    # pypdf logs every repairable flaw (at warning and error level) straight to stderr; a
    # linter's stderr is for its own messages, and damage that matters raises anyway.
    logger = logging.getLogger(name)
    old = logger.level
    logger.setLevel(logging.CRITICAL + 1)
    try:
        yield
    finally:
        logger.setLevel(old)


def _short(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return text[:120] if text else type(exc).__name__
