# The two commands of the quick start:
#   make serve   start heartwork on http://127.0.0.1:8000 (SQLite, data in ./var)
#   make test    run the whole test suite (SQLite, PostgreSQL when reachable, browser)
# Everything is installed into ./.venv from the hash-locked files in requirements/.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export HEARTWORK_DATA_DIR ?= $(CURDIR)/var

.PHONY: serve test demo lock bench clean train-feelings bench-feelings

serve: $(VENV)/.app-installed
	$(BIN)/heartwork serve

demo: $(VENV)/.app-installed
	$(BIN)/heartwork demo

test: $(VENV)/.dev-installed
	bash scripts/test.sh

bench: $(VENV)/.dev-installed
	$(BIN)/python bench/today_page.py

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.app-installed: requirements/app.txt requirements/build.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/build.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/app.txt
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

$(VENV)/.dev-installed: requirements/dev.txt $(VENV)/.app-installed
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/dev.txt
	touch $@

# Re-lock after changing dependencies in pyproject.toml (needs pip-tools in the venv).
# The lock files name no index or local mirror, so they install from any PyPI.
LOCK_FLAGS := -q --generate-hashes --allow-unsafe --no-emit-index-url --no-emit-find-links
lock: $(VENV)/.dev-installed
	$(BIN)/pip install --quiet pip-tools
	$(BIN)/pip-compile $(LOCK_FLAGS) -o requirements/build.txt requirements/build.in
	$(BIN)/pip-compile $(LOCK_FLAGS) --strip-extras -o requirements/app.txt pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --strip-extras --extra test -c requirements/app.txt -o requirements/dev.txt pyproject.toml
	$(BIN)/pip-compile $(LOCK_FLAGS) --strip-extras --extra feelings -c requirements/dev.txt -o requirements/feelings.txt pyproject.toml

# Retrain the feelings suggester and measure it (numpy, scikit-learn and the lexicons; a
# few minutes of CPU). The app itself never needs these.
$(VENV)/.feelings-installed: requirements/feelings.txt $(VENV)/.dev-installed
	$(BIN)/pip install --quiet --disable-pip-version-check --require-hashes -r requirements/feelings.txt
	touch $@

train-feelings: $(VENV)/.feelings-installed
	$(BIN)/python scripts/train_feelings.py

bench-feelings: $(VENV)/.feelings-installed
	$(BIN)/python bench/feelings.py

clean:
	rm -rf $(VENV) var .screenshots
