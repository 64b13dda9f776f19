"""B1–B3 at permohonan_buat: who may receive, how much, how often (PCT 5, 6)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from bansos import services as sv
from bansos.models import AturanTahunan, JenisBansos, Permohonan
from ppks.models import JaminanKesehatan
from tests import factories as f
from tests.bansos.conftest import TA, ajukan, buat_faskes, ke_status, penerima

pytestmark = pytest.mark.django_db

BH, PU, PB = JenisBansos.BIAYA_HIDUP, JenisBansos.PERMODALAN_USAHA, JenisBansos.PENGOBATAN


def pesan(exc_info) -> str:
    return " ".join(exc_info.value.messages)


# --- B1: jenis and recipients ------------------------------------------------------------


def test_b1_pengobatan_refused_with_jaminan_kesehatan(users, wil, aturan, faskes):
    """B1 / PCT 5c: pengobatan only for PMKS without a jaminan sosial for health."""
    orang = penerima(desa=wil["desa1"], penilai=users["petugas"], jaminan=JaminanKesehatan.PBI)
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis=PB, jumlah=1_000_000)
    assert "Pasal 5 huruf c" in pesan(e)
    assert not Permohonan.objects.exists()


def test_b1_pengobatan_refused_when_jaminan_unknown(users, wil, aturan, faskes):
    orang = penerima(
        desa=wil["desa1"], penilai=users["petugas"], jaminan=JaminanKesehatan.BELUM_DIKETAHUI
    )
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis=PB, jumlah=1_000_000)
    assert "belum diketahui" in pesan(e)


def test_b1_pengobatan_without_jaminan_passes(users, orang, aturan, faskes):
    p = ajukan(users, orang, jenis=PB, jumlah=1_000_000)
    assert p.status == "menunggu_verifikasi"  # PCT 11a: no Camat step for a facility letter
    assert p.nomor == f"PB-{TA}-{p.pk:06d}"


def test_b1_recipient_must_be_registered_active_in_that_category(users, wil, aturan):
    orang = f.buat_orang(desa=wil["desa1"])
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, kategori=f.kategori("x"))
    assert "tidak terdaftar aktif" in pesan(e)
    reg = f.daftarkan(orang=orang, kode="x", penilai=users["petugas"])
    reg.status = "selesai"
    reg.save()
    with pytest.raises(ValidationError):
        ajukan(users, orang, kategori=f.kategori("x"))
    f.daftarkan(orang=orang, kode="i", penilai=users["petugas"])
    with pytest.raises(ValidationError):
        ajukan(users, orang, kategori=f.kategori("x"))  # registered, but in another category
    assert ajukan(users, orang, kategori=f.kategori("i")).registrasi.kategori.kode == "i"


def test_b1_kelompok_only_for_permodalan_usaha(users, wil, aturan):
    """PCT 7a / 9a: biaya hidup is for a person or family; a group gets permodalan usaha."""
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=f.buat_orang(desa=wil["desa1"]))
    f.daftarkan(kode="x", penilai=users["petugas"], kelompok=kel)
    with pytest.raises(ValidationError) as e:
        ajukan(users, kel, jenis=BH)
    assert "Pasal 9 huruf a" in pesan(e)
    assert ajukan(users, kel, jenis=PU, jumlah=3_000_000).pemohon_jenis == "kelompok"


def test_b1_lurah_acknowledgment_required_for_biaya_hidup(users, orang, aturan):
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, nama_lurah="", tanggal_diketahui_lurah=None)
    assert "Lurah/Kepala Desa" in pesan(e)


def test_b1_unknown_jenis_is_a_clear_message(users, orang, aturan):
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis="sembako")
    assert "Pasal 5" in pesan(e)


# --- B2: ceilings ------------------------------------------------------------------------


def test_b2_biaya_hidup_boundary_2000000_passes(users, orang, aturan):
    """B2 / PCT 6(1)a: Rp 2.000.000 passes."""
    assert ajukan(users, orang, jumlah=2_000_000).jumlah_diminta == Decimal("2000000")


def test_b2_biaya_hidup_boundary_2000001_fails_with_the_article(users, orang, aturan):
    """B2 / PCT 6(1)a: Rp 2.000.001 fails, citing the article."""
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jumlah=2_000_001)
    assert (
        "Melebihi batas biaya hidup Rp 2.000.000,00 per tahun anggaran "
        "(Perbup Pacitan 1/2018 Pasal 6 ayat (1) huruf a)." in e.value.messages
    )


def test_b2_permodalan_boundary(users, wil, aturan):
    """B2 / PCT 6(1)b: Rp 5.000.000 passes, Rp 5.000.001 fails."""
    a = penerima(desa=wil["desa1"], penilai=users["petugas"])
    b = penerima(desa=wil["desa1"], penilai=users["petugas"])
    assert ajukan(users, a, jenis=PU, jumlah=5_000_000)
    with pytest.raises(ValidationError) as e:
        ajukan(users, b, jenis=PU, jumlah=5_000_001)
    assert "Pasal 6 ayat (1) huruf b" in pesan(e)


def test_b2_pengobatan_7500001_fails_for_fakir_miskin(users, orang, aturan, faskes):
    """B2 / PCT 6(1)c.2: Rp 7.500.000 is the ceiling for a fakir miskin."""
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis=PB, jumlah=7_500_001)
    assert "Melebihi batas biaya pengobatan Rp 7.500.000,00" in pesan(e)
    assert "Pasal 6 ayat (1) huruf c angka 2" in pesan(e)
    assert ajukan(users, orang, jenis=PB, jumlah=7_500_000)


@pytest.mark.parametrize("kode", ["k", "u", "v", "d", "j", "l"])
def test_b2_pengobatan_7500001_passes_at_cost(users, wil, aturan, faskes, kode):
    """B2 / PCT 6(1)c.1, 6(2): gelandangan, korban bencana and PMKS T4 are paid at cost."""
    orang = penerima(desa=wil["desa1"], kode=kode, penilai=users["petugas"], lahir=_lahir(kode))
    p = ajukan(users, orang, jenis=PB, jumlah=7_500_001, biaya_tagihan=12_000_000)
    assert p.sesuai_biaya


def _lahir(kode):
    import datetime as dt

    return dt.date(2012, 1, 1) if kode == "d" else dt.date(1980, 5, 17)


def test_b2_pengobatan_never_above_the_invoice(users, wil, aturan, faskes):
    """B2 / PCT 6(1)c: even at cost, not one rupiah above the kuitansi."""
    orang = penerima(desa=wil["desa1"], kode="k", penilai=users["petugas"])
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis=PB, jumlah=9_000_001, biaya_tagihan=9_000_000)
    assert "kuitansi" in pesan(e)
    assert ajukan(users, orang, jenis=PB, jumlah=9_000_000, biaya_tagihan=9_000_000)


def test_b2_invoice_rule_also_in_the_database(users, orang, aturan, faskes):
    p = ajukan(users, orang, jenis=PB, jumlah=1_000_000)
    with pytest.raises(IntegrityError), transaction.atomic():
        Permohonan.objects.filter(pk=p.pk).update(jumlah_diminta=Decimal("1000001"))


def test_b2_ceiling_is_a_yearly_total_even_for_korban_bencana_alam(users, wil, aturan):
    """B2 reading + PCT 6(3): several applications allowed, the yearly total still capped."""
    korban = penerima(desa=wil["desa1"], kode="u", penilai=users["petugas"])
    ajukan(users, korban, jumlah=1_500_000)
    ajukan(users, korban, jumlah=500_000)  # total exactly Rp 2.000.000
    with pytest.raises(ValidationError) as e:
        ajukan(users, korban, jumlah=1)
    assert "sisa Rp 0,00" in pesan(e)


def test_b2_pengobatan_yearly_total_for_non_at_cost(users, wil, aturan, faskes):
    orang = penerima(desa=wil["desa1"], kode="u", penilai=users["petugas"])
    # korban bencana alam is at cost: no yearly total for pengobatan
    ajukan(users, orang, jenis=PB, jumlah=7_000_000)
    ajukan(users, orang, jenis=PB, jumlah=7_000_000)


# --- B3: once per TA ---------------------------------------------------------------------


def test_b3_second_biaya_hidup_in_one_ta_fails(users, orang, aturan):
    """B3 / PCT 6(3): one biaya hidup per recipient per TA."""
    ajukan(users, orang, jumlah=1_000_000)
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jumlah=500_000)
    assert "Pasal 6 ayat (3)" in pesan(e)
    assert Permohonan.objects.count() == 1


def test_b3_second_for_korban_bencana_alam_passes(users, wil, aturan):
    """B3 / PCT 6(3): korban bencana alam may receive more than once."""
    korban = penerima(desa=wil["desa1"], kode="u", penilai=users["petugas"])
    a = ajukan(users, korban, jumlah=1_000_000)
    b = ajukan(users, korban, jumlah=1_000_000)
    assert a.kunci_sekali_setahun is None and b.kunci_sekali_setahun is None


def test_b3_refused_application_does_not_block_a_new_one(users, orang, aturan, pagu):
    p = ajukan(users, orang, jumlah=1_000_000)
    ke_status(users, p, "terverifikasi")
    sv.permohonan_tolak(permohonan=p, oleh=users["kadis"], alasan="Tidak layak.")
    p.refresh_from_db()
    assert p.status == "ditolak" and p.kunci_sekali_setahun is None
    assert ajukan(users, orang, jumlah=2_000_000).status == "diajukan"


def test_b3_withdrawn_application_does_not_block_a_new_one(users, orang, aturan):
    p = ajukan(users, orang, jumlah=2_000_000)
    sv.permohonan_batalkan(permohonan=p, oleh=users["op_desa"], alasan="Salah data.")
    assert ajukan(users, orang, jumlah=2_000_000)


def test_b3_other_jenis_and_other_year_pass_per_jenis(users, orang, aturan):
    ajukan(users, orang, jumlah=1_000_000)
    ajukan(users, orang, jenis=PU, jumlah=1_000_000)
    ajukan(users, orang, jumlah=1_000_000, tahun_anggaran=TA + 1)


def test_b3_scope_semua_jenis_setting(users, orang, aturan):
    """B3 reading is configurable: one bansos of any jenis per TA."""
    aturan.sekali_setahun_lingkup = AturanTahunan.Lingkup.SEMUA_JENIS
    aturan.save()
    p = ajukan(users, orang, jumlah=1_000_000)
    assert p.kunci_sekali_setahun.endswith(":*")
    with pytest.raises(ValidationError) as e:
        ajukan(users, orang, jenis=PU, jumlah=1_000_000)
    assert "permohonan bansos pada tahun anggaran" in pesan(e)


def test_b3_is_a_database_constraint(users, orang, aturan):
    """B3 holds even if the Python check is bypassed: the unique key refuses the row."""
    p = ajukan(users, orang, jumlah=1_000_000)
    kembar = Permohonan.objects.get(pk=p.pk)
    kembar.pk = None
    kembar.nomor = "TMP-kembar"
    kembar._state.adding = True
    with pytest.raises(IntegrityError), transaction.atomic():
        kembar.save()


def test_b3_kelompok_key_differs_from_person_key(users, wil, aturan):
    ketua = penerima(desa=wil["desa1"], penilai=users["petugas"])
    kel = f.buat_kelompok(desa=wil["desa1"], ketua=ketua)
    f.daftarkan(kode="x", penilai=users["petugas"], kelompok=kel)
    a = ajukan(users, ketua, jenis=PU, jumlah=1_000_000)
    b = ajukan(users, kel, jenis=PU, jumlah=1_000_000)
    assert a.penerima_kunci == f"p:{ketua.pk}" and b.penerima_kunci == f"k:{kel.pk}"


def test_faskes_not_active_refused(users, orang, aturan):
    fk = buat_faskes(nama="Puskesmas Tutup")
    fk.aktif = False
    fk.save()
    with pytest.raises(ValidationError):
        ajukan(users, orang, jenis=PB, jumlah=100_000, faskes=fk)
