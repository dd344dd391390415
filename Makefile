# The two commands a fresh clone needs: `make demo` and `make test`. Both bootstrap .venv.
VENV := .venv
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
DB ?= accord.duckdb

.PHONY: demo test fuzz bench eval venv clean

venv:
	@bash scripts/bootstrap.sh

demo: venv
	$(ACCORD) run examples/seeds --db $(DB)
	$(ACCORD) events --db $(DB)
	$(ACCORD) dyads --db $(DB)

test: venv
	$(PY) -m pytest

# property-based fuzzing, long profile: over a million generated inputs (tests/fuzzing.py); the
# same tests run a few seconds each in `make test`
fuzz: venv
	HYPOTHESIS_PROFILE=long $(PY) -m pytest -q -p no:cacheprovider --hypothesis-show-statistics \
		tests/ingest/test_fuzz_readers.py tests/test_fuzz_timex.py tests/coding/test_fuzz_coding.py

bench: venv
	$(ACCORD) bench

eval: venv
	$(ACCORD) eval --gold ../shared/gold/seeds

clean:
	rm -rf $(VENV) $(DB) *.egg-info src/*.egg-info
