"""accord.vocabulary: the filter values accord knows, checked with a "did you mean"."""

from __future__ import annotations

import pytest

from accord import vocabulary
from accord.errors import AccordError, ConfigError
from accord.vocabulary import VocabularyError


def test_the_error_is_an_accord_error():
    assert issubclass(VocabularyError, ConfigError) and issubclass(VocabularyError, AccordError)


def test_known_values_are_normalised():
    assert vocabulary.plover_type(" consult ") == "CONSULT"
    assert vocabulary.status("Planned") == "planned"
    assert vocabulary.country_code("aze", "--country") == "AZE"
    assert vocabulary.dyad("aze,ukr") == ("AZE", "UKR") == vocabulary.dyad("AZE UKR")
    assert vocabulary.pair("arm", "aze") == ("ARM", "AZE")


@pytest.mark.parametrize(("call", "message"), [
    (lambda: vocabulary.plover_type("consul"), "--type: 'consul' is not a PLOVER type; did you mean CONSULT?"),
    (lambda: vocabulary.status("done"), "--status: 'done' is not an event status; did you mean occurred?"),
    (lambda: vocabulary.country_code("ukraine", "--country"),
     "--country takes a three-letter country code: 'ukraine' is not one; did you mean UKR (Ukraine)?"),
    (lambda: vocabulary.dyad("AZEUKR"), "--dyad takes two country codes like AZE-UKR, not 'AZEUKR'"),
    (lambda: vocabulary.dyad("AZE-AZE"), "a dyad needs two different countries, not AZE twice"),
    (lambda: vocabulary.pair("AZE", "XX"), "country B takes a three-letter country code: 'XX' is not one"),
])
def test_unknown_values_say_what_to_type(call, message):
    with pytest.raises(VocabularyError) as raised:
        call()
    assert str(raised.value).startswith(message)


def test_the_api_does_not_import_the_cli():
    import subprocess
    import sys

    code = "import sys, accord.serve, accord.serve.params, accord.serve.routes_read; " \
           "print(sorted(m for m in sys.modules if m.startswith('accord.cli')))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
