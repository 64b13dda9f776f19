"""S1, S2: the PSKS registry — qualifications, licences valid on the day, expiry warnings."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings

from dinsos.models import Riwayat
from psks import aturan, services
from psks.models import Akreditasi, Lembaga, Lisensi, TenagaSosial
from psks.selectors import (
    filter_status_praktik,
    peringatan_kedaluwarsa,
    status_praktik,
    tenaga_dengan_status,
)

from . import bantu as b

pytestmark = pytest.mark.django_db


def _prefetched(t):
    return TenagaSosial.objects.prefetch_related("lisensi").get(pk=t.pk)


def test_s1_pengalaman_wajib_dan_pendidikan_psp(users):
    """S1 / ASH 34–37: every worker records experience; a PSP also education (ASH 35(1))."""
    t = TenagaSosial(nama="Tanpa Pengalaman", jenis=TenagaSosial.PSP, asal="swasta")
    with pytest.raises(ValidationError) as e:
        services.tenaga_simpan(tenaga=t, oleh=users["petugas"])
    assert "pengalaman" in e.value.message_dict
    assert "pendidikan_terakhir" in e.value.message_dict
    assert "Pasal 35 ayat (1)" in " ".join(e.value.message_dict["pendidikan_terakhir"])


def test_s1_tenaga_simpan_mencatat_riwayat(users):
    t = TenagaSosial(
        nama="Relawan Baru", jenis="relawan_sosial", asal="masyarakat", pengalaman="Tagana"
    )
    services.tenaga_simpan(tenaga=t, oleh=users["kadis"])
    t.instansi = "Tagana Kabupaten"
    services.tenaga_simpan(tenaga=t, oleh=users["kadis"])
    aksi = list(
        Riwayat.objects.filter(object_id=str(t.pk), objek__startswith="Relawan Baru")
        .order_by("pk")
        .values_list("aksi", flat=True)
    )
    assert aksi == ["buat", "ubah"]


@pytest.mark.parametrize("peran", ["op_desa", "op_kec", "verifikator", "bendahara"])
def test_s1_kelola_psks_hanya_peran_dinas(users, peran):
    t = TenagaSosial(nama="X", jenis="relawan_sosial", asal="masyarakat", pengalaman="ada")
    with pytest.raises(PermissionDenied):
        services.tenaga_simpan(tenaga=t, oleh=users[peran])


def test_s2_lisensi_hanya_untuk_psp(users):
    """S2: certificates and izin praktik belong to a Pekerja Sosial Profesional only."""
    relawan = b.tenaga(jenis="relawan_sosial")
    lis = Lisensi(
        tenaga=relawan,
        jenis=Lisensi.Jenis.IZIN_PRAKTIK,
        nomor="IP-1",
        penerbit="Kemensos",
        tanggal_terbit=b.hari(-1),
        berlaku_sampai=b.hari(100),
    )
    with pytest.raises(ValidationError, match="aturan S2"):
        services.lisensi_tambah(lisensi=lis, oleh=users["petugas"])


def test_s2_berlaku_pada_hari_itu():
    """S2 / ASH 35(3): certificate AND izin praktik, both valid on the day."""
    t = _prefetched(b.psp(izin_sampai=b.hari(10)))
    assert aturan.masalah_praktik(t, b.hari()) == []
    assert aturan.masalah_praktik(t, b.hari(10)) == []
    masalah = aturan.masalah_praktik(t, b.hari(11))
    assert len(masalah) == 1 and "izin praktik" in masalah[0] and "telah berakhir" in masalah[0]


def test_s2_tanpa_sertifikat_tidak_boleh_praktik():
    t = _prefetched(b.psp(sertifikat=False))
    with pytest.raises(ValidationError) as e:
        aturan.cek_boleh_praktik(t, b.hari(), untuk="Penugasan")
    assert "s2_izin_praktik" in b.kode(e.value)
    assert "belum memiliki sertifikat kompetensi" in e.value.messages[0]
    assert "Pasal 35 ayat (3)" in e.value.messages[0]


def test_s2_izin_dicabut_dan_belum_terbit():
    t = b.psp()
    izin = t.lisensi.get(jenis=Lisensi.Jenis.IZIN_PRAKTIK)
    izin.dicabut_pada = b.hari(-1)
    izin.alasan_cabut = "Dibekukan"
    izin.save()
    assert "dicabut" in aturan.masalah_praktik(_prefetched(t), b.hari())[0]
    baru = _prefetched(b.psp(izin_terbit=b.hari(5)))
    assert "baru berlaku sejak" in aturan.masalah_praktik(baru, b.hari())[0]


def test_s2_bukan_psp_dan_tidak_aktif():
    relawan = _prefetched(b.tenaga(jenis="relawan_sosial"))
    assert "bukan Pekerja Sosial Profesional" in aturan.masalah_praktik(relawan, b.hari())[0]
    t = b.psp()
    t.aktif = False
    t.save()
    assert "tidak lagi aktif" in aturan.masalah_praktik(_prefetched(t), b.hari())[0]


def test_s2_lisensi_cabut_lewat_service(users):
    t = b.psp()
    izin = t.lisensi.get(jenis=Lisensi.Jenis.IZIN_PRAKTIK)
    with pytest.raises(ValidationError):
        services.lisensi_cabut(lisensi=izin, tanggal=b.hari(), alasan=" ", oleh=users["petugas"])
    services.lisensi_cabut(
        lisensi=izin, tanggal=b.hari(), alasan="Sanksi organisasi profesi", oleh=users["petugas"]
    )
    assert aturan.masalah_praktik(_prefetched(t), b.hari())


def test_s2_status_dan_filter_praktik():
    sah = b.psp(nama="Sah")
    segera = b.psp(nama="Segera", izin_sampai=b.hari(30))
    habis = b.psp(nama="Habis", izin_sampai=b.hari(-1))
    b.tenaga(nama="Relawan")
    qs = tenaga_dengan_status()
    assert set(filter_status_praktik(qs, "berlaku").values_list("nama", flat=True)) == {
        "Sah",
        "Segera",
    }
    assert list(filter_status_praktik(qs, "akan_habis").values_list("nama", flat=True)) == [
        "Segera"
    ]
    assert list(filter_status_praktik(qs, "tidak_berlaku").values_list("nama", flat=True)) == [
        "Habis"
    ]
    st = {t.nama: status_praktik(t)["kode"] for t in qs}
    assert st == {"Sah": "berlaku", "Segera": "akan_habis", "Habis": "tidak_berlaku", "Relawan": ""}
    assert sah and segera and habis


def test_s2_peringatan_sebelum_kedaluwarsa():
    """S2: warn before expiry (60 days by default); a renewal already recorded silences it."""
    b.psp(nama="Sah")
    b.psp(nama="Segera", izin_sampai=b.hari(30))
    b.psp(nama="Habis", izin_sampai=b.hari(-1))
    diperpanjang = b.psp(nama="Diperpanjang", izin_sampai=b.hari(20))
    b.lisensi(diperpanjang, Lisensi.Jenis.IZIN_PRAKTIK, terbit=b.hari(21), sampai=b.hari(3 * 365))
    w = {(x["objek"].nama, x["kelas"]) for x in peringatan_kedaluwarsa()}
    assert w == {("Segera", "warn"), ("Habis", "err")}
    pertama = peringatan_kedaluwarsa()[0]
    assert pertama["objek"].nama == "Habis"  # the most urgent first


@override_settings(PSKS_PERINGATAN_HARI=10)
def test_s2_hari_peringatan_dapat_diatur():
    b.psp(nama="Segera", izin_sampai=b.hari(30))
    assert aturan.hari_peringatan() == 10
    assert peringatan_kedaluwarsa() == []


def test_s1_peringatan_akreditasi_dan_tanda_daftar(wil):
    lem = b.lks(desa=wil["desa1"], nama="Panti A")
    Akreditasi.objects.create(
        lembaga=lem,
        peringkat="B",
        tahun=b.hari().year - 4,
        pemberi="BALKS",
        berlaku_sampai=b.hari(-400),
    )
    Akreditasi.objects.create(
        lembaga=lem, peringkat="A", tahun=b.hari().year, pemberi="BALKS", berlaku_sampai=b.hari(45)
    )
    lain = b.lks(desa=wil["desa1"], nama="Panti B")
    lain.tanda_daftar_berlaku_sampai = b.hari(-3)
    lain.nomor_tanda_daftar = "460/1"
    lain.save()
    w = {(x["objek"].nama, x["jenis"][:10], x["kelas"]) for x in peringatan_kedaluwarsa()}
    assert w == {("Panti A", "Akreditasi", "warn"), ("Panti B", "Tanda daft", "err")}


def test_s1_lembaga_berbadan_hukum_wajib_akta(wil, users):
    lem = Lembaga(
        nama="Yayasan X", jenis="lks", alamat="Jl", desa=wil["desa1"], badan_hukum="yayasan"
    )
    with pytest.raises(ValidationError, match="akta"):
        services.lembaga_simpan(lembaga=lem, oleh=users["petugas"])
