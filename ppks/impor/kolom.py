"""The columns of an import file and how one cell is read (dates, NIK/KK digits, RT/RW)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError

from .. import nik as nikmod

KOLOM = [
    ("nik", "NIK", True),
    ("nomor_kk", "No KK", False),
    ("nama", "Nama", True),
    ("tempat_lahir", "Tempat Lahir", False),
    ("tanggal_lahir", "Tanggal Lahir", True),
    ("jenis_kelamin", "Jenis Kelamin", True),
    ("alamat", "Alamat", True),
    ("rt", "RT", False),
    ("rw", "RW", False),
    ("desa", "Desa", True),
    # Optional: names the desa's kecamatan where a desa name exists in two (R7).
    ("kecamatan", "Kecamatan", False),
    ("kategori", "Kategori", True),
    # R2: a registration records the criteria found to hold. The column may be missing from
    # an old file; then every row says so (a registration without criteria is refused).
    ("kriteria", "Kriteria", False),
]
JUDUL = {k: j for k, j, _ in KOLOM}
SINONIM = {
    "nik": "nik",
    "nomor induk kependudukan": "nik",
    "no kk": "nomor_kk",
    "nomor kk": "nomor_kk",
    "no kartu keluarga": "nomor_kk",
    "nomor kartu keluarga": "nomor_kk",
    "kk": "nomor_kk",
    "nama": "nama",
    "nama lengkap": "nama",
    "tempat lahir": "tempat_lahir",
    "tanggal lahir": "tanggal_lahir",
    "tgl lahir": "tanggal_lahir",
    "jenis kelamin": "jenis_kelamin",
    "jk": "jenis_kelamin",
    "l p": "jenis_kelamin",
    "alamat": "alamat",
    "rt": "rt",
    "rw": "rw",
    "desa": "desa",
    "kelurahan": "desa",
    "desa kelurahan": "desa",
    "kode desa": "desa",
    "kecamatan": "kecamatan",
    "kec": "kecamatan",
    "nama kecamatan": "kecamatan",
    "kode kecamatan": "kecamatan",
    "kategori": "kategori",
    "kategori pmks": "kategori",
    "kriteria": "kriteria",
    "kriteria terpenuhi": "kriteria",
}
FIELD_ORANG_IMPOR = [
    "nik",
    "nomor_kk",
    "nama",
    "tempat_lahir",
    "tanggal_lahir",
    "jenis_kelamin",
    "alamat",
    "rt",
    "rw",
    "desa",
]
FIELD_BOLEH_KOSONG = ["nomor_kk", "tempat_lahir", "rt", "rw"]
# Which column a model field's error belongs to.
KOLOM_FIELD = {
    "nik": "NIK",
    "nomor_kk": "No KK",
    "nama": "Nama",
    "tempat_lahir": "Tempat Lahir",
    "tanggal_lahir": "Tanggal Lahir",
    "jenis_kelamin": "Jenis Kelamin",
    "alasan_beda_nik": "Tanggal Lahir",
    "alamat": "Alamat",
    "rt": "RT",
    "rw": "RW",
    "desa": "Desa",
}
BATCH = 500

PESAN_BUKAN_LEMBAR_KERJA = (
    "Berkas bukan lembar kerja yang dapat dibaca. Unggah berkas Excel (.xlsx) atau CSV dengan "
    "baris judul kolom seperti pada templat, apa pun nama berkasnya."
)


def _norm_judul(teks: Any) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", str(teks or "").lower()).split())


def _norm_teks(nilai: Any) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return " ".join(str(nilai).split())


_FORMAT_TANGGAL = [
    (re.compile(r"^(\d{1,2})-(\d{1,2})-(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$"), "dmy"),
    (re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"), "ymd"),
]
JK = {
    "l": "L",
    "lk": "L",
    "laki": "L",
    "laki laki": "L",
    "lakilaki": "L",
    "pria": "L",
    "p": "P",
    "pr": "P",
    "perempuan": "P",
    "wanita": "P",
}


def tanggal(nilai: Any) -> dt.date:
    if isinstance(nilai, dt.datetime):
        return nilai.date()
    if isinstance(nilai, dt.date):
        return nilai
    teks = _norm_teks(nilai)
    if isinstance(nilai, str) and " " in teks:
        teks = teks.split(" ")[0]  # "1980-05-17 00:00:00" from a CSV saved by a spreadsheet
    for pola, urutan in _FORMAT_TANGGAL:
        m = pola.match(teks)
        if m:
            a, b, c = (int(x) for x in m.groups())
            d, mth, y = (a, b, c) if urutan == "dmy" else (c, b, a)
            try:
                return dt.date(y, mth, d)
            except ValueError:
                raise ValidationError("Tanggal tidak ada di kalender (mis. 31-02).") from None
    raise ValidationError(
        "Format tanggal tidak dikenali; gunakan dd-mm-yyyy, dd/mm/yyyy atau yyyy-mm-dd."
    )


def _angka_teks(nilai: Any) -> str:
    """Digits of a NIK/KK cell: Excel may hold it as a number; spaces and dots are dropped."""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return nikmod.normalisasi(_norm_teks(nilai))


def _rt_rw(nilai: Any) -> str:
    teks = _norm_teks(nilai)
    if teks.isdigit():
        return str(int(teks)).zfill(3) if len(teks) <= 3 else teks
    return teks
