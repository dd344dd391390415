"""accord.recoding: a lexicon change recodes only the documents it can touch, and the result
equals a full recode; a code change recodes everything and says why; old stores migrate."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import yaml

from accord import pipeline
from accord.pipeline import PipelineOptions, run
from accord.recoding import Change, changes, code_snapshot, document_words, lexicon_snapshot, touched
from accord.store import Store

ARTICLES = {
    "snub.txt": "date 2024-03-04\n\nAzerbaijan snubbed Armenia at the summit in Baku on Monday.\n",
    "shun.txt": "date 2024-03-05\n\nGeorgia shunned the Russian envoy in Tbilisi on Tuesday.\n",
    "sign.txt": "date 2024-03-06\n\nFrance and Germany signed a trade agreement in Paris on Wednesday.\n",
    "woo.txt": "date 2024-03-07\n\nTurkey wooed Greece with an offer of talks on Thursday.\n",
    "ponder.txt": "date 2024-03-08\n\nJapan pondered talks with China on Friday.\n",
    "meet.txt": "date 2024-03-09\n\nThe foreign minister of Azerbaijan met his Ukrainian counterpart in Baku.\n",
}


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    for name, text in ARTICLES.items():
        (folder / name).write_text(text)
    return folder


def lexicon(path: Path, triggers: list[dict], cues: dict | None = None) -> Path:
    path.write_text(yaml.safe_dump({"triggers": triggers, "cues": cues or {}}))
    return path


def events(db: Path) -> list[tuple]:
    """Every stored event, comparable across stores (by document and position)."""
    with Store.open(db, read_only=True) as store:
        return sorted((e.doc_id, e.trigger.start, repr(e)) for e in store.events())


def full(tmp_path: Path, folder: Path, lex: Path, name: str) -> list[tuple]:
    db = tmp_path / f"full-{name}.duckdb"
    run([folder], db, options=PipelineOptions(lexicon=lex))
    return events(db)


def test_a_lexicon_change_recodes_only_documents_with_a_changed_key_and_equals_a_full_recode(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    lex = tmp_path / "extra.yaml"
    steps = [
        ("start", [{"lemma": "shun", "type": "REJECT"}], None, None),
        ("addition", [{"lemma": "shun", "type": "REJECT"}, {"lemma": "woo", "type": "SUPPORT"}], None, "woo.txt"),
        ("edit", [{"lemma": "shun", "type": "ACCUSE"}, {"lemma": "woo", "type": "SUPPORT"}], None, "shun.txt"),
        ("removal", [{"lemma": "shun", "type": "ACCUSE"}], None, "woo.txt"),
        ("cue", [{"lemma": "shun", "type": "ACCUSE"}], {"hypothetical": ["ponder"]}, "ponder.txt"),
        # an entry of the packaged lexicon overridden: "snub" is REJECT there
        ("packaged", [{"lemma": "shun", "type": "ACCUSE"}, {"lemma": "snub", "type": "ACCUSE"}],
         {"hypothetical": ["ponder"]}, "snub.txt"),
    ]
    seen_changes = set()
    before = None
    for name, triggers, cues, recoded in steps:
        lexicon(lex, triggers, cues)
        report = run([folder], db, options=PipelineOptions(lexicon=lex))
        if recoded is None:
            assert report.documents == len(ARTICLES)
        else:
            assert report.recoded == {pipeline.RECODE_LEXICON: 1}, (name, report)
            assert (report.documents, report.unaffected, report.already_coded) == (1, len(ARTICLES) - 1, 0)
        selective = events(db)
        assert selective == full(tmp_path, folder, lex, name), name  # the same events as coding all again
        if before is not None:
            seen_changes.add(selective != before)
        before = selective
        again = run([folder], db, options=PipelineOptions(lexicon=lex))  # nothing left to do
        assert (again.documents, again.already_coded, again.unaffected) == (0, len(ARTICLES), 0)
    assert True in seen_changes  # the changes did change events: the comparison meant something


def test_the_report_names_the_changed_entries(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    lex = lexicon(tmp_path / "extra.yaml", [{"lemma": "shun", "type": "REJECT"}])
    run([folder], db, options=PipelineOptions(lexicon=lex))
    lexicon(lex, [{"lemma": "woo", "type": "SUPPORT"}])
    report = run([folder], db, options=PipelineOptions(lexicon=lex))
    assert report.lexicon_changes == Change(added=("woo",), removed=("shun",))
    assert report.recoded == {pipeline.RECODE_LEXICON: 2} and report.unaffected == len(ARTICLES) - 2


def test_a_code_change_recodes_everything_and_says_what_changed(tmp_path, monkeypatch):
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    run([folder], db)
    monkeypatch.setattr(pipeline, "EXTRACTOR_VERSION", "99.0")
    report = run([folder], db)
    assert report.recoded == {pipeline.RECODE_CODE: len(ARTICLES)}
    assert report.code_changes == ["EXTRACTOR_VERSION"]
    forced = run([folder], db, recode=True)
    assert forced.recoded == {pipeline.RECODE_FORCED: len(ARTICLES)}


def test_a_store_from_before_selective_recoding_migrates_and_codes_each_document_once_more(tmp_path):
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    run([folder], db)
    clean = events(db)
    # as an accord without migration 0007 (nor 0010, which adds to its table) left it
    con = duckdb.connect(str(db))
    con.execute("DROP TABLE document_coding; DROP TABLE extractor_snapshots;"
                "DELETE FROM schema_migrations WHERE name IN ('0007_selective_recoding', '0010_document_gazetteer')")
    con.close()
    report = run([folder], db)
    assert report.recoded == {pipeline.RECODE_UNKNOWN: len(ARTICLES)}
    assert events(db) == clean
    assert run([folder], db).already_coded == len(ARTICLES)


def test_a_lexicon_snapshot_has_one_digest_per_key_and_sees_cues_and_accusatory_words(tmp_path):
    base = lexicon_snapshot()
    assert "accuse" in base.parts and base.fingerprint == lexicon_snapshot().fingerprint
    extra = tmp_path / "x.yaml"
    extra.write_text(yaml.safe_dump({"triggers": [{"lemma": "woo", "type": "SUPPORT"}],
                                     "cues": {"hypothetical": ["ponder"]}, "accusatory": ["heinous"]}))
    change = changes(base.parts, lexicon_snapshot(extra).parts)
    assert set(change.added) == {"woo", "ponder", "heinous"} - set(base.parts)
    assert not change.removed and not change.edited
    assert change.describe(limit=1).startswith("+")


def test_code_snapshot_leaves_the_lexicon_to_its_own_part():
    parts = code_snapshot("1.0").parts
    assert parts["EXTRACTOR_VERSION"] == "1.0" and "coding/coder.py" in parts
    assert "data/triggers.yaml" not in parts and "data/places.tsv" in parts
    assert "package spacy" in parts


def test_document_words_are_lemmas_and_lower_cased_forms(coder):
    doc = coder.nlp("Georgia shunned the envoys.")
    words = document_words(doc)
    assert {"shun", "shunned", "georgia", "envoy", "envoys"} <= set(words)
    assert touched(words, Change(edited=("shun",))) and not touched(words, Change(added=("woo",)))


@pytest.mark.parametrize("stale", ["removed", "edited"])
def test_changes_sorts_keys_into_added_removed_and_edited(stale):
    old = {"a": "1", "b": "2", "c": "3"}
    new = {"a": "1", "c": "4", "d": "5"}
    change = changes(old, new)
    assert change == Change(added=("d",), removed=("b",), edited=("c",))
    assert getattr(change, stale)


def test_a_rerun_with_the_same_lexicon_files_does_not_parse_them(tmp_path, monkeypatch):
    folder = corpus(tmp_path)
    db = tmp_path / "s.duckdb"
    lex = lexicon(tmp_path / "extra.yaml", [{"lemma": "shun", "type": "REJECT"}])
    run([folder], db, options=PipelineOptions(lexicon=lex))

    def parse(*args):
        raise AssertionError("the lexicon was parsed again")

    monkeypatch.setattr(pipeline, "lexicon_snapshot", parse)
    assert run([folder], db, options=PipelineOptions(lexicon=lex)).already_coded == len(ARTICLES)
    lexicon(lex, [{"lemma": "shun", "type": "ACCUSE"}])  # new bytes: parsed
    with pytest.raises(AssertionError, match="parsed again"):
        run([folder], db, options=PipelineOptions(lexicon=lex))


class _Recorded(dict):
    """A lexicon table that notes every key it is asked for."""

    asked: set

    def get(self, key, default=None):
        self.asked.add(key)
        return super().get(key, default)

    def __getitem__(self, key):
        self.asked.add(key)
        return super().__getitem__(key)

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


class _RecordedSet(frozenset):
    asked: set

    def __contains__(self, key):
        self.asked.add(key)
        return super().__contains__(key)


# made up, with the constructions whose lookups could stray from a token's own lemma or form:
# particles, compounds, hyphens, headline capitals, cues, reported accusations, possessives
LOOKUPS = (
    "RUSSIA, UKRAINE SIGN CEASE-FIRE DEAL\n\n"
    "Moscow called off the air strikes on Monday after Kyiv's envoy threatened to walk out of talks. "
    "Ukraine accused Russia of an arbitrary and illegal detention of its sailors, and said the Kremlin "
    "had orchestrated the attack. Poland plans to send aid and failed to agree on sanctions; Hungary "
    "vowed to block them. The ministers will not begin negotiations, officials said, speaking on "
    "condition of anonymity. Turkey's foreign minister hailed the truce and offered to host a summit.\n"
)


def test_the_coder_looks_the_lexicon_up_only_with_words_kept_for_the_document(coder, monkeypatch):
    """The guarantee selective recoding rests on: a lookup with any other string (text joined
    across tokens, a case-sensitive form...) would let a lexicon change touch a document that
    does not contain the changed key. Coding a new lookup? Add its string to ``document_words``."""
    import datetime as dt

    from accord.coding.lexicon import Lexicon
    from accord.model import Document

    asked: set[str] = set()
    base = coder.lexicon
    by_lemma, cues, accusatory = _Recorded(base.by_lemma), _Recorded(base.cues), _RecordedSet(base.accusatory)
    for table in (by_lemma, cues, accusatory):
        table.asked = asked
    monkeypatch.setattr(coder, "lexicon", Lexicon(by_lemma, cues, accusatory))
    document = Document(id="lookups", text=LOOKUPS, published=dt.date(2024, 5, 6), doc_origin="t.txt")
    [result] = coder.code_each([document])
    assert result.coded.events  # the text did exercise the coder
    assert asked, "no lookup was recorded: the coder reads the lexicon some other way now"
    assert asked <= set(result.words), sorted(asked - set(result.words))


def test_document_words_read_at_once_are_the_tokens_words(coder):
    """``document_words`` reads the lemma and lowercase columns at once: the same words as
    each token's ``lemma_.lower()`` and ``lower_``."""
    for text in ["Russia's forces SHELLED the villages; talks were held.\n\nThe U.N. envoy didn’t ask.", ""]:
        doc = coder.nlp(text)
        expected = {t.lemma_.lower() for t in doc} | {t.lower_ for t in doc}
        assert document_words(doc) == tuple(sorted(expected))
