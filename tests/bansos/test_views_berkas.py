"""Uploads and downloads through the pages: type by content, size limit with a clear message,
files served only by a view that applies the user's wilayah (404 outside it), logged (B9)."""

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import NoReverseMatch, reverse

from bansos.models import DokumenPermohonan
from bansos.models import StatusPermohonan as S
from dinsos.models import Riwayat
from tests.bansos.conftest import PDF_BYTES, PNG_BYTES, ajukan, ke_status, pdf

pytestmark = pytest.mark.django_db

SEMUA = ["op_desa", "op_desa_lain", "op_kec", "op_kec_lain", "petugas", "verifikator", "kadis",
         "bendahara", "admin"]  # fmt: skip
MELIHAT_DESA1 = {"op_desa", "op_kec", "petugas", "verifikator", "kadis", "bendahara", "admin"}


@pytest.fixture
def p(users, orang, aturan, pagu):
    return ajukan(users, orang, jumlah=1_500_000)


def _pesan(resp):
    return " ".join(str(m) for m in resp.context["messages"])


def test_unggah_memperbarui_checklist(client_for, users, p):
    c = client_for(users["op_desa"])
    resp = c.get(f"/bansos/{p.pk}/")
    assert resp.context["kurang"] == ["surat_permohonan", "ktp", "kk", "skm"]
    resp = c.post(
        f"/bansos/{p.pk}/unggah/",
        {
            "dok_ktp": pdf("ktp.pdf"),
            "dok_kk": SimpleUploadedFile("kk.png", PNG_BYTES, "image/png"),
        },
        follow=True,
    )
    assert "Dokumen telah diunggah" in _pesan(resp)
    assert resp.context["kurang"] == ["surat_permohonan", "skm"]
    baris = {b["kode"]: b for b in resp.context["checklist"]}
    assert baris["kk"]["dok"].tipe == "image/png" and baris["surat_permohonan"]["dok"] is None
    html = resp.content.decode()
    assert "✓" in html and "✗" in html


def test_unggah_ulang_mengganti_dan_versi_lama_disimpan(client_for, users, p):
    c = client_for(users["op_desa"])
    c.post(f"/bansos/{p.pk}/unggah/", {"dok_ktp": pdf("ktp1.pdf")})
    c.post(f"/bansos/{p.pk}/unggah/", {"dok_ktp": pdf("ktp2.pdf")})
    resp = c.get(f"/bansos/{p.pk}/")
    ktp = {b["kode"]: b for b in resp.context["checklist"]}["ktp"]
    assert ktp["dok"].nama_asli == "ktp2.pdf"
    assert DokumenPermohonan.objects.filter(permohonan=p, jenis_dokumen="ktp").count() == 2


def test_teks_berganti_nama_pdf_ditolak_dengan_pesan(client_for, users, p):
    palsu = SimpleUploadedFile("ktp.pdf", b"Ini sebenarnya teks biasa", "application/pdf")
    resp = client_for(users["op_desa"]).post(f"/bansos/{p.pk}/unggah/", {"dok_ktp": palsu})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "bukan PDF, JPEG atau PNG" in html
    assert "nama atau ekstensi berkas tidak menentukan jenisnya" in html
    assert not DokumenPermohonan.objects.exists()


def test_berkas_terlalu_besar_ditolak_dengan_pesan(client_for, users, p, settings):
    settings.UPLOAD_MAX_BYTES = 2048
    besar = pdf("kk.pdf", isi=PDF_BYTES + b"0" * 4096)
    resp = client_for(users["op_desa"]).post(f"/bansos/{p.pk}/unggah/", {"dok_kk": besar})
    assert resp.status_code == 200
    html = resp.content.decode()
    assert "melebihi batas 2 KB" in html and "Perkecil hasil pindaian" in html
    assert not DokumenPermohonan.objects.exists()


def test_unggah_tanpa_berkas_dijawab_pesan(client_for, users, p):
    resp = client_for(users["op_desa"]).post(f"/bansos/{p.pk}/unggah/", {})
    assert resp.status_code == 200 and "Pilih sedikitnya satu berkas" in resp.content.decode()


@pytest.mark.parametrize("peran", SEMUA)
def test_unggah_per_peran(client_for, users, p, peran):
    resp = client_for(users[peran]).post(f"/bansos/{p.pk}/unggah/", {"dok_ktp": pdf()})
    boleh = {"op_desa": 302, "petugas": 302, "op_desa_lain": 404}
    assert resp.status_code == boleh.get(peran, 403)
    assert DokumenPermohonan.objects.exists() == (peran in ("op_desa", "petugas"))


def test_unggah_setelah_verifikasi_dijawab_pesan(client_for, users, p):
    ke_status(users, p, "terverifikasi")
    resp = client_for(users["op_desa"]).post(
        f"/bansos/{p.pk}/unggah/", {"dok_ktp": pdf()}, follow=True
    )
    assert resp.status_code == 200 and "mengunggah dokumen hanya dapat dilakukan" in _pesan(resp)


# --- downloads --------------------------------------------------------------------------------


@pytest.fixture
def dok(users, p):
    from bansos import services as sv

    return sv.dokumen_unggah(
        permohonan=p, oleh=users["op_desa"], jenis_dokumen="ktp", berkas=pdf("KTP Budi.pdf")
    )


@pytest.mark.parametrize("peran", SEMUA)
def test_unduh_dokumen_per_peran(client_for, users, p, dok, peran):
    resp = client_for(users[peran]).get(f"/bansos/{p.pk}/dokumen/{dok.pk}/")
    if peran not in MELIHAT_DESA1:
        assert resp.status_code == 404
        assert not Riwayat.objects.filter(aksi=Riwayat.Aksi.UNDUH).exists()
        return
    assert resp.status_code == 200
    assert b"".join(resp.streaming_content) == PDF_BYTES
    assert resp["Content-Type"] == "application/pdf"
    assert resp["Content-Disposition"].startswith("attachment;")
    assert f"{p.nomor}-ktp.pdf" in resp["Content-Disposition"]
    assert "Budi" not in resp["Content-Disposition"]  # the original name may be personal data
    assert "no-store" in resp["Cache-Control"]
    r = Riwayat.objects.get(aksi=Riwayat.Aksi.UNDUH)
    assert r.pengguna == users[peran] and r.object_id == str(p.pk)
    assert r.perubahan == {"berkas": "Fotokopi KTP / surat keterangan Dinas Dukcapil"}


def test_unduh_dokumen_lewat_permohonan_lain_404(client_for, users, p, dok, wil):
    """The document id must belong to the application in the URL (no id guessing across)."""
    from tests.bansos.conftest import penerima

    o = penerima(desa=wil["desa1"], penilai=users["petugas"])
    p2 = ajukan(users, o)
    resp = client_for(users["op_desa"]).get(f"/bansos/{p2.pk}/dokumen/{dok.pk}/")
    assert resp.status_code == 404


def test_tidak_ada_media_url_untuk_berkas(client_for, users, p, dok):
    assert not settings.MEDIA_URL
    assert not str(settings.STORAGES["default"]["OPTIONS"]["location"]).startswith(
        str(settings.STATIC_ROOT)
    )
    resp = client_for(users["petugas"]).get("/" + dok.berkas.name)
    assert resp.status_code == 404
    html = client_for(users["petugas"]).get(f"/bansos/{p.pk}/").content.decode()
    assert dok.berkas.name not in html  # the stored path never reaches a page


def test_anonim_tidak_dapat_mengunduh(client, p, dok):
    resp = client.get(f"/bansos/{p.pk}/dokumen/{dok.pk}/")
    assert resp.status_code == 302 and "/masuk/" in resp["Location"]


@pytest.mark.parametrize("peran", SEMUA)
def test_unduh_bukti_pencairan_per_peran(client_for, users, p, peran):
    ke_status(users, p, "dicairkan")
    resp = client_for(users[peran]).get(f"/bansos/{p.pk}/bukti-pencairan/")
    assert resp.status_code == (200 if peran in MELIHAT_DESA1 else 404)
    if resp.status_code == 200:
        assert resp["Content-Disposition"].startswith("attachment;")
        assert Riwayat.objects.filter(aksi=Riwayat.Aksi.UNDUH, pengguna=users[peran]).exists()


def test_bukti_belum_ada_404(client_for, users, p):
    assert client_for(users["petugas"]).get(f"/bansos/{p.pk}/bukti-pencairan/").status_code == 404


def test_status_tetap_setelah_unduh(client_for, users, p, dok):
    client_for(users["verifikator"]).get(f"/bansos/{p.pk}/dokumen/{dok.pk}/")
    p.refresh_from_db()
    assert p.status == S.DIAJUKAN


def test_tautan_cetak_hanya_bila_ada(client_for, users, p):
    """Links to the laporan app's documents appear only for names it defines."""
    ke_status(users, p, "dicairkan")
    html = client_for(users["kadis"]).get(f"/bansos/{p.pk}/").content.decode()
    for nama, label in [
        ("laporan:surat_rekomendasi", "Surat rekomendasi"),
        ("laporan:kwitansi", "Kwitansi"),
        ("laporan:berita_acara", "Berita acara verifikasi"),
    ]:
        try:
            url = reverse(nama, args=[p.pk])
        except NoReverseMatch:
            assert f">{label}</a>" not in html
        else:
            assert url in html
