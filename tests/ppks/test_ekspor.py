"""Export of the filtered registry to xlsx, as a background job: scoped,
masked per role (decided at run time), real dates, logged, and never a NIK in a job's
parameters, a URL or the audit trail (docs/rules.md section 4)."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from dinsos.format import samarkan_nik
from dinsos.models import Riwayat
from ekspor.models import Ekspor
from ekspor.services import ekspor_buat
from tests import factories as f

from .test_aturan import registrasi

pytestmark = pytest.mark.django_db

URL = "/registri/ekspor/"


def minta(c, data=None) -> Ekspor:
    """Press the list's export button: a POST that starts the job and opens its page."""
    resp = c.post(URL, data or {})
    e = Ekspor.objects.latest("pk")
    assert resp.status_code == 302 and resp["Location"] == reverse("ekspor:detail", args=[e.pk])
    return e


def baca(c, e: Ekspor) -> list[list]:
    e.refresh_from_db()
    assert e.status == Ekspor.Status.SELESAI, e.pesan_galat
    resp = c.get(reverse("ekspor:unduh", args=[e.pk]))
    isi = b"".join(resp.streaming_content)
    wb = load_workbook(io.BytesIO(isi))
    return [list(r) for r in wb.active.iter_rows(values_only=True)]


def log_selesai(e: Ekspor) -> Riwayat:
    """The audit row written when the file was published: what it really holds."""
    return Riwayat.objects.get(
        aksi=Riwayat.Aksi.EKSPOR, object_id=str(e.pk), alasan__startswith="Berkas disusun"
    )


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
    c = client_for(users[peran])
    e = minta(c)
    assert e.jenis == Ekspor.Jenis.REGISTRI_XLSX and e.nama_unduhan.endswith(".xlsx")
    baris = baca(c, e)
    judul, isi = baris[0], baris[1:]
    assert {r[judul.index("Nama")] for r in isi} == terlihat
    orang = {"Anah": a, "Bejo": b}
    for r in isi:
        o = orang[r[judul.index("Nama")]]
        assert r[judul.index("NIK")] == (o.nik if utuh else samarkan_nik(o.nik))
    log = log_selesai(e)
    assert log.pengguna == users[peran]
    assert log.perubahan["jumlah"] == len(isi) and log.perubahan["nik_lengkap"] == utuh


def test_nik_lengkap_diputuskan_saat_berkas_disusun(client_for, users, data, monkeypatch):
    """The role's right to whole NIKs is read when the worker writes the file: a role that lost
    it between the request and the run gets masked NIKs (docs/rules.md section 4)."""
    from dinsos import akses
    from ekspor import runner
    from ekspor import services as ekspor_services

    a, _ = data
    c = client_for(users["op_desa"])
    monkeypatch.setattr(ekspor_services, "_antrekan", lambda e: None)  # queued; no worker yet
    e = minta(c)
    assert e.status == Ekspor.Status.ANTRI
    izin = dict(akses.IZIN_PERAN)
    izin[users["op_desa"].peran] = izin[users["op_desa"].peran] - {akses.Izin.LIHAT_NIK_LENGKAP}
    monkeypatch.setattr(akses, "IZIN_PERAN", izin)
    runner.jalankan(e.pk)  # the worker runs it now
    baris = baca(c, e)
    assert baris[1][baris[0].index("NIK")] == samarkan_nik(a.nik)
    assert log_selesai(e).perubahan["nik_lengkap"] is False


def test_ekspor_mengikuti_saringan_dan_tanggal_asli(client_for, users, data):
    a, _ = data
    c = client_for(users["petugas"])
    e = minta(c, {"kategori": "x"})
    baris = baca(c, e)
    judul = baris[0]
    assert len(baris) == 2
    tgl = baris[1][judul.index("Tanggal Lahir")]
    assert isinstance(tgl, dt.datetime) and tgl.date() == dt.date(1960, 2, 3)
    assert "x. Fakir Miskin" in baris[1][judul.index("Kategori Aktif")]
    assert e.parameter == {"daftar": "ppks.perseorangan", "saringan": {"kategori": "x"}}
    assert "Kategori PMKS: x. Fakir Miskin" in e.judul  # the job page says which filter
    assert log_selesai(e).perubahan["saringan"] == {"Kategori PMKS": str(f.kategori("x"))}


def test_baris_berkas_sama_dengan_baris_daftar(client_for, users, wil):
    """The file lists what the page lists, in the page's order (newest first)."""
    for i in range(4):
        f.buat_orang(desa=wil["desa1" if i % 2 else "desa2"], nama=f"Warga Uji {i}")
    c = client_for(users["op_kec"])
    halaman = c.get("/registri/", {"desa": wil["desa1"].pk})
    di_halaman = [o.nama for o in halaman.context["hal"].items]
    baris = baca(c, minta(c, {"desa": wil["desa1"].pk}))
    assert (
        [r[baris[0].index("Nama")] for r in baris[1:]]
        == di_halaman
        == [
            "Warga Uji 3",
            "Warga Uji 1",
        ]
    )


def test_ekspor_tidak_mencatat_nik_di_parameter_maupun_log(client_for, users, data):
    a, _ = data
    c = client_for(users["petugas"])
    e = minta(c, {"nik": a.nik})  # a NIK is never a filter of a job
    assert len(baca(c, e)) == 3
    assert a.nik not in str(e.parameter) and a.nik not in e.judul
    for log in Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR):
        assert a.nik not in str(log.perubahan) and a.nik not in log.alasan


def test_tombol_ekspor_di_daftar_adalah_post_tanpa_nik(client_for, users, data):
    a, _ = data
    c = client_for(users["petugas"])
    html = c.get("/registri/", {"kategori": "x", "sebelum": "999"}).content.decode()
    aksi = reverse("ekspor:daftar_mulai", args=["ppks.perseorangan"])
    assert f'<form method="post" action="{aksi}"' in html
    assert '<input type="hidden" name="kategori" value="x">' in html
    assert 'name="sebelum"' not in html.split(aksi)[1].split("</form>")[0]  # no pager state
    # After a NIK search (POST) the page offers no export at all.
    html = c.post("/registri/", {"nik": a.nik}).content.decode()
    assert aksi not in html


def test_get_tidak_memulai_ekspor(client_for, users, data):
    resp = client_for(users["petugas"]).get(URL, {"kategori": "x", "nik": data[0].nik})
    assert resp.status_code == 302 and resp["Location"] == "/registri/?kategori=x"
    assert not Ekspor.objects.exists()


def test_ekspor_saringan_di_luar_wilayah_tidak_membocorkan(client_for, users, data, wil):
    resp = client_for(users["op_desa"]).post(URL, {"desa": wil["desa3"].pk})
    assert resp.status_code == 302  # invalid choice for this user: back to the list
    assert resp["Location"].startswith("/registri/")
    assert not Ekspor.objects.exists()
    assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR).exists()


def test_parameter_dirusak_tidak_memperluas_wilayah(users, data, wil):
    """A job whose stored filter was tampered with (another desa) fails with its reason; a job
    without any filter still holds only the requester's own desa."""
    e = ekspor_buat(
        oleh=users["op_desa"],
        jenis=Ekspor.Jenis.REGISTRI_XLSX,
        parameter={"daftar": "ppks.perseorangan", "saringan": {"desa": wil["desa3"].pk}},
    )
    e.refresh_from_db()
    assert e.status == Ekspor.Status.GAGAL and "tidak berlaku untuk wilayah" in e.pesan_galat
    assert not e.berkas


def test_peran_tanpa_izin_ekspor_ditolak(client_for, users, data, monkeypatch):
    from dinsos import akses

    izin = dict(akses.IZIN_PERAN)
    izin[users["kadis"].peran] = izin[users["kadis"].peran] - {akses.Izin.EKSPOR}
    monkeypatch.setattr(akses, "IZIN_PERAN", izin)
    c = client_for(users["kadis"])
    assert c.post(URL).status_code == 403
    aksi = reverse("ekspor:daftar_mulai", args=["ppks.perseorangan"])
    assert aksi not in c.get("/registri/").content.decode()
    assert not Ekspor.objects.exists()
