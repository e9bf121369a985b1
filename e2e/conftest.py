import os
import shutil
import threading
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

from accounts.tests.factories import PASSWORD
from conftest import free_port

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTIFACTS = Path(__file__).parent / "artifacts"


@pytest.fixture(autouse=True)
def _allow_sync_orm_in_playwright():
    # Playwright's sync API runs an event loop in this thread; the live server's ORM is in its own thread.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    yield
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)


@pytest.fixture
def browser_page():
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    ARTIFACTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        page = browser.new_page(viewport={"width": 1280, "height": 860})
        yield page
        browser.close()


def log_in(page, url: str, username: str, password: str = PASSWORD) -> None:
    """Logs in through the real form and waits for the dashboard."""
    page.goto(f"{url}/accounts/login")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("form button[type=submit]")
    page.wait_for_url(f"{url}/")


@pytest.fixture
def asgi_live_server(transactional_db):
    """The app under uvicorn in a thread, as `make run` serves it, plus static files.

    pytest-django's `live_server` is WSGI, which collects an async streaming response
    before sending it: a browser would see a reply arrive in one piece, never token by token.
    """
    import uvicorn
    from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler
    from django.core.asgi import get_asgi_application

    port = free_port()
    # loop="asyncio": uvloop would replace the event loop policy of the whole process (Playwright's too).
    server = uvicorn.Server(uvicorn.Config(ASGIStaticFilesHandler(get_asgi_application()), host="127.0.0.1",
                                           port=port, lifespan="off", loop="asyncio", log_level="warning",
                                           timeout_graceful_shutdown=5))
    thread = threading.Thread(target=server.run, name="asgi-live-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.02)
    yield SimpleNamespace(url=f"http://127.0.0.1:{port}")
    server.should_exit = True
    thread.join(timeout=10)
