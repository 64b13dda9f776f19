"""Helpers for the registry tests: dates relative to today, and spreadsheet bytes."""

import csv
import datetime as dt
import io

from django.db.models import Model
from django.utils import timezone
from openpyxl import Workbook

from dinsos.audit import riwayat_untuk
from dinsos.models import Riwayat
from ppks.models import KategoriPMKS, KriteriaPMKS

JUDUL = [
    "NIK",
    "No KK",
    "Nama",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Jenis Kelamin",
    "Alamat",
    "RT",
    "RW",
    "Desa",
    "Kategori",
    "Kriteria",
]


def hari_ini() -> dt.date:
    return timezone.localdate()


def tahun_lalu(n: int, tambah_hari: int = 0) -> dt.date:
    """The date n years before today (28 Feb for 29 Feb), shifted by `tambah_hari`."""
    h = hari_ini()
    try:
        d = h.replace(year=h.year - n)
    except ValueError:
        d = h.replace(year=h.year - n, day=28)
    return d + dt.timedelta(days=tambah_hari)


def xlsx(baris: list[list], judul: list[str] = JUDUL) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(judul)
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def csv_bytes(baris: list[list], judul: list[str] = JUDUL, pemisah=",", enc="utf-8") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=pemisah)
    w.writerow(judul)
    for b in baris:
        w.writerow(["" if v is None else v for v in b])
    return buf.getvalue().encode(enc)


def kriteria_pertama(kategori: KategoriPMKS) -> KriteriaPMKS:
    """The category's first criterion (every PMKS category has at least one, R2)."""
    k = kategori.kriteria.first()
    assert k is not None, f"kategori {kategori.kode} tanpa kriteria"
    return k


def riwayat_terbaru(obj: Model) -> Riwayat:
    """The newest history row of a record the test has just changed."""
    r = riwayat_untuk(obj).first()
    assert r is not None, f"{obj} tanpa riwayat"
    return r
