# systematise: the two quick-start commands are `make report` and `make test`.
# Each sets up whatever is missing (system packages, a virtualenv in .venv) first.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)

.PHONY: report test quick setup setup-test lint typecheck pytest bench samples schemas catalogs golden clean

report: setup
	$(BIN)/systematise template --lang es -o output/templates/
	$(BIN)/systematise template --lang en -o output/templates/
	$(BIN)/systematise template --lang pt -o output/templates/
	$(BIN)/systematise template --lang fr -o output/templates/
	$(BIN)/systematise build

test: setup-test lint typecheck pytest

setup: $(STAMP)
	@bash scripts/setup-system.sh report

setup-test: $(STAMP)
	@bash scripts/setup-system.sh test
	@$(MAKE) --no-print-directory node_modules/.installed

# axe-core and the Nu HTML Checker, pinned in package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
	@touch $@

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@rm -f $(VENV)/.installed-*
	@touch $@

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck:
	$(BIN)/mypy src tests scripts benchmarks

# The whole suite on every core (pytest-xdist), each test file kept in one process so that what
# its tests share is made once there (the build most files share is made once a process).
pytest:
	$(BIN)/pytest -q -n auto --dist loadfile --durations=15

# The fast tests only (no report rendered, no LibreOffice or Chromium), on every core: well
# under a minute.
quick: $(STAMP)
	$(BIN)/pytest -q -n auto -m "not slow and not clients"

# Regenerate the sample cycle's workbooks in submissions/ from samples/source/.
schemas: setup
	$(BIN)/python -m systematise.schema.jsonschema

# Regenerate the sample cycle's workbooks in submissions/ from samples/source/.
samples: setup
	$(BIN)/python scripts/make_sample_cycle.py

# Extract every user-facing message (Python, Jinja templates, command-line help) and update the
# gettext catalogues of every domain in every language (babel.cfg); lists what is untranslated.
catalogs: setup
	$(BIN)/python -m systematise.catalogs

# Regenerate the golden HTML files after an intended change of the report.
golden: setup
	$(BIN)/pytest -q tests/render --update-golden

# Pictures to check the publication by eye, into output/proof/ (builds first; quick when
# nothing changed): every page of both PDFs on contact sheets, and both HTML reports and the
# landing page as a 390 px wide phone shows them.
.PHONY: proof
proof: setup-test
	$(BIN)/python scripts/proof.py

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf output .venv .pytest_cache .mypy_cache .ruff_cache
