"""Reading the CSV files cities publish: delimiter and encoding found without being told,
file-level problems (not CSV, wrong delimiter, empty, too large) refused as a whole with a
stable code, rows that do not fit the header marked with their physical line."""

from __future__ import annotations

import codecs

import pytest

from eoffice.territory import imports_reading
from eoffice.territory.domain import ImportKind
from eoffice.territory.errors import (
    EmptyImport,
    ImportTooLarge,
    MissingColumns,
    UnreadableImport,
)
from eoffice.territory.imports_reading import read_table

STREETS = ImportKind.STREETS


def test_semicolons_and_utf8_with_bom_are_read_as_excel_writes_them() -> None:
    content = codecs.BOM_UTF8 + b"CODVIA;TIPOVIA;NOMBRE_ES;NOMBRE_VA\r\n" \
        b"90001;PZ;del Ayuntamiento;de l'Ajuntament\r\n"
    table = read_table(STREETS, content)
    assert (table.delimiter, table.encoding) == (";", "UTF-8")
    assert table.rows[0].values == {"code": "90001", "kind": "PZ",
                                    "name_es": "del Ayuntamiento",
                                    "name_ca": "de l'Ajuntament"}
    assert table.rows[0].line == 2


def test_commas_with_quoted_names_and_other_usual_column_names() -> None:
    content = b'cod_via,tipo_via,nomoficial\n90002,CL,"de Colon, Cristobal"\n'
    table = read_table(STREETS, content)
    assert table.delimiter == ","
    assert table.rows[0].values["name_es"] == "de Colon, Cristobal"


def test_latin1_files_from_old_spreadsheets_keep_their_accents() -> None:
    content = "codvia;tipovia;nombre_es\n90003;PZ;de la Reina Mª Ángeles\n".encode("cp1252")
    table = read_table(STREETS, content)
    assert table.encoding.startswith("Latin-1")
    assert table.rows[0].values["name_es"] == "de la Reina Mª Ángeles"


def test_utf16_with_bom_is_read() -> None:
    content = "codvia;tipovia;nombre_es\n90004;AV;del Cid\n".encode("utf-16")
    assert read_table(STREETS, content).rows[0].values["name_es"] == "del Cid"


@pytest.mark.parametrize("content", [
    b"codvia\ttipovia\tnombre_es\n90005\tCL\tde Cuba\n",  # tabs: not a delimiter we read
    b"codvia|tipovia|nombre_es\n90005|CL|de Cuba\n",
    b"code;name\n90005;de Cuba\n",  # the street type is missing
])
def test_a_file_whose_first_line_lacks_the_columns_is_refused(content: bytes) -> None:
    with pytest.raises(MissingColumns) as refused:
        read_table(STREETS, content)
    assert refused.value.code == "territory.missing_columns"
    assert "codvia" in str(refused.value.detail)


@pytest.mark.parametrize("content", [
    b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n",
    b"PK\x03\x04\x14\x00\x06\x00",  # an .xlsx is a ZIP
    b"codvia;tipovia;nombre_es\n\x00\x01\x02;CL;x\n",
])
def test_what_is_not_csv_text_is_refused(content: bytes) -> None:
    with pytest.raises(UnreadableImport):
        read_table(STREETS, content)


@pytest.mark.parametrize("content", [b"", b"\r\n \n", b"codvia;tipovia;nombre_es\r\n\r\n"])
def test_an_empty_file_or_a_header_alone_is_refused(content: bytes) -> None:
    with pytest.raises(EmptyImport):
        read_table(STREETS, content)


def test_a_file_over_the_size_limit_is_refused_before_it_is_read() -> None:
    content = b"codvia;tipovia;nombre_es\n" + b"x" * imports_reading.MAX_IMPORT_BYTES
    with pytest.raises(ImportTooLarge) as refused:
        read_table(STREETS, content)
    assert refused.value.status == 413


def test_a_file_with_more_rows_than_allowed_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(imports_reading, "MAX_IMPORT_ROWS", 3)
    content = b"codvia;tipovia;nombre_es\n" + b"".join(
        f"9{i:04d};CL;Calle {i}\n".encode() for i in range(4))
    with pytest.raises(ImportTooLarge, match="3 rows"):
        read_table(STREETS, content)


def test_rows_that_do_not_fit_the_header_are_marked_with_their_line() -> None:
    content = (b"codvia;tipovia;nombre_es\n\n90006;CL;de Sueca\n90007;CL\n"
               b'90008;CL;"de la\nMar"\n90009;CL;de Russafa;extra\n')
    rows = read_table(STREETS, content).rows
    assert [(row.line, row.problem is None) for row in rows] == [
        (3, True), (4, False), (6, True), (7, False)]
    assert rows[1].cells == {"codvia": "90007", "tipovia": "CL"}
    assert "2 fields" in str(rows[1].problem)


def test_a_broken_quote_makes_the_file_unreadable_at_its_line() -> None:
    content = b'codvia;tipovia;nombre_es\n90010;CL;"de la Pau" x\n'
    with pytest.raises(UnreadableImport, match="line 2"):
        read_table(STREETS, content)
