# Two commands do everything: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run test lint check venv venv-dev node score hostile bench-copies bench-stories bench soak loadtest validate

CORPUS ?= ../shared/corpus

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Two locked sets, installed with their hashes: requirements.txt is what production runs
# (`make run`), requirements-dev.txt adds tests, lint and the load tools on top. With
# hashes pip wants every package of one command hashed, so the dev stamp installs both
# files together. Each stamp reinstalls when a file it depends on changes.
$(VENV)/.installed: requirements.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements.txt -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

# The browser validators (axe-core, Lighthouse), locked in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

node: node_modules/.installed

venv-dev: $(VENV)/.installed-dev

run: venv
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	$(BIN)/python manage.py ensure_admin --port $(PORT)
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

lint: venv-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

check: venv-dev
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run

test: lint check node
	$(BIN)/pytest

# The validators (Nu Html Checker, RFC 4287, English words on Russian pages, axe-core in
# Chromium) over every page a crawl of the demo site reaches, and Lighthouse on one page of
# each kind and language; `make test` runs the same on a few pages.
validate: venv-dev node
	VALIDATE_FULL=1 $(BIN)/pytest tests/test_validators.py tests/test_feed_validity.py tests/test_accessibility.py tests/test_lighthouse.py -p no:cacheprovider -s

# Measure the importer on the annotated corpus (kept outside the project).
score: venv-dev
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py load_reference
	$(BIN)/python manage.py extract $(CORPUS)/texts/*.json > .score-predictions.jsonl
	python3 $(CORPUS)/score.py $(CORPUS)/texts .score-predictions.jsonl

# Time the importer on hostile texts of 200,000 characters (repeated dates and names, one
# long line, no spaces, 50,000 lines, ...): extraction and the admin's proposal for each;
# fails when the worst extraction takes over 2 s or the worst proposal over 3 s.
hostile: venv-dev
	$(BIN)/python bench/hostile.py

# Pages of two to five corpus texts in four shapes (headline + date line, headline + glued
# date, crawler stamps, raw texts): stories found exactly, and each story's date and links.
bench-stories: venv-dev
	$(BIN)/python bench/stories.py --corpus $(CORPUS) --pages 150

# Extraction with the search for copies against the 100,000-item bench archive (a copy of
# it): texts per second after start-up; fails below 200.
bench-copies: venv-dev
	$(BIN)/python bench/copies.py $(CORPUS)/texts/*.json

# Serve a 100,000-item archive with gunicorn and load it with ApacheBench (apt-get install
# apache2-utils).
bench: venv-dev
	$(BIN)/python bench/run.py
	$(BIN)/python bench/history.py
	$(BIN)/python bench/counts.py

# Soak test: 50 readers and 2 editors saving through the admin for 10 minutes, against
# gunicorn (bench/soak.py, with locust); fails when a target is missed. On SQLite by
# default; `make soak DATABASE=postgres` runs it on a PostgreSQL server it starts, at
# 100,000 items.
DATABASE ?= sqlite
SOAK_ITEMS = $(if $(filter postgres,$(DATABASE)),100000,20000)
soak: venv-dev
	$(BIN)/python bench/soak.py --minutes 10 --vendor $(DATABASE) --items $(SOAK_ITEMS)

# The same for one minute, as CI runs it (on each database, at 20,000 items).
LOADTEST_OUTPUT = bench/loadtest-results$(if $(filter postgres,$(DATABASE)),-postgres).json
loadtest: venv-dev
	$(BIN)/python bench/soak.py --minutes 1 --vendor $(DATABASE) --output $(LOADTEST_OUTPUT)
