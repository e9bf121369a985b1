"""In a real Chromium: upload with the progress script (file input and drag-and-drop), then confirm."""

import pytest

from e2e.conftest import ARTIFACTS, log_in
from resumes.models import Resume
from resumes.tests.helpers import DOCX_PARAGRAPHS, make_docx, resume_pdf

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_uploads_with_progress_and_confirms(live_server, browser_page, user, tmp_path):
    page = browser_page
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/resume/")
    path = tmp_path / "John Smith CV.pdf"
    path.write_bytes(resume_pdf())

    page.set_input_files("#resume-file", str(path))

    page.wait_for_selector("text=What we read in John Smith CV.pdf")
    assert page.input_value("#draft_years_experience") == "7"
    assert page.input_value("#draft_skills") == "Python, Django, PostgreSQL"
    assert page.is_hidden("#details")
    page.screenshot(path=str(ARTIFACTS / "resume_draft.png"), full_page=True)
    page.click("text=Use this")
    page.wait_for_selector("text=Resume saved.")
    resume = Resume.objects.get(user=user)
    assert resume.skills == ["Python", "Django", "PostgreSQL"] and resume.original_filename == "John Smith CV.pdf"
    assert errors == []


def test_it_uploads_a_dropped_file_and_shows_refusals(live_server, browser_page, user):
    page = browser_page
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/resume/")

    def drop(name: str, data: bytes) -> None:
        transfer = page.evaluate_handle(
            """([name, bytes]) => {
                const transfer = new DataTransfer();
                transfer.items.add(new File([new Uint8Array(bytes)], name));
                return transfer;
            }""",
            [name, list(data)],
        )
        page.dispatch_event(".drop-zone", "drop", {"dataTransfer": transfer})

    drop("notes.pdf", b"just text, renamed")
    page.wait_for_selector("#draft .form-error")
    assert page.inner_text("#draft .form-error") == "Upload a PDF or DOCX file."

    drop("cv.docx", make_docx(DOCX_PARAGRAPHS))
    page.wait_for_selector("text=What we read in cv.docx")
    assert page.input_value("#draft_positions") == "Data Analyst"
    page.screenshot(path=str(ARTIFACTS / "resume_drop.png"), full_page=True)
