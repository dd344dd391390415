"""Build a large synthetic store for the scale benchmarks (issue 15) without running NLP on it.

Codes ``--seed-docs`` synthetic articles once (the seeds' paragraphs, as ``accord bench`` does),
then copies their rows in SQL until the store holds ``--docs`` articles. Each copy gets its own
ids, a publication date (and text dates) shifted by a few days per copy, and country codes
rotated within a fixed list, so that copies spread over many dyads and days instead of all
landing in one merged event. The actor registry is rebuilt, as ``accord run`` does after writing;
nothing is merged: run ``accord merge`` on the result.

    python scripts/build_scale_store.py /tmp/scale/100k.duckdb --docs 100000
    python scripts/build_scale_store.py /tmp/scale/100k.duckdb --docs 1000 --add --recent
      (--add: appends that many more articles to an existing store, e.g. to time merging them;
       --recent: published the day after the store's latest, as a day of new news would be)
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from pathlib import Path

from accord.store.migrations import _ACTOR_JSON, COMMITMENT_FILL

# countries rotated among themselves per copy (others, e.g. regions, stay as they are)
ROTATE = ("AZE UKR RUS USA TUR ARM GEO IRN FRA DEU GBR CHN ISR PSE EGY SAU QAT ARE IND PAK "
          "JPN KOR PRK POL ITA ESP CAN BRA MEX ZAF NGA KEN ETH SYR IRQ JOR LBN KAZ UZB TKM BLR "
          "MDA ROU HUN SRB HRV GRC CYP AUT CHE NLD BEL SWE NOR FIN DNK EST LVA LTU AFG").split()

# copy k of a row: ids get a suffix, days shift by SHIFT (table ``shift``: per copy, or for
# --recent per article so that it appears the day after the store's latest), countries rotate
SHIFT = "sh.days"


# an event's effective days move with its copy when its date moved or it has none (document day)
MOVED = ("(date_value IS NULL OR (date_precision = 'day' AND try_cast(date_value AS DATE) IS NOT NULL) "
         "OR (day_first = day_last AND try_cast(date_value AS DATE) IS NULL AND date_value NOT SIMILAR TO '[0-9]{4}.*'))")


# the events whose derived columns still hold the seed's (their page record names another id)
BROWSE_COPIES = f"""
UPDATE events SET countries = x.c, actor_countries = x.ac, recipient_countries = x.rc, search_text = x.st,
                  page_record = x.pr
FROM (SELECT e.id, coalesce(bp.c, []) AS c, coalesce(bp.ac, []) AS ac, coalesce(bp.rc, []) AS rc,
             lower(concat_ws(chr(10), e.trigger_text, bm.joined)) AS st,
             json_object(
                 'event', json_array(e.id, e.doc_id, e.type, e.mode, e.status, e.date_value, e.date_precision,
                                     e.date_kind, e.date_start, e.date_end, e.date_text, e.date_source, e.date_reason,
                                     e.location_text, e.location_country, e.lat, e.lon, e.location_start,
                                     e.location_end, e.location_span_text, e.contexts, e.intensity, e.cameo,
                                     e.trigger_start, e.trigger_end, e.trigger_text,
                                     e.sentence_start, e.sentence_end, e.sentence_text, e.signing),
                 'actors', coalesce(bp.al, []), 'recipients', coalesce(bp.rl, []), 'mentions', coalesce(bm.ml, []),
                 'document', json_array(d.id, d.doc_origin, d.title, d.published, d.source, d.url, d.language)
             )::VARCHAR AS pr
      FROM (SELECT * FROM events WHERE page_record->>'$.event[0]' IS DISTINCT FROM id) e
      LEFT JOIN (SELECT p.event_id,
                    coalesce(list(DISTINCT p.country ORDER BY p.country) FILTER (WHERE p.country IS NOT NULL), []) AS c,
                    coalesce(list(DISTINCT p.country ORDER BY p.country)
                             FILTER (WHERE p.country IS NOT NULL AND p.side = 'actor'), []) AS ac,
                    coalesce(list(DISTINCT p.country ORDER BY p.country)
                             FILTER (WHERE p.country IS NOT NULL AND p.side = 'recipient'), []) AS rc,
                    coalesce(list({_ACTOR_JSON} ORDER BY p.idx) FILTER (WHERE p.side = 'actor'), []) AS al,
                    coalesce(list({_ACTOR_JSON} ORDER BY p.idx) FILTER (WHERE p.side = 'recipient'), []) AS rl
                 FROM event_participants p GROUP BY p.event_id) bp ON bp.event_id = e.id
      LEFT JOIN (SELECT m.event_id, list(json_object('start', m."start", 'end', m."end", 'text', m.text)
                                         ORDER BY m.idx) AS ml,
                        string_agg(m.text, chr(10) ORDER BY m.idx) AS joined
                 FROM event_mentions m GROUP BY m.event_id) bm ON bm.event_id = e.id
      LEFT JOIN documents d ON d.id = e.doc_id) x
WHERE events.id = x.id
"""


def _country(col: str) -> str:
    return (f"CASE WHEN {col} IS NULL THEN NULL WHEN list_position(rot, {col}) IS NULL THEN {col} "
            f"ELSE rot[1 + ((list_position(rot, {col}) - 1 + (k % 11) * (k // 11 + 1)) % len(rot))] END")


def _shift_value(col: str, precision: str) -> str:
    """Text dates move with the copy when they are days; coarser ones stay (a month stays a month)."""
    return (f"CASE WHEN {precision} = 'day' AND try_cast({col} AS DATE) IS NOT NULL "
            f"THEN strftime(try_cast({col} AS DATE) + {SHIFT}::INTEGER, '%Y-%m-%d') ELSE {col} END")


def replicate(con, copies_from: int, copies_to: int, recent=None) -> None:
    """Copies ``copies_from .. copies_to - 1`` of the seed rows (tables ``seed_*``); ``recent``:
    a day that every copied article is published on (or the day after)."""
    con.execute(f"CREATE OR REPLACE TEMP TABLE ks AS SELECT range AS k FROM range({copies_from}, {copies_to})")
    days = "((k * 7) % 1500)" if recent is None else "(date_diff('day', published, ?::DATE) + k % 2)"
    con.execute(f"CREATE OR REPLACE TEMP TABLE shift AS SELECT id AS sid, k AS sk, {days}::INTEGER AS days "
                "FROM seed_documents, ks", [] if recent is None else [recent])
    con.execute("CREATE OR REPLACE TEMP TABLE rotp AS SELECT ?::VARCHAR[] AS rot", [list(ROTATE)])
    sfx = "|| '~' || lpad(k::VARCHAR, 5, '0')"  # fixed width: no id is a prefix of another
    cols = {t: [r[0] for r in con.execute(f"DESCRIBE {t}").fetchall()]
            for t in ("documents", "events", "event_participants", "event_mentions", "actor_mentions")}

    def select(table: str, overrides: dict[str, str]) -> str:
        exprs = [overrides.get(c, f'"{c}"') + f' AS "{c}"' for c in cols[table]]
        doc = "id" if table == "documents" else "doc_id"
        return (f"INSERT INTO {table} SELECT {', '.join(exprs)} FROM seed_{table} t JOIN ks ON TRUE "
                f"JOIN rotp ON TRUE JOIN shift sh ON sh.sid = t.{doc} AND sh.sk = ks.k")

    con.execute("BEGIN TRANSACTION")
    con.execute(select("documents", {
        "id": f"id {sfx}", "doc_origin": f"doc_origin {sfx}",
        "published": f"published + {SHIFT}::INTEGER",
    }))
    con.execute(select("events", {
        "id": f"id {sfx}", "doc_id": f"doc_id {sfx}",
        "date_value": _shift_value("date_value", "date_precision"),
        "day_first": f"CASE WHEN {MOVED} THEN day_first + {SHIFT}::INTEGER ELSE day_first END",
        "day_last": f"CASE WHEN {MOVED} THEN day_last + {SHIFT}::INTEGER ELSE day_last END",
        "location_country": _country("location_country"),
    }))
    con.execute(select("event_participants", {
        "event_id": f"event_id {sfx}", "doc_id": f"doc_id {sfx}", "country": _country("country"),
    }))
    con.execute(select("event_mentions", {"event_id": f"event_id {sfx}", "doc_id": f"doc_id {sfx}"}))
    con.execute(select("actor_mentions", {"doc_id": f"doc_id {sfx}", "country": _country("country")}))
    # the copies of the events' derived columns (migration 0008) were the seed's: ids, dates and
    # countries of the seed event; written again from the copied rows, as the store writes them
    con.execute(BROWSE_COPIES)
    # the copies that may be commitments, kept apart as the store's writes keep them (migration 0014)
    con.execute(f"{COMMITMENT_FILL} AND NOT EXISTS (SELECT 1 FROM commitment_events c WHERE c.event_id = e.id)")
    con.execute("COMMIT")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("db", type=Path)
    ap.add_argument("--docs", type=int, default=100_000)
    ap.add_argument("--seed-docs", type=int, default=250)
    ap.add_argument("--seed-store", type=Path, help="reuse a store of coded seed articles (skips NLP)")
    ap.add_argument("--processes", type=int, default=2)
    ap.add_argument("--add", action="store_true", help="append --docs articles to an existing store")
    ap.add_argument("--recent", action="store_true",
                    help="with --add: the new articles appear the day after the store's latest (today's news)")
    args = ap.parse_args()

    from accord.store import Store

    t0 = time.perf_counter()
    seed = args.seed_store or args.db.with_name(args.db.stem + "-seed.duckdb")
    if not seed.exists():
        from accord.bench import synthetic_corpus
        from accord.evaluate.runs import code_batch
        coded = code_batch(synthetic_corpus(args.seed_docs), n_process=args.processes)
        with Store.open(seed) as s:
            s.write_many(coded)
        print(f"coded {len(coded)} seed articles in {time.perf_counter() - t0:.0f} s -> {seed}")
    if args.db.exists() and not args.add:
        args.db.unlink()
    with Store.open(args.db) as store:  # the schema, with every migration
        con = store.connection
        con.execute(f"ATTACH '{seed}' AS seed (READ_ONLY)")
        for t in ("documents", "events", "event_participants", "event_mentions", "actor_mentions"):
            con.execute(f"CREATE TEMP TABLE seed_{t} AS SELECT * FROM seed.{t}")
        con.execute("DETACH seed")
        n_seed = con.execute("SELECT count(*) FROM seed_documents").fetchone()[0]
        first = -(-con.execute("SELECT count(*) FROM documents").fetchone()[0] // n_seed) if args.add else 0
        copies = first + -(-args.docs // n_seed)
        step = max(1, 20_000 // n_seed)
        recent = None
        if args.recent:
            latest = con.execute("SELECT max(published) FROM documents").fetchone()[0]
            recent = latest + dt.timedelta(days=1)
        for lo in range(first, copies, step):
            replicate(con, lo, min(copies, lo + step), recent)
        # as `accord run` leaves a store: its actor registry current, so that `accord merge` times
        # merging (else its first call rebuilds the registry, ~7 s on 100,000 articles)
        from accord.actors.registry import refresh_registry
        refresh_registry(store)
        counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                  for t in ("documents", "events", "event_participants", "event_mentions")}
    print(f"{args.db}: {counts} in {time.perf_counter() - t0:.0f} s ({copies - first} copies of {n_seed} seed articles)")


if __name__ == "__main__":
    main()
