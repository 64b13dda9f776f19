"""S4: jaminan sosial only for PPKS with the kemiskinan criterion standing in DTSEN/DTKS,
through persiapan → pendampingan → pelaksanaan → terminasi."""

import pytest
from django.core.exceptions import ValidationError

from ppks.models import Registrasi
from psks import services
from psks.models import JaminanSosial, Status

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def prog(db):
    return b.program("jaminan")


def buat(klien, prog, oleh, **kw):
    data = {
        "klien": klien,
        "bentuk": "asuransi_kesejahteraan_sosial",
        "program": prog,
        "tanggal_mulai": b.hari(-10),
        "nomor_peserta": "0001234567890",
        "oleh": oleh,
    }
    data.update(kw)
    return services.jaminan_buat(**data)


def test_s4_kemiskinan_dan_dtsen_diterima(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    j = buat(orang, prog, users["op_desa"])
    assert j.status == Status.AKTIF and j.tahap_berikut == "persiapan"


def test_s4_ditolak_tanpa_kriteria_kemiskinan(wil, users, prog):
    """ASH 16(1): a PPKS of another criterion (keterlantaran) is refused, naming the rule."""
    orang = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(orang, prog, users["petugas"])
    assert "s4_kriteria_kemiskinan" in b.kode(e.value)
    assert "aturan S4" in e.value.messages[0] and "Pasal 16 ayat (1)" in e.value.messages[0]


def test_s4_registrasi_tidak_aktif_tidak_dihitung(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    Registrasi.objects.filter(perseorangan=orang).update(status=Registrasi.Status.SELESAI)
    with pytest.raises(ValidationError, match="kriteria kemiskinan"):
        buat(orang, prog, users["petugas"])


@pytest.mark.parametrize("dtsen", ["tidak_terdaftar", "belum_diketahui"])
def test_s4_ditolak_tanpa_dtsen(wil, users, prog, dtsen):
    """ASH 18(5)–(6): targets come from the official data (DTSEN/DTKS)."""
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"], dtsen=dtsen)
    with pytest.raises(ValidationError) as e:
        buat(orang, prog, users["petugas"])
    assert "s4_dtsen" in b.kode(e.value)
    assert "Pasal 18" in e.value.messages[0]


def test_s4_sementara_wajib_tanggal_berakhir_dan_tidak_ganda(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        buat(orang, prog, users["petugas"], bentuk="bantuan_langsung_sementara")
    assert "s4_sementara" in b.kode(e.value)
    buat(
        orang,
        prog,
        users["petugas"],
        bentuk="bantuan_langsung_sementara",
        tanggal_selesai=b.hari(80),
    )
    with pytest.raises(ValidationError, match="masih berjalan"):
        buat(
            orang,
            prog,
            users["petugas"],
            bentuk="bantuan_langsung_sementara",
            tanggal_selesai=b.hari(90),
        )


def tahap(j, kode, hari, oleh):
    return services.jaminan_tahap_catat(jaminan=j, tahap=kode, tanggal=b.hari(hari), oleh=oleh)


def test_s4_urutan_logis_terminasi_sesudah_pelaksanaan(wil, users, prog):
    """S4 reads ASH 18(7) in the logical order: pelaksanaan comes before terminasi."""
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    j = buat(orang, prog, users["petugas"])
    tahap(j, "persiapan", -9, users["petugas"])
    tahap(j, "pendampingan", -8, users["petugas"])
    with pytest.raises(ValidationError) as e:
        tahap(j, "terminasi", -7, users["petugas"])
    assert "s4_urutan" in b.kode(e.value)
    assert "sebelum tahap Pelaksanaan" in e.value.messages[0]
    tahap(j, "pelaksanaan", -7, users["petugas"])
    tahap(j, "terminasi", -1, users["petugas"])
    j.refresh_from_db()
    assert j.status == Status.SELESAI and j.tanggal_selesai == b.hari(-1)
    assert list(j.tahap.values_list("tahap", flat=True)) == JaminanSosial.URUTAN


def test_s4_pelaksanaan_memeriksa_kelayakan_lagi(wil, users, prog):
    orang = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=users["petugas"])
    j = buat(orang, prog, users["petugas"])
    tahap(j, "persiapan", -9, users["petugas"])
    tahap(j, "pendampingan", -8, users["petugas"])
    orang.status_dtsen = "tidak_terdaftar"
    orang.save()
    with pytest.raises(ValidationError) as e:
        tahap(j, "pelaksanaan", -7, users["petugas"])
    assert "s4_dtsen" in b.kode(e.value)
