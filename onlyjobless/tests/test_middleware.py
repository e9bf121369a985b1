"""The middleware as the ASGI stack runs it: Django's own on the event loop (onlyjobless.middleware)."""

import pytest
from asgiref.sync import sync_to_async
from django.test import AsyncClient

from accounts.tests.factories import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
async def _close_worker_connections():
    """The ORM ran in asgiref's worker thread; close its connection so the test database can go."""
    yield
    from django.db import connections

    await sync_to_async(connections.close_all)()


async def test_it_logs_in_and_out_keeping_the_session_and_messages(user):
    client = AsyncClient()
    response = await client.post("/accounts/login", {"username": "alice", "password": PASSWORD})
    assert response.status_code == 302
    page = await client.get("/accounts/profile")
    assert page.status_code == 200 and "alice" in page.content.decode()
    assert "Cookie" in page["Vary"] and page["Content-Language"] and page["X-Frame-Options"] == "DENY"

    response = await client.post("/accounts/logout")
    assert response.status_code == 302
    assert "You have been logged out." in (await client.get(response["Location"])).content.decode()
    assert (await client.get("/accounts/profile")).status_code == 302


@pytest.mark.parametrize("autorefresh", [False, True])
async def test_it_serves_static_files(settings, autorefresh):
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = autorefresh
    response = await AsyncClient().get("/static/css/app.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content)
