"""POST /api/resume/upload, the confirm PUT, and GET /api/resume/file, on real files made here."""

import pytest

from accounts.tests.factories import UserFactory
from resumes.models import Resume, ResumeUpload
from resumes.tests.helpers import (
    DOCX_PARAGRAPHS,
    encrypt_pdf,
    make_docx,
    resume_pdf,
    stored_files,
    upload_file,
)

pytestmark = pytest.mark.django_db


def upload(api, name: str, data: bytes):
    return api.client.post("/api/resume/upload", {"file": upload_file(name, data)}, headers=api._headers(None))


def confirm(api, draft: dict, **changes):
    fields = ("positions", "years_experience", "skills", "languages", "education", "summary")
    payload = {name: draft[name] for name in fields} | {"upload_id": draft["upload_id"]} | changes
    return api.put("/api/resume", payload)


def test_it_parses_a_pdf_into_a_draft(api, user, media_root):
    response = upload(api, "John Smith CV.pdf", resume_pdf())

    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["kind"] == "pdf"
    assert draft["original_filename"] == "John Smith CV.pdf"
    assert draft["skills"] == ["Python", "Django", "PostgreSQL"]
    assert draft["years_experience"] == 7
    assert draft["languages"] == ["English", "German"]
    assert draft["positions"] == ["Senior Python Developer"]
    assert "7 years of experience" in draft["text_preview"]
    upload_row = ResumeUpload.objects.get(pk=draft["upload_id"], user=user)
    assert not Resume.objects.filter(user=user).exists()  # nothing is saved until the candidate confirms
    [stored] = stored_files(media_root)
    assert stored.read_bytes() == resume_pdf()
    assert stored.parent.name == "resumes" and stored.name != "John Smith CV.pdf"
    assert stored.name == upload_row.file.name.split("/")[-1] and stored.suffix == ".pdf"


def test_it_parses_a_docx(api):
    response = upload(api, "cv.docx", make_docx(DOCX_PARAGRAPHS))

    assert response.status_code == 200, response.content
    draft = response.json()
    assert draft["kind"] == "docx"
    assert draft["skills"] == ["SQL", "pandas", "Tableau"]
    assert draft["years_experience"] == 3
    assert draft["positions"] == ["Data Analyst"]


def test_it_judges_the_type_by_content_not_the_name(api, media_root):
    response = upload(api, "resume.pdf", b"John Smith\nPython developer, 5 years of experience\n")

    assert response.status_code == 400
    assert response.json() == {"detail": "Upload a PDF or DOCX file."}
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_it_refuses_a_corrupt_pdf(api, media_root):
    response = upload(api, "broken.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\nthis is not a pdf")

    assert response.status_code == 400
    assert "could not be read" in response.json()["detail"]
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_it_refuses_a_password_protected_pdf(api, media_root):
    response = upload(api, "locked.pdf", encrypt_pdf(resume_pdf(), user_password="s3cret"))

    assert response.status_code == 400
    assert "password-protected" in response.json()["detail"]
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_it_refuses_an_oversized_file_from_its_size(api, settings, media_root):
    settings.RESUME_MAX_BYTES = 1000
    data = resume_pdf() + b"%" + b"x" * 2000  # still a valid PDF prefix, just too long

    response = upload(api, "big.pdf", data)

    assert response.status_code == 413
    assert response.json()["detail"].replace("\xa0", " ") == "The file is larger than 1000 bytes."
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_it_refuses_an_oversized_body_before_parsing_it(api, settings, media_root, monkeypatch):
    settings.RESUME_MAX_BYTES = 1000

    def parse_multipart(self):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("django.core.handlers.wsgi.WSGIRequest._load_post_and_files", parse_multipart)
    response = upload(api, "huge.pdf", b"%PDF-1.4\n" + b"x" * 200_000)

    assert response.status_code == 413
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_it_asks_for_a_file(api):
    response = api.client.post("/api/resume/upload", {}, headers=api._headers(None))

    assert response.status_code == 400
    assert response.json() == {"detail": "Choose a PDF or DOCX file to upload."}


def test_it_keeps_only_the_newest_pending_upload(api, user, media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = upload(api, "one.pdf", resume_pdf()).json()
        second = upload(api, "two.docx", make_docx(DOCX_PARAGRAPHS)).json()

    assert list(ResumeUpload.objects.filter(user=user).values_list("pk", flat=True)) == [
        ResumeUpload.objects.get(pk=second["upload_id"]).pk
    ]
    assert not ResumeUpload.objects.filter(pk=first["upload_id"]).exists()
    [stored] = stored_files(media_root)
    assert stored.suffix == ".docx"


def test_it_saves_the_confirmed_draft_with_the_file(api, user, media_root):
    draft = upload(api, "John Smith CV.pdf", resume_pdf()).json()

    response = confirm(api, draft, skills=draft["skills"] + ["k8s"], expected_salary=5000, currency="EUR",
                       region="Berlin")

    assert response.status_code == 200, response.content
    body = response.json()
    assert body["skills"] == ["Python", "Django", "PostgreSQL", "Kubernetes"]
    assert body["has_file"] is True and body["original_filename"] == "John Smith CV.pdf"
    assert body["expected_salary"] == 5000 and body["currency"] == "EUR" and body["region"] == "Berlin"
    resume = Resume.objects.get(user=user)
    assert "Senior Python Developer" in resume.extracted_text
    assert not ResumeUpload.objects.exists()
    [stored] = stored_files(media_root)  # the upload's file now belongs to the resume
    assert resume.file.name.endswith(stored.name)


def test_it_replaces_the_old_file_on_a_new_confirm(api, user, media_root, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        confirm(api, upload(api, "old.pdf", resume_pdf()).json())
        confirm(api, upload(api, "new.docx", make_docx(DOCX_PARAGRAPHS)).json())

    [stored] = stored_files(media_root)
    assert stored.suffix == ".docx"
    assert Resume.objects.get(user=user).original_filename == "new.docx"


def test_it_refuses_to_confirm_someone_elses_upload(api, stranger_api, stranger):
    draft = upload(api, "cv.pdf", resume_pdf()).json()

    response = confirm(stranger_api, draft)

    assert response.status_code == 404
    assert response.json()["detail"] == "upload_id: This upload is no longer available. Upload the file again."
    assert not Resume.objects.filter(user=stranger).exists()
    assert ResumeUpload.objects.filter(pk=draft["upload_id"]).exists()


def test_it_does_not_confirm_an_invalid_draft(api, user):
    draft = upload(api, "cv.pdf", resume_pdf()).json()

    response = confirm(api, draft, years_experience=99)

    assert response.status_code == 400
    assert response.json()["errors"] == [{"field": "years_experience", "message": "Enter a number from 0 to 60."}]
    assert not Resume.objects.filter(user=user).exists()
    assert ResumeUpload.objects.filter(pk=draft["upload_id"]).exists()  # the candidate can fix it and retry


def test_the_owner_downloads_the_original_as_an_attachment(api):
    confirm(api, upload(api, "John Smith CV.pdf", resume_pdf()).json())

    response = api.get("/api/resume/file")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == resume_pdf()
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert 'filename="John Smith CV.pdf"' in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]


def test_the_download_names_the_real_type(api):
    confirm(api, upload(api, "cv.txt", resume_pdf()).json())

    response = api.get("/api/resume/file")

    assert 'filename="cv.pdf"' in response["Content-Disposition"]


def test_a_stranger_cannot_download_it(api, stranger_api):
    confirm(api, upload(api, "cv.pdf", resume_pdf()).json())

    response = stranger_api.get("/api/resume/file")

    assert response.status_code == 404
    assert response.json() == {"detail": "You have not uploaded a resume file."}


def test_it_404s_a_download_without_a_file(api):
    api.put("/api/resume", {"skills": ["Python"]})

    assert api.get("/api/resume/file").status_code == 404


def test_employers_cannot_upload(employer_api, media_root):
    response = upload(employer_api, "cv.pdf", resume_pdf())

    assert response.status_code == 403
    assert response.json()["detail"] == "Only candidates have a resume."
    assert stored_files(media_root) == []


def test_anonymous_upload_and_download_are_401(anon_api):
    assert anon_api.client.post("/api/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())}).status_code == 401
    assert anon_api.get("/api/resume/file").status_code == 401


def test_deleting_the_account_deletes_the_files(api, user, media_root, django_capture_on_commit_callbacks):
    confirm(api, upload(api, "cv.pdf", resume_pdf()).json())
    upload(api, "next.docx", make_docx(DOCX_PARAGRAPHS))
    assert len(stored_files(media_root)) == 2

    with django_capture_on_commit_callbacks(execute=True):
        user.delete()

    assert stored_files(media_root) == []


def test_a_file_shared_by_no_one_else_survives_another_users_deletion(api, media_root, django_capture_on_commit_callbacks):
    confirm(api, upload(api, "cv.pdf", resume_pdf()).json())

    with django_capture_on_commit_callbacks(execute=True):
        UserFactory(username="someone_else").delete()

    assert len(stored_files(media_root)) == 1


def test_uploads_have_a_per_user_budget(api, media_root, settings):
    settings.RESUME_READS_PER_HOUR = 1
    assert upload(api, "one.pdf", resume_pdf()).status_code == 200
    refused = upload(api, "two.pdf", resume_pdf())
    assert refused.status_code == 429
    assert "Resume uploads per hour: at most 1" in refused.json()["detail"]
