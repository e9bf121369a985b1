"""Resume files made in the tests, and what ended up on disk."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from resumes.tests.test_parsing import encrypt_pdf, make_docx, make_pdf

RESUME_LINES = [
    "John Smith",
    "Desired position: Senior Python Developer",
    "Summary",
    "Backend engineer with 7 years of experience in Python, Django and PostgreSQL.",
    "Languages: English (native), German (B1)",
]
DOCX_PARAGRAPHS = [
    "Anna Petrova",
    "Desired position: Data Analyst",
    "Skills: SQL, Pandas, Tableau",
    "3 years of experience in analytics.",
]

__all__ = ["DOCX_PARAGRAPHS", "RESUME_LINES", "encrypt_pdf", "make_docx", "make_pdf", "resume_pdf", "stored_files", "upload_file"]


def resume_pdf() -> bytes:
    return make_pdf(RESUME_LINES)


def upload_file(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def stored_files(root: Path) -> list[Path]:
    return sorted(path for path in Path(root).rglob("*") if path.is_file()) if Path(root).exists() else []
