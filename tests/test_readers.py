"""The ingest front door: every accepted input decodes right, every refusal says why in one line.

All inputs are generated in tmp_path (encodings, .docx, PDFs, zip bombs, images) except the saved web
page, tests/fixtures/ingest/state_visit.html, modelled on a real news page (nav, advert, aside, footer).
"""
from __future__ import annotations

import io
import os
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest

from dashboard.errors import InputError
from dashboard.ingest import SUPPORTED_SUFFIXES, Document, office, read_bytes, read_path, read_text
from dashboard.ingest.dates import find_dateline
from dashboard.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"
SETTINGS = Settings()
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

RU_TITLE = "Президент России прибыл в Ташкент"
RU_BODY = (
    "Ташкент, 14 октября 2026 года. Президент Российской Федерации Владимир Путин прибыл в Ташкент "
    "с государственным визитом. В международном аэропорту его встретил Президент Узбекистана Шавкат "
    "Мирзиёев. Затем главы государств возложили цветы к монументу Независимости и провели переговоры "
    "в узком формате, обсудив торговлю, энергетику и строительство новых железных дорог."
)
# Uzbek Cyrillic as old cp1251 sources write it: cp1251 has ў but no қ ғ ҳ, so к г х stand in.
UZ_TITLE = "Туркия Президенти Самаркандга келди"
UZ_BODY = (
    "Самарканд, 15 сентябр. Туркия Президенти Ражаб Тоййиб Эрдўган Шанхай хамкорлик ташкилоти "
    "саммитида иштирок этиш учун бугун Самаркандга келди. Самарканд халкаро аэропортида олий "
    "мартабали мехмонни Ўзбекистон Бош вазири кутиб олди. Шундан сўнг Туркия рахбари Хазрати Хизр "
    "мажмуасидаги макбарани зиёрат килиб, гулчамбар кўйди."
)
UZ_LATIN_TITLE = "Qozogʻiston prezidenti Xivaga keldi"
UZ_LATIN = (
    UZ_LATIN_TITLE + "\n\nUrganch xalqaro aeroportida mehmonni Oʻzbekiston "
    "Prezidenti kutib oldi. Soʻngra prezidentlar “Xiva gilamlari” korxonasiga bordilar."
)
FR_TEXT = (
    "Le président kazakh est arrivé à Samarcande\n\nLe président a été accueilli à l'aéroport "
    "international par le Premier ministre. Après la cérémonie, les délégations ont visité le "
    "mausolée et signé douze accords sur l'énergie, l'eau et les échanges régionaux."
)
ARTICLE_PARAGRAPHS = (
    "3 noyabr kuni Qirgʻiziston Prezidenti Sadir Japarov davlat tashrifi bilan Oʻzbekistonga keldi.",
    "Prezidentlar dastlab Registon maydonini va Ulugʻbek madrasasini birga tomosha qildilar.",
    "Samarqand viloyatidagi ipak gilamlar fabrikasiga borib, ishlab chiqarish bilan tanishdilar.",
    "Unda chegara, suv xoʻjaligi va savdo masalalari koʻrib chiqildi.",
    "Muzokaralar yakunida oʻn ikkita hujjat imzolandi.",
    "Kechqurun Qirgʻiziston Prezidenti Samarqand aeroportidan Bishkekka joʻnab ketdi.",
)
PAGE_JUNK = ("Asosiy", "Jamiyat", "Reklama", "chegirma", "Koʻp oʻqilganlar", "Toshkentda yangi park",
             "huquqlar", "Izohlar", "trackers", "color: red", "03.11.2026")


# ---------------------------------------------------------------- builders (all in memory / tmp_path)

def text_pdf(lines: list[str]) -> bytes:
    """A minimal valid one-page PDF whose content stream shows ``lines`` in Helvetica (WinAnsi)."""
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = ["BT", "/F1 12 Tf", "72 720 Td", "16 TL"] + [f"({esc(line)}) Tj T*" for line in lines] + ["ET"]
    stream = "\n".join(ops).encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def blank_pdf(password: str | None = None) -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    if password:
        writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], core_title: str | None = None,
              table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    if core_title:
        document.core_properties.title = core_title
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def bomb_docx(size: int) -> bytes:
    """A docx-shaped zip with a highly compressible member of ``size`` zero bytes."""
    return zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w:document/>",
                      "word/media/zeros.bin": bytes(size)})


def lying_bomb_docx(size: int) -> bytes:
    """Like bomb_docx, but the zip's headers declare the big member as 100 bytes."""
    data = bytearray(bomb_docx(size))
    for signature, size_offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        start = 0
        while (start := data.find(signature, start)) != -1:
            declared = struct.unpack_from("<I", data, start + size_offset)[0]
            if data.find(b"zeros.bin", start, start + 120) != -1 and declared == size:
                struct.pack_into("<I", data, start + size_offset, 100)
            start += 4
    return bytes(data)


def png_bytes() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
            + chunk(b"IEND", b""))


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---------------------------------------------------------------- inputs that work

# (name, bytes, media_type, title, published, phrases the text must contain)
WORKS: list[tuple[str, Callable[[], bytes], str, str | None, str | None, tuple[str, ...]]] = [
    ("utf8.txt", lambda: UZ_LATIN.encode("utf-8"), "text/plain", UZ_LATIN_TITLE, None,
     ("Oʻzbekiston", "“Xiva gilamlari”")),
    ("utf8_bom.txt", lambda: UZ_LATIN.encode("utf-8-sig"), "text/plain", UZ_LATIN_TITLE, None,
     ("Urganch xalqaro aeroportida",)),
    ("utf16.txt", lambda: UZ_LATIN.encode("utf-16"), "text/plain", UZ_LATIN_TITLE, None,
     ("Soʻngra prezidentlar",)),
    ("utf16be.txt", lambda: ("\ufeff" + RU_TITLE + "\n\n" + RU_BODY).encode("utf-16-be"), "text/plain",
     RU_TITLE, "2026-10-14", ("Владимир Путин",)),
    ("ru_cp1251.txt", lambda: (RU_TITLE + "\r\n\r\n" + RU_BODY).encode("cp1251"), "text/plain", RU_TITLE,
     "2026-10-14", ("возложили цветы к монументу Независимости",)),
    ("ru_koi8r.txt", lambda: (RU_TITLE + "\n\n" + RU_BODY).encode("koi8_r"), "text/plain", RU_TITLE,
     "2026-10-14", ("возложили цветы к монументу Независимости",)),
    ("uz_cyrl_cp1251.txt", lambda: (UZ_TITLE + "\r\n\r\n" + UZ_BODY).encode("cp1251"), "text/plain", UZ_TITLE,
     None, ("Ўзбекистон Бош вазири", "гулчамбар кўйди")),
    ("ru_short_cp1251.txt", lambda: RU_TITLE.encode("cp1251"), "text/plain", RU_TITLE, None, (RU_TITLE,)),
    ("ru_short_koi8r.txt", lambda: RU_TITLE.encode("koi8_r"), "text/plain", RU_TITLE, None, (RU_TITLE,)),
    # charset-normalizer alone reads these as Thai (cp874) and as UTF-16 Hangul
    ("uz_title_koi8r.txt", lambda: UZ_TITLE.encode("koi8_r"), "text/plain", UZ_TITLE, None, ()),
    ("ru_tiny_koi8r.txt", lambda: "Визит Путина".encode("koi8_r"), "text/plain", "Визит Путина", None, ()),
    ("ru_word_cp1251.txt", lambda: "Ташкент".encode("cp1251"), "text/plain", "Ташкент", None, ()),
    ("fr_latin1.txt", lambda: FR_TEXT.encode("latin-1"), "text/plain",
     "Le président kazakh est arrivé à Samarcande", None, ("a été accueilli à l'aéroport",)),
    ("script.txt", lambda: b"Title\n\n<script>alert('x')</script> stays text.\n", "text/plain", "Title", None,
     ("<script>alert('x')</script> stays text.",)),
    ("notes.md", lambda: b"# Tashrif\n\nXiva, 5 aprel 2024-yil. Prezidentlar uchrashdi.\n",
     "text/plain", "Tashrif", "2024-04-05", ("# Tashrif",)),
    ("saved.html", lambda: (FIXTURES / "state_visit.html").read_bytes(), "text/html",
     "Qirgʻiziston Prezidenti Samarqandga keldi", "2026-11-03", ARTICLE_PARAGRAPHS),
    ("cp1251.htm", lambda: ("<html><head><meta charset='windows-1251'><title>" + RU_TITLE
                            + "</title></head><body><article><h1>" + RU_TITLE + "</h1><p>" + RU_BODY
                            + "</p></article></body></html>").encode("cp1251"),
     "text/html", RU_TITLE, "2026-10-14", ("Шавкат Мирзиёев",)),
    ("tiny.html", lambda: b"<html><body><nav>Menu</nav><p>Short line.</p></body></html>", "text/html",
     "Short line.", None, ("Short line.",)),
    ("report.docx", lambda: make_docx(["Prezident Xivaga keldi", "", "Xiva, 5 aprel 2024-yil. Mehmon keldi.",
                                       "Soʻng muzokaralar boʻldi."], table=[["Soat", "Tadbir"]]),
     DOCX_TYPE, "Prezident Xivaga keldi", "2024-04-05", ("Soʻng muzokaralar boʻldi.", "Soat | Tadbir")),
    ("long_first.docx", lambda: make_docx(["A " * 150, "Second."], core_title="Core title"), DOCX_TYPE,
     "Core title", None, ("Second.",)),
    ("article.pdf", lambda: text_pdf(["President arrives in Tashkent", "", "14.10.2026, 18:20",
                                      "The president was met at the airport (Tashkent-International)."]),
     "application/pdf", "President arrives in Tashkent", "2026-10-14",
     ("The president was met at the airport (Tashkent-International).",)),
    ("pdf_named.txt", lambda: text_pdf(["Sniffed by content"]), "application/pdf", "Sniffed by content", None,
     ()),
]


@pytest.mark.parametrize(("name", "make", "media_type", "title", "published", "phrases"), WORKS,
                         ids=[case[0] for case in WORKS])
def test_reads(tmp_path, name, make, media_type, title, published, phrases):
    doc = read_path(write(tmp_path, name, make()), SETTINGS)
    assert isinstance(doc, Document)
    assert (doc.name, doc.media_type, doc.title, doc.published) == (name, media_type, title, published)
    assert doc.text.split("\n", 1)[0].lstrip("# ") == title
    for phrase in phrases:
        assert phrase in doc.text
    assert "\r" not in doc.text and doc.text == doc.text.rstrip() and "\ufeff" not in doc.text
    if media_type != "text/plain":  # extracted formats: title, blank line, body
        assert doc.text.startswith(title + "\n\n") or doc.text == title


def test_html_keeps_article_drops_page_furniture():
    doc = read_path(FIXTURES / "state_visit.html", SETTINGS)
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Qirgʻiziston Prezidenti Samarqandga keldi"
    assert len(paragraphs) == 7
    for expected, got in zip(ARTICLE_PARAGRAPHS, paragraphs[1:], strict=True):
        assert expected in got
    for junk in PAGE_JUNK:
        assert junk not in doc.text


def test_html_dateline_when_no_metadata():
    html = (FIXTURES / "state_visit.html").read_text(encoding="utf-8")
    html = html.replace('<meta property="article:published_time" content="2026-11-03T09:45:00+05:00">', "")
    html = html.replace("3 noyabr kuni", "Shu kuni")
    assert read_bytes(html.encode(), "page.html", SETTINGS).published == "2026-11-03"


def test_text_keeps_its_own_words():
    raw = ("Sarlavha  \r\nbirinchi qator\r\n  ikkinchi   qator\t\r\n\r\n\r\n"
           "Oʻzbekiston, Xiva — 'apostrof'\r\n\r\n")
    doc = read_bytes(raw.encode("utf-8"), "a.txt", SETTINGS)
    assert doc.text == "Sarlavha\nbirinchi qator\n  ikkinchi   qator\n\n\nOʻzbekiston, Xiva — 'apostrof'"


def test_paste_is_text_and_html_paste_is_extracted():
    assert read_text("<script>x()</script>\nMatn", SETTINGS).text == "<script>x()</script>\nMatn"
    html = (FIXTURES / "state_visit.html").read_text(encoding="utf-8")
    doc = read_text(html, SETTINGS)
    assert (doc.name, doc.media_type, doc.published) == ("pasted text", "text/html", "2026-11-03")
    assert "Reklama" not in doc.text


def test_supported_suffixes():
    assert SUPPORTED_SUFFIXES == (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


# ---------------------------------------------------------------- refusals

SMALL = Settings(max_text_bytes=1_000, max_unpacked_bytes=1_000_000)
# (id, file name, bytes, settings, message substring)
REFUSED: list[tuple[str, str, Callable[[], bytes], Settings, str]] = [
    ("empty", "a.txt", lambda: b"", SETTINGS, "empty file"),
    ("whitespace", "a.txt", lambda: b" \r\n\t \n", SETTINGS, "empty file"),
    ("bom-only", "a.txt", lambda: "\ufeff  \n".encode("utf-16"), SETTINGS, "empty file"),
    ("png", "photo.png", png_bytes, SETTINGS, "binary file (looks like a PNG image), not text"),
    ("png-as-txt", "article.txt", png_bytes, SETTINGS, "looks like a PNG image"),
    ("jpeg", "a.jpg", lambda: b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100), SETTINGS, "a JPEG image"),
    ("gif", "a.txt", lambda: b"GIF89a\x01\x00\x01\x00" + bytes(20), SETTINGS, "a GIF image"),
    ("elf", "a.txt", lambda: b"\x7fELF\x02\x01\x01" + bytes(200), SETTINGS, "an ELF executable"),
    ("old-doc", "a.docx", lambda: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), SETTINGS, "Word 97-2003"),
    ("random", "a.txt", lambda: random.Random(7).randbytes(4096), SETTINGS, "binary file"),
    ("random-no-nul", "a.txt", lambda: bytes(b or 1 for b in random.Random(7).randbytes(4096)), SETTINGS,
     "unprintable characters"),
    ("control-chars", "a.txt", lambda: ("matn\x07\x1b" * 50).encode(), SETTINGS, "unprintable characters"),
    ("over-limit", "a.txt", lambda: ("Matn. " * 400).encode(), SMALL,
     "text is 2.4 KB, over the 1.0 KB limit (VISIT_TIMELINE_MAX_TEXT_BYTES)"),
    ("over-limit-decoded", "a.txt", lambda: ("Ташкент. " * 80).encode("cp1251"), SMALL,
     "over the 1.0 KB limit (VISIT_TIMELINE_MAX_TEXT_BYTES)"),
    ("raw-over-limit", "a.txt", lambda: b"x" * 4_001, SMALL, "file is 4.0 KB, over the 4.0 KB input limit"),
    ("html-over-limit", "a.html", lambda: ("<html><body><article>" + "<p>Uzun matn bor.</p>" * 100
                                           + "</article></body></html>").encode(), SMALL,
     "over the 1.0 KB limit"),
    ("docx-not-zip", "a.docx", lambda: b"Just some text, renamed.", SETTINGS,
     "not a real .docx (not a zip archive)"),
    ("docx-no-document", "a.docx", lambda: zip_bytes({"readme.txt": b"hello"}), SETTINGS,
     "not a real .docx (no word/document.xml)"),
    ("plain-zip", "a.zip", lambda: zip_bytes({"readme.txt": b"hello"}), SETTINGS,
     "zip archive but not a .docx"),
    ("docx-broken-xml", "a.docx", lambda: zip_bytes({"word/document.xml": b"<not xml"}), SETTINGS,
     "not a readable .docx"),
    ("zip-bomb", "bomb.docx", lambda: bomb_docx(5_000_000), SMALL,
     "unpacks to 5.0 MB, over the 1.0 MB limit (VISIT_TIMELINE_MAX_UNPACKED_BYTES)"),
    ("zip-bomb-lying", "bomb.docx", lambda: lying_bomb_docx(5_000_000), SMALL, "corrupt .docx"),
    ("docx-raw-limit", "big.docx", lambda: b"PK\x03\x04" + bytes(1_000_001), SMALL,
     "over the 1.0 MB input limit"),
    ("pdf-blank", "scan.pdf", blank_pdf, SETTINGS, "PDF has no text layer (scanned?)"),
    ("pdf-encrypted", "secret.pdf", lambda: blank_pdf("s3cret"), SETTINGS,
     "PDF is encrypted (password protected)"),
    ("pdf-corrupt", "broken.pdf", lambda: b"%PDF-1.4\n1 0 obj << /Type /Catalog >>\n%%EOF", SETTINGS,
     "corrupt PDF"),
    ("pdf-truncated", "cut.pdf", lambda: text_pdf(["Hello world"])[:60], SETTINGS, "corrupt PDF"),
    ("pdf-not-pdf", "a.pdf", lambda: b"Hello, I am text.", SETTINGS, "not a real PDF (no %PDF header)"),
    ("html-no-text", "a.html", lambda: b"<html><head><script>var a=1;</script></head><body></body></html>",
     SETTINGS, "no text found"),
    ("bad-bom", "a.txt", lambda: b"\xef\xbb\xbfok \xff\xfe\xfd", SETTINGS, "not valid utf-8-sig"),
]


@pytest.mark.parametrize(("name", "make", "settings", "message"), [case[1:] for case in REFUSED],
                         ids=[case[0] for case in REFUSED])
def test_refuses(tmp_path, name, make, settings, message):
    with pytest.raises(InputError) as info:
        read_path(write(tmp_path, name, make()), settings)
    text = str(info.value)
    assert message in text
    assert "\n" not in text and text == text.strip()


def test_zip_bomb_lying_headers_pass_the_declared_check():
    """Headers that under-declare pass the declared-size check; zipfile then stops at the declared size
    and the CRC fails, so the file is refused as corrupt without unpacking the 5 MB."""
    data = lying_bomb_docx(5_000_000)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:  # the lie is in place
        assert sum(info.file_size for info in archive.infolist()) < 1_000
    with pytest.raises(InputError, match=r"corrupt \.docx \(word/media/zeros\.bin"):
        read_bytes(data, "bomb.docx", SMALL)


def test_streaming_cap_counts_real_bytes():
    """The second line of defence: members are stream-read and counted against the cap."""
    with zipfile.ZipFile(io.BytesIO(bomb_docx(300_000))) as archive:
        with pytest.raises(InputError, match=r"unpacks to more than 0\.1 MB, over the limit"):
            office._stream_check(archive, archive.infolist(), 100_000)
        office._stream_check(archive, archive.infolist(), 400_000)  # under the cap: no error


PATHS = [
    ("missing", lambda tmp: tmp / "nope.txt", "no such file"),
    ("directory", lambda tmp: tmp, "is a directory"),
    ("fifo", lambda tmp: (os.mkfifo(tmp / "pipe.txt"), tmp / "pipe.txt")[1], "not a regular file"),
]


@pytest.mark.parametrize(("make", "message"), [case[1:] for case in PATHS], ids=[case[0] for case in PATHS])
def test_refuses_paths(tmp_path, make, message):
    with pytest.raises(InputError, match=message):
        read_path(make(tmp_path), SETTINGS)


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads chmod 000 files anyway")
def test_refuses_unreadable_file(tmp_path):
    path = write(tmp_path, "locked.txt", b"secret")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_path(path, SETTINGS)


@pytest.mark.parametrize(("text", "message"), [("", "empty text"), ("  \n\t", "empty text"),
                                               ("Matn. " * 400, "over the 1.0 KB limit"),
                                               ("x\x00y" * 50, "unprintable characters")],
                         ids=["empty", "whitespace", "over-limit", "nul-bytes"])
def test_paste_refusals(text, message):
    with pytest.raises(InputError, match=message):
        read_text(text, SMALL)


# ---------------------------------------------------------------- datelines

DATELINES = [
    ("numeric", "Sarlavha\n\n14.10.2026, 18:20 · Siyosat\n\nMatn.", "2026-10-14"),
    ("iso", "Title\n2024-04-05 — Tashkent", "2024-04-05"),
    ("no-year", "Turkiya Prezidenti keldi\n\nSamarqand, 15 sentyabr. Turkiya Prezidenti keldi.", None),
    ("uz-latin-year", "Samarqand, 15 sentyabr 2022-yil. Prezident keldi.", "2022-09-15"),
    ("uz-cyrl-year-first", "Сарлавҳа\n\nТошкент, 2024 йил 5 апрель. Президент келди.", "2024-04-05"),
    ("ru-genitive", "Москва, 15 октября 2022 г. Президент прибыл.", "2022-10-15"),
    ("en", "Tashkent, October 15, 2022 — The president arrived.", "2022-10-15"),
    ("deep-in-body", "Title\n\n" + "Matn davom etadi. " * 40 + "14.10.2026", None),
    ("impossible", "Title\n\n31.02.2026, 10:00", None),
]


@pytest.mark.parametrize(("text", "expected"), [c[1:] for c in DATELINES], ids=[c[0] for c in DATELINES])
def test_dateline(text, expected):
    assert find_dateline(text) == expected


def _state_visit(meta: bool = True) -> bytes:
    html = (FIXTURES / "state_visit.html").read_text(encoding="utf-8")
    if not meta:
        html = html.replace('<meta property="article:published_time" content="2026-11-03T09:45:00+05:00">', "")
    return html.encode()


@pytest.mark.parametrize(("name", "data", "given", "expected"), [
    ("page.html", _state_visit(), None, ("2026-11-03", "page metadata")),
    ("a.txt", b"14.10.2025, 18:20\nSarlavha\nMatn.", "2020-01-01", ("2025-10-14", "dateline")),
    ("a.txt", b"Sarlavha\nMatn 26 yanvar kuni.", "2020-01-01", ("2020-01-01", "given")),
    ("a_2023-01-26.txt", b"Sarlavha\nMatn 26 yanvar kuni.", None, ("2023-01-26", "file name")),
    ("a.txt", b"Sarlavha\n" + b"Long text. " * 70 + b"\nOn 21 December 2022, and 22 December 2022, then.", None,
     ("2022-12-22", "text (its latest full date)")),
    ("a.txt", b"Sarlavha\nMatn 26 yanvar kuni.", None, (None, "not found")),
], ids=["metadata", "dateline", "given", "file-name", "text-dates", "none"])
def test_publication_date_and_where_it_was_found(name, data, given, expected):
    assert read_bytes(data, name, SETTINGS).publication(given) == expected
