"""B8: recommendations never exceed the pagu of the TA and jenis (sum over its sources)."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bansos import services as sv
from bansos.aturan import pagu_sisa, pagu_terpakai, pagu_total
from bansos.errors import AturanDilanggar
from bansos.models import JenisBansos, SumberDana
from tests.bansos.conftest import TA, ajukan, buat_pagu, ke_status, penerima

pytestmark = pytest.mark.django_db
BH = JenisBansos.BIAYA_HIDUP


def _terverifikasi(users, wil, n, jumlah=2_000_000):
    hasil = []
    for _ in range(n):
        orang = penerima(desa=wil["desa1"], penilai=users["petugas"])
        hasil.append(ke_status(users, ajukan(users, orang, jumlah=jumlah), "terverifikasi"))
    return hasil


def _rekomendasi(users, p, jumlah=2_000_000):
    return sv.permohonan_rekomendasi(
        permohonan=p, oleh=users["kadis"], layak=True, jumlah=jumlah, nomor_surat="460/9"
    )


def test_b8_exact_pagu_passes_one_rupiah_more_fails(users, wil, aturan):
    buat_pagu(BH, 3_000_000, sumber=SumberDana.APBD)
    buat_pagu(BH, 1_000_000, sumber=SumberDana.APBD_PROVINSI)  # sources add up
    a, b, c = _terverifikasi(users, wil, 3)
    _rekomendasi(users, a, 2_000_000)
    _rekomendasi(users, b, 2_000_000)  # total exactly Rp 4.000.000
    with pytest.raises(AturanDilanggar) as e:
        _rekomendasi(users, c, 1)
    assert e.value.code == "b8_pagu" and "tinggal Rp 0,00" in e.value.message
    c.refresh_from_db()
    assert c.status == "terverifikasi"
    assert pagu_total(TA, BH) == Decimal("4000000")
    assert pagu_terpakai(TA, BH) == Decimal("4000000")
    assert pagu_sisa(TA, BH) == 0


def test_b8_no_pagu_no_recommendation(users, wil, aturan):
    (p,) = _terverifikasi(users, wil, 1)
    with pytest.raises(AturanDilanggar) as e:
        _rekomendasi(users, p)
    assert e.value.code == "b8_pagu_kosong"


def test_b8_refused_recommendation_uses_no_pagu(users, wil, aturan):
    buat_pagu(BH, 2_000_000)
    a, b = _terverifikasi(users, wil, 2)
    sv.permohonan_rekomendasi(permohonan=a, oleh=users["kadis"], layak=False, alasan="Mampu.")
    assert pagu_terpakai(TA, BH) == 0
    _rekomendasi(users, b)


def test_b8_pagu_is_per_jenis_and_year(users, wil, aturan):
    buat_pagu(BH, 2_000_000)
    buat_pagu(JenisBansos.PERMODALAN_USAHA, 0)
    buat_pagu(BH, 0, tahun=TA + 1)
    (p,) = _terverifikasi(users, wil, 1)
    _rekomendasi(users, p)
    assert pagu_terpakai(TA, JenisBansos.PERMODALAN_USAHA) == 0
    assert pagu_terpakai(TA + 1, BH) == 0


def test_b2_recommendation_not_above_the_amount_asked(users, wil, aturan):
    buat_pagu(BH, 10_000_000)
    (p,) = _terverifikasi(users, wil, 1, jumlah=1_000_000)
    with pytest.raises(AturanDilanggar):
        _rekomendasi(users, p, 1_000_001)


def test_b2_recommendation_checks_the_yearly_total_again(users, wil, aturan):
    """B2: a ceiling lowered by the Administrator applies to applications still undecided."""
    buat_pagu(BH, 10_000_000)
    (p,) = _terverifikasi(users, wil, 1, jumlah=2_000_000)
    aturan.batas_biaya_hidup = Decimal("1500000")
    aturan.save()
    with pytest.raises(ValidationError) as e:
        _rekomendasi(users, p, 2_000_000)
    assert "Rp 1.500.000,00" in " ".join(e.value.messages)
    _rekomendasi(users, p, 1_500_000)
