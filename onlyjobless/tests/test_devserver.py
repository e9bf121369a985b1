"""`make run`'s own ports, its progress lines and its one-process set-up that skips what is done."""

import subprocess
import sys
from pathlib import Path

import pytest

from accounts.models import User
from onlyjobless import devllm, devports, devprepare

LISTEN = ("import socket, sys, time; s = socket.socket(); s.bind(('127.0.0.1', int(sys.argv[1]))); s.listen(); "
          "print(s.getsockname()[1], flush=True); time.sleep(60)")


@pytest.fixture
def run_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(devports, "RUN", tmp_path / "run")
    return tmp_path / "run"


@pytest.fixture
def listener():
    """Starts a process listening on a port, from a working directory; stops it afterwards."""
    started = []

    def start(*, cwd: Path, port: int = 0) -> tuple[subprocess.Popen, int]:
        process = subprocess.Popen([sys.executable, "-c", LISTEN, str(port)], cwd=cwd, stdout=subprocess.PIPE, text=True)
        started.append(process)
        return process, int(process.stdout.readline())

    yield start
    for process in started:
        process.kill()
        process.wait()


def test_it_reuses_a_server_of_this_checkout(run_dir, listener):
    process, port = listener(cwd=devports.ROOT)
    devports.record("mongo", pid=process.pid, port=port)
    chosen = devports.choose("mongo", port)
    assert (chosen.number, chosen.ours_running, chosen.default_taken) == (port, True, False)


def test_it_takes_another_port_when_the_default_is_someone_elses(run_dir, listener, tmp_path):
    other_checkout, port = listener(cwd=tmp_path)
    devports.record("mongo", pid=other_checkout.pid, port=port)  # even a pid file cannot make it ours
    chosen = devports.choose("mongo", port)
    assert chosen.number != port and chosen.default_taken and not chosen.ours_running
    assert not devports.port_open(chosen.number)
    assert not (run_dir / "mongo.json").exists()


def test_it_uses_the_default_port_when_it_is_free(run_dir):
    port = devports.free_port()
    chosen = devports.choose("llm", port)
    assert (chosen.number, chosen.ours_running, chosen.default_taken) == (port, False, False)


def test_a_second_devserver_in_the_same_checkout_is_refused(run_dir):
    first = devports.lock()
    assert first is not None
    assert devports.lock() is None
    first.close()
    again = devports.lock()
    assert again is not None
    again.close()


@pytest.mark.parametrize(("log", "line"), [
    ("Building wheel\n  [ 12/160] Building C object vendor/llama.cpp/ggml.c.o\n  [ 45/160] Building CXX\n", "step 45/160"),
    ("-- Configuring done\n[ 37%] Building CXX object src/llama.cpp.o\n", "37%"),
    ("Collecting llama-cpp-python==0.3.36\n  Downloading llama_cpp_python-0.3.36.tar.gz (50.7 MB)\n",
     "Downloading llama_cpp_python-0.3.36.tar.gz (50.7 MB)"),
    ("", "starting"),
])
def test_the_build_progress_line_says_where_the_build_is(log, line):
    assert devllm.build_progress(log) == line


@pytest.mark.django_db
def test_the_set_up_seeds_the_demo_once_and_again_when_the_database_lost_it():
    stamps: dict = {}
    assert devprepare._seed(stamps).startswith("seeded")
    assert User.objects.filter(username="demo").exists()
    assert devprepare._seed(stamps) == "unchanged"
    User.objects.filter(username="demo").delete()
    assert devprepare._seed(stamps).startswith("seeded")
    assert User.objects.filter(username="demo").exists()


@pytest.mark.django_db
def test_the_set_up_migrates_only_when_a_migration_is_missing():
    assert devprepare._migrate() == "up to date"
