"""The resume page (edit, upload with or without JS, confirm) and "For you"."""

import re

import pytest
from django.test import Client

from resumes.models import Resume, ResumeUpload
from resumes.services import save_resume
from resumes.tests.helpers import DOCX_PARAGRAPHS, make_docx, resume_pdf, stored_files, upload_file
from vacancies.tests.factories import VacancyFactory

pytestmark = pytest.mark.django_db

FORM = {
    "positions": "Backend developer, Python developer",
    "years_experience": "4",
    "skills": "python, k8s, SQL",
    "expected_salary": "4000",
    "currency": "EUR",
    "region": "Berlin",
    "languages": "English, German",
    "education": "TU Berlin",
    "summary": "Backend engineer.",
}


def assert_csp_friendly(html: str) -> None:
    """The page CSP allows no inline styles or scripts."""
    assert "style=" not in html
    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_it_needs_a_login(client):
    for path in ("/resume/", "/resume/matches", "/resume/file"):
        response = client.get(path)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login")


def test_employers_get_403(client, employer):
    client.force_login(employer)

    assert client.get("/resume/").status_code == 403
    assert client.get("/resume/matches").status_code == 403


def test_the_page_shows_the_form_and_the_upload_area(user_client):
    response = user_client.get("/resume/")

    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="upload-form"' in html and 'enctype="multipart/form-data"' in html and 'action="/resume/upload"' in html
    assert 'type="file" name="file"' in html and "<progress" in html
    assert re.search(r'<script defer src="[^"]*resumes/resume\.js">', html)
    # Without JS the button sends the chosen file; resume.js hides it and uploads on choosing.
    assert re.search(r'<div class="form-actions upload-submit"><button type="submit"', html)
    assert 'name="skills"' in html and 'name="expected_salary"' in html
    assert_csp_friendly(html)


def test_it_saves_the_form(user_client, user):
    response = user_client.post("/resume/", FORM)

    assert response.status_code == 302 and response["Location"] == "/resume/"
    resume = Resume.objects.get(user=user)
    assert resume.skills == ["Python", "Kubernetes", "SQL"]
    assert resume.positions == ["Backend developer", "Python developer"]
    assert resume.languages == ["English", "German"] and resume.years_experience == 4
    page = user_client.get("/resume/").content.decode()
    assert 'value="Python, Kubernetes, SQL"' not in page  # a textarea, not an input
    assert "Python, Kubernetes, SQL</textarea>" in page


def test_it_shows_field_errors(user_client, user):
    response = user_client.post("/resume/", FORM | {"years_experience": "70"})

    assert response.status_code == 400
    assert "Ensure this value is less than or equal to 60." in response.content.decode()
    assert not Resume.objects.filter(user=user).exists()


def test_it_shows_service_errors_in_the_htmx_partial(user_client, user):
    response = user_client.post("/resume/", FORM | {"skills": "x" * 101}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Each item must be at most 100 characters." in html and "<html" not in html


def test_an_upload_without_js_redirects_to_the_draft_to_confirm(user_client, user, media_root):
    response = user_client.post("/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())})

    assert response.status_code == 302 and response["Location"] == "/resume/#draft"
    html = user_client.get("/resume/").content.decode()
    assert "What we read in cv.pdf" in html and "Use this" in html
    assert 'name="upload_id"' in html and "Python, Django, PostgreSQL" in html
    assert re.search(r'<button type="submit" form="discard-form"[^>]*>Discard this upload</button>', html)
    assert re.search(r'<form id="discard-form" method="post" action="/resume/upload/discard"', html)
    assert "Senior Python Developer" in html
    assert '<section id="details" class="card" aria-labelledby="details-title" hidden>' in html
    assert_csp_friendly(html)


def test_confirming_the_draft_keeps_the_salary_and_region_already_typed(user_client, user, media_root):
    save_resume(user=user, data={"skills": ["Go"], "expected_salary": 5000, "currency": "EUR", "region": "Berlin"})
    docx = make_docx(DOCX_PARAGRAPHS)  # once: a zip stamps the time, so two builds can differ
    user_client.post("/resume/upload", {"file": upload_file("cv.docx", docx)})
    upload = ResumeUpload.objects.get(user=user)
    html = user_client.get("/resume/").content.decode()
    assert re.search(r'name="expected_salary" value="5000"[^>]*id="draft_expected_salary"', html)

    response = user_client.post("/resume/", {
        "upload_id": str(upload.pk), "positions": "Data Analyst", "skills": "SQL, Pandas, Tableau",
        "years_experience": "3", "expected_salary": "5000", "currency": "EUR", "region": "Berlin",
    })

    assert response.status_code == 302
    resume = Resume.objects.get(user=user)
    assert resume.skills == ["SQL", "pandas", "Tableau"] and resume.original_filename == "cv.docx"
    assert resume.expected_salary == 5000 and resume.region == "Berlin" and resume.file
    assert not ResumeUpload.objects.exists()
    file_response = user_client.get("/resume/file")
    assert file_response.status_code == 200 and file_response["Content-Disposition"].startswith("attachment;")
    assert b"".join(file_response.streaming_content) == docx


def test_an_invalid_confirmation_shows_the_draft_again(user_client, user):
    user_client.post("/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())})
    upload = ResumeUpload.objects.get(user=user)

    response = user_client.post("/resume/", {"upload_id": str(upload.pk), "years_experience": "99", "currency": "RUB"})

    html = response.content.decode()
    assert response.status_code == 400
    assert 'id="draft_years_experience"' in html and "Use this" in html
    assert not Resume.objects.filter(user=user).exists()


def test_a_js_upload_gets_the_draft_partial(user_client):
    response = user_client.post(
        "/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())}, headers={"HX-Request": "true"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="draft"') and "Use this" in html and "<html" not in html


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        (b"plain text renamed", 400, "Upload a PDF or DOCX file."),
        (b"%PDF-1.4 garbage", 400, "could not be read"),
    ],
)
def test_a_refused_upload_shows_why(user_client, media_root, data, status, message):
    response = user_client.post("/resume/upload", {"file": upload_file("cv.pdf", data)})

    assert response.status_code == status
    assert message in response.content.decode()
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_an_oversized_upload_is_413_in_the_partial(user_client, settings, media_root):
    settings.RESUME_MAX_BYTES = 500

    response = user_client.post(
        "/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())}, headers={"HX-Request": "true"}
    )

    assert response.status_code == 413
    assert "The file is larger than" in response.content.decode()
    assert stored_files(media_root) == []


def test_the_upload_checks_csrf(user):
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    response = client.post("/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())})

    assert response.status_code == 403
    assert not ResumeUpload.objects.exists()


def test_discarding_the_upload_forgets_it(user_client, user, media_root, django_capture_on_commit_callbacks):
    user_client.post("/resume/upload", {"file": upload_file("cv.pdf", resume_pdf())})

    with django_capture_on_commit_callbacks(execute=True):
        response = user_client.post("/resume/upload/discard")

    assert response.status_code == 302
    assert not ResumeUpload.objects.exists() and stored_files(media_root) == []


def test_a_stranger_gets_404_for_the_file(client, stranger):
    client.force_login(stranger)

    assert client.get("/resume/file").status_code == 404


# --- For you -------------------------------------------------------------------------------


def test_for_you_lists_matches_with_bars_and_tags(user_client, user):
    save_resume(user=user, data={"skills": ["Python", "SQL"]})
    best = VacancyFactory(title="Data Engineer", skills=["Python", "SQL", "Airflow"])
    VacancyFactory(title="Go Developer", skills=["Go"])

    response = user_client.get("/resume/matches")

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("Data Engineer") < html.index("Go Developer")
    assert '<meter class="match-meter" min="0" max="100" low="40" high="70" optimum="100" value="67"' in html
    assert '<li class="badge badge-ok">Python</li>' in html
    assert f'<a class="badge badge-danger" href="/vacancies/{best.pk}/?focus=Airflow#practice-title"' in html and ">Airflow</a>" in html
    assert "One at a time" in html
    assert_csp_friendly(html)


def test_for_you_browses_one_at_a_time(user_client, user):
    save_resume(user=user, data={"skills": ["Python"]})
    VacancyFactory(title="First", skills=["Python"])
    VacancyFactory(title="Second", skills=["Go"])

    html = user_client.get("/resume/matches", {"i": 2}).content.decode()

    assert "Second" in html and "First" not in html
    assert 'href="?i=1"' in html and "?i=3" not in html and "2 of 2" in html
    partial = user_client.get("/resume/matches", {"i": "1"}, headers={"HX-Request": "true"}).content.decode()
    assert partial.lstrip().startswith('<section id="match-view"') and "First" in partial
    assert "Second" in user_client.get("/resume/matches", {"i": "99"}).content.decode()  # clamped to the last


def test_for_you_pages_the_list(user_client):
    for n in range(12):
        VacancyFactory(title=f"Role {n:02d}")

    first = user_client.get("/resume/matches").content.decode()
    second = user_client.get("/resume/matches", {"page": 2}).content.decode()

    assert first.count('class="card match-card"') == 10 and second.count('class="card match-card"') == 2
    assert 'href="?page=2"' in first and "Page 1 of 2" in first
    assert "Fill in your resume or upload one" in first


def test_for_you_with_no_vacancies(user_client):
    html = user_client.get("/resume/matches").content.decode()

    assert "No vacancies yet" in html


def test_an_oversized_body_is_refused_before_the_csrf_check_parses_it(user, settings, monkeypatch):
    settings.RESUME_MAX_BYTES = 1000
    client = Client(enforce_csrf_checks=True)
    client.force_login(user)

    def parse_multipart(self):
        raise AssertionError("the body was parsed")

    monkeypatch.setattr("django.core.handlers.wsgi.WSGIRequest._load_post_and_files", parse_multipart)
    response = client.post("/resume/upload", {"file": upload_file("cv.pdf", b"%PDF-1.4\n" + b"x" * 200_000)})

    assert response.status_code == 413
    assert "The file is larger than" in response.content.decode()
