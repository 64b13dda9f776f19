"""Forms through the pages: edit with a reason, families, groups, communities, status."""

import datetime as dt

import pytest

from dinsos.audit import riwayat_untuk
from dinsos.models import Riwayat
from ppks.models import Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi
from tests import factories as f
from tests.ppks.bantu import kriteria_pertama

from .test_aturan import registrasi

pytestmark = pytest.mark.django_db

DASAR = {"jaminan_kesehatan": "belum_diketahui", "status_dtsen": "belum_diketahui"}


def isian(orang, **ubah):
    d = {
        "nama": orang.nama,
        "tanggal_lahir": orang.tanggal_lahir.isoformat(),
        "jenis_kelamin": orang.jenis_kelamin,
        "alamat": orang.alamat,
        "desa": orang.desa_id,
        **DASAR,
    }
    d.update(ubah)
    return d


def test_ubah_tanpa_nik_mempertahankan_nik_dan_halaman_tidak_memuat_nik(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    lama = orang.nama
    c = client_for(users["op_desa"])
    html = c.get(f"/registri/orang/{orang.pk}/ubah/").content.decode()
    assert orang.nik not in html
    resp = c.post(f"/registri/orang/{orang.pk}/ubah/", isian(orang, nama="Nama Baru", nik=""))
    assert resp.status_code == 302
    orang.refresh_from_db()
    assert orang.nama == "Nama Baru" and orang.nik
    assert riwayat_untuk(orang).first().perubahan == {"nama": [lama, "Nama Baru"]}  # type: ignore[union-attr]  # just written


def test_ubah_tanggal_lahir_lewat_halaman_butuh_alasan(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"], lahir=dt.date(1980, 5, 17))
    c = client_for(users["op_desa"])
    data = isian(orang, tanggal_lahir="1980-05-18", alasan_beda_nik="Sesuai akta")
    resp = c.post(f"/registri/orang/{orang.pk}/ubah/", data)
    assert resp.status_code == 200 and "aturan R5" in resp.context["form"].errors["alasan"][0]
    resp = c.post(f"/registri/orang/{orang.pk}/ubah/", {**data, "alasan": "Koreksi akta"})
    assert resp.status_code == 302
    assert riwayat_untuk(orang).first().alasan == "Koreksi akta"  # type: ignore[union-attr]  # just written


def test_hapus_lewat_halaman(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    terdaftar = f.buat_orang(desa=wil["desa1"])
    registrasi(users["petugas"], terdaftar, "x")
    c = client_for(users["op_desa"])
    resp = c.post(f"/registri/orang/{terdaftar.pk}/hapus/", {"alasan": "x"}, follow=True)
    assert "memiliki registrasi" in resp.content.decode()
    assert Perseorangan.objects.filter(pk=terdaftar.pk).exists()
    resp = c.post(f"/registri/orang/{orang.pk}/hapus/", {"alasan": "Data ganda"})
    assert resp.status_code == 302 and not Perseorangan.objects.filter(pk=orang.pk).exists()
    assert Riwayat.objects.get(aksi=Riwayat.Aksi.HAPUS).alasan == "Data ganda"
    # Another desa's operator cannot delete, even by POST.
    lain = f.buat_orang(desa=wil["desa1"])
    resp = client_for(users["op_desa_lain"]).post(
        f"/registri/orang/{lain.pk}/hapus/", {"alasan": "x"}
    )
    assert resp.status_code == 404


def test_keluarga_lewat_halaman(client_for, users, wil):
    kepala = f.buat_orang(desa=wil["desa1"])
    anak = f.buat_orang(desa=wil["desa1"], lahir=dt.date(2010, 1, 1))
    c = client_for(users["op_desa"])
    resp = c.post(
        "/registri/keluarga/baru/",
        {
            "nomor_kk": "3501012001009999",
            "alamat": "Dusun Krajan",
            "desa": wil["desa1"].pk,
            "kepala": kepala.nik,
        },
    )
    kk = Keluarga.objects.get()
    assert resp.status_code == 302 and kk.kepala == kepala
    c.post(
        f"/registri/keluarga/{kk.pk}/anggota/",
        {"identitas": anak.nomor_registrasi, "hubungan": "anak"},
    )
    assert set(kk.anggota.all()) == {kepala, anak}
    html = c.get(f"/registri/keluarga/{kk.pk}/").content.decode()
    assert anak.nama in html and anak.nik not in html
    # Unknown identity: a message, nothing changed.
    resp = c.post(
        f"/registri/keluarga/{kk.pk}/anggota/",
        {"identitas": "3501019999999999", "hubungan": "anak"},
        follow=True,
    )
    assert "tidak ditemukan" in resp.content.decode()
    c.post(f"/registri/keluarga/{kk.pk}/anggota/{anak.pk}/keluarkan/")
    assert set(kk.anggota.all()) == {kepala}
    kat = f.kategori("x")
    resp = c.post(
        f"/registri/keluarga/{kk.pk}/registrasi/baru/",
        {"kategori": kat.pk, "kriteria": [kriteria_pertama(kat).pk], "sumber_data": "musdes"},
    )
    assert resp.status_code == 302 and Registrasi.objects.get().keluarga == kk
    # Searching by KK number is a POST, like NIK.
    resp = c.post("/registri/keluarga/", {"nomor_kk": "3501 0120 0100 9999"})
    assert list(resp.context["hal"].items) == [kk]


def test_kelompok_lewat_halaman(client_for, users, wil):
    ketua, a = f.buat_orang(desa=wil["desa1"]), f.buat_orang(desa=wil["desa1"])
    luar = f.buat_orang(desa=wil["desa3"])
    c = client_for(users["op_desa"])
    data = {"nama": "KUBE Lestari", "desa": wil["desa1"].pk, "ketua": ketua.nik}
    resp = c.post("/registri/kelompok/baru/", {**data, "anggota": f"{a.nik}\n{luar.nik}"})
    assert resp.status_code == 200 and "baris 2" in resp.context["form"].errors["anggota"][0]
    resp = c.post("/registri/kelompok/baru/", {**data, "anggota": a.nomor_registrasi})
    kel = Kelompok.objects.get()
    assert resp.status_code == 302 and set(kel.anggota.all()) == {ketua, a}
    assert c.get(f"/registri/kelompok/{kel.pk}/").status_code == 200
    assert client_for(users["op_desa_lain"]).get(f"/registri/kelompok/{kel.pk}/").status_code == 404


def test_komunitas_lewat_halaman(client_for, users, wil):
    c = client_for(users["petugas"])
    resp = c.post(
        "/registri/komunitas/baru/",
        {"nama": "KAT Sumber", "desa": wil["desa3"].pk, "jumlah_kk": 10, "jumlah_jiwa": 33},
    )
    kom = Komunitas.objects.get()
    assert resp.status_code == 302
    resp = c.post(
        f"/registri/komunitas/{kom.pk}/ubah/",
        {"nama": "KAT Sumber", "desa": wil["desa3"].pk, "jumlah_kk": 11, "jumlah_jiwa": 35,
         "alasan": "Pendataan ulang"},
    )  # fmt: skip
    kom.refresh_from_db()
    assert kom.jumlah_kk == 11
    assert riwayat_untuk(kom).first().alasan == "Pendataan ulang"  # type: ignore[union-attr]  # just written
    # Operator of kec1 cannot choose a desa of kec2: the choice is not offered.
    resp = client_for(users["op_desa"]).post(
        "/registri/komunitas/baru/", {"nama": "X", "desa": wil["desa3"].pk}
    )
    assert resp.status_code == 200 and "desa" in resp.context["form"].errors


def test_ubah_status_registrasi_lewat_halaman(client_for, users, wil):
    orang = f.buat_orang(desa=wil["desa1"])
    reg = registrasi(users["petugas"], orang, "x")
    url = f"/registri/registrasi/{reg.pk}/status/"
    assert client_for(users["op_desa_lain"]).get(url).status_code == 404
    assert client_for(users["kadis"]).get(url).status_code == 403
    c = client_for(users["op_desa"])
    resp = c.post(url, {"status": "selesai", "alasan": "Sudah mandiri"})
    assert resp.status_code == 302
    reg.refresh_from_db()
    assert reg.status == "selesai"
