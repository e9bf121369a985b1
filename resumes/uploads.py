"""The uploaded file of a multipart request, with an oversized body refused before Django parses it."""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from resumes.extraction import ResumeFileError

# Room for the multipart boundaries, part headers and a CSRF token around the file itself.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def file_too_large(max_bytes: int) -> ResumeFileError:
    return ResumeFileError(_("The file is larger than %(size)s.") % {"size": filesizeformat(max_bytes)}, status=413)


def check_declared_size(request: HttpRequest) -> None:
    """Refuse (413) a body whose Content-Length is too big for any resume, before it is parsed.

    Call it before anything touches ``request.POST``/``request.FILES`` (the CSRF check
    does): Django parses the whole multipart body on that first access.
    """
    max_bytes = settings.RESUME_MAX_BYTES
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > max_bytes + MULTIPART_OVERHEAD_BYTES:
        raise file_too_large(max_bytes)


def uploaded_file(request: HttpRequest, *, field: str = "file") -> UploadedFile:
    """``request.FILES[field]`` once the body's declared size is checked, or
    :class:`ResumeFileError` (413 too large, 400 missing). The service checks the
    file's own size again."""
    check_declared_size(request)
    upload = request.FILES.get(field)
    if upload is None:
        raise ResumeFileError(_("Choose a PDF or DOCX file to upload."))
    return upload
