"""Reading the CSV files cities publish (street maps, street sections, postal addresses,
cadastral references) into rows with canonical column names: the encoding (UTF-8 with or
without BOM, UTF-16 with BOM, else Windows Latin-1), the delimiter (``;`` or ``,``, chosen
by which one makes the first line name the needed columns), the limits. Pure: no session."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass, field

from eoffice.territory.domain import ImportKind, fold
from eoffice.territory.errors import EmptyImport, ImportTooLarge, MissingColumns, UnreadableImport

MAX_IMPORT_BYTES = 16 * 1024 * 1024
MAX_IMPORT_ROWS = 200_000
MAX_CELL = 200
DELIMITERS = (";", ",")
BINARY_STARTS = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x1f\x8b",
                 b"{\\rtf", b"\xd0\xcf\x11\xe0")

_STREET = ("codvia", "cod_via", "codigo_via", "cvia", "id_via", "street", "street_code")
# canonical column → the names cities give it (folded: lower case, no accents, "_")
COLUMNS: dict[ImportKind, dict[str, tuple[str, ...]]] = {
    ImportKind.STREETS: {
        "code": (*_STREET, "codigo", "code"),
        "kind": ("tipovia", "tipo_via", "codtipovia", "tvia", "tipo", "kind"),
        "name_es": ("nombre_es", "nomoficial", "nombre", "nom_es", "nvia", "name_es", "name"),
        "name_ca": ("nombre_va", "nombre_ca", "nombre_val", "nom_va", "nom_ca",
                    "nomoficial_va", "name_ca"),
        "name_en": ("nombre_en", "name_en"),
    },
    ImportKind.SECTIONS: {
        "street": _STREET,
        "code": ("tramo", "cod_tramo", "codigo_tramo", "numtramo", "section", "code"),
        "parity": ("paridad", "tipo_numeracion", "tinum", "lado", "parity"),
        "number_from": ("num_ini", "numero_inicial", "nini", "desde", "number_from"),
        "number_to": ("num_fin", "numero_final", "nfin", "hasta", "number_to"),
        "category": ("categoria", "categoria_fiscal", "cat_fiscal", "category"),
        "postcode": ("cod_postal", "codigo_postal", "cpos", "cp", "postcode"),
        "district": ("distrito", "dist", "district"),
    },
    ImportKind.ADDRESSES: {
        "street": _STREET,
        "number": ("numero", "num", "numpol", "portal", "number"),
        "letter": ("letra", "bis", "letter"),
        "postcode": ("cod_postal", "codigo_postal", "cpos", "cp", "postcode"),
        "district": ("distrito", "dist", "district"),
        "code": ("codigo_direccion", "cod_direccion", "cod_portal", "address_code", "code"),
    },
    ImportKind.CADASTRE: {
        "reference": ("refcat", "referencia_catastral", "ref_catastral",
                      "cadastral_reference", "reference"),
        "street": _STREET,
        "number": ("numero", "num", "numpol", "portal", "number"),
        "letter": ("letra", "bis", "letter"),
        "floor": ("planta", "piso", "floor"),
        "door": ("puerta", "porta", "door"),
        "use": ("uso", "us", "use"),
        "area": ("superficie", "sup", "superficie_m2", "area_m2", "area"),
        "built_year": ("anyo_construccion", "ano_construccion", "any_construccio",
                       "built_year"),
    },
}
REQUIRED: dict[ImportKind, tuple[str, ...]] = {
    ImportKind.STREETS: ("code", "kind", "name_es"),
    ImportKind.SECTIONS: ("street", "code", "number_from", "number_to", "category",
                          "postcode"),
    ImportKind.ADDRESSES: ("street", "number"),
    ImportKind.CADASTRE: ("reference",),
}


@dataclass(frozen=True)
class CsvRow:
    """One line of data: its physical line number, the canonical values, the cells as
    the file names them (for the report) and, when unusable as a whole, why."""

    line: int
    values: dict[str, str]
    cells: dict[str, str]
    problem: str | None = None


@dataclass(frozen=True)
class CsvTable:
    encoding: str
    delimiter: str
    header: list[str]
    rows: list[CsvRow] = field(default_factory=list)


def decode(content: bytes) -> tuple[str, str]:
    """The text of ``content`` and the encoding it was read in; UnreadableImport for
    what is not text (a PDF, a spreadsheet, an image, control characters)."""
    if content.startswith(BINARY_STARTS):
        raise UnreadableImport(detail="binary file (PDF, ZIP/XLSX, image...), not CSV text")
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates: tuple[tuple[str, str], ...] = (("utf-16", "UTF-16"),)
    else:
        candidates = (("utf-8-sig", "UTF-8"), ("cp1252", "Latin-1 (Windows-1252)"))
    for codec, label in candidates:
        try:
            text = content.decode(codec)
        except UnicodeDecodeError:
            continue
        if any(ord(ch) < 32 and ch not in "\t\r\n" for ch in text):
            raise UnreadableImport(detail="control characters: a binary file, not CSV text")
        return text, label
    raise UnreadableImport(detail="neither UTF-8 nor Latin-1 text")


def column_key(name: str) -> str:
    return fold(name).replace(" ", "_")


def map_columns(kind: ImportKind, header: list[str]) -> dict[int, str]:
    """Position in the header → canonical column (the first column of each meaning)."""
    aliases = {alias: canonical for canonical, names in COLUMNS[kind].items()
               for alias in names}
    mapped: dict[int, str] = {}
    for position, name in enumerate(header):
        canonical = aliases.get(column_key(name))
        if canonical is not None and canonical not in mapped.values():
            mapped[position] = canonical
    return mapped


def _choose_delimiter(kind: ImportKind, first_line: str) -> tuple[str, list[str]]:
    for delimiter in DELIMITERS:
        header = next(csv.reader([first_line], delimiter=delimiter))
        if set(REQUIRED[kind]) <= set(map_columns(kind, header).values()):
            return delimiter, header
    needed = ", ".join(COLUMNS[kind][name][0] for name in REQUIRED[kind])
    raise MissingColumns(detail=f"needed: {needed} (or another usual name of each); "
                                f"the first line is: {first_line[:200]}")


def _row(line: int, cells: list[str], header: list[str], mapped: dict[int, str]) -> CsvRow:
    named = {(header[i] if i < len(header) else f"#{i + 1}"): cell[:MAX_CELL]
             for i, cell in enumerate(cells)}
    problem = None
    if len(cells) != len(header):
        problem = f"{len(cells)} fields where the first line names {len(header)}"
    elif any(len(cell) > MAX_CELL for cell in cells):
        problem = f"a value is longer than {MAX_CELL} characters"
    values = {canonical: cells[i].strip() for i, canonical in mapped.items() if i < len(cells)}
    return CsvRow(line=line, values=values, cells=named, problem=problem)


def read_table(kind: ImportKind, content: bytes) -> CsvTable:
    """The rows of a CSV file of ``kind``; file-level problems raise (nothing imported):
    ImportTooLarge, UnreadableImport, MissingColumns, EmptyImport."""
    if len(content) > MAX_IMPORT_BYTES:
        raise ImportTooLarge(detail=f"at most {MAX_IMPORT_BYTES // (1024 * 1024)} MB")
    text, encoding = decode(content)
    if not text.strip():
        raise EmptyImport()
    first_line = next(line for line in text.splitlines() if line.strip())
    delimiter, header = _choose_delimiter(kind, first_line)
    mapped = map_columns(kind, header)
    reader = csv.reader(io.StringIO(text), delimiter=delimiter, strict=True)
    rows: list[CsvRow] = []
    seen_header = False
    try:
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if not seen_header:  # the first line that is not blank
                seen_header = True
                continue
            if len(rows) >= MAX_IMPORT_ROWS:
                raise ImportTooLarge(detail=f"at most {MAX_IMPORT_ROWS} rows")
            rows.append(_row(reader.line_num, cells, header, mapped))
    except csv.Error as exc:
        raise UnreadableImport(detail=f"line {reader.line_num}: {exc}") from exc
    if not rows:
        raise EmptyImport()
    return CsvTable(encoding=encoding, delimiter=delimiter, header=header, rows=rows)
