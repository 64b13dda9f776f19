"""The demo's past Tahun Anggaran (laporan/demo.py): a whole year, made through the services and
breaking no rule (read back from the DB), whose rekapitulasi arrives through the background task
(a year worth printing)."""

import io
from collections import defaultdict
from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from bansos.aturan import aturan_tetapkan, pagu_total
from bansos.models import (
    STATUS_MEMAKAI_PAGU,
    STATUS_TIDAK_DIHITUNG,
    JenisBansos,
    Pencairan,
    PengajuanPencairan,
    Permohonan,
)
from dinsos.format import rupiah
from dinsos.models import Desa, Kecamatan, Riwayat, User
from ekspor.models import Ekspor
from laporan.demo import PENANDA
from ppks import nik as nikmod
from ppks.models import Perseorangan, Registrasi

from .conftest import teks_pdf

pytestmark = pytest.mark.django_db

TA = timezone.localdate().year - 1


@pytest.fixture
def demo():
    call_command("muat_wilayah", verbosity=0)
    call_command("muat_demo", verbosity=0)


def _hitung():
    return [m.objects.count() for m in (Perseorangan, Registrasi, Permohonan, Pencairan, Riwayat)]


def test_demo_ta_lalu_setahun_penuh_tanpa_melanggar_aturan_dan_rekapnya_tercetak(demo, client):
    tahun = Permohonan.objects.filter(tahun_anggaran=TA)
    cair = tahun.filter(status="dicairkan")

    # A whole year: 300-400 recipients, every kecamatan x jenis, every desa, every month.
    penerima = cair.values("penerima_kunci").distinct().count()
    assert 300 <= penerima <= 400, penerima
    kec = set(Kecamatan.objects.filter(kode__startswith="35.01.").values_list("kode", flat=True))
    pasangan = set(cair.values_list("jenis", "desa__kecamatan_id"))
    assert pasangan == {(j, k) for j in JenisBansos.values for k in kec}
    desa = set(Desa.objects.filter(kode__startswith="35.01.").values_list("kode", flat=True))
    assert set(cair.values_list("desa_id", flat=True)) == desa
    assert set(tahun.values_list("tanggal_permohonan__month", flat=True)) == set(range(1, 13))
    for p in cair.select_related("pencairan", "rekomendasi"):
        assert p.tanggal_permohonan.year == TA and p.pencairan.tanggal.year == TA
        assert p.tanggal_permohonan <= p.rekomendasi.tanggal <= p.pencairan.tanggal
    assert tahun.filter(status__in=STATUS_TIDAK_DIHITUNG).exists()  # a year has refusals too
    assert not tahun.exclude(status__in=["dicairkan", *STATUS_TIDAK_DIHITUNG]).exists()
    assert not PengajuanPencairan.objects.filter(tahun_anggaran=TA, status="diajukan").exists()

    aturan = aturan_tetapkan(TA)
    terhitung = tahun.exclude(status__in=STATUS_TIDAK_DIHITUNG).select_related("rekomendasi")
    bebas = set(aturan.kategori_bebas_sekali_setahun.values_list("pk", flat=True))
    sesuai_biaya = set(aturan.kategori_sesuai_biaya.values_list("pk", flat=True))

    # B3 / PCT 6(3): once per jenis per TA, korban bencana alam excepted.
    kali: defaultdict[tuple[str, str], int] = defaultdict(int)
    for p in terhitung:
        if p.kategori_id not in bebas:
            kali[(p.penerima_kunci, p.jenis)] += 1
    assert max(kali.values()) == 1
    assert (
        terhitung.filter(kategori__in=bebas)
        .values("penerima_kunci", "jenis")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .exists()
    ), "the demo shows the korban bencana alam exception"

    # B2 / PCT 6(1): yearly total per recipient and jenis within the ceiling; pengobatan never
    # above the invoice, and above the ceiling only for the at-cost categories.
    total: defaultdict[tuple[str, str], Decimal] = defaultdict(Decimal)
    for p in terhitung:
        jumlah = p.rekomendasi.jumlah
        if p.jenis == JenisBansos.PENGOBATAN:
            assert jumlah <= p.biaya_tagihan
            if p.kategori_id in sesuai_biaya:
                continue
        total[(p.penerima_kunci, p.jenis)] += jumlah
    for (_, jenis), jumlah in total.items():
        assert jumlah <= aturan.batas_untuk(jenis), (jenis, jumlah)

    # B8: what the year's recommendations took stays within the pagu of each jenis.
    for jenis in JenisBansos.values:
        dipakai = sum(
            p.rekomendasi.jumlah for p in tahun.filter(jenis=jenis, status__in=STATUS_MEMAKAI_PAGU)
        )
        assert 0 < dipakai <= pagu_total(TA, jenis), jenis

    # B6: the amount paid is the amount recommended, by the way the jenis demands.
    mode = {"biaya_hidup": {"tunai"}, "pengobatan": {"pemindahbukuan"}}
    for c in Pencairan.objects.filter(permohonan__tahun_anggaran=TA).select_related(
        "permohonan__rekomendasi"
    ):
        assert c.jumlah == c.permohonan.rekomendasi.jumlah
        assert c.mode in mode.get(c.permohonan.jenis, {"tunai", "transfer"})

    # R5 / R4: every NIK agrees with its holder; every registration within its bounds.
    for o in Perseorangan.objects.filter(nik__isnull=False):
        assert o.nik is not None and o.tanggal_lahir is not None
        info = nikmod.urai(o.nik)
        assert nikmod.tanggal_cocok(info, o.tanggal_lahir) and info.jenis_kelamin == o.jenis_kelamin
    for r in Registrasi.objects.filter(perseorangan__isnull=False).select_related(
        "kategori", "perseorangan"
    ):
        orang = r.perseorangan
        assert orang is not None
        r.kategori.cek_batas(
            tanggal_lahir=orang.tanggal_lahir,
            jenis_kelamin=orang.jenis_kelamin,
            pada=r.tanggal_asesmen,
        )

    # B9: every step of every application is in the history, as an officer's work would be.
    ct = ContentType.objects.get_for_model(Permohonan)
    langkah = dict(
        Riwayat.objects.filter(content_type=ct, aksi=Riwayat.Aksi.STATUS)
        .values_list("object_id")
        .annotate(n=Count("pk"))
    )
    for p in cair:
        assert langkah.get(str(p.pk), 0) >= 4, p.nomor  # verified … disbursed

    # The year's rekapitulasi, asked for on its page as the Kepala Dinas
    # would, comes back from the background task with a page for every jenis x kecamatan group.
    client.force_login(User.objects.get(username="kadis"))
    r = client.post(
        reverse("laporan:rekap"), {"tahun_anggaran": TA, "format": "pdf", "ukuran_kertas": "A4"}
    )
    e = Ekspor.objects.latest("pk")
    assert r.status_code == 302 and r["Location"] == reverse("ekspor:detail", args=[e.pk])
    assert client.get(r["Location"]).status_code == 200
    status = client.get(reverse("ekspor:status", args=[e.pk])).json()
    assert status["status"] == "selesai" and status["progres"] == 100, status
    isi = b"".join(client.get(status["url_unduh"]).streaming_content)
    halaman = PdfReader(io.BytesIO(isi)).pages
    teks = teks_pdf(isi)
    assert len(halaman) > 10 and f"Halaman 1 dari {len(halaman)}" in teks
    assert f"{cair.count()} penerima" in teks
    assert rupiah(sum(p.pencairan.jumlah for p in cair.select_related("pencairan"))) in teks
    for jenis in JenisBansos:
        for nama in Kecamatan.objects.filter(kode__in=kec).values_list("nama", flat=True):
            assert f"Jumlah {jenis.label} — Kecamatan {nama}" in teks, (jenis, nama)

    # Idempotent: the marker is there, and a second run adds nothing anywhere.
    assert tahun.filter(nomor_surat_permohonan__startswith=PENANDA).count() == tahun.count()
    sebelum = _hitung()
    call_command("muat_demo", verbosity=0)
    assert _hitung() == sebelum
