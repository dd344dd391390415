from pathlib import Path

import pytest

from accord.coding.lexicon import Lexicon, default_lexicon
from accord.errors import ConfigError
from accord.model import EVENT_TYPES


def test_packaged_lexicon_covers_every_plover_type():
    lex = default_lexicon()
    types = {t.type for ts in lex.by_lemma.values() for t in ts if not t.skip}
    assert types == set(EVENT_TYPES)


def test_conditioned_entries_come_before_bare_ones():
    cands = default_lexicon().candidates("express", "verb")
    assert cands and all(t.object for t in cands)
    assert {t.type for t in cands} >= {"SUPPORT", "ACCUSE", "AGREE"}


def test_status_cues_are_loaded():
    cues = default_lexicon().cues
    assert cues["propose"] == "proposed"
    assert cues["plan"] == "planned"
    assert cues["not"] == "negated"


def test_user_lexicon_adds_and_overrides(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text("triggers:\n  - {lemma: snub, type: REJECT}\n  - {lemma: meet, type: CONSULT, mode: third-party}\n")
    lex = Lexicon.load(extra)
    assert lex.candidates("snub", "verb")[0].type == "REJECT"
    meet = [t for t in lex.candidates("meet", "verb") if not t.skip]
    assert len(meet) == 1 and meet[0].mode == "third-party"


@pytest.mark.parametrize("body, words", [
    ("triggers:\n  - {lemma: snub, type: SCOLD}\n", "unknown type"),
    ("triggers:\n  - {type: REJECT}\n", "needs at least"),
    ("triggers: [\n", "not valid YAML"),
    ("triggers:\n  - {lemma: x, type: AID, pos: adverb}\n", "pos"),
])
def test_bad_user_lexicon_is_a_clear_error(tmp_path: Path, body: str, words: str):
    extra = tmp_path / "bad.yaml"
    extra.write_text(body)
    with pytest.raises(ConfigError, match=words):
        Lexicon.load(extra)


def test_missing_user_lexicon_names_the_path(tmp_path: Path):
    with pytest.raises(ConfigError, match=r"nope\.yaml"):
        Lexicon.load(tmp_path / "nope.yaml")


def test_yaml_words_on_off_no_stay_words():
    lex = default_lexicon()
    particles = {t.particle for t in lex.candidates("call", "verb")}
    assert {"on", "off"} <= particles
    assert lex.cues["no"] == "negated"


def test_conditions_with_requires_and_blockers_are_read(tmp_path: Path):
    extra = tmp_path / "mine.yaml"
    extra.write_text(
        "triggers:\n"
        "  - {lemma: zap, type: ASSAULT, with: [air, drone]}\n"
        "  - {lemma: zap, type: ACCUSE, requires: [of]}\n"
        "  - {lemma: zap, object: [idea], skip: true}\n"
        "  - {lemma: zappy, pos: adj, type: SUPPORT}\n"
    )
    lex = Lexicon.load(extra)
    zap = lex.candidates("zap", "verb")
    assert [t.type for t in zap if t.skip] == ["-"]
    assert any(t.with_ == frozenset({"air", "drone"}) for t in zap)
    assert any(t.requires == frozenset({"of"}) for t in zap)
    # a modifier condition first, then an object, then the rest
    assert [bool(t.with_) for t in zap] == [True, False, False] and zap[1].object == frozenset({"idea"})
    assert lex.candidates("zappy", "adj")[0].type == "SUPPORT"


def test_a_type_is_still_required_for_ordinary_entries(tmp_path: Path):
    extra = tmp_path / "bad.yaml"
    extra.write_text("triggers:\n  - {lemma: zap, with: [air]}\n")
    with pytest.raises(ConfigError, match="needs at least"):
        Lexicon.load(extra)
