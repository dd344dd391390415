from __future__ import annotations

import re

from accord.ingest import document_id, read_all


def test_id_is_16_hex_chars_of_sha256_of_collapsed_text():
    import hashlib

    assert document_id("  Baku \n\n and\tKyiv  ") == hashlib.sha256(b"Baku and Kyiv").hexdigest()[:16]
    assert re.fullmatch(r"[0-9a-f]{16}", document_id("x"))


def test_whitespace_does_not_change_id_but_words_do():
    assert document_id("Leaders met.\r\n\r\nThey agreed.") == document_id("Leaders met. They agreed.\n")
    assert document_id("Leaders met.") != document_id("Leaders met!")


def test_read_all_deduplicates_same_text(tmp_path):
    (tmp_path / "a.txt").write_text("Azerbaijan and Ukraine signed a deal.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Azerbaijan  and Ukraine\nsigned a deal.", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Something else entirely.\n", encoding="utf-8")
    result = read_all([tmp_path])
    assert [d.doc_origin for d in result.documents] == ["a.txt", "c.txt"]
    dups = [p for p in result.problems if p.action == "skipped duplicate"]
    assert len(dups) == 1 and dups[0].origin.endswith("b.txt") and "a.txt" in dups[0].message
