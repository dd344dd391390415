#!/usr/bin/env bash
# Creates .venv with a Python >= 3.12 and installs accord with its pinned dependencies.
# Idempotent: a second run only checks that the install is current.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    local cand
    for cand in python3.13 python3.12 python3; do
        if command -v "$cand" >/dev/null 2>&1 && "$cand" -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; then
            command -v "$cand"; return 0
        fi
    done
    for cand in "$HOME"/.pyenv/versions/3.1[2-9]*/bin/python3; do
        if [ -x "$cand" ]; then echo "$cand"; return 0; fi
    done
    return 1
}

stamp=.venv/.accord-installed
if [ -x .venv/bin/python ] && [ -f "$stamp" ] && [ "$stamp" -nt pyproject.toml ] && [ "$stamp" -nt constraints.txt ]; then
    exit 0
fi
if [ ! -x .venv/bin/python ]; then
    if ! py=$(find_python); then
        echo "accord needs Python >= 3.12 and none was found on PATH or under ~/.pyenv." >&2
        echo "Install one (e.g. 'pyenv install 3.12' or your system's python3.12 package) and run this again." >&2
        exit 1
    fi
    echo "Creating .venv with $py"
    "$py" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
echo "Installing accord and its pinned dependencies into .venv (first run takes a minute)"
.venv/bin/python -m pip install -q --disable-pip-version-check -c constraints.txt -e ".[test,dev,build]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import accord, spacy, duckdb" 
touch "$stamp"
