"""The B4 table (`bansos.alur`) and the rules-as-data read/write split (`bansos.aturan`)."""

import pytest

from bansos import alur, kelayakan
from bansos.aturan import aturan_tetapkan
from bansos.errors import AturanBelumDitetapkan, LangkahTidakSah
from bansos.models import AturanTahunan, JenisBansos
from bansos.models import StatusPermohonan as S
from dinsos.akses import Izin
from tests.bansos.conftest import TA, ajukan

pytestmark = pytest.mark.django_db


def test_every_status_but_the_ends_waits_for_exactly_one_step():
    """The inbox and the "waiting for" text need one awaited step per open status."""
    menunggu = [s for L in alur.LANGKAH.values() if L.menunggu for s in L.dari]
    assert sorted(menunggu) == sorted(set(menunggu))
    assert set(menunggu) | set(alur.AKHIR) == set(S.values)


def test_every_target_and_capability_is_known():
    izin = {v for k, v in vars(Izin).items() if k.isupper()}
    for L in alur.LANGKAH.values():
        assert set(L.ke) <= set(S.values)
        assert all(w.izin in izin and set(w.dari) <= set(S.values) for w in L.wewenang)


@pytest.mark.parametrize(
    ("peran", "status"),
    [
        ("op_desa", [S.DIKEMBALIKAN]),
        ("petugas", [S.DIKEMBALIKAN]),
        ("op_kec", [S.DIAJUKAN]),
        ("verifikator", [S.MENUNGGU_VERIFIKASI]),
        ("kadis", [S.TERVERIFIKASI, S.DIREKOMENDASIKAN]),
        ("bendahara", [S.DIAJUKAN_PENCAIRAN]),
        ("admin", []),
    ],
)
def test_inbox_statuses_come_from_the_table(users, peran, status):
    assert sorted(alur.status_kotak_masuk(users[peran])) == sorted(status)


def test_a_service_cannot_move_a_status_the_table_does_not_allow():
    alur.pastikan_ke("ketahui", S.MENUNGGU_VERIFIKASI)
    with pytest.raises(ValueError):
        alur.pastikan_ke("ketahui", S.DICAIRKAN)


def test_periksa_returns_the_share_that_applies(users, orang, aturan):
    p = ajukan(users, orang)
    assert alur.periksa("kembalikan", p, users["op_kec"]).izin == Izin.BANSOS_KETAHUI
    with pytest.raises(LangkahTidakSah) as e:
        alur.periksa("kembalikan", p, users["verifikator"])
    assert e.value.code == "status"
    assert "mengembalikan permohonan hanya dapat dilakukan pada status" in e.value.message


def test_keterangan_status_names_the_article_of_the_jenis(users, orang, aturan):
    p = ajukan(users, orang, jenis=JenisBansos.PERMODALAN_USAHA)
    assert alur.keterangan_status(p).endswith("(Perbup Pacitan 1/2018 Pasal 9 huruf a).")


def test_reading_rules_never_writes(db):
    sebelum = AturanTahunan.objects.count()
    with pytest.raises(AturanBelumDitetapkan):
        AturanTahunan.baca(TA + 9)
    assert AturanTahunan.objects.count() == sebelum
    assert aturan_tetapkan(TA + 9) == AturanTahunan.baca(TA + 9)


def test_b3_key_is_derived_by_the_eligibility_module(users, orang, aturan):
    p = ajukan(users, orang)
    assert kelayakan.kunci_sekali_setahun(p) == f"p:{orang.pk}:{TA}:{p.jenis}"
    assert not kelayakan.lainnya_terhitung(p).exists()
