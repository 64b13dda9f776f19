"""A family or group may hold a person of another wilayah (a kabupaten role added him). Its
page and its history show such a member only as "anggota di luar wilayah Anda": no name,
registry number, NIK, birth date or link (docs/rules.md section 4) — the person's own page is a
404 for that viewer, and the family page must not tell more than that 404 does."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from dinsos.format import samarkan_nik, tanggal
from ppks import services
from ppks.models import Perseorangan
from tests import factories as f

pytestmark = pytest.mark.django_db

LUAR = "anggota di luar wilayah Anda"


def _teks(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _jejak(orang: Perseorangan) -> list[str]:
    """Everything of a person a page must not show to a viewer outside his wilayah."""
    return [
        orang.nama,
        orang.nomor_registrasi,
        samarkan_nik(orang.nik or ""),
        tanggal(orang.tanggal_lahir),
        reverse("ppks:orang_detail", args=[orang.pk]),
    ]


def _tampak(teks: str, html: str, orang: Perseorangan) -> bool:
    return any(j in teks or j in html for j in _jejak(orang))


@pytest.fixture
def warga(wil):
    """One person in desa1 (inside for both operators), one in desa2 (same kecamatan: outside
    for the Operator Desa, inside for the Operator Kecamatan), one in desa3 (another
    kecamatan: outside for both)."""
    return {
        "dalam": f.buat_orang(desa=wil["desa1"], nama="Sutrisno Dalam", lahir=dt.date(1971, 3, 3)),
        "samping": f.buat_orang(
            desa=wil["desa2"], nama="Mulyani Samping", lahir=dt.date(1982, 7, 9), jk="P"
        ),
        "luar": f.buat_orang(desa=wil["desa3"], nama="Bambang Luar", lahir=dt.date(1990, 11, 21)),
    }


@pytest.fixture
def keluarga(users, wil, warga):
    """A family of desa1, built by the Petugas Dinas (kabupaten) through the services, so its
    history holds what the services write: the head by name, members as "Nama (REG-…)"."""
    petugas = users["petugas"]
    kk = services.keluarga_buat(
        oleh=petugas,
        data={"nomor_kk": "3501010101900001", "alamat": "Dusun Krajan", "desa": wil["desa1"]},
        kepala=warga["dalam"],
    )
    for o in (warga["samping"], warga["luar"]):
        services.keluarga_tambah_anggota(
            keluarga=kk, orang=o, hubungan=Perseorangan.Hubungan.LAINNYA, oleh=petugas
        )
    return kk


@pytest.fixture
def keluarga_kepala_luar(users, wil):
    """A family of desa1 whose head lives in desa3: its title is the head's name elsewhere."""
    petugas = users["petugas"]
    kepala = f.buat_orang(desa=wil["desa3"], nama="Kartono Kepala", lahir=dt.date(1965, 1, 2))
    kk = services.keluarga_buat(
        oleh=petugas,
        data={"nomor_kk": "3501010101900002", "alamat": "Dusun Krajan", "desa": wil["desa1"]},
        kepala=kepala,
    )
    return kk, kepala


@pytest.fixture
def kelompok(users, wil, warga):
    petugas = users["petugas"]
    kel = services.kelompok_buat(
        oleh=petugas,
        data={"nama": "KUBE Sejahtera", "desa": wil["desa1"], "alamat": "Dusun Krajan"},
        ketua=warga["samping"],
        anggota=[warga["dalam"]],
    )
    services.kelompok_tambah_anggota(kelompok=kel, orang=warga["luar"], oleh=petugas)
    return kel


def _halaman(client, url):
    r = client.get(url)
    assert r.status_code == 200
    html = r.content.decode()
    return html, _teks(html)


def _url_riwayat(jenis, pk):
    return reverse("ppks:riwayat", args=[jenis, pk])


# --- family -----------------------------------------------------------------------------------


@pytest.mark.parametrize("halaman", ["detail", "riwayat"])
def test_keluarga_operator_desa_anggota_desa_lain_tanpa_data_pribadi(
    client_for, users, warga, keluarga, halaman
):
    """Rules section 4: the Operator Desa sees its own desa's member; the members of desa2
    (same kecamatan) and desa3 appear only as outside, on the page and in its history."""
    url = (
        keluarga.get_absolute_url()
        if halaman == "detail"
        else _url_riwayat("keluarga", keluarga.pk)
    )
    html, teks = _halaman(client_for(users["op_desa"]), url)
    assert warga["dalam"].nama in teks
    assert not _tampak(teks, html, warga["samping"])
    assert not _tampak(teks, html, warga["luar"])
    assert LUAR in teks


@pytest.mark.parametrize("halaman", ["detail", "riwayat"])
def test_keluarga_operator_kecamatan_melihat_desa_sekecamatan(
    client_for, users, warga, keluarga, halaman
):
    """The Operator Kecamatan's wilayah holds desa2 but not desa3 (another kecamatan)."""
    url = (
        keluarga.get_absolute_url()
        if halaman == "detail"
        else _url_riwayat("keluarga", keluarga.pk)
    )
    html, teks = _halaman(client_for(users["op_kec"]), url)
    assert warga["dalam"].nama in teks and warga["samping"].nama in teks
    assert not _tampak(teks, html, warga["luar"])
    assert LUAR in teks


def test_keluarga_petugas_dinas_melihat_semua(client_for, users, warga, keluarga):
    html, teks = _halaman(client_for(users["petugas"]), keluarga.get_absolute_url())
    assert all(o.nama in teks for o in warga.values())
    assert LUAR not in teks


def test_keluarga_tombol_keluarkan_hanya_untuk_anggota_terlihat(client_for, users, warga, keluarga):
    """No link or form names an outside member (its id included)."""
    html, _ = _halaman(client_for(users["op_desa"]), keluarga.get_absolute_url())
    assert reverse("ppks:keluarga_keluarkan", args=[keluarga.pk, warga["dalam"].pk]) in html
    for o in (warga["samping"], warga["luar"]):
        assert reverse("ppks:keluarga_keluarkan", args=[keluarga.pk, o.pk]) not in html


@pytest.mark.parametrize("halaman", ["detail", "riwayat"])
def test_keluarga_kepala_di_luar_wilayah_tidak_dinamai(
    client_for, users, keluarga_kepala_luar, halaman
):
    """A family is titled by its head's name: not when the head is outside the wilayah."""
    kk, kepala = keluarga_kepala_luar
    url = kk.get_absolute_url() if halaman == "detail" else _url_riwayat("keluarga", kk.pk)
    html, teks = _halaman(client_for(users["op_desa"]), url)
    assert not _tampak(teks, html, kepala)
    assert LUAR in teks


def test_keluarga_riwayat_registrasi_tanpa_nama_kepala_luar(
    client_for, users, wil, keluarga_kepala_luar
):
    """A registration's history entry is stored under the registrant's name, which for a
    family is its head's; the history names only the category."""
    kk, kepala = keluarga_kepala_luar
    f.daftarkan(keluarga=kk, kode="x", penilai=users["petugas"])
    from dinsos.audit import catat
    from dinsos.models import Riwayat
    from ppks.models import Registrasi

    reg = Registrasi.objects.get(keluarga=kk)
    catat(pengguna=users["petugas"], aksi=Riwayat.Aksi.BUAT, obj=reg, perubahan={})
    html, teks = _halaman(client_for(users["op_desa"]), _url_riwayat("keluarga", kk.pk))
    assert reg.kategori.nama in teks
    assert not _tampak(teks, html, kepala)


# --- group ------------------------------------------------------------------------------------


@pytest.mark.parametrize("halaman", ["detail", "riwayat"])
def test_kelompok_operator_desa_anggota_desa_lain_tanpa_data_pribadi(
    client_for, users, warga, kelompok, halaman
):
    url = (
        kelompok.get_absolute_url()
        if halaman == "detail"
        else _url_riwayat("kelompok", kelompok.pk)
    )
    html, teks = _halaman(client_for(users["op_desa"]), url)
    assert warga["dalam"].nama in teks
    assert not _tampak(teks, html, warga["samping"])  # the chair, of desa2
    assert not _tampak(teks, html, warga["luar"])
    assert LUAR in teks


@pytest.mark.parametrize("halaman", ["detail", "riwayat"])
def test_kelompok_operator_kecamatan_melihat_desa_sekecamatan(
    client_for, users, warga, kelompok, halaman
):
    url = (
        kelompok.get_absolute_url()
        if halaman == "detail"
        else _url_riwayat("kelompok", kelompok.pk)
    )
    html, teks = _halaman(client_for(users["op_kec"]), url)
    assert warga["dalam"].nama in teks and warga["samping"].nama in teks
    assert not _tampak(teks, html, warga["luar"])
    assert LUAR in teks


def test_kelompok_ketua_di_luar_wilayah_pada_ubah_ketua(client_for, users, wil, warga, kelompok):
    """A chair change is written with the person's id: shown as outside, not as a number."""
    services.kelompok_ubah(
        kelompok=kelompok, oleh=users["petugas"], data={}, ketua=warga["luar"], alasan="Ganti."
    )
    html, teks = _halaman(client_for(users["op_desa"]), _url_riwayat("kelompok", kelompok.pk))
    assert not _tampak(teks, html, warga["luar"])
    assert not _tampak(teks, html, warga["samping"])


def test_kelompok_petugas_dinas_melihat_semua(client_for, users, warga, kelompok):
    html, teks = _halaman(client_for(users["petugas"]), _url_riwayat("kelompok", kelompok.pk))
    assert all(o.nama in teks for o in warga.values())
    assert LUAR not in teks


# --- community --------------------------------------------------------------------------------


def test_komunitas_halaman_dan_riwayat_tetap_terbuka(client_for, users, wil):
    """A community has no member list; its page and history keep working under the scope."""
    kom = services.komunitas_buat(
        oleh=users["petugas"],
        data={"nama": "Komunitas Adat Terpencil", "desa": wil["desa1"], "jumlah_kk": 3},
    )
    for url in (kom.get_absolute_url(), _url_riwayat("komunitas", kom.pk)):
        _, teks = _halaman(client_for(users["op_desa"]), url)
        assert "Komunitas Adat Terpencil" in teks
        assert client_for(users["op_desa_lain"]).get(url).status_code == 404
