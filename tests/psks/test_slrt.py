"""S7: SLRT — a request is registered, the need identified, the person referred, and each
referral tracked to its outcome (dirujuk → diterima → selesai / ditolak)."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from psks import services
from psks.models import KasusRehabilitasi, PermintaanLayanan, Rujukan
from psks.selectors import layanan_untuk_orang

from . import bantu as b

pytestmark = pytest.mark.django_db
S = PermintaanLayanan.StatusPermintaan
R = Rujukan.StatusRujukan


@pytest.fixture
def klien(wil, users):
    return b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])


def permintaan(klien, oleh, **kw):
    data = {
        "klien": klien,
        "saluran": "datang_langsung",
        "tanggal": b.hari(-30),
        "uraian": "Tidak ada yang merawat",
        "oleh": oleh,
    }
    data.update(kw)
    return services.slrt_permintaan_catat(**data)


def test_s7_dari_permintaan_sampai_tujuh_tahap_rehabilitasi(klien, users):
    """The issue's 'done when': SLRT request → referral → rehabilitation by a licensed
    worker through all seven stages; the referral and the request close with it."""
    op = users["op_desa"]
    p = permintaan(klien, op, saluran="petugas_desa", pelapor_nama="Kasun Krajan")
    assert p.status == S.BARU
    services.slrt_kebutuhan_catat(permintaan=p, kebutuhan=["rehabilitasi"], oleh=op)
    r = services.slrt_rujuk(permintaan=p, tujuan="rehabilitasi", tanggal=b.hari(-29), oleh=op)
    p.refresh_from_db()
    assert p.status == S.DIRUJUK and r.status == R.DIRUJUK

    with pytest.raises(ValidationError, match="aturan S2 dan S3"):
        services.rehabilitasi_buat(
            klien=klien,
            sasaran="b",
            setting="keluarga",
            bentuk=["a"],
            pekerja=b.psp(izin_sampai=b.hari(-40)),
            program=b.program("rehabilitasi"),
            tanggal_mulai=b.hari(-28),
            rujukan=r,
            oleh=op,
        )
    r.refresh_from_db()
    assert r.status == R.DIRUJUK  # a refusal leaves the referral untouched

    kasus = services.rehabilitasi_buat(
        klien=klien,
        sasaran="b",
        setting="keluarga",
        bentuk=["a"],
        pekerja=b.psp(),
        program=b.program("rehabilitasi"),
        tanggal_mulai=b.hari(-28),
        rujukan=r,
        oleh=op,
    )
    r.refresh_from_db()
    assert r.status == R.DITERIMA and r.tanggal_diterima == b.hari(-28)
    assert r.layanan == kasus
    for i, tahap in enumerate(KasusRehabilitasi.URUTAN):
        services.rehabilitasi_tahap_catat(
            kasus=kasus, tahap=tahap, tanggal=b.hari(-27 + 3 * i), oleh=op
        )
    r.refresh_from_db()
    p.refresh_from_db()
    assert r.status == R.SELESAI and "bimbingan lanjut" in r.hasil
    assert p.status == S.SELESAI
    riwayat = layanan_untuk_orang(klien, op)
    assert [x["jenis"] for x in riwayat["daftar"]] == [
        "Rehabilitasi sosial",
        "Rujukan SLRT",
        "Permintaan SLRT",
    ]


def test_s7_rujuk_setelah_kebutuhan_diidentifikasi(klien, users):
    p = permintaan(klien, users["petugas"])
    with pytest.raises(ValidationError) as e:
        services.slrt_rujuk(permintaan=p, tujuan="bansos", tanggal=b.hari(), oleh=users["petugas"])
    assert "s7_identifikasi" in b.kode(e.value) and "aturan S7" in e.value.messages[0]


def test_s7_rujukan_bansos_dan_instansi_lain_dilacak_manual(klien, users):
    u = users["petugas"]
    p = permintaan(klien, u, kebutuhan=["bansos", "adminduk"])
    assert p.status == S.DIIDENTIFIKASI
    bansos = services.slrt_rujuk(
        permintaan=p, tujuan="bansos", referensi="PMH-2026-0007", tanggal=b.hari(-29), oleh=u
    )
    with pytest.raises(ValidationError, match="nama instansi"):
        services.slrt_rujuk(permintaan=p, tujuan="instansi_lain", tanggal=b.hari(-29), oleh=u)
    dukcapil = services.slrt_rujuk(
        permintaan=p, tujuan="instansi_lain", instansi="Dinas Dukcapil", tanggal=b.hari(-29), oleh=u
    )
    with pytest.raises(ValidationError, match="belum selesai"):
        services.slrt_rujuk(permintaan=p, tujuan="bansos", tanggal=b.hari(-29), oleh=u)
    with pytest.raises(ValidationError, match="sudah diterima"):
        services.slrt_rujukan_selesai(rujukan=bansos, tanggal=b.hari(), hasil="x", oleh=u)
    services.slrt_rujukan_terima(rujukan=bansos, tanggal=b.hari(-20), oleh=u)
    services.slrt_rujukan_selesai(
        rujukan=bansos, tanggal=b.hari(-5), hasil="Bansos biaya hidup dicairkan", oleh=u
    )
    with pytest.raises(ValidationError, match="alasan"):
        services.slrt_rujukan_tolak(rujukan=dukcapil, tanggal=b.hari(), alasan=" ", oleh=u)
    p.refresh_from_db()
    assert p.status == S.DIRUJUK
    services.slrt_rujukan_tolak(
        rujukan=dukcapil, tanggal=b.hari(), alasan="Bukan domisili kabupaten", oleh=u
    )
    p.refresh_from_db()
    assert p.status == S.SELESAI
    assert set(p.rujukan.values_list("status", flat=True)) == {"selesai", "ditolak"}


def test_s7_rujukan_dengan_layanan_berjalan_tidak_diselesaikan_manual(klien, users):
    u = users["petugas"]
    p = permintaan(klien, u, kebutuhan=["perlindungan"])
    r = services.slrt_rujuk(permintaan=p, tujuan="perlindungan", tanggal=b.hari(-29), oleh=u)
    services.perlindungan_buat(
        klien=klien,
        jenis="b",
        bentuk=["e"],
        program=b.program("perlindungan"),
        tanggal_mulai=b.hari(-28),
        rujukan=r,
        oleh=u,
    )
    r.refresh_from_db()
    with pytest.raises(ValidationError) as e:
        services.slrt_rujukan_selesai(rujukan=r, tanggal=b.hari(), hasil="x", oleh=u)
    assert "s7_layanan_berjalan" in b.kode(e.value)
    with pytest.raises(ValidationError):
        services.slrt_rujukan_tolak(rujukan=r, tanggal=b.hari(), alasan="x", oleh=u)


def test_s7_rujukan_hanya_untuk_layanan_dan_klien_yang_sama(klien, users, wil):
    u = users["petugas"]
    p = permintaan(klien, u, kebutuhan=["jaminan"])
    r = services.slrt_rujuk(permintaan=p, tujuan="jaminan", tanggal=b.hari(-29), oleh=u)
    with pytest.raises(ValidationError) as e:
        services.rehabilitasi_buat(
            klien=klien,
            sasaran="b",
            setting="keluarga",
            bentuk=["a"],
            pekerja=b.psp(),
            program=b.program("rehabilitasi"),
            tanggal_mulai=b.hari(-28),
            rujukan=r,
            oleh=u,
        )
    assert "s7_rujukan_tujuan" in b.kode(e.value)
    lain = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=u)
    with pytest.raises(ValidationError) as e:
        services.jaminan_buat(
            klien=lain,
            bentuk="asuransi_kesejahteraan_sosial",
            program=b.program("jaminan"),
            tanggal_mulai=b.hari(-28),
            rujukan=r,
            oleh=u,
        )
    assert "s7_rujukan_klien" in b.kode(e.value)


def test_s7_tutup_tanpa_rujukan(klien, users):
    p = permintaan(klien, users["op_desa"])
    with pytest.raises(ValidationError):
        services.slrt_permintaan_tutup(permintaan=p, alasan="", oleh=users["op_desa"])
    services.slrt_permintaan_tutup(
        permintaan=p, alasan="Cukup diberi informasi layanan BPJS", oleh=users["op_desa"]
    )
    p.refresh_from_db()
    assert p.status == S.DITUTUP
    with pytest.raises(ValidationError, match="ditutup"):
        services.slrt_rujuk(permintaan=p, tujuan="bansos", tanggal=b.hari(), oleh=users["op_desa"])


def test_s7_petugas_desa_wajib_nama_pelapor(klien, users):
    with pytest.raises(ValidationError, match="nama petugas desa"):
        permintaan(klien, users["op_desa"], saluran="petugas_desa")


@pytest.mark.parametrize("peran", ["op_kec", "kadis", "verifikator", "bendahara", "admin"])
def test_s7_hanya_layanan_sosial_mencatat(klien, users, peran):
    with pytest.raises(PermissionDenied):
        permintaan(klien, users[peran])


def test_s7_operator_desa_lain_ditolak(klien, users):
    with pytest.raises(PermissionDenied):
        permintaan(klien, users["op_desa_lain"])
