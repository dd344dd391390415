"""Named schema migrations, applied in order and recorded in ``schema_migrations``.

Each migration is a ``(name, sql)`` pair. ``apply_migrations`` runs every migration whose name
is not yet recorded, each in its own transaction together with its record, so a failed
migration leaves neither half-made tables nor a record behind.

To change the schema, append a new pair to ``MIGRATIONS``; never edit or reorder one that has
shipped (databases in the wild already recorded it). Later stages (cross-article merge,
analytics caches) add their tables the same way, e.g.::

    ("0003_merge", "CREATE TABLE merged_events (...); CREATE TABLE merged_members (...);"),

Notes on the schema:

* No foreign keys: DuckDB checks them eagerly, which makes the delete-then-insert rewrite of a
  document awkward. Every child table carries ``doc_id`` instead, so rewriting or deleting a
  document is one ``DELETE ... WHERE doc_id = ?`` per table, inside one transaction.
* ``events.day_first`` / ``day_last`` are the *effective* date range of an event: the first and
  last day covered by its own date (``2020-06`` covers June 1 to June 30), or the document's
  publication date when the event has no date. Filters and ordering use them.
* Spans are stored as ``*_start``, ``*_end`` and ``*_text`` columns in document-text offsets.
"""

from __future__ import annotations

import datetime as dt

import duckdb

from accord.errors import StoreError
from accord.store.clock import utcnow

INITIAL = """
CREATE TABLE documents (
    id                VARCHAR PRIMARY KEY,
    doc_origin        VARCHAR NOT NULL DEFAULT '',
    origin            VARCHAR NOT NULL DEFAULT '',
    origin_line       INTEGER,
    title             VARCHAR,
    published         DATE,
    date_source       VARCHAR,
    author            VARCHAR,
    source            VARCHAR,
    url               VARCHAR,
    language          VARCHAR NOT NULL DEFAULT 'en',
    text              VARCHAR NOT NULL,
    masked            STRUCT("start" INTEGER, "end" INTEGER, text VARCHAR)[],
    warnings          VARCHAR[],
    ingested_at       TIMESTAMP NOT NULL,
    updated_at        TIMESTAMP NOT NULL,
    extractor_version VARCHAR NOT NULL DEFAULT ''
);

CREATE TABLE actor_mentions (
    doc_id     VARCHAR NOT NULL,
    idx        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    entity     VARCHAR,
    role       VARCHAR,
    "start"    INTEGER,
    "end"      INTEGER,
    span_text  VARCHAR,
    confidence DOUBLE,
    reason     VARCHAR
);

CREATE TABLE events (
    id               VARCHAR PRIMARY KEY,
    doc_id           VARCHAR NOT NULL,
    ord              INTEGER NOT NULL,   -- position of the event in its document
    type             VARCHAR NOT NULL,
    mode             VARCHAR,
    status           VARCHAR NOT NULL,
    date_value       VARCHAR,
    date_precision   VARCHAR,
    date_kind        VARCHAR,
    date_start       INTEGER,
    date_end         INTEGER,
    date_text        VARCHAR,
    date_source      VARCHAR,
    date_reason      VARCHAR,
    day_first        DATE,               -- effective range: event date, else document date
    day_last         DATE,
    location_text    VARCHAR,
    location_country VARCHAR,
    lat              DOUBLE,
    lon              DOUBLE,
    location_start   INTEGER,
    location_end     INTEGER,
    location_span_text VARCHAR,
    contexts         VARCHAR[],
    intensity        DOUBLE,
    cameo            VARCHAR,
    trigger_start    INTEGER NOT NULL,
    trigger_end      INTEGER NOT NULL,
    trigger_text     VARCHAR NOT NULL
);

CREATE TABLE event_participants (
    event_id   VARCHAR NOT NULL,
    doc_id     VARCHAR NOT NULL,
    side       VARCHAR NOT NULL CHECK (side IN ('actor', 'recipient')),
    idx        INTEGER NOT NULL,
    text       VARCHAR NOT NULL,
    country    VARCHAR,
    sector     VARCHAR,
    entity     VARCHAR,
    role       VARCHAR,
    "start"    INTEGER,
    "end"      INTEGER,
    span_text  VARCHAR,
    confidence DOUBLE,
    reason     VARCHAR
);

CREATE TABLE event_mentions (
    event_id VARCHAR NOT NULL,
    doc_id   VARCHAR NOT NULL,
    idx      INTEGER NOT NULL,
    "start"  INTEGER NOT NULL,
    "end"    INTEGER NOT NULL,
    text     VARCHAR NOT NULL
);
"""

# Point lookups used by every document rewrite and by `events --doc`. Columns that an
# indexed table updates in place must not be indexed (DuckDB restriction), so only columns
# that are written once per row are indexed here.
INDEXES = """
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX participants_doc ON event_participants (doc_id);
CREATE INDEX mentions_doc ON event_mentions (doc_id);
CREATE INDEX actor_mentions_doc ON actor_mentions (doc_id);
"""

# Cross-article merging (``accord.dedup``). A merged event groups per-document events that
# report one real-world event. Rows are only ever deleted and re-inserted, never updated in
# place, so the primary key and indexes are safe under DuckDB's index restrictions.
# ``merged_events`` holds the representative's filterable fields and the counts, recomputed
# whenever a merged event gains or loses members; ``merged_members`` says why each member
# joined (and fingerprints the member, so a rewritten document is detected);
# ``merged_mentions`` has one row per evidence span of every member (GDELT-style mentions).
MERGED = """
CREATE TABLE merged_events (
    id               VARCHAR PRIMARY KEY,
    block            VARCHAR NOT NULL,   -- blocking key: type family | sorted countries
    founder_event_id VARCHAR NOT NULL,   -- the per-document event that founded it
    type             VARCHAR NOT NULL,   -- representative fields (majority, most precise date)
    mode             VARCHAR,
    status           VARCHAR NOT NULL,
    date_value       VARCHAR,
    date_precision   VARCHAR,
    day_first        DATE,               -- representative date range, else first report
    day_last         DATE,
    location_country VARCHAR,
    countries        VARCHAR[],
    num_members      INTEGER NOT NULL,
    num_mentions     INTEGER NOT NULL,
    num_documents    INTEGER NOT NULL,
    num_sources      INTEGER NOT NULL,
    first_reported   DATE,               -- earliest / latest document date of its members
    last_reported    DATE,
    created_at       TIMESTAMP NOT NULL,
    updated_at       TIMESTAMP NOT NULL
);

CREATE TABLE merged_members (
    merged_id   VARCHAR NOT NULL,
    event_id    VARCHAR NOT NULL,       -- events.id of the per-document event
    doc_id      VARCHAR NOT NULL,
    ord         INTEGER NOT NULL,       -- joining order within the merged event (0 = founder)
    fingerprint VARCHAR NOT NULL,       -- of the fields merging looked at
    score       DOUBLE,
    why         VARCHAR NOT NULL,
    added_at    TIMESTAMP NOT NULL
);

CREATE TABLE merged_mentions (
    merged_id VARCHAR NOT NULL,
    event_id  VARCHAR NOT NULL,
    doc_id    VARCHAR NOT NULL,
    idx       INTEGER NOT NULL,         -- position among the member's mentions
    "start"   INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      VARCHAR NOT NULL,
    source    VARCHAR,                  -- the document's outlet, where known
    doc_date  DATE,                     -- the document's publication date
    added_at  TIMESTAMP NOT NULL
);

CREATE INDEX merged_members_event ON merged_members (event_id);
CREATE INDEX merged_members_merged ON merged_members (merged_id);
CREATE INDEX merged_mentions_merged ON merged_mentions (merged_id);
"""

# What a page of events needs, kept on the event's own row (``accord serve``, ``store.browse``).
# Filtering by country through ``event_participants`` and assembling a page from four tables
# (events, participants, mentions, documents) cost a join or a scattered index fetch apiece; on
# 100,000 events a filtered page took ~90 ms, most of it there. These columns are copies written
# in the same statement as the rows they copy (``Store.write_many`` rewrites a document's events
# whenever it rewrites the document), so they cannot drift: ``countries`` (every participant's
# country, sorted, distinct) and its ``actor_``/``recipient_`` halves for the dyad and country
# filters; ``search_text``, the trigger and mentions lower-cased and joined by newlines, for text
# search; ``page_record``, the event with its participants and mentions and its document's
# metadata as one JSON value (``queries.page_record``), so a page is one fetch of one column per
# event. The normalised tables stay the source for everything else.
_ACTOR_JSON = ('json_object(\'text\', p.text, \'country\', p.country, \'sector\', p.sector, \'entity\', p.entity, '
               '\'role\', p."role", \'start\', p."start", \'end\', p."end", \'span_text\', p.span_text, '
               '\'confidence\', p.confidence, \'reason\', p.reason)')
BROWSE = f"""
ALTER TABLE events ADD COLUMN countries VARCHAR[];
ALTER TABLE events ADD COLUMN actor_countries VARCHAR[];
ALTER TABLE events ADD COLUMN recipient_countries VARCHAR[];
ALTER TABLE events ADD COLUMN search_text VARCHAR;
ALTER TABLE events ADD COLUMN page_record VARCHAR;
CREATE TEMP TABLE browse_parts AS
SELECT p.event_id,
       coalesce(list(DISTINCT p.country ORDER BY p.country) FILTER (WHERE p.country IS NOT NULL), []) AS c,
       coalesce(list(DISTINCT p.country ORDER BY p.country)
                FILTER (WHERE p.country IS NOT NULL AND p.side = 'actor'), []) AS ac,
       coalesce(list(DISTINCT p.country ORDER BY p.country)
                FILTER (WHERE p.country IS NOT NULL AND p.side = 'recipient'), []) AS rc,
       coalesce(list({_ACTOR_JSON} ORDER BY p.idx) FILTER (WHERE p.side = 'actor'), []) AS al,
       coalesce(list({_ACTOR_JSON} ORDER BY p.idx) FILTER (WHERE p.side = 'recipient'), []) AS rl
FROM event_participants p GROUP BY p.event_id;
CREATE TEMP TABLE browse_mentions AS
SELECT m.event_id, list(json_object('start', m."start", 'end', m."end", 'text', m.text) ORDER BY m.idx) AS ml,
       string_agg(m.text, chr(10) ORDER BY m.idx) AS joined
FROM event_mentions m GROUP BY m.event_id;
UPDATE events SET countries = x.c, actor_countries = x.ac, recipient_countries = x.rc, search_text = x.st,
                  page_record = x.pr
FROM (SELECT e.id, coalesce(bp.c, []) AS c, coalesce(bp.ac, []) AS ac, coalesce(bp.rc, []) AS rc,
             lower(concat_ws(chr(10), e.trigger_text, bm.joined)) AS st,
             json_object(
                 'event', json_array(e.id, e.doc_id, e.type, e.mode, e.status, e.date_value, e.date_precision,
                                     e.date_kind, e.date_start, e.date_end, e.date_text, e.date_source, e.date_reason,
                                     e.location_text, e.location_country, e.lat, e.lon, e.location_start,
                                     e.location_end, e.location_span_text, e.contexts, e.intensity, e.cameo,
                                     e.trigger_start, e.trigger_end, e.trigger_text),
                 'actors', coalesce(bp.al, []), 'recipients', coalesce(bp.rl, []), 'mentions', coalesce(bm.ml, []),
                 'document', json_array(d.id, d.doc_origin, d.title, d.published, d.source, d.url, d.language)
             )::VARCHAR AS pr
      FROM events e
      LEFT JOIN browse_parts bp ON bp.event_id = e.id
      LEFT JOIN browse_mentions bm ON bm.event_id = e.id
      LEFT JOIN documents d ON d.id = e.doc_id) x
WHERE events.id = x.id;
DROP TABLE browse_parts;
DROP TABLE browse_mentions;
"""

# The dyad report's facts of each merged event (``accord.analytics.facts``): ``version`` names the
# rules and lexicon they were worked out under; ``names`` (JSON, entity -> country or null) the
# countries that other reports gave its members' uncountried named actors then, so a reader can
# tell facts made stale by later reports; ``countries`` the participants' countries, to select a
# pair without decoding ``record``. No key or index: merges delete and insert whole rows.
MERGED_FACTS = """
CREATE TABLE merged_facts (
    merged_id VARCHAR NOT NULL,
    version   VARCHAR NOT NULL,
    names     VARCHAR NOT NULL,
    countries VARCHAR[] NOT NULL,
    record    VARCHAR NOT NULL,
    computed_at TIMESTAMP NOT NULL  -- a member's document written since makes it stale
);
"""


# The events that may be commitments (``accord.model.may_commit``: of a promise status, or done
# and either an AGREE or dated to end after their document's publication), each with its
# participants' countries and a copy of its page record. A dyad's commitments ledger reads
# these events of the pair's documents as its context: scattered over the events table, their
# page records cost a read of most of its blocks (220 MB on a 100,000-article store, where a
# quarter of the events are kept here). Written with the events (``Store.write_many``) and
# deleted with them. The statuses below are ``model.PROMISE_STATUSES`` and ``DONE_STATUSES``
# (a test keeps them so); never edit them here: a change of the rule is a new migration.
COMMITMENT_RULE = """(e.status IN ('planned', 'proposed', 'agreed')
   OR (e.status IN ('occurred', 'ongoing') AND (e.type = 'AGREE' OR (e.date_value IS NOT NULL
       AND e.day_last > (SELECT d.published FROM documents d WHERE d.id = e.doc_id)))))"""
# the rows of the events ``COMMITMENT_RULE`` picks (``scripts/build_scale_store.py`` adds a condition)
COMMITMENT_FILL = ("INSERT INTO commitment_events SELECT e.id, e.doc_id, e.ord, e.day_first, e.countries, "
                   f"e.page_record FROM events e WHERE {COMMITMENT_RULE}")
COMMITMENT_EVENTS = f"""
CREATE TABLE commitment_events (
    event_id    VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    ord         INTEGER NOT NULL,
    day_first   DATE,
    countries   VARCHAR[],
    page_record VARCHAR
);
{COMMITMENT_FILL};
"""


MIGRATIONS: tuple[tuple[str, str], ...] = (
    ("0001_initial", INITIAL),
    ("0002_doc_indexes", INDEXES),
    ("0003_merged_events", MERGED),
    ("0004_actor_registry", """
CREATE TABLE actors (
    id          VARCHAR PRIMARY KEY,
    name        VARCHAR NOT NULL,
    kind        VARCHAR NOT NULL,   -- person | organisation
    country     VARCHAR,
    sector      VARCHAR,
    aliases     VARCHAR[],
    mentions    INTEGER NOT NULL,
    documents   INTEGER NOT NULL,
    first_seen  DATE,
    last_seen   DATE,
    confidence  DOUBLE              -- mean confidence of the mentions behind it
);
CREATE TABLE actor_offices (
    actor_id    VARCHAR NOT NULL,
    role        VARCHAR NOT NULL,
    country     VARCHAR,
    sector      VARCHAR,
    first_seen  DATE,
    last_seen   DATE,
    mentions    INTEGER NOT NULL
);
CREATE TABLE actor_names (
    name        VARCHAR NOT NULL,   -- entity name as resolved in documents -> its registry actor
    actor_id    VARCHAR NOT NULL
);
"""),
    # The wire dateline that opened a document ("TBILISI, Dec 2 (Reuters) -"): its span, the
    # place and the date as written, the agency; NULL when the document had none.
    ("0005_document_dateline", """
ALTER TABLE documents ADD COLUMN dateline STRUCT(
    "start" INTEGER, "end" INTEGER, text VARCHAR,
    place_start INTEGER, place_end INTEGER, place VARCHAR,
    agency VARCHAR,
    date_start INTEGER, date_end INTEGER, date_text VARCHAR
);
"""),
    # What a document was coded from (extractor, lexicon, text and metadata, hashed): a run
    # skips a document whose stored key matches, so a rerun after a crash resumes.
    ("0006_document_coding_key", """
ALTER TABLE documents ADD COLUMN coding_key VARCHAR DEFAULT '';
"""),
    # Selective recoding (``accord.recoding``). ``document_coding``: per document, the code and
    # lexicon fingerprints it was coded with and its words (every token's lemma and lower-cased
    # form), so a lexicon change recodes only documents containing a changed key; no primary
    # key, so the lexicon fingerprint can be updated in place. ``extractor_snapshots``: the
    # parts behind each fingerprint, to tell what changed since. Documents stored before this
    # migration have no ``document_coding`` row: the next run codes them once more.
    ("0007_selective_recoding", """
CREATE TABLE document_coding (
    doc_id              VARCHAR NOT NULL,
    code_fingerprint    VARCHAR NOT NULL,
    lexicon_fingerprint VARCHAR NOT NULL,
    words               VARCHAR[] NOT NULL
);
CREATE INDEX document_coding_doc ON document_coding (doc_id);
CREATE TABLE extractor_snapshots (
    kind        VARCHAR NOT NULL,   -- code | lexicon
    fingerprint VARCHAR NOT NULL,
    names       VARCHAR[] NOT NULL,
    digests     VARCHAR[] NOT NULL,
    created_at  TIMESTAMP NOT NULL,
    PRIMARY KEY (kind, fingerprint)
);
"""),
    ("0008_event_browse_columns", BROWSE),
    # What the coder decided once for downstream (``Event.sentence``, ``Event.signing``): the
    # parse's sentence of the first mention and what was signed, also at the end of each page
    # record's event fields. NULL in rows stored before: readers fall back to reading the text.
    ("0009_event_sentence_signing", """
ALTER TABLE events ADD COLUMN sentence_start INTEGER;
ALTER TABLE events ADD COLUMN sentence_end INTEGER;
ALTER TABLE events ADD COLUMN sentence_text VARCHAR;
ALTER TABLE events ADD COLUMN signing VARCHAR;
UPDATE events SET page_record = json_merge_patch(page_record, json_object('event', to_json(list_concat(
    from_json(page_record->'$.event', '["JSON"]'),
    [to_json(sentence_start), to_json(sentence_end), to_json(sentence_text), to_json(signing)]))))::VARCHAR
WHERE page_record IS NOT NULL;
"""),
    # Provenance: the gazetteer a document was coded with (``Gazetteer.fingerprint()``),
    # next to its lexicon; the coder's version is ``documents.extractor_version``. NULL for a
    # document stored before, or written without a coding record.
    ("0010_document_gazetteer", """
ALTER TABLE document_coding ADD COLUMN gazetteer_fingerprint VARCHAR;
"""),
    # What the actor registry was built from (one row): readers compare it with the store to
    # tell a current registry from a stale one without rebuilding it.
    ("0011_actor_registry_state", """
CREATE TABLE actor_registry_state (
    built_at     TIMESTAMP NOT NULL,
    documents    BIGINT NOT NULL,      -- documents stored when it was built
    mentions     BIGINT NOT NULL,      -- actor mentions stored then
    last_written TIMESTAMP             -- the newest documents.updated_at then
);
"""),
    # What the dyad report reads of each merged event, worked out by ``accord merge``
    # (``accord.views.facts``): a record per merged event, kept until a merge touches it.
    ("0013_merged_facts", MERGED_FACTS),
    ("0014_commitment_events", COMMITMENT_EVENTS),
)

_LEDGER = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name       VARCHAR PRIMARY KEY,
    applied_at TIMESTAMP NOT NULL
)
"""


def applied_migrations(con: duckdb.DuckDBPyConnection) -> list[tuple[str, dt.datetime]]:
    """Migrations recorded in the database, oldest first ([] when there is no ledger yet)."""
    exists = con.execute(
        "SELECT count(*) FROM duckdb_tables() "
        "WHERE table_name = 'schema_migrations' AND schema_name = 'main'"
    ).fetchone()
    if not exists or not exists[0]:
        return []
    rows = con.execute(
        "SELECT name, applied_at FROM schema_migrations ORDER BY applied_at, name"
    ).fetchall()
    return [(str(name), applied_at) for name, applied_at in rows]


def pending_migrations(
    con: duckdb.DuckDBPyConnection,
    migrations: tuple[tuple[str, str], ...] = MIGRATIONS,
) -> list[tuple[str, str]]:
    """Migrations not yet applied, in order. Raises StoreError for a database from the future."""
    known = [name for name, _ in migrations]
    done = {name for name, _ in applied_migrations(con)}
    unknown = sorted(done - set(known))
    if unknown:
        raise StoreError(
            f"the database records migration(s) this accord does not know ({', '.join(unknown)}); "
            "it was written by a newer accord: upgrade accord or use another database"
        )
    return [(name, sql) for name, sql in migrations if name not in done]


def apply_migrations(
    con: duckdb.DuckDBPyConnection,
    migrations: tuple[tuple[str, str], ...] = MIGRATIONS,
) -> list[str]:
    """Apply pending migrations in order, one transaction each; return the names applied."""
    con.execute(_LEDGER)
    applied: list[str] = []
    for name, sql in pending_migrations(con, migrations):
        try:
            con.execute("BEGIN TRANSACTION")
            con.execute(sql)
            con.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [name, utcnow()]
            )
            con.execute("COMMIT")
        except duckdb.Error as exc:
            con.execute("ROLLBACK")
            raise StoreError(
                f"could not apply schema migration {name}: {exc}. If this database was not made "
                "by accord, use another database path"
            ) from exc
        applied.append(name)
    return applied
