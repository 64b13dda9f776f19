"""The one recipient picker (ppks.pemilih): by name, NIK or registry number, only within the
user's wilayah, namesakes told apart by birth date and desa, the NIK masked unless the role may
see it whole, and the query never in a URL (docs/rules.md section 4)."""

import datetime as dt

import pytest
from django.urls import reverse

from ppks import pemilih
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/registri/pemilih/"


@pytest.fixture
def sarmi(wil, users):
    a = f.buat_orang(desa=wil["desa1"], nama="Sarmi", lahir=dt.date(1950, 1, 2))
    b = f.buat_orang(desa=wil["desa2"], nama="Sarmi", lahir=dt.date(1971, 3, 4))
    c = f.buat_orang(desa=wil["desa3"], nama="Sarmi", lahir=dt.date(1980, 5, 6))
    f.daftarkan(orang=a, kode="x", penilai=users["petugas"])
    return a, b, c


def test_url_pemilih():
    assert reverse("ppks:pemilih") == URL


def test_operator_desa_tidak_melihat_desa_lain(client_for, users, sarmi):
    a, b, c = sarmi
    for cari in ("Sarmi", c.nik, c.nomor_registrasi):
        hasil = client_for(users["op_desa"]).post(URL, {"q": cari}).json()["hasil"]
        assert c.pk not in [h["pk"] for h in hasil], cari
    hasil = client_for(users["op_desa"]).post(URL, {"q": "sarmi"}).json()["hasil"]
    assert [h["pk"] for h in hasil] == [a.pk]  # desa2 is another desa of the same kecamatan
    hasil = client_for(users["op_desa_lain"]).post(URL, {"q": "sarmi"}).json()["hasil"]
    assert [h["pk"] for h in hasil] == [c.pk]


def test_nama_sama_dibedakan_tanggal_lahir_dan_desa(client_for, users, wil, sarmi):
    a, b, _ = sarmi
    hasil = client_for(users["op_kec"]).post(URL, {"q": "Sarmi"}).json()["hasil"]
    assert {h["pk"] for h in hasil} == {a.pk, b.pk}
    per_pk = {h["pk"]: h for h in hasil}
    assert per_pk[a.pk]["tanggal_lahir"] == "2 Januari 1950"
    assert per_pk[b.pk]["tanggal_lahir"] == "4 Maret 1971"
    assert wil["desa1"].nama in per_pk[a.pk]["desa"] and wil["desa2"].nama in per_pk[b.pk]["desa"]
    assert per_pk[a.pk]["aktif"] is True and per_pk[b.pk]["aktif"] is False


def test_nik_disamarkan_kecuali_berizin(client_for, users, sarmi):
    a, _, _ = sarmi
    kec = client_for(users["op_kec"]).post(URL, {"q": a.nik}).json()["hasil"]
    assert [h["pk"] for h in kec] == [a.pk]
    assert kec[0]["nik"] != a.nik and "*" in kec[0]["nik"]  # Operator Kecamatan: masked
    desa = client_for(users["op_desa"]).post(URL, {"q": a.nik}).json()["hasil"]
    assert desa[0]["nik"] == a.nik  # LIHAT_NIK_LENGKAP


def test_cari_nomor_registrasi(users, sarmi):
    a, _, _ = sarmi
    assert [c.pk for c in pemilih.cari_orang(users["petugas"], a.nomor_registrasi.lower())] == [
        a.pk
    ]


def test_hanya_post_dan_tidak_disimpan_di_cache(client_for, users, sarmi):
    c = client_for(users["op_desa"])
    assert c.get(URL, {"q": sarmi[0].nik}).status_code == 405  # a NIK never in a URL
    r = c.post(URL, {"q": "Sarmi"})
    assert r["Cache-Control"] == "private, no-store"


def test_anonim_dan_tanpa_izin(client, users, sarmi):
    assert client.post(URL, {"q": "Sarmi"}).status_code == 302


def test_kelompok_menurut_nama_dalam_wilayah(client_for, users, wil):
    ketua = f.buat_orang(desa=wil["desa1"], nama="Mursidi")
    kube = f.buat_kelompok(desa=wil["desa1"], ketua=ketua, nama="KUBE Ngudi Rejeki")
    ketua3 = f.buat_orang(desa=wil["desa3"], nama="Paimo")
    f.buat_kelompok(desa=wil["desa3"], ketua=ketua3, nama="KUBE Ngudi Makmur")
    hasil = client_for(users["op_desa"]).post(URL, {"q": "ngudi", "jenis": "kelompok"}).json()
    assert [h["pk"] for h in hasil["hasil"]] == [kube.pk]


def test_kueri_pendek_tanpa_hasil(users, sarmi):
    assert pemilih.cari_orang(users["petugas"], "S") == []
