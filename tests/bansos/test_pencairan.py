"""B6: how money moves (PCT 7e, 9e, 11e) and B8 at disbursement."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bansos import services as sv
from bansos.errors import AturanDilanggar, LangkahTidakSah
from bansos.models import JenisBansos, Pagu, Pencairan, PengajuanPencairan
from tests.bansos.conftest import ajukan, cair_default, ke_status, pdf, penerima

pytestmark = pytest.mark.django_db
M = Pencairan.Mode


def _siap(users, orang, jenis=JenisBansos.BIAYA_HIDUP, jumlah=1_000_000, **kw):
    p = ajukan(users, orang, jenis=jenis, jumlah=jumlah, **kw)
    return ke_status(users, p, "diajukan_pencairan")


def _cair(users, p, **kw):
    kw.setdefault("bukti", pdf("bukti.pdf"))
    return sv.pencairan_catat(permohonan=p, oleh=users["bendahara"], **kw)


def msg(e):
    return " ".join(e.value.messages)


def test_b6_biaya_hidup_cash_only(users, orang, aturan, pagu):
    """B6 / PCT 7e: biaya hidup in cash against a kwitansi."""
    p = _siap(users, orang)
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TRANSFER, referensi_transfer="T1", rekening_tujuan="123")
    assert "Pasal 7 huruf e" in msg(e)
    c = _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW-9", nama_penerima=orang.nama)
    assert c.jumlah == Decimal("1000000")
    p.refresh_from_db()
    assert p.status == "dicairkan"


def test_b6_cash_needs_a_kwitansi_number(users, orang, aturan, pagu):
    p = _siap(users, orang)
    with pytest.raises(AturanDilanggar):
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="")


def test_b6_permodalan_cash_at_2000000(users, orang, aturan, pagu):
    """B6 / PCT 9e: up to Rp 2.000.000 in cash — and not by transfer."""
    p = _siap(users, orang, JenisBansos.PERMODALAN_USAHA, 2_000_000, rekening_nomor="5551234")
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TRANSFER, referensi_transfer="T1")
    assert "sampai dengan Rp 2.000.000,00 dicairkan secara tunai" in msg(e)
    _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW-1")


def test_b6_permodalan_transfer_at_2000001(users, orang, aturan, pagu):
    """B6 / PCT 9e: above Rp 2.000.000 by transfer — and not in cash."""
    p = _siap(users, orang, JenisBansos.PERMODALAN_USAHA, 2_000_001, rekening_nomor="5551234")
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW-1")
    assert "di atas Rp 2.000.000,00" in msg(e) and "Pasal 9 huruf e" in msg(e)
    c = _cair(users, p, mode=M.TRANSFER, referensi_transfer="TRF-77")
    assert c.rekening_tujuan == "5551234"


def test_b6_transfer_only_to_the_recipients_account(users, orang, aturan, pagu):
    """B6: never to someone else."""
    p = _siap(users, orang, JenisBansos.PERMODALAN_USAHA, 3_000_000, rekening_nomor="5551234")
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TRANSFER, referensi_transfer="T", rekening_tujuan="9999999")
    assert "pihak lain" in msg(e)
    _cair(users, p, mode=M.TRANSFER, referensi_transfer="T", rekening_tujuan="555-1234")


def test_b6_transfer_needs_a_recorded_account(users, orang, aturan, pagu):
    p = _siap(users, orang, JenisBansos.PERMODALAN_USAHA, 3_000_000)
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TRANSFER, referensi_transfer="T", rekening_tujuan="1234")
    assert "Pasal 10 huruf d" in msg(e)


def test_b6_pengobatan_only_to_the_facility_account(users, orang, aturan, pagu, faskes):
    """B6 / PCT 11e: pemindahbukuan to the bendahara penerimaan, never to the patient."""
    p = _siap(users, orang, JenisBansos.PENGOBATAN, 4_000_000)
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW")
    assert "Pasal 11 huruf e" in msg(e)
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.PEMINDAHBUKUAN, referensi_transfer="PB", rekening_tujuan="42")
    assert faskes.nomor_rekening in msg(e)
    c = _cair(users, p, mode=M.PEMINDAHBUKUAN, referensi_transfer="SP2D-1")
    assert c.rekening_tujuan == faskes.nomor_rekening
    assert c.nama_pemilik_rekening == faskes.nama_rekening


def test_b6_amount_equals_the_recommendation(users, orang, aturan, pagu):
    p = ajukan(users, orang, jumlah=2_000_000)
    ke_status(users, p, "terverifikasi")
    sv.permohonan_rekomendasi(
        permohonan=p, oleh=users["kadis"], layak=True, jumlah=1_500_000, nomor_surat="460/2"
    )
    sv.pengajuan_pencairan_buat(permohonan_list=[p], oleh=users["kadis"], nomor_surat="900/2")
    with pytest.raises(ValidationError) as e:
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW", jumlah=2_000_000)
    assert "harus sama dengan jumlah rekomendasi Rp 1.500.000,00" in msg(e)
    assert _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW").jumlah == Decimal("1500000")


def test_b6_proof_is_required_and_checked(users, orang, aturan, pagu):
    p = _siap(users, orang)
    with pytest.raises(AturanDilanggar):
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW", bukti=None)
    with pytest.raises(AturanDilanggar) as e:
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW", bukti=pdf("x.pdf", b"bukan pdf"))
    assert e.value.code == "jenis_berkas"


def test_batch_becomes_selesai_when_all_disbursed(users, wil, aturan, pagu):
    a = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    b = ajukan(users, penerima(desa=wil["desa2"], penilai=users["petugas"]), oleh=users["petugas"])
    for p in (a, b):
        ke_status(users, p, "direkomendasikan")
    batch = sv.pengajuan_pencairan_buat(
        permohonan_list=[a, b.pk], oleh=users["kadis"], nomor_surat="900/3"
    )
    assert batch.total == Decimal("2000000") and batch.nomor.startswith("PP-")
    cair_default(users, a)
    batch.refresh_from_db()
    assert batch.status == PengajuanPencairan.Status.DIAJUKAN
    cair_default(users, b)
    batch.refresh_from_db()
    assert batch.status == PengajuanPencairan.Status.SELESAI


def test_batch_one_tahun_anggaran(users, wil, aturan, pagu):
    from tests.bansos.conftest import TA, buat_pagu

    buat_pagu(jumlah=10_000_000, tahun=TA + 1)
    a = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    b = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]), tahun_anggaran=TA + 1)
    for p in (a, b):
        ke_status(users, p, "direkomendasikan")
    with pytest.raises(AturanDilanggar):
        sv.pengajuan_pencairan_buat(permohonan_list=[a, b], oleh=users["kadis"], nomor_surat="9")


def test_b8_disbursement_refused_when_pagu_was_lowered(users, orang, aturan, pagu):
    """B8: disbursements may not exceed the pagu either."""
    p = _siap(users, orang, jumlah=2_000_000)
    Pagu.objects.filter(jenis=JenisBansos.BIAYA_HIDUP).update(jumlah=Decimal("1999999"))
    with pytest.raises(AturanDilanggar) as e:
        _cair(users, p, mode=M.TUNAI, nomor_kwitansi="KW")
    assert e.value.code == "b8_pagu"


def test_add_to_an_open_batch(users, wil, aturan, pagu):
    a = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    b = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    for p in (a, b):
        ke_status(users, p, "direkomendasikan")
    batch = sv.pengajuan_pencairan_buat(permohonan_list=[a], oleh=users["kadis"], nomor_surat="9")
    with pytest.raises(LangkahTidakSah):
        sv.pengajuan_pencairan_tambah(pengajuan=batch, permohonan_list=[b], oleh=users["petugas"])
    sv.pengajuan_pencairan_tambah(pengajuan=batch, permohonan_list=[b], oleh=users["kadis"])
    assert set(batch.permohonan.all()) == {a, b}
    with pytest.raises(LangkahTidakSah):  # already in a batch
        sv.pengajuan_pencairan_tambah(pengajuan=batch, permohonan_list=[b], oleh=users["kadis"])
