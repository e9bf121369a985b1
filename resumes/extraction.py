"""Resume files: safe text extraction from PDF/DOCX (resumes.parsing reads the text that comes out).

No Django (beyond gettext for the messages) and no I/O beyond the bytes given:
:func:`extract_text` turns an uploaded file's bytes into plain text, refusing anything
that is too big, not really a PDF/DOCX (magic bytes, never the file name), encrypted,
damaged, a zip bomb, or without a text layer. Every refusal is a
:class:`ResumeFileError` carrying a sentence for the user and an HTTP status.

Security notes (see DESIGN.md "Security notes"): the caller must still refuse an
oversized body before reading it (:func:`read_limited` helps), store the file under a
generated name and serve it back only as an attachment. Text extracted here is untrusted
user content: keep it in the user role of any prompt.
"""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from dataclasses import dataclass
from typing import BinaryIO, Literal

import docx
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from docx.text.paragraph import Paragraph
from pypdf import PasswordType, PdfReader
from pypdf.errors import DependencyError

from onlyjobless.errors import ServiceError

__all__ = ["MAX_UPLOAD_BYTES", "ExtractedText", "ResumeFileError", "clean_text", "extract_text", "read_limited",
           "sniff_kind"]

MB = 1024 * 1024
MAX_UPLOAD_BYTES = 5 * MB
# A real resume DOCX unpacks to well under 1 MB of XML plus images; 20 MB leaves room for
# photos while refusing zip bombs (a few kB that inflate to gigabytes).
MAX_DOCX_UNCOMPRESSED_BYTES = 20 * MB
MAX_DOCX_ENTRIES = 500
# Text extraction cost grows with pages; nobody's resume has more than a few dozen.
MAX_PDF_PAGES = 50
# Extracted text kept (and parsed): a long resume is ~20k characters.
MAX_TEXT_CHARS = 100_000

FileKind = Literal["pdf", "docx"]

# Lazy: translated into the active language when a ResumeFileError is raised.
UNSUPPORTED_MESSAGE = gettext_lazy("Upload a PDF or DOCX file.")
NO_TEXT_MESSAGE = gettext_lazy(
    "We couldn't find any text in this file; it may be a scanned image. "
    "Type your resume in instead, or upload a PDF or DOCX with selectable text."
)


class ResumeFileError(ServiceError):
    """An upload we refuse: 400, or 413 for a file too large."""


@dataclass(frozen=True, slots=True)
class ExtractedText:
    kind: FileKind
    text: str


def _size_text(limit: int) -> str:
    if limit % MB == 0:
        # Translators: a file size limit in megabytes (then kilobytes), e.g. "5 MB".
        return _("%(n)s MB") % {"n": limit // MB}
    if limit >= MB:
        return _("%(n)s MB") % {"n": f"{limit / MB:.1f}"}
    return _("%(n)s kB") % {"n": max(1, limit // 1024)}


def _too_large(max_bytes: int) -> ResumeFileError:
    return ResumeFileError(_("The file is larger than %(size)s.") % {"size": _size_text(max_bytes)}, status=413)


def read_limited(stream: BinaryIO, *, max_bytes: int = MAX_UPLOAD_BYTES) -> bytes:
    """Read an upload without ever holding more than ``max_bytes + 1`` bytes.

    For streams whose size is not known up front; check a declared size (the
    ``Content-Length`` or ``UploadedFile.size``) before calling this when there is one.
    """
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    return data


def sniff_kind(head: bytes) -> FileKind | None:
    """"pdf" or "docx" from the first bytes of a file, ``None`` for anything else.

    A ZIP signature only says "maybe DOCX": :func:`extract_text` checks for
    ``word/document.xml`` inside before trusting it.
    """
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx"
    return None


def extract_text(data: bytes, *, max_bytes: int = MAX_UPLOAD_BYTES) -> ExtractedText:
    """Plain text of a PDF or DOCX resume, or :class:`ResumeFileError`.

    413 when ``data`` is over ``max_bytes``; 400 for an empty or unsupported file, an
    encrypted or damaged PDF, a damaged DOCX or one that unpacks too large, and a file
    without any text (a scanned PDF). The text is NFKC-normalised, with tidy line breaks
    and at most ``MAX_TEXT_CHARS`` characters.
    """
    if len(data) > max_bytes:
        raise _too_large(max_bytes)
    if not data:
        raise ResumeFileError(_("The file is empty. Upload a PDF or DOCX file."))
    kind = sniff_kind(data[:8])
    if kind == "pdf":
        raw = _pdf_text(data)
    elif kind == "docx":
        raw = _docx_text(data)
    else:
        raise ResumeFileError(UNSUPPORTED_MESSAGE)
    text = clean_text(raw)
    if not any(ch.isalpha() for ch in text):
        raise ResumeFileError(NO_TEXT_MESSAGE)
    return ExtractedText(kind=kind, text=text)


def _pdf_text(data: bytes) -> str:
    unreadable = ResumeFileError(_("This PDF could not be read. It may be damaged; try exporting it again."))
    protected = ResumeFileError(_(
        "This PDF is password-protected. Remove the password (for example, print it to a new PDF) "
        "and upload it again."
    ))
    # pypdf parses hostile input; besides its own errors it can raise ValueError,
    # KeyError, TypeError, RecursionError... on malformed files. Any of them means
    # "damaged", never a server error.
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            # The reader already tried the empty user password (owner-only protection,
            # common for "no copying" PDFs): if that worked the text is readable.
            if reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                raise protected
        pages = reader.pages
        if len(pages) == 0:
            raise unreadable
        parts: list[str] = []
        size = 0
        for index in range(min(len(pages), MAX_PDF_PAGES)):
            page_text = pages[index].extract_text() or ""
            parts.append(page_text)
            size += len(page_text)
            if size > MAX_TEXT_CHARS:
                break
        return "\n\n".join(parts)
    except ResumeFileError:
        raise
    except DependencyError as exc:
        # AES encryption needs the optional `cryptography` package (not installed): even
        # an owner-only AES PDF can't be opened here, and the fix for the user is the same.
        raise protected from exc
    except Exception as exc:
        raise unreadable from exc


_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _docx_text(data: bytes) -> str:
    unreadable = ResumeFileError(_("This DOCX file could not be read. It may be damaged; try saving it again."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError) as exc:
        raise unreadable from exc
    # Bounded unzip: zipfile never inflates an entry past its declared file_size (and
    # fails the CRC if the data says otherwise), so bounding the declared sizes bounds
    # what python-docx can make us decompress.
    if len(entries) > MAX_DOCX_ENTRIES:
        raise ResumeFileError(_("This DOCX file has too many parts to be a resume."))
    if sum(entry.file_size for entry in entries) > MAX_DOCX_UNCOMPRESSED_BYTES:
        raise ResumeFileError(
            _("This DOCX file unpacks to more than %(size)s. Remove large images and upload it again.")
            % {"size": _size_text(MAX_DOCX_UNCOMPRESSED_BYTES)}
        )
    if not any(entry.filename == "word/document.xml" for entry in entries):
        raise ResumeFileError(UNSUPPORTED_MESSAGE)  # a ZIP, an XLSX, an ODT...

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        size = 0
        # Every paragraph in reading order: body text, table cells (nested too), text
        # boxes and content controls. A text box is stored twice (mc:Choice for new Word,
        # mc:Fallback for old readers); skip the fallback copy.
        for p in document.element.body.iter(f"{{{_W_NS}}}p"):
            if any(ancestor.tag == _MC_FALLBACK for ancestor in p.iterancestors()):
                continue
            line = Paragraph(p, document).text
            lines.append(line)
            size += len(line) + 1
            if size > MAX_TEXT_CHARS:
                break
        return "\n".join(lines)
    except Exception as exc:  # python-docx/lxml on malformed parts: damaged, not a 500
        raise unreadable from exc


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u200e\u200f\ufeff]")


def clean_text(text: str) -> str:
    """One line per line, single spaces, no control characters, at most MAX_TEXT_CHARS characters: what
    extraction returns and what parsing reads (text typed in goes through it too)."""
    # NFKC folds PDF ligatures ("ﬁ" → "fi"), full-width letters and no-break spaces.
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    text = _CONTROL_RE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [" ".join(line.split()) for line in text.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return text[:MAX_TEXT_CHARS]
