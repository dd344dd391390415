"""The store queries the brief uses: extractor versions and the latest publication date."""

from __future__ import annotations

import datetime as dt

from accord.model import CodedDocument, Document
from accord.store import Store
from accord.store.queries import extractor_versions, latest_published


def test_versions_and_latest_published(tmp_path):
    with Store.open(tmp_path / "t.duckdb") as store:
        assert latest_published(store.connection) is None
        for n, day in enumerate((dt.date(2020, 6, 18), dt.date(2026, 1, 29), None)):
            doc = Document(id=f"{n:032d}", text=f"Text {n}.", published=day)
            store.write(CodedDocument(doc), extractor_version=f"0.{n}")
        assert latest_published(store.connection) == dt.date(2026, 1, 29)
        ids = [f"{n:032d}" for n in range(3)]
        assert extractor_versions(store.connection, ids[:2] + ["missing"]) == {ids[0]: "0.0", ids[1]: "0.1"}
        assert extractor_versions(store.connection, []) == {}
