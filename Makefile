# The two commands a fresh clone needs: `make demo` and `make test`. Both bootstrap .venv.
VENV := .venv
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
DB ?= accord.duckdb

.PHONY: demo serve lint test fuzz crash bench eval venv clean

venv:
	@bash scripts/bootstrap.sh

demo: venv
	$(ACCORD) run examples/seeds --db $(DB)
	$(ACCORD) events --db $(DB)
	$(ACCORD) dyads --db $(DB)

# the REST API (/docs) and the dashboard (/) over the store `make demo` built, on 127.0.0.1:8000
serve: venv
	$(ACCORD) serve --db $(DB)

# the gates (ARCHITECTURE.md): lint rules, types, and the import contracts that keep the layers;
# all three run, so one CI log shows every finding
lint: venv
	@status=0; \
	$(VENV)/bin/ruff check src tests scripts || status=1; \
	$(VENV)/bin/mypy src/accord || status=1; \
	$(VENV)/bin/lint-imports || status=1; \
	exit $$status

test: lint
	$(PY) -m pytest

# property-based fuzzing, long profile: over a million generated inputs (tests/fuzzing.py); the
# same tests run a few seconds each in `make test`
fuzz: venv
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics \
		tests/ingest/test_fuzz_readers.py tests/test_fuzz_timex.py tests/coding/test_fuzz_coding.py

# accord run killed with SIGKILL 100 times at random moments, then finished and compared
# with a clean run (the normal suite does 5 kills)
crash: venv
	ACCORD_CRASH_KILLS=100 $(PY) -m pytest -q -s tests/test_crash.py

bench: venv
	$(ACCORD) bench

eval: venv
	$(ACCORD) eval --gold ../shared/gold/seeds

clean:
	rm -rf $(VENV) $(DB) *.egg-info src/*.egg-info .mypy_cache .ruff_cache .import_linter_cache
