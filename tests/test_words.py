"""The word tables in data/words/ and their loader, accord.words."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from accord import words
from accord.errors import AccordError, ConfigError

SRC = Path(words.__file__).parent
# every table the code asks for: words.word_set("speech", "reporting") and the like
_CALL = re.compile(r"words\.(word_set|word_list|word_pairs|word_groups|word_map|word_set_map)\(\"(\w+)\", \"(\w+)\"\)")


def _calls() -> list[tuple[str, str, str]]:
    found = set()
    for path in SRC.rglob("*.py"):
        found.update(_CALL.findall(path.read_text(encoding="utf-8")))
    return sorted(found)


def _fake(monkeypatch: pytest.MonkeyPatch, name: str, text: str) -> None:
    """Serve ``text`` as the word file ``name`` (a name no packaged file has, so no cached table
    of a real file is touched)."""
    real = words._file

    def fake(file: str):
        return words.parse(text, f"data/words/{name}.yaml") if file == name else real(file)

    monkeypatch.setattr(words, "_file", fake)


def test_every_file_loads_and_every_table_has_a_shape():
    assert {"speech", "modality", "actors", "arguments"} <= set(words.files())
    for file in words.files():
        assert words.tables(file), file
        for table in words.tables(file):
            raw = words._raw(file, table)
            if isinstance(raw, list) and raw and all(isinstance(x, list) and len(x) == 2 for x in raw):
                assert words.word_pairs(file, table)
            elif isinstance(raw, list) and raw and isinstance(raw[0], list):
                assert words.word_groups(file, table)
            elif isinstance(raw, list) or "base" in raw:
                assert words.word_set(file, table), (file, table)
            else:
                assert words.word_set_map(file, table) if isinstance(next(iter(raw.values())), list) \
                    else words.word_map(file, table)


def test_every_table_the_code_asks_for_exists_and_is_not_empty():
    calls = _calls()
    assert len(calls) > 100  # the coder, the argument finder and the actor resolver all read tables
    for func, file, table in calls:
        value = getattr(words, func)(file, table)
        assert value, f"{func}({file!r}, {table!r}) is empty"


def test_every_table_is_read_by_the_code_or_is_the_base_of_one():
    asked = {(file, table) for _, file, table in _calls()}
    for file in words.files():
        for table in words.tables(file):
            raw = words._raw(file, table)
            bases = {b for t in words.tables(file) if isinstance(r := words._raw(file, t), dict) and "base" in r
                     for b in (r["base"] if isinstance(r["base"], list) else [r["base"]])}
            assert (file, table) in asked or table in bases, f"data/words/{file}.yaml: {table} is read by no one"
            assert raw is not None


def test_the_types_the_code_used():
    assert isinstance(words.word_set("speech", "reporting"), frozenset)
    assert isinstance(words.word_list("actors", "head_roles"), tuple)
    assert words.word_pairs("merging", "derivations")[0] == ("ing", "")
    assert words.word_groups("merging", "synonyms")[0] >= {"deal", "agreement"}
    assert words.word_map("actors", "sector_words")["parliament"] == "LEG"
    assert words.word_set_map("actors", "homes")["kurd"] >= {"TUR", "IRQ"}


def test_tables_are_loaded_once_and_cannot_be_changed():
    from accord.coding import reported, status

    assert reported.REPORTING is words.word_set("speech", "reporting")
    assert status._FUTURE_AUX is words.word_set("modality", "future_auxiliaries")
    with pytest.raises(TypeError):
        words.word_map("actors", "sector_words")["bank"] = "GOV"  # type: ignore[index]
    with pytest.raises(TypeError):
        words.word_set_map("actors", "homes")["kurd"] = frozenset()  # type: ignore[index]


def test_one_speech_verb_list_is_the_base_of_every_variant():
    base = words.word_set("speech", "speech_verbs")
    assert {"say", "tell", "state"} <= base
    for table in ("speaker_verbs", "reporters", "stating", "saying", "governing_speech", "reporting"):
        assert words._raw("speech", table)["base"] == "speech_verbs"
        assert {"say", "tell"} <= words.word_set("speech", table)


def test_modal_tables_are_built_from_the_shared_bases():
    future = words.word_set("modality", "future_auxiliaries")
    unrealised = words.word_set("modality", "unrealised_auxiliaries")
    assert future | words.word_set("modality", "possibility_modals") | {"to", "would"} == unrealised
    assert words.word_set("modality", "obligation_modals") <= words.word_set("modality", "possibility_modals")


def test_every_plain_scalar_is_a_word(monkeypatch):
    _fake(monkeypatch, "t_scalars", "t: [no, on, off, yes, null, true, 1, ~]\n")
    assert words.word_set("t_scalars", "t") == {"no", "on", "off", "yes", "null", "true", "1", "~"}


def test_a_derived_table(monkeypatch):
    _fake(monkeypatch, "t_derived", "a: [x, y]\nb: [z]\nc: {base: [a, b], add: [w], remove: [y]}\n")
    assert words.word_set("t_derived", "c") == {"x", "z", "w"}


def test_an_unknown_file_or_table_says_where_to_look():
    with pytest.raises(ConfigError, match=r"no word file data/words/nosuch\.yaml; the files are: .*speech"):
        words.word_set("nosuch", "x")
    with pytest.raises(ConfigError, match=r"data/words/speech\.yaml has no table 'nosuch'; add it there .*reporting"):
        words.word_set("speech", "nosuch")
    assert issubclass(ConfigError, AccordError)


@pytest.mark.parametrize(("text", "call", "message"), [
    ("[a, b]\n", ("word_set", "t"), r"t_bad\.yaml: expected a mapping from table names"),
    ("t: [a, b\n", ("word_set", "t"), r"t_bad\.yaml: not valid YAML"),
    ("t: word\n", ("word_set", "t"), r"t_bad\.yaml: table 't' must be a list of words or a mapping"),
    ("t: [a, [b]]\n", ("word_set", "t"), r"t_bad\.yaml, table 't': expected a list of words"),
    ("t: [a, '']\n", ("word_list", "t"), r"t_bad\.yaml, table 't': expected a list of words"),
    ("t: {base: u}\n", ("word_set", "t"), r"table 't': base 'u' is no table of data/words/t_bad\.yaml"),
    ("t: {base: u}\nu: {base: t}\n", ("word_set", "t"), r"table 'u': its bases build on each other in a circle \(t -> u -> t\)"),
    ("t: {bases: u}\nu: [a]\n", ("word_set", "t"), r"table 't': a derived table has the keys base"),
    ("t: [[a, b, c]]\n", ("word_pairs", "t"), r"table 't': expected a list of pairs"),
    ("t: [a, b]\n", ("word_map", "t"), r"table 't': expected a mapping of words to words"),
    ("t: {a: [b], c: d}\n", ("word_set_map", "t"), r"table 't', entry 'c': expected a list of words"),
])
def test_a_malformed_file_names_the_file_the_table_and_the_fix(monkeypatch, text, call, message):
    name = f"t_bad_{abs(hash(text))}"
    _fake(monkeypatch, name, text)
    with pytest.raises(ConfigError, match=message.replace("t_bad", name)):
        func, table = call
        getattr(words, func)(name, table)
