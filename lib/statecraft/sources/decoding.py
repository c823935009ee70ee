"""Decode raw bytes into text, or say why they cannot be text.

Order: a byte-order mark (UTF-8, UTF-16, UTF-32) wins; known binary signatures (PNG,
PDF, ZIP, ...) are refused; UTF-16 without a BOM is recognised by its zero bytes;
then strict UTF-8; then cp1252, then latin-1 as the single-byte fallback. A few stray
NUL bytes inside text are dropped; text that is mostly control characters is binary.
A UTF-16 file cut after an odd number of bytes loses its last, incomplete byte.
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or docx/xlsx)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"\x7fELF", "ELF executable"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"RIFF", "RIFF media file"),
    (b"\xd0\xcf\x11\xe0", "MS Office document"),
    (b"PAR1", "Parquet file"),
    (b"SQLite format 3\x00", "SQLite database"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"\x00asm", "WebAssembly module"),
)
_MAX_CONTROL_SHARE = 0.05
_MAX_NUL_SHARE = 0.10


class DecodeError(ValueError):
    """Bytes that are not text; ``reason`` is the quarantine code (binary, undecodable)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


def decode(data: bytes) -> tuple[str, str]:
    """Decode ``data`` and name the encoding used.

    Args:
        data: The raw bytes of a file.

    Returns:
        (text, encoding); encoding is one of utf-8, utf-8-sig, utf-16, utf-16-le,
        utf-16-be, utf-32, cp1252, latin-1.

    Raises:
        DecodeError: With reason "binary" or "undecodable".
    """
    if not data:
        return "", "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check(data.decode(name)), name
            except UnicodeDecodeError as err:
                raise DecodeError("undecodable", f"starts with a {name} byte-order mark but: {err}") from None
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise DecodeError("binary", f"binary file: {what}")
    utf16 = _utf16_without_bom(data)
    if utf16:
        try:
            return _check(data[: len(data) - len(data) % 2].decode(utf16)), utf16
        except UnicodeDecodeError:
            pass
    nul_share = data.count(0) / len(data)
    if nul_share > _MAX_NUL_SHARE:
        raise DecodeError("binary", f"binary file: {nul_share:.0%} of the bytes are NUL")
    for name in ("utf-8", "cp1252", "latin-1"):
        try:
            return _check(data.decode(name)), name
        except UnicodeDecodeError:
            continue
    raise DecodeError("undecodable", "not UTF-8, cp1252 or latin-1")  # pragma: no cover - latin-1 decodes all


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise UTF-16 text without a BOM: ASCII-range text has a zero in every other byte."""
    if len(data) < 4:
        return None
    data = data[: len(data) - len(data) % 2]  # a truncated file may end in half a character
    even, odd = data[0::2], data[1::2]
    if odd.count(0) / len(odd) > 0.4 and even.count(0) / len(even) < 0.05:
        return "utf-16-le"
    if even.count(0) / len(even) > 0.4 and odd.count(0) / len(odd) < 0.05:
        return "utf-16-be"
    return None


def _check(text: str) -> str:
    text = text.replace("\x00", "")
    if not text:
        return text
    control = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f\v")
    if control / len(text) > _MAX_CONTROL_SHARE:
        raise DecodeError("binary", f"binary content: {control / len(text):.0%} control characters")
    return text
