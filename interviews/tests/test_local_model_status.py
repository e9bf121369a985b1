"""The chat page says, in one line, that `make run` is still preparing the offline model."""

import json
import subprocess
import sys

import pytest

from llm import local_status

pytestmark = pytest.mark.django_db

HOST = "http://127.0.0.1:11435"


@pytest.fixture
def status_file(settings, tmp_path):
    settings.LOCAL_LLM_STATUS_FILE = tmp_path / "llm-status.json"
    settings.OLLAMA_HOST = HOST
    return settings.LOCAL_LLM_STATUS_FILE


def _page(user_client, free_chat) -> str:
    return user_client.get(f"/chats/{free_chat['_id']}/").content.decode()


def test_it_says_the_model_is_being_built_and_how_long_that_takes(user_client, free_chat, status_file):
    local_status.write(status_file, state=local_status.BUILDING, host=HOST, usual_minutes=(7, 15),
                       log="var/logs/llm-build.log")
    html = _page(user_client, free_chat)
    assert "still being prepared (usually 7–15 min the first time; 0 min so far)" in html
    assert "Planned questions, hints and grading work without it." in html


def test_it_says_so_in_russian(user_client, free_chat, status_file, user):
    user.preferred_language = "ru"
    user.save()
    local_status.write(status_file, state=local_status.BUILDING, host=HOST, usual_minutes=(7, 15))
    html = user_client.get(f"/chats/{free_chat['_id']}/", headers={"Accept-Language": "ru"}).content.decode()
    assert "Локальная модель ИИ ещё готовится" in html and "still being prepared" not in html


def test_it_says_nothing_once_the_model_is_ready(user_client, free_chat, status_file):
    local_status.write(status_file, state=local_status.READY, host=HOST)
    assert "AI model" not in _page(user_client, free_chat)


def test_it_ignores_a_status_left_by_a_devserver_that_is_gone(user_client, free_chat, status_file):
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    local_status.write(status_file, state=local_status.BUILDING, host=HOST, usual_minutes=(7, 15))
    written = json.loads(status_file.read_text())
    status_file.write_text(json.dumps({**written, "pid": int(dead.stdout)}))
    assert "still being prepared" not in _page(user_client, free_chat)


def test_it_ignores_a_status_about_a_server_the_app_does_not_use(user_client, free_chat, status_file, settings):
    local_status.write(status_file, state=local_status.STARTING, host=HOST)
    assert "is starting" in _page(user_client, free_chat)
    settings.OLLAMA_HOST = "http://ollama.example:11434"
    assert "is starting" not in _page(user_client, free_chat)


def test_a_failed_build_points_at_its_log(user_client, free_chat, status_file):
    local_status.write(status_file, state=local_status.FAILED, host=HOST, log="var/logs/llm-build.log")
    assert "could not start (see var/logs/llm-build.log)" in _page(user_client, free_chat)
