"""Importing CSV / JSONL exports of hh.ru-shaped vacancies, with per-row errors."""

import io
import json

import pytest

from salary.importer import ImportFileError, html_to_text, parse_file

HEADER = "name,description,salary.from,salary.to,salary.currency,area.name,key_skills\n"


def _jsonl(*items) -> io.BytesIO:
    lines = [item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items]
    return io.BytesIO(("\n".join(lines) + "\n").encode())


def _vacancy(**overrides):
    item = {
        "name": "Senior Python-разработчик",
        "description": "<p>Разрабатываем <strong>API</strong>.</p><ul><li>Python &amp; Django</li><li>PostgreSQL</li></ul>",
        "salary": {"from": 250000, "to": 350000, "currency": "RUR", "gross": True},
        "area": {"id": "1", "name": "Москва"},
        "key_skills": [{"name": "Python"}, {"name": "Django"}, {"name": "python"}],
    }
    item.update(overrides)
    return item


def test_good_csv(tmp_path) -> None:
    path = tmp_path / "export.csv"
    path.write_text(
        HEADER
        + 'Junior QA,"Тестирование\nвеб-приложений",80 000,120000,RUB,Kazan,Jira;SQL; Postman\n'
        + 'Data Analyst,<p>SQL &gt; Excel</p>,150000,,USD,Remote,"[""SQL"", {""name"": ""Tableau""}]"\n'
        + "Go Developer,,,300000,rur,Moscow,\"Go, gRPC\"\n",
        encoding="utf-8-sig",  # Excel writes a BOM; it must not end up in the first column name
    )
    result = parse_file(path)
    assert result.errors == []
    assert (result.read, result.imported, result.skipped) == (3, 3, 0)
    qa, analyst, gopher = result.postings
    assert qa.description == "Тестирование\nвеб-приложений"
    assert (qa.salary_from, qa.salary_to, qa.currency, qa.skills) == (80_000, 120_000, "RUB", ("Jira", "SQL", "Postman"))
    assert (analyst.description, analyst.skills, analyst.currency) == ("SQL > Excel", ("SQL", "Tableau"), "USD")
    assert (gopher.salary_from, gopher.salary_to, gopher.currency, gopher.skills) == (None, 300_000, "RUB", ("Go", "gRPC"))
    assert result.summary() == "read 3, imported 3, skipped 0 (currencies: RUB 2, USD 1)"


def test_good_jsonl_with_html_description(tmp_path) -> None:
    path = tmp_path / "hh.jsonl"
    path.write_bytes(_jsonl(_vacancy(), _vacancy(name="Intern", salary={"from": 40000, "to": None,
                                                                         "currency": "RUR"})).getvalue())
    result = parse_file(path)
    assert result.errors == [] and result.imported == 2
    posting = result.postings[0]
    assert posting.description == "Разрабатываем API.\nPython & Django\nPostgreSQL"
    assert "<" not in posting.description
    assert (posting.salary_from, posting.salary_to, posting.currency) == (250_000, 350_000, "RUB")
    assert posting.location == "Москва" and posting.skills == ("Python", "Django")  # duplicates dropped
    assert posting.synthetic is False and posting.role is None
    assert result.postings[1].salary_to is None


@pytest.mark.parametrize(("bad", "message"), [
    (_vacancy(name=""), "missing name"),
    (_vacancy(name=None), "missing name"),
    (_vacancy(salary=None), "no salary"),
    (_vacancy(salary={"from": None, "to": None, "currency": "RUR"}), "no salary"),
    (_vacancy(salary={"from": -100, "to": 5000, "currency": "RUR"}), "salary.from is negative"),
    (_vacancy(salary={"from": 300000, "to": 200000, "currency": "RUR"}),
     "salary.from (300000) is greater than salary.to (200000)"),
    (_vacancy(salary={"from": 1000, "to": 2000, "currency": "DOGE"}), "unknown currency 'DOGE'"),
    (_vacancy(salary={"from": 1000, "to": 2000}), "salary.currency is missing"),
    (_vacancy(salary={"from": "lots", "currency": "RUR"}), "salary.from is not a number"),
    (_vacancy(salary={"from": 0, "currency": "RUR"}), "salary.from is zero"),
    (_vacancy(salary=150000), "salary must be an object"),
    (_vacancy(key_skills=[{"id": 1}]), "key_skills contains an entry without a name"),
    ('{"name": "broken", "salary": ', "invalid JSON"),
    ("[1, 2, 3]", "expected a JSON object"),
])
def test_each_bad_jsonl_row_is_reported_and_the_rest_import(bad, message: str) -> None:
    result = parse_file(_jsonl(_vacancy(), bad, _vacancy(name="Last")), format="jsonl")
    assert (result.read, result.imported, result.skipped) == (3, 2, 1)
    [error] = result.errors
    assert (error.row, error.line) == (2, 2)
    assert message in error.message
    assert str(error).startswith("row 2 (line 2): ")
    assert [p.title for p in result.postings] == ["Senior Python-разработчик", "Last"]


def test_bad_csv_rows_report_row_and_line_even_after_multiline_cells() -> None:
    text = (HEADER
            + 'Good,"line one\nline two\nline three",100000,150000,RUB,Moscow,Python\n'  # lines 2-4
            + ",,100000,,RUB,,\n"  # line 5: no name
            + "Negative,,-1,,RUB,,\n"  # line 6
            + "Inverted,,200000,100000,RUB,,\n"  # line 7
            + "Odd money,,100000,,XYZ,,\n"  # line 8
            + "No salary,,,,RUB,,\n"  # line 9
            + "Too many,,1,2,RUB,,,extra\n"  # line 10
            + "Also good,,90000,,RUR,Kazan,\n")
    result = parse_file(io.StringIO(text), format="csv")
    assert (result.read, result.imported, result.skipped) == (8, 2, 6)
    assert [(e.row, e.line) for e in result.errors] == [(2, 5), (3, 6), (4, 7), (5, 8), (6, 9), (7, 10)]
    messages = [e.message for e in result.errors]
    for expected, actual in zip(["missing name", "negative", "greater than", "unknown currency", "no salary",
                                 "more values than header"], messages, strict=True):
        assert expected in actual
    assert [p.title for p in result.postings] == ["Good", "Also good"]


def test_default_currency_fills_missing_codes() -> None:
    text = HEADER + "Dev,,100000,,,Moscow,\n"
    assert "salary.currency is missing" in parse_file(io.StringIO(text), format="csv").errors[0].message
    result = parse_file(io.StringIO(text), format="csv", default_currency="RUB")
    assert result.postings[0].currency == "RUB"


def test_format_is_detected_from_name_or_content(tmp_path) -> None:
    (tmp_path / "a.ndjson").write_bytes(_jsonl(_vacancy()).getvalue())
    (tmp_path / "b.txt").write_bytes(_jsonl(_vacancy()).getvalue())
    (tmp_path / "c.txt").write_text(HEADER + "Dev,,100000,,RUB,,\n")
    for name in ("a.ndjson", "b.txt", "c.txt"):
        assert parse_file(tmp_path / name).imported == 1, name


def test_file_level_problems_raise() -> None:
    with pytest.raises(ImportFileError, match="no 'name' column"):
        parse_file(io.StringIO("title,salary\nx,1\n"), format="csv")
    with pytest.raises(ImportFileError, match="not valid UTF-8"):
        parse_file(io.BytesIO((HEADER + "Программист,,100000,,RUB,,\n").encode("cp1251")), format="csv")
    with pytest.raises(ImportFileError, match="JSON array"):
        parse_file(io.BytesIO(b'[{"name": "x"}]'))


def test_binary_file_object_is_not_closed() -> None:
    handle = _jsonl(_vacancy())
    parse_file(handle)
    assert not handle.closed


def test_html_to_text() -> None:
    # &nbsp; becomes a non-breaking space, which str.split() treats as whitespace.
    assert html_to_text("<p>a</p><p>b&nbsp;c</p><script>x()</script>") == "a\nb c"
    assert html_to_text("<b>Python</b> &amp; <i>Go</i>") == "Python & Go"
    assert html_to_text("plain   text\n here\n\n") == "plain text\nhere"
    assert html_to_text("<ul><li>one</li><li>two</li></ul><style>p{}</style>") == "one\ntwo"
