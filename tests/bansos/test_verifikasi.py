"""B5: verification cannot pass while a required document is missing (PCT 8, 10, 12, 13)."""

import pytest
from django.core.exceptions import ValidationError

from bansos import services as sv
from bansos.aturan import dokumen_kurang, dokumen_wajib
from bansos.errors import AturanDilanggar
from bansos.models import JenisBansos, JenisDokumen, Verifikasi
from tests import factories as f
from tests.bansos.conftest import ajukan, ke_status, pdf, penerima

pytestmark = pytest.mark.django_db


def _unggah(users, p, jenis_list):
    for d in jenis_list:
        sv.dokumen_unggah(permohonan=p, oleh=users["op_desa"], jenis_dokumen=d, berkas=pdf())


def _lolos(users, p, checklist=None):
    return sv.permohonan_verifikasi(
        permohonan=p,
        oleh=users["verifikator"],
        checklist=checklist if checklist is not None else {d: True for d in dokumen_wajib(p)},
        hasil="lolos",
        nomor_berita_acara="BA/07/2026",
    )


def test_b5_missing_skm_blocks_a_fakir_miskin(users, orang, aturan):
    """B5 / PCT 8d: the SKM is required for fakir miskin."""
    p = ajukan(users, orang)
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, [JenisDokumen.SURAT_PERMOHONAN, JenisDokumen.KTP, JenisDokumen.KK])
    with pytest.raises(AturanDilanggar) as e:
        _lolos(users, p)
    assert e.value.code == "b5"
    assert "Surat Keterangan Miskin" in e.value.message and "Pasal 8" in e.value.message
    p.refresh_from_db()
    assert p.status == "menunggu_verifikasi" and not Verifikasi.objects.exists()
    _unggah(users, p, [JenisDokumen.SKM])
    _lolos(users, p)
    p.refresh_from_db()
    assert p.status == "terverifikasi"


def test_b5_other_category_needs_no_skm(users, wil, aturan):
    orang = penerima(desa=wil["desa1"], kode="i", penilai=users["petugas"])
    p = ajukan(users, orang)
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, [JenisDokumen.SURAT_PERMOHONAN, JenisDokumen.KTP, JenisDokumen.KK])
    assert dokumen_kurang(p) == []
    _lolos(users, p)


def test_b5_a_document_not_checked_blocks(users, orang, aturan):
    p = ajukan(users, orang)
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, dokumen_wajib(p))
    daftar = {d: True for d in dokumen_wajib(p)}
    daftar[JenisDokumen.KK] = False
    with pytest.raises(AturanDilanggar) as e:
        _lolos(users, p, daftar)
    assert "belum dinyatakan sesuai" in e.value.message and "Kartu Keluarga" in e.value.message


def test_b5_kelompok_needs_the_formation_letter(users, wil, aturan):
    """B5 / PCT 10c: the Lurah/Kades letter on the group's formation."""
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=f.buat_orang(desa=wil["desa1"]))
    f.daftarkan(kode="x", penilai=users["petugas"], kelompok=kel)
    p = ajukan(users, kel, jenis=JenisBansos.PERMODALAN_USAHA, jumlah=3_000_000,
               rekening_nomor="777888999")  # fmt: skip
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, [d for d in dokumen_wajib(p) if d != JenisDokumen.PEMBENTUKAN_KELOMPOK])
    with pytest.raises(AturanDilanggar) as e:
        _lolos(users, p)
    assert "pembentukan kelompok" in e.value.message and "Pasal 10" in e.value.message


def test_b5_pengobatan_at_cost_needs_the_photo(users, wil, aturan, faskes):
    """B5 / PCT 12b: photo of the condition of a korban/PMKS T4."""
    orang = penerima(desa=wil["desa1"], kode="l", penilai=users["petugas"])
    p = ajukan(users, orang, jenis=JenisBansos.PENGOBATAN, jumlah=9_000_000)
    _unggah_petugas = [d for d in dokumen_wajib(p) if d != JenisDokumen.FOTO_KONDISI]
    for d in _unggah_petugas:
        sv.dokumen_unggah(permohonan=p, oleh=users["petugas"], jenis_dokumen=d, berkas=pdf())
    with pytest.raises(AturanDilanggar) as e:
        _lolos(users, p)
    assert "Foto kondisi" in e.value.message and "Pasal 12" in e.value.message


def test_b5_pass_requires_berita_acara_number(users, orang, aturan):
    p = ajukan(users, orang)
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, dokumen_wajib(p))
    with pytest.raises(AturanDilanggar):
        sv.permohonan_verifikasi(
            permohonan=p,
            oleh=users["verifikator"],
            checklist={d: True for d in dokumen_wajib(p)},
            hasil="lolos",
            nomor_berita_acara="",
        )


def test_b5_checklist_is_recorded(users, orang, aturan):
    p = ajukan(users, orang)
    ke_status(users, p, "menunggu_verifikasi")
    _unggah(users, p, dokumen_wajib(p))
    v = _lolos(users, p)
    assert v.checklist == {"surat_permohonan": True, "ktp": True, "kk": True, "skm": True}
    assert v.verifikator == users["verifikator"] and v.nomor_berita_acara == "BA/07/2026"


def test_b1_rechecked_at_verification(users, orang, aturan, faskes):
    """B1: if the patient got a jaminan kesehatan meanwhile, verification cannot pass."""
    p = ajukan(users, orang, jenis=JenisBansos.PENGOBATAN, jumlah=1_000_000)
    for d in dokumen_wajib(p):
        sv.dokumen_unggah(permohonan=p, oleh=users["petugas"], jenis_dokumen=d, berkas=pdf())
    orang.jaminan_kesehatan = "pbi"
    orang.save()
    with pytest.raises(ValidationError) as e:
        _lolos(users, p)
    assert "Pasal 5 huruf c" in " ".join(e.value.messages)
