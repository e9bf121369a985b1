"""Resume file extraction and text parsing, on real files generated in the tests."""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import asdict
from datetime import date

import docx
import pytest
from pypdf import PdfReader, PdfWriter

from resumes.extraction import (
    MAX_DOCX_ENTRIES,
    MAX_DOCX_UNCOMPRESSED_BYTES,
    MAX_TEXT_CHARS,
    NO_TEXT_MESSAGE,
    UNSUPPORTED_MESSAGE,
    ExtractedText,
    ResumeFileError,
    extract_text,
    read_limited,
    sniff_kind,
)
from resumes.parsing import ParsedResume, parse_resume_text

TODAY = date(2025, 6, 1)


# --- file builders ---------------------------------------------------------------------


def _pdf_string(line: str, codes: dict[str, int]) -> bytes:
    raw = bytes(codes.get(ch, ord(ch)) for ch in line)
    return raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def make_pdf(lines: list[str] | None) -> bytes:
    """A minimal one-page PDF written by hand: Helvetica text, a correct xref table.

    Any Unicode text (Cyrillic, dashes): each character beyond ASCII gets a code from 128
    up, named in the font's /Differences as "uniXXXX", which is how a text extractor
    recovers it. ``lines=None`` gives a page without any content (what a scanned image
    looks like to a text extractor).
    """
    extra = sorted({ch for line in lines or [] for ch in line if ord(ch) > 126})
    assert len(extra) <= 128, "one simple font holds 128 extra characters"
    codes = {ch: 128 + index for index, ch in enumerate(extra)}
    if lines:
        ops = [b"BT", b"/F1 12 Tf", b"14 TL", b"72 720 Td"]
        ops += [b"(" + _pdf_string(line, codes) + b") Tj T*" for line in lines]
        ops.append(b"ET")
        stream = b"\n".join(ops)
    else:
        stream = b""
    differences = b" ".join(b"/uni%04X" % ord(ch) for ch in extra)
    encoding = b"<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [128 " + differences + b"] >>"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding "
        + (encoding if extra else b"/WinAnsiEncoding")
        + b" >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 %d\n" % (len(objects) + 1)
    out += b"0000000000 65535 f \n"
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset  # each entry is exactly 20 bytes
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref_at)
    return bytes(out)


def encrypt_pdf(data: bytes, *, user_password: str, owner_password: str = "owner") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    # RC4 works without the optional cryptography package (AES would need it).
    writer.encrypt(user_password=user_password, owner_password=owner_password, algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def make_docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                grid.cell(r, c).text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def add_zip_entries(data: bytes, entries: dict[str, bytes]) -> bytes:
    """A copy of a DOCX (a ZIP) with extra, deflated entries."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
        for name, payload in entries.items():
            target.writestr(name, payload)
    return out.getvalue()


RESUME_LINES = [
    "John Smith",
    "Senior Python Developer",
    "Summary",
    "Backend engineer with 7 years of experience in Python, Django and PostgreSQL.",
    "Languages: English (native), German (B1)",
]


# --- sniffing ---------------------------------------------------------------------------


def test_sniff_kind_uses_magic_bytes_only():
    assert sniff_kind(b"%PDF-1.7\n...") == "pdf"
    assert sniff_kind(b"PK\x03\x04\x14\x00") == "docx"
    assert sniff_kind(b"John Smith, resume.pdf") is None
    assert sniff_kind(b"") is None
    assert sniff_kind(b"\x89PNG\r\n\x1a\n") is None


# --- PDF ----------------------------------------------------------------------------------


def test_handmade_pdf_is_valid_and_pypdf_reads_it():
    data = make_pdf(RESUME_LINES)
    reader = PdfReader(io.BytesIO(data), strict=True)  # strict: the xref must be right
    assert len(reader.pages) == 1
    assert "Senior Python Developer" in reader.pages[0].extract_text()


def test_extract_text_from_pdf():
    result = extract_text(make_pdf(RESUME_LINES))
    assert isinstance(result, ExtractedText)
    assert result.kind == "pdf"
    assert "Senior Python Developer" in result.text
    assert "7 years of experience" in result.text
    lines = result.text.split("\n")
    assert "John Smith" in lines[0]


def test_pdf_text_parses_into_a_profile():
    parsed = parse_resume_text(extract_text(make_pdf(RESUME_LINES)).text, today=TODAY)
    assert parsed.skills == ["Python", "Django", "PostgreSQL"]
    assert parsed.years_experience == 7
    assert parsed.languages == ["English", "German"]
    assert parsed.positions == ["Senior Python Developer"]


def test_pdf_without_text_asks_to_type_the_resume():
    with pytest.raises(ResumeFileError) as caught:
        extract_text(make_pdf(None))
    assert caught.value.status == 400
    assert caught.value.detail == NO_TEXT_MESSAGE
    assert "type your resume" in str(caught.value).lower()


def test_pdf_with_only_whitespace_and_digits_counts_as_no_text():
    with pytest.raises(ResumeFileError) as caught:
        extract_text(make_pdf(["   ", "12 34"]))
    assert caught.value.detail == NO_TEXT_MESSAGE


def test_encrypted_pdf_is_refused_as_password_protected():
    data = encrypt_pdf(make_pdf(RESUME_LINES), user_password="secret")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    with pytest.raises(ResumeFileError) as caught:
        extract_text(data)
    assert caught.value.status == 400
    assert caught.value.detail.startswith("This PDF is password-protected")


def test_pdf_with_owner_password_only_is_readable():
    # "No copying" PDFs: encrypted, but the empty user password opens them for reading.
    data = encrypt_pdf(make_pdf(RESUME_LINES), user_password="")
    assert PdfReader(io.BytesIO(data)).is_encrypted
    assert "Senior Python Developer" in extract_text(data).text


def test_pdf_encryption_we_cannot_decrypt_is_password_protected(monkeypatch):
    # AES needs the optional `cryptography` package; pypdf then raises DependencyError.
    from pypdf.errors import DependencyError

    import resumes.extraction

    def refuse(*args, **kwargs):
        raise DependencyError("cryptography>=3.1 is required for AES algorithm")

    monkeypatch.setattr(resumes.extraction, "PdfReader", refuse)
    with pytest.raises(ResumeFileError) as caught:
        extract_text(make_pdf(RESUME_LINES))
    assert caught.value.detail.startswith("This PDF is password-protected")


@pytest.mark.parametrize("keep", [20, 120, 300])
def test_truncated_pdf_could_not_be_read(keep):
    data = make_pdf(RESUME_LINES)
    with pytest.raises(ResumeFileError) as caught:
        extract_text(data[:keep])
    assert caught.value.status == 400
    assert "could not be read" in caught.value.detail


def test_pdf_header_followed_by_garbage_could_not_be_read():
    with pytest.raises(ResumeFileError) as caught:
        extract_text(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    assert caught.value.status == 400
    assert "could not be read" in caught.value.detail


# --- type checks and size -------------------------------------------------------------------


def test_text_file_renamed_to_pdf_is_refused():
    # The name says "resume.pdf"; the bytes say plain text. Only the bytes count.
    data = "John Smith\nPython developer, 5 years of experience\n".encode()
    with pytest.raises(ResumeFileError) as caught:
        extract_text(data)
    assert caught.value.status == 400
    assert caught.value.detail == UNSUPPORTED_MESSAGE == "Upload a PDF or DOCX file."


def test_empty_file_is_refused():
    with pytest.raises(ResumeFileError) as caught:
        extract_text(b"")
    assert caught.value.status == 400
    assert "empty" in caught.value.detail


def test_file_just_over_the_limit_is_413_before_parsing():
    limit = 5 * 1024 * 1024
    data = make_pdf(RESUME_LINES)
    data += b"%" * (limit + 1 - len(data))  # comment bytes: still a "PDF", just too big
    assert len(data) == limit + 1
    with pytest.raises(ResumeFileError) as caught:
        extract_text(data)
    assert caught.value.status == 413
    assert caught.value.detail == "The file is larger than 5 MB."


def test_file_exactly_at_the_limit_is_accepted():
    data = make_pdf(RESUME_LINES)
    assert extract_text(data, max_bytes=len(data)).kind == "pdf"
    with pytest.raises(ResumeFileError) as caught:
        extract_text(data, max_bytes=len(data) - 1)
    assert caught.value.status == 413


def test_read_limited_stops_after_the_limit():
    assert read_limited(io.BytesIO(b"x" * 10), max_bytes=10) == b"x" * 10
    with pytest.raises(ResumeFileError) as caught:
        read_limited(io.BytesIO(b"x" * 11), max_bytes=10)
    assert caught.value.status == 413


# --- DOCX ------------------------------------------------------------------------------------


def test_extract_text_from_docx_paragraphs_and_tables():
    data = make_docx(
        ["Иван Иванов", "Желаемая должность: Python-разработчик", "Опыт работы 3 года"],
        table=[["Навыки", "питон, Постгрес, Эксель"], ["Знание языков", "Английский — B2"]],
    )
    result = extract_text(data)
    assert result.kind == "docx"
    assert "Желаемая должность: Python-разработчик" in result.text
    assert "питон, Постгрес, Эксель" in result.text  # a table cell
    assert "Английский — B2" in result.text
    parsed = parse_resume_text(result.text, today=TODAY)
    assert parsed.skills == ["Python", "PostgreSQL", "Excel"]
    assert parsed.years_experience == 3
    assert parsed.positions == ["Python-разработчик"]
    assert parsed.languages == ["English"]


def test_docx_with_nested_table_text_is_extracted():
    document = docx.Document()
    outer = document.add_table(rows=1, cols=1)
    inner = outer.cell(0, 0).add_table(rows=1, cols=1)
    inner.cell(0, 0).text = "Kubernetes in a nested cell"
    buffer = io.BytesIO()
    document.save(buffer)
    assert "Kubernetes in a nested cell" in extract_text(buffer.getvalue()).text


def test_empty_docx_asks_to_type_the_resume():
    with pytest.raises(ResumeFileError) as caught:
        extract_text(make_docx([]))
    assert caught.value.detail == NO_TEXT_MESSAGE


def test_zip_bomb_docx_is_refused_before_unpacking():
    zeros = b"\0" * (MAX_DOCX_UNCOMPRESSED_BYTES + 1)
    bomb = add_zip_entries(make_docx(["Python developer"]), {"word/media/image1.png": zeros})
    assert len(bomb) < 1024 * 1024  # tiny on the wire, over 20 MB unpacked
    with pytest.raises(ResumeFileError) as caught:
        extract_text(bomb)
    assert caught.value.status == 400
    assert "unpacks to more than 20 MB" in caught.value.detail


def test_docx_with_too_many_entries_is_refused():
    extra = {f"extra/part{i}.xml": b"<a/>" for i in range(MAX_DOCX_ENTRIES)}
    crowded = add_zip_entries(make_docx(["Python developer"]), extra)
    with pytest.raises(ResumeFileError) as caught:
        extract_text(crowded)
    assert caught.value.status == 400
    assert "too many parts" in caught.value.detail


def test_docx_entry_lying_about_its_size_cannot_inflate_past_it():
    # The bounded check trusts declared sizes because zipfile never inflates an entry past
    # its declared size (and then fails the CRC). Pin that assumption: lie about the size
    # of word/document.xml, and the file is refused instead of inflated.
    data = bytearray(make_docx(["Python developer"]))
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        info = archive.getinfo("word/document.xml")
    real = info.file_size.to_bytes(4, "little")
    lie = (10).to_bytes(4, "little")
    local = info.header_offset + 22  # uncompressed size in the local file header
    assert bytes(data[local : local + 4]) == real
    data[local : local + 4] = lie
    # ...and in the entry's central directory record (size at +24, name at +46).
    records = [m.start() for m in re.finditer(rb"PK\x01\x02", bytes(data))]
    record = next(r for r in records if data[r + 46 : r + 46 + len(b"word/document.xml")] == b"word/document.xml")
    central = record + 24
    assert bytes(data[central : central + 4]) == real
    data[central : central + 4] = lie
    with zipfile.ZipFile(io.BytesIO(bytes(data))) as archive:
        with pytest.raises(zipfile.BadZipFile):
            archive.read("word/document.xml")
    with pytest.raises(ResumeFileError) as caught:
        extract_text(bytes(data))
    assert caught.value.status == 400
    assert "could not be read" in caught.value.detail


def test_zip_that_is_not_a_docx_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(ResumeFileError) as caught:
        extract_text(buffer.getvalue())
    assert caught.value.detail == UNSUPPORTED_MESSAGE


def test_corrupt_docx_could_not_be_read():
    data = make_docx(["Python developer"])
    for broken in (data[: len(data) // 2], b"PK\x03\x04" + b"\xff" * 200):
        with pytest.raises(ResumeFileError) as caught:
            extract_text(broken)
        assert caught.value.status == 400
        assert "could not be read" in caught.value.detail


def test_docx_with_broken_document_xml_could_not_be_read():
    data = make_docx(["Python developer"])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            payload = b"<w:document><unclosed>" if item.filename == "word/document.xml" else source.read(item)
            target.writestr(item, payload)
    with pytest.raises(ResumeFileError) as caught:
        extract_text(out.getvalue())
    assert "could not be read" in caught.value.detail


def test_extracted_text_is_tidied_and_capped():
    data = make_docx(["  ﬁnance   and\u00a0accounting  ", "", "", "", "Excel\u00ad", "x" * (MAX_TEXT_CHARS + 10)])
    text = extract_text(data).text
    assert text.startswith("finance and accounting\n\nExcel\n")  # ligature, nbsp, blank runs, soft hyphen
    assert len(text) == MAX_TEXT_CHARS


def test_error_is_an_exception_with_status():
    error = ResumeFileError("Upload a PDF or DOCX file.")
    assert isinstance(error, Exception)
    assert error.status == 400
    assert ResumeFileError("Too big.", status=413).status == 413


# --- parse_resume_text ------------------------------------------------------------------------

EN_RESUME = """Jane Doe
Senior Backend Engineer
jane@example.com | +1 555 123 4567 | github.com/jane/python-tools

Summary
Backend engineer building APIs in Python, Go and PostgreSQL on Kubernetes. I lead a team of five.

Experience
Acme Corp — Senior Developer
Jan 2020 – Present
Beta LLC — Developer
2015 - 2019

Education
MSc Computer Science, MIT
2010 – 2014

Skills: Python, Go, Docker, k8s, Jira, CI/CD
Languages: English (native), German — B1
"""

RU_RESUME = """Иванов Иван
Желаемая должность и зарплата
Менеджер по продажам / Аккаунт-менеджер, 120 000 руб.
Опыт работы —5 лет 3 месяца
Сентябрь 2019 — по настоящее время
ООО Ромашка. Холодные звонки, ведение переговоров, работа в CRM (amoCRM), отчёты в Экселе.
Образование
Высшее
2015
МГУ им. Ломоносова, экономический факультет
Знание языков
Русский — Родной
Английский — B2 — Средне-продвинутый
О себе
Коммуникабельный, стрессоустойчивый, люблю сложные переговоры.
"""


def test_parse_english_resume():
    parsed = parse_resume_text(EN_RESUME, today=TODAY)
    assert isinstance(parsed, ParsedResume)
    assert parsed.skills[:4] == ["Python", "Go", "PostgreSQL", "Kubernetes"]
    assert {"Docker", "Jira", "CI/CD"} <= set(parsed.skills)
    # Jan 2020 – Jun 2025 plus 2015–2019; the MSc dates are not experience.
    assert parsed.years_experience == 9
    assert parsed.languages == ["English", "German"]
    assert parsed.positions == ["Senior Backend Engineer"]
    assert parsed.education == "MSc Computer Science, MIT"
    assert parsed.summary.startswith("Backend engineer building APIs")
    assert "jane@example.com" not in parsed.summary


def test_parse_russian_resume():
    parsed = parse_resume_text(RU_RESUME, today=TODAY)
    assert parsed.positions == ["Менеджер по продажам", "Аккаунт-менеджер"]
    assert parsed.years_experience == 5  # the stated total wins over the dates
    assert parsed.languages == ["Russian", "English"]
    assert parsed.education.startswith("Высшее; МГУ им. Ломоносова")
    assert parsed.summary == "Коммуникабельный, стрессоустойчивый, люблю сложные переговоры."
    for skill in ["Cold calling", "Negotiation", "CRM", "amoCRM", "Excel", "Communication", "Stress resistance"]:
        assert skill in parsed.skills


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("5 years of experience with Django", 5),
        ("Over 10+ years of professional software experience", 10),
        ("Experience: 4 years", 4),
        ("7 years of commercial Python experience, 3 years of experience with Go", 7),
        ("Опыт работы 3 года", 3),
        ("Опыт работы — 11 лет 2 месяца", 11),
        ("Опыт коммерческой разработки более 4 лет", 4),
        ("6 лет опыта в продажах", 6),
        ("2018-2021 Developer at X", 3),
        ("2015 – present", 10),
        ("2019 — н.в.", 6),
        ("Март 2020 — по настоящее время", 5),
        ("03.2018 – 05.2021", 3),
        # Overlapping jobs are not counted twice.
        ("Company A: 2010 – 2020\nCompany B (part-time): 2012 – 2014", 10),
        # Gaps are not counted.
        ("2000 – 2002\n2010 – 2012", 4),
        ("Born in 1990. Graduated 2012.", None),
        ("No dates at all", None),
        ("University of Somewhere, 2010 – 2014", None),
        ("Опыт работы с 2015 года", None),  # "с 2015 года" is a start, not a duration
        ("100 years of experience", None),
    ],
)
def test_years_experience(text, years):
    assert parse_resume_text(text, today=TODAY).years_experience == years


def test_years_experience_is_capped():
    text = "1950 – 1990\n1995 – present"
    assert parse_resume_text(text, today=date(2049, 1, 1)).years_experience == 60
    # A single range longer than a working life is a typo, not experience.
    assert parse_resume_text("1950 – present", today=date(2049, 1, 1)).years_experience is None


def test_future_and_backwards_ranges_are_ignored():
    assert parse_resume_text("2030 – 2032\n2021 – 2018", today=TODAY).years_experience is None


def test_languages_need_a_section_or_a_level():
    text = "We served Russian Post and English-speaking clients. I polish the details.\nPython, Polish"
    assert parse_resume_text(text).languages == []
    assert parse_resume_text("Fluent in Spanish; Polish — A2; французский (базовый)").languages == [
        "Spanish",
        "Polish",
        "French",
    ]
    assert parse_resume_text("Языки\nанглийский\nнемецкий").languages == ["English", "German"]


def test_positions_from_labels_and_title_lines():
    assert parse_resume_text("Desired position: Data Analyst").positions == ["Data Analyst"]
    assert parse_resume_text("Alex\nProduct Manager | Product Owner\nalex@example.com").positions == [
        "Product Manager",
        "Product Owner",
    ]
    assert parse_resume_text("I lead a team of five engineers\nLikes hiking").positions == []
    assert parse_resume_text("").positions == []


def test_summary_is_bounded_and_cut_at_a_word():
    text = "About me\n" + "word " * 300
    summary = parse_resume_text(text).summary
    assert len(summary) <= 500
    assert summary.endswith("word…")


def test_parse_is_deterministic_and_serialisable():
    first = parse_resume_text(EN_RESUME, today=TODAY)
    second = parse_resume_text(EN_RESUME, today=TODAY)
    assert first == second
    assert set(asdict(first)) == {"skills", "years_experience", "languages", "positions", "education", "summary"}


def test_parse_empty_text():
    assert parse_resume_text("") == ParsedResume()
