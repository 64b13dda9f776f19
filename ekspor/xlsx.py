"""Spreadsheets with real cells: amounts are numbers, dates are dates.

A rupiah amount is written as a number with the format `"Rp" #,##0.00`, so Excel/LibreOffice
sums and sorts it and an Indonesian locale shows `Rp 2.000.000,00`; a date is a date cell.
Workbooks are written in openpyxl's write-only mode: memory stays flat for any row count.

Text that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`, tab, CR at the start) is
written as a text cell with Excel's "quote prefix" (`netralkan`): the cell shows the original
text, is never evaluated, and stays text when a user edits it. The alternative, prepending an
apostrophe to the value, would change the data (a registrant's name read back by the import
would carry the apostrophe). A CSV save by the user drops the prefix: the office guide says to
keep exports as xlsx.
"""

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

FORMAT_RUPIAH = '"Rp" #,##0.00'
FORMAT_ANGKA = "#,##0"
# A year is a number to sort and filter by, never "2.025": no thousands separator.
FORMAT_TAHUN = "0"
FORMAT_TANGGAL = "dd/mm/yyyy"
MIME_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

_TEBAL = Font(bold=True)
_ISI_JUDUL = PatternFill("solid", fgColor="DDDDDD")


# What makes Excel, LibreOffice or Google Sheets read a typed cell as a formula or DDE call.
AWAL_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def netralkan(c: Cell) -> Cell:
    """A text cell that looks like a formula becomes plain text shown as written (never "f").

    Numbers, dates and empty cells are left as they are: only strings are touched.
    """
    if isinstance(c.value, str) and c.value.startswith(AWAL_RUMUS):
        c.data_type = "s"
        c.quotePrefix = True
    return c


def sel_teks(ws: Any, nilai: Any) -> WriteOnlyCell:
    """A plain write-only cell holding any value, neutralised (for writers outside `sel`)."""
    return netralkan(WriteOnlyCell(ws, value=nilai))


@dataclass(frozen=True)
class Kolom:
    judul: str
    jenis: str = "teks"  # teks | angka | tahun | rupiah | tanggal
    lebar: float = 16


def sel(
    ws: WriteOnlyWorksheet,
    nilai: Any,
    jenis: str = "teks",
    *,
    tebal: bool = False,
    judul: bool = False,
) -> WriteOnlyCell:
    """One write-only cell with its real type and format."""
    if jenis in ("rupiah", "angka", "tahun") and isinstance(nilai, str) and nilai:
        nilai = Decimal(nilai)
    if jenis == "tanggal" and isinstance(nilai, dt.datetime):
        nilai = nilai.date()
    c = WriteOnlyCell(ws, value=nilai)
    if jenis == "rupiah":
        c.number_format = FORMAT_RUPIAH
    elif jenis == "angka":
        c.number_format = FORMAT_ANGKA
    elif jenis == "tahun":
        c.number_format = FORMAT_TAHUN
    elif jenis == "tanggal":
        c.number_format = FORMAT_TANGGAL
    if tebal or judul:
        c.font = _TEBAL
    if judul:
        c.fill = _ISI_JUDUL
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return netralkan(c)


def lembar(wb: Workbook, judul: str, kolom: list[Kolom]) -> WriteOnlyWorksheet:
    ws = wb.create_sheet(title=judul[:31])
    for i, k in enumerate(kolom):
        ws.column_dimensions[_huruf(i)].width = k.lebar
    return ws


def tulis_kepala(ws: WriteOnlyWorksheet, kolom: list[Kolom]) -> None:
    ws.append([sel(ws, k.judul, judul=True) for k in kolom])


def tulis_baris(
    ws: WriteOnlyWorksheet, kolom: list[Kolom], nilai: Iterable[Any], *, tebal: bool = False
) -> None:
    ws.append([sel(ws, v, k.jenis, tebal=tebal) for k, v in zip(kolom, nilai, strict=False)])


def buku() -> Workbook:
    return Workbook(write_only=True)


def _huruf(i: int) -> str:
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def respons_xlsx(wb: Workbook, nama_berkas: str) -> HttpResponse:
    """For small lists answered at once (large ones go through a background Ekspor)."""
    resp = HttpResponse(content_type=MIME_XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama_berkas}"'
    resp["Cache-Control"] = "no-store"
    wb.save(resp)
    return resp


def daftar_xlsx(
    judul: str, kolom: list[Kolom], baris: Iterable[Iterable[Any]], target: Path | IO[bytes]
) -> int:
    """Any filtered list as one sheet with a header row and an autofilter; returns row count."""
    wb = buku()
    ws = lembar(wb, judul, kolom)
    ws.freeze_panes = "A2"
    tulis_kepala(ws, kolom)
    n = 0
    for b in baris:
        tulis_baris(ws, kolom, b)
        n += 1
    # Write-only sheets emit the filter after the rows, so the full range is known here.
    ws.auto_filter.ref = f"A1:{_huruf(len(kolom) - 1)}{n + 1}"
    wb.save(target)
    return n
