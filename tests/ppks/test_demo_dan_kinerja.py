"""Demo data is idempotent; the import keeps its pace (>= 1000 rows/s aimed)."""

import datetime as dt
import io
import time

import pytest

from dinsos.models import Riwayat
from ppks import demo, impor
from ppks.models import BerkasImpor, Kelompok, Keluarga, Komunitas, Perseorangan, Registrasi
from tests import factories as f

from .bantu import xlsx
from .test_impor import baris

pytestmark = pytest.mark.django_db


def test_demo_dua_kali_tanpa_galat_dan_tanpa_duplikat(users, wil):
    demo.muat(io.StringIO())
    hitung = [
        m.objects.count()
        for m in (Perseorangan, Registrasi, Keluarga, Kelompok, Komunitas, Riwayat)
    ]
    assert hitung[0] >= 35 and Perseorangan.objects.filter(nik__isnull=True).exists()
    assert Perseorangan.objects.filter(desa=wil["desa1"]).count() >= 10
    assert Kelompok.objects.exclude(nomor_rekening="").exists()
    assert set(Registrasi.objects.values_list("kategori__kode", flat=True)) >= set("xhiuk")
    demo.muat(io.StringIO())
    assert hitung == [
        m.objects.count()
        for m in (Perseorangan, Registrasi, Keluarga, Kelompok, Komunitas, Riwayat)
    ]


def test_impor_seribu_baris_cepat(users, wil):
    rows = []
    for i in range(1000):
        lahir = dt.date(1950, 1, 1) + dt.timedelta(days=i * 11)
        nik = f.buat_nik(lahir=lahir, urut=i + 1)
        rows.append(baris(nik=nik, lahir=lahir, nama=f"Warga {i}", desa="Widoro"))
    isi = xlsx(rows)
    mulai = time.perf_counter()
    hasil = impor.validasi(impor.baca_berkas(isi), users["petugas"])
    berkas = BerkasImpor.objects.create(
        pengguna=users["petugas"], nama_asli="x.xlsx", jenis="xlsx", ukuran=len(isi), sha256="0"
    )
    ringkas = impor.terapkan(hasil, oleh=users["petugas"], berkas=berkas, hanya_valid=False)
    lama = time.perf_counter() - mulai
    assert ringkas["dibuat"] == 1000 and ringkas["registrasi_baru"] == 1000
    # About 0.7 s here; the bound is loose so a slow CI machine does not fail it.
    assert lama < 5, f"impor 1000 baris {lama:.1f} detik"
