"""psks.demo.muat: idempotent, and it sets up the issue's 'done when' path."""

import io

import pytest

from psks import demo, services
from psks.models import (
    KasusRehabilitasi,
    Lembaga,
    Lisensi,
    PermintaanLayanan,
    Rujukan,
    Status,
    TenagaSosial,
)
from psks.selectors import peringatan_kedaluwarsa

from . import bantu as b

pytestmark = pytest.mark.django_db


def test_demo_tanpa_ppks_dilewati_dengan_sopan(users):
    out = io.StringIO()
    demo.muat(out)
    assert "dilewati" in out.getvalue()
    assert TenagaSosial.objects.count() == 5 and Lembaga.objects.count() == 2
    assert not PermintaanLayanan.objects.exists()


def test_demo_idempoten_dan_alur_selesai(users, wil):
    orang = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=users["petugas"])
    demo.muat(io.StringIO())
    hitung = [
        m.objects.count()
        for m in (TenagaSosial, Lisensi, Lembaga, PermintaanLayanan, Rujukan, KasusRehabilitasi)
    ]
    demo.muat(io.StringIO())
    assert hitung == [
        m.objects.count()
        for m in (TenagaSosial, Lisensi, Lembaga, PermintaanLayanan, Rujukan, KasusRehabilitasi)
    ]
    assert hitung == [5, 6, 2, 1, 1, 1]

    kasus = KasusRehabilitasi.objects.get()
    assert kasus.klien == orang and kasus.sasaran == "b"  # lanjut usia telantar
    assert kasus.pekerja.nama.startswith("Siti")
    assert list(kasus.tahap.values_list("tahap", flat=True)) == KasusRehabilitasi.URUTAN[:3]
    assert kasus.rujukan is not None
    assert kasus.rujukan.status == Rujukan.StatusRujukan.DITERIMA
    assert Lembaga.objects.get(jenis="lks").akreditasi.exists()

    nama = {(w["objek"].nama.split()[0], w["kelas"]) for w in peringatan_kedaluwarsa()}
    assert nama == {("Budi", "err"), ("Dewi", "warn")}

    # The rest of the path, as a clerk would follow it from the demo data.
    for i, tahap in enumerate(KasusRehabilitasi.URUTAN[3:]):
        services.rehabilitasi_tahap_catat(
            kasus=kasus, tahap=tahap, tanggal=b.hari(-6 + i), oleh=users["op_desa"]
        )
    kasus.refresh_from_db()
    assert kasus.status == Status.SELESAI
    assert kasus.rujukan is not None
    assert kasus.rujukan.status == Rujukan.StatusRujukan.SELESAI
    assert kasus.rujukan.permintaan.status == PermintaanLayanan.StatusPermintaan.SELESAI
