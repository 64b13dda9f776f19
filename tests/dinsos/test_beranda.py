"""Each role's home page leads with its own queue, then what concerns it, and shows no panel
the role cannot act on."""

import re

import pytest

from bansos.aturan import aturan_tetapkan
from bansos.models import JenisBansos
from dinsos.format import tanggal
from tests.bansos.conftest import TA, ajukan, buat_pagu, ke_status, penerima

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator",
         "kadis", "bendahara", "admin"]  # fmt: skip

# The steps of each role's queue, in order (bansos from the B4 table, then psks).
LAYANAN = [
    "Identifikasi permintaan layanan SLRT",
    "Catat jawaban rujukan",
    "Akhiri bantuan langsung yang lewat batas waktu",
]
ANTRIAN = {
    "op_desa": ["Ajukan ulang", *LAYANAN],
    "op_desa_lain": ["Ajukan ulang", *LAYANAN],
    "op_kec": ["Catat diketahui Camat"],
    "op_kec_lain": ["Catat diketahui Camat"],
    "petugas": ["Ajukan ulang", *LAYANAN],
    "verifikator": ["Buka lembar verifikasi"],
    "kadis": ["Beri rekomendasi", "Masukkan ke pengajuan pencairan"],
    "bendahara": ["Catat pencairan"],
    "admin": [],
}
# Panel headings (h2) a role must not see: nothing it cannot act on.
TIDAK_TAMPIL = {
    "op_desa": ["PSKS: masa berlaku", "Dasbor penyaluran"],
    "op_kec": ["PSKS: masa berlaku", "Registri PMKS/PPKS", "Layanan kesejahteraan sosial"],
    "verifikator": ["PSKS: masa berlaku", "Registri PMKS/PPKS", "Layanan kesejahteraan sosial"],
    "bendahara": [
        "PSKS: masa berlaku",
        "Registri PMKS/PPKS",
        "Layanan kesejahteraan sosial",
        "Dasbor penyaluran",
    ],
    "kadis": ["Layanan kesejahteraan sosial"],
    "admin": ["Bantuan sosial", "Layanan kesejahteraan sosial"],
}


def _judul_panel(html: str) -> list[str]:
    """The h2 of every section on the page, in order."""
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(r"<section[^>]*>\s*<h2[^>]*>(.*?)</h2>", html, re.S)
    ]


@pytest.fixture
def orang(users, wil):
    """This year's rules and pagu, and a fakir miskin of desa1."""
    aturan_tetapkan(TA)
    for j in JenisBansos.values:
        buat_pagu(j)
    return penerima(desa=wil["desa1"], penilai=users["petugas"])


def _antrian(resp) -> list[dict]:
    (panel,) = [p for p in resp.context["panel"] if p["template"] == "dinsos/_antrian.html"]
    return panel["antrian"]


@pytest.mark.parametrize("peran", SEMUA)
def test_antrian_peran_di_depan(client_for, users, peran):
    resp = client_for(users[peran]).get("/")
    html = resp.content.decode()
    judul = _judul_panel(html)
    assert judul[0] == "Menunggu tindakan Anda", (peran, judul)
    assert 'id="antrian"' in re.findall(r"<section[^>]*>", html)[0]
    assert [a["label"] for a in _antrian(resp)] == ANTRIAN[peran]
    for jangan in TIDAK_TAMPIL.get(peran, []):
        assert not any(j.startswith(jangan) for j in judul), (peran, jangan, judul)


@pytest.mark.parametrize("peran", SEMUA)
def test_tautan_antrian_terbuka_bagi_perannya(client_for, users, peran):
    c = client_for(users[peran])
    for a in _antrian(c.get("/")):
        assert c.get(a["url"]).status_code == 200, (peran, a["url"])


def test_antrian_menghitung_dan_menyebut_yang_terlama(client_for, users, wil, orang):
    pertama = ke_status(users, ajukan(users, orang), "terverifikasi")
    o2 = penerima(desa=wil["desa3"], penilai=users["petugas"])
    ke_status(users, ajukan(users, o2, oleh=users["op_desa_lain"]), "terverifikasi")
    o3 = penerima(desa=wil["desa1"], penilai=users["petugas"])
    ke_status(users, ajukan(users, o3), "direkomendasikan")

    resp = client_for(users["kadis"]).get("/")
    rekomendasi, pengajuan = _antrian(resp)
    assert rekomendasi["jumlah"] == 2 and pengajuan["jumlah"] == 1
    assert rekomendasi["url"] == "/bansos/?status=terverifikasi"
    html = resp.content.decode()
    assert f"terlama: {tanggal(pertama.dibuat)}" in html
    assert 'href="/bansos/?status=terverifikasi"' in html
    # The list it links to holds exactly the rows counted.
    daftar = client_for(users["kadis"]).get(rekomendasi["url"])
    assert len(daftar.context["hal"].object_list) == 2

    # The village officer counts only its own desa, and has nothing returned yet.
    (ulang, *_) = _antrian(client_for(users["op_desa"]).get("/"))
    assert ulang["jumlah"] == 0 and ulang["tertua"] is None
    # The Camat of kec1 sees none of these: they are past its step.
    (ketahui,) = _antrian(client_for(users["op_kec"]).get("/"))
    assert ketahui["jumlah"] == 0


def test_antrian_camat_hanya_wilayahnya(client_for, users, wil, orang):
    ajukan(users, orang)
    o2 = penerima(desa=wil["desa3"], penilai=users["petugas"])
    ajukan(users, o2, oleh=users["op_desa_lain"])
    (ketahui,) = _antrian(client_for(users["op_kec"]).get("/"))
    assert ketahui["jumlah"] == 1
    (ketahui,) = _antrian(client_for(users["op_kec_lain"]).get("/"))
    assert ketahui["jumlah"] == 1


def test_kepala_dinas_dasbor_sebelum_registri(client_for, users):
    judul = _judul_panel(client_for(users["kadis"]).get("/").content.decode())
    assert judul.index("Dasbor penyaluran bansos") < judul.index("Registri PMKS/PPKS")
