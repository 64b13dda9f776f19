"""Export of the filtered list to xlsx: scoped, masked per role, real dates, logged."""

import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from dinsos.format import samarkan_nik
from dinsos.models import Riwayat
from tests import factories as f

from .test_aturan import registrasi

pytestmark = pytest.mark.django_db


def baca(resp) -> list[list]:
    isi = b"".join(resp.streaming_content)
    wb = load_workbook(io.BytesIO(isi))
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


@pytest.fixture
def data(wil, users):
    a = f.buat_orang(desa=wil["desa1"], nama="Anah", lahir=dt.date(1960, 2, 3), jk="P")
    b = f.buat_orang(desa=wil["desa3"], nama="Bejo")
    registrasi(users["petugas"], a, "x")
    return a, b


@pytest.mark.parametrize(
    "peran,terlihat,utuh",
    [
        ("op_desa", {"Anah"}, True),
        ("op_desa_lain", {"Bejo"}, True),
        ("op_kec", {"Anah"}, False),
        ("op_kec_lain", {"Bejo"}, False),
        ("petugas", {"Anah", "Bejo"}, True),
        ("verifikator", {"Anah", "Bejo"}, True),
        ("kadis", {"Anah", "Bejo"}, False),
        ("bendahara", {"Anah", "Bejo"}, False),
        ("admin", {"Anah", "Bejo"}, True),
    ],
)
def test_ekspor_per_peran(client_for, users, data, peran, terlihat, utuh):
    a, b = data
    resp = client_for(users[peran]).get("/registri/ekspor/")
    assert resp.status_code == 200
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    baris = baca(resp)
    judul, isi = baris[0], baris[1:]
    assert {r[judul.index("Nama")] for r in isi} == terlihat
    orang = {"Anah": a, "Bejo": b}
    for r in isi:
        o = orang[r[judul.index("Nama")]]
        assert r[judul.index("NIK")] == (o.nik if utuh else samarkan_nik(o.nik))
    log = Riwayat.objects.get(aksi=Riwayat.Aksi.EKSPOR)
    assert log.pengguna == users[peran]
    assert log.perubahan["jumlah"] == len(isi) and log.perubahan["nik_lengkap"] == utuh


def test_ekspor_mengikuti_saringan_dan_tanggal_asli(client_for, users, data):
    a, _ = data
    resp = client_for(users["petugas"]).get("/registri/ekspor/", {"kategori": "x"})
    baris = baca(resp)
    judul = baris[0]
    assert len(baris) == 2
    tgl = baris[1][judul.index("Tanggal Lahir")]
    assert isinstance(tgl, dt.datetime) and tgl.date() == dt.date(1960, 2, 3)
    assert "x. Fakir Miskin" in baris[1][judul.index("Kategori Aktif")]
    log = Riwayat.objects.get(aksi=Riwayat.Aksi.EKSPOR)
    assert log.perubahan["saringan"] == {"kategori": str(f.kategori("x"))}


def test_ekspor_tidak_mencatat_nik_di_log(client_for, users, data):
    a, _ = data
    c = client_for(users["petugas"])
    resp = c.get("/registri/ekspor/", {"nik": a.nik})  # ignored: never from a URL
    assert len(baca(resp)) == 3
    for log in Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR):
        assert a.nik not in str(log.perubahan)


def test_ekspor_saringan_di_luar_wilayah_tidak_membocorkan(client_for, users, data, wil):
    resp = client_for(users["op_desa"]).get("/registri/ekspor/", {"desa": wil["desa3"].pk})
    assert resp.status_code == 302  # invalid choice for this user: back to the list
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR).exists()
