"""Concurrency on PostgreSQL with real threads: B3 (once per TA), B2 (yearly total) and B8
(pagu) hold when officers act at the same moment.

Each thread has its own database connection and closes it; a barrier starts them together.
The first test shows the database constraint alone is enough for B3 (the Python check and
the recipient lock are switched off); the others run the services as they are.
Without the pagu lock the B8 test fails (8 of 8 pass) — checked by hand when it was written.
"""

import threading
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from bansos import kelayakan
from bansos import services as sv
from bansos.aturan import aturan_tetapkan, pagu_terpakai
from bansos.models import JenisBansos, Permohonan
from tests.bansos.conftest import TA, ajukan, buat_pagu, ke_status, penerima

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("kategori_pmks"),
]


@pytest.fixture
def kategori_pmks(db):
    """A transactional test before this one may have flushed the migrated data: put the 26
    categories (R2) back; the year's rules are then set up by aturan_tetapkan()."""
    from ppks.kategori import sinkronkan
    from ppks.models import KategoriPMKS, KriteriaPMKS

    sinkronkan(KategoriPMKS, KriteriaPMKS)


def serentak(n, kerja):
    """Run kerja(i) in n threads started together; return (successes, domain errors)."""
    mulai = threading.Barrier(n)
    hasil, lock = [], threading.Lock()

    def jalan(i):
        try:
            mulai.wait()
            r = kerja(i)
        except ValidationError as e:
            r = e
        except Exception as e:  # noqa: BLE001 — a 500-class error must fail the test
            r = RuntimeError(repr(e))
        finally:
            connection.close()
        with lock:
            hasil.append(r)

    threads = [threading.Thread(target=jalan, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert len(hasil) == n
    galat = [r for r in hasil if isinstance(r, RuntimeError)]
    assert not galat, galat
    ok = [r for r in hasil if not isinstance(r, Exception)]
    ditolak = [r for r in hasil if isinstance(r, ValidationError)]
    return ok, ditolak


def test_b3_twenty_threads_same_recipient_leave_exactly_one(users, orang):
    """B3 / PCT 6(3): 20 simultaneous submissions for one recipient, jenis and TA → one row."""
    aturan_tetapkan(TA)
    ok, ditolak = serentak(20, lambda i: ajukan(users, orang, jumlah=100_000 + i))
    assert len(ok) == 1 and len(ditolak) == 19
    assert Permohonan.objects.filter(perseorangan=orang).count() == 1
    assert all("Pasal 6 ayat (3)" in " ".join(e.messages) for e in ditolak)


def test_b3_the_database_constraint_alone_holds(users, orang, monkeypatch):
    """With the Python check and the recipient lock disabled, the conditional unique
    constraint still leaves one row — and the losers get the B3 message, not a 500."""
    aturan_tetapkan(TA)
    monkeypatch.setattr(kelayakan, "_cek_sekali_setahun", kelayakan.siapkan)
    monkeypatch.setattr(kelayakan, "kunci_penerima", lambda p: None)
    ok, ditolak = serentak(20, lambda i: ajukan(users, orang, jumlah=50_000))
    assert len(ok) == 1
    assert Permohonan.objects.filter(perseorangan=orang).count() == 1
    assert all("Pasal 6 ayat (3)" in " ".join(e.messages) for e in ditolak)


def test_b2_yearly_total_under_concurrency_for_korban_bencana_alam(users, wil):
    """B2 + PCT 6(3): korban bencana alam may apply many times, but 20 simultaneous
    Rp 500.000 applications fit the Rp 2.000.000 yearly ceiling exactly four times."""
    aturan_tetapkan(TA)
    korban = penerima(desa=wil["desa1"], kode="u", penilai=users["petugas"])
    ok, ditolak = serentak(20, lambda i: ajukan(users, korban, jumlah=500_000))
    assert len(ok) == 4 and len(ditolak) == 16
    total = sum(p.jumlah_diminta for p in Permohonan.objects.filter(perseorangan=korban))
    assert total == Decimal("2000000")


def test_b8_parallel_recommendations_never_exceed_the_pagu(users, wil):
    """B8: pagu Rp 10.000.000, 8 officers' recommendations of Rp 2.000.000 at once → 5 pass."""
    aturan_tetapkan(TA)
    buat_pagu(JenisBansos.BIAYA_HIDUP, 10_000_000)
    daftar = []
    for _ in range(8):
        orang = penerima(desa=wil["desa1"], penilai=users["petugas"])
        daftar.append(ke_status(users, ajukan(users, orang, jumlah=2_000_000), "terverifikasi"))

    def rekomendasi(i):
        return sv.permohonan_rekomendasi(
            permohonan=daftar[i].pk,
            oleh=users["kadis"],
            layak=True,
            jumlah=2_000_000,
            nomor_surat=f"460/{i}",
        )

    ok, ditolak = serentak(8, rekomendasi)
    assert len(ok) == 5 and len(ditolak) == 3
    assert all(e.code == "b8_pagu" for e in ditolak)
    assert pagu_terpakai(TA, JenisBansos.BIAYA_HIDUP) == Decimal("10000000")
    assert Permohonan.objects.filter(status="direkomendasikan").count() == 5


def test_b4_two_bendahara_clicks_pay_once(users, orang):
    """B4: the same disbursement recorded twice at once → one Pencairan, one clear refusal."""
    from bansos.models import Pencairan
    from tests.bansos.conftest import cair_default

    aturan_tetapkan(TA)
    buat_pagu(JenisBansos.BIAYA_HIDUP, 10_000_000)
    p = ke_status(users, ajukan(users, orang, jumlah=1_000_000), "diajukan_pencairan")
    ok, ditolak = serentak(5, lambda i: cair_default(users, Permohonan.objects.get(pk=p.pk)))
    assert len(ok) == 1 and len(ditolak) == 4
    assert Pencairan.objects.filter(permohonan=p).count() == 1
