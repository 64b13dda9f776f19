"""S6: perlindungan sosial — temporary bantuan langsung, pemakaman only for keterlantaran
(ASH 29(3)), bantuan hukum only for kemiskinan (ASH 31(3))."""

import pytest
from django.core.exceptions import ValidationError

from psks import services
from psks.models import Status

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def prog(db):
    return b.program("perlindungan")


def buat(klien, prog, oleh, **kw):
    data = {
        "klien": klien,
        "jenis": "a",
        "bentuk": ["b"],
        "program": prog,
        "tanggal_mulai": b.hari(-3),
        "tanggal_selesai": b.hari(30),
        "oleh": oleh,
    }
    data.update(kw)
    return services.perlindungan_buat(**data)


def test_s6_pemakaman_hanya_untuk_keterlantaran(wil, users, prog):
    miskin = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(miskin, prog, users["op_desa"], bentuk=["f"])
    assert "s6_kriteria_keterlantaran" in b.kode(e.value)
    pesan = e.value.messages[0]
    assert "Fasilitasi penyediaan pemakaman ditolak" in pesan
    assert "aturan S6" in pesan and "Pasal 29 ayat (3)" in pesan
    telantar = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])
    p = buat(telantar, prog, users["op_desa"], bentuk=["f"])
    assert p.bentuk == ["f"]


def test_s6_bantuan_hukum_hanya_untuk_kemiskinan(wil, users, prog):
    telantar = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(
            telantar, prog, users["petugas"], jenis="c", bentuk=["pembelaan"], tanggal_selesai=None
        )
    assert "s6_kriteria_kemiskinan" in b.kode(e.value)
    assert "Pasal 31 ayat (3)" in e.value.messages[0]
    miskin = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    p = buat(
        miskin,
        prog,
        users["petugas"],
        jenis="c",
        bentuk=["pembelaan", "konsultasi_hukum"],
        tanggal_selesai=None,
        pelaksana="LBH Contoh",
    )
    assert p.get_jenis_display() == "Fasilitasi bantuan hukum"


def test_s6_bantuan_langsung_sementara_wajib_tanggal_berakhir(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(orang, prog, users["petugas"], tanggal_selesai=None)
    assert "s6_sementara" in b.kode(e.value)
    with pytest.raises(ValidationError, match="nilai bantuan uang"):
        buat(orang, prog, users["petugas"], bentuk=["a"])
    p = buat(orang, prog, users["petugas"], bentuk=["a", "b"], nominal=500000)
    assert p.nominal == 500000


def test_s6_advokasi_tanpa_batas_kriteria_dan_bentuk_sesuai_jenis(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kedisabilitasan", penilai=users["petugas"])
    with pytest.raises(ValidationError, match="tidak dikenal"):
        buat(orang, prog, users["petugas"], jenis="b", bentuk=["pembelaan"])
    p = buat(orang, prog, users["petugas"], jenis="b", bentuk=["e", "f"], tanggal_selesai=None)
    assert p.bentuk_label == ["e. Pendampingan", "f. Pemulihan hak"]


def test_s6_perpanjang_dan_selesaikan(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    p = buat(orang, prog, users["petugas"])
    with pytest.raises(ValidationError):
        services.perlindungan_perpanjang(
            layanan=p, sampai=b.hari(10), alasan="x", oleh=users["petugas"]
        )
    services.perlindungan_perpanjang(
        layanan=p, sampai=b.hari(60), alasan="Rumah belum selesai dibangun", oleh=users["petugas"]
    )
    p.refresh_from_db()
    assert p.tanggal_selesai == b.hari(60)
    services.perlindungan_selesaikan(
        layanan=p, tanggal=b.hari(), hasil="Keadaan stabil", oleh=users["petugas"]
    )
    p.refresh_from_db()
    assert p.status == Status.SELESAI and p.tanggal_selesai == b.hari()
