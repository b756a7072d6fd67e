# Two commands on a fresh machine: `make lab` and `make test`.
# Both bootstrap .venv from requirements.txt (exact pins, ending with `-e .`).

PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
LABSETTINGS := $(VENV)/share/jupyter/lab/settings
LAB_OVERRIDES := {"@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": true}, "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": false}}
# Jupyter refuses to run as root unless told; containers and CI machines often are root.
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--allow-root)
NOTEBOOKS := $(sort $(wildcard notebooks/[0-9][0-9]-*.ipynb))

.PHONY: lab test unit test-notebooks test-site test-browser properties notebooks lint bench bench-memory bench-browser clean help slides present dashboard sources contact-sheet room room-load freshness

help:
	@echo "make lab        start JupyterLab on 127.0.0.1 with the overview notebook"
	@echo "make test       lint + every layer of tests: unit, notebooks (strict nbval), site, browser"
	@echo "make unit       the unit layer: no kernel, no build, no browser (goal: under a minute)"
	@echo "make test-notebooks / test-site / test-browser   one layer alone"
	@echo "make properties the property tests at full length (1,000 states per explorer)"
	@echo "make notebooks  re-execute every notebook in place and clean its metadata"
	@echo "make lint       ruff over helpers, tests and notebooks"
	@echo "make bench      render parts vs matplotlib/Pillow's own, explorers' updates (ratio, median ms), notebooks,"
	@echo "                JupyterLab round trips, slides build (build/*.json); the memory runs: make bench-memory"
	@echo "make bench-memory  each explorer's memory over 5,000 changes, each in a fresh process (the long part)"
	@echo "make bench-browser the JupyterLab round trips alone (Chromium)"
	@echo "make slides     offline decks, pages, handout HTML+PDF into build/site (no network needed to open)"
	@echo "make contact-sheet  one PNG per offline deck, every slide a thumbnail (build/contact-sheets)"
	@echo "make present    live reveal slides with working explorers (Voila, 127.0.0.1:8866)"
	@echo "make dashboard  every notebook as a live dashboard, code hidden (Voila, 127.0.0.1:8866)"
	@echo "make room ROOM=folder [LAN=1]  the seminar's room server: phones rate and forecast (127.0.0.1:8870)"
	@echo "make room-load  200 phones, two rounds and a kill -9 against a room server on loopback"
	@echo "make freshness  what has gone stale: forecasts due, datasets old, releases due (offline)"
	@echo "make sources    which tier of source (originating/established/other) each data row rests on"

$(STAMP): requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@# Lab defaults for this venv only: start the notebook's kernel without asking,
	@# and no news or update checks (the briefing must work offline).
	mkdir -p $(LABSETTINGS)
	printf '%s\n' '$(LAB_OVERRIDES)' > $(LABSETTINGS)/overrides.json
	touch $(STAMP)

# With ROOM=folder on the command line, notebook 06's views read that live room.
WITH_ROOM = $(if $(filter command line environment,$(origin ROOM)),BRIEFING_ROOM="$(abspath $(ROOM))")

lab: $(STAMP)
	$(WITH_ROOM) $(BIN)/jupyter lab --ip=127.0.0.1 --ServerApp.root_dir=. $(ALLOW_ROOT) notebooks/00-overview.ipynb

lint: $(STAMP)
	$(BIN)/ruff check .

test: lint
	$(BIN)/python -m pytest

# One layer at a time (tests/conftest.py says which test is in which layer).
unit: $(STAMP)
	$(BIN)/python -m pytest tests -m unit -p no:nbval -o addopts="-ra -p no:cacheprovider -n 2 --dist worksteal --durations=5"

test-notebooks test-site test-browser: $(STAMP)
	$(BIN)/python -m pytest -m $(patsubst test-%,%,$@)

properties: $(STAMP)
	HYPOTHESIS_PROFILE=long $(BIN)/python -m pytest tests/test_properties.py -p no:nbval -o addopts="-ra -p no:cacheprovider"

# Execute in place (stores outputs and execution counts), then strip volatile metadata
# but keep outputs and counts, so strict nbval compares against what a fresh kernel prints.
notebooks: $(STAMP)
	@for nb in $(NOTEBOOKS); do \
	  echo "executing $$nb"; \
	  env -u MPLBACKEND $(BIN)/jupyter nbconvert --to notebook --execute --inplace \
	    --ExecutePreprocessor.timeout=120 --ExecutePreprocessor.kernel_name=python3 "$$nb" || exit 1; \
	  $(BIN)/nbstripout --keep-output --keep-count "$$nb" || exit 1; \
	done

# The measuring tools live in tests/tools/ (not tests: pytest never collects them).
bench: $(STAMP)
	cd tests && ../$(BIN)/python -m tools.bench_render
	cd tests && ../$(BIN)/python -m tools.bench_explorers
	cd tests && env -u MPLBACKEND ../$(BIN)/python -m tools.bench_notebooks

bench-memory: $(STAMP)
	cd tests && ../$(BIN)/python -m tools.bench_explorers --memory-only

bench-browser: $(STAMP)
	cd tests && env -u MPLBACKEND ../$(BIN)/python -m tools.bench_notebooks --only browser

# Offline build: pinned JavaScript from the npm registry (package-lock.json), notebooks
# re-executed with precomputed explorers, decks + pages + handout. Prints progress per notebook.
slides: $(STAMP)
	env -u MPLBACKEND $(BIN)/python -m helpers.present.build --out build/site

# Rows by source tier, per dataset, and the rows that rest only on aggregators or mirrors.
sources: $(STAMP)
	$(BIN)/python -m helpers.present.sources_report

# Every slide of every offline deck photographed at 1280x720 and laid out on one sheet per
# deck, to review a whole deck at a glance before a seminar (needs Debian's Chromium).
contact-sheet: $(STAMP)
	@# The sheets of the build you have (make slides rebuilds it, about a minute); built first
	@# only if there is none, and said so.
	@test -f build/site/index.html || { echo "no build/site yet: make slides first"; $(MAKE) slides; }
	@echo "contact sheets of build/site, built $$(date -r build/site/index.html '+%d %b %Y %H:%M')"
	$(BIN)/python -m helpers.present.contact_sheet --site build/site --out build/contact-sheets

present: $(STAMP)
	$(WITH_ROOM) $(BIN)/python -m helpers.present.live present

dashboard: $(STAMP)
	$(WITH_ROOM) $(BIN)/python -m helpers.present.live dashboard

# The room server: ROOM names the seminar's folder (created, or resumed as it was); LAN=1
# lets phones on the local network in (127.0.0.1 only otherwise). See the README.
ROOM ?= rooms/$(shell date +%F)
PORT ?= 8870
room: $(STAMP)
	$(BIN)/python -m helpers.present.room_server "$(ROOM)" --port $(PORT) $(if $(LAN),--lan)

room-load: $(STAMP)
	cd tests && ../$(BIN)/python -m tools.room_load --participants 200 --seconds 60 --kill

clean:
	rm -rf build node_modules .pytest_cache .ruff_cache

# What has gone stale since the briefing was dated (offline, seconds): run before each term.
freshness: $(STAMP)
	$(BIN)/python -m helpers.present.freshness
