from __future__ import annotations

import codecs

import pytest

from accord.errors import InputError
from accord.ingest.decode import BINARY_MESSAGE, LineDecoder, decode_bytes, looks_binary


def test_utf8_and_bom():
    assert decode_bytes("Zürich".encode()).text == "Zürich"
    decoded = decode_bytes(codecs.BOM_UTF8 + "Zürich".encode())
    assert decoded.text == "Zürich" and not decoded.guessed


def test_utf16_with_bom_is_text_not_binary():
    data = "Baku talks".encode("utf-16")
    assert not looks_binary(data)
    assert decode_bytes(data).text == "Baku talks"


def test_cp1252_is_guessed():
    decoded = decode_bytes("The minister said the caf\u00e9 talks were \u201cproductive\u201d.".encode("cp1252"))
    assert decoded.guessed
    assert decoded.encoding == "cp1252"
    assert "caf\u00e9" in decoded.text and "\u201cproductive\u201d" in decoded.text


def test_binary_raises_input_error():
    with pytest.raises(InputError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError) as info:
        decode_bytes(bytes(range(1, 32)) * 50)  # no NUL, but control characters only
    assert str(info.value) == BINARY_MESSAGE


def test_line_decoder_falls_back_once_and_reports_line():
    decoder = LineDecoder()
    lines = [codecs.BOM_UTF8 + b'{"a": 1}\n', "caf\u00e9 \u2013 na\u00efve\n".encode("cp1252"), "ok \u00e9\n".encode()]
    out = [decoder.decode(raw, i) for i, raw in enumerate(lines, start=1)]
    assert out[0] == '{"a": 1}\n'
    assert out[2] == "ok \u00e9\n"
    assert "caf\u00e9" in out[1]
    problem = decoder.take_problem()
    assert problem is not None and problem[0] == 2 and problem[2] == f"read as {decoder.fallback}"
    assert decoder.take_problem() is None
