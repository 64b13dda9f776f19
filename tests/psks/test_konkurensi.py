"""S3 under concurrency (PostgreSQL, real threads): two officers recording the same next
stage at once give one stage row and one clear refusal, never two rows or a 500."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from ppks.kategori import sinkronkan
from ppks.models import KategoriPMKS, KriteriaPMKS
from psks import services
from psks.models import KasusRehabilitasi, TahapRehabilitasi

from . import bantu as b


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_s3_tahap_bersamaan_hanya_sekali(users, wil):
    # A transactional test before this one may have flushed the migration-seeded categories.
    sinkronkan(KategoriPMKS, KriteriaPMKS)
    u = users["petugas"]
    orang = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=u)
    kasus = services.rehabilitasi_buat(
        klien=orang,
        sasaran="b",
        setting="keluarga",
        bentuk=["a"],
        pekerja=b.psp(),
        program=b.program("rehabilitasi"),
        tanggal_mulai=b.hari(-5),
        oleh=u,
    )
    mulai = threading.Barrier(4)
    hasil = []

    def catat():
        try:
            mulai.wait()
            services.rehabilitasi_tahap_catat(
                kasus=KasusRehabilitasi.objects.get(pk=kasus.pk),
                tahap="pendekatan_awal",
                tanggal=b.hari(-1),
                oleh=u,
            )
            hasil.append("ok")
        except ValidationError as e:
            hasil.append(" ".join(e.messages))
        finally:
            connection.close()

    threads = [threading.Thread(target=catat) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert hasil.count("ok") == 1, hasil
    assert all("sudah dicatat" in h for h in hasil if h != "ok"), hasil
    assert TahapRehabilitasi.objects.filter(kasus=kasus).count() == 1
