"""Bytes -> str: UTF-8 (BOMs honoured) first, then charset-normalizer's best guess.

Binary input (many NUL bytes, undecodable, mostly control characters) raises InputError; a guessed
encoding is reported back so the reader can tell the user (``action="read as cp1252"``).
Text that only looks binary is read: UTF-16/32 without a byte-order mark (its NULs fall in a
regular pattern), and text with a few stray NUL bytes (removed, and reported with their line).
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

from accord.errors import InputError

BINARY_MESSAGE = "binary file, not text; skipped"
_SNIFF = 8192
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_ALLOWED_CONTROLS = frozenset("\t\n\r\f\v\x1b")


# A file whose NULs are at most this share of its bytes is text with stray NULs (a copy or
# transfer glitch), not binary: binary formats have NULs everywhere.
_STRAY_NUL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str  # codec used: "utf-8", "utf-8-sig", "utf-16", "cp1252", ...
    guessed: bool = False  # True when the encoding is charset-normalizer's guess, not UTF-8/BOM
    note: str | None = None  # what the reader should tell the user (no BOM, NULs removed)
    note_action: str = ""


def bomless_utf16_32(data: bytes) -> str | None:
    """``"utf-16-le"``, ``"utf-16-be"``, ``"utf-32-le"`` or ``"utf-32-be"`` when the NUL bytes
    of a BOM-less sample fall where those encodings put the zero high bytes of Latin text."""
    sample = data[:_SNIFF]
    n = len(sample)
    if n < 8 or b"\x00" not in sample:
        return None
    quads = [0, 0, 0, 0]
    for i, b in enumerate(sample):
        if b == 0:
            quads[i % 4] += 1
    q = n / 4
    if quads[1] > 0.9 * q and quads[2] > 0.9 * q and min(quads[0], quads[3]) < 0.1 * q:
        return "utf-32-le" if quads[0] < quads[3] else "utf-32-be"
    even, odd = quads[0] + quads[2], quads[1] + quads[3]
    half = n / 2
    if odd > 0.3 * half and even < 0.02 * half:
        return "utf-16-le"
    if even > 0.3 * half and odd < 0.02 * half:
        return "utf-16-be"
    return None


def _bomless(data: bytes) -> Decoded | None:
    encoding = bomless_utf16_32(data)
    if encoding is None:
        return None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        return None
    if "\x00" in text or _mostly_controls(text):
        return None
    label = encoding.upper().replace("-LE", "LE").replace("-BE", "BE")
    return Decoded(text, encoding, note=f"read as {label} (the file has no byte-order mark); re-save it as "
                   "UTF-8 to avoid the guess", note_action=f"read as {encoding}")


def nul_note(text: str) -> str:
    count = text.count("\x00")
    line = text.count("\n", 0, text.index("\x00")) + 1
    what = "a NUL byte" if count == 1 else f"{count} NUL bytes"
    return (f"{what} (first on line {line}) removed; the rest is text. A NUL in text is usually a copy "
            "or transfer glitch: check the file near that line")


def bom_encoding(data: bytes) -> str | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def looks_binary(data: bytes) -> bool:
    """Many NUL bytes near the start, not in a UTF-16/32 pattern, mean binary."""
    if bom_encoding(data) in ("utf-16", "utf-32") or bomless_utf16_32(data) is not None:
        return False
    sample = data[:_SNIFF]
    if sample.count(b"\x00") > max(1, _STRAY_NUL_SHARE * len(sample)):
        return True
    return _mostly_controls(sample.replace(b"\x00", b"").decode("latin-1"))


def _mostly_controls(text: str) -> bool:
    sample = text[:_SNIFF]
    if not sample:
        return False
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in _ALLOWED_CONTROLS)
    return bad / len(sample) > 0.05


def guess_encoding(data: bytes) -> str | None:
    """charset-normalizer's best guess, or None when nothing fits.

    Among the equally plausible (least chaotic) candidates, cp1252 wins when it is one of them:
    it is by far the most common non-UTF-8 encoding of English news, and on short Latin text
    charset-normalizer often ranks look-alikes (cp1250, cp1006) first.
    """
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))  # sorted, best first
    if not matches:
        return None
    least = min(m.chaos for m in matches)
    for match in matches:
        if match.chaos <= least and "cp1252" in match.could_be_from_charset:
            return "cp1252"
    best = matches[0].encoding
    if best in _MULTIBYTE and _mostly_ascii(data) and _decodes(data, "cp1252"):
        # A few stray high bytes in ASCII text make CJK codecs "fit" too; Latin text is likelier.
        return "cp1252"
    return best


_MULTIBYTE = frozenset(
    "cp932 shift_jis shift_jis_2004 shift_jisx0213 euc_jp euc_jis_2004 euc_jisx0213 iso2022_jp "
    "gb18030 gbk gb2312 hz big5 big5hkscs cp950 cp949 euc_kr johab iso2022_kr".split()
)


def _mostly_ascii(data: bytes) -> bool:
    high = sum(1 for b in data[:65536] if b >= 0x80)
    return high <= 0.3 * min(len(data), 65536)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def decode_bytes(data: bytes) -> Decoded:
    """Decode a whole file's bytes. Raises InputError (message ``BINARY_MESSAGE``) for binary data."""
    bom = bom_encoding(data)
    if bom is not None:
        try:
            text = data.decode(bom)
        except UnicodeDecodeError:
            raise InputError(BINARY_MESSAGE) from None
        return _checked(text, bom)
    if b"\x00" in data:
        if (decoded := _bomless(data)) is not None:
            return decoded
        if data.count(b"\x00") > max(1, _STRAY_NUL_SHARE * len(data)):
            raise InputError(BINARY_MESSAGE)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(text, "utf-8")
    encoding = guess_encoding(data.replace(b"\x00", b""))
    if encoding is None:
        raise InputError(BINARY_MESSAGE)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputError(BINARY_MESSAGE) from None
    return _checked(text, encoding, guessed=True)


def _checked(text: str, encoding: str, *, guessed: bool = False) -> Decoded:
    """Binary check on decoded text; stray NULs removed and noted."""
    note = None
    if "\x00" in text:
        note = nul_note(text)
        text = text.replace("\x00", "")
    if _mostly_controls(text):
        raise InputError(BINARY_MESSAGE)
    return Decoded(text, encoding, guessed=guessed, note=note, note_action="NUL removed" if note else "")


def fallback_message(encoding: str, line: int | None = None) -> str:
    where = f"line {line} is" if line is not None else "the file is"
    return (
        f"{where} not valid UTF-8; read as {encoding} (charset-normalizer's best guess): "
        "check accented letters and quotes, or re-save the file as UTF-8"
    )


class LineDecoder:
    """Decodes a binary stream one line at a time, for streamed formats (JSONL, CSV).

    Lines that are valid UTF-8 are read as UTF-8 (a leading BOM is dropped). The first line
    that is not fixes a fallback encoding (charset-normalizer's guess on that line and the
    start of the stream, else
    cp1252), used for every later such line; ``pending_problem`` then holds the message
    once, for the reader to report.
    """

    def __init__(self, sample: bytes = b"") -> None:
        self.sample = sample  # the start of the stream: more context for the guess
        self.fallback: str | None = None
        self.first = True
        self.nuls = False
        self.pending: list[tuple[int, str, str]] = []  # (line, message, action)

    @property
    def pending_problem(self) -> tuple[int, str, str] | None:
        return self.pending[0] if self.pending else None

    def decode(self, raw: bytes, line: int) -> str:
        if self.first:
            self.first = False
            if raw.startswith(codecs.BOM_UTF8):
                raw = raw[len(codecs.BOM_UTF8):]
        if b"\x00" in raw:
            raw = raw.replace(b"\x00", b"")
            if not self.nuls:  # reported once, for the first line that has one
                self.nuls = True
                self.pending.append((line, "NUL byte(s) removed from this line (and any later ones); the rest is "
                                           "text. A NUL in text is usually a copy or transfer glitch", "NUL removed"))
        try:
            return raw.decode("utf-8")
        except UnicodeDecodeError:
            pass
        if self.fallback is None:
            guess = guess_encoding(self.sample.replace(b"\x00", b"") + b"\n" + raw) or "cp1252"
            try:
                raw.decode(guess)
            except (UnicodeDecodeError, LookupError):
                guess = "cp1252"
            self.fallback = guess
            self.pending.append((line, fallback_message(guess, line), f"read as {guess}"))
        return raw.decode(self.fallback, errors="replace")

    def take_problem(self) -> tuple[int, str, str] | None:
        """The oldest problem not yet reported: (line, message, action)."""
        return self.pending.pop(0) if self.pending else None
