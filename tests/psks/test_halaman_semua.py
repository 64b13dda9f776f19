"""Every page of the app renders (GET) for the roles that may open it."""

from decimal import Decimal

import pytest
from django.urls import reverse

from psks import services
from psks.models import Akreditasi, KlienLembaga, Lisensi, Pelatihan
from tests import factories as f

from . import bantu as b

pytestmark = pytest.mark.django_db


@pytest.fixture
def semua(wil, users):
    u = users["petugas"]
    miskin = b.ppks(desa=wil["desa1"], kriteria="kemiskinan", penilai=u)
    telantar = b.ppks(desa=wil["desa1"], kriteria="keterlantaran", penilai=u)
    pekerja = b.psp()
    Pelatihan.objects.create(
        tenaga=pekerja, nama="Bimtek", standar="a", penyelenggara="Kemensos",
        tanggal_mulai=b.hari(-9), tanggal_selesai=b.hari(-8),
    )  # fmt: skip
    lem = b.lks(desa=wil["desa1"])
    Akreditasi.objects.create(
        lembaga=lem, peringkat="A", tahun=2024, pemberi="BALKS", berlaku_sampai=b.hari(900)
    )
    kl = KlienLembaga.objects.create(lembaga=lem, klien=telantar, tanggal_masuk=b.hari(-3))
    kasus = services.rehabilitasi_buat(
        klien=telantar, sasaran="b", setting="lks", lembaga=lem, bentuk=["b"], pekerja=pekerja,
        program=b.program("rehabilitasi"), tanggal_mulai=b.hari(-5), oleh=u,
    )  # fmt: skip
    services.rehabilitasi_tahap_catat(
        kasus=kasus, tahap="pendekatan_awal", tanggal=b.hari(-4), oleh=u
    )
    jam = services.jaminan_buat(
        klien=miskin, bentuk="bantuan_langsung_berkelanjutan", program=b.program("jaminan"),
        tanggal_mulai=b.hari(-5), nominal=Decimal(300000), oleh=u,
    )  # fmt: skip
    services.jaminan_tahap_catat(jaminan=jam, tahap="persiapan", tanggal=b.hari(-4), oleh=u)
    kk = f.buat_keluarga(desa=wil["desa1"], kepala=miskin)
    f.daftarkan(keluarga=kk, kode="x", penilai=u)
    pemb = services.pemberdayaan_buat(
        keluarga=kk, cara=["a"], bentuk=["2a"], kriteria=["a"],
        program=b.program("pemberdayaan"), tanggal_mulai=b.hari(-2), oleh=u,
    )  # fmt: skip
    perl = services.perlindungan_buat(
        klien=telantar, jenis="a", bentuk=["f", "b"], program=b.program("perlindungan"),
        tanggal_mulai=b.hari(-2), tanggal_selesai=b.hari(-1), oleh=u,
    )  # fmt: skip
    ps = services.peran_serta_buat(
        nama_kegiatan="Bimtek LKS", lembaga=lem, kriteria=["a", "b"], cara=["b"], bentuk=["3b"],
        program=b.program("peran_serta"), tanggal_mulai=b.hari(-2), oleh=u,
    )  # fmt: skip
    p = services.slrt_permintaan_catat(
        klien=miskin, saluran="telepon", tanggal=b.hari(-3), uraian="x", kebutuhan=["bansos"],
        oleh=u,
    )  # fmt: skip
    r = services.slrt_rujuk(permintaan=p, tujuan="bansos", tanggal=b.hari(-2), oleh=u)
    izin = pekerja.lisensi.get(jenis=Lisensi.Jenis.IZIN_PRAKTIK)
    prog = b.program("rehabilitasi")
    return locals()


def halaman(s):
    return [
        reverse("psks:sdm_detail", args=[s["pekerja"].pk]),
        reverse("psks:sdm_ubah", args=[s["pekerja"].pk]),
        reverse("psks:lisensi_baru", args=[s["pekerja"].pk]),
        reverse("psks:pelatihan_baru", args=[s["pekerja"].pk]),
        reverse("psks:lisensi_cabut", args=[s["izin"].pk]),
        reverse("psks:lembaga_detail", args=[s["lem"].pk]),
        reverse("psks:lembaga_ubah", args=[s["lem"].pk]),
        reverse("psks:akreditasi_baru", args=[s["lem"].pk]),
        reverse("psks:klien_lembaga_baru", args=[s["lem"].pk]),
        reverse("psks:klien_lembaga_keluar", args=[s["kl"].pk]),
        reverse("psks:program_ubah", args=[s["prog"].pk]),
        reverse("psks:peran_serta_list"),
        reverse("psks:peran_serta_baru"),
        reverse("psks:peran_serta_detail", args=[s["ps"].pk]),
        reverse("psks:rehab_detail", args=[s["kasus"].pk]),
        reverse("psks:rehab_tugaskan", args=[s["kasus"].pk]),
        reverse("psks:rehab_hentikan", args=[s["kasus"].pk]),
        reverse("psks:jaminan_baru") + f"?klien={s['miskin'].pk}",
        reverse("psks:jaminan_detail", args=[s["jam"].pk]),
        reverse("psks:jaminan_hentikan", args=[s["jam"].pk]),
        reverse("psks:pemberdayaan_baru"),
        reverse("psks:pemberdayaan_detail", args=[s["pemb"].pk]),
        reverse("psks:pemberdayaan_selesai", args=[s["pemb"].pk]),
        reverse("psks:pemberdayaan_hentikan", args=[s["pemb"].pk]),
        reverse("psks:perlindungan_baru"),
        reverse("psks:perlindungan_detail", args=[s["perl"].pk]),
        reverse("psks:perlindungan_perpanjang", args=[s["perl"].pk]),
        reverse("psks:perlindungan_selesai", args=[s["perl"].pk]),
        reverse("psks:slrt_detail", args=[s["p"].pk]),
        reverse("psks:slrt_kebutuhan", args=[s["p"].pk]),
        reverse("psks:slrt_rujuk", args=[s["p"].pk]),
        reverse("psks:slrt_tutup", args=[s["p"].pk]),
        reverse("psks:rujukan_terima", args=[s["r"].pk]),
        reverse("psks:rujukan_selesai", args=[s["r"].pk]),
        reverse("psks:rujukan_tolak", args=[s["r"].pk]),
        reverse("psks:orang", args=[s["miskin"].pk]),
        reverse("psks:orang", args=[s["telantar"].pk]),
        "/",
    ]


def test_semua_halaman_tampil_untuk_petugas(client_for, users, semua):
    c = client_for(users["petugas"])
    for url in halaman(semua):
        resp = c.get(url)
        assert resp.status_code == 200, url


def test_halaman_lihat_untuk_operator_desa(client_for, users, semua):
    c = client_for(users["op_desa"])
    for nama, obj in [
        ("psks:rehab_detail", "kasus"),
        ("psks:jaminan_detail", "jam"),
        ("psks:pemberdayaan_detail", "pemb"),
        ("psks:perlindungan_detail", "perl"),
        ("psks:lembaga_detail", "lem"),
    ]:
        assert c.get(reverse(nama, args=[semua[obj].pk])).status_code == 200, nama
    assert c.get(reverse("psks:peran_serta_detail", args=[semua["ps"].pk])).status_code == 403
    c = client_for(users["op_desa_lain"])
    for nama, obj in [
        ("psks:jaminan_detail", "jam"),
        ("psks:pemberdayaan_detail", "pemb"),
        ("psks:perlindungan_detail", "perl"),
    ]:
        assert c.get(reverse(nama, args=[semua[obj].pk])).status_code == 404, nama
    isi = c.get(reverse("psks:lembaga_detail", args=[semua["lem"].pk])).content.decode()
    assert semua["telantar"].nama not in isi  # another desa's clients are not shown
