"""The public API: what ``import accord`` offers, and that it codes text."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

import accord

REPO = Path(__file__).resolve().parents[1]

# Adding a name here is a decision about the public API: a name in accord.__all__ that is not
# listed fails the test, so nothing becomes public by accident.
EXPECTED = [
    "AccordError", "Actor", "CodedDocument", "DateValue", "Document", "Event", "Gazetteer", "Lexicon",
    "MergedEvent", "Pipeline", "PipelineConfig", "Place", "Problem", "Provenance", "Span", "Stage",
    "__version__", "code_text",
]


def test_all_is_the_curated_list():
    assert sorted(accord.__all__) == sorted(EXPECTED)
    assert len(set(accord.__all__)) == len(accord.__all__)


def test_every_public_name_resolves():
    for name in accord.__all__:
        assert getattr(accord, name) is not None, name
    assert set(dir(accord)) >= set(accord.__all__)


def test_unknown_name_is_an_attribute_error():
    try:
        accord.NoSuchThing  # noqa: B018
    except AttributeError as exc:
        assert "NoSuchThing" in str(exc)
    else:
        raise AssertionError("accord.NoSuchThing resolved")


def test_import_accord_does_not_load_spacy():
    """``import accord`` (and so ``accord --help``) stays fast: the pipeline is imported on first use."""
    code = "import sys, accord; print('spacy' in sys.modules, 'accord.pipeline' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={"PYTHONPATH": str(REPO / "src"), "PATH": ""}).stdout.split()
    assert out == ["False", "False"]


def test_code_text_codes_a_sentence_with_a_date():
    coded = accord.code_text("Russia accused Ukraine on Tuesday of shelling villages.", "2024-03-06")
    assert isinstance(coded, accord.CodedDocument)
    [event] = coded.events
    assert (event.type, event.actor[0].country, event.recipient[0].country) == ("ACCUSE", "RUS", "UKR")
    assert event.date is not None and event.date.value == "2024-03-05"  # the Tuesday before
    assert coded.provenance is not None and coded.provenance.coder_version.startswith(accord.__version__)


def test_code_text_says_what_is_wrong_with_a_date():
    with pytest.raises(accord.AccordError, match="YYYY-MM-DD"):
        accord.code_text("Russia accused Ukraine.", "6 March 2024")


def test_the_code_text_fixture_uses_the_public_api(code_text):
    from accord.pipeline import default_pipeline

    coded = code_text("Russia accused Ukraine on Tuesday of shelling villages.", "2024-03-06")
    assert coded.provenance == default_pipeline().provenance
    assert coded.document.origin == "<text>"  # made by Pipeline.code_text


def test_readme_example_runs():
    """The README's "Use it from Python" example, run as written: it prints what its
    ``# → ...`` lines say."""
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use it from Python", 1)[1].split("\n## ", 1)[0]
    [example] = re.findall(r"```python\n(.*?)```", section, flags=re.DOTALL)
    printed: list[str] = []
    exec(compile(example, "README.md", "exec"),
         {"print": lambda *a: printed.append(" ".join(map(str, a)))})
    expected = re.findall(r"^# → (.*)$", example, flags=re.MULTILINE)
    assert expected and printed == expected


def test_package_is_typed():
    assert (Path(accord.__file__).parent / "py.typed").is_file()
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    assert re.search(r'accord = \[[^\]]*"py\.typed"', pyproject)


def test_docstring_examples_run():
    import doctest

    import accord.pipeline

    for module in (accord, accord.pipeline):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
        assert result.attempted and not result.failed, module.__name__
