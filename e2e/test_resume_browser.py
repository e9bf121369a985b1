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


def test_it_uploads_a_chosen_file_once_and_hides_the_indicator(live_server, browser_page, user, tmp_path):
    page = browser_page
    log_in(page, live_server.url, user.username)
    uploads = []
    page.on("request", lambda request: request.url.endswith("/resume/upload") and uploads.append(request.method))
    path = tmp_path / "John Smith CV.pdf"
    path.write_bytes(resume_pdf())

    for language in ("en", "ru"):
        page.set_viewport_size({"width": 1280, "height": 860})
        page.goto(f"{live_server.url}/resume/")
        if language == "ru":
            with page.expect_navigation():
                page.select_option("#lang-select", "ru")
        assert page.is_hidden("#upload-form button[type=submit]") and page.is_hidden(".upload-indicator")
        assert page.is_visible(".file-button")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 860})
            page.screenshot(path=str(ARTIFACTS / f"resume_upload_{language}_{width}.png"), full_page=True)

        uploads.clear()
        held = []
        page.route("**/resume/upload", lambda route: held.append(route))
        page.set_input_files("#resume-file", str(path))
        page.wait_for_selector(".upload-indicator", state="visible")
        page.screenshot(path=str(ARTIFACTS / f"resume_uploading_{language}_{width}.png"))
        held[0].continue_()
        page.unroute("**/resume/upload")
        page.wait_for_selector("#draft .draft-card")
        page.wait_for_timeout(300)
        assert uploads == ["POST"]
        assert page.is_hidden(".upload-indicator") and page.inner_text(".file-name") == "John Smith CV.pdf"
        assert page.is_visible("#draft button[form=discard-form]")
        for width in (1280, 390):
            page.set_viewport_size({"width": width, "height": 860})
            page.screenshot(path=str(ARTIFACTS / f"resume_uploaded_{language}_{width}.png"), full_page=True)
        page.click("#draft button[form=discard-form]")
        page.wait_for_selector("#draft .draft-card", state="detached")


def test_without_js_the_button_uploads_the_chosen_file(live_server, browser_page, user, tmp_path):
    page = browser_page.context.browser.new_page(java_script_enabled=False, viewport={"width": 390, "height": 860})
    log_in(page, live_server.url, user.username)
    page.goto(f"{live_server.url}/resume/")
    path = tmp_path / "cv.docx"
    path.write_bytes(make_docx(DOCX_PARAGRAPHS))

    assert page.is_visible("#resume-file") and page.is_hidden(".file-button")
    page.set_input_files("#resume-file", str(path))
    page.screenshot(path=str(ARTIFACTS / "resume_upload_nojs_390.png"), full_page=True)
    page.click("text=Upload and read")

    page.wait_for_selector("text=What we read in cv.docx")
    assert page.input_value("#draft_positions") == "Data Analyst"
