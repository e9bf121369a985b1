"""Resume actions shared by the pages and the JSON API: save, parse an upload, confirm it, download."""

from __future__ import annotations

import os
import unicodedata
from typing import Any
from uuid import UUID

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

from accounts import throttling
from accounts.models import User
from onlyjobless.errors import NON_FIELD, InvalidFields, ServiceError
from resumes import ai_read
from resumes.files import discard_file
from resumes.models import MAX_YEARS_EXPERIENCE, Resume, ResumeUpload
from resumes.extraction import extract_text, read_limited, sniff_kind
from resumes.parsing import parse_resume_text
from skills import MAX_SKILL_CHARS, normalize_skills
from resumes.uploads import file_too_large
from resumes.matching import Ranking, hint_for, rank_vacancies
from vacancies.models import Vacancy

MAX_SKILLS = 100
MAX_POSITIONS = 10
MAX_POSITION_CHARS = 120
MAX_LANGUAGES = 20
MAX_LANGUAGE_CHARS = 50
MAX_REGION_CHARS = Resume._meta.get_field("region").max_length
MAX_EDUCATION_CHARS = 2000
MAX_SUMMARY_CHARS = 5000
MAX_SALARY = 1_000_000_000
TEXT_PREVIEW_CHARS = 1000
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

RESUME_FIELDS = (
    "positions",
    "years_experience",
    "skills",
    "expected_salary",
    "currency",
    "region",
    "languages",
    "education",
    "summary",
)


class ResumeError(InvalidFields):
    """Bad input for a resume action; ``errors`` maps field → messages."""


class NotACandidate(ResumeError):
    def __init__(self) -> None:
        super().__init__({NON_FIELD: [_("Only candidates have a resume.")]}, status=403)


class ResumeNotFound(ServiceError):
    status = 404

    def __init__(self) -> None:
        super().__init__(_("You have not uploaded a resume file."))


def require_candidate(user: User) -> None:
    """Employers post vacancies; resumes, uploads and matches belong to candidates."""
    if not user.is_candidate:
        raise NotACandidate


def get_resume(*, user: User) -> Resume | None:
    return Resume.objects.filter(user=user).first()


# --- saving ------------------------------------------------------------------------------


def _string_list(value: Any, *, field: str, max_items: int, max_chars: int, errors: dict) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, (list, tuple)) or not all(isinstance(item, str) for item in value):
        errors[field] = [_("Give a list of names.")]
        return []
    items = [" ".join(item.split()) for item in value]
    items = [item for item in items if item]
    if len(items) > max_items:
        errors[field] = [_("At most %(n)d items.") % {"n": max_items}]
    elif any(len(item) > max_chars for item in items):
        errors[field] = [_("Each item must be at most %(n)d characters.") % {"n": max_chars}]
    unique: dict[str, str] = {}
    for item in items:
        unique.setdefault(item.casefold(), item)
    return list(unique.values())


def _integer(value: Any, *, field: str, maximum: int, errors: dict) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        errors[field] = [_("Enter a whole number.")]
        return None
    if not 0 <= value <= maximum:
        errors[field] = [_("Enter a number from 0 to %(max)d.") % {"max": maximum}]
        return None
    return value


def _text(value: Any, *, field: str, max_chars: int, errors: dict) -> str:
    if value is None:
        return ""
    if not isinstance(value, str):
        errors[field] = [_("Enter text.")]
        return ""
    value = value.strip()
    if len(value) > max_chars:
        errors[field] = [_("At most %(n)d characters.") % {"n": max_chars}]
    return value


def clean_resume_data(data: dict[str, Any]) -> dict[str, Any]:
    """The resume fields from ``data``, validated and normalised, or :class:`ResumeError`.

    A missing field means empty (PUT semantics); unknown keys are ignored. Skills come
    back as canonical names ("k8s" → "Kubernetes"), deduplicated.
    """
    errors: dict[str, list[str]] = {}
    skills = _string_list(
        data.get("skills"), field="skills", max_items=MAX_SKILLS, max_chars=MAX_SKILL_CHARS, errors=errors
    )
    currency = data.get("currency") or Vacancy.Currency.RUB
    if currency not in Vacancy.Currency.values:
        errors["currency"] = [_("Choose one of %(choices)s.") % {"choices": ", ".join(Vacancy.Currency.values)}]
    cleaned = {
        "positions": _string_list(
            data.get("positions"),
            field="positions",
            max_items=MAX_POSITIONS,
            max_chars=MAX_POSITION_CHARS,
            errors=errors,
        ),
        "years_experience": _integer(
            data.get("years_experience"), field="years_experience", maximum=MAX_YEARS_EXPERIENCE, errors=errors
        ),
        "skills": normalize_skills(skills),
        "expected_salary": _integer(
            data.get("expected_salary"), field="expected_salary", maximum=MAX_SALARY, errors=errors
        ),
        "currency": currency,
        "region": _text(data.get("region"), field="region", max_chars=MAX_REGION_CHARS, errors=errors),
        "languages": _string_list(
            data.get("languages"),
            field="languages",
            max_items=MAX_LANGUAGES,
            max_chars=MAX_LANGUAGE_CHARS,
            errors=errors,
        ),
        "education": _text(data.get("education"), field="education", max_chars=MAX_EDUCATION_CHARS, errors=errors),
        "summary": _text(data.get("summary"), field="summary", max_chars=MAX_SUMMARY_CHARS, errors=errors),
    }
    if errors:
        raise ResumeError(errors)
    return cleaned


def save_resume(*, user: User, data: dict[str, Any]) -> Resume:
    """Create or replace the candidate's resume fields (all-or-nothing); the stored file is kept."""
    require_candidate(user)
    cleaned = clean_resume_data(data)
    resume, _created = Resume.objects.update_or_create(user=user, defaults=cleaned)
    return resume


# --- uploads -------------------------------------------------------------------------------


def _clean_filename(name: str) -> str:
    """The base name only, without control characters, at most 255 characters: shown, never used as a path."""
    name = os.path.basename(str(name or "").replace("\\", "/"))
    name = "".join(ch for ch in unicodedata.normalize("NFKC", name) if unicodedata.category(ch)[0] != "C")
    return name.strip()[:255]


def _read_upload(uploaded_file: UploadedFile, *, max_bytes: int) -> bytes:
    if uploaded_file.size is not None and uploaded_file.size > max_bytes:
        raise file_too_large(max_bytes)
    uploaded_file.seek(0)
    return read_limited(uploaded_file, max_bytes=max_bytes)


def parse_upload(*, user: User, uploaded_file: UploadedFile) -> dict[str, Any]:
    """Check, read and parse an uploaded PDF/DOCX into a draft the candidate confirms.

    Refuses an oversized file from its declared size before reading it (413), reads at
    most ``RESUME_MAX_BYTES`` + 1 bytes, and judges the type by magic bytes. On any
    :class:`ResumeFileError` nothing is stored. On success the file is kept under a
    random name as the candidate's only pending upload (an older one is discarded).
    """
    require_candidate(user)
    max_bytes = settings.RESUME_MAX_BYTES
    data = _read_upload(uploaded_file, max_bytes=max_bytes)
    extracted = extract_text(data, max_bytes=max_bytes)
    parsed = parse_resume_text(extracted.text)
    draft = {
        "skills": parsed.skills[:MAX_SKILLS],
        "years_experience": parsed.years_experience,
        "languages": parsed.languages[:MAX_LANGUAGES],
        "positions": parsed.positions[:MAX_POSITIONS],
        "education": parsed.education[:MAX_EDUCATION_CHARS],
        "summary": parsed.summary[:MAX_SUMMARY_CHARS],
    }
    wait = throttling.hit_limit(key=f"resume-read:{user.pk}", limit=settings.RESUME_READS_PER_HOUR, window_s=3600)
    if wait:  # each read may call the model: a per-user budget, as chats have
        raise ResumeError({"__all__": [_("Resume uploads per hour: at most %(n)d. Try again in %(m)d min.")
                                       % {"n": settings.RESUME_READS_PER_HOUR, "m": max(1, round(wait / 60))}]},
                          status=429)
    draft = ai_read.enrich(draft, text=extracted.text, max_skills=MAX_SKILLS, max_positions=MAX_POSITIONS)
    upload = ResumeUpload(
        user=user,
        kind=extracted.kind,
        original_filename=_clean_filename(uploaded_file.name),
        extracted_text=extracted.text,
        parsed=draft,
    )
    upload.file.save("upload", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            ResumeUpload.objects.filter(user=user).delete()
            upload.save()
    except BaseException:
        default_storage.delete(upload.file.name)
        raise
    return draft_of(upload)


def draft_of(upload: ResumeUpload) -> dict[str, Any]:
    """What the API returns for an upload (and the page shows for confirmation)."""
    return {
        "upload_id": upload.pk,
        "kind": upload.kind,
        "original_filename": upload.original_filename,
        **upload.parsed,
        "text_preview": upload.extracted_text[:TEXT_PREVIEW_CHARS],
    }


def pending_draft(*, user: User) -> dict[str, Any] | None:
    """The candidate's upload waiting for confirmation, as a draft, or ``None``."""
    upload = ResumeUpload.objects.filter(user=user).first()
    return draft_of(upload) if upload else None


def discard_upload(*, user: User) -> None:
    """Forget the pending upload and its file."""
    ResumeUpload.objects.filter(user=user).delete()


def merge_draft(*, resume: Resume | None, draft: dict[str, Any]) -> dict[str, Any]:
    """Resume fields to offer for confirmation: what the file says, the current resume for the rest
    (a file never states a salary or a region; an empty parsed field keeps what the candidate typed)."""
    merged = {name: getattr(resume, name) for name in RESUME_FIELDS} if resume else {}
    for name in RESUME_FIELDS:
        value = draft.get(name)
        if value not in (None, "", []):
            merged[name] = value
    return merged


def confirm_upload(*, user: User, upload_id: UUID | str, data: dict[str, Any]) -> Resume:
    """Save the confirmed fields and attach the upload's file to the resume, in one transaction.

    A missing or foreign upload is a 404 :class:`ResumeError`; the previous file is
    deleted after the commit.
    """
    require_candidate(user)
    cleaned = clean_resume_data(data)
    with transaction.atomic():
        upload = ResumeUpload.objects.select_for_update().filter(user=user, pk=_uuid_or_none(upload_id)).first()
        if upload is None:
            raise ResumeError(
                {"upload_id": [_("This upload is no longer available. Upload the file again.")]}, status=404
            )
        resume = Resume.objects.select_for_update().filter(user=user).first() or Resume(user=user)
        previous = resume.file.name
        for name, value in cleaned.items():
            setattr(resume, name, value)
        resume.file.name = upload.file.name
        resume.original_filename = upload.original_filename
        resume.extracted_text = upload.extracted_text
        resume.save()
        upload.delete()  # the file stays: the resume uses it now
        if previous and previous != resume.file.name:
            discard_file(previous)
    return resume


def _uuid_or_none(value: Any) -> UUID | None:
    try:
        return value if isinstance(value, UUID) else UUID(str(value))
    except ValueError:
        return None


# --- download and matches ---------------------------------------------------------------------


def download(*, user: User) -> FileResponse:
    """The owner's original file as an attachment (never rendered inline), or :class:`ResumeNotFound`."""
    resume = Resume.objects.filter(user=user).exclude(file="").first()
    if resume is None:
        raise ResumeNotFound
    try:
        handle = resume.file.open("rb")
    except FileNotFoundError:
        raise ResumeNotFound from None
    kind = sniff_kind(handle.read(8)) or ""
    handle.seek(0)
    stem = os.path.splitext(resume.original_filename)[0] or "resume"
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{stem}.{kind}" if kind else stem,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


def get_matches(*, user: User) -> Ranking:
    """Every published vacancy ranked for the candidate's resume (see resumes.matching); each vacancy
    carries `application_id`, the candidate's application to it or None."""
    require_candidate(user)
    resume = get_resume(user=user)
    matches = rank_vacancies(resume=resume, vacancies=Vacancy.objects.published().with_application_of(user))
    return Ranking(matches=matches, hint=hint_for(resume))
