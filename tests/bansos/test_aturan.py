"""Rules as data (B2, B3, B6): the PCT values seeded per Tahun Anggaran, editable, and the
required documents per jenis (B5)."""

from decimal import Decimal

import pytest

from bansos.aturan import aturan_tetapkan, dokumen_wajib
from bansos.models import AturanTahunan, JenisBansos, JenisDokumen
from tests import factories as f
from tests.bansos.conftest import TA, ajukan, buat_faskes, penerima

pytestmark = pytest.mark.django_db

D = JenisDokumen


def test_aturan_untuk_seeds_the_pct_values(db):
    """B2/B3/B6: PCT 6(1)a–c, 6(2), 6(3), 9e as data for a new year."""
    a = aturan_tetapkan(TA + 5)
    assert a.batas_biaya_hidup == Decimal("2000000")
    assert a.batas_permodalan == Decimal("5000000")
    assert a.batas_pengobatan == Decimal("7500000")
    assert a.batas_tunai_permodalan == Decimal("2000000")
    assert a.sekali_setahun_lingkup == AturanTahunan.Lingkup.PER_JENIS
    assert set(a.kategori_sesuai_biaya.values_list("kode", flat=True)) == set("uvdjkl")
    assert set(a.kategori_bebas_sekali_setahun.values_list("kode", flat=True)) == {"u"}
    assert aturan_tetapkan(TA + 5).pk == a.pk  # created once


def test_current_year_seeded_by_migration(db):
    assert AturanTahunan.objects.filter(tahun_anggaran=TA).exists()


def test_ceiling_is_data_not_code(users, orang, aturan):
    """B2: another kabupaten (or a revised Perbup) sets its own figure."""
    aturan.batas_biaya_hidup = Decimal("3000000")
    aturan.save()
    p = ajukan(users, orang, jumlah=3_000_000)
    assert p.jumlah_diminta == Decimal("3000000")


def test_dokumen_wajib_biaya_hidup_fakir_miskin_needs_skm(users, orang, aturan):
    """B5 / PCT 8: SKM with instrumen RTM only for fakir miskin."""
    p = ajukan(users, orang)
    assert dokumen_wajib(p) == [D.SURAT_PERMOHONAN, D.KTP, D.KK, D.SKM]


def test_dokumen_wajib_biaya_hidup_other_category(users, wil, aturan):
    lansia = penerima(
        desa=wil["desa1"], kode="i", penilai=users["petugas"]
    )  # penyandang disabilitas
    p = ajukan(users, lansia)
    assert dokumen_wajib(p) == [D.SURAT_PERMOHONAN, D.KTP, D.KK]


def test_dokumen_wajib_permodalan_kelompok_and_account(users, wil, aturan):
    """B5 / PCT 10: kelompok letter for a group; account number above the cash limit."""
    ketua = f.buat_orang(desa=wil["desa1"])
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=ketua)
    kel.nomor_rekening = "12345678"
    kel.save()
    f.daftarkan(kode="x", penilai=users["petugas"], kelompok=kel)
    p = ajukan(users, kel, jenis=JenisBansos.PERMODALAN_USAHA, jumlah=1_000_000)
    assert dokumen_wajib(p) == [
        D.SURAT_PERMOHONAN,
        D.KTP,
        D.PEMBENTUKAN_KELOMPOK,
        D.REKENING_PENERIMA,
    ]
    orang = penerima(desa=wil["desa1"], penilai=users["petugas"])
    kecil = ajukan(users, orang, jenis=JenisBansos.PERMODALAN_USAHA, jumlah=2_000_000)
    assert dokumen_wajib(kecil) == [D.SURAT_PERMOHONAN, D.KTP]
    orang2 = penerima(desa=wil["desa1"], penilai=users["petugas"])
    besar = ajukan(users, orang2, jenis=JenisBansos.PERMODALAN_USAHA, jumlah=2_000_001)
    assert dokumen_wajib(besar) == [D.SURAT_PERMOHONAN, D.KTP, D.REKENING_PENERIMA]


def test_dokumen_wajib_pengobatan_at_cost_and_other(users, wil, aturan):
    """B5 / PCT 12 (korban bencana, PMKS T4) versus PCT 13 (others)."""
    buat_faskes()
    gelandangan = penerima(desa=wil["desa1"], kode="k", penilai=users["petugas"])
    p12 = ajukan(users, gelandangan, jenis=JenisBansos.PENGOBATAN, jumlah=500_000)
    assert dokumen_wajib(p12) == [
        D.SURAT_PERMOHONAN_FASKES,
        D.FOTO_KONDISI,
        D.KUITANSI_BIAYA,
        D.REKENING_FASKES,
    ]
    fakir = penerima(desa=wil["desa1"], kode="x", penilai=users["petugas"])
    p13 = ajukan(users, fakir, jenis=JenisBansos.PENGOBATAN, jumlah=500_000)
    assert dokumen_wajib(p13) == [
        D.SURAT_PERMOHONAN_FASKES,
        D.KTP,
        D.KK,
        D.KUITANSI_BIAYA,
        D.REKENING_FASKES,
    ]


def test_b7_dasar_hukum_dibaca_tanpa_membuat_tahun(db):
    """B7: the rekapitulasi prints the year's regulation; reading it never creates the year."""
    from bansos.aturan import dasar_hukum_untuk

    assert dasar_hukum_untuk(TA + 7) == "Peraturan Bupati Pacitan Nomor 1 Tahun 2018"
    assert not AturanTahunan.objects.filter(tahun_anggaran=TA + 7).exists()
    a = aturan_tetapkan(TA + 7)
    a.dasar_hukum = "Peraturan Bupati Contoh Nomor 2 Tahun 2027"
    a.save()
    assert dasar_hukum_untuk(TA + 7) == "Peraturan Bupati Contoh Nomor 2 Tahun 2027"
