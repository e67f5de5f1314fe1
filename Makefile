# Two commands for a fresh machine: `make demo` and `make test` (see README.md);
# `make serve` runs the real thing (gunicorn + the background worker, production settings).
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8000
PYTHON ?= python3

.PHONY: demo serve test lint install system-packages

$(VENV)/.installed: pyproject.toml requirements.lock
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -c requirements.lock -e '.[dev]'
	touch $@

install: $(VENV)/.installed

# Debian packages (as root): Chinese OCR (tesseract-ocr, tesseract-ocr-chi-sim) and a Chinese font.
system-packages:
	bash scripts/install-system-packages.sh

# `make demo` runs the background worker beside the development server; Ctrl-C stops both.
demo: $(VENV)/.installed
	$(PY) manage.py migrate --noinput
	WAGTAILADMIN_BASE_URL=http://127.0.0.1:$(PORT) $(PY) manage.py load_demo
	$(PY) manage.py run_worker --verbosity 0 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(PY) manage.py runserver 127.0.0.1:$(PORT)

serve: $(VENV)/.installed
	PORT=$(PORT) $(PY) -m background.serve

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

test: lint
	$(VENV)/bin/pytest -n auto --durations=25
