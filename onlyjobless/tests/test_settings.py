"""The settings' defaults are a production's: a deploy that sets nothing gets DEBUG off."""

import os
import subprocess
import sys

from django.conf import settings

PROBE = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"


def _settings_in_a_fresh_process(**env):
    base = {key: value for key, value in os.environ.items() if key not in ("DEBUG", "SECRET_KEY")}
    return subprocess.run([sys.executable, "-c", PROBE], env={**base, "DJANGO_SETTINGS_MODULE": "onlyjobless.settings",
                                                             **env}, capture_output=True, text=True, timeout=60,
                          cwd=settings.BASE_DIR)


def test_debug_is_off_unless_asked_for():
    result = _settings_in_a_fresh_process(SECRET_KEY="a-real-secret-for-this-test-only-0123456789")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "False"


def test_debug_off_without_a_secret_key_says_what_to_set():
    result = _settings_in_a_fresh_process()
    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_an_unknown_page_is_the_apps_own_404(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"Technical" not in response.content and b"URLconf" not in response.content
    assert b"<html" in response.content.lower()
