# The two commands a fresh clone needs: `make demo` and `make test`. Both bootstrap .venv.
VENV := .venv
PY := $(VENV)/bin/python
ACCORD := $(VENV)/bin/accord
DB ?= accord.duckdb

.PHONY: demo test bench eval venv clean

venv:
	@bash scripts/bootstrap.sh

demo: venv
	$(ACCORD) run examples/seeds --db $(DB)
	$(ACCORD) events --db $(DB)
	$(ACCORD) dyads --db $(DB)

test: venv
	$(PY) -m pytest

bench: venv
	$(ACCORD) bench

eval: venv
	$(ACCORD) eval --gold ../shared/gold/seeds

clean:
	rm -rf $(VENV) $(DB) *.egg-info src/*.egg-info
