"""S3 (with S2): rehabilitasi sosial — assignment to a licensed worker, stages in order."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from dinsos.models import Riwayat
from psks import services
from psks.models import KasusRehabilitasi, Status, TahapRehabilitasi

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def klien(wil, users):
    return b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])


@pytest.fixture
def prog(db):
    return b.program("rehabilitasi")


def buka(*, klien, pekerja, oleh, prog, mulai=None, **kw):
    data = {
        "klien": klien,
        "sasaran": "b",
        "setting": "keluarga",
        "bentuk": ["a", "f"],
        "pekerja": pekerja,
        "program": prog,
        "tanggal_mulai": mulai or b.hari(-30),
        "oleh": oleh,
    }
    data.update(kw)
    return services.rehabilitasi_buat(**data)


def test_s3_ditugaskan_ke_psp_berizin(klien, users, prog):
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["op_desa"], prog=prog)
    assert kasus.status == Status.AKTIF
    assert kasus.bentuk == ["a", "f"]
    assert kasus.tahap_berikut == "pendekatan_awal"
    assert Riwayat.objects.filter(object_id=str(kasus.pk), aksi="buat").exists()


def test_s3_ditolak_bukan_psp(klien, users, prog):
    """S3: a case cannot be assigned to anyone but a Pekerja Sosial Profesional."""
    relawan = b.tenaga(jenis="relawan_sosial", nama="Relawan A")
    with pytest.raises(ValidationError) as e:
        buka(klien=klien, pekerja=relawan, oleh=users["petugas"], prog=prog)
    assert "s2_izin_praktik" in b.kode(e.value)
    assert "bukan Pekerja Sosial Profesional" in e.value.messages[0]
    assert "aturan S2 dan S3" in e.value.messages[0]
    assert not KasusRehabilitasi.objects.exists()


def test_s3_ditolak_izin_kedaluwarsa(klien, users, prog):
    """S2/S3: a licence expired before the start date refuses the assignment."""
    kedaluwarsa = b.psp(izin_sampai=b.hari(-31))
    with pytest.raises(ValidationError) as e:
        buka(klien=klien, pekerja=kedaluwarsa, oleh=users["petugas"], prog=prog, mulai=b.hari(-30))
    assert "izin praktik" in e.value.messages[0] and "telah berakhir" in e.value.messages[0]
    assert "Pasal 35 ayat (3)" in e.value.messages[0]


def test_s3_ditolak_tanpa_sertifikat(klien, users, prog):
    with pytest.raises(ValidationError, match="sertifikat kompetensi"):
        buka(klien=klien, pekerja=b.psp(sertifikat=False), oleh=users["petugas"], prog=prog)


def test_s3_berlaku_pada_tanggal_mulai_bukan_hari_ini(klien, users, prog):
    """Valid 'on the day': the licence is judged on the case's start date."""
    izin_baru = b.psp(izin_terbit=b.hari(-10))
    with pytest.raises(ValidationError, match="baru berlaku sejak"):
        buka(klien=klien, pekerja=izin_baru, oleh=users["petugas"], prog=prog, mulai=b.hari(-20))
    assert buka(klien=klien, pekerja=izin_baru, oleh=users["petugas"], prog=prog, mulai=b.hari(-5))


def test_s3_klien_harus_ppks_aktif(wil, users, prog):
    from tests import factories as f

    bukan = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        buka(klien=bukan, pekerja=b.psp(), oleh=users["petugas"], prog=prog)
    assert "ash11_bukan_ppks" in b.kode(e.value)


def test_s3_di_lks_wajib_lembaga_lks(klien, users, prog, wil):
    with pytest.raises(ValidationError, match="Pasal 14"):
        buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog, setting="lks")
    lk3 = b.lks(desa=wil["desa1"], jenis="lk3")
    with pytest.raises(ValidationError, match="Pasal 14"):
        buka(
            klien=klien,
            pekerja=b.psp(),
            oleh=users["petugas"],
            prog=prog,
            setting="lks",
            lembaga=lk3,
        )
    panti = b.lks(desa=wil["desa1"])
    kasus = buka(
        klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog, setting="lks", lembaga=panti
    )
    assert kasus.lembaga == panti


def test_s3_bentuk_wajib_dan_program_sesuai(klien, users, prog):
    with pytest.raises(ValidationError, match="Pasal 15 ayat"):
        buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog, bentuk=[])
    with pytest.raises(ValidationError, match="bukan rehabilitasi"):
        buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=b.program("jaminan"))


def catat(kasus, tahap, hari, oleh):
    return services.rehabilitasi_tahap_catat(
        kasus=kasus, tahap=tahap, tanggal=b.hari(hari), catatan=f"Catatan {tahap}", oleh=oleh
    )


def test_s3_tujuh_tahap_berurutan_lalu_selesai(klien, users, prog):
    pekerja = b.psp()
    kasus = buka(klien=klien, pekerja=pekerja, oleh=users["petugas"], prog=prog)
    for i, tahap in enumerate(KasusRehabilitasi.URUTAN):
        baris = catat(kasus, tahap, -28 + i * 3, users["op_desa"])
        assert baris.urutan == i + 1 and baris.petugas == pekerja
    kasus.refresh_from_db()
    assert kasus.status == Status.SELESAI
    assert kasus.tahap_terakhir == "bimbingan_lanjut"
    assert kasus.tanggal_selesai == b.hari(-10)
    with pytest.raises(ValidationError, match="sudah selesai"):
        catat(kasus, "bimbingan_lanjut", 0, users["op_desa"])


def test_s3_tidak_boleh_melompati_tahap(klien, users, prog):
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog)
    with pytest.raises(ValidationError) as e:
        catat(kasus, "pengungkapan_masalah", -20, users["petugas"])
    assert "s3_urutan" in b.kode(e.value)
    assert "sebelum tahap Pendekatan awal" in e.value.messages[0]
    assert "aturan S3" in e.value.messages[0] and "Pasal 15 ayat (2)" in e.value.messages[0]
    assert not TahapRehabilitasi.objects.exists()


def test_s3_tidak_boleh_mundur_atau_mengulang(klien, users, prog):
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog)
    catat(kasus, "pendekatan_awal", -25, users["petugas"])
    catat(kasus, "pengungkapan_masalah", -20, users["petugas"])
    with pytest.raises(ValidationError) as e:
        catat(kasus, "pendekatan_awal", -18, users["petugas"])
    assert "tidak dapat diulang atau dikembalikan" in e.value.messages[0]
    assert "Penyusunan rencana pemecahan masalah" in e.value.messages[0]


def test_s3_tanggal_tidak_boleh_sebelum_tahap_sebelumnya(klien, users, prog):
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog)
    with pytest.raises(ValidationError, match="sebelum tanggal mulai layanan"):
        catat(kasus, "pendekatan_awal", -31, users["petugas"])
    catat(kasus, "pendekatan_awal", -20, users["petugas"])
    with pytest.raises(ValidationError) as e:
        catat(kasus, "pengungkapan_masalah", -21, users["petugas"])
    assert "tanggal_mundur" in b.kode(e.value)
    catat(kasus, "pengungkapan_masalah", -20, users["petugas"])  # same day is fine
    with pytest.raises(ValidationError, match="masa depan"):
        catat(kasus, "rencana_pemecahan_masalah", 1, users["petugas"])


def test_s3_tahap_ditolak_bila_izin_habis_pada_tanggal_tahap(klien, users, prog):
    """S2: each stage is carried out by a worker licensed on that stage's date."""
    pekerja = b.psp(izin_sampai=b.hari(-5))
    kasus = buka(klien=klien, pekerja=pekerja, oleh=users["petugas"], prog=prog, mulai=b.hari(-30))
    catat(kasus, "pendekatan_awal", -10, users["petugas"])  # licence still valid that day
    with pytest.raises(ValidationError) as e:
        catat(kasus, "pengungkapan_masalah", -2, users["petugas"])
    assert "s2_izin_praktik" in b.kode(e.value)
    assert "Pencatatan tahap pengungkapan dan pemahaman masalah ditolak" in e.value.messages[0]
    # Backdated to a day the licence was valid, the stage is accepted.
    catat(kasus, "pengungkapan_masalah", -6, users["petugas"])


def test_s3_ganti_pekerja_hanya_ke_yang_berizin(klien, users, prog):
    kasus = buka(
        klien=klien,
        pekerja=b.psp(izin_sampai=b.hari(-1)),
        oleh=users["petugas"],
        prog=prog,
        mulai=b.hari(-30),
    )
    with pytest.raises(ValidationError, match="aturan S2"):
        services.rehabilitasi_tugaskan(
            kasus=kasus,
            pekerja=b.psp(izin_sampai=b.hari(-2)),
            tanggal=b.hari(),
            alasan="Cuti",
            oleh=users["petugas"],
        )
    baru = b.psp()
    services.rehabilitasi_tugaskan(
        kasus=kasus,
        pekerja=baru,
        tanggal=b.hari(),
        alasan="Izin pekerja lama habis",
        oleh=users["petugas"],
    )
    kasus.refresh_from_db()
    assert kasus.pekerja == baru
    baris = catat(kasus, "pendekatan_awal", 0, users["petugas"])
    assert baris.petugas == baru


def test_s3_hentikan_kasus(klien, users, prog):
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["petugas"], prog=prog)
    with pytest.raises(ValidationError):
        services.rehabilitasi_hentikan(
            kasus=kasus, tanggal=b.hari(), alasan="", oleh=users["petugas"]
        )
    services.rehabilitasi_hentikan(
        kasus=kasus, tanggal=b.hari(), alasan="Klien pindah domisili", oleh=users["petugas"]
    )
    kasus.refresh_from_db()
    assert kasus.status == Status.DIHENTIKAN and kasus.hasil == "Klien pindah domisili"


@pytest.mark.parametrize("peran", ["op_kec", "kadis", "verifikator", "bendahara", "admin"])
def test_s3_peran_tanpa_layanan_sosial_ditolak(klien, users, prog, peran):
    with pytest.raises(PermissionDenied):
        buka(klien=klien, pekerja=b.psp(), oleh=users[peran], prog=prog)


def test_s3_operator_desa_lain_ditolak(klien, users, prog):
    with pytest.raises(PermissionDenied):
        buka(klien=klien, pekerja=b.psp(), oleh=users["op_desa_lain"], prog=prog)
    kasus = buka(klien=klien, pekerja=b.psp(), oleh=users["op_desa"], prog=prog)
    with pytest.raises(PermissionDenied):
        catat(kasus, "pendekatan_awal", -1, users["op_desa_lain"])
