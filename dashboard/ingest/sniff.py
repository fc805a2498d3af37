"""Content sniffing: what a byte string really is, whatever its file name says."""
from __future__ import annotations

# (magic prefix, offset, kind, description for messages). Checked in order; first match wins.
_MAGIC: tuple[tuple[bytes, int, str, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "binary", "a PNG image"),
    (b"\xff\xd8\xff", 0, "binary", "a JPEG image"),
    (b"GIF87a", 0, "binary", "a GIF image"),
    (b"GIF89a", 0, "binary", "a GIF image"),
    (b"WEBP", 8, "binary", "a WebP image"),
    (b"II*\x00", 0, "binary", "a TIFF image"),
    (b"MM\x00*", 0, "binary", "a TIFF image"),
    (b"\x7fELF", 0, "binary", "an ELF executable"),
    (b"\x1f\x8b", 0, "binary", "a gzip archive"),
    (b"7z\xbc\xaf\x27\x1c", 0, "binary", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", 0, "binary", "a RAR archive"),
    (b"BZh", 0, "binary", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", 0, "binary", "an xz archive"),
    (b"SQLite format 3\x00", 0, "binary", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "binary",
     "an old Word 97-2003 or password-protected Office file; save it as .docx"),
    (b"{\\rtf", 0, "binary", "an RTF document (save it as .docx or .txt)"),
    (b"ID3", 0, "binary", "an MP3 audio file"),
    (b"OggS", 0, "binary", "an Ogg media file"),
    (b"ftyp", 4, "binary", "an MP4/MOV video or HEIC image"),
    (b"\x00asm", 0, "binary", "a WebAssembly module"),
    (b"\xca\xfe\xba\xbe", 0, "binary", "a Java class or Mach-O file"),
    (b"MZ", 0, "exe", "a Windows executable"),
    (b"PK\x03\x04", 0, "zip", "a zip archive"),
    (b"PK\x05\x06", 0, "zip", "an empty zip archive"),
)

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_HTML_STARTS = ("<!doctype html", "<html", "<?xml version")


def sniff(data: bytes) -> tuple[str, str]:
    """Return ``(kind, description)``; kind is pdf, zip, binary or text (text = not recognised as binary)."""
    head = data[:64]
    for magic, offset, kind, what in _MAGIC:
        if head[offset:offset + len(magic)] == magic:
            if kind == "exe" and b"\x00" not in data[:512]:
                continue  # "MZ" can start a text file; a real executable has NUL bytes in its header
            return ("binary" if kind == "exe" else kind), what
    if b"%PDF-" in data[:1024]:
        return "pdf", "a PDF document"
    if b"\x00" in data[:8192] and not data.startswith(_BOMS) and not _looks_utf16(data):
        return "binary", "binary data with NUL bytes"
    return "text", "text"


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a BOM: NUL bytes on one side of every pair (ASCII-heavy text), none on the other."""
    sample = data[:4096]
    if len(sample) < 16 or len(sample) % 2:
        return False
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    return (odd > 0.4 * half and even == 0) or (even > 0.4 * half and odd == 0)


def utf16_order(data: bytes) -> str | None:
    """The codec of BOM-less UTF-16 text, or None."""
    if not _looks_utf16(data):
        return None
    return "utf-16-le" if data[1:4096:2].count(0) else "utf-16-be"


def looks_like_html(text: str) -> bool:
    """A strong signal only: the text starts like an HTML document (used where the name says nothing)."""
    start = text.lstrip()[:200].lower()
    return start.startswith(_HTML_STARTS) and "<html" in text[:4096].lower()
