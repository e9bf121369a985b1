import pytest

pytestmark = pytest.mark.django_db


def test_health_reports_each_part(client, fake_ollama):
    response = client.get("/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "postgres": "ok", "mongodb": "ok", "llm": "ok"}


def test_health_is_503_when_mongodb_is_down(client, settings, fake_ollama):
    settings.MONGODB_URI = "mongodb://127.0.0.1:1/?directConnection=true"
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["mongodb"] == "down"
    assert response.json()["status"] == "degraded"


def test_health_is_503_when_the_llm_is_down(client, settings):
    settings.OLLAMA_HOST = "http://127.0.0.1:1"
    response = client.get("/health")
    assert response.status_code == 503
    assert response.json()["llm"] == "down"


def test_error_pages_are_styled(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert "We couldn" in response.content.decode()
    assert 'class="topbar"' in response.content.decode()


def test_pages_carry_a_content_security_policy(client):
    assert "script-src 'self'" in client.get("/")["Content-Security-Policy"]
