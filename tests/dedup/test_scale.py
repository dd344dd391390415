"""The fast paths of merging and of the pair analytics give what the full passes give.

``merged_events`` with a pair or country reads only candidate merged events (SQL
preselection); ``accord dyad``/``report`` load documents and context events in batches; a
merge with nothing new answers from SQL counts. Each is checked here against the full pass
on a small hand-made store (pairs, names learnt across reports, unmerged and rewritten articles).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest

from accord.analytics.dyad import dyad_analytics
from accord.dedup import MergeOptions, incremental, merge_store, merged_events, rule
from accord.dedup.reading import _matches
from accord.dedup.view import MergedView, add_context, load_merged
from accord.model import DateValue, doc_ids, singletons
from accord.store import EventFilter, Store
from accord.store.queries import extractor_versions, latest_published

from .builders import (
    actor,
    call,
    coded,
    corpus_batch1,
    corpus_batch2,
    named_and_bare_meeting,
    table_rows,
    write_all,
)


def _docs():
    named, bare = named_and_bare_meeting()
    other = coded("g.txt", "2026-02-01", [
        ("Georgia and Armenia signed a transit deal.", dict(type_="AGREE", actors=("GEO", "ARM"), date="2026-02-01")),
        ("Ukraine thanked Azerbaijan for the aid.", dict(type_="SUPPORT", actors=("UKR",), recipients=("AZE",),
                                                          date="2026-02-01")),
    ])
    return corpus_batch1() + corpus_batch2() + [named, bare, other]


@pytest.fixture()
def db(tmp_path) -> Path:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as s:
        write_all(s, _docs())
        merge_store(s)
        # written after the merge: stands alone in the analytics until the next merge
        write_all(s, [coded("late.txt", "2026-02-11", [("Aliyev and Zelensky spoke by phone once more.",
                                                         call(date="2026-02-11"))], source="APA")])
    return path


FILTERS = [EventFilter(dyad=("AZE", "UKR")), EventFilter(dyad=("tur", "aze")), EventFilter(country="AZE"),
           EventFilter(dyad=("GEO", "ARM"), types=["AGREE"]), EventFilter(dyad=("FRA", "AZE")),
           EventFilter(country="UKR", since=dt.date(2026, 1, 30), statuses=["occurred"])]


@pytest.mark.parametrize("flt", FILTERS, ids=lambda f: repr((f.dyad, f.country, f.types)))
def test_merged_events_of_a_pair_equal_the_filtered_whole(db, flt):
    with Store.open(db, read_only=True) as s:
        whole = [m for m in merged_events(s) if _matches(m, flt)]
        assert merged_events(s, flt) == whole
    if flt.dyad == ("tur", "aze"):
        assert whole and any("countries from other reports" in w for m in whole for w in m.why)


def _load(db: Path, dyad: tuple[str, str] | None = None) -> MergedView:
    with Store.open(db, read_only=True) as store:
        return load_merged(store, dyad)


def _with_context(loaded: MergedView, db: Path, pair: tuple[str, str] | None = None) -> MergedView:
    with Store.open(db, read_only=True) as store:
        return add_context(store, loaded, pair)


def _load_whole(db: Path, pair: tuple[str, str]):
    """What ``_load`` + ``_with_context`` returned before the batched reads: every event loaded,
    one query per document."""
    flt = EventFilter(dyad=pair)
    with Store.open(db, read_only=True) as store:
        merged = [m for m in merged_events(store) if _matches(m, flt)]
        covered = {member for m in merged for member in m.members}
        alone = [e for e in store.events(flt) if e.id not in covered]
        docs = {}
        for doc_id in [d for m in merged for d in doc_ids(m)] + [e.doc_id for e in alone]:
            if doc_id not in docs and (doc := store.document(doc_id)) is not None:
                docs[doc_id] = doc
        all_merged = merged + singletons(alone, docs)
        covered = {member for m in all_merged for member in m.members} | {m.id for m in all_merged}
        extra = []
        for doc_id in docs:
            extra += [e for e in store.events(EventFilter(doc_id=doc_id)) if e.id not in covered]
        return (all_merged, docs, len(alone), singletons(extra, docs),
                extractor_versions(store.connection, list(docs)), latest_published(store.connection))


@pytest.mark.parametrize("pair", [("AZE", "UKR"), ("AZE", "TUR"), ("ARM", "GEO"), ("AZE", "FRA")])
def test_dyad_load_equals_the_whole_load(db, pair):
    fast = _with_context(_load(db, pair), db)
    merged, docs, unmerged, context, versions, as_of = _load_whole(db, pair)
    assert fast.merged == merged
    assert list(fast.documents.items()) == list(docs.items())
    assert (fast.unmerged, fast.context, fast.versions, fast.as_of) == (unmerged, context, versions, as_of)
    if pair == ("AZE", "UKR"):
        assert unmerged == 1 and context  # the late article alone; the AID of report.txt as context
    a = dyad_analytics(fast.merged + fast.context, *pair, documents=fast.documents,
                       extractor_versions=fast.versions, as_of=fast.as_of)
    b = dyad_analytics(merged + context, *pair, documents=docs, extractor_versions=versions, as_of=as_of)
    assert a.to_dict() == b.to_dict()


@pytest.mark.parametrize("pair", [("AZE", "UKR"), ("AZE", "TUR"), ("ARM", "GEO"), ("AZE", "FRA")])
def test_dyad_context_of_either_side_gives_the_same_analytics(db, pair):
    """``accord dyad``/``report`` read only the context events with a participant of either side."""
    narrow = _with_context(_load(db, pair), db, pair)
    merged, docs, _, context, versions, as_of = _load_whole(db, pair)
    assert [e.id for e in narrow.context] == [e.id for e in context if {x.country for x in e.event.actor
                                                                         + e.event.recipient} & set(pair)]
    if pair == ("AZE", "UKR"):
        assert len(narrow.context) < len(context)  # Georgia and Armenia's deal, in a dyad document, is left out
    for directed in (False, True):
        a = dyad_analytics(narrow.merged + narrow.context, *pair, documents=narrow.documents, directed=directed,
                           extractor_versions=narrow.versions, as_of=narrow.as_of)
        b = dyad_analytics(merged + context, *pair, documents=docs, directed=directed,
                           extractor_versions=versions, as_of=as_of)
        assert a.to_dict() == b.to_dict()


def _full_pass(monkeypatch):
    monkeypatch.setattr(incremental, "_nothing_to_do", lambda store, unassigned=None: None)


def test_nothing_new_answers_like_the_full_pass(db, monkeypatch):
    with Store.open(db) as s:
        merge_store(s)  # the late article
        before = table_rows(s)
        quick = merge_store(s)
        assert table_rows(s) == before
        # the same documents written again (same events): still nothing to do, without a full pass
        for c in _docs()[:2]:
            s.write(c)
        assert incremental._nothing_to_do(s) == quick
        with monkeypatch.context() as m:
            _full_pass(m)
            assert merge_store(s) == quick
        assert table_rows(s)["members"] == before["members"]


@pytest.mark.parametrize("change", ["recoded", "deleted_event", "new_document"])
def test_work_to_do_takes_the_full_pass(db, change):
    with Store.open(db) as s:
        merge_store(s)
        docs = _docs()
        if change == "recoded":  # another date: the membership is stale
            apa = docs[1]
            moved = dataclasses.replace(apa.events[0], date=DateValue("2026-01-20", "day", "point", None, "text"))
            s.write(dataclasses.replace(apa, events=[moved]))
        elif change == "deleted_event":
            s.write(dataclasses.replace(docs[0], events=docs[0].events[:1]))
        else:
            write_all(s, [coded("new.txt", "2026-01-31", [("Zelensky thanked Aliyev by phone.", call())])])
        assert incremental._nothing_to_do(s) is None
        report = merge_store(s)
        assert report.dropped or report.new_groups or report.joined
        assert incremental._nothing_to_do(s) is not None


def _merge_rows(store: Store) -> dict[str, list[tuple]]:
    """The merge tables without the times they were written at."""
    con = store.connection
    return {
        "events": con.execute("SELECT * EXCLUDE (created_at, updated_at) FROM merged_events ORDER BY id").fetchall(),
        "members": con.execute("SELECT * EXCLUDE (added_at) FROM merged_members ORDER BY merged_id, ord").fetchall(),
        "mentions": con.execute("SELECT * EXCLUDE (added_at) FROM merged_mentions "
                                "ORDER BY merged_id, event_id, idx").fetchall(),
    }


def _months_of_calls() -> list:
    """Calls and aid over several months, a few reports each, so that a merge of late reports
    has far-off merged events to leave unread."""
    out = []
    for month in range(1, 7):
        day = f"2025-{month:02d}-15"
        for n, src in enumerate(("APA", "Report", "Trend")):
            out.append(coded(f"m{month}-{n}.txt", day, [
                (f"Aliyev and Zelensky spoke by phone in month {month}.", call(date=day)),
                (f"Azerbaijan sent aid to Ukraine, report {n}.", dict(type_="AID", actors=("AZE",), recipients=("UKR",),
                                                                      date=day, source="document")),
                (f"Turkey and Azerbaijan held talks in 2025, {src} says.",
                 dict(actors=("TUR", "AZE"), date="2025", precision="year")),
            ], source=src))
    return out


@pytest.mark.parametrize("later", ["new_reports", "rewritten", "old_news", "undated_allowed"])
def test_incremental_merge_reads_less_and_merges_the_same(tmp_path, monkeypatch, later):
    base = _months_of_calls()
    late = [coded("late-1.txt", "2025-06-16", [("Zelensky thanked Aliyev by phone.", call(date="2025-06-15"))],
                  source="Ukrinform")]
    if later != "new_reports":  # a year-wide date: meets every merged event of that year
        late.append(coded("late-2.txt", "2025-06-16", [("Erdogan met Aliyev this year.",
                                                dict(actors=(actor("TUR", "Recep Tayyip Erdogan"), "AZE"),
                                                     date="2025", precision="year"))], source="AA"))
    if later == "rewritten":  # a name without a country: merging learns TUR from late-2
        late.append(coded("late-4.txt", "2025-06-17", [("Erdogan and Aliyev talked again this year.",
                                                        dict(actors=(actor(None, "Recep Tayyip Erdogan"), "AZE"),
                                                             date="2025", precision="year"))], source="AA"))
    if later == "old_news":
        late.append(coded("late-3.txt", "2025-06-16", [("Back in January Aliyev and Zelensky spoke.",
                                                        call(date="2025-01-15"))], source="AA"))
    options = MergeOptions(allow_undated=later == "undated_allowed")
    results = []
    for scoped in (True, False):
        with Store.open(tmp_path / f"{scoped}.duckdb") as s, monkeypatch.context() as m:
            write_all(s, base)
            merge_store(s, options)
            write_all(s, late)
            if later == "rewritten":
                s.write(dataclasses.replace(base[-1], events=base[-1].events[1:]))
            m.setattr(incremental, "_BULK_SHARE", 1.0 if scoped else -1.0)
            ids, _scope, _ = incremental._scope(s, options)
            if scoped and later == "new_reports":
                assert ids is not None and len(ids) < s.connection.execute("SELECT count(*) FROM events").fetchone()[0]
            report = merge_store(s, options)
            results.append((report, _merge_rows(s)))
    assert results[0] == results[1]


def _complete_link(event, members, options):
    """The rule as first written: every member compared in full, in order."""
    sampled = {0} | set(range(max(1, len(members) - options.similarity_sample + 1), len(members)))
    scores = []
    for i, m in enumerate(members):
        v = rule._compare_features(event, m, options, with_similarity=i in sampled)
        if not v.ok:
            return False, None
        if i in sampled:
            scores.append(v.score)
    return True, sum(scores) / len(scores)


def test_join_verdict_by_distinct_members_equals_every_member_compared():
    """Members sharing what the rule reads are compared once; decisions and scores stay."""
    options = MergeOptions(similarity_sample=3)
    texts = ["Aliyev and Zelensky spoke by phone.", "Zelensky called Aliyev.", "The presidents talked by phone."]
    variants = [dict(date="2026-02-10"), dict(date="2026-02-11"), dict(date="2026-02"),
                dict(date="2026-02-10", actors=(actor("AZE", "Ilham Aliyev"), actor("UKR", "Volodymyr Zelensky"))),
                dict(date="2026-02-10", actors=(actor("AZE", "Ilham Aliyev"), actor("UKR", "Petro Poroshenko")))]
    feats = []
    for i, v in enumerate(variants * 3):
        doc = coded(f"m{i}.txt", "2026-02-11", [(texts[i % 3], call(**v))])
        feats.append(rule._features(doc.events[0], doc.document.published))
    for probe in feats[:5]:
        for size in range(1, len(feats) + 1):
            members = feats[:size]
            group = incremental._Group("M1", "b", "e", dt.datetime(2026, 1, 1), [f.event for f in members])
            for f in members:
                group.keys.setdefault(f.key, f)
            by_event = {id(f.event): f for f in members}
            verdict = incremental._join_verdict(probe, group, lambda e, by_event=by_event: by_event[id(e)], options)
            ok, score = _complete_link(probe, members, options)
            assert verdict.ok == ok
            if ok:
                assert verdict.score == pytest.approx(score)


@pytest.mark.parametrize("pair", [None, ("AZE", "UKR"), ("TUR", "AZE")])
def test_gdelt_streamed_in_batches_equals_the_whole_load(db, pair):
    from accord.export.merged import stream_gdelt, write_gdelt

    loaded = _load(db, pair)
    whole = io.StringIO(newline="")
    n = write_gdelt(loaded.merged, loaded.documents, whole)
    with Store.open(db, read_only=True) as s:
        streamed = io.StringIO(newline="")
        assert stream_gdelt(s, streamed, pair, batch=2) == (n, loaded.unmerged)
    assert streamed.getvalue() == whole.getvalue()
    assert n > 0


@pytest.mark.parametrize("pair", [None, ("AZE", "UKR"), ("TUR", "AZE")])
def test_graph_built_from_batches_equals_the_whole_load(db, pair):
    from accord.export.merged import actor_graph, graphml, stream_graph

    loaded = _load(db, pair)
    whole = graphml(actor_graph(loaded.merged, pair))
    with Store.open(db, read_only=True) as s:
        graph, alone = stream_graph(s, pair, batch=1)
    assert alone == loaded.unmerged
    assert graph.edges and graphml(graph) == whole


def _scale_script():
    """``scripts/build_scale_store.py`` as a module (scripts are not a package)."""
    import importlib.util
    path = Path(__file__).parents[2] / "scripts" / "build_scale_store.py"
    spec = importlib.util.spec_from_file_location("build_scale_store", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _read_back_as_stored(store: Store) -> None:
    """Every event read by id (its page record, as merging reads it) equals the normalised rows."""
    from accord.store import queries as q
    from accord.store.browse import events_by_ids
    rows = store.connection.execute(q.EVENT_SELECT + " ORDER BY e.id").fetchall()
    normalised = [q.event_from_row(r) for r in rows]
    assert events_by_ids(store, [e.id for e in normalised]) == normalised


def _kept_as_written(store: Store) -> None:
    """The events kept apart as may-be commitments (migration 0014) are those ``may_commit``
    picks, each with its own row, as the store's writes keep them."""
    from tests.store.test_commitment_events import _expected, _kept
    kept = _kept(store)
    assert kept and kept == _expected(store)


def test_scale_store_copies_read_back_as_stored(tmp_path, monkeypatch):
    """The copies' derived columns (page record, countries) are their own, not the seed's: a merge
    on the scale store reads events by id, and a seed's event there is another event."""
    import sys
    seed = tmp_path / "seed.duckdb"
    with Store.open(seed) as s:
        write_all(s, _docs())
    script = _scale_script()
    db = tmp_path / "scale.duckdb"
    n = len(_docs())
    for extra in ([], ["--add", "--recent"]):
        monkeypatch.setattr(sys, "argv", ["build_scale_store.py", str(db), "--docs", str(3 * n),
                                          "--seed-store", str(seed), *extra])
        script.main()
        with Store.open(db, read_only=True) as s:
            assert s.connection.execute("SELECT count(*) FROM documents").fetchone()[0] == (3 if not extra else 6) * n
            _read_back_as_stored(s)
            _kept_as_written(s)
            assert s.registry_status() == "current"  # as `accord run` leaves it: merging times merging
            assert s.connection.execute(
                "SELECT count(*) FROM events e WHERE countries <> (SELECT coalesce(list(DISTINCT p.country "
                "ORDER BY p.country) FILTER (WHERE p.country IS NOT NULL), []) FROM event_participants p "
                "WHERE p.event_id = e.id)").fetchone()[0] == 0


def test_features_read_their_texts_when_asked():
    """Evidence words are computed on first use and are those of up to three mentions, else the trigger."""
    doc = coded("t.txt", "2026-02-11", [("The presidents of Azerbaijan and Ukraine talked by phone.", call())])
    e = doc.events[0]
    f = rule._features(e, doc.document.published)
    assert f.texts == tuple(rule._content(m.text) for m in e.mentions[:3]) or (rule._content(e.trigger.text),)
    bare = rule._features(dataclasses.replace(e, mentions=[]), None)
    assert bare.texts == (rule._content(e.trigger.text),)
    assert f == rule._features(e, doc.document.published)  # the cache is not part of equality
