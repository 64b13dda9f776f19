"""The four letters of the bansos path: content, letterhead, amounts in words, and scope.

An operator of another desa gets 404 for each (the same answer as a record that does not
exist, dinsos.akses); every print is logged (docs/rules.md, section 4)."""

import pytest
from django.urls import reverse

from bansos.models import JenisBansos
from dinsos.models import Riwayat

from .conftest import penerima, sampai_dicairkan, teks_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def dicairkan(bansos_siap, wil):
    users = bansos_siap
    orang = penerima(desa=wil["desa1"], penilai=users["petugas"], nama="Sumarni Handayani")
    return sampai_dicairkan(users, orang, jumlah=1_750_000)


def _pdf(client, url):
    r = client.get(url)
    assert r.status_code == 200, r.content[:300]
    assert r["Content-Type"] == "application/pdf"
    assert r["Cache-Control"] == "no-store"
    return teks_pdf(r.content)


def test_surat_rekomendasi_memuat_kop_penerima_jumlah_dan_terbilang(client_for, users, dicairkan):
    teks = _pdf(
        client_for(users["kadis"]), reverse("laporan:surat_rekomendasi", args=[dicairkan.pk])
    )
    assert "PEMERINTAH KABUPATEN CONTOHJAYA" in teks
    assert "DINAS SOSIAL" in teks
    assert "Jl. Merdeka No. 17" in teks
    assert "Sumarni Handayani" in teks
    assert dicairkan.rekomendasi.nomor_surat in teks
    assert "Rp 1.750.000,00" in teks
    assert "Satu juta tujuh ratus lima puluh ribu rupiah" in teks
    assert "Dra. Sri Rahayu, M.Si." in teks and "NIP 196801011990032001" in teks
    assert "Halaman 1 dari 1" in teks
    # Kepala Dinas lacks the full-NIK capability: the NIK is masked on the letter.
    nik = dicairkan.perseorangan.nik
    assert nik not in teks and nik[:4] in teks


def test_kwitansi_tunai_dengan_terbilang_dan_bendahara(client_for, users, dicairkan):
    teks = _pdf(client_for(users["bendahara"]), reverse("laporan:kwitansi", args=[dicairkan.pk]))
    assert "KWITANSI" in teks
    assert dicairkan.pencairan.nomor_kwitansi in teks
    assert "Satu juta tujuh ratus lima puluh ribu rupiah" in teks
    assert "Rp 1.750.000,00" in teks
    assert "Budi Santoso, S.E." in teks and "198002022005011002" in teks
    assert "Sumarni Handayani" in teks


def test_kwitansi_pengobatan_ke_rekening_faskes(client_for, bansos_siap, wil):
    users = bansos_siap
    orang = penerima(desa=wil["desa2"], penilai=users["petugas"], nama="Paijo Widodo")
    p = sampai_dicairkan(users, orang, jenis=JenisBansos.PENGOBATAN, jumlah=3_250_000)
    teks = _pdf(client_for(users["petugas"]), reverse("laporan:kwitansi", args=[p.pk]))
    assert "TANDA TERIMA" in teks
    assert "1234567890" in teks and "RSUD Contoh" in teks  # B6: to the facility, never the patient
    assert "Tiga juta dua ratus lima puluh ribu rupiah" in teks


def test_berita_acara_verifikasi(client_for, users, dicairkan):
    teks = _pdf(
        client_for(users["verifikator"]), reverse("laporan:berita_acara", args=[dicairkan.pk])
    )
    v = dicairkan.verifikasi_set.get()
    assert "BERITA ACARA VERIFIKASI" in teks
    assert v.nomor_berita_acara in teks
    assert "Memenuhi syarat" in teks
    assert "Kartu Keluarga" in teks  # the B5 checklist
    assert "dua ribu" in teks  # the date in words


def test_surat_pengajuan_ke_bpkad_mendaftar_batch_dan_total(client_for, bansos_siap, wil):
    from bansos import services as sv

    from .conftest import ajukan, rekomendasikan, verifikasi

    users = bansos_siap
    ps = []
    for nama, jumlah in (("Tri Lestari", 1_250_000), ("Agus Prasetyo", 750_000)):
        orang = penerima(desa=wil["desa1"], penilai=users["petugas"], nama=nama)
        p = ajukan(users, orang, jumlah=jumlah)
        verifikasi(users, p)
        rekomendasikan(users, p)
        ps.append(p)
    batch = sv.pengajuan_pencairan_buat(
        permohonan_list=ps, oleh=users["kadis"], nomor_surat="900/077/408.40/2026"
    )
    teks = _pdf(client_for(users["kadis"]), reverse("laporan:surat_pengajuan", args=[batch.pk]))
    assert "900/077/408.40/2026" in teks
    assert "Badan Pengelolaan Keuangan dan Aset Daerah" in teks
    assert "Tri Lestari" in teks and "Agus Prasetyo" in teks
    assert "Rp 2.000.000,00" in teks
    assert "Dua juta rupiah" in teks


def test_ukuran_kertas_f4(client_for, users, dicairkan):
    from io import BytesIO

    from pypdf import PdfReader

    r = client_for(users["kadis"]).get(
        reverse("laporan:surat_rekomendasi", args=[dicairkan.pk]) + "?kertas=F4"
    )
    box = PdfReader(BytesIO(r.content)).pages[0].mediabox
    assert round(float(box.width) / 72 * 25.4) == 215
    assert round(float(box.height) / 72 * 25.4) == 330


def test_cetak_dicatat_di_riwayat(client_for, users, dicairkan):
    client_for(users["kadis"]).get(reverse("laporan:kwitansi", args=[dicairkan.pk]))
    assert Riwayat.objects.filter(aksi=Riwayat.Aksi.EKSPOR, pengguna=users["kadis"]).exists()


@pytest.mark.parametrize(
    "nama", ["laporan:surat_rekomendasi", "laporan:kwitansi", "laporan:berita_acara"]
)
def test_operator_desa_lain_mendapat_404(client_for, users, dicairkan, nama):
    """Section 4 / dinsos.akses: another wilayah's record is a 404 in every PDF."""
    url = reverse(nama, args=[dicairkan.pk])
    assert client_for(users["op_desa_lain"]).get(url).status_code == 404
    assert client_for(users["op_kec_lain"]).get(url).status_code == 404
    assert client_for(users["op_desa"]).get(url).status_code == 200
    assert client_for(users["op_kec"]).get(url).status_code == 200


def test_surat_pengajuan_404_bagi_operator_wilayah_lain(client_for, users, dicairkan):
    url = reverse("laporan:surat_pengajuan", args=[dicairkan.pengajuan_id])
    assert client_for(users["op_desa_lain"]).get(url).status_code == 404
    assert client_for(users["op_desa"]).get(url).status_code == 200


def test_surat_pengajuan_campuran_wilayah_tertutup_bagi_operator(client_for, bansos_siap, wil):
    """A batch that also lists another desa's recipient would show their data: 404."""
    from bansos import services as sv

    from .conftest import ajukan, rekomendasikan, verifikasi

    users = bansos_siap
    ps = []
    for desa in ("desa1", "desa3"):
        p = ajukan(users, penerima(desa=wil[desa], penilai=users["petugas"]))
        verifikasi(users, p)
        rekomendasikan(users, p)
        ps.append(p)
    batch = sv.pengajuan_pencairan_buat(
        permohonan_list=ps, oleh=users["kadis"], nomor_surat="900/078/2026"
    )
    url = reverse("laporan:surat_pengajuan", args=[batch.pk])
    assert client_for(users["op_desa"]).get(url).status_code == 404
    assert client_for(users["petugas"]).get(url).status_code == 200
    # ...and the application page does not offer the operator that dead link.
    detail = reverse("bansos:detail", args=[ps[0].pk])
    assert url not in client_for(users["op_desa"]).get(detail).content.decode()
    assert url in client_for(users["petugas"]).get(detail).content.decode()


def test_dokumen_belum_ada_404(client_for, bansos_siap, wil):
    from .conftest import ajukan

    users = bansos_siap
    p = ajukan(users, penerima(desa=wil["desa1"], penilai=users["petugas"]))
    c = client_for(users["kadis"])
    for nama in ("laporan:surat_rekomendasi", "laporan:kwitansi", "laporan:berita_acara"):
        assert c.get(reverse(nama, args=[p.pk])).status_code == 404


def test_tanpa_login_dialihkan(client, dicairkan):
    r = client.get(reverse("laporan:kwitansi", args=[dicairkan.pk]))
    assert r.status_code == 302
