"""Reading an uploaded file: its real type from the content (never the name), then its rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from dinsos.format import angka

from .kolom import KOLOM, PESAN_BUKAN_LEMBAR_KERJA, SINONIM, _norm_judul

# The import layout has 13 columns; a sheet declaring more than this is not ours (or a bomb).
KOLOM_MAKS = 50
# Blank rows tolerated past the row cap (spacing, a title above the header).
BARIS_LONGGAR = 1000
# Total inflated size of the xlsx parts; a 10 MB upload of real data stays far below it.
XLSX_TERBUKA_MAKS = 200 * 1024 * 1024


@dataclass
class Tabel:
    jenis: str
    kolom: dict[str, int]  # key -> column index
    baris: list[tuple[int, list[Any]]]  # (spreadsheet row number, values)
    judul: list[Any] = field(default_factory=list)  # the header row as written


def deteksi_jenis(data: bytes) -> str:
    """'xlsx' or 'csv' by content; raises ValidationError for anything else."""
    if data[:4] == b"PK\x03\x04":
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as z:
                nama = set(z.namelist())
        except zipfile.BadZipFile:
            raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja") from None
        if "[Content_Types].xml" in nama and "xl/workbook.xml" in nama:
            return "xlsx"
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ValidationError(
            "Format Excel lama (.xls) tidak didukung. Buka berkas di Excel/LibreOffice lalu "
            "simpan sebagai .xlsx.",
            code="xls_lama",
        )
    if b"\x00" in data[:65536]:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    return "csv"


def _peta_kolom(judul: Sequence[Any]) -> dict[str, int]:
    kolom: dict[str, int] = {}
    for i, j in enumerate(judul):
        key = SINONIM.get(_norm_judul(j))
        if key and key not in kolom:
            kolom[key] = i
    return kolom


def _cek_judul(kolom: dict[str, int]) -> None:
    kurang = [j for k, j, wajib in KOLOM if wajib and k not in kolom]
    if kurang:
        raise ValidationError(
            "Kolom wajib tidak ditemukan pada baris judul: "
            + ", ".join(kurang)
            + ". Gunakan templat impor (judul kolom boleh huruf besar/kecil).",
            code="kolom_kurang",
        )


def _dekode(data: bytes) -> str:
    for enc in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA)  # pragma: no cover - latin-1 decodes all


def _baris_maks() -> int:
    return int(settings.IMPOR_BARIS_MAKS)


def _galat_terlalu_banyak_baris() -> ValidationError:
    n = _baris_maks()
    return ValidationError(
        f"Berkas memuat lebih dari {angka(n)} baris. Satu berkas impor paling banyak "
        f"{angka(n)} baris data: bagi berkas menjadi beberapa bagian.",
        code="terlalu_banyak_baris",
    )


def _galat_terlalu_banyak_kolom(n: int) -> ValidationError:
    return ValidationError(
        f"Lembar kerja menyatakan {angka(n)} kolom, melebihi batas {KOLOM_MAKS} kolom. "
        "Gunakan templat impor atau hapus kolom yang tidak dipakai, lalu simpan ulang.",
        code="terlalu_banyak_kolom",
    )


def _galat_terlalu_besar_dibuka() -> ValidationError:
    return ValidationError(
        "Isi berkas Excel terlalu besar untuk dibaca. Bagi berkas menjadi beberapa bagian.",
        code="terlalu_besar",
    )


def _baca_csv(data: bytes) -> Tabel:
    teks = _dekode(data)
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = max([",", ";", "\t"], key=baris_pertama.count)
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    # A row longer than the column limit is cut: the columns past it are never ours.
    baris = (r[:KOLOM_MAKS] for r in pembaca)
    try:
        return _tabel("csv", baris)
    except csv.Error:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja") from None


def _cek_zip(data: bytes) -> None:
    # openpyxl inflates sharedStrings.xml whole; the declared sizes bound what zipfile inflates.
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        if sum(i.file_size for i in z.infolist()) > XLSX_TERBUKA_MAKS:
            raise _galat_terlalu_besar_dibuka()


def _cek_ukuran_lembar(ws: Any) -> None:
    """Refuse a sheet by its declared size before one row is read.

    openpyxl pads every row to the declared width and yields every declared row, so a 2 KB file
    declaring `A1:XFD1048576` would otherwise cost gigabytes.
    """
    if ws.max_column is not None and ws.max_column > KOLOM_MAKS:
        raise _galat_terlalu_banyak_kolom(ws.max_column)
    if ws.max_row is not None and ws.max_row > _baris_maks() + BARIS_LONGGAR:
        raise _galat_terlalu_banyak_baris()


def _baca_xlsx(data: bytes) -> Tabel:
    from openpyxl import load_workbook

    try:
        _cek_zip(data)
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            ws = wb.worksheets[0]
            _cek_ukuran_lembar(ws)
            # max_col bounds each row even when the sheet declares no dimension.
            lebar = min(ws.max_column or KOLOM_MAKS, KOLOM_MAKS)
            rows = (list(r) for r in ws.iter_rows(max_col=lebar, values_only=True))
            return _tabel("xlsx", rows)
        finally:
            wb.close()
    except ValidationError:
        raise
    except MemoryError:
        # Not a damaged file: too big for this server. Never shown as "rusak".
        raise _galat_terlalu_besar_dibuka() from None
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "Berkas Excel rusak atau tidak dapat dibaca. Simpan ulang sebagai .xlsx.",
            code="xlsx_rusak",
        ) from e


def _kosong(baris: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in baris)


def _tabel(jenis: str, semua: Iterable[list[Any]]) -> Tabel:
    """Stream the rows: the header is the first non-empty row, then at most the row cap of data.

    Rows are numbered as the spreadsheet shows them. Reading stops at the cap (data rows) or at
    the cap plus a margin of blank rows, so memory is bounded by the cap, not the file.
    """
    maks = _baris_maks()
    batas_fisik = maks + BARIS_LONGGAR
    judul: list[Any] | None = None
    kolom: dict[str, int] = {}
    baris: list[tuple[int, list[Any]]] = []
    for n, r in enumerate(semua, start=1):
        if n > batas_fisik:
            raise _galat_terlalu_banyak_baris()
        if _kosong(r):
            continue
        if judul is None:
            judul = list(r)
            kolom = _peta_kolom(judul)
            if jenis == "csv" and len(kolom) < 3:
                raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
            _cek_judul(kolom)
            continue
        if len(baris) >= maks:
            raise _galat_terlalu_banyak_baris()
        baris.append((n, r))
    if judul is None:
        raise ValidationError("Berkas kosong: tidak ada baris judul kolom.", code="kosong")
    if not baris:
        raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.", code="kosong")
    return Tabel(jenis=jenis, kolom=kolom, baris=baris, judul=judul)


def baca_berkas(data: bytes) -> Tabel:
    """The rows of an xlsx or csv file under a recognised header row; a clear refusal otherwise."""
    if len(data) > settings.IMPORT_MAX_BYTES:
        raise ValidationError(pesan_terlalu_besar(len(data)), code="terlalu_besar")
    if not data:
        raise ValidationError("Berkas kosong.", code="kosong")
    jenis = deteksi_jenis(data)
    return _baca_xlsx(data) if jenis == "xlsx" else _baca_csv(data)


def pesan_terlalu_besar(ukuran: int) -> str:
    mb = 1024 * 1024
    return (
        f"Ukuran berkas {ukuran / mb:.1f} MB melebihi batas {settings.IMPORT_MAX_BYTES / mb:.1f} "
        "MB. Bagi berkas menjadi beberapa bagian."
    )
