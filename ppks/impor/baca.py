"""Reading an uploaded file: its real type from the content (never the name), then its rows."""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError

from .kolom import KOLOM, PESAN_BUKAN_LEMBAR_KERJA, SINONIM, _norm_judul


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


def _baca_csv(data: bytes) -> Tabel:
    teks = _dekode(data)
    baris_pertama = teks.split("\n", 1)[0]
    pemisah = max([",", ";", "\t"], key=baris_pertama.count)
    pembaca = csv.reader(io.StringIO(teks, newline=""), delimiter=pemisah)
    try:
        semua = list(pembaca)
    except csv.Error:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja") from None
    return _tabel("csv", semua)


def _baca_xlsx(data: bytes) -> Tabel:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        ws = wb.worksheets[0]
        semua = [list(r) for r in ws.iter_rows(values_only=True)]
        wb.close()
    except Exception as e:  # openpyxl raises many kinds for a damaged file
        raise ValidationError(
            "Berkas Excel rusak atau tidak dapat dibaca. Simpan ulang sebagai .xlsx.",
            code="xlsx_rusak",
        ) from e
    return _tabel("xlsx", semua)


def _kosong(baris: Sequence[Any]) -> bool:
    return all(v is None or (isinstance(v, str) and not v.strip()) for v in baris)


def _tabel(jenis: str, semua: list[list[Any]]) -> Tabel:
    # The header is the first non-empty row; rows are numbered as the spreadsheet shows them.
    i = 0
    while i < len(semua) and _kosong(semua[i]):
        i += 1
    if i == len(semua):
        raise ValidationError("Berkas kosong: tidak ada baris judul kolom.", code="kosong")
    kolom = _peta_kolom(semua[i])
    if jenis == "csv" and len(kolom) < 3:
        raise ValidationError(PESAN_BUKAN_LEMBAR_KERJA, code="bukan_lembar_kerja")
    _cek_judul(kolom)
    baris = [(n + 1, r) for n, r in enumerate(semua) if n > i and not _kosong(r)]
    if not baris:
        raise ValidationError("Berkas tidak berisi baris data di bawah judul kolom.", code="kosong")
    return Tabel(jenis=jenis, kolom=kolom, baris=baris, judul=list(semua[i]))


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
