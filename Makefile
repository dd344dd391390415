# The two commands a fresh clone needs: `make demo` and `make test`. Both bootstrap .venv.
VENV := .venv
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
DB ?= accord.duckdb

.PHONY: demo test bench eval crash venv clean

venv:
	@bash scripts/bootstrap.sh

demo: venv
	$(ACCORD) run examples/seeds --db $(DB)
	$(ACCORD) events --db $(DB)
	$(ACCORD) dyads --db $(DB)

test: venv
	$(PY) -m pytest

# accord run killed with SIGKILL 100 times at random moments, then finished and compared
# with a clean run (the normal suite does 5 kills)
crash: venv
	ACCORD_CRASH_KILLS=100 $(PY) -m pytest -q -s tests/test_crash.py

bench: venv
	$(ACCORD) bench

eval: venv
	$(ACCORD) eval --gold ../shared/gold/seeds

clean:
	rm -rf $(VENV) $(DB) *.egg-info src/*.egg-info
