# Gevinsttavlen: `make run` starts the dashboard and its API (/api/v1) in one server,
# `make run-dev` the dashboard alone with Streamlit's reload on save, `make test` runs every test,
# `make bench` measures it at national scale.
SHELL := /bin/bash
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8501
# Debian packages the tests need: a real browser and a real PostgreSQL server.
TEST_DEBS := chromium postgresql fonts-dejavu-core faketime

.PHONY: run run-dev test test-dates lint bench venv system-deps screenshots

venv: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

run: venv
	$(BIN)/gevinst setup
	@echo "Gevinsttavlen: http://localhost:$(PORT) (API: http://localhost:$(PORT)/api/v1/docs)"
	$(BIN)/gevinst serve --port $(PORT)

# For development: the pages only (no /api/v1), rerun when a file is saved.
run-dev: venv
	$(BIN)/gevinst setup
	$(BIN)/python -m streamlit run dashboard/app.py --server.port $(PORT) --server.headless true \
	  --server.runOnSave true

system-deps:
	@missing=""; \
	for pkg in $(TEST_DEBS); do \
	  dpkg-query -W -f='$${Status}' $$pkg 2>/dev/null | grep -q "ok installed" || missing="$$missing $$pkg"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian packages for the tests:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
	  else \
	    echo "The tests need these Debian packages:$$missing" >&2; \
	    echo "Install them with: sudo apt-get install$$missing" >&2; exit 1; \
	  fi; \
	fi

test: venv system-deps
	$(BIN)/ruff check .
	$(BIN)/python -m pytest
	$(MAKE) --no-print-directory test-dates

# No test may depend on the real date: the date-bound tests again with the machine's
# clock moved (faketime) to a month's first day, a 31 December and two years ahead.
REAL_DATES := 2027-03-01 2026-12-31 2028-11-30
DATE_TESTS := tests/tracking/test_any_date.py tests/app/test_goal_pages.py
test-dates: venv system-deps
	@for d in $(REAL_DATES); do \
	  echo "Date-bound tests with the real clock at $$d"; \
	  faketime "$$d 07:45:00" $(BIN)/python -m pytest -q $(DATE_TESTS) || exit 1; \
	done

# Synthetic data at S/M/L on DuckDB, PostgreSQL and SQLite, every operation timed
# (about 20 minutes on 2 cores); writes bench/results.md, bench/results.json and README's
# benchmark section. One part alone: python -m bench.run --only browser --scales S,L
bench: venv system-deps
	$(BIN)/python -m bench.run --out bench --readme README.md

lint: venv
	$(BIN)/ruff check .

# The README's screenshots from the demo, signed in (docs/screenshots).
screenshots: venv system-deps
	$(BIN)/python -m tests.support.readme_screenshots docs/screenshots
