"""The shared steps of `psks.services.alur` every kind of service is created through."""

import pytest
from django.contrib.contenttypes.models import ContentType

from dinsos.models import Riwayat
from psks.models import PeranSerta, Status
from psks.services import PERAN_SERTA
from psks.services.alur import Awal, layanan_baru

from . import bantu as b

pytestmark = pytest.mark.django_db


def test_layanan_baru_mengisi_kolom_bersama_dan_mencatat_riwayat(wil, users):
    prog = b.program("peran_serta")
    lembaga = b.lks(desa=wil["desa1"])
    awal: Awal = {"program": prog, "tanggal_mulai": b.hari(-5)}  # no catatan: stored as ""
    k = layanan_baru(
        PERAN_SERTA,
        awal,
        oleh=users["kadis"],
        nama_kegiatan="Bimtek",
        lembaga=lembaga,
        kriteria=["a"],
    )
    k = PeranSerta.objects.get(pk=k.pk)
    assert (k.program, k.tanggal_mulai, k.catatan) == (prog, b.hari(-5), "")
    assert k.dibuat_oleh == users["kadis"] and k.lembaga == lembaga
    assert k.status == Status.AKTIF
    r = Riwayat.objects.get(
        content_type=ContentType.objects.get_for_model(PeranSerta), object_id=str(k.pk)
    )
    assert r.aksi == Riwayat.Aksi.BUAT and "nama_kegiatan" in r.perubahan


def test_layanan_baru_menyimpan_catatan(wil, users):
    prog = b.program("peran_serta")
    awal: Awal = {"program": prog, "tanggal_mulai": b.hari(-1), "catatan": "Angkatan I"}
    k = layanan_baru(
        PERAN_SERTA,
        awal,
        oleh=users["kadis"],
        nama_kegiatan="Bimtek",
        tenaga=b.tenaga(),
        kriteria=["a"],
    )
    assert PeranSerta.objects.get(pk=k.pk).catatan == "Angkatan I"
