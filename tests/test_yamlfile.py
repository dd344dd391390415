"""accord's YAML reader gives what PyYAML's pure-Python safe loader gives, for every data file."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from accord import yamlfile

DATA = Path(yamlfile.__file__).resolve().parent / "data"
FILES = sorted(DATA.rglob("*.yaml"))


def test_there_are_data_files_to_check():
    assert len(FILES) >= 5


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(DATA).as_posix())
def test_each_data_file_reads_the_same(path):
    text = path.read_text(encoding="utf-8")
    assert yamlfile.safe_load(text) == yaml.safe_load(text)


def test_implicit_types_resolve_as_the_safe_loader_does():
    text = "a: 1\nb: 2.5\nc: yes\nd: 2020-01-02\ne: null\nf: '007'\n"
    assert yamlfile.safe_load(text) == yaml.safe_load(text)
